"""Whether an RDS database that does not write ``PubliclyAccessible`` is public.

The CreateDBInstance / CreateDBCluster API decides by the VPC the database is placed in:
"If DBSubnetGroupName isn't specified, and PubliclyAccessible isn't specified ... If the
default VPC in the target Region has an internet gateway attached to it, the DB instance is
public. If DBSubnetGroupName is specified ... If the subnets are part of a VPC that has an
internet gateway attached to it, the DB instance is public" (otherwise private). A default
VPC comes with an internet gateway. When the template holds the subnet group, its subnets,
their VPC and the gateway attachments, the answer is a fact; otherwise it stays unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import PLACED_OUTSIDE_SCAN, DefaultedFacet, Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_list, as_str

DOC = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html"
#: The template resources the decision reads (logical id -> (type, resolved properties)).
TYPES = frozenset(
    {
        "AWS::RDS::DBSubnetGroup",
        "AWS::RDS::DBCluster",
        "AWS::EC2::Subnet",
        "AWS::EC2::VPC",
        "AWS::EC2::VPCGatewayAttachment",
    }
)
_DATABASES = frozenset({"AWS::RDS::DBInstance", "AWS::RDS::DBCluster"})
Resources = dict[str, tuple[str, dict[str, Any]]]
_SUBNET = "AWS::EC2::Subnet"

UNDECIDED = Text(
    en="PubliclyAccessible is not written: the database is public when the VPC of its subnet "
    "group has an internet gateway, and that VPC is not in the template",
    th="ไม่ได้กำหนด PubliclyAccessible: ฐานข้อมูลจะเปิดสาธารณะเมื่อ VPC ของ subnet group มี internet "
    "gateway และ VPC นั้นไม่อยู่ใน template",
)
DEFAULT_VPC_UNLESS = Text(
    en="unless the internet gateway of the Region's default VPC was detached",
    th="เว้นแต่ถอด internet gateway ออกจาก default VPC ของ Region แล้ว",
)


def _subnet_group(item: Pending, resources: Resources) -> Any:
    """The database's ``DBSubnetGroupName``; an Aurora instance without one takes its
    cluster's. ``None`` when there is none at all (the default VPC). A cluster outside the
    template is returned as it is: it names no subnet group of the template (not known)."""
    group = item.props.get("DBSubnetGroupName")
    cluster = item.props.get("DBClusterIdentifier")
    if group is not None or cluster is None:
        return group
    if isinstance(cluster, ResourceRef) and resources.get(cluster.target, ("",))[0] == (
        "AWS::RDS::DBCluster"
    ):
        return resources[cluster.target][1].get("DBSubnetGroupName")
    return cluster


def _vpc_of(group: Any, resources: Resources) -> str | None:
    """The logical id of the one template VPC the subnet group's subnets are in."""
    if not isinstance(group, ResourceRef):
        return None
    kind, props = resources.get(group.target, ("", {}))
    if kind != "AWS::RDS::DBSubnetGroup":
        return None
    vpcs: set[str] = set()
    for subnet in as_list(props.get("SubnetIds")) or [None]:
        if not isinstance(subnet, ResourceRef):
            return None
        subnet_kind, subnet_props = resources.get(subnet.target, ("", {}))
        vpc = subnet_props.get("VpcId")
        if subnet_kind != "AWS::EC2::Subnet" or not isinstance(vpc, ResourceRef):
            return None
        vpcs.add(vpc.target)
    return vpcs.pop() if len(vpcs) == 1 else None


def _has_internet_gateway(vpc: str, resources: Resources) -> bool | None:
    """Whether a gateway attachment of the template attaches an internet gateway to ``vpc``;
    ``None`` when one whose VPC cannot be told does."""
    found: bool | None = False
    for kind, props in resources.values():
        if kind != "AWS::EC2::VPCGatewayAttachment" or props.get("InternetGatewayId") is None:
            continue
        target = props.get("VpcId")
        if isinstance(target, ResourceRef):
            if target.target == vpc:
                return True
        elif as_str(target) is None:
            found = None  # attached to a VPC that is not known
    return found


def link_db_exposure(items: Iterable[Pending], resources: Resources) -> None:
    """Decide ``public_endpoint`` of each RDS database that leaves it to the API, from the
    template's subnet groups, subnets, VPCs and gateway attachments (``resources``: logical
    id -> (type, resolved properties), of :data:`TYPES`)."""
    for item in items:
        if item.provider_type not in _DATABASES or item.props.get("PubliclyAccessible") is not None:
            continue
        if item.mapped.facets.get("public_endpoint") is not None:
            continue
        engine = as_str(item.props.get("Engine")) or ""
        if item.provider_type == "AWS::RDS::DBCluster" and engine.startswith("aurora"):
            continue  # Aurora: public access is set per instance
        group = _subnet_group(item, resources)
        if group is None:
            _decide(item, True, DEFAULT_VPC_UNLESS)
            continue
        vpc = _vpc_of(group, resources)
        in_template = vpc is not None and resources.get(vpc, ("",))[0] == "AWS::EC2::VPC"
        gateway = _has_internet_gateway(vpc, resources) if vpc and in_template else None
        if vpc is None or gateway is None:
            item.mapped.unknown["public_endpoint"] = UNDECIDED
        else:
            _decide(item, gateway, None)


def link_subnet_groups(items: Iterable[Pending], resources: Resources) -> None:
    """Place each RDS database in the subnets of its subnet group (an Aurora instance
    without one: its cluster's), for the resource graph: each subnet of the template the
    group lists. What else it lists (a parameter, a literal id, an import), or a group that is
    not in the template, may be a public subnet or a private one: it is named in
    ``PLACED_OUTSIDE_SCAN`` and the graph takes the placement as not known unless a subnet of
    the template routes to the internet. Without this a publicly accessible database was in
    no subnet, and reachable from the internet whatever its subnets route to (as
    ``terraform/subnet_groups.py``)."""
    for item in items:
        if item.provider_type not in _DATABASES:
            continue
        group = _subnet_group(item, resources)
        if group is None:
            continue
        if not isinstance(group, ResourceRef) or resources.get(group.target, ("",))[0] != (
            "AWS::RDS::DBSubnetGroup"
        ):
            item.found[PLACED_OUTSIDE_SCAN] = ["its DB subnet group is not in the template"]
            continue
        listed = resources[group.target][1].get("SubnetIds")
        subnets = as_list(listed)
        if subnets is None:
            item.found[PLACED_OUTSIDE_SCAN] = [f"{group.target} lists subnets not known"]
            continue
        inside = [
            s.target for s in subnets
            if isinstance(s, ResourceRef) and resources.get(s.target, ("",))[0] == _SUBNET
        ]
        for target in inside:
            reference = Reference(target=target, attribute="DBSubnetGroupName.SubnetIds")
            if reference not in item.references:
                item.references.append(reference)
        if len(subnets) > len(inside):
            item.found[PLACED_OUTSIDE_SCAN] = [
                f"{group.target} lists {len(subnets) - len(inside)} subnet(s) not in the template"
            ]


def _decide(item: Pending, public: bool, unless: Text | None) -> None:
    item.mapped.facets["public_endpoint"] = public
    item.mapped.unknown.pop("public_endpoint", None)
    item.mapped.defaults["public_endpoint"] = DefaultedFacet(
        attribute="PubliclyAccessible", doc=DOC, unless=unless
    )
