"""Alibaba Cloud route tables: ``alicloud_route_table``, its ``alicloud_route_entry`` routes and
its ``alicloud_route_table_attachment`` vSwitches, read like AWS's (``aws_routing``).

They decide whether a vSwitch reaches the internet only in a VPC whose IPv4 gateway is active:
"By default, resources in a virtual private cloud (VPC) that have an assigned public IP address
can access the internet" whatever the route tables say, and "Instances in a VPC can access the
Internet only when an IPv4 gateway in the VPC is activated and routes that point to the IPv4
gateway are added to a route table of the VPC" (Alibaba Cloud VPC, Create and manage an IPv4
gateway: ``alicloud.IPV4_GATEWAY_DOC``). The graph (``graph/routing.py``) reads them only
there. The console adds a default route to the gateway to the route tables chosen at
activation; the provider's activation (``EnableVpcIpv4Gateway`` with no ``RouteTableList``,
resource_alicloud_vpc_ipv4_gateway.go) adds none, so a route to the gateway is one the scan
writes.

Routes (resources/route_entry): ``destination_cidrblock`` and ``nexthop_type``; a next hop of
type ``Ipv4Gateway`` is the internet gateway, ``NatGateway`` a NAT gateway (outbound only),
any other (``Instance``, ``HaVip``, ``VpnGateway``, ``Attachment``...) leads elsewhere. A route
entry whose ``route_table_id`` is a VPC's ``route_table_id`` adds to the VPC's system route
table, the one every vSwitch with no attached table uses.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets, Route
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)

TABLES = ("alicloud_route_table",)
VPCS = ("alicloud_vpc",)
#: ``nexthop_type`` -> what the route leads to (``Route.target``).
_NEXT_HOPS = {"ipv4gateway": "internet_gateway", "natgateway": "nat_gateway"}


def _route(values: dict[str, Any]) -> Route:
    destination = values.get("destination_cidrblock")
    hop = values.get("nexthop_type")
    target = (
        None if hop is None or hop is UNKNOWN or not isinstance(hop, str)
        else _NEXT_HOPS.get(hop.lower(), "other")
    )
    return Route(
        destination=destination if isinstance(destination, str) and destination else None,
        target=target,
    )


def route_table(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_route_table``: a custom route table of its ``vpc_id``; its routes are the
    ``alicloud_route_entry`` resources naming it (none: only the system routes)."""
    return "network.route_table", Facets(routes=())


def route_entry(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``alicloud_route_entry`` adds one route to the table it names."""
    table = ctx.referenced(r, "route_table_id", TABLES)
    if table is None:
        return []
    return [Contribution(table.address, r.address, {"routes": (_route(r.values),)})]


def standalone_route_entry(r: TfResource, ctx: TfContext) -> Mapped:
    """A route entry whose table is not in the document: the VPC's system route table (with
    every route entry of the root naming it) when ``route_table_id`` is a VPC's
    ``route_table_id``, else a table of that one route."""
    vpc = ctx.referenced(r, "route_table_id", VPCS)
    if vpc is None:
        return "network.route_table", Facets(routes=(_route(r.values),))
    routes = tuple(
        _route(entry.values) for entry in ctx.related(["alicloud_route_entry"])
        if entry.mode == "managed" and ctx.referenced(entry, "route_table_id", VPCS) is vpc
    )
    return "network.route_table", Facets(routes=routes, vpc_default=True)


def table_attachment(r: TfResource, ctx: TfContext) -> list[Contribution]:
    """``alicloud_route_table_attachment``: the table gets the vSwitch as a reference."""
    table = ctx.referenced(r, "route_table_id", TABLES)
    if table is None:
        return []
    return [Contribution(table.address, r.address, {}, order=1)]


def standalone_attachment(r: TfResource, ctx: TfContext) -> Mapped:
    """An attachment of a table that is not in the document: its routes are not known."""
    return "network.route_table", Facets(routes=None)


MAPPINGS: dict[str, MapFn] = {
    "alicloud_route_table": route_table,
    "alicloud_route_entry": standalone_route_entry,
    "alicloud_route_table_attachment": standalone_attachment,
}

COMPANIONS: dict[str, CompanionFn] = {
    "alicloud_route_entry": route_entry,
    "alicloud_route_table_attachment": table_attachment,
}
