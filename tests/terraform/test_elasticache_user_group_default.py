"""A client that does not sign in to an ElastiCache cache with RBAC is the user group's
``default`` user ("ElastiCache automatically configures a default user with user ID and user
name "default" ... has an access string that permits it to call all commands and access all
keys. To add proper access control ... replace this default user with a new one that isn't
enabled or uses a strong password", ElastiCache user guide, Clusters.RBAC.html). A replication
group naming any user group PASSed GDCC-DB-006, also when that group's default user takes no
password (terraform-aws-modules/terraform-aws-elasticache examples/serverless-cache's group):
wrong PASS. Now FAIL for an open default user (or the built-in ``default`` user ID), PASS for
one that needs a password or is off, UNKNOWN when the default user is not in the input."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RBAC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html"

HCL = """\
resource "aws_elasticache_user" "nopass_default" {
  user_id              = "nopass-default"
  user_name            = "default"
  access_string        = "on ~* +@all"
  engine               = "redis"
  no_password_required = true
}
resource "aws_elasticache_user" "password_default" {
  user_id       = "password-default"
  user_name     = "default"
  access_string = "on ~* +@all"
  engine        = "redis"
  passwords     = ["a-long-password-0123456789"]
}
resource "aws_elasticache_user" "app" {
  user_id       = "app"
  user_name     = "app"
  access_string = "on ~app:* +@all"
  engine        = "redis"
  passwords     = ["a-long-password-0123456789"]
}
resource "aws_elasticache_user_group" "open" {
  engine        = "redis"
  user_group_id = "open"
  user_ids      = [aws_elasticache_user.nopass_default.user_id, aws_elasticache_user.app.user_id]
}
resource "aws_elasticache_user_group" "built_in" {
  engine        = "redis"
  user_group_id = "built-in"
  user_ids      = ["default", aws_elasticache_user.app.user_id]
}
resource "aws_elasticache_user_group" "closed" {
  engine        = "redis"
  user_group_id = "closed"
  user_ids      = [aws_elasticache_user.password_default.user_id, aws_elasticache_user.app.user_id]
}
resource "aws_elasticache_user_group" "unread" {
  engine        = "redis"
  user_group_id = "unread"
  user_ids      = [var.default_user_id, aws_elasticache_user.app.user_id]
}
variable "default_user_id" {
  type = string
}
resource "aws_elasticache_replication_group" "open" {
  replication_group_id       = "open"
  description                = "open"
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.open.id]
}
resource "aws_elasticache_replication_group" "built_in" {
  replication_group_id       = "built-in"
  description                = "built-in"
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.built_in.id]
}
resource "aws_elasticache_replication_group" "closed" {
  replication_group_id       = "closed"
  description                = "closed"
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.closed.id]
}
resource "aws_elasticache_replication_group" "unread" {
  replication_group_id       = "unread"
  description                = "unread"
  transit_encryption_enabled = true
  user_group_ids             = [aws_elasticache_user_group.unread.id]
}
resource "aws_elasticache_replication_group" "outside" {
  replication_group_id       = "outside"
  description                = "outside"
  transit_encryption_enabled = true
  user_group_ids             = ["made-elsewhere"]
}
resource "aws_elasticache_replication_group" "token" {
  replication_group_id       = "token"
  description                = "token"
  transit_encryption_enabled = true
  auth_token                 = var.token
}
variable "token" {
  type      = string
  sensitive = true
}
"""


def test_the_default_user_of_a_user_group_decides(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(HCL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-006",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    group = "aws_elasticache_replication_group"
    assert found[f"{group}.open"] == (
        Status.FAIL,
        "clients connect without authenticating (the user group "
        "aws_elasticache_user_group.open holds aws_elasticache_user.nopass_default (user name "
        "default, no password, on), a default user that needs no password; a client "
        f"that does not sign in connects as it ({RBAC}))",
    )
    assert found[f"{group}.built_in"] == (
        Status.FAIL,
        "clients connect without authenticating (the user group "
        "aws_elasticache_user_group.built_in holds the user ID \"default\" (ElastiCache's own "
        "default user), a default user that needs no password; a client that does not "
        f"sign in connects as it ({RBAC}))",
    )
    assert found[f"{group}.closed"] == (
        Status.PASS,
        "Caches require clients to authenticate (clients sign in as users of its user group; "
        "one that does not is the default user aws_elasticache_user.password_default, which "
        f"needs a password or is off ({RBAC}))",
    )
    assert found[f"{group}.unread"] == (
        Status.UNKNOWN,
        "whether clients must authenticate is not known from the input: the default user of "
        "the user group aws_elasticache_user_group.unread is not in the input; a client that "
        "does not sign in is that user, and ElastiCache's own (user ID default) takes no "
        f"password ({RBAC})",
    )
    assert found[f"{group}.outside"][0] is Status.UNKNOWN
    assert "made-elsewhere is not in the input" in found[f"{group}.outside"][1]
    assert found[f"{group}.token"][0] is Status.PASS


def test_the_open_default_user_is_named_in_every_report(tmp_path: Path) -> None:
    """The message named the user after "needs no password:", which the reports' secret
    masking takes for an assigned password: JSON, SARIF and HTML showed ``***REDACTED***``
    where the user the auditor must fix was named."""
    from gdcc_audit.report.redact import redact_finding

    (tmp_path / "main.tf").write_text(HCL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-006",)))
    fail = next(
        f for f in result.findings if f.address == "aws_elasticache_replication_group.open"
    )
    shown = redact_finding(fail)
    assert "aws_elasticache_user.nopass_default (user name default" in shown.message.en
    assert "REDACTED" not in shown.message.en + shown.message.th
