"""AWS routing and subnet filtering: route tables and their routes and associations, network
ACLs and their entries and associations, load balancer target groups and attachments.

Associations and separate route / ACL-entry resources are companions of their table or ACL:
merged into it, they bring their references (the associated subnet, the gateway a route
names). One whose table or ACL is not in the document is mapped on its own, with its routes
or entries not known, so the subnet it names is never judged by the VPC's main table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import UNSEEN_ACL_ENTRIES, AclRule, Facets, Route
from gdcc_audit.normalize.terraform.common import port, protocol
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.rule_origins import inline_set_at
from gdcc_audit.normalize.terraform.values import blocks

TABLES = ("aws_route_table", "aws_default_route_table")
ACLS = ("aws_network_acl", "aws_default_network_acl")
VPCS = ("aws_vpc", "aws_default_vpc")
#: Route target attributes and what they lead to (``gateway_id`` is read by its value).
_TARGETS = {
    "nat_gateway_id": "nat_gateway",
    "egress_only_gateway_id": "egress_only_gateway",
    "transit_gateway_id": "other",
    "vpc_peering_connection_id": "other",
    "network_interface_id": "other",
    "vpc_endpoint_id": "other",
    "local_gateway_id": "other",
    "carrier_gateway_id": "other",
    "core_network_arn": "other",
    "instance_id": "other",
}


def _gateway(r: TfResource, ctx: TfContext, attribute: str, value: Any) -> str | None:
    """What ``gateway_id`` names: an internet gateway, ``local``, a VPN gateway..."""
    if value is UNKNOWN:
        found = ctx.referenced(r, attribute, ("aws_internet_gateway", "aws_vpn_gateway"))
        if found is None:
            return None  # computed elsewhere (a module output, a variable): not known
        return "internet_gateway" if found.type == "aws_internet_gateway" else "other"
    text = str(value)
    if text == "local":
        return "local"
    return "internet_gateway" if text.startswith("igw-") else "other"


def _route(r: TfResource, ctx: TfContext, item: Mapping[str, Any], prefix: str) -> Route:
    destination: Any = None
    for key in ("destination_cidr_block", "destination_ipv6_cidr_block", "cidr_block",
                "ipv6_cidr_block", "destination_prefix_list_id"):
        if item.get(key) not in (None, ""):
            destination = item[key]
            break
    target: str | None = "other"
    if item.get("gateway_id") not in (None, ""):
        target = _gateway(r, ctx, prefix + "gateway_id", item["gateway_id"])
    else:
        named = [kind for key, kind in _TARGETS.items() if item.get(key) not in (None, "")]
        target = named[0] if named else None
    return Route(
        destination=destination if isinstance(destination, str) else None, target=target
    )


def route_table(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_route_table`` / ``aws_default_route_table`` with inline ``route`` blocks; routes
    of ``aws_route`` resources are added in the mapper's second pass."""
    items = blocks(r.values, "route")
    routes = None if items is None else tuple(
        _route(r, ctx, item, f"route.{n}.") for n, item in enumerate(items)
    )
    return "network.route_table", Facets(
        routes=routes, vpc_default=r.type == "aws_default_route_table"
    )


