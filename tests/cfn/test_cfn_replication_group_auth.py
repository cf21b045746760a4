"""``AWS::ElastiCache::ReplicationGroup`` client authentication was not read: GDCC-DB-006
was UNKNOWN with no reason for every replication group. Now an ``AuthToken`` PASSes, neither
``AuthToken`` nor ``UserGroupIds`` FAILs (Redis OSS / Valkey AUTH is off, as Terraform's
``aws_elasticache_replication_group``), and ``UserGroupIds`` or a token not known is UNKNOWN
saying why (a client that does not sign in is the group's default user)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Token:
    Type: String
    NoEcho: true
Resources:
  Plain:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: plain
      Engine: redis
      CacheNodeType: cache.t3.micro
  Token:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: token
      Engine: redis
      CacheNodeType: cache.t3.micro
      TransitEncryptionEnabled: true
      AuthToken: "{{resolve:secretsmanager:cache-token}}"
  FromParameter:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: parameter
      Engine: redis
      CacheNodeType: cache.t3.micro
      TransitEncryptionEnabled: true
      AuthToken: !Ref Token
  Grouped:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: grouped
      Engine: redis
      CacheNodeType: cache.t3.micro
      TransitEncryptionEnabled: true
      UserGroupIds: [g1]
"""


def test_replication_group_authentication(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-006",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["Plain"] == (
        Status.FAIL,
        "clients connect without authenticating (neither AuthToken nor UserGroupIds is set)",
    )
    assert found["Token"] == (
        Status.PASS, "Caches require clients to authenticate (AuthToken is set)"
    )
    # a parameter without a value may be empty
    assert found["FromParameter"] == (
        Status.UNKNOWN,
        "whether clients must authenticate is not known from the input: AuthToken is the "
        "parameter Token, which has no default: a value is asked for when the stack is "
        "created, but a blank one is an empty string and no token, and no MinLength, "
        "AllowedPattern or AllowedValues of the parameter rules that out",
    )
    assert found["Grouped"] == (
        Status.UNKNOWN,
        "whether clients must authenticate is not known from the input: a client that does "
        "not sign in is the default user of the user group UserGroupIds names, which is not "
        "in the input; ElastiCache's own (user ID default) takes no password "
        "(https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html)",
    )
