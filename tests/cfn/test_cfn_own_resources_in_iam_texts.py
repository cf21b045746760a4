"""Two CloudFormation IAM texts over the template's own resources that were not read.

A role trust principal written ``!Sub arn:aws:sts::${AWS::AccountId}:assumed-role/
${LambdaAccessRole}/fn-python-${AWS::StackName}`` (aws-samples amazon-rds-proxy-multitenant-
load-test ``STSRole``): ``${LambdaAccessRole}`` is the name of a role of the template, made in
this account, never a wildcard, but the whole ``Fn::Sub`` was not known: GDCC-IAM-008
UNKNOWN "may allow everyone". Now read as written, as bucket policies' principals were
(``written_policy.written_principals``): PASS. A parameter or a custom resource's value (its
code chooses it) giving the whole principal, or an account's root, may be ``*``: UNKNOWN; as
a role's name in the ARN it cannot make it everyone (stop 52).

A role naming ``!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/app-read"`` in
``ManagedPolicyArns`` where the template creates the ``AWS::IAM::ManagedPolicy`` named
``app-read``: the policy was not known (GDCC-IAM-005 / GDCC-GRAPH-006 UNKNOWN "managed policy
ManagedPolicyArns[0]"); it is that policy (a name is unique within a path of an account),
read as a ``Ref`` to it: PASS for ``s3:GetObject``, FAIL for ``s3:*``. An account written as
text, another path, or two policies of that name stay UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TRUST = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Caller:
    Type: String
Resources:
  FunctionRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
  Maker:
    Type: Custom::Maker
    Properties:
      ServiceToken: arn:aws:lambda:ap-southeast-7:111122223333:function:maker
  STSRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                - !Sub arn:aws:sts::${AWS::AccountId}:assumed-role/${FunctionRole}/fn
            Action: sts:AssumeRole
"""

_PASS = ("PASS", "Roles cannot be assumed by anyone")
_UNKNOWN = (
    "UNKNOWN",
    "who may assume this role is not known (granted by statement 1 may allow everyone "
    "(principal or condition not known) in AssumeRolePolicyDocument)",
)


def _findings(
    tmp_path: Path, text: str, rules: tuple[str, ...]
) -> dict[tuple[str, str], tuple[str, str]]:
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.rule_id, f.address or ""): (f.status.value, f.message.en) for f in result.findings}


def test_trust_principal_over_a_template_role_is_read(tmp_path: Path) -> None:
    found = _findings(tmp_path, TRUST, ("GDCC-IAM-008",))
    assert found[("GDCC-IAM-008", "STSRole")] == _PASS


@pytest.mark.parametrize("hole", ["${Caller}", "${Maker}"], ids=["parameter", "custom"])
def test_a_parameter_or_custom_resource_in_a_role_name_is_not_everyone(
    tmp_path: Path, hole: str
) -> None:
    # it was UNKNOWN (stop 52: one judgement of principal texts, ``normalize.principal_text``):
    # a value not known as the role's name in an ARN cannot make it '*', IAM refusing a
    # principal ARN with a wildcard part
    found = _findings(tmp_path, TRUST.replace("${FunctionRole}", hole), ("GDCC-IAM-008",))
    assert found[("GDCC-IAM-008", "STSRole")] == _PASS


@pytest.mark.parametrize("principal", ["${Caller}", "${Maker}", "arn:aws:iam::${Caller}:root"])
def test_a_parameter_or_custom_resource_that_may_be_everyone_stays_unknown(
    tmp_path: Path, principal: str
) -> None:
    # (a guard: the same on main) the whole principal, or an account's root, may be '*'
    text = TRUST.replace(
        "arn:aws:sts::${AWS::AccountId}:assumed-role/${FunctionRole}/fn", principal
    )
    found = _findings(tmp_path, text, ("GDCC-IAM-008",))
    assert found[("GDCC-IAM-008", "STSRole")] == _UNKNOWN


POLICY = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: app-read
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: [ACTION]
            Resource: !Sub "arn:${AWS::Partition}:s3:::${Bucket}/*"
  AppRole:
    Type: AWS::IAM::Role
    DependsOn: AppPolicy
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Principal: {Service: lambda.amazonaws.com}
      ManagedPolicyArns:
        - !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/app-read"
"""
_RULES = ("GDCC-IAM-005", "GDCC-GRAPH-006")


def test_policy_named_by_arn_is_the_template_policy(tmp_path: Path) -> None:
    found = _findings(tmp_path, POLICY.replace("ACTION", "s3:GetObject"), _RULES)
    assert found[("GDCC-IAM-005", "AppRole")] == (
        "PASS", "Permission policies do not grant actions by wildcard"
    )
    assert found[("GDCC-GRAPH-006", "AppRole")] == (
        "PASS", "A workload identity's permissions stay within its own system"
    )


def test_its_wildcard_is_the_role_s(tmp_path: Path) -> None:
    found = _findings(tmp_path, POLICY.replace("ACTION", '"s3:*"'), _RULES)
    assert found[("GDCC-IAM-005", "AppRole")] == (
        "FAIL", "it grants permissions by wildcard: policy AppPolicy: s3:* on Bucket"
    )
    assert found[("GDCC-GRAPH-006", "AppRole")] == (
        "FAIL", "it grants actions by wildcard on named resources: s3:* on Bucket"
    )


@pytest.mark.parametrize(
    "changed",
    [
        POLICY.replace("${AWS::AccountId}", "111122223333"),  # another account, maybe
        POLICY.replace(":policy/app-read", ":policy/team/app-read"),  # another path
        POLICY.replace(  # two policies of that name (the template would not deploy)
            "  AppRole:\n",
            "  Other:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n"
            "      ManagedPolicyName: app-read\n      PolicyDocument:\n        Statement:\n"
            "          - {Effect: Allow, Action: sqs:SendMessage, Resource: '*'}\n"
            "  AppRole:\n",
        ),
    ],
    ids=["account", "path", "twice"],
)
def test_what_names_no_one_policy_stays_unknown(tmp_path: Path, changed: str) -> None:
    found = _findings(tmp_path, changed.replace("ACTION", "s3:GetObject"), _RULES)
    assert found[("GDCC-IAM-005", "AppRole")] == (
        "UNKNOWN", "whether it grants permissions by wildcard is not known from the input"
    )


@pytest.mark.parametrize("written", ['!Sub "${AppPolicy.PolicyArn}"', '!Sub "${AppPolicy}"'])
def test_a_sub_of_the_policy_arn_alone_is_the_template_policy(
    tmp_path: Path, written: str
) -> None:
    # it was: UNKNOWN "whether it grants permissions by wildcard is not known" (the Sub was
    # not read as the GetAtt it is; aws-security-reference-architecture-examples' GuardDuty
    # malware protection role)
    text = POLICY.replace("ACTION", '"s3:*"').replace(
        '!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:policy/app-read"', written
    )
    found = _findings(tmp_path, text, _RULES)
    assert found[("GDCC-IAM-005", "AppRole")] == (
        "FAIL", "it grants permissions by wildcard: policy AppPolicy: s3:* on Bucket"
    )
