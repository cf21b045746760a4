"""AWS Transfer Family servers (normalize/transfer_servers.py): an SFTP / FTPS / FTP endpoint
in front of buckets or file systems, mapped as ``storage.file_share``. The endpoint type
defaults to PUBLIC (port 22 from every address, no security group): a server holding
classified data FAILs GDCC-GRAPH-001; a VPC endpoint with Elastic IPs is internet-facing
through its security groups (not read: UNKNOWN); a VPC endpoint without is reached from the
VPC only (PASS). Not read before (no finding)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_transfer_server" "public" {
  tags = { DataClassification = "confidential", PersonalData = "true" }
}
resource "aws_transfer_server" "eips" {
  endpoint_type = "VPC"
  endpoint_details {
    vpc_id                 = "vpc-1"
    subnet_ids             = ["subnet-1"]
    address_allocation_ids = ["eipalloc-1"]
  }
  tags = { DataClassification = "confidential", PersonalData = "true" }
}
resource "aws_transfer_server" "internal" {
  endpoint_type = "VPC"
  endpoint_details {
    vpc_id     = "vpc-1"
    subnet_ids = ["subnet-1"]
  }
  protocols = ["FTP"]
  tags = { DataClassification = "confidential", PersonalData = "true" }
}
resource "aws_transfer_server" "custom" {
  identity_provider_type = "AWS_LAMBDA"
  function               = "arn:aws:lambda:us-east-1:123456789012:function:auth"
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Public:
    Type: AWS::Transfer::Server
    Properties:
      Tags: [{Key: DataClassification, Value: confidential}]
  Eips:
    Type: AWS::Transfer::Server
    Properties:
      EndpointType: VPC
      EndpointDetails:
        VpcId: vpc-1
        SubnetIds: [subnet-1]
        AddressAllocationIds: [eipalloc-1]
      Tags: [{Key: DataClassification, Value: confidential}]
  Internal:
    Type: AWS::Transfer::Server
    Properties:
      EndpointType: VPC
      EndpointDetails: {VpcId: vpc-1, SubnetIds: [subnet-1]}
      Protocols: [FTP]
      Tags: [{Key: DataClassification, Value: confidential}]
"""

RULES = ("GDCC-GRAPH-001", "GDCC-DATA-001")


def _found(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[Status, str]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=RULES, cache=False))
    assert result.not_judged == {}
    return {
        (f.rule_id, f.address or f.resource_name or ""): (f.status, f.message.en)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def test_terraform_transfer_servers(tmp_path: Path) -> None:
    found = _found(tmp_path, "main.tf", TF)
    assert {k: s for k, (s, _) in found.items()} == {
        ("GDCC-GRAPH-001", "aws_transfer_server.public"): Status.FAIL,
        ("GDCC-GRAPH-001", "aws_transfer_server.eips"): Status.UNKNOWN,
        ("GDCC-GRAPH-001", "aws_transfer_server.internal"): Status.PASS,
        ("GDCC-DATA-001", "aws_transfer_server.public"): Status.PASS,
        ("GDCC-DATA-001", "aws_transfer_server.eips"): Status.PASS,
        ("GDCC-DATA-001", "aws_transfer_server.internal"): Status.PASS,
        # a custom identity provider decides by code the scan does not hold
        ("GDCC-DATA-001", "aws_transfer_server.custom"): Status.UNKNOWN,
    }
    assert found[("GDCC-GRAPH-001", "aws_transfer_server.public")][1] == (
        "public holds confidential data and is reachable from the internet: "
        "internet → public:22"
    )


def test_cloudformation_transfer_servers(tmp_path: Path) -> None:
    found = _found(tmp_path, "template.yaml", TEMPLATE)
    assert {k: s for k, (s, _) in found.items() if k[0] == "GDCC-GRAPH-001"} == {
        ("GDCC-GRAPH-001", "Public"): Status.FAIL,
        ("GDCC-GRAPH-001", "Eips"): Status.UNKNOWN,
        ("GDCC-GRAPH-001", "Internal"): Status.PASS,
    }
