"""A Memcached cache cluster whose nodes are spread over zones (``AZMode: cross-az``,
``az_mode = "cross-az"``) runs in more than one zone: GDCC-DB-003 PASSes. Terraform read every
``aws_elasticache_cluster`` as single-zone (a wrong FAIL); CloudFormation did not read the
mode at all (UNKNOWN, though the API documents single-az as the default). A CloudFormation
cache cluster has no AUTH token or user group, as its Terraform twin: GDCC-DB-006 FAILs (was
UNKNOWN)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TAGS = "[{Key: gdcc:security-category, Value: high}]"
TEMPLATE = f"""\
Resources:
  Spread:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {{Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 3,
                 AZMode: cross-az, Tags: {TAGS}}}
  Single:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {{Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 3,
                 AZMode: single-az, Tags: {TAGS}}}
  Defaulted:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {{Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 3,
                 Tags: {TAGS}}}
  ZonesOnly:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {{Engine: memcached, CacheNodeType: cache.t3.micro, NumCacheNodes: 2,
                 PreferredAvailabilityZones: [ap-southeast-7a, ap-southeast-7b], Tags: {TAGS}}}
"""

TERRAFORM = """\
resource "aws_elasticache_cluster" "spread" {
  cluster_id      = "spread"
  engine          = "memcached"
  node_type       = "cache.t3.micro"
  num_cache_nodes = 3
  az_mode         = "cross-az"
  tags            = { "gdcc:security-category" = "high" }
}

resource "aws_elasticache_cluster" "defaulted" {
  cluster_id      = "defaulted"
  engine          = "memcached"
  node_type       = "cache.t3.micro"
  num_cache_nodes = 3
  tags            = { "gdcc:security-category" = "high" }
}
"""

API = "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateCacheCluster.html"


def test_cloudformation_cache_cluster_zones_and_auth(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-003", "GDCC-DB-006")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    assert found[("Spread", "GDCC-DB-003")].status is Status.PASS
    single = found[("Single", "GDCC-DB-003")]
    assert (single.status, single.message.en) == (
        Status.FAIL, "it runs in a single zone"
    )
    defaulted = found[("Defaulted", "GDCC-DB-003")]
    assert defaulted.status is Status.FAIL
    assert defaulted.evidence["defaults"] == {
        "high_availability": {"attribute": "AZMode", "value": "default", "documentation": API}
    }
    assert found[("ZonesOnly", "GDCC-DB-003")].status is Status.UNKNOWN
    for name in ("Spread", "Single", "Defaulted", "ZonesOnly"):
        auth = found[(name, "GDCC-DB-006")]
        assert (auth.status, auth.message.en) == (
            Status.FAIL, "clients connect without authenticating"
        )


def test_terraform_cross_az_cache_cluster(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-003",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {
        "aws_elasticache_cluster.spread": Status.PASS,
        "aws_elasticache_cluster.defaulted": Status.FAIL,
    }
