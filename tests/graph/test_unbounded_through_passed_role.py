"""GDCC-GRAPH-006: an administrator grant held only through a role the identity may pass.

A role allowed ``iam:PassRole`` on an administrator role (and to launch what takes it) reaches
everything, but the message read the grant as its own: "a wildcard or administrator
permission reaches all 2 aws resources", though its own policies grant no wildcard. The
role that holds the grant is now named, as for service-wide grants held so (stop 51): the
user changes that role or the ``iam:PassRole``. A grant of its own is still its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ec2.amazonaws.com}}
ADMIN
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: lambda.amazonaws.com}}
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Statement:
              - {Effect: Allow, Action: iam:PassRole, Resource: !GetAtt Admin.Arn}
              - {Effect: Allow, Action: ec2:RunInstances, Resource: OWN}
"""
MANAGED = "      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]"
ATTACHED = """\
  AdminPolicy:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: admin
      Roles: [!Ref Admin]
      PolicyDocument:
        Statement:
          - {Effect: Allow, Action: "*", Resource: "*"}"""


def _deployer(tmp_path: Path, admin: str, own: str) -> tuple[str, str]:
    text = TEMPLATE.replace("ADMIN", admin).replace("OWN", own)
    (tmp_path / "roles.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    (found,) = [f for f in result.findings if f.address == "Deployer"]
    return found.status.value, found.message.en


@pytest.mark.parametrize(("admin", "count"), [(MANAGED, 2), (ATTACHED, 3)])
def test_the_role_holding_the_grant_is_named(tmp_path: Path, admin: str, count: int) -> None:
    # it was: "a wildcard or administrator permission reaches all N aws resources"
    assert _deployer(tmp_path, admin, '"arn:aws:ec2:*:*:instance/*"') == (
        "FAIL",
        "a wildcard or administrator permission (held by Admin, which it may act as) reaches "
        f"all {count} aws resources",
    )


def test_a_grant_of_its_own_is_its_own(tmp_path: Path) -> None:
    # (a guard: the same on main) ec2:* on * of its own: not said to be Admin's
    text = TEMPLATE.replace("ADMIN", MANAGED).replace("OWN", '"*"').replace(
        "Action: ec2:RunInstances", 'Action: "*"'
    )
    (tmp_path / "roles.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    (found,) = [f for f in result.findings if f.address == "Deployer"]
    assert (found.status.value, found.message.en) == (
        "FAIL", "a wildcard or administrator permission reaches all 2 aws resources"
    )
