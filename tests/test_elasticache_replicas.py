"""An ``aws_elasticache_cluster`` with ``replication_group_id`` is a read replica in that
replication group ("the cluster is added to the specified replication group as a read
replica", ElastiCache API CreateCacheCluster ReplicationGroupId): the group's encryption, AUTH,
backups and security groups are its own. A secondary of a Global Datastore
(``global_replication_group_id``) takes encryption at rest and in transit from the datastore
(API GlobalReplicationGroup AtRestEncryptionEnabled / TransitEncryptionEnabled).

Before, the replica was judged as a standalone cluster: GDCC-ENC-001, GDCC-ENC-004 and
GDCC-DB-006 FAILed on it though its group encrypted and asked for a token, and the graph took
the security group its module wrote for the standalone case (GDCC-GRAPH-004 PASS) instead of
the group's (open to everyone on 6379)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_security_group" "open" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group" "closed" {
  vpc_id = aws_vpc.main.id
}

resource "aws_elasticache_replication_group" "group" {
  replication_group_id       = "group"
  description                = "group"
  node_type                  = "cache.t4g.small"
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  auth_token                 = var.token
  snapshot_retention_limit   = 7
  security_group_ids         = [aws_security_group.open.id]
}

variable "token" {
  type      = string
  sensitive = true
}

resource "aws_elasticache_cluster" "replica" {
  cluster_id           = "replica"
  replication_group_id = aws_elasticache_replication_group.group.id
  security_group_ids   = var.standalone ? [aws_security_group.closed.id] : null
}

variable "standalone" {
  type = bool
}

# a module may read the group in other arguments before replication_group_id
resource "aws_elasticache_cluster" "read_first" {
  cluster_id           = "read-first"
  apply_immediately    = aws_elasticache_replication_group.group.id != null
  replication_group_id = aws_elasticache_replication_group.group.id
}

resource "aws_elasticache_cluster" "standalone" {
  cluster_id      = "standalone"
  engine          = "redis"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}

resource "aws_elasticache_replication_group" "secondary" {
  replication_group_id        = "secondary"
  description                 = "secondary"
  global_replication_group_id = "ldgnf-global"
}
"""

RULES = ("GDCC-ENC-001", "GDCC-ENC-004", "GDCC-DB-006", "GDCC-BCK-001")
REPLICA = (
    "does not apply to aws_elasticache_cluster: a cache cluster with replication_group_id is "
    "a read replica in that replication group, which sets its encryption, AUTH and backups: "
    "judged on the aws_elasticache_replication_group"
)
SECONDARY = (
    "does not apply to aws_elasticache_replication_group: a replication group with "
    "global_replication_group_id is a secondary of that Global Datastore, which sets its "
    "encryption at rest and in transit: judged on the datastore's primary replication group"
)


def _found(tmp_path: Path, rules: tuple[str, ...]) -> dict[tuple[str, str], object]:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return {(f.address, f.rule_id): f for f in result.findings}


def test_replica_is_judged_on_its_replication_group(tmp_path: Path) -> None:
    found = _found(tmp_path, RULES)
    for rule in RULES:
        replica = found[("aws_elasticache_cluster.replica", rule)]
        assert (replica.status, replica.message.en) == (Status.NOT_APPLICABLE, REPLICA), rule
        assert found[("aws_elasticache_replication_group.group", rule)].status is Status.PASS
    # a standalone Redis cluster is still judged on its own settings
    alone = found[("aws_elasticache_cluster.standalone", "GDCC-ENC-004")]
    assert (alone.status, alone.message.en) == (
        Status.FAIL, "unencrypted connections are accepted"
    )


def test_global_secondary_takes_encryption_from_the_datastore(tmp_path: Path) -> None:
    found = _found(tmp_path, ("GDCC-ENC-001", "GDCC-ENC-004"))
    for rule in ("GDCC-ENC-001", "GDCC-ENC-004"):
        secondary = found[("aws_elasticache_replication_group.secondary", rule)]
        assert (secondary.status, secondary.message.en) == (Status.NOT_APPLICABLE, SECONDARY)


def test_replica_has_its_replication_group_security_groups(tmp_path: Path) -> None:
    found = _found(tmp_path, ("GDCC-GRAPH-004",))
    group = found[("aws_elasticache_replication_group.group", "GDCC-GRAPH-004")]
    assert group.status is Status.FAIL
    for name in ("replica", "read_first"):
        replica = found[(f"aws_elasticache_cluster.{name}", "GDCC-GRAPH-004")]
        assert (replica.status, replica.message.en) == (group.status, group.message.en), name


TEMPLATE = """\
Resources:
  Secondary:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: secondary
      GlobalReplicationGroupId: ldgnf-global
  Alone:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: alone
      CacheNodeType: cache.t4g.small
"""


