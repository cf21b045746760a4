"""GDCC-DB-001: an RDS instance or Aurora cluster joined to an Active Directory domain takes
directory (Kerberos) sign-in: "Amazon RDS supports external authentication of database users
using Kerberos and Microsoft Active Directory" (RDS User Guide, Kerberos authentication).
terraform-aws-modules/terraform-aws-rds's complete-mssql example (``domain =
aws_directory_service_directory.demo.id``) FAILed "IAM / directory authentication is off".
Terraform ``domain`` (AWS Managed Microsoft AD) / ``domain_fqdn`` (self-managed), CloudFormation
``Domain`` / ``DomainFqdn``; a domain not known with IAM authentication off is UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CONFIG = """\
variable "domain" { type = string }
resource "aws_directory_service_directory" "ad" {
  name     = "corp.example.com"
  password = var.domain
  type     = "MicrosoftAD"
  vpc_settings {
    vpc_id     = "vpc-1"
    subnet_ids = ["subnet-1", "subnet-2"]
  }
}
resource "aws_db_instance" "mssql" {
  identifier           = "mssql"
  engine               = "sqlserver-ex"
  instance_class       = "db.t3.large"
  allocated_storage    = 20
  username             = "admin"
  manage_master_user_password = true
  domain               = aws_directory_service_directory.ad.id
  domain_iam_role_name = "rds-ad"
}
resource "aws_db_instance" "selfmanaged" {
  identifier        = "pg"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "admin"
  manage_master_user_password = true
  domain_fqdn       = "corp.example.com"
  domain_ou         = "OU=RDS,DC=corp,DC=example,DC=com"
  domain_auth_secret_arn = "arn:aws:secretsmanager:ap-southeast-1:111122223333:secret:ad"
  domain_dns_ips    = ["10.0.0.10", "10.0.1.10"]
}
resource "aws_db_instance" "maybe" {
  identifier        = "maybe"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "admin"
  manage_master_user_password = true
  domain            = var.domain
}
resource "aws_db_instance" "plain" {
  identifier        = "plain"
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "admin"
  manage_master_user_password = true
}
resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
  master_username    = "admin"
  manage_master_user_password = true
  domain               = aws_directory_service_directory.ad.id
  domain_iam_role_name = "rds-ad"
}
"""

TEMPLATE = """\
Parameters:
  DirectoryId: {Type: String}
Resources:
  Directory:
    Type: AWS::DirectoryService::MicrosoftAD
    Properties:
      Name: corp.example.com
      Password: '{{resolve:secretsmanager:ad:SecretString:password}}'
      VpcSettings: {VpcId: vpc-1, SubnetIds: [subnet-1, subnet-2]}
  Joined:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: sqlserver-se
      DBInstanceClass: db.m5.large
      AllocatedStorage: "20"
      ManageMasterUserPassword: true
      MasterUsername: admin
      Domain: !Ref Directory
      DomainIAMRoleName: rds-ad
  Maybe:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: sqlserver-se
      DBInstanceClass: db.m5.large
      AllocatedStorage: "20"
      ManageMasterUserPassword: true
      MasterUsername: admin
      Domain: !Ref DirectoryId
"""
PASS = "Databases authenticate users through the directory (IAM / Entra ID)"


def _found(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-DB-001",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_terraform_domain_joined_databases(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(CONFIG, encoding="utf-8")
    assert _found(tmp_path) == {
        "aws_db_instance.mssql": (
            Status.PASS,
            f"{PASS} (users sign in with Kerberos through the Active Directory domain it "
            "joins (domain))",
        ),
        "aws_db_instance.selfmanaged": (
            Status.PASS,
            f"{PASS} (users sign in with Kerberos through the Active Directory domain it "
            "joins (domain_fqdn))",
        ),
        "aws_rds_cluster.aurora": (
            Status.PASS,
            f"{PASS} (users sign in with Kerberos through the Active Directory domain it "
            "joins (domain))",
        ),
        "aws_db_instance.maybe": (
            Status.UNKNOWN,
            "whether IAM / directory authentication is on is not known from the input: IAM "
            "authentication is off, and domain (an Active Directory domain it may join for "
            "Kerberos sign-in) is not known",
        ),
        "aws_db_instance.plain": (Status.FAIL, "IAM / directory authentication is off"),
    }


def test_cloudformation_domain_joined_databases(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    assert {k: v[0] for k, v in _found(tmp_path).items()} == {
        "Joined": Status.PASS,
        "Maybe": Status.UNKNOWN,
    }


MODULE = '''\
variable "domain" {
  type    = string
  default = null
}
variable "iam_database_authentication_enabled" {
  type    = bool
  default = false
}
resource "aws_db_instance" "this" {
  identifier                          = "mssql"
  engine                              = "sqlserver-ex"
  instance_class                      = "db.t3.large"
  allocated_storage                   = 20
  username                            = "admin"
  manage_master_user_password         = true
  domain                              = var.domain
  iam_database_authentication_enabled = var.iam_database_authentication_enabled
}
'''
CALLER = '''\
module "db" {
  source = "./mod"
  domain = "d-1234567890"
}
'''


def test_domain_through_a_module_names_no_iam_default(tmp_path: Path) -> None:
    """The terraform-aws-modules shape: the PASS gives the domain as its reason, not "value
    set at" the IAM flag's default (which does not decide it)."""
    (tmp_path / "mod").mkdir()
    (tmp_path / "mod" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(CALLER, encoding="utf-8")
    assert _found(tmp_path) == {
        "module.db.aws_db_instance.this": (
            Status.PASS,
            f"{PASS} (users sign in with Kerberos through the Active Directory domain it "
            "joins (domain))",
        )
    }
