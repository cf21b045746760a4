"""GDCC-IAM-008: a trust principal given by a parameter that can never be ``*``.

aws-samples/amazon-sagemaker-secure-mlops trusts ``AWS: !Ref AdministratorAccountId``, a
``String`` with ``MinLength: 12`` and ``MaxLength: 12``; others write ``AllowedPattern:
^\\d{12}$`` and build ``arn:${AWS::Partition}:iam::${Account}:root``. CloudFormation refuses
a value its constraints do not admit, and IAM refuses a principal ARN with a wildcard part:
such a parameter names one account, not everyone. It was UNKNOWN "who may assume this role is
not known (... may allow everyone (principal or condition not known) ...)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PASSED = "Roles cannot be assumed by anyone"
NOT_KNOWN = (
    "who may assume this role is not known (granted by statement 1 may allow everyone"
    " (principal or condition not known) in AssumeRolePolicyDocument)"
)

TEMPLATE = """\
Parameters:
  Account:
    Type: TYPE
CONSTRAINT
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: PRINCIPAL}
            Action: sts:AssumeRole
"""
REF = "!Ref Account"
SUB = '!Sub "arn:${AWS::Partition}:iam::${Account}:root"'


def _role(tmp_path: Path, constraint: str, principal: str, kind: str = "String") -> tuple:
    text = TEMPLATE.replace("TYPE", kind).replace("CONSTRAINT", constraint).replace(
        "PRINCIPAL", principal
    )
    (tmp_path / "roles.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    (found,) = result.findings
    return found.status, found.message.en


@pytest.mark.parametrize("principal", [REF, SUB])
@pytest.mark.parametrize("constraint", [
    "    MinLength: 12\n    MaxLength: 12",
    "    AllowedPattern: ^\\d{12}$",
    "    AllowedPattern: '[0-9]{12}'",
    "    AllowedValues: ['111122223333', '444455556666']\n    Default: '111122223333'",
])
def test_an_account_id_parameter_is_not_everyone(
    tmp_path: Path, constraint: str, principal: str
) -> None:
    # it was: UNKNOWN, NOT_KNOWN (but the AllowedValues one, read per value: a guard)
    assert _role(tmp_path, constraint, principal) == (Status.PASS, PASSED)


def test_a_number_parameter_is_not_everyone(tmp_path: Path) -> None:
    # it was: UNKNOWN, NOT_KNOWN
    assert _role(tmp_path, "", REF, kind="Number") == (Status.PASS, PASSED)


@pytest.mark.parametrize(("constraint", "kind"), [
    ("", "String"),
    ("    AllowedPattern: '.*'", "String"),
    ("    MinLength: 1", "String"),
    ("    AllowedPattern: ^\\d{12}$", "CommaDelimitedList"),
])
def test_a_parameter_that_may_be_a_wildcard_stays_not_known(
    tmp_path: Path, constraint: str, kind: str
) -> None:
    # (a guard: the same on main) "*" is admitted, or a list (each item may be "*")
    assert _role(tmp_path, constraint, REF, kind=kind) == (Status.UNKNOWN, NOT_KNOWN)


IF_TEMPLATE = """\
Parameters:
  Account:
    Type: String
    MinLength: 12
    MaxLength: 12
  PipelineRoleArn:
    Type: String
    Default: DEFAULT
Conditions:
  NoPipelineRole: !Equals [!Ref PipelineRoleArn, '']
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !If
                - NoPipelineRole
                - !Sub arn:aws:iam::${Account}:role/service-role/UseRole
                - !Ref PipelineRoleArn
            Action: sts:AssumeRole
"""


@pytest.mark.parametrize(("default", "expected"), [
    ("''", (Status.PASS, PASSED)),  # it was: UNKNOWN (the branch taken names an account)
    ("'*'", (Status.FAIL, None)),  # (a guard) the other branch, "*"
])
def test_the_branch_of_an_if_taken_is_read(
    tmp_path: Path, default: str, expected: tuple
) -> None:
    # amazon-sagemaker-secure-mlops SageMakerModelExecutionRole's shape
    (tmp_path / "roles.yaml").write_text(
        IF_TEMPLATE.replace("DEFAULT", default), encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    (found,) = result.findings
    assert found.status is expected[0]
    if expected[1] is not None:
        assert found.message.en == expected[1]
