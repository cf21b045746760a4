"""Port forwarding rules (Huawei Cloud DNAT, OpenStack floating IP port forwarding, Alibaba
Cloud NAT gateway DNAT entries: ``alicloud_dnat``): read by the graph
(``graph/port_forwards.py``), which publishes the server ports they forward; no rule judges
the forwarding rule itself."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext


def port_forward(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_nat_dnat_rule``, ``openstack_networking_portforwarding_v2``,
    ``alicloud_forward_entry``."""
    return "network.target_group", Facets()


MAPPINGS: dict[str, MapFn] = {
    "huaweicloud_nat_dnat_rule": port_forward,
    "openstack_networking_portforwarding_v2": port_forward,
    "alicloud_forward_entry": port_forward,
}
