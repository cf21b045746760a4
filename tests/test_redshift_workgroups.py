"""Redshift Serverless namespaces (``database.instance``) are reached through the workgroups
naming them: ``publicly_accessible = true`` / ``PubliclyAccessible: true`` on one made the
namespace public, yet GDCC-NET-002 was UNKNOWN on every namespace (workgroups were not read).
Now FAIL naming the workgroup; all false PASS; not written (no documented default) or no
workgroup: UNKNOWN saying why. Terraform and CloudFormation."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_redshiftserverless_namespace" "n" {
  namespace_name = "n"
}
resource "aws_redshiftserverless_workgroup" "w" {
  namespace_name      = aws_redshiftserverless_namespace.n.namespace_name
  workgroup_name      = "w"
  publicly_accessible = true
}
resource "aws_redshiftserverless_namespace" "alone" {
  namespace_name = "alone"
}
resource "aws_redshiftserverless_namespace" "priv" {
  namespace_name = "priv"
}
resource "aws_redshiftserverless_workgroup" "priv" {
  namespace_name      = aws_redshiftserverless_namespace.priv.namespace_name
  workgroup_name      = "priv"
  publicly_accessible = false
}
resource "aws_redshiftserverless_namespace" "unset" {
  namespace_name = "unset"
}
resource "aws_redshiftserverless_workgroup" "unset" {
  namespace_name = aws_redshiftserverless_namespace.unset.namespace_name
  workgroup_name = "unset"
}
"""

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Open:
    Type: AWS::RedshiftServerless::Namespace
    Properties: {NamespaceName: open}
  OpenGroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties: {WorkgroupName: open, NamespaceName: !Ref Open, PubliclyAccessible: true}
  Private:
    Type: AWS::RedshiftServerless::Namespace
    Properties: {NamespaceName: private}
  PrivateGroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties: {WorkgroupName: private, NamespaceName: private, PubliclyAccessible: false}
  Unset:
    Type: AWS::RedshiftServerless::Namespace
    Properties: {NamespaceName: unset}
  UnsetGroup:
    Type: AWS::RedshiftServerless::Workgroup
    Properties: {WorkgroupName: unset, NamespaceName: !Ref Unset}
  Alone:
    Type: AWS::RedshiftServerless::Namespace
    Properties: {NamespaceName: alone}
"""


def _run(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    assert result.not_judged == {}
    return {f.address or f.resource_name: (f.status, f.message.en) for f in result.findings}


def test_terraform_workgroups(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", TF)
    assert {a: s for a, (s, _) in found.items()} == {
        "aws_redshiftserverless_namespace.n": Status.FAIL,
        "aws_redshiftserverless_namespace.alone": Status.UNKNOWN,
        "aws_redshiftserverless_namespace.priv": Status.PASS,
        "aws_redshiftserverless_namespace.unset": Status.UNKNOWN,
    }
    assert found["aws_redshiftserverless_namespace.n"][1] == (
        "the endpoint is public (aws_redshiftserverless_workgroup.w can be accessed from a "
        "public network (publicly_accessible))"
    )
    assert found["aws_redshiftserverless_namespace.unset"][1] == (
        "whether the endpoint is public is not known from the input: publicly_accessible of "
        "aws_redshiftserverless_workgroup.unset is not written or not known (no documented "
        "default)"
    )


def test_cloudformation_workgroups(tmp_path: Path) -> None:
    found = _run(tmp_path, "template.yaml", TEMPLATE)
    assert {a: s for a, (s, _) in found.items()} == {
        "Open": Status.FAIL,
        "Private": Status.PASS,
        "Unset": Status.UNKNOWN,
        "Alone": Status.UNKNOWN,
    }
    assert found["Open"][1] == (
        "the endpoint is public (OpenGroup can be accessed from a public network "
        "(PubliclyAccessible))"
    )
