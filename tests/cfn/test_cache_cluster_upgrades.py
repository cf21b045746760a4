"""``AWS::ElastiCache::CacheCluster`` ``AutoMinorVersionUpgrade`` was not read: GDCC-DB-002 was
UNKNOWN for a cluster writing ``true`` (or ``false``). Without it the cluster stays not known:
the CreateCacheCluster reference states no default."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Upgrades: {Type: String, Default: true, AllowedValues: [true, false]}
Resources:
  Upgraded:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {Engine: redis, CacheNodeType: cache.t3.micro, NumCacheNodes: 1,
                 AutoMinorVersionUpgrade: !Ref Upgrades}
  NotUpgraded:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {Engine: redis, CacheNodeType: cache.t3.micro, NumCacheNodes: 1,
                 AutoMinorVersionUpgrade: 'false'}
  Unwritten:
    Type: AWS::ElastiCache::CacheCluster
    Properties: {Engine: redis, CacheNodeType: cache.t3.micro, NumCacheNodes: 1}
"""


def test_cache_cluster_minor_upgrades(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-002",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        # the parameter's default decides; its other allowed value is named
        "Upgraded": (
            Status.PASS,
            "Databases receive minor engine upgrades automatically (decided by the default "
            f"of the parameter Upgrades ('true', value set at {tmp_path / 'template.yaml'}:2); "
            "a deployment with Upgrades = 'false': FAIL)",
        ),
        "NotUpgraded": (Status.FAIL, "automatic minor version upgrades are off"),
        "Unwritten": (
            Status.UNKNOWN,
            "whether automatic minor version upgrades are on is not known from the input",
        ),
    }
