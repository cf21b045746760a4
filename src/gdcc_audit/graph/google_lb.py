"""Google Cloud load balancing in the reachability graph.

A forwarding rule (mapped as an address, ``network.public_ip``, by
``normalize/terraform/google_lb.py``) is external unless its scheme is internal. What it
makes reachable from the internet, on its ports (``port_range``, ``ports``, ``all_ports``):

- a **target proxy** (``google_compute_target_http(s)_proxy``, ``_ssl_proxy``): the proxy is
  public on those ports (``NetworkBuilder.public`` / ``listener_ports``); it forwards through
  its URL map (``default_service``, path matchers: every service it names) or its backend
  service to the backends' instance groups, on the port the backend service's ``port_name``
  (default ``http``) names in each group's ``named_port`` blocks. The connections come from
  Google's front ends, 35.191.0.0/16 and 130.211.0.0/22 ("GFE proxy ranges: same as the
  health check ranges" for instance-group backends of the global external and classic
  Application Load Balancers and the global external proxy Network Load Balancer,
  cloud.google.com/load-balancing/docs/firewall-rules): a backend's firewall rules must
  admit them (a rule whose source range holds them, or the whole internet);
- a **target pool** or a **backend service** named by the rule (an external passthrough
  Network Load Balancer): "packets are delivered to backends with their source IP addresses
  unchanged" (cloud.google.com/load-balancing/docs/passthrough-network-load-balancer), so a
  backend is reached from the internet on the rule's ports its firewall rules admit from the
  internet, though it has no external IP of its own. A target pool's members are its
  ``instances`` and the managed instance groups naming it in ``target_pools``; a **target
  instance** (protocol forwarding) is the same with its one ``instance``.

A backend service's **network endpoint groups** are followed too: a serverless NEG
(``google_compute_region_network_endpoint_group``, ``network_endpoint_type`` default
SERVERLESS) to the Cloud Run service or function its ``cloud_run`` / ``cloud_function`` block
names, on 443, as far as the service's ingress setting admits load balancers ("all" and
"internal and Cloud Load Balancing" admit them, "internal" only internal Application Load
Balancers: cloud.google.com/run/docs/securing/ingress); a zonal NEG (``GCE_VM_IP_PORT``, the
default of ``google_compute_network_endpoint_group``) to the instances its
``google_compute_network_endpoint(s)`` register, on their ``port`` (else the NEG's
``default_port``), as their firewall rules admit the proxies. Internet NEGs
(``google_compute_global_network_endpoint_group``) send outside the tenant.

A VM a target pool, target instance or unmanaged group names by a literal link (a self link,
``zones/z/instances/vm``, ``zone/name``) is a member when it is a VM of the scan with that
name, zone and project (``normalize/terraform/google_members.py``); when only the name could
be compared, a member perhaps: its edges are not certain and say why.

A link that cannot be followed (a URL map, backend or group not in the scan) adds no edge:
the backends keep what their own rules say.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdcc_audit.graph import ip_versions
from gdcc_audit.graph.cidr import is_internet, parse_network
from gdcc_audit.graph.defaults import is_uncertain, why_not_known
from gdcc_audit.graph.paths import FORWARDING, INTERNET
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.models.cidr import INTERNET_NAMED
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import (
    CLIENT_VERSIONS,
    EXISTS_MAYBE,
    MEMBERS_MAYBE,
    Resource,
)

if TYPE_CHECKING:
    from gdcc_audit.graph.network import NetworkBuilder

FORWARDING_RULES = frozenset(
    {"google_compute_global_forwarding_rule", "google_compute_forwarding_rule"}
)
#: Regional target proxies: their Envoy proxies run in the region's proxy-only subnet.
REGIONAL_PROXIES = frozenset(
    {"google_compute_region_target_http_proxy", "google_compute_region_target_https_proxy",
     "google_compute_region_target_tcp_proxy"}
)
#: Target proxies: their backends are reached from Google's front ends (global) or from the
#: proxy-only subnet (regional).
PROXIES = frozenset(
    {"google_compute_target_http_proxy", "google_compute_target_https_proxy",
     "google_compute_target_ssl_proxy", "google_compute_target_tcp_proxy"}
) | REGIONAL_PROXIES
_URL_MAPS = frozenset({"google_compute_url_map", "google_compute_region_url_map"})
#: Subnet purposes of proxy-only subnets ("REGIONAL_MANAGED_PROXY"; its former name
#: "INTERNAL_HTTPS_LOAD_BALANCER"): cloud.google.com/load-balancing/docs/proxy-only-subnets.
_PROXY_ONLY = frozenset({"REGIONAL_MANAGED_PROXY", "INTERNAL_HTTPS_LOAD_BALANCER"})
_SERVICES = frozenset({"google_compute_backend_service", "google_compute_region_backend_service"})
#: Target pools, and target instances: protocol forwarding sends a forwarding rule's packets
#: to one VM "via a target instance", unchanged (cloud.google.com/load-balancing/docs/
#: protocol-forwarding); its ``instance`` is its member.
_POOLS = frozenset({"google_compute_target_pool", "google_compute_target_instance"})
_UNMANAGED = frozenset({"google_compute_instance_group"})
_SERVERLESS_NEG = "google_compute_region_network_endpoint_group"
_ZONAL_NEG = "google_compute_network_endpoint_group"
_ENDPOINTS = frozenset({"google_compute_network_endpoint", "google_compute_network_endpoints"})
#: Internal proxies (``INTERNAL_MANAGED`` forwarding rules) an "internal" ingress admits.
_INTERNAL = "INTERNAL"
#: Google front ends: where a proxy load balancer's connections to its backends come from.
GFE_RANGES = (ipaddress.IPv4Network("35.191.0.0/16"), ipaddress.IPv4Network("130.211.0.0/22"))


def forwarding_ports(rule: Resource) -> PortSet | None:
    """The TCP ports a forwarding rule receives on; None when not written or not known."""
    if rule.attributes.get("all_ports") is True:
        return PortSet.every()
    found = PortSet()
    written = rule.attributes.get("port_range")
    if isinstance(written, str | int):
        low, _, high = str(written).partition("-")
        first, last = port_number(low), port_number(high or low)
        if first is None or last is None:
            return None
        found = found.union(PortSet.of("tcp", first, last))
    listed = rule.attributes.get("ports")
    for item in listed if isinstance(listed, list) else []:
        number = port_number(item)
        if number is None:
            return None
        found = found.union(PortSet.of("tcp", number))
    return found or None


def forwarding_rules(builder: NetworkBuilder, target: Resource) -> list[Resource]:
    """The forwarding rules of the scan that name ``target``."""
    return [r for r in builder.graph.referrers(target, "network.public_ip")
            if r.provider_type in FORWARDING_RULES]


def proxy_ports(builder: NetworkBuilder, proxy: Resource) -> PortSet | None:
    """What a target proxy's external forwarding rules open; None when one's ports are not
    known (or it has none)."""
    ports = PortSet()
    for rule in forwarding_rules(builder, proxy):
        if rule.facets.public_endpoint is False:
            continue
        found = forwarding_ports(rule)
        if found is None:
            return None
        ports = ports.union(found)
    return ports or None


@dataclass
class GoogleBalancing:
    """Adds the edges of Google Cloud load balancers to a ``NetworkBuilder``."""

    builder: NetworkBuilder

    def build(self, resources: list[Resource]) -> None:
        """Edges from each target proxy to its backends, and from the internet to the
        backends of each external passthrough forwarding rule."""
        for resource in resources:
            if resource.provider_type in PROXIES:
                self._proxy(resource)
            elif resource.provider_type in FORWARDING_RULES:
                self._passthrough(resource)

    def _proxy(self, proxy: Resource) -> None:
        for service in self._services(proxy):
            for member, ports in self._backends(service):
                self._forward(proxy, member, ports, service)

    def _services(self, proxy: Resource) -> Iterator[Resource]:
        """Backend services a proxy forwards to, through its URL map or directly."""
        for target in self.builder.graph.references(proxy):
            if target.provider_type in _SERVICES:
                yield target
            elif target.provider_type in _URL_MAPS:
                yield from (s for s in self.builder.graph.references(target)
                            if s.provider_type in _SERVICES)

    def _backends(self, service: Resource) -> Iterator[tuple[Resource, PortSet]]:
        """``(instances, port)`` of each backend of a backend service: for an instance
        group, the port its ``port_name`` (default ``http``) names in the group, every port
        when the group does not say (its named ports not written or not known); for a
        network endpoint group, its endpoints (:meth:`_endpoints`)."""
        name = service.attributes.get("port_name", "http")
        for group in self.builder.graph.references(service):
            if group.kind == "compute.scaling_group" or group.provider_type in _UNMANAGED:
                named = group.attributes.get("named_ports")
                port = port_number(named.get(name)) if isinstance(named, dict) else None
                ports = PortSet.of("tcp", port) if port is not None else PortSet.every()
                yield from ((m, ports) for m in self._members(group))
            elif group.provider_type in (_SERVERLESS_NEG, _ZONAL_NEG):
                yield from self._endpoints(group)

    def _endpoints(self, neg: Resource) -> Iterator[tuple[Resource, PortSet]]:
        """The endpoints of a network endpoint group: a serverless NEG's service or function
        (HTTPS, 443); a zonal VM NEG's instances registered by
        ``google_compute_network_endpoint(s)``, on the endpoint's ``port`` or else the
        group's ``default_port`` (every port when neither is known)."""
        kind = str(neg.attributes.get("network_endpoint_type") or "").upper()
        if neg.provider_type == _SERVERLESS_NEG:
            if kind in ("", "SERVERLESS"):
                yield from ((f, PortSet.of("tcp", 443)) for f in self.builder.graph.references(neg)
                            if f.kind == "compute.function")
            return
        if kind not in ("", "GCE_VM_IP_PORT", "GCE_VM_IP"):
            return
        fallback = port_number(neg.attributes.get("default_port"))
        for endpoint in self.builder.graph.referrers(neg):
            if endpoint.provider_type not in _ENDPOINTS:
                continue
            port = port_number(endpoint.attributes.get("port")) or fallback
            ports = PortSet.of("tcp", port) if port is not None else PortSet.every()
            for instance in self.builder.graph.references(endpoint):
                if instance.kind in ("compute.instance", "compute.scaling_group"):
                    yield instance, ports

    def _members(self, group: Resource) -> list[Resource]:
        """The graph nodes standing for a group's instances: a managed group itself, an
        unmanaged group's or a target pool's instances (and the managed groups naming a
        pool in ``target_pools``)."""
        if group.kind == "compute.scaling_group":
            return [group]
        found = [r for r in self.builder.graph.references(group)
                 if r.kind in ("compute.instance", "compute.scaling_group")]
        found += [r for r in self.builder.graph.referrers(group)
                  if r.kind == "compute.scaling_group" and r not in found]
        return found

    def _forward(self, proxy: Resource, member: Resource, ports: PortSet,
                 service: Resource) -> None:
        """The proxy's connections to a backend: from Google's front ends, on ``ports``, as
        the backend's firewall rules admit them."""
        via = f"forwards through backend service {service.name}"
        perhaps = _member_doubt(self._group_of(service, member), member)
        if perhaps:
            via = f"{via}; {perhaps}"
        if member.kind == "compute.function":
            self._to_serverless(proxy, member, ports, via)
            return
        rules = self.builder.rules_of(member)
        if rules is None:
            self.builder.add(proxy.id, member.id, ports, False, f"{via}; filtering not known")
            return
        fronts = (
            self._proxy_subnets() if proxy.provider_type in REGIONAL_PROXIES else GFE_RANGES
        )
        for rule, owner in rules:
            passing = PortSet.from_rule(rule).intersect(ports)
            holder = owner or member
            doubt = why_not_known(owner) if owner is not None and is_uncertain(owner) else ""
            admits, sure, source = _admits_front_ends(rule.sources, fronts)
            if admits:
                label = f"{via}; {holder.name} allows {source}"
                self.builder.add(proxy.id, member.id, passing, sure and not doubt and not perhaps,
                                 f"{label}; {doubt}" if doubt else label)

    def _to_serverless(self, proxy: Resource, function: Resource, ports: PortSet,
                       via: str) -> None:
        """A proxy reaches a serverless service through its NEG when the service's ingress
        admits load balancers: "all" or "internal and Cloud Load Balancing" any of them,
        "internal" only internal Application Load Balancers; no firewall rule applies."""
        admits = function.attributes.get("ingress_admits")
        rules = forwarding_rules(self.builder, proxy)
        internal = bool(rules) and all(
            str(r.attributes.get("load_balancing_scheme", "")).upper().startswith(_INTERNAL)
            for r in rules
        )
        if admits == "internal" and not internal:
            return
        sure = admits in ("all", "balancers") or (admits == "internal" and internal)
        why = f"{via}; serverless NEG" + ("" if sure else "; its ingress setting not known")
        self.builder.add(proxy.id, function.id, ports, sure, why)

    def _proxy_subnets(self) -> tuple[ipaddress.IPv4Network, ...] | None:
        """The ranges of the proxy-only subnets of the scan, where a regional proxy's
        connections to its backends come from ("backends ... receive connections from the
        proxy-only subnet", cloud.google.com/load-balancing/docs/proxy-only-subnets); None
        when the scan has none (or one's range is not known)."""
        found: list[ipaddress.IPv4Network] = []
        for subnet in self.builder.graph.resources():
            purpose = subnet.attributes.get("purpose")
            if subnet.kind != "network.subnet" or not isinstance(purpose, str):
                continue
            if purpose.upper() not in _PROXY_ONLY:
                continue
            network = parse_network(subnet.attributes.get("ip_cidr_range"))
            if not isinstance(network, ipaddress.IPv4Network):
                return None
            found.append(network)
        return tuple(found) or None

    def _passthrough(self, rule: Resource) -> None:
        """An external passthrough forwarding rule: its backends are reached from the
        internet with the clients' addresses."""
        if rule.facets.public_endpoint is False:
            return
        ports = forwarding_ports(rule)
        sure = rule.facets.public_endpoint is True and ports is not None
        ports = ports if ports is not None else PortSet.every()
        node = f"{FORWARDING}{rule.id}"
        for target in self.builder.graph.references(rule):
            members: list[Resource] = []
            if target.provider_type in _POOLS:
                members = self._members(target)
            elif target.provider_type in _SERVICES:
                members = [m for m, _ in self._backends(target)]
            if members:
                # a rule that may not be created (a count / for_each not known) publishes
                # them only perhaps, unless they are created with it
                maybe = rule.attributes.get(EXISTS_MAYBE)
                apart = isinstance(maybe, str) and any(
                    m.attributes.get(EXISTS_MAYBE) != maybe for m in members
                )
                self.builder.add(INTERNET, node, ports, sure and not apart,
                                 f"external forwarding rule {rule.name}"
                                 + (f", which may not be created: {maybe}" if apart else ""))
            versions = ip_versions.own_versions(rule, CLIENT_VERSIONS)
            for member in members:
                group = target if target.provider_type in _POOLS else self._group_of(
                    target, member)
                self._from_internet(node, target, member, ports, versions,
                                    _member_doubt(group, member))

    def _group_of(self, service: Resource, member: Resource) -> Resource | None:
        """The unmanaged instance group of ``service`` that names ``member`` by a literal link
        perhaps (see :func:`_member_doubt`); None when none does."""
        for group in self.builder.graph.references(service):
            if group.provider_type in _UNMANAGED and _member_doubt(group, member):
                return group
        return None

    def _from_internet(self, node: str, target: Resource, member: Resource,
                       ports: PortSet, versions: frozenset[int] | None = None,
                       perhaps: str = "") -> None:
        """The clients of a passthrough forwarding rule (helper ``node``) reach a backend on
        the rule's ports its firewall rules admit from the internet: sources of the IP
        version of the rule's address (``versions``; None: any). ``perhaps``: why the
        backend may not be the target's member (its edges are then not certain)."""
        via = f"to {target.name}" + (f"; {perhaps}" if perhaps else "")
        rules = self.builder.rules_of(member)
        if rules is None:
            self.builder.add(node, member.id, ports, False, f"{via}; filtering not known")
            return
        for ingress, owner in rules:
            passing = PortSet.from_rule(ingress).intersect(ports)
            holder = owner or member
            doubt = why_not_known(owner) if owner is not None and is_uncertain(owner) else ""
            if ingress.sources is None:
                self.builder.add(node, member.id, passing, False,
                                 f"{via}; {doubt or 'rule sources not known'}")
                continue
            internet = [s for s in ingress.sources
                        if is_internet(s) and ip_versions.admits_version(s, versions)]
            if internet:
                label = f"{via}; {holder.name} allows {internet[0]}"
                self.builder.add(node, member.id, passing, not doubt and not perhaps,
                                 f"{label}; {doubt}" if doubt else label)


