"""A secret written in a branch of an ``Fn::If`` whose condition is not decided was read by no
rule: the property resolved to a value not known, so an environment variable ``DB_PASSWORD``
written ``!If [IsProd, Hunter22pwX, !Ref AWS::NoValue]``, or a ``MasterUserPassword`` written
as a dynamic reference in one branch and a literal in the other, PASSed GDCC-SECRET-001. The
properties are now read once per way the conditions not decided can be together, each
``Fn::If`` taking its condition's branch (``branch_secrets``). A secret a branch no deployment
takes (``IsProd`` and ``NotProd`` both true) writes whole is still in the template: each branch
is also read alone, as user data's texts are (aws18; it PASSed)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Env: {Type: String}
  UseSecret: {Type: String, AllowedValues: ["yes", "no"]}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  NotProd: !Not [Condition: IsProd]
  Secret: !Equals [!Ref UseSecret, "yes"]
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Environment:
            - Name: DB_PASSWORD
              Value: !If [IsProd, Hunter22pwX, !Ref AWS::NoValue]
  Never:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Environment:
            - Name: DB_PASSWORD
              Value: !If [IsProd, !If [NotProd, Hunter22pwX, !Ref AWS::NoValue], !Ref AWS::NoValue]
  Referenced:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: app
          Image: nginx
          Environment:
            - Name: DB_PASSWORD
              Value: !If [IsProd, !If [NotProd, !Ref Env, !Ref AWS::NoValue], !Ref AWS::NoValue]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: admin
      MasterUserPassword: !If
        - IsProd
        - "{{resolve:secretsmanager:db:SecretString:password}}"
        - Zq8vLw2Rt5KpXy
"""
PASS = (Status.PASS, "No secrets are written in configuration")


def test_a_secret_in_a_branch_not_decided_is_written(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "Task": (
            Status.FAIL,
            "a secret is written in plain text at 'ContainerDefinitions.0.Environment.0.Value'",
        ),
        "Never": (
            Status.FAIL,
            "a secret is written in plain text at 'ContainerDefinitions.0.Environment.0.Value'",
        ),
        "Referenced": PASS,
        "Db": (Status.FAIL, "a secret is written in plain text at 'MasterUserPassword'"),
    }
