"""``AWS::ElastiCache::ServerlessCache`` was not read (no finding), as Terraform's
``aws_elasticache_serverless_cache`` (tests/terraform/test_elasticache_serverless.py)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Open:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: open
      Engine: valkey
  Grouped:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: grouped
      Engine: redis
      UserGroupId: g1
      SnapshotRetentionLimit: 7
"""


def test_serverless_cache_is_read(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(
        "GDCC-ENC-001", "GDCC-ENC-004", "GDCC-NET-002", "GDCC-DB-001", "GDCC-DB-006",
        "GDCC-BCK-001",
    )))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    for name in ("Open", "Grouped"):
        assert found["GDCC-ENC-001", name][0] is Status.PASS
        assert found["GDCC-ENC-004", name][0] is Status.PASS
        assert found["GDCC-NET-002", name][0] is Status.PASS
    assert found["GDCC-DB-006", "Open"] == (
        Status.FAIL,
        "clients connect without authenticating (UserGroupId is not set, and a user group "
        "(RBAC) is the only way to control access to a serverless cache "
        "(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html))",
    )
    # a client that does not sign in is the group's default user, not read here
    assert found["GDCC-DB-006", "Grouped"] == (
        Status.UNKNOWN,
        "whether clients must authenticate is not known from the input: a client that does "
        "not sign in is the default user of the user group UserGroupId names, which is not "
        "in the input; ElastiCache's own (user ID default) takes no password "
        "(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html)",
    )
    assert found["GDCC-DB-001", "Open"][0] is Status.FAIL
    assert found["GDCC-DB-001", "Grouped"] == (
        Status.UNKNOWN,
        "whether IAM / directory authentication is on is not known from the input: whether "
        "a user of its user group (UserGroupId) signs in with IAM is not read from the "
        "template",
    )
    assert found["GDCC-BCK-001", "Open"][0] is Status.UNKNOWN
    assert found["GDCC-BCK-001", "Grouped"][0] is Status.PASS
