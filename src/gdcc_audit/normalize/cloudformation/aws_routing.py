"""AWS routing and subnet filtering in templates: route tables, routes and their subnet
associations, network ACLs, their entries and associations, security-group egress rules and
load balancer target groups.

Routes, entries, egress rules and associations are merged into the table, ACL or group they
name (which then refers to the associated subnet and the gateway a route names); one whose
table or ACL is not in the template stays a resource of its own with what it says, its routes
or entries otherwise not known.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from gdcc_audit.models.resource import UNSEEN_ACL_ENTRIES, AclRule, IngressRule, Route
from gdcc_audit.normalize.cloudformation.aws_network import ALLOW_ALL_OUT, egress_rule
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.types import Mapped, TypeMapper, kind_only
from gdcc_audit.normalize.cloudformation.values import ResourceRef, as_bool, as_int, as_str, dig

R = TypeVar("R", AclRule, IngressRule)

_PROTOCOLS = {"-1": "all", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}
_TARGETS = {
    "NatGatewayId": "nat_gateway",
    "EgressOnlyInternetGatewayId": "egress_only_gateway",
    "TransitGatewayId": "other",
    "VpcPeeringConnectionId": "other",
    "NetworkInterfaceId": "other",
    "InstanceId": "other",
    "VpcEndpointId": "other",
    "LocalGatewayId": "other",
    "CarrierGatewayId": "other",
    "CoreNetworkArn": "other",
}


def route_of(props: dict[str, Any], by_id: dict[str, Pending]) -> Route:
    """One ``AWS::EC2::Route``; a ``GatewayId`` is an internet gateway when it refers to an
    ``AWS::EC2::InternetGateway`` of the template or is written ``igw-…``."""
    destination = next(
        (props[k] for k in ("DestinationCidrBlock", "DestinationIpv6CidrBlock",
                            "DestinationPrefixListId") if isinstance(props.get(k), str)),
        None,
    )
    gateway = props.get("GatewayId")
    target: str | None
    if isinstance(gateway, ResourceRef):
        found = by_id.get(gateway.target)
        target = None if found is None else (
            "internet_gateway" if found.provider_type == "AWS::EC2::InternetGateway" else "other"
        )
    elif isinstance(gateway, str):
        target = "local" if gateway == "local" else (
            "internet_gateway" if gateway.startswith("igw-") else "other"
        )
    elif gateway is not None:
        target = None  # a parameter without a default
    else:
        named = [kind for key, kind in _TARGETS.items() if props.get(key) is not None]
        target = named[0] if named else None
    return Route(destination=destination, target=target)


def acl_entry(props: dict[str, Any]) -> AclRule:
    """One ``AWS::EC2::NetworkAclEntry``."""
    raw = as_str(props.get("Protocol"))
    proto = "unknown" if raw is None else _PROTOCOLS.get(raw, raw.lower())
    low, high = as_int(dig(props, "PortRange", "From")), as_int(dig(props, "PortRange", "To"))
    if proto == "all":
        low, high = 0, 65535
    action = as_str(props.get("RuleAction"))
    egress = as_bool(props.get("Egress"))
    # a range not known (a parameter without a default) has no truth value: not ``or``
    cidr = props.get("CidrBlock")
    if cidr in (None, ""):
        cidr = props.get("Ipv6CidrBlock")
    return AclRule(
        number=as_int(props.get("RuleNumber")),
        egress=egress is True,
        allow=None if action not in ("allow", "deny") else action == "allow",
        protocol=proto,
        from_port=low if low is None or 0 <= low <= 65535 else None,
        to_port=high if high is None or 0 <= high <= 65535 else None,
        cidr=cidr if isinstance(cidr, str) else None,
    )


def _entry(props: dict[str, Any]) -> Mapped:
    """An entry alone (its ACL not in the template) is judged for what it lets in itself;
    the ACL's other entries are not known and may deny first (``UNSEEN_ACL_ENTRIES``).
    Without ``CidrBlock`` and ``Ipv6CidrBlock`` it is refused ("You must specify either
    CidrBlock or Ipv6CidrBlock", AWS::EC2::NetworkAclEntry reference) and lets nothing in.
    Without ``NetworkAclId`` or with a direction not known: not known."""
    if _no_range(props):
        return Mapped("network.acl", {"acl_rules": ()})
    egress = props.get("Egress")
    if props.get("NetworkAclId") in (None, "") or (
        egress is not None and as_bool(egress) is None
    ):
        return Mapped("network.acl", {"acl_rules": None})
    return Mapped("network.acl", {"acl_rules": (acl_entry(props), UNSEEN_ACL_ENTRIES)})


def _no_range(props: dict[str, Any]) -> bool:
    """Neither ``CidrBlock`` nor ``Ipv6CidrBlock`` is written (a value not known counts as
    written): CloudFormation refuses such an entry (https://docs.aws.amazon.com/
    AWSCloudFormation/latest/UserGuide/aws-resource-ec2-networkaclentry.html: one of them is
    required)."""
    return all(props.get(key) in (None, "") for key in ("CidrBlock", "Ipv6CidrBlock"))


def _egress(props: dict[str, Any]) -> Mapped:
    rule = egress_rule(props)
    return Mapped("network.security_group", {"ingress": (), "egress": (rule,) if rule else None})


def declared(rules: Iterable[R], item: Pending) -> tuple[R, ...]:
    """``rules`` of a resource merged into another, each stamped with that resource's logical
    id and ``file:line`` (a finding then names the entry to change)."""
    return tuple(
        rule
        if rule.declared_by is not None
        else rule.model_copy(update={"declared_by": item.logical_id, "declared_at": item.at})
        for rule in rules
    )


def _merge(target: Pending, facet: str, added: Any) -> None:
    current = target.mapped.facets.get(facet)
    target.mapped.facets[facet] = None if current is None or added is None else (*current, *added)


def link_routing(
    item: Pending, find: Callable[[str], Pending | None], by_id: dict[str, Pending]
) -> bool:
    """Merge a route, association, ACL entry or egress rule into what it names; True when it
    was merged (and is no longer a resource of its own)."""
    kind = item.provider_type
    if kind == "AWS::EC2::Route":
        route = route_of(item.props, by_id)
        table = find("RouteTableId")
        if table is None or table.provider_type != "AWS::EC2::RouteTable":
            item.mapped.facets["routes"] = (route,)
            return False
        _merge(table, "routes", (route,))
        table.references.extend(r for r in item.references if r.target != table.logical_id)
        return True
    if kind == "AWS::EC2::SubnetRouteTableAssociation":
        return _associate(item, find("RouteTableId"), "AWS::EC2::RouteTable")
    if kind == "AWS::EC2::SubnetNetworkAclAssociation":
        _default_acl(item, by_id)
        return _associate(item, find("NetworkAclId"), "AWS::EC2::NetworkAcl")
    if kind == "AWS::EC2::NetworkAclEntry":
        acl = find("NetworkAclId")
        if acl is None or acl.provider_type != "AWS::EC2::NetworkAcl":
            return False
        if not _no_range(item.props):  # one without a range is refused: it adds no entry
            _merge(acl, "acl_rules", declared((acl_entry(item.props),), item))
        acl.merged_from.append(item.logical_id)
        return True
    if kind == "AWS::EC2::SecurityGroupEgress":
        group = find("GroupId")
        if group is None or group.provider_type != "AWS::EC2::SecurityGroup":
            return False
        group.merged_from.append(item.logical_id)
        if group.mapped.facets.get("egress") == ALLOW_ALL_OUT:
            # a standalone egress rule does not remove AWS's allow-all rule
            return True
        egress = item.mapped.facets.get("egress")
        _merge(group, "egress", None if egress is None else declared(egress, item))
        group.references.extend(r for r in item.references if r.target != group.logical_id)
        return True
    return False


#: The entries of a VPC's default network ACL as AWS creates it: "By default, it allows all
#: inbound and outbound IPv4 traffic" (rule 100 allows all traffic from and to 0.0.0.0/0,
#: rule ``*`` denies what no rule matched; Amazon VPC user guide, "Default network ACL",
#: https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html).
_DEFAULT_ACL_ENTRIES = tuple(
    AclRule(number=100, egress=egress, allow=True, protocol="all", from_port=0, to_port=65535,
            cidr="0.0.0.0/0")
    for egress in (False, True)
)


def _default_acl(item: Pending, by_id: dict[str, Pending]) -> None:
    """A subnet associated with its VPC's default network ACL (``NetworkAclId: !GetAtt
    Vpc.DefaultNetworkAcl``, the VPC in the template) has that ACL's documented entries and
    the ``AWS::EC2::NetworkAclEntry`` entries the template adds to it. The association was
    "the entries of the network ACL are not known" (GDCC-NET-001 UNKNOWN) and made every path
    into the subnet uncertain (startup-kit-templates' ``vpc.cfn.yml`` associates both public
    subnets so). An entry whose number is the default's (100) is refused by AWS
    (NetworkAclEntryAlreadyExists): the number rules decide it as for any shared number."""
    acl = item.props.get("NetworkAclId")
    if not isinstance(acl, ResourceRef) or not _is_default_acl(acl, by_id):
        return
    vpc = f"{acl.target}.DefaultNetworkAcl (its entry 100, provider default)"
    added = [
        rule
        for other in by_id.values()
        if other.provider_type == "AWS::EC2::NetworkAclEntry"
        and other.props.get("NetworkAclId") == acl and not _no_range(other.props)
        for rule in declared((acl_entry(other.props),), other)
    ]
    item.mapped.facets["acl_rules"] = (
        *(entry.model_copy(update={"declared_by": vpc}) for entry in _DEFAULT_ACL_ENTRIES),
        *added,
    )


def _is_default_acl(acl: ResourceRef, by_id: dict[str, Pending]) -> bool:
    """Whether ``acl`` is ``!GetAtt Vpc.DefaultNetworkAcl`` of a VPC of the template."""
    if acl.attribute != "DefaultNetworkAcl":
        return False
    vpc = by_id.get(acl.target)
    return vpc is not None and vpc.provider_type == "AWS::EC2::VPC"


def _associate(item: Pending, owner: Pending | None, owner_type: str) -> bool:
    if owner is None or owner.provider_type != owner_type:
        return False
    owner.references.extend(
        r for r in item.references if r.target != owner.logical_id
    )
    return True


TYPES: dict[str, TypeMapper] = {
    "AWS::EC2::RouteTable": kind_only("network.route_table", routes=(), vpc_default=False),
    "AWS::EC2::Route": kind_only("network.route_table", routes=None),
    "AWS::EC2::SubnetRouteTableAssociation": kind_only("network.route_table", routes=None),
    "AWS::EC2::NetworkAcl": kind_only("network.acl", acl_rules=(), vpc_default=False),
    "AWS::EC2::NetworkAclEntry": _entry,
    "AWS::EC2::SubnetNetworkAclAssociation": kind_only("network.acl", acl_rules=None),
    "AWS::EC2::SecurityGroupEgress": _egress,
    "AWS::ElasticLoadBalancingV2::TargetGroup": kind_only("network.target_group"),
    # forwards a listener's requests to the target groups it names (graph.network)
    "AWS::ElasticLoadBalancingV2::ListenerRule": kind_only("network.target_group"),
}
