"""Redshift Serverless namespaces (``aws_redshiftserverless_namespace``,
``AWS::RedshiftServerless::Namespace``), aws17:

- GDCC-DB-001 was UNKNOWN "whether IAM / directory authentication is on is not known" on every
  namespace: IAM identities get temporary database credentials through GetCredentials on
  every workgroup, with no setting (Redshift Serverless API Reference, GetCredentials), as
  provisioned clusters do through GetClusterCredentials (5a91d79e): PASS saying so.
- Audit logs (GDCC-DATA-004) were not known: a namespace exports the logs its
  ``log_exports`` / ``LogExports`` list; the connection log or the user activity log records
  access, the user log alone does not; none is exported unless written (FAIL naming the
  setting, with the Redshift page on serverless audit logging).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

TF = """\
variable "exports" { type = list(string) }
resource "aws_redshiftserverless_namespace" "quiet" {
  namespace_name        = "quiet"
  admin_username        = "admin"
  manage_admin_password = true
}
resource "aws_redshiftserverless_namespace" "logged" {
  namespace_name = "logged"
  log_exports    = ["userlog", "connectionlog"]
}
resource "aws_redshiftserverless_namespace" "users_only" {
  namespace_name = "users-only"
  log_exports    = ["userlog"]
}
resource "aws_redshiftserverless_namespace" "input" {
  namespace_name = "input"
  log_exports    = var.exports
}
"""
CFN = """\
Resources:
  Quiet:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      NamespaceName: quiet
  Logged:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      NamespaceName: logged
      LogExports: [useractivitylog]
  UsersOnly:
    Type: AWS::RedshiftServerless::Namespace
    Properties:
      NamespaceName: users-only
      LogExports: [userlog]
"""
IAM = (
    Status.PASS,
    "Databases authenticate users through the directory (IAM / Entra ID) (Redshift "
    "Serverless issues temporary database credentials to IAM identities (GetCredentials) on "
    "every workgroup; no setting turns it off)",
)


def test_namespaces_sign_in_with_iam_and_log_what_they_export(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert errors == []
    logs = {
        address: (r.facets.directory_auth, r.facets.access_logging)
        for address, r in resources.items() if "Namespace" in r.provider_type
        or r.provider_type == "aws_redshiftserverless_namespace"
    }
    assert logs == {
        "aws_redshiftserverless_namespace.quiet": (True, False),
        "aws_redshiftserverless_namespace.logged": (True, True),
        "aws_redshiftserverless_namespace.users_only": (True, False),
        "aws_redshiftserverless_namespace.input": (True, None),
        "Quiet": (True, False),
        "Logged": (True, True),
        "UsersOnly": (True, False),
    }
    doc = "https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-audit-logging.html"
    for address, attribute in (
        ("aws_redshiftserverless_namespace.quiet", "log_exports"), ("Quiet", "LogExports")
    ):
        default = resources[address].defaults["access_logging"]
        assert (default.attribute, default.doc) == (attribute, doc)
    assert "access_logging" not in resources["UsersOnly"].defaults
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == dict.fromkeys(logs, IAM)
