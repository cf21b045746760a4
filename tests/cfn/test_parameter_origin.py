"""A CloudFormation value taken from a parameter's default points at that default's line."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Acl:
    Type: String
    Default: PublicRead
  Enc:
    Type: String
    Default: "false"
Resources:
  Site:
    Type: AWS::S3::Bucket
    Properties:
      AccessControl: !Ref Acl
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: ap-southeast-7a
      Size: 10
      Encrypted: !Ref Enc
"""


def test_value_set_at_parameter_default(tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    result = audit([path], Settings(rule_ids=("GDCC-DATA-001", "GDCC-ENC-001")))
    failing = {
        (f.rule_id, f.address): (f.message.en, f.evidence["value_set_at"])
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert failing == {
        ("GDCC-DATA-001", "Site"): (
            f"anyone on the internet can read this store (value set at {path}:4)",
            {"public_access": f"{path}:4"},
        ),
        ("GDCC-ENC-001", "Data"): (
            f"encryption at rest is off (value set at {path}:7)",
            {"encrypted_at_rest": f"{path}:7"},
        ),
    }


NESTED = """\
Parameters:
  PublicApi:
    Type: String
    AllowedValues: ["true", "false"]
    Default: "true"
Resources:
  Cluster:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig:
        SubnetIds: [subnet-1]
        EndpointPublicAccess: !Ref PublicApi
"""


def test_value_set_at_parameter_default_of_a_nested_property(tmp_path: Path) -> None:
    path = tmp_path / "stack.yaml"
    path.write_text(NESTED, encoding="utf-8")
    result = audit([path], Settings(rule_ids=("GDCC-CLU-002",)))
    [finding] = result.findings
    assert finding.status == Status.FAIL
    assert finding.evidence["value_set_at"] == {"public_endpoint": f"{path}:5"}
