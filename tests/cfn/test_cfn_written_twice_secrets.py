"""A CloudFormation resource with a key written twice is skipped (which value AWS reads is
undefined), and a secret written in either value was not reported: a password in the first
value of ``MasterUserPassword`` (the last one a dynamic reference) PASSed by silence, though it
is in the file, every clone and the history. Each value is now read for its secrets (as Heat's
CloudFormation-like format is since 7546ce43): the resource is a secret holder judged by
GDCC-SECRET-001 only, a secret of the first value set at its line; the resource stays listed as
not assessed for everything else (aws17)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Enabled}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: Zq8vLw2Rt5KpXy
      MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Image: nginx:1.25
          Environment:
            - Name: DB_PASSWORD
              Value: Hunter22pwXq9
  Last:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"
      MasterUserPassword: Xk9mQ2vLpZr7Tw
  Plain:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: a
      BucketName: b
"""


def test_secrets_in_either_value_of_a_key_written_twice(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(cache=False))
    secrets = {
        f.address: (f.status, f.message.en)
        for f in result.findings if f.rule_id == "GDCC-SECRET-001"
    }
    assert secrets == {
        # the ignored first value, at its line
        "Db": (
            Status.FAIL,
            "a secret is written in plain text at 'MasterUserPassword' "
            f"(value set at {tmp_path / 'stack.yaml'}:12)",
        ),
        # written beside the key written twice: in both values, at the resource
        "Task": (
            Status.FAIL,
            "a secret is written in plain text at 'ContainerDefinitions.0.Environment.0.Value'",
        ),
        "Last": (
            Status.FAIL, "a secret is written in plain text at 'MasterUserPassword'"
        ),
        # no secret in either value: nothing (the resource is not assessed)
    }
    # only GDCC-SECRET-001 judges the skipped resources
    assert {f.address for f in result.findings if f.rule_id != "GDCC-SECRET-001"} <= {"Logs"}
    [found] = result.inputs
    assert found.status is InputStatus.PARTIALLY_ASSESSED
    assert found.error == (
        "resource 'Db': key 'MasterUserPassword' is written twice (first at line 12); AWS "
        "CloudFormation's handling of a key written twice is undefined, so which value counts "
        "is not known: that resource is skipped (only the secrets written in either value are "
        "reported)"
    )
    assert len(found.additional_errors) == 3
