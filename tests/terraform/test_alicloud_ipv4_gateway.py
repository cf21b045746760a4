"""Alibaba Cloud IPv4 gateways (``alicloud_vpc_ipv4_gateway``): "Instances in a VPC can access
the Internet only when an IPv4 gateway in the VPC is activated and routes that point to the
IPv4 gateway are added to a route table of the VPC"; "Traffic of instances in the VPC is not
affected before the IPv4 gateway is activated" (Alibaba Cloud VPC, Create and manage an IPv4
gateway). The provider activates it only for ``enabled = true``. The graph took every
Alibaba VPC as routing public IPs to the internet (``graph/network._default_internet_route``),
so an instance with a public IP in a VPC whose active IPv4 gateway no route table of its
vSwitch may point to FAILed GDCC-GRAPH-002: now UNKNOWN saying why when whether it is active
is not known (an active one: its route tables decide, test_alicloud_route_tables.py); a gateway
not activated changes nothing (FAIL as before)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "alicloud_ecs" / "main.tf"


def _graph_002(tmp_path: Path, gateway: str) -> tuple[str, str, str]:
    (tmp_path / "main.tf").write_text(
        FIXTURE.read_text(encoding="utf-8") + gateway, encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    assert "alicloud_vpc_ipv4_gateway" not in result.not_judged
    found = next(f for f in result.findings if f.address == "alicloud_instance.web")
    hop = found.evidence["path_hops"][-1]
    return found.status.value, found.message.en, str(hop["via"])


def test_a_gateway_that_may_be_active_leaves_reachability_unknown(tmp_path: Path) -> None:
    status, message, via = _graph_002(tmp_path, """
variable "on" {}

resource "alicloud_vpc_ipv4_gateway" "gw" {
  ipv4_gateway_name = "gw"
  vpc_id            = alicloud_vpc.main.id
  enabled           = var.on
}
""")
    assert status == "UNKNOWN"
    assert message.endswith("if what is not known allows it: internet → web:22")
    assert via == (
        "public endpoint; an IPv4 gateway of its VPC is or may be active "
        "(alicloud_vpc_ipv4_gateway.gw (enabled not known)): only vSwitches whose route "
        "table routes to it reach the internet, and that is read only for an ECS instance "
        "of a VPC whose gateway is active for certain"
    )


def test_a_gateway_not_activated_changes_nothing(tmp_path: Path) -> None:
    status, message, _ = _graph_002(tmp_path, """
resource "alicloud_vpc_ipv4_gateway" "gw" {
  ipv4_gateway_name = "gw"
  vpc_id            = alicloud_vpc.main.id
}
""")
    assert status == "FAIL"
    assert message.endswith("reachable from the internet: internet → web:22")
