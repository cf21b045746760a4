"""Two Terraform roots scanned together whose VPCs share 192.168.0.0/16 were one address
space: a database admitting its own VPC's range FAILed GDCC-GRAPH-004 ("admits address range
web, which holds internet-facing web") for a server of the other root, and GDCC-GRAPH-005 was
UNKNOWN on that path. An address inside the database's own network stays inside it
(overlapping networks cannot be peered): the other VPC's segments are not its sources."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "overlapping_roots"


def test_a_range_of_the_own_network_does_not_reach_another_root() -> None:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-GRAPH-004", "GDCC-GRAPH-005"]))
    found = {(f.rule_id, f.address): f.status for f in result.findings}
    assert found[("GDCC-GRAPH-004", "huaweicloud_rds_instance.db")] is Status.PASS
    assert found[("GDCC-GRAPH-005", "huaweicloud_rds_instance.db")] is Status.PASS
