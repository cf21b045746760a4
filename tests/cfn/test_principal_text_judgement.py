"""One judgement of a principal written as text around values not known
(``normalize.principal_text``), for policies and Lambda permissions alike.

A Lambda permission read any text beside a parameter as never ``*``, so
``arn:aws:iam::${Account}:root`` PASSed though ``arn:aws:iam::*:root`` is read as public in a
policy, where the same text stayed UNKNOWN; and a policy's principal with a parameter as a
role's name (``arn:aws:iam::111122223333:role/${RoleName}``) was UNKNOWN though IAM refuses
a principal ARN with a wildcard part. Now both read: an account's root whose account may be
``*`` may be everyone; a parameter elsewhere in an ARN cannot make it everyone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

ROLE = """\
Parameters:
  Account:
    Type: String
  RoleName:
    Type: String
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: PRINCIPAL}
            Action: sts:AssumeRole
  Data:
    Type: AWS::S3::Bucket
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {AWS: PRINCIPAL}
            Action: s3:GetObject
            Resource: !Sub "${Data.Arn}/*"
  Function:
    Type: AWS::Lambda::Function
    Properties:
      Code: {ZipFile: "def handler(event, context): return 1"}
      Handler: index.handler
      Role: !GetAtt Role.Arn
      Runtime: python3.12
  Invoke:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: !Ref Function
      Principal: PRINCIPAL
"""
RULES = ("GDCC-IAM-008", "GDCC-DATA-001", "GDCC-CMP-011")
NAMED = {
    ("Role", "GDCC-IAM-008"): ("PASS", "Roles cannot be assumed by anyone"),
    ("Data", "GDCC-DATA-001"): ("PASS", "Storage is not publicly readable"),
    ("Function", "GDCC-CMP-011"): (
        "PASS", "Functions cannot be invoked by anyone on the internet"
    ),
}
MAY_BE_EVERYONE = {
    ("Role", "GDCC-IAM-008"): (
        "UNKNOWN",
        "who may assume this role is not known (granted by statement 1 may allow everyone"
        " (principal or condition not known) in AssumeRolePolicyDocument)",
    ),
    ("Data", "GDCC-DATA-001"): (
        "UNKNOWN",
        "public access is not known: statement 1 may allow everyone (principal or condition"
        " not known) in DataPolicy",
    ),
    ("Function", "GDCC-CMP-011"): (
        "UNKNOWN",
        "whether anyone on the internet can access it is not known from the input",
    ),
}


def _verdicts(tmp_path: Path, principal: str) -> dict[tuple[str, str], tuple[str, str]]:
    (tmp_path / "t.yaml").write_text(ROLE.replace("PRINCIPAL", principal), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {
        (str(f.address), f.rule_id): (f.status.value, f.message.en) for f in result.findings
        if (str(f.address), f.rule_id) in NAMED
    }


@pytest.mark.parametrize("principal", [
    # it was: IAM-008 and DATA-001 UNKNOWN (a parameter in the role's name), CMP-011 PASS
    '!Sub "arn:aws:iam::111122223333:role/${RoleName}"',
    '!Sub "arn:${AWS::Partition}:iam::${Account}:role/${RoleName}"',
    # it was: IAM-008 and DATA-001 UNKNOWN (Fn::Join was not read in a policy), CMP-011 PASS
    '!Join ["", ["arn:aws:iam::", !Ref "AWS::AccountId", ":role/", !Ref RoleName]]',
])
def test_a_parameter_in_a_role_name_cannot_make_it_everyone(
    tmp_path: Path, principal: str
) -> None:
    assert _verdicts(tmp_path, principal) == NAMED


@pytest.mark.parametrize("principal", [
    # it was: CMP-011 PASS (the Lambda permission read any text beside a parameter as never
    # '*'); IAM-008 and DATA-001 UNKNOWN as now
    '!Sub "arn:aws:iam::${Account}:root"',
    '!Join ["", ["arn:aws:iam::", !Ref Account, ":root"]]',
    # (a guard: the same on main) a parameter giving the whole principal
    '!Sub "${Account}"',
])
def test_a_root_whose_account_may_be_a_wildcard_may_be_everyone(
    tmp_path: Path, principal: str
) -> None:
    assert _verdicts(tmp_path, principal) == MAY_BE_EVERYONE


def test_a_root_of_this_account_is_not_everyone(tmp_path: Path) -> None:
    # (a guard: the same on main) the pseudo parameter is never '*'
    assert _verdicts(tmp_path, '!Sub "arn:aws:iam::${AWS::AccountId}:root"') == NAMED
