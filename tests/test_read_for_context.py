"""Types no rule judges on their own but that the mappers read for other resources (a
database's parameter group, the account's EBS encryption by default) are reported as "read for
context" with the types that read them, not as "not judged" (they were "not judged" in
Terraform, and silent in CloudFormation); with no reading resource in the root they are not
read, and stay "not judged"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.result import ContextUse
from gdcc_audit.normalize.terraform import registry
from gdcc_audit.normalize.terraform.context_types import CONTEXT_TYPES
from gdcc_audit.settings import Settings

TF = """\
resource "aws_db_parameter_group" "pg" {
  name   = "pg"
  family = "postgres16"
  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "db" {
  identifier           = "db"
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  parameter_group_name = aws_db_parameter_group.pg.name
  storage_encrypted    = true
}

resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_glue_job" "etl" {
  name     = "etl"
  role_arn = "arn:aws:iam::111122223333:role/etl"
  command {
    script_location = "s3://scripts/etl.py"
  }
}
"""

CFN = """\
Resources:
  Group:
    Type: AWS::RDS::DBParameterGroup
    Properties: {Family: postgres16, Description: tls, Parameters: {rds.force_ssl: 1}}
  Unused:
    Type: AWS::RDS::DBClusterParameterGroup
    Properties: {Family: aurora-postgresql16, Description: tls, Parameters: {rds.force_ssl: 1}}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      DBParameterGroupName: !Ref Group
      StorageEncrypted: true
"""


def test_table_names_unmapped_types_read_by_mapped_ones() -> None:
    for kind, readers in CONTEXT_TYPES.items():
        assert kind not in registry.MAPPINGS, kind
        assert kind not in registry.COMPANIONS, kind
        assert readers, kind
        assert all(reader in registry.MAPPINGS for reader in readers), (kind, readers)


def test_context_types_are_named_with_their_readers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert result.read_for_context == {
        "aws_db_parameter_group": ContextUse(count=1, used_by=("aws_db_instance",)),
        "AWS::RDS::DBParameterGroup": ContextUse(count=1, used_by=("AWS::RDS::DBInstance",)),
    }
    # no instance, volume or template in the root reads the account setting: not read
    assert result.not_judged == {
        "AWS::RDS::DBClusterParameterGroup": 1,
        "aws_ebs_encryption_by_default": 1,
        "aws_glue_job": 1,
    }
    assert run(["scan", str(tmp_path), "--fail-on", "none"]) == 0
    out = capsys.readouterr().out
    assert (
        "Read for context (judged through the resources that use them, not on their own): 2 "
        "resources: AWS::RDS::DBParameterGroup 1 (for AWS::RDS::DBInstance), "
        "aws_db_parameter_group 1 (for aws_db_instance)"
    ) in " ".join(out.split())
    assert run(["scan", str(tmp_path), "--format", "json", "--fail-on", "none"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["read_for_context"]["aws_db_parameter_group"] == {
        "count": 1,
        "used_by": ["aws_db_instance"],
    }
    assert "aws_db_parameter_group" not in data["not_judged"]
    html = tmp_path / "report.html"
    assert run(
        ["scan", str(tmp_path), "--format", "html", "-o", str(html), "--lang", "en",
         "--fail-on", "none"]
    ) == 0
    page = " ".join(html.read_text(encoding="utf-8").split())
    assert (
        "Resources read only for what they say of other resources (2), judged through those "
        'resources: <span class="code">AWS::RDS::DBParameterGroup</span> 1 (for <span '
        'class="code">AWS::RDS::DBInstance</span>)'
    ) in page


def test_account_setting_read_when_a_volume_is_in_the_root(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_ebs_encryption_by_default" "on" {\n  enabled = true\n}\n\n'
        'resource "aws_ebs_volume" "data" {\n  availability_zone = "ap-southeast-7a"\n'
        "  size              = 10\n}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings())
    assert result.read_for_context == {
        "aws_ebs_encryption_by_default": ContextUse(count=1, used_by=("aws_ebs_volume",)),
    }
    assert result.not_judged == {}


def test_folded_cloudformation_types_are_read_for_context(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(
        "Resources:\n"
        "  Net:\n    Type: AWS::OpenSearchServerless::SecurityPolicy\n"
        "    Properties: {Name: net, Type: network, Policy: '[]'}\n"
        "  Logs:\n    Type: AWS::OpenSearchServerless::Collection\n"
        "    Properties: {Name: logs}\n"
        "  Route:\n    Type: AWS::ApiGatewayV2::Route\n"
        "    Properties: {ApiId: abc123, RouteKey: GET /items}\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings())
    assert result.read_for_context == {
        "AWS::OpenSearchServerless::SecurityPolicy": ContextUse(
            count=1, used_by=("AWS::OpenSearchServerless::Collection",)
        ),
    }
    # no stage of the template serves the route: read by nothing
    assert result.not_judged == {"AWS::ApiGatewayV2::Route": 1}


def test_aurora_instance_reads_its_db_parameter_group(tmp_path: Path) -> None:
    """An Aurora instance's own DB parameter group decides its connection logging
    (GDCC-DB-004): read for context, not "not judged" (it was, in a root of Aurora
    instances only, as in cloudposse/terraform-aws-rds-cluster)."""
    (tmp_path / "main.tf").write_text(
        """
resource "aws_rds_cluster" "c" {
  cluster_identifier = "c"
  engine             = "aurora-postgresql"
  master_username    = "app"
  manage_master_user_password = true
}
resource "aws_db_parameter_group" "instance" {
  name   = "instance"
  family = "aurora-postgresql16"
  parameter {
    name  = "log_connections"
    value = "1"
  }
}
resource "aws_rds_cluster_instance" "i" {
  cluster_identifier      = aws_rds_cluster.c.id
  engine                  = "aurora-postgresql"
  instance_class          = "db.r6g.large"
  db_parameter_group_name = aws_db_parameter_group.instance.name
}
""",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings())
    assert result.read_for_context == {
        "aws_db_parameter_group": ContextUse(count=1, used_by=("aws_rds_cluster_instance",)),
    }
    assert "aws_db_parameter_group" not in result.not_judged
