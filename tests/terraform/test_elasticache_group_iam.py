"""GDCC-DB-001 of an ElastiCache cache whose user group (of the scan) holds no IAM user. IAM
authentication is a user's (``authentication_mode { type = "iam" }``, ElastiCache user guide,
auth-iam.html), and a group's users are those it lists (``user_ids``) and those an
``aws_elasticache_user_group_association`` adds. It was UNKNOWN with no reason whenever no
user read was an IAM one; now FAIL when every user of the group is read (an
``aws_elasticache_user`` of the scan, or ElastiCache's own ``default``) and none signs in with
IAM (terraform-aws-modules/terraform-aws-elasticache examples/serverless-cache), UNKNOWN
naming the users not in the input otherwise."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

IAM_DOC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html"
OFF = "IAM / directory authentication is off"

HCL = """\
resource "aws_elasticache_user" "default" {
  user_id       = "app-default"
  user_name     = "default"
  access_string = "off ~* +@all"
  engine        = "REDIS"
  passwords     = ["not-a-real-password-123"]
}
resource "aws_elasticache_user" "app" {
  user_id       = "app"
  user_name     = "app"
  access_string = "on ~* +@all"
  engine        = "REDIS"
  authentication_mode {
    type      = "password"
    passwords = ["not-a-real-password-456"]
  }
}
resource "aws_elasticache_user_group" "known" {
  engine        = "REDIS"
  user_group_id = "known"
  user_ids      = [aws_elasticache_user.default.user_id]
}
resource "aws_elasticache_user_group_association" "app" {
  user_group_id = aws_elasticache_user_group.known.user_group_id
  user_id       = aws_elasticache_user.app.user_id
}
resource "aws_elasticache_user_group" "partly" {
  engine        = "REDIS"
  user_group_id = "partly"
  user_ids      = [aws_elasticache_user.default.user_id, "made-elsewhere"]
}
resource "aws_elasticache_serverless_cache" "known" {
  engine        = "redis"
  name          = "known"
  user_group_id = aws_elasticache_user_group.known.user_group_id
}
resource "aws_elasticache_replication_group" "known" {
  replication_group_id = "known"
  description          = "known"
  node_type            = "cache.t4g.small"
  user_group_ids       = [aws_elasticache_user_group.known.user_group_id]
}
resource "aws_elasticache_replication_group" "partly" {
  replication_group_id = "partly"
  description          = "partly"
  node_type            = "cache.t4g.small"
  user_group_ids       = [aws_elasticache_user_group.partly.user_group_id]
}
"""


def test_a_user_group_of_known_users_without_iam_fails(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(HCL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    because = (
        "no user of its user group signs in with IAM (aws_elasticache_user_group.known: "
        "aws_elasticache_user.default, aws_elasticache_user.app); IAM authentication is a "
        f"user's authentication_mode type iam ({IAM_DOC})"
    )
    assert found["aws_elasticache_replication_group.known"] == (Status.FAIL, f"{OFF} ({because})")
    assert found["aws_elasticache_serverless_cache.known"] == (Status.FAIL, f"{OFF} ({because})")
    status, message = found["aws_elasticache_replication_group.partly"]
    assert status is Status.UNKNOWN
    assert "(aws_elasticache_user_group.partly: user made-elsewhere)" in message, message
