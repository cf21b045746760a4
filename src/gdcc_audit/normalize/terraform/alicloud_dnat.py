"""Alibaba Cloud NAT gateway DNAT entries (``alicloud_forward_entry``), read by the graph
(``graph/port_forwards.py``) as Huawei Cloud's DNAT rules are.

A DNAT entry forwards what reaches ``external_ip`` on ``external_port`` to ``internal_ip``
(an ECS instance's private address) on ``internal_port`` ("1 to 65535", a range written
``80/90``; ``ip_protocol`` ``tcp``, ``udp`` or ``any``: "If IpProtocol is set to Any, both
ExternalPort and InternalPort must also be set to Any to implement DNAT IP mapping"):
:data:`FORWARD_ENTRY_DOC`. On an Internet NAT gateway the external IP is an EIP; on a VPC NAT
gateway (``alicloud_nat_gateway`` ``network_type = "intranet"``) it is "the NAT IP address used
for access from external networks", not an internet address. An instance behind such an entry
has no public IP of its own: its SSH open to ``0.0.0.0/0`` was PASS on GDCC-GRAPH-002 (the
entry was not read: provider example ``build-lnmp``)."""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import PUBLIC_ADDRESS
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import text

#: resources/forward_entry (the arguments quoted above).
FORWARD_ENTRY_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/forward_entry"
)
#: The EIP types an entry's ``external_ip`` may name.
EIP_TYPES = ["alicloud_eip_address", "alicloud_eip"]


def public_address(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an ``alicloud_forward_entry``'s ``external_ip`` is an internet address: True
    when it is an EIP of the scan (``alicloud_eip_address.x.ip_address``), False when its NAT
    gateway (``forward_table_id``) is a VPC NAT gateway (``network_type = "intranet"``), None
    otherwise (a literal address, a gateway not in the scan)."""
    if ctx.referenced(r, "external_ip", EIP_TYPES) is not None:
        return True
    gateway = ctx.referenced(r, "forward_table_id", ["alicloud_nat_gateway"])
    kind = None if gateway is None else text(gateway.values, "network_type")
    if kind is not None and kind.lower() == "intranet":
        return False
    return None


def attributes(r: TfResource, ctx: TfContext) -> dict[str, bool]:
    """The graph's attributes of an ``alicloud_forward_entry``: :data:`PUBLIC_ADDRESS` when
    known (:func:`public_address`)."""
    found = public_address(r, ctx)
    return {} if found is None else {PUBLIC_ADDRESS: found}
