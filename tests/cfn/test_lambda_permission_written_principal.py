"""GDCC-CMP-011: an ``AWS::Lambda::Permission`` whose principal is text over parameters.

aws-samples/serverless-patterns sfn-lambda-function-crossaccount lets another account's Step
Functions role invoke the function: ``Principal: !Sub [arn:aws:iam::${AccountId}:role/
${RoleName}, {AccountId: !Ref FirstAccountID, RoleName: !Ref StepFunctionRoleName}]``, the
parameters without a default. The principal was not known, so the function was UNKNOWN
"whether anyone on the internet can access it". Text written beside the parameters is in the
value, so it is never ``*``, and IAM refuses a principal ARN with a wildcard part: the
permission lets in one principal, not everyone. A principal a parameter gives whole may be
``*`` and stays not known, as does an account's root whose account a parameter gives
(``normalize.principal_text``: policies read it so).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  FirstAccountID:
    Type: String
  StepFunctionRoleName:
    Type: String
Resources:
  LambdaRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
  LambdaFunction:
    Type: AWS::Lambda::Function
    Properties:
      Code: {ZipFile: "def handler(event, context): return 1"}
      Handler: index.handler
      Role: !GetAtt LambdaRole.Arn
      Runtime: python3.12
  LambdaResourcePolicy:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref LambdaFunction
      Principal: PRINCIPAL
"""
SUB_WITH_MAP = (
    '!Sub ["arn:aws:iam::${AccountId}:role/${RoleName}", '
    "{AccountId: !Ref FirstAccountID, RoleName: !Ref StepFunctionRoleName}]"
)
NOT_PUBLIC = (Status.PASS, "Functions cannot be invoked by anyone on the internet")
NOT_KNOWN = (
    Status.UNKNOWN, "whether anyone on the internet can access it is not known from the input"
)


def _function(tmp_path: Path, principal: str) -> tuple[Status, str]:
    (tmp_path / "template.yaml").write_text(
        TEMPLATE.replace("PRINCIPAL", principal), encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-011",)))
    (found,) = [f for f in result.findings if f.address == "LambdaFunction"]
    return found.status, found.message.en


@pytest.mark.parametrize("principal", [
    SUB_WITH_MAP,
    '!Sub "arn:aws:iam::${FirstAccountID}:role/${StepFunctionRoleName}"',
    '!Join [":", [!Ref FirstAccountID, !Ref StepFunctionRoleName]]',
])
def test_text_beside_the_parameters_is_never_everyone(tmp_path: Path, principal: str) -> None:
    # it was: UNKNOWN "whether anyone on the internet can access it is not known"
    assert _function(tmp_path, principal) == NOT_PUBLIC


@pytest.mark.parametrize("principal", [
    "!Ref StepFunctionRoleName",
    '!Sub "${StepFunctionRoleName}"',
    '!Join ["", ["*", !Ref StepFunctionRoleName]]',
    # an account's root whose account may be '*' (``arn:aws:iam::*:root``, read as public in
    # a policy): the same judgement as policies' since stop 52 (it PASSed here)
    '!Join ["", ["arn:aws:iam::", !Ref FirstAccountID, ":root"]]',
])
def test_a_parameter_giving_the_whole_principal_may_be_everyone(
    tmp_path: Path, principal: str
) -> None:
    # (a guard: the same on main)
    assert _function(tmp_path, principal) == NOT_KNOWN
