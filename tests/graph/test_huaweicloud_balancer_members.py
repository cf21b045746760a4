"""A public Huawei Cloud dedicated load balancer forwarding SSH to an ECS through an
``huaweicloud_elb_pool`` / ``huaweicloud_elb_member`` was no path at all: GDCC-GRAPH-002 PASSed
"No management port is reachable" (balancers and pools were not mapped); then the path was
uncertain ("no internet gateway found for its network": a Huawei VPC needs none for an EIP).
Now internet → lb:22 → web:22 is a certain path: FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "huaweicloud_elb_members"


def test_balancer_forwards_ssh_to_its_member() -> None:
    result = audit([FIXTURE], Settings(rule_ids=["GDCC-GRAPH-002"]))
    found = {f.address: f for f in result.findings}
    web = found["huaweicloud_compute_instance.web"]
    assert web.status is Status.FAIL
    assert web.message.en == (
        "management port 22 reachable from the internet: internet → lb:22 → web:22"
    )
