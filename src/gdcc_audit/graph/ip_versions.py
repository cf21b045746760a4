"""Which internet clients reach a Compute Engine instance: those of the IP versions it has an
external address in.

A VPC firewall rule holds IPv4 or IPv6 source ranges, never both ("A firewall rule can
contain either IPv4 or IPv6 ranges, but not both", cloud.google.com/firewall/docs/
using-firewalls); ``0.0.0.0/0`` is every IPv4 address and ``::/0`` every IPv6 address, and a
rule that names no source admits ``0.0.0.0/0`` (IPv4 only). An interface has an external
IPv4 address with an ``access_config`` and an external IPv6 address with an
``ipv6_access_config`` ("If there is no ipv6AccessConfig specified, then this instance will
have no external IPv6 Internet access", google_compute_instance). So an instance whose only
external address is IPv6 is reached from the internet through ``::/0`` (or another public
IPv6 range), never through ``0.0.0.0/0``; one with only an IPv4 address the other way round.

The versions are the mapper's (``EXTERNAL_VERSIONS``); a managed instance group's are its
templates', and IPv4 when a per-instance config preserves an external IP for one of its
instances (``PRESERVED_EXTERNAL``: stateful IPs are IPv4 only).
Not known (a block from an input, a template not in the scan, an address given
by another resource such as a forwarding rule): every source counts, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from gdcc_audit.graph.cidr import is_internet, parse_network
from gdcc_audit.models.resource import (
    EXTERNAL_VERSIONS,
    PRESERVED_EXTERNAL,
    IngressRule,
    Resource,
)

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph

#: How each version is named in messages.
VERSION_NAMES = {4: "IPv4", 6: "IPv6"}


def own_versions(resource: Resource, key: str = EXTERNAL_VERSIONS) -> frozenset[int] | None:
    """The versions of the resource's own external addresses (``key``: of all its
    addresses), as the mapper read them; None when not known or none (an address another
    resource gives is not told)."""
    found = resource.attributes.get(key)
    if not isinstance(found, list) or not found:
        return None
    return frozenset(found)


def launched_versions(
    templates: Iterable[Resource], key: str = EXTERNAL_VERSIONS
) -> frozenset[int] | None:
    """The versions of the external addresses (``key``: of all the addresses) the templates
    give their instances; None when one is not known (or there is none)."""
    found: set[int] = set()
    listed = list(templates)
    for template in listed:
        versions = own_versions(template, key)
        if versions is None and template.attributes.get(key) != []:
            return None
        found |= versions or set()
    return frozenset(found) if listed and found else None


def group_versions(
    group: Resource, templates: Iterable[Resource], key: str = EXTERNAL_VERSIONS
) -> frozenset[int] | None:
    """A managed instance group's versions: its templates' (:func:`launched_versions`), with
    IPv4 when a per-instance config preserves an external IPv4 address for one of its
    instances (``PRESERVED_EXTERNAL``); None when not known."""
    found = launched_versions(templates, key)
    if found is not None and group.attributes.get(PRESERVED_EXTERNAL):
        return found | {4}
    if found is None and group.attributes.get(PRESERVED_EXTERNAL) and key == EXTERNAL_VERSIONS:
        listed = list(templates)
        if listed and all(t.attributes.get(key) == [] for t in listed):
            return frozenset({4})
    return found


def admits_version(source: str, versions: frozenset[int] | None) -> bool:
    """Whether an internet source can reach an address of one of ``versions`` (None: any):
    a range of the other version cannot; a word of a provider (``*``, ``Internet``) may."""
    if versions is None:
        return True
    network = parse_network(source)
    return network is None or network.version in versions


def refused_sources(rule: IngressRule, versions: frozenset[int] | None) -> tuple[str, ...]:
    """The rule's internet sources of another version than ``versions``."""
    return tuple(
        s for s in rule.sources or () if is_internet(s) and not admits_version(s, versions)
    )


def describe(versions: frozenset[int]) -> str:
    """``IPv6`` / ``IPv4 and IPv6``."""
    return " and ".join(VERSION_NAMES[v] for v in sorted(versions))


def refused_rules(
    graph: ResourceGraph, resource: Resource, ports: Iterable[int]
) -> tuple[frozenset[int], dict[str, list[str]]] | None:
    """Why an internet-facing Compute Engine instance (a managed instance group) is not
    reached on ``ports`` although a rule governing it admits the internet there: its
    external addresses' versions, and each such rule's name with its internet sources of the
    other version. None when there is no such rule, or the versions are not known."""
    from gdcc_audit.graph.network import LAUNCHER_TYPES

    if resource.provider != "google" or any(graph.referrers(resource, "network.public_ip")):
        return None
    templates = [t for t in graph.references(resource) if t.provider_type in LAUNCHER_TYPES]
    versions = (
        group_versions(resource, templates)
        if resource.kind == "compute.scaling_group"
        else own_versions(resource)
    )
    if versions is None:
        return None
    holders = [
        *graph.references(resource, "network.security_group"),
        *(g for t in templates for g in graph.references(t, "network.security_group")),
    ]
    project = graph.default_groups().google_default_network(resource)
    if project is not None:
        holders.append(project)
    wanted = list(ports)
    found: dict[str, list[str]] = {}
    for holder in holders:
        for rule in holder.facets.ingress or ():
            refused = refused_sources(rule, versions)
            if refused and any(rule.covers(p) is not False for p in wanted):
                found.setdefault(holder.name, [])
                found[holder.name].extend(s for s in refused if s not in found[holder.name])
    return (versions, found) if found else None
