"""Alibaba Cloud VPCs (``alicloud_vpc``), vSwitches and VPC flow logs
(``alicloud_vpc_flow_log``) were not judged: GDCC-LOG-005 had no finding on the 15 VPCs of
alibabacloud-automation/terraform-alicloud-ecs-instance's examples. A flow log naming the VPC
records it ("it will be active by default"; ``status = "Inactive"`` stops it); one on a
vSwitch records that vSwitch only."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_flow_logs"


def test_vpc_flow_logs() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-LOG-005",)))
    assert not {"alicloud_vpc", "alicloud_vswitch", "alicloud_vpc_flow_log"} & set(
        result.not_judged
    )
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["alicloud_vpc.logged"][0] is Status.PASS
    assert found["alicloud_vpc.stopped"] == (Status.FAIL, "traffic flow logging is off")
    assert found["alicloud_vpc.unlogged"] == (
        Status.FAIL, "no flow log records this network; the whole configuration was scanned",
    )
    # a flow log on a vSwitch records that vSwitch only: said (was the bare sentence)
    assert found["alicloud_vpc.vswitch_only"] == (
        Status.FAIL,
        "no flow log records this network (only its vSwitch alicloud_vswitch.app is recorded); "
        "the whole configuration was scanned",
    )


def test_flow_log_retention_is_its_logstore_s() -> None:
    """A flow log's retention is the ``alicloud_log_store`` it writes to: ``retention_period``
    "Default to 30" days (was UNKNOWN "log retention is not known")."""
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-LOG-001",)))
    assert "alicloud_log_store" not in result.not_judged
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["alicloud_vpc_flow_log.short"] == (
        Status.FAIL,
        "log retention is 30 days; at least 90 days required (provider default: "
        "'alicloud_log_store.short.retention_period' not set)",
    )
    assert found["alicloud_vpc_flow_log.year"][0] is Status.PASS
    # a Logstore named by a literal outside the scan: not known
    assert found["alicloud_vpc_flow_log.logged"][0] is Status.UNKNOWN