def route(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_route`` adds one route to the table it names."""
    table = ctx.referenced(r, "route_table_id", TABLES)
    if table is None:
        return []
    return [Contribution(table.address, r.address, {"routes": (_route(r, ctx, r.values, ""),)})]


def standalone_route(r: TfResource, ctx: TfContext) -> Mapped:
    """A route whose table is not in the document: a table of that one route, the VPC's main
    table when ``route_table_id`` is a VPC's ``main_route_table_id``."""
    main = ctx.referenced(r, "route_table_id", VPCS) is not None
    return "network.route_table", Facets(
        routes=(_route(r, ctx, r.values, ""),), vpc_default=True if main else None
    )


def table_association(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_route_table_association``: the table gets the subnet as a reference;
    ``aws_main_route_table_association`` makes the table its VPC's main one."""
    table = ctx.referenced(r, "route_table_id", TABLES)
    if table is None:
        return []
    updates = {"vpc_default": True} if r.type == "aws_main_route_table_association" else {}
    return [Contribution(table.address, r.address, updates, order=1)]


def standalone_association(r: TfResource, ctx: TfContext) -> Mapped:
    """An association with a table that is not in the document: the routes are not known."""
    main = r.type == "aws_main_route_table_association"
    return "network.route_table", Facets(routes=None, vpc_default=True if main else None)


def _acl_rule(item: Mapping[str, Any], egress: bool, number_key: str, action_key: str) -> AclRule:
    cidr = item.get("cidr_block")
    if cidr is None or cidr == "":
        cidr = item.get("ipv6_cidr_block")  # a value not known (UNKNOWN) stays not known
    action = item.get(action_key)
    proto = protocol(item.get("protocol"))
    low, high = port(item.get("from_port")), port(item.get("to_port"))
    if proto == "all":
        low, high = 0, 65535
    return AclRule(
        number=port(item.get(number_key)),
        egress=egress,
        allow=None if action not in ("allow", "deny") else action == "allow",
        protocol=proto or "unknown",
        from_port=low,
        to_port=high,
        cidr=cidr if isinstance(cidr, str) else None,
    )


def network_acl(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_network_acl`` / ``aws_default_network_acl`` with inline ``ingress``/``egress``
    (each pointing at where an input sets its values, ``AclRule.set_at``); entries of
    ``aws_network_acl_rule`` are added in the mapper's second pass."""
    rules: list[AclRule] | None = []
    for name in ("ingress", "egress"):
        items = blocks(r.values, name)
        if items is None or rules is None:
            rules = None
            continue
        rules.extend(
            rule.model_copy(update={"set_at": at}) if at else rule
            for rule, at in zip(
                (_acl_rule(i, name == "egress", "rule_no", "action") for i in items),
                inline_set_at(r, name, len(items)),
                strict=True,
            )
        )
    return "network.acl", Facets(
        acl_rules=None if rules is None else tuple(rules),
        vpc_default=r.type == "aws_default_network_acl",
    )


def _entry(r: TfResource) -> AclRule:
    egress = r.values.get("egress")
    return _acl_rule(r.values, egress is True, "rule_number", "rule_action")


def _no_range(r: TfResource) -> bool:
    """Neither ``cidr_block`` nor ``ipv6_cidr_block`` is written (not even as a value not
    known): the provider refuses to create such an entry ("Either cidr_block or
    ipv6_cidr_block must be defined", hashicorp/terraform#13011), so it lets nothing in."""
    return all(r.values.get(key) in (None, "") for key in ("cidr_block", "ipv6_cidr_block"))


def acl_rule(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_network_acl_rule`` adds one entry to its ACL."""
    acl = ctx.referenced(r, "network_acl_id", ACLS)
    if acl is None:
        return []
    if _no_range(r):
        return [Contribution(acl.address, r.address, {})]  # refused: adds no entry
    if r.values.get("egress") is UNKNOWN:
        return [Contribution(acl.address, r.address, {"acl_rules": None})]
    return [Contribution(acl.address, r.address, {"acl_rules": (_entry(r),)})]


def acl_association(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``aws_network_acl_association``: the ACL gets the subnet as a reference."""
    acl = ctx.referenced(r, "network_acl_id", ACLS)
    return [] if acl is None else [Contribution(acl.address, r.address, {}, order=1)]


def standalone_acl_part(r: TfResource, ctx: TfContext) -> Mapped:
    """An association whose ACL is not in the document: entries not known."""
    return "network.acl", Facets(acl_rules=None)


def standalone_acl_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """An ``aws_network_acl_rule`` whose ACL is not in the document is judged for what it
    lets in itself: a port it does not allow from the internet is not opened by it; a port
    it allows from 0.0.0.0/0 or ::/0 may still be closed by an entry of lower number in the
    ACL, which the input does not show (not known). An entry without an address range is
    refused by the provider and lets nothing in. An entry without ``network_acl_id`` or
    whose direction is not known: not known."""
    if _no_range(r):
        return "network.acl", Facets(acl_rules=())
    if r.values.get("network_acl_id") in (None, "") or r.values.get("egress") is UNKNOWN:
        return "network.acl", Facets(acl_rules=None)
    return "network.acl", Facets(acl_rules=(_entry(r), UNSEEN_ACL_ENTRIES))


def target_group(r: TfResource, ctx: TfContext) -> Mapped:
    """``aws_lb_target_group`` / ``aws_lb_target_group_attachment`` (its ``port`` overrides
    the group's for that target); the graph follows listener → group → targets. Listener
    rules (listener → rule → groups), ``aws_autoscaling_attachment`` (a scaling group to a
    target group or classic load balancer) and ``aws_elb_attachment`` (an instance to a
    classic load balancer) are read the same way."""
    return "network.target_group", Facets()


MAPPINGS: dict[str, MapFn] = {
    "aws_route_table": route_table,
    "aws_default_route_table": route_table,
    "aws_route": standalone_route,
    "aws_route_table_association": standalone_association,
    "aws_main_route_table_association": standalone_association,
    "aws_network_acl": network_acl,
    "aws_default_network_acl": network_acl,
    "aws_network_acl_rule": standalone_acl_rule,
    "aws_network_acl_association": standalone_acl_part,
    "aws_lb_target_group": target_group,
    "aws_alb_target_group": target_group,
    "aws_lb_target_group_attachment": target_group,
    "aws_alb_target_group_attachment": target_group,
    # what forwards to, or registers with, a load balancer (graph.network)
    "aws_lb_listener_rule": target_group,
    "aws_alb_listener_rule": target_group,
    "aws_autoscaling_attachment": target_group,
    "aws_elb_attachment": target_group,
}

COMPANIONS: dict[str, CompanionFn] = {
    "aws_route": route,
    "aws_route_table_association": table_association,
    "aws_main_route_table_association": table_association,
    "aws_network_acl_rule": acl_rule,
    "aws_network_acl_association": acl_association,
}
