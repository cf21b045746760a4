"""GDCC-GRAPH-006: a CloudFormation template is its own stack (``normalize.stack_units``).

A repository of unrelated products' templates scanned as one root
(aws-service-catalog-reference-architectures: a backup product's role allowed
``iam:PassRole`` on ``*``, an instance-patching product's instance role holding ``ssm:*``)
joined every template into one account: the backup role "acted as" the other product's
instance role and FAILed "reaches all N". Two templates share stacks only when one nests the
other (directly or through a common parent) or imports what the other exports; otherwise a
grant of one reaches no resource of the other by a pattern, a wildcard or a trust.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

PASSED = "A workload identity's permissions stay within its own system"
EVERYTHING = "a wildcard or administrator permission reaches all {} aws resources"
#: The same, naming the roles that hold the grant, which it may act as (stop 52).
THROUGH = (
    "a wildcard or administrator permission (held by {}, which it may act as) reaches all {} "
    "aws resources"
)

BACKUP = """\
Parameters:
  PatchingStack:
    Type: String
Resources:
  BackupRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: backup.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: vault
"""
# (the import: a tag naming the other stack's role, ``${ParentStack}-X`` as widdix writes it)
IMPORTS = """\
      BackupVaultTags:
        role: !ImportValue
          Fn::Sub: ${PatchingStack}-InstanceRole
"""
PATCHING = """\
Resources:
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
  Bucket:
    Type: AWS::S3::Bucket
"""
EXPORTS = """\
Outputs:
  Role:
    Value: !Ref InstanceRole
    Export:
      Name: !Sub ${AWS::StackName}-InstanceRole
"""
PARENT = """\
Resources:
  Backup:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./backup.yaml
  Patching:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./patching.yaml
"""


def _found(tmp_path: Path, files: dict[str, str]) -> dict[str, tuple[Status, str, object]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address or "": (f.status, f.message.en, f.evidence.get("acts_as"))
        for f in result.findings
    }


def test_unrelated_templates_do_not_grant_across(tmp_path: Path) -> None:
    # it was: BackupRole FAIL "reaches all 4 aws resources", acts as InstanceRole (of a
    # template it shares no stack with); InstanceRole reached the backup vault too
    assert _found(tmp_path, {"backup.yaml": BACKUP, "patching.yaml": PATCHING}) == {
        "BackupRole": (Status.PASS, PASSED, None),
        "InstanceRole": (Status.FAIL, EVERYTHING.format(2), None),
    }


def test_templates_one_parent_nests_share_stacks(tmp_path: Path) -> None:
    # (a guard: the same on main) nested stacks of one parent are deployed together
    assert _found(
        tmp_path, {"backup.yaml": BACKUP, "patching.yaml": PATCHING, "parent.yaml": PARENT}
    ) == {
        "BackupRole": (Status.FAIL, THROUGH.format("InstanceRole", 4), ["InstanceRole"]),
        "InstanceRole": (Status.FAIL, EVERYTHING.format(4), None),
    }


def test_a_template_importing_anothers_export_shares_its_stacks(tmp_path: Path) -> None:
    # (a guard: the same on main) ``${PatchingStack}-InstanceRole`` may be the export
    # ``${AWS::StackName}-InstanceRole``: the stacks are of one account
    files = {"backup.yaml": BACKUP + IMPORTS, "patching.yaml": PATCHING + EXPORTS}
    assert _found(tmp_path, files) == {
        "BackupRole": (Status.FAIL, THROUGH.format("InstanceRole", 4), ["InstanceRole"]),
        "InstanceRole": (Status.FAIL, EVERYTHING.format(4), None),
    }


def test_an_import_of_another_name_shares_nothing(tmp_path: Path) -> None:
    # an import that cannot be that export (``-Vpc``, not ``-InstanceRole``): apart
    files = {
        "backup.yaml": BACKUP + IMPORTS.replace("-InstanceRole", "-Vpc"),
        "patching.yaml": PATCHING + EXPORTS,
    }
    assert _found(tmp_path, files) == {
        "BackupRole": (Status.PASS, PASSED, None),
        "InstanceRole": (Status.FAIL, EVERYTHING.format(2), None),
    }


READER = """\
Resources:
  ReaderRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: lambda.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess
"""


def test_a_service_wildcard_says_the_resources_are_of_other_templates(
    tmp_path: Path,
) -> None:
    # it was: FAIL "a wildcard permission reaches the 1 aws resource of service s3: ..."
    # (patching.yaml's bucket, of a template it shares no stack with)
    found = _found(tmp_path, {"reader.yaml": READER, "patching.yaml": PATCHING})
    status, message, _ = found["ReaderRole"]
    assert status is Status.FAIL
    assert message.startswith(
        "a wildcard permission may act on every resource of service s3, none of them in the"
        " stacks of its template (the scan's other templates are deployed apart):"
    )