def _member_doubt(group: Resource | None, member: Resource) -> str:
    """Why ``member`` is only perhaps a member of ``group`` (a literal link of the same name
    whose zone or project was not compared: ``MEMBERS_MAYBE``); empty when it surely is."""
    maybe = group.attributes.get(MEMBERS_MAYBE) if group is not None else None
    if not isinstance(maybe, dict) or not member.address:
        return ""
    why = maybe.get(member.address)
    return why if isinstance(why, str) else ""


def _admits_front_ends(
    sources: tuple[str, ...] | None,
    fronts: tuple[ipaddress.IPv4Network, ...] | None = GFE_RANGES,
) -> tuple[bool, bool, str]:
    """Whether a rule's sources admit the proxies' addresses ``fronts`` (Google's front ends,
    or the proxy-only subnets; None: not in the scan): ``(admits, surely, source)``. A range
    holding one of them (or the whole internet) admits them surely; one overlapping them,
    perhaps; sources not known, or proxies' addresses not known, perhaps."""
    if sources is None:
        return True, False, "sources not known"
    if fronts is None:
        if not sources:
            return False, False, ""
        return True, False, f"{sources[0]} (the proxy-only subnet is not in the scan)"
    maybe = ""
    for source in sources:
        if source.startswith(INTERNET_NAMED):
            # a geolocation or threat list: whether Google's front ends are in it is not said
            maybe = maybe or source
            continue
        if is_internet(source):
            return True, True, source
        network = parse_network(source)
        if network is None or network.version != 4:
            continue
        for front in fronts:
            if front.subnet_of(network):
                return True, True, source
            if network.overlaps(front):
                maybe = maybe or source
    return bool(maybe), False, maybe
