"""What was scanned: which parts of the configuration were not available to the audit.

A missing companion (no flow log for a network, no backup plan for a database) is a FAIL when
the whole configuration it belongs to was scanned, and UNKNOWN only when part of it was not:
a Terraform module whose source was not present, a Kubernetes object (cluster objects are
usually applied from many places), or a resource declared in a manifest excerpt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.load.lost import META_KEY as LOST_KEY
from gdcc_audit.normalize.lost import is_blind

#: Origins whose files are complete units: everything a resource needs is in the scan.
WHOLE_UNIT_ORIGINS = frozenset({"terraform", "cloudformation", "heat"})

#: Resources that join networks (``graph.islands``), by type: the arguments naming what they
#: join. The mappers keep none of them as a canonical resource, so the scope reads them from
#: the loaded documents: a router's interface joins the router's networks (Neutron routes
#: between the subnets of its interfaces), a peering its two networks, a transit gateway,
#: Cloud WAN or CEN attachment every network attached to the same hub.
NETWORK_LINKS: dict[str, tuple[str, ...]] = {
    "openstack_networking_router_interface_v2": ("router_id", "subnet_id", "port_id"),
    "OS::Neutron::RouterInterface": ("router", "router_id", "subnet", "subnet_id", "port",
                                     "port_id"),
    "aws_vpc_peering_connection": ("vpc_id", "peer_vpc_id"),
    "aws_vpc_peering_connection_accepter": ("vpc_peering_connection_id",),
    "aws_ec2_transit_gateway_vpc_attachment": ("transit_gateway_id", "vpc_id"),
    "aws_ec2_transit_gateway_vpc_attachment_accepter": ("transit_gateway_attachment_id",),
    "aws_networkmanager_vpc_attachment": ("core_network_id", "vpc_arn"),
    "AWS::EC2::VPCPeeringConnection": ("VpcId", "PeerVpcId"),
    "AWS::EC2::TransitGatewayAttachment": ("TransitGatewayId", "VpcId"),
    "AWS::EC2::TransitGatewayVpcAttachment": ("TransitGatewayId", "VpcId"),
    "AWS::NetworkManager::VpcAttachment": ("CoreNetworkId", "VpcArn"),
    "azurerm_virtual_network_peering": ("virtual_network_name", "remote_virtual_network_id"),
    "azurerm_virtual_hub_connection": ("virtual_hub_id", "remote_virtual_network_id"),
    "google_compute_network_peering": ("network", "peer_network"),
    "huaweicloud_vpc_peering_connection": ("vpc_id", "peer_vpc_id"),
    "alicloud_cen_instance_attachment": ("instance_id", "child_instance_id"),
}
#: Arguments naming the hub a link joins (a router, a transit gateway, a peering): another
#: link naming the same hub joins the same networks, even when the hub is no graph resource.
LINK_HUBS = frozenset({
    "router_id", "router", "vpc_peering_connection_id", "transit_gateway_id",
    "transit_gateway_attachment_id", "core_network_id", "TransitGatewayId", "CoreNetworkId",
    "virtual_hub_id", "instance_id",
})
_INDEX = re.compile(r"\[[^\]]*\]")


@dataclass(frozen=True)
class Link:
    """A resource that joins networks: its unit (Terraform root scope, else its file), its
    address, and what it names: ``(argument, address)``, the address None when the argument
    is not a reference to a resource of the unit (an input, a lookup, a literal id)."""

    unit: str
    address: str
    ends: tuple[tuple[str, str | None], ...]


def strip_index(address: str) -> str:
    """An address without its instance keys: ``module.a[0].aws_vpc.b["x"]`` is
    ``module.a.aws_vpc.b``."""
    return _INDEX.sub("", address)


@dataclass(frozen=True)
class Scope:
    """Per input file: what of its configuration was not available (empty: all of it was)."""

    missing: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Input format of each file (``terraform``, ``kubernetes``, ``gdcc-tenant``...).
    formats: Mapping[str, str] = field(default_factory=dict)
    #: True when the user declared the input to be the whole tenant (``complete_inventory``).
    declared_complete: bool = False
    #: Per Terraform root (its scope, as the mapper writes it in ``Resource.attributes``):
    #: what of it was not available. A module file shared by several roots is judged with
    #: the root that instantiated the resource, not with whichever root came last.
    missing_by_root: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: Resources of the scan that join networks (``NETWORK_LINKS``).
    links: tuple[Link, ...] = ()

    def gaps(self, file: str | None, root: str | None = None) -> tuple[str, ...]:
        """What was not available for a resource of ``file`` (instantiated by Terraform root
        ``root`` when given); empty when its unit is whole."""
        if self.declared_complete:
            return ()
        origin = self.formats.get(file or "")
        if origin not in WHOLE_UNIT_ORIGINS:
            shown = {"gdcc-tenant": "a tenant manifest", "kubernetes": "Kubernetes"}.get(
                origin or "", origin or "this"
            )
            return (f"{shown} input lists resources, not a whole configuration",)
        if root is not None:
            return tuple(self.missing_by_root.get(root, ()))
        return tuple(self.missing.get(file or "", ()))

    @classmethod
    def from_documents(cls, documents: Iterable[Any], declared_complete: bool = False) -> Scope:
        """Read the gaps the loaders recorded: Terraform module calls not expanded, and parts
        not assessed whose target cannot be told (``normalize.lost.is_blind``)."""
        by_root: dict[str, list[str]] = {}
        own: dict[str, list[str]] = {}
        scope_of_root: dict[str, str] = {}
        files_of_root: dict[str, list[str]] = {}
        formats: dict[str, str] = {}
        links: list[Link] = []
        for document in documents:
            formats[document.path] = document.format
            data = getattr(document, "data", None)
            meta = getattr(document, "meta", None) or {}
            links.extend(_links(document.path, data, meta))
            root = meta.get("root")
            lost = meta.get(LOST_KEY, ())
            blind = sorted({f"{p.where}: not assessed" for p in lost if is_blind(p)})
            unexpanded = getattr(data, "unexpanded_modules", None)
            if root is None or unexpanded is None:
                if blind:
                    own.setdefault(document.path, []).extend(blind)
                continue
            if blind:
                by_root.setdefault(root, []).extend(blind)
            files_of_root.setdefault(root, []).append(document.path)
            root_scope = document.meta.get("root_scope")
            if isinstance(root_scope, str):
                scope_of_root[root] = root_scope
            for item in unexpanded:
                name = item.get("address") or "?"
                reason = item.get("reason") or "not available"
                source = item.get("source")
                shown = str(name) + (f" ({source})" if source else "")
                by_root.setdefault(root, []).append(f"{shown}: {reason}")
        missing = {
            path: tuple(sorted(set(by_root[root])))
            for root, paths in files_of_root.items()
            if root in by_root
            for path in paths
        }
        for path, gaps in own.items():
            missing[path] = tuple(sorted({*missing.get(path, ()), *gaps}))
        missing_by_root = {
            scope_of_root[root]: tuple(sorted(set(by_root.get(root, ()))))
            for root in files_of_root
            if root in scope_of_root
        }
        return cls(
            missing=missing,
            formats=formats,
            declared_complete=declared_complete,
            missing_by_root=missing_by_root,
            links=tuple(links),
        )


def _links(path: str, data: Any, meta: Mapping[str, Any]) -> Iterator[Link]:
    """The network links a loaded document declares (Terraform resources; CloudFormation and
    Heat template resources)."""
    resources = getattr(data, "resources", None)
    if isinstance(resources, list):
        unit = meta.get("root_scope")
        unit = unit if isinstance(unit, str) else str(meta.get("root") or path)
        for resource in resources:
            wanted = NETWORK_LINKS.get(getattr(resource, "type", ""))
            if wanted is None or getattr(resource, "mode", "managed") != "managed":
                continue
            yield Link(unit, strip_index(resource.address),
                       tuple(_tf_ends(resource, wanted)))
        return
    if not isinstance(data, Mapping):
        return
    template = data.get("Resources") or data.get("resources")
    if not isinstance(template, Mapping):
        return
    for name, body in template.items():
        if not isinstance(body, Mapping):
            continue
        wanted = NETWORK_LINKS.get(str(body.get("Type") or body.get("type") or ""))
        if wanted is None:
            continue
        props = body.get("Properties") or body.get("properties") or {}
        if not isinstance(props, Mapping):
            continue
        ends = tuple(
            (argument, _template_target(props[argument], template))
            for argument in wanted if props.get(argument) is not None
        )
        yield Link(path, str(name), ends)


def _tf_ends(resource: Any, wanted: tuple[str, ...]) -> Iterator[tuple[str, str | None]]:
    for argument in wanted:
        if resource.values.get(argument) in (None, "", []):
            continue
        targets = [
            ref.target for ref in resource.references
            if ref.attribute == argument or ref.attribute.startswith(argument + ".")
        ]
        managed = [t for t in targets if not t.startswith("data.") and ".data." not in t]
        if not managed:
            yield argument, None  # an input, a lookup or a literal id: any network
        for target in managed:
            yield argument, strip_index(target)


def _template_target(value: Any, resources: Mapping[str, Any]) -> str | None:
    """The logical id of a template resource a property names (``Ref``, ``Fn::GetAtt``,
    ``get_resource``, ``get_attr``); None for anything else (a parameter, an import)."""
    if isinstance(value, Mapping) and len(value) == 1:
        (key, inner), = value.items()
        if key in ("Ref", "get_resource") and isinstance(inner, str):
            return inner if inner in resources else None
        if key in ("Fn::GetAtt", "get_attr"):
            head = inner.split(".")[0] if isinstance(inner, str) else (
                inner[0] if isinstance(inner, list) and inner else None)
            return head if isinstance(head, str) and head in resources else None
    return None
