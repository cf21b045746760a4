"""A resource carrying properties its type does not have, in a template with a macro
(``Transform: <macro>``), is what the macro rewrites: its facets are not known, with the
reason (awslabs' ExecutionRoleBuilder example role, ``Type: Lambda`` and ``Permissions:``
beside a trust policy, PASSed GDCC-IAM-008 and GDCC-IAM-005 as written). The same resource
without a macro, and a resource of the macro template with only its type's properties, are
judged as written."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROLE = """\
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}
      Type: Lambda
      Permissions:
        - ReadOnly: arn:aws:s3:::bucket
  Plain:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: "sts:AssumeRole"}
"""


def _found(tmp_path: Path, head: str) -> dict[tuple[str, str], tuple[Status, str]]:
    template = 'AWSTemplateFormatVersion: "2010-09-09"\n' + head + "Resources:\n" + ROLE
    (tmp_path / "template.yaml").write_text(template, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-008", "GDCC-IAM-005")))
    return {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}


def test_a_macro_rewrites_a_resource_with_foreign_properties(tmp_path: Path) -> None:
    found = _found(tmp_path, "Transform: ExecutionRoleBuilder\n")
    why = (
        "Permissions, Type are not properties of AWS::IAM::Role: the template's macro "
        "(ExecutionRoleBuilder) rewrites this resource when it is deployed, and what it makes "
        "is not in the template"
    )
    assert found[("GDCC-IAM-008", "Role")] == (
        Status.UNKNOWN, f"who may assume this role is not known: {why}"
    )
    assert found[("GDCC-IAM-005", "Role")] == (
        Status.UNKNOWN,
        f"whether it grants permissions by wildcard is not known from the input: {why}",
    )
    assert found[("GDCC-IAM-008", "Plain")][0] is Status.PASS
    assert found[("GDCC-IAM-005", "Plain")][0] is Status.PASS


def test_without_a_macro_it_is_judged_as_written(tmp_path: Path) -> None:
    found = _found(tmp_path, "")
    assert found[("GDCC-IAM-008", "Role")][0] is Status.PASS
    assert found[("GDCC-IAM-005", "Role")][0] is Status.PASS
