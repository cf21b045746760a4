"""Databases reachable from the internet, each way a provider allows it: Cloud SQL public IPv4
(authorised networks read as address ranges), Azure SQL public network access (on by
default), OpenSearch outside a VPC, RDS publicly accessible (Terraform and CloudFormation)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_sql_database_instance" "split_internet" {
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled = true
      authorized_networks {
        value = "0.0.0.0/1"
      }
      authorized_networks {
        value = "128.0.0.0/1"
      }
    }
  }
}

resource "google_sql_database_instance" "private_ip" {
  database_version = "POSTGRES_15"
  region           = "asia-southeast1"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ipv4_enabled    = false
      private_network = "projects/p/global/networks/vpc"
    }
  }
}

resource "azurerm_mssql_server" "default_public" {
  name                         = "default-public"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "sqladmin"
  administrator_login_password = var.sql_password
}

resource "azurerm_mssql_server" "closed" {
  name                          = "closed"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  version                       = "12.0"
  public_network_access_enabled = false
}

resource "aws_opensearch_domain" "outside_vpc" {
  domain_name = "outside"
}

resource "aws_opensearch_domain" "in_vpc" {
  domain_name = "inside"
  vpc_options {
    subnet_ids = ["subnet-1"]
  }
}

resource "aws_db_instance" "public" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = true
}

variable "sql_password" {
  type      = string
  sensitive = true
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  PublicDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: true
  PrivateDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: false
  OpenSearch:
    Type: AWS::OpenSearchService::Domain
  OpenSearchInVpc:
    Type: AWS::OpenSearchService::Domain
    Properties:
      VPCOptions:
        SubnetIds: [subnet-1]
"""


def test_public_database_endpoints(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "template.yaml").write_text(TEMPLATE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    verdicts = {f.address: f.status for f in result.findings}
    assert verdicts == {
        "google_sql_database_instance.split_internet": Status.FAIL,
        "google_sql_database_instance.private_ip": Status.PASS,
        "azurerm_mssql_server.default_public": Status.FAIL,
        "azurerm_mssql_server.closed": Status.PASS,
        "aws_opensearch_domain.outside_vpc": Status.FAIL,
        "aws_opensearch_domain.in_vpc": Status.PASS,
        "aws_db_instance.public": Status.FAIL,
        "PublicDb": Status.FAIL,
        "PrivateDb": Status.PASS,
        "OpenSearch": Status.FAIL,
        "OpenSearchInVpc": Status.PASS,
    }
