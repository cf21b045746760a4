"""Huawei Cloud CCE: nodes (``huaweicloud_cce_node``) were not judged, so a node with an EIP
of its own left its cluster's GDCC-CLU-005 out (not applied to huaweicloud) and GDCC-CMP-001
silent; Secrets encryption (``encryption_config``) and control-plane logs
(``huaweicloud_cce_cluster_log_config``) were not read (GDCC-CLU-001 / CLU-003 UNKNOWN on
every cluster)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "huaweicloud_cce"
RULES = ["GDCC-CLU-001", "GDCC-CLU-003", "GDCC-CLU-005", "GDCC-CMP-001", "GDCC-CMP-003"]


@pytest.fixture(scope="module")
def found() -> dict[tuple[str, str], Finding]:
    result = audit([FIXTURE], Settings(rule_ids=RULES))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}


def _is(found: dict[tuple[str, str], Finding], rule: str, address: str, status: Status,
        says: str = "") -> None:
    finding = found[(rule, address)]
    assert finding.status is status, finding.message.en
    assert says in finding.message.en


def test_a_node_with_an_eip_gives_its_cluster_public_nodes(
    found: dict[tuple[str, str], Finding],
) -> None:
    _is(found, "GDCC-CLU-005", "huaweicloud_cce_cluster.public_nodes", Status.FAIL,
        "nodes get public IP addresses")
    _is(found, "GDCC-CMP-001", "huaweicloud_cce_node.edge", Status.FAIL)
    _is(found, "GDCC-CMP-003", "huaweicloud_cce_node.edge", Status.FAIL,
        "(provider default: 'root_volume.0.kms_key_id' not set)")


def test_pools_have_no_eip(found: dict[tuple[str, str], Finding]) -> None:
    _is(found, "GDCC-CLU-005", "huaweicloud_cce_cluster.private", Status.PASS,
        "huaweicloud_cce_node_pool.pool; a node pool has no EIP setting")


def test_secrets_and_logs(found: dict[tuple[str, str], Finding]) -> None:
    _is(found, "GDCC-CLU-001", "huaweicloud_cce_cluster.private", Status.PASS)
    _is(found, "GDCC-CLU-001", "huaweicloud_cce_cluster.public_nodes", Status.FAIL,
        "(provider default: 'encryption_config' not set)")
    _is(found, "GDCC-CLU-003", "huaweicloud_cce_cluster.private", Status.PASS)
    _is(found, "GDCC-CLU-003", "huaweicloud_cce_cluster.public_nodes", Status.UNKNOWN)
