"""Azure Firewall DNAT rules, read by the graph (``graph/port_forwards.py``).

A DNAT rule publishes a host of a virtual network: "Inbound Internet network traffic to your
firewall public IP address is translated (Destination Network Address Translation) and
filtered to the private IP addresses on your virtual networks"
(learn.microsoft.com/azure/firewall/features, "Inbound DNAT support"). Rules are written in a
classic ``azurerm_firewall_nat_rule_collection`` (``action = "Dnat"``; ``rule`` blocks with
``source_addresses``, ``destination_addresses``, ``destination_ports``, ``translated_address``,
``translated_port``, ``protocols``) or in the ``nat_rule_collection`` blocks of an
``azurerm_firewall_policy_rule_collection_group`` (``destination_address``, one address).

The mapper writes each rule on the resource's ``attributes`` (:data:`DNAT_RULES`): its
sources, whether the address it listens on is public, the host it forwards to (the reference
targets of ``translated_address``, or the literal address) and the translated ports. No rule
judges the collection itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.values import blocks, string_list, text

if TYPE_CHECKING:  # the context (and the HCL parser it imports) only for its types
    from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext

NAT_COLLECTION = "azurerm_firewall_nat_rule_collection"
POLICY_GROUP = "azurerm_firewall_policy_rule_collection_group"
DNAT_TYPES = frozenset({NAT_COLLECTION, POLICY_GROUP})
#: The attribute listing a collection's DNAT rules: ``{"name", "sources", "public",
#: "targets", "address", "subnets", "port", "protocols"}`` each; None for what is not known.
#: ``targets``: what ``translated_address`` refers to, or the network interfaces whose static
#: address it writes; ``subnets``: else the subnets whose range holds the literal address.
DNAT_RULES = "dnat_rules"
_PUBLIC_IP_TYPES = ("azurerm_public_ip", "azurerm_public_ip_prefix")


def collection(r: TfResource, ctx: TfContext) -> Mapped:
    """A DNAT rule collection (a policy's rule collection group may also hold network and
    application rules, which filter what the firewall passes and publish nothing)."""
    return "network.target_group", Facets()


def _dnat(values: Mapping[str, Any]) -> bool | None:
    action = values.get("action")
    if action is UNKNOWN:
        return None
    return isinstance(action, str) and action.lower() == "dnat"


def _rules(r: TfResource) -> Iterator[tuple[str, dict[str, Any], bool | None]]:
    """``(attribute prefix, rule block, whether its collection's action is DNAT)``."""
    if r.type == NAT_COLLECTION:
        dnat = _dnat(r.values)
        for index, rule in enumerate(blocks(r.values, "rule") or ()):
            yield f"rule.{index}", rule, dnat
        return
    for first, group in enumerate(blocks(r.values, "nat_rule_collection") or ()):
        dnat = _dnat(group)
        for second, rule in enumerate(blocks(group, "rule") or ()):
            yield f"nat_rule_collection.{first}.rule.{second}", rule, dnat


def _public(r: TfResource, ctx: TfContext, rule: Mapping[str, Any], prefix: str) -> bool | None:
    """Whether the rule listens on a public address: a public IP of the configuration
    (``azurerm_public_ip.x.ip_address``) or a literal public address; False for literal private
    addresses only (DNAT on a private IP); None when not known."""
    for ref in r.references:
        if ref.attribute.startswith(f"{prefix}.destination_address"):
            target = ctx.resolve(r, ref.target)
            kind = (target.type if target is not None else ref.target).removeprefix("data.")
            if kind.split(".", 1)[0] in _PUBLIC_IP_TYPES:
                return True
    written = string_list(rule, "destination_addresses", None)
    if written is None:
        single = text(rule, "destination_address")
        written = (single,) if single else None
    if not written:
        return None
    found = [cidr.is_public(address) for address in written]
    if any(f is True for f in found):
        return True
    return False if all(f is False for f in found) else None


def _literal_hosts(ctx: TfContext, address: str) -> tuple[list[str], list[str]]:
    """The network interfaces of the root whose static ``private_ip_address`` is ``address``,
    and (none found) the subnets whose ``address_prefixes`` hold it."""
    nics = [
        nic.address for nic in ctx.related(["azurerm_network_interface"])
        if any(text(c, "private_ip_address") == address
               for c in blocks(nic.values, "ip_configuration") or ())
    ]
    if nics:
        return nics, []
    subnets = [
        subnet.address for subnet in ctx.related(["azurerm_subnet"])
        if any(cidr.contains(prefix, address) is True
               for prefix in string_list(subnet.values, "address_prefixes", None) or ())
    ]
    return [], subnets


def dnat_rules(r: TfResource, ctx: TfContext) -> list[dict[str, Any]]:
    """The DNAT rules of a collection (module docstring)."""
    out: list[dict[str, Any]] = []
    for prefix, rule, dnat in _rules(r):
        if dnat is False:
            continue
        sources = string_list(rule, "source_addresses", None)
        groups = rule.get("source_ip_groups")
        if groups is UNKNOWN or (isinstance(groups, list) and groups):
            sources = None  # IP groups: addresses not read
        targets = [ref.target for ref in r.references
                   if ref.attribute == f"{prefix}.translated_address"]
        address = text(rule, "translated_address")
        subnets: list[str] = []
        if address is not None and not targets:
            targets, subnets = _literal_hosts(ctx, address)
        protocols = string_list(rule, "protocols", None)
        out.append({
            "name": str(rule.get("name") or prefix),
            "dnat": dnat,
            "sources": list(sources) if sources is not None else None,
            "public": _public(r, ctx, rule, prefix),
            "targets": targets,
            "address": address,
            "subnets": subnets,
            "port": port_number(rule.get("translated_port"), lowest=1),
            "protocols": [p.lower() for p in protocols] if protocols is not None else None,
        })
    return out


MAPPINGS: dict[str, MapFn] = {NAT_COLLECTION: collection, POLICY_GROUP: collection}
