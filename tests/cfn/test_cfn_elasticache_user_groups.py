"""CloudFormation ElastiCache user groups of the template (``AWS::ElastiCache::UserGroup`` /
``AWS::ElastiCache::User``) decide GDCC-DB-006 of the replication groups and serverless caches
that ``!Ref`` them, as in Terraform: a client that does not sign in is the group's ``default``
user (ElastiCache's own, user ID ``default``, takes no password and may call every command:
Clusters.RBAC.html). They were UNKNOWN (the groups were not read)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RBAC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html"

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OpenDefault:
    Type: AWS::ElastiCache::User
    Properties:
      UserId: open-default
      UserName: default
      Engine: redis
      AccessString: "on ~* +@all"
      NoPasswordRequired: true
  ClosedDefault:
    Type: AWS::ElastiCache::User
    Properties:
      UserId: closed-default
      UserName: default
      Engine: redis
      AccessString: "on ~* +@all"
      AuthenticationMode:
        Type: iam
  OpenGroup:
    Type: AWS::ElastiCache::UserGroup
    Properties:
      UserGroupId: open
      Engine: redis
      UserIds: [!Ref OpenDefault]
  BuiltInGroup:
    Type: AWS::ElastiCache::UserGroup
    Properties:
      UserGroupId: builtin
      Engine: redis
      UserIds: [default]
  ClosedGroup:
    Type: AWS::ElastiCache::UserGroup
    Properties:
      UserGroupId: closed
      Engine: redis
      UserIds: [!Ref ClosedDefault]
  OpenCache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: open
      Engine: valkey
      UserGroupId: !Ref OpenGroup
  ClosedCache:
    Type: AWS::ElastiCache::ServerlessCache
    Properties:
      ServerlessCacheName: closed
      Engine: valkey
      UserGroupId: !Ref ClosedGroup
  BuiltInRG:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: builtin
      Engine: redis
      CacheNodeType: cache.t3.micro
      TransitEncryptionEnabled: true
      UserGroupIds: [!Ref BuiltInGroup]
  OutsideRG:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: outside
      Engine: redis
      CacheNodeType: cache.t3.micro
      TransitEncryptionEnabled: true
      UserGroupIds: [g-outside]
"""


def test_the_templates_user_groups_decide(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-006",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["OpenCache"] == (
        Status.FAIL,
        "clients connect without authenticating (the user group OpenGroup holds OpenDefault "
        "(user name default, no password, on), a default user that needs no password; a "
        f"client that does not sign in connects as it ({RBAC}))",
    )
    assert found["BuiltInRG"] == (
        Status.FAIL,
        "clients connect without authenticating (the user group BuiltInGroup holds the user "
        'ID "default" (ElastiCache\'s own default user), a default user that needs no '
        f"password; a client that does not sign in connects as it ({RBAC}))",
    )
    assert found["ClosedCache"] == (
        Status.PASS,
        "Caches require clients to authenticate (clients sign in as users of its user group; "
        "one that does not is the default user ClosedDefault, which needs a password or is "
        f"off ({RBAC}))",
    )
    # a group not in the template stays not known
    assert found["OutsideRG"][0] is Status.UNKNOWN
    # the groups and users are read for context, not "not judged"
    assert "AWS::ElastiCache::UserGroup" not in result.not_judged
    assert "AWS::ElastiCache::UserGroup" in result.read_for_context