def test_cloudformation_global_secondary(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001", "GDCC-ENC-004")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    message = SECONDARY.replace(
        "aws_elasticache_replication_group:", "AWS::ElastiCache::ReplicationGroup:", 1
    )
    for rule in ("GDCC-ENC-001", "GDCC-ENC-004"):
        secondary = found[("Secondary", rule)]
        assert (secondary.status, secondary.message.en) == (Status.NOT_APPLICABLE, message)
        assert found[("Alone", rule)].status is Status.FAIL


IAM_DOC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html"
IAM_TERRAFORM = """\
resource "aws_elasticache_replication_group" "tokens" {
  replication_group_id = "tokens"
  description          = "tokens"
  node_type            = "cache.t4g.small"
}

resource "aws_elasticache_replication_group" "users" {
  replication_group_id = "users"
  description          = "users"
  node_type            = "cache.t4g.small"
  user_group_ids       = ["app-users"]
}

resource "aws_elasticache_cluster" "memcached" {
  cluster_id      = "memcached"
  engine          = "memcached"
  node_type       = "cache.t4g.small"
  num_cache_nodes = 1
}
"""
IAM_TEMPLATE = """\
Resources:
  Tokens:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: {ReplicationGroupDescription: tokens, CacheNodeType: cache.t4g.small}
  Memcached:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {Engine: memcached, CacheNodeType: cache.t4g.small, NumCacheNodes: 1}
"""


def test_iam_sign_in_needs_a_user_group(tmp_path: Path) -> None:
    """ElastiCache signs in IAM identities only as users of a user group: GDCC-DB-001 was
    UNKNOWN on every ElastiCache cache; without a user group it FAILs (provider default for a
    replication group), with one the users decide (not read: UNKNOWN)."""
    (tmp_path / "main.tf").write_text(IAM_TERRAFORM, encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(IAM_TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    found = {f.address: f for f in result.findings}
    off = "IAM / directory authentication is off"
    tokens = found["aws_elasticache_replication_group.tokens"]
    assert (tokens.status, tokens.message.en) == (
        Status.FAIL, f"{off} (provider default: 'user_group_ids' not set)"
    )
    assert tokens.evidence["defaults"]["directory_auth"]["documentation"] == IAM_DOC
    cfn = found["Tokens"]
    assert (cfn.status, cfn.message.en) == (
        Status.FAIL, f"{off} (provider default: 'UserGroupIds' not set)"
    )
    for address in ("aws_elasticache_cluster.memcached", "Memcached"):
        alone = found[address]
        assert (alone.status, alone.message.en) == (Status.FAIL, off), address
    assert found["aws_elasticache_replication_group.users"].status is Status.UNKNOWN


USERS_TERRAFORM = """\
resource "aws_elasticache_user" "default" {
  user_id       = "app-default"
  user_name     = "default"
  access_string = "on ~* +@read"
  engine        = "REDIS"
  passwords     = ["not-a-real-password-123"]
}

resource "aws_elasticache_user" "service" {
  user_id       = "service"
  user_name     = "service"
  access_string = "on ~* +@all"
  engine        = "REDIS"
  authentication_mode {
    type = "iam"
  }
}

resource "aws_elasticache_user_group" "app" {
  engine        = "REDIS"
  user_group_id = "app"
  user_ids      = [aws_elasticache_user.default.user_id]
}

resource "aws_elasticache_user_group_association" "service" {
  user_group_id = aws_elasticache_user_group.app.user_group_id
  user_id       = aws_elasticache_user.service.user_id
}

resource "aws_elasticache_user_group" "passwords" {
  engine        = "REDIS"
  user_group_id = "passwords"
  user_ids      = [aws_elasticache_user.default.user_id]
}

resource "aws_elasticache_replication_group" "iam" {
  replication_group_id = "iam"
  description          = "iam"
  node_type            = "cache.t4g.small"
  engine_version       = "7.1"
  user_group_ids       = [aws_elasticache_user_group.app.user_group_id]
}

resource "aws_elasticache_replication_group" "passwords" {
  replication_group_id = "passwords"
  description          = "passwords"
  node_type            = "cache.t4g.small"
  user_group_ids       = [aws_elasticache_user_group.passwords.user_group_id]
}
"""


def test_a_user_group_with_an_iam_user(tmp_path: Path) -> None:
    """A user group of the scan holding an IAM-mode user (here through an
    aws_elasticache_user_group_association) signs IAM identities in: GDCC-DB-001 PASSes (was
    UNKNOWN); a group whose users are all read and sign in with passwords FAILs (was UNKNOWN:
    tests/terraform/test_elasticache_group_iam.py). The users and groups are read for
    context, not 'not judged'."""
    (tmp_path / "main.tf").write_text(USERS_TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-001",)))
    found = {f.address: f for f in result.findings}
    iam = found["aws_elasticache_replication_group.iam"]
    assert (iam.status, iam.message.en) == (
        Status.PASS, "Databases authenticate users through the directory (IAM / Entra ID)"
    )
    assert found["aws_elasticache_replication_group.passwords"].status is Status.FAIL
    assert result.not_judged == {}
