"""A CloudFormation ``AWS::SecretsManager::Secret`` is rotated only when an
``AWS::SecretsManager::RotationSchedule`` turns rotation on (DescribeSecret: "If the secret has
never been configured for rotation, Secrets Manager returns null"). GDCC-SECRET-002 was
UNKNOWN on every such secret, with or without a schedule (the schedule was not read)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Plain:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: {PasswordLength: 30}
  Rotated:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: {PasswordLength: 30}
  Schedule:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: !Ref Rotated
      HostedRotationLambda: {RotationType: MySQLSingleUser}
      RotationRules: {AutomaticallyAfterDays: 30}
  Elsewhere:
    Type: AWS::SecretsManager::RotationSchedule
    Properties:
      SecretId: arn:aws:secretsmanager:ap-southeast-7:111122223333:secret:other
      RotationRules: {AutomaticallyAfterDays: 30}
"""


def test_secret_rotation_comes_from_its_schedule(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-002",)))
    found = {f.address: f for f in result.findings}
    assert {a: (f.status, f.message.en) for a, f in found.items()} == {
        "Plain": (
            Status.FAIL,
            "automatic rotation is off (provider default: "
            "'AWS::SecretsManager::RotationSchedule' not set; rotation is on if it was turned "
            "on outside the template (a rotation schedule of another stack, the console or "
            "the API))",
        ),
        "Rotated": (Status.PASS, "Stored secrets are rotated automatically"),
    }
    assert found["Plain"].evidence["defaults"]["key_rotation"]["documentation"] == (
        "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DescribeSecret.html"
    )
    assert "defaults" not in found["Rotated"].evidence
