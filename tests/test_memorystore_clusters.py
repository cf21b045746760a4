"""Memorystore for Redis Cluster (``google_redis_cluster``) and Memorystore for Valkey
(``google_memorystore_instance``) were not judged at all ("no rule of gdcc-audit reads these
types"). They are caches (``database.instance``): authentication and in-transit encryption
are off unless chosen (provider defaults, labelled so), IAM authentication is their directory
authentication, and they are reached through Private Service Connect endpoints only."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "google_redis_cluster" "plain" {
  name        = "plain"
  region      = "asia-southeast1"
  shard_count = 3
}

resource "google_redis_cluster" "hardened" {
  name                    = "hardened"
  region                  = "asia-southeast1"
  shard_count             = 3
  authorization_mode      = "AUTH_MODE_IAM_AUTH"
  transit_encryption_mode = "TRANSIT_ENCRYPTION_MODE_SERVER_AUTHENTICATION"
}

resource "google_memorystore_instance" "valkey" {
  instance_id = "valkey"
  location    = "asia-southeast1"
  shard_count = 1
}

resource "google_memorystore_instance" "valkey_tls" {
  instance_id             = "valkey-tls"
  location                = "asia-southeast1"
  shard_count             = 1
  authorization_mode      = "IAM_AUTH"
  transit_encryption_mode = "SERVER_AUTHENTICATION"
}
"""

RULES = ("GDCC-DB-006", "GDCC-ENC-004", "GDCC-DB-001", "GDCC-NET-002")


def _scan(tmp_path: Path) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): f for f in result.findings}


def test_memorystore_clusters_are_judged(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    statuses = {key: f.status for key, f in found.items()}
    failing = {"google_redis_cluster.plain", "google_memorystore_instance.valkey"}
    passing = {"google_redis_cluster.hardened", "google_memorystore_instance.valkey_tls"}
    for address in failing | passing:
        for rule in RULES[:3]:
            wanted = Status.FAIL if address in failing else Status.PASS
            assert statuses[(rule, address)] == wanted, (rule, address)
        assert statuses[("GDCC-NET-002", address)] == Status.PASS
    auth = found[("GDCC-DB-006", "google_redis_cluster.plain")]
    assert auth.message is not None
    assert auth.message.en == (
        "clients connect without authenticating (provider default: 'authorization_mode' not set)"
    )
    assert auth.evidence["defaults"]["auth_required"]["documentation"] == (
        "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
        "redis_cluster"
    )
    tls = found[("GDCC-ENC-004", "google_memorystore_instance.valkey")]
    assert tls.message is not None
    assert tls.message.en == (
        "unencrypted connections are accepted (provider default: 'transit_encryption_mode' "
        "not set)"
    )


MEMCACHE = """\
resource "google_memcache_instance" "cache" {
  name       = "cache"
  region     = "asia-southeast1"
  node_count = 1
  node_config {
    cpu_count      = 1
    memory_size_mb = 1024
  }
}
"""


def test_memcached_has_no_authentication_nor_tls(tmp_path: Path) -> None:
    """Memorystore for Memcached (``google_memcache_instance``) was not judged. Its API has no
    authentication, in-transit encryption or backup setting: GDCC-DB-006 and GDCC-ENC-004
    FAIL saying so, backups are NOT_APPLICABLE, and it has private addresses only."""
    (tmp_path / "main.tf").write_text(MEMCACHE)
    rules = ("GDCC-DB-006", "GDCC-ENC-004", "GDCC-NET-002", "GDCC-BCK-001", "GDCC-DB-002")
    result = audit([tmp_path], Settings(rule_ids=rules))
    found = {f.rule_id: f for f in result.findings}
    assert {rule: f.status for rule, f in found.items()} == {
        "GDCC-DB-006": Status.FAIL,
        "GDCC-ENC-004": Status.FAIL,
        "GDCC-NET-002": Status.PASS,
        "GDCC-BCK-001": Status.NOT_APPLICABLE,
        "GDCC-DB-002": Status.NOT_APPLICABLE,
    }
    tls = found["GDCC-ENC-004"]
    assert tls.message is not None
    assert tls.message.en == (
        "unencrypted connections are accepted (Memorystore for Memcached has no authentication "
        "or in-transit encryption setting (cloud.google.com/memorystore/docs/memcached/"
        "reference/rest/v1/projects.locations.instances))"
    )
