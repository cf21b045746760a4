"""``AWS::EKS::Cluster`` ``EncryptionConfig`` naming ``secrets`` encrypts Kubernetes Secrets
with the KMS key of ``Provider.KeyArn`` however the ARN is written: ``!GetAtt Key.Arn`` and a
parameter without a default FAILed GDCC-CLU-001 ("not encrypted"), as only a literal ARN
counted. ``Resources`` from a parameter crashed the mapping of the cluster. EKS authenticates
every caller with IAM: GDCC-CLU-006 was UNKNOWN on every CloudFormation cluster (PASS for
Terraform's ``aws_eks_cluster``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _cluster(name: str, config: str) -> str:
    return f"""\
  {name}:
    Type: AWS::EKS::Cluster
    Properties:
      RoleArn: arn:aws:iam::111122223333:role/eks
      ResourcesVpcConfig: {{SubnetIds: [subnet-1], EndpointPublicAccess: false}}
      EncryptionConfig: {config}
"""


TEMPLATE = (
    """\
Parameters:
  KeyArn: {Type: String}
  What: {Type: CommaDelimitedList}
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: {EnableKeyRotation: true}
"""
    + _cluster("ByGetAtt", "[{Resources: [secrets], Provider: {KeyArn: !GetAtt Key.Arn}}]")
    + _cluster("ByParameter", "[{Resources: [secrets], Provider: {KeyArn: !Ref KeyArn}}]")
    + _cluster("NoSecrets", "[{Resources: [configmaps], Provider: {KeyArn: !Ref KeyArn}}]")
    + _cluster("NotKnown", "[{Resources: !Ref What, Provider: {KeyArn: !Ref KeyArn}}]")
    + _cluster("NoKey", "[{Resources: [secrets]}]")
)


def test_secrets_key_written_from_a_function(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-001",)))
    assert not result.inputs[0].error
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    failed = (Status.FAIL, "Kubernetes Secrets are not encrypted with a managed key")
    passed = (Status.PASS, "Kubernetes Secrets are encrypted with a managed key")
    assert found == {
        "ByGetAtt": passed,
        "ByParameter": passed,
        "NoSecrets": failed,
        "NotKnown": (
            Status.UNKNOWN,
            "whether Kubernetes Secrets are encrypted with a managed key is not known from "
            "the input",
        ),
        "NoKey": failed,
    }


def test_eks_authenticates_with_iam(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CLU-006",)))
    assert {(f.address, f.status, f.message.en) for f in result.findings} == {
        (name, Status.PASS, "Cluster access uses directory identities, not local accounts")
        for name in ("ByGetAtt", "ByParameter", "NoSecrets", "NotKnown", "NoKey")
    }
