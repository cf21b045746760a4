"""Google Cloud firewall policy rules: network (``google_compute_network_firewall_policy_rule``),
regional network (``google_compute_region_network_firewall_policy_rule``) and hierarchical
(``google_compute_firewall_policy_rule``) policies.

A rule whose ``action`` lets traffic through (``allow``; ``apply_security_profile_group``
lets it through after inspection) is read like a VPC firewall ``allow`` block: its
``match.layer4_configs`` are the ports and ``match.src_ip_ranges`` the sources; source secure
tags name VM instances (never the internet). A rule matches the union of its source
filters. Geolocations (``src_region_codes``) "filter external IPv4 and external IPv6 traffic"
by country and do not apply to private addresses (cloud.google.com/firewall/docs/
geolocation-objects-overview), and threat intelligence lists (``src_threat_intelligences``:
known malicious addresses, Tor exit nodes, public clouds, ...) are lists of internet
addresses: both are the internet for an allow rule, ``internet:region US`` and
``internet:threat list iplist-tor-exit-nodes`` count as the internet
(:func:`gdcc_audit.models.cidr.is_wide_public`). FQDNs (``src_fqdns``) are the few addresses
a name resolves to: ``fqdn:<name>``, never the internet, and from no known subnet. Address
groups (``src_address_groups``) are read from a ``google_network_security_address_group`` of
the scan (its ``items``); one outside it may hold any range: not known. Source networks and
network scope narrow the other sources (both must match): not read, the sources are not
known. ``deny`` and ``goto_next`` admit nothing by themselves; a deny of the same policy evaluated
first bounds what an allow admits (:mod:`google_policy_denies`). GDCC-NET-001 judges
each rule (they were not read at all: a policy rule allowing 22 from 0.0.0.0/0 was not
judged). https://cloud.google.com/firewall/docs/network-firewall-policies and
https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/compute_network_firewall_policy_rule

Which instances a rule governs (``policy_networks``): those of the VPC networks its policy is
associated with (``google_compute_network_firewall_policy_association`` /
``google_compute_region_network_firewall_policy_association``, ``attachment_target``); a
hierarchical policy's rule governs every instance below the folder or organization of its
association (``google_compute_firewall_policy_association``), or those of its
``target_resources`` networks. A policy without an association in the scan may be
associated elsewhere: not known.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.cidr import INTERNET_NAMED, is_wide_public
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.common import sources
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.google import allow_rules
from gdcc_audit.normalize.terraform.google_policy_denies import bounded
from gdcc_audit.normalize.terraform.values import block, blocks, flag, string_list, text

#: Rule type -> (its policy types, the association types that attach them).
POLICY_RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "google_compute_network_firewall_policy_rule": (
        ("google_compute_network_firewall_policy",),
        ("google_compute_network_firewall_policy_association",),
    ),
    "google_compute_region_network_firewall_policy_rule": (
        ("google_compute_region_network_firewall_policy",),
        ("google_compute_region_network_firewall_policy_association",),
    ),
    "google_compute_firewall_policy_rule": (
        ("google_compute_firewall_policy",),
        ("google_compute_firewall_policy_association",),
    ),
}
_HIERARCHICAL = "google_compute_firewall_policy_rule"
#: Actions that let matching traffic through.
_ALLOWING = frozenset({"allow", "apply_security_profile_group"})
#: Sources that narrow the others (a packet must match both): not read.
_NOT_READ = ("src_networks", "src_network_scope")
_ADDRESS_GROUP = "google_network_security_address_group"
#: The key of "every network below the association" (a hierarchical policy's scope).
EVERY_NETWORK = "*"


def _secure_tags(match: Mapping[str, Any]) -> tuple[str, ...] | None:
    found = blocks(match, "src_secure_tags")
    if found is None:
        return None
    return tuple(
        f"tag:{t['name']}" if isinstance(t.get("name"), str) else "tag:unknown" for t in found
    )


def _address_groups(
    rule: TfResource, match: Mapping[str, Any], ctx: TfContext
) -> tuple[str, ...] | None:
    """The ranges of the address groups a rule's ``match.src_address_groups`` names: the
    ``items`` of each group of the scan; None when one is not in the scan or not known."""
    written = match.get("src_address_groups")
    if written in (None, [], ""):
        return ()
    if not isinstance(written, list):
        return None
    # each item a reference to a group of the scan (its id is computed: UNKNOWN)
    groups = ctx.referenced_all(rule, "match", (_ADDRESS_GROUP,))
    if len(groups) != len(written):
        return None
    found: list[str] = []
    for group in groups:
        items = string_list(group.values, "items", None)
        if items is None:
            return None
        found.extend(items)
    return tuple(found)


def _sources(
    rule: TfResource, match: Mapping[str, Any], ctx: TfContext
) -> tuple[str, ...] | None:
    """The sources of an ingress rule's ``match``; None when not known or not read. The
    filters add up (a union), so one that is the internet decides even when another is not
    known (an address group from a module input)."""
    if any(match.get(key) not in (None, [], "") for key in _NOT_READ):
        return None
    parts: list[tuple[str, ...] | None] = [
        sources(match.get("src_ip_ranges")),
        _secure_tags(match),
        _address_groups(rule, match, ctx),
    ]
    for key, prefix in _NAMED:
        listed = string_list(match, key)
        parts.append(None if listed is None else tuple(f"{prefix}{item}" for item in listed))
    known = tuple(s for part in parts if part is not None for s in part)
    if None in parts and not any(is_wide_public(s) for s in known):
        return None
    # the API asks for a source; none written: not known
    return known or None


#: Sources named, not listed as ranges: ``(attribute, prefix of each item)``.
_NAMED = (
    ("src_region_codes", f"{INTERNET_NAMED}region "),
    ("src_threat_intelligences", f"{INTERNET_NAMED}threat list "),
    ("src_fqdns", "fqdn:"),
)


def policy_rule(r: TfResource, ctx: TfContext) -> Mapped:
    """A firewall policy rule: the ingress it allows (none for egress, ``deny``,
    ``goto_next`` or a disabled rule)."""
    v = r.values
    direction = text(v, "direction")
    action = text(v, "action")
    disabled = flag(v, "disabled", False)
    if direction is None or action is None or disabled is None:
        return "network.security_group", Facets()
    if direction.upper() != "INGRESS" or disabled or action.lower() not in _ALLOWING:
        return "network.security_group", Facets(ingress=())
    match = block(v, "match")
    configs = None if match is None else blocks(match, "layer4_configs")
    if match is None or configs is None:
        return "network.security_group", Facets()
    origins = _sources(r, match, ctx)
    allowed = (
        x
        for item in configs
        for x in allow_rules(
            {"protocol": item.get("ip_protocol"), "ports": item.get("ports")}, origins
        )
    )
    ingress, why = bounded(r, ctx, POLICY_RULES[r.type][0], allowed)
    if why is not None:
        ctx.note(r, "ingress", ingress, because=why)
    return "network.security_group", Facets(ingress=ingress)


def policy_networks(
    rule: TfResource, ctx: TfContext, network_key: Callable[[TfResource], str | None]
) -> set[str] | None:
    """The keys of the networks whose instances ``rule`` governs (``network_key(resource,
    values)`` reads a network argument: an address of the scan, ``""`` for another network,
    None when not known); ``{EVERY_NETWORK}`` for a hierarchical policy's scope; None when not
    known (no association of its policy in the scan, or one not known)."""
    policies, associations = POLICY_RULES[rule.type]
    policy = ctx.referenced(rule, "firewall_policy", policies)
    if policy is None:
        return None
    if rule.type == _HIERARCHICAL:
        targets = rule.values.get("target_resources")
        if targets is UNKNOWN:
            return None
        if isinstance(targets, list) and targets:
            return None  # networks named by self link: not told apart here
    found: set[str] = set()
    for kind in associations:
        for association in ctx.by_type.get(kind, ()):
            if association.mode != "managed":
                continue
            hit = ctx.may_designate(association, "firewall_policy", policies, policy)
            if hit is None:
                return None  # an association that may be this policy's: networks not known
            if not hit:
                continue
            if rule.type == _HIERARCHICAL:
                found.add(EVERY_NETWORK)
                continue
            key = network_key(association)
            if key is None:
                return None
            found.add(key)
    return found or None


MAPPINGS: dict[str, MapFn] = dict.fromkeys(POLICY_RULES, policy_rule)


def policy_attributes(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """A hierarchical policy rule's rules may not reach an instance: whether the instance's
    project is below the folder or organization of the association is not in the
    configuration, so what the rule admits is uncertain (``graph.defaults.is_uncertain``)."""
    if kind != _HIERARCHICAL:
        return {}
    return {
        "uncertain_rules": True,
        "why_not_known": "a hierarchical firewall policy rule: it governs the instance if its "
        "project is below the folder or organization the policy is associated with",
    }
