"""``aws_elasticache_serverless_cache`` was not read: a serverless cache holding data had no
finding at all. It is always encrypted at rest ("Serverless caches are always encrypted at
rest", ElastiCache API reference, ServerlessCache) and in transit ("All serverless caches have
in-transit encryption enabled"), patched by AWS and reachable from its VPC only; clients
authenticate only through a user group ("RBAC is also the only way to control access to
serverless caches"). A Valkey / Redis OSS one listens on 6379 and 6380 (reader endpoint)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

RBAC = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html"

HCL = """\
resource "aws_elasticache_user" "iam" {
  user_id       = "app"
  user_name     = "app"
  access_string = "on ~* +@all"
  engine        = "redis"
  authentication_mode {
    type = "iam"
  }
}
resource "aws_elasticache_user" "closed_default" {
  user_id       = "closed-default"
  user_name     = "default"
  access_string = "off ~* +@all"
  engine        = "redis"
  authentication_mode {
    type = "no-password-required"
  }
}
resource "aws_elasticache_user" "open_default" {
  user_id       = "open-default"
  user_name     = "default"
  access_string = "on ~* +@read"
  engine        = "redis"
  authentication_mode {
    type = "no-password-required"
  }
}
resource "aws_elasticache_user_group" "g" {
  engine        = "redis"
  user_group_id = "g"
  user_ids      = [aws_elasticache_user.closed_default.user_id, aws_elasticache_user.iam.user_id]
}
resource "aws_elasticache_user_group" "open" {
  engine        = "redis"
  user_group_id = "open"
  user_ids      = [aws_elasticache_user.open_default.user_id, aws_elasticache_user.iam.user_id]
}
resource "aws_elasticache_serverless_cache" "open_group" {
  engine        = "redis"
  name          = "open-group"
  user_group_id = aws_elasticache_user_group.open.user_group_id
}
resource "aws_elasticache_serverless_cache" "outside_group" {
  engine        = "redis"
  name          = "outside-group"
  user_group_id = "made-elsewhere"
}
resource "aws_elasticache_serverless_cache" "open" {
  engine = "valkey"
  name   = "open"
}
resource "aws_elasticache_serverless_cache" "grouped" {
  engine                   = "redis"
  name                     = "grouped"
  user_group_id            = aws_elasticache_user_group.g.user_group_id
  kms_key_id               = aws_kms_key.k.arn
  snapshot_retention_limit = 7
}
resource "aws_kms_key" "k" {
  enable_key_rotation = true
}
"""

RULES = (
    "GDCC-ENC-001", "GDCC-ENC-004", "GDCC-NET-002", "GDCC-DB-001", "GDCC-DB-002",
    "GDCC-DB-006", "GDCC-BCK-001",
)


def test_serverless_cache_is_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(HCL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    for name in ("open", "grouped"):
        address = f"aws_elasticache_serverless_cache.{name}"
        assert found["GDCC-ENC-001", address][0] is Status.PASS
        assert "serverless caches are always encrypted at rest" in found[
            "GDCC-ENC-001", address
        ][1]
        assert found["GDCC-ENC-004", address][0] is Status.PASS
        assert found["GDCC-NET-002", address][0] is Status.PASS
        assert found["GDCC-DB-002", address][0] is Status.PASS
    assert found["GDCC-DB-006", "aws_elasticache_serverless_cache.open"] == (
        Status.FAIL,
        "clients connect without authenticating (user_group_id is not set, and a user group "
        f"(RBAC) is the only way to control access to a serverless cache ({RBAC}))",
    )
    assert found["GDCC-DB-006", "aws_elasticache_serverless_cache.grouped"] == (
        Status.PASS,
        "Caches require clients to authenticate (clients sign in as users of its user group; "
        "one that does not is the default user aws_elasticache_user.closed_default, which "
        f"needs a password or is off ({RBAC}))",
    )
    # a user group is no authentication by itself: its default user takes no password
    assert found["GDCC-DB-006", "aws_elasticache_serverless_cache.open_group"] == (
        Status.FAIL,
        "clients connect without authenticating (the user group "
        "aws_elasticache_user_group.open holds aws_elasticache_user.open_default (user name "
        "default, no password, on), a default user that needs no password; a client "
        f"that does not sign in connects as it ({RBAC}))",
    )
    assert found["GDCC-DB-006", "aws_elasticache_serverless_cache.outside_group"] == (
        Status.UNKNOWN,
        "whether clients must authenticate is not known from the input: made-elsewhere is "
        "not in the input, and a client that does not sign in is the group's default user: "
        f"ElastiCache's own (user ID default) takes no password ({RBAC})",
    )
    # IAM sign-in: none without a group; a group of the scan holding an IAM user
    assert found["GDCC-DB-001", "aws_elasticache_serverless_cache.open"][0] is Status.FAIL
    assert found["GDCC-DB-001", "aws_elasticache_serverless_cache.grouped"][0] is Status.PASS
    # no documented default for automatic snapshots
    assert found["GDCC-BCK-001", "aws_elasticache_serverless_cache.open"] == (
        Status.UNKNOWN,
        "whether backups are on is not known from the input: snapshot_retention_limit is not "
        "set and CreateServerlessCache states no default for SnapshotRetentionLimit",
    )
    assert found["GDCC-BCK-001", "aws_elasticache_serverless_cache.grouped"][0] is Status.PASS


NETWORK = """\
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_internet_gateway" "igw" {
  vpc_id = aws_vpc.v.id
}
resource "aws_subnet" "pub" {
  vpc_id                  = aws_vpc.v.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
resource "aws_route_table" "rt" {
  vpc_id = aws_vpc.v.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.igw.id
  }
}
resource "aws_route_table_association" "a" {
  subnet_id      = aws_subnet.pub.id
  route_table_id = aws_route_table.rt.id
}
resource "aws_security_group" "reader" {
  vpc_id = aws_vpc.v.id
  ingress {
    from_port   = 6380
    to_port     = 6380
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                    = "ami-123"
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.pub.id
  vpc_security_group_ids = [aws_security_group.reader.id]
}
resource "aws_elasticache_serverless_cache" "c" {
  engine             = "valkey"
  name               = "c"
  subnet_ids         = [aws_subnet.pub.id]
  security_group_ids = [aws_security_group.reader.id]
}
"""


def test_serverless_cache_reader_endpoint_port(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(NETWORK, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["aws_elasticache_serverless_cache.c"] == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 6380: internet → "
        "web:6380 → c:6380",
    )
