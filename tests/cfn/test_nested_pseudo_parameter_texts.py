"""A parent passes its child a text built from the account's pseudo parameters.

aws-samples/amazon-sagemaker-secure-mlops' env-main.yaml deploys env-iam-target-account-roles.yaml
passing ``AdministratorAccountId: !Ref AWS::AccountId`` and ``PipelineExecutionRoleArn: !Sub
arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/...``; the child's
SageMakerModelExecutionRole trusts ``!If [PipelineExecutionRoleCondition, !Sub
arn:aws:iam::${AdministratorAccountId}:role/..., !Sub ${PipelineExecutionRoleArn}]``, the
condition being ``!Equals [!Ref PipelineExecutionRoleArn, '']``. The passed texts reached the
child as not known at all (``nested_outputs.exported``), so GDCC-IAM-008 was UNKNOWN "who may
assume this role is not known". A nested stack is created in its parent's account and Region:
the account, partition, Region and URL suffix are the child's too, and the text's written
parts are read as the parent's are (no wildcard: one principal; never ``''``). A parent's
stack name is not the child's, so a text holding it stays not known.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PARENT = """\
Resources:
  Roles:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./roles.yaml
      Parameters:
        AdministratorAccountId: !Ref AWS::AccountId
        PipelineExecutionRoleArn: PASSED
"""
CHILD = """\
Parameters:
  AdministratorAccountId:
    Type: String
    MinLength: 12
    MaxLength: 12
  PipelineExecutionRoleArn:
    Type: String
    Default: ''
Conditions:
  PipelineExecutionRoleCondition: !Equals [!Ref PipelineExecutionRoleArn, '']
Resources:
  ModelRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !If
                - PipelineExecutionRoleCondition
                - !Sub arn:aws:iam::${AdministratorAccountId}:role/service-role/UseRole
                - !Sub ${PipelineExecutionRoleArn}
            Action: sts:AssumeRole
"""
ROLE = "!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/service-role/UseRole"
NOT_KNOWN = (
    "who may assume this role is not known (granted by statement 1 may allow everyone"
    " (principal or condition not known) in AssumeRolePolicyDocument)"
)


def _role(tmp_path: Path, passed: str) -> tuple[Status, str]:
    (tmp_path / "parent.yaml").write_text(PARENT.replace("PASSED", passed), encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(CHILD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    (found,) = [f for f in result.findings if f.address == "ModelRole"]
    return found.status, found.message.en


def test_a_role_arn_of_the_account_names_one_principal(tmp_path: Path) -> None:
    # it was: UNKNOWN (the passed ARN not known; the condition not decided)
    assert _role(tmp_path, ROLE) == (Status.PASS, "Roles cannot be assumed by anyone")


def test_the_account_id_passed_names_one_account(tmp_path: Path) -> None:
    # (a guard: the same on main, by the parameter's length) '' is passed: the condition takes
    # the AdministratorAccountId branch, the account id the parent passes
    assert _role(tmp_path, "''") == (Status.PASS, "Roles cannot be assumed by anyone")


def test_a_text_with_the_parents_stack_name_stays_not_known(tmp_path: Path) -> None:
    # (a guard: the same on main) the parent's stack name is not the child's
    passed = "!Sub arn:aws:iam::${AWS::AccountId}:role/${AWS::StackName}"
    assert _role(tmp_path, passed) == (Status.UNKNOWN, NOT_KNOWN)


OPEN_WHEN_EMPTY = """\
Parameters:
  PipelineExecutionRoleArn:
    Type: String
    Default: ''
Conditions:
  NoRole: !Equals [!Ref PipelineExecutionRoleArn, '']
Resources:
  ModelRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal:
              AWS: !If [NoRole, '*', !Ref PipelineExecutionRoleArn]
            Action: sts:AssumeRole
"""


def test_a_passed_text_is_never_empty(tmp_path: Path) -> None:
    # it was: UNKNOWN (the condition not decided: its '*' branch may be taken); a text with
    # written parts is not '', so the role's ARN is the principal
    (tmp_path / "parent.yaml").write_text(PARENT.replace("PASSED", ROLE), encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(OPEN_WHEN_EMPTY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008",)))
    assert [(f.status, f.message.en) for f in result.findings] == [
        (Status.PASS, "Roles cannot be assumed by anyone")
    ]
