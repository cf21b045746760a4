"""Azure network security group rules evaluated as Azure does: by priority, first match wins.

"Rules are processed in priority order, with lower numbers processed before higher numbers
... Once traffic matches a rule, processing stops" (learn.microsoft.com/azure/virtual-network/
network-security-groups-overview, "Security rules"); priorities are 100 to 4096 and unique per
direction in a group (azurerm ``network_security_rule`` page: "The value can be between 100 and
4096. The priority number must be unique for each rule in the collection"). After the custom
rules come the default rules: ``AllowVnetInBound`` (65000), ``AllowAzureLoadBalancerInBound``
(65001) and ``DenyAllInBound`` (65500), so what no custom rule allows is denied.

The canonical model holds what an NSG *allows* (``Facets.ingress``), so the inbound allows are
resolved here into what still gets through: an allow loses the ports and protocols on which
denies of a lower priority number together cover **all** of its sources; a deny covering part
of the sources leaves the allow whole (never a wrong PASS), except that a deny for the
``Internet`` tag leaves an allow for every address (``*``, ``0.0.0.0/0``) open only to the
addresses outside the internet (``VirtualNetwork``; the non-public ranges of a CIDR). A deny
whose priority, protocol, ports or sources are not known shadows nothing; a rule whose
direction or access is not known may allow anything (``protocol="unknown"``, sources not known).

The default ``AllowVnetInBound`` (65000: every port and protocol from ``VirtualNetwork``) is
evaluated with the group's rules and kept as an ingress rule for the ``VirtualNetwork`` tag
(``declared_by`` ``AllowVnetInBound``): a custom deny before it shadows it like any allow. The
resource graph resolves the tag to the virtual network (``graph/azure.py``); it opens nothing to
the internet. ``AllowAzureLoadBalancerInBound`` (65001) admits the load balancer's health
probes only (a load-balanced client keeps its own address, which the rules must allow): not
emitted.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models import cidr
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.terraform.common import (
    port,
    port_range,
    protocol,
    rule,
    sources,
    written_sources,
)
from gdcc_audit.normalize.terraform.rule_origins import rule_set_at
from gdcc_audit.normalize.terraform.values import string_list

#: Source words for every address (v4 and v6) and for the internet service tag.
_EVERY = frozenset({"*", "any", "all", "0.0.0.0"})
_INTERNET_TAG = "internet"
#: The lowest priority number a custom rule can have: nothing is processed before it.
FIRST_PRIORITY = 100
#: The protocols an allow for every protocol (``*``) is cut into when a deny covers part of it.
_PROTOCOLS = ("tcp", "udp", "icmp")


@dataclass(frozen=True)
class NsgRule:
    """One NSG rule as written: ``None`` fields are not known. ``ports`` are the destination
    port ranges; ``sources`` the source prefixes as written (tags, CIDRs, ``*``)."""

    priority: int | None
    inbound: bool | None
    allow: bool | None
    protocol: str | None
    ports: tuple[tuple[int | None, int | None], ...] | None
    sources: tuple[str, ...] | None
    declared_by: str | None = None
    declared_at: str | None = None
    #: Where an input sets a value of the rule (``IngressRule.set_at``), when one does.
    set_at: str | None = None
    #: The prefixes written beside ones not known (when ``sources`` is ``None``).
    written: tuple[str, ...] = ()

    @property
    def spans(self) -> tuple[tuple[int, int], ...] | None:
        """The destination port ranges when every one is known."""
        if self.ports is None:
            return None
        known = tuple((a, b) for a, b in self.ports if a is not None and b is not None)
        return known if len(known) == len(self.ports) else None


def read_rule(
    item: Mapping[str, Any], declared_by: str | None = None, declared_at: str | None = None,
    set_at: str | None = None,
) -> NsgRule:
    """An ``azurerm_network_security_rule`` or an inline ``security_rule`` block (``set_at``:
    where an input sets a value of it, ``rule_origins``)."""
    direction, access = item.get("direction"), item.get("access")
    ranges = string_list(item, "destination_port_ranges")
    single = item.get("destination_port_range")
    ports = None
    if ranges is not None and single is not UNKNOWN:
        ports = tuple(
            port_range(text) for text in (*ranges, *([single] if single is not None else []))
        )
    lists = (item.get("source_address_prefix"), item.get("source_address_prefixes"))
    return NsgRule(
        priority=port(item.get("priority")),
        inbound=None if direction is UNKNOWN or direction is None
        else str(direction).lower() == "inbound",
        allow=None if access is UNKNOWN or access is None else str(access).lower() == "allow",
        protocol=protocol(item.get("protocol")),
        ports=ports,
        sources=sources(*lists),
        declared_by=declared_by,
        declared_at=declared_at,
        set_at=set_at,
        written=written_sources(*lists),
    )


def _shown(origins: Iterable[str]) -> tuple[str, ...]:
    """Sources as the internet rules read them: every address (a word or a /0) as
    ``0.0.0.0/0``."""
    return tuple("0.0.0.0/0" if cidr.is_any(o) else o for o in origins)


def _stamped(found: Iterable[IngressRule], item: NsgRule) -> list[IngressRule]:
    stamp: dict[str, str | None] = {"set_at": item.set_at} if item.set_at else {}
    if item.declared_by is not None or item.declared_at is not None:
        stamp.update(declared_by=item.declared_by, declared_at=item.declared_at)
    return [r.model_copy(update=stamp) for r in found] if stamp else list(found)


def _as_written(item: NsgRule) -> list[IngressRule]:
    """What an allow lets in when no deny comes before it. When some of its sources are not
    known, the prefixes written beside them count apart (``common.written_sources``): a
    ``0.0.0.0/0`` written beside a looked-up range opens to the internet."""
    if item.sources is None:
        found = _port_rules(item, None)
        if item.written:
            found.extend(_port_rules(item, _shown(item.written)))
        return _stamped(found, item)
    return _stamped(_port_rules(item, _shown(item.sources)), item)


def _port_rules(item: NsgRule, origins: tuple[str, ...] | None) -> list[IngressRule]:
    if item.ports is None:
        return [rule(item.protocol, None, None, origins)]
    out: list[IngressRule] = []
    for start, end in item.ports:
        if item.protocol == "all" and (start, end) != (0, 65535):
            # "*" matches every protocol, but the rule still holds only its destination
            # ports ("protocol ... or * (which matches all)", destination_port_range "Integer
            # or range between 0 and 65535 or * to match any": azurerm network_security_rule
            # page): TCP and UDP on those ports (the protocols with ports), not every port
            out.extend(rule(name, start, end, origins) for name in ("tcp", "udp"))
        else:
            out.append(rule(item.protocol, start, end, origins))
    return out


def _may_allow(item: NsgRule) -> list[IngressRule]:
    """A rule whose direction or access is not known: it may allow anything."""
    return _stamped([IngressRule(protocol="unknown", sources=None)], item)


@dataclass(frozen=True)
class _Cover:
    """The sources of the denies that cover one port segment of one protocol."""

    every: bool
    internet: bool
    tags: frozenset[str]
    v4: tuple[ipaddress.IPv4Network, ...]
    v6: tuple[ipaddress.IPv6Network, ...]

    @classmethod
    def of(cls, denies: Sequence[NsgRule]) -> _Cover:
        words = [s.strip() for d in denies for s in d.sources or ()]
        lowered = {w.lower() for w in words}
        networks = [n for n in (cidr.parse(w) for w in words) if n is not None]
        v4 = tuple(ipaddress.collapse_addresses(
            n for n in networks if isinstance(n, ipaddress.IPv4Network)))
        v6 = tuple(ipaddress.collapse_addresses(
            n for n in networks if isinstance(n, ipaddress.IPv6Network)))
        whole = any(n.prefixlen == 0 for n in v4) and any(n.prefixlen == 0 for n in v6)
        return cls(
            every=bool(lowered & _EVERY) or whole,
            internet=_INTERNET_TAG in lowered,
            tags=frozenset(lowered),
            v4=v4,
            v6=v6,
        )

    def _holds(self, network: cidr.Network) -> bool:
        pool: Sequence[cidr.Network] = self.v4 if network.version == 4 else self.v6
        return any(network.subnet_of(p) for p in pool)  # type: ignore[arg-type]

    def left(self, source: str) -> tuple[str, ...]:
        """What of ``source`` these denies leave open (``()``: all of it is denied)."""
        word = source.strip().lower()
        if self.every:
            return ()
        if word in _EVERY:
            # every address minus the internet tag: the addresses outside the internet
            return ("VirtualNetwork",) if self.internet else (source,)
        if word == _INTERNET_TAG:
            return () if self.internet else (source,)
        network = cidr.parse(source)
        if network is None:  # a service tag or an application security group
            return () if word in self.tags else (source,)
        if self._holds(network):
            return ()
        if self.internet:
            # the internet tag denies the public part of the range: the rest stays open
            return tuple(cidr.non_public_parts(network))
        return (source,)


def _segments(
    spans: Sequence[tuple[int, int]], cuts: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """``spans`` cut at every edge of ``cuts`` (so each piece is inside or outside each cut)."""
    edges = sorted({a for a, _ in cuts} | {b + 1 for _, b in cuts})
    out: list[tuple[int, int]] = []
    for start, end in spans:
        low = start
        for edge in edges:
            if low < edge <= end:
                out.append((low, edge - 1))
                low = edge
        out.append((low, end))
    return out


def _deny_covers_protocol(deny: NsgRule, name: str) -> bool:
    return deny.protocol in ("all", name)


def _resolved(allow: NsgRule, denies: Sequence[NsgRule]) -> list[IngressRule]:
    """What ``allow`` still lets in behind ``denies`` (those of a lower priority number)."""
    assert allow.spans is not None
    assert allow.sources is not None
    names = _PROTOCOLS if allow.protocol == "all" else (allow.protocol or "unknown",)
    out: list[IngressRule] = []
    for name in names:
        # ICMP has no ports: one piece
        spans = ((0, 65535),) if name == "icmp" else allow.spans
        relevant = [d for d in denies if _deny_covers_protocol(d, name)]
        if name == "icmp":
            # a deny limited to some ports is not taken to close ICMP (no ports)
            relevant = [d for d in relevant if (0, 65535) in (d.spans or ())]
        cuts = [p for d in relevant for p in d.spans or ()]
        pieces: list[tuple[int, int, tuple[str, ...]]] = []
        for low, high in _segments(spans, cuts):
            over = [d for d in relevant if any(a <= low and high <= b for a, b in d.spans or ())]
            cover = _Cover.of(over)
            left: list[str] = []
            for source in allow.sources:
                left.extend(s for s in cover.left(source) if s not in left)
            if not left:
                continue
            kept = tuple(left)
            if pieces and pieces[-1][1] + 1 == low and pieces[-1][2] == kept:
                pieces[-1] = (pieces[-1][0], high, kept)
            else:
                pieces.append((low, high, kept))
        for low, high, kept in pieces:
            if name == "icmp":
                out.append(rule("icmp", 0, 65535, _shown(kept)))
            else:
                out.append(rule(name, low, high, _shown(kept)))
    return _stamped(out, allow)


def _shadows(deny: NsgRule, allow: NsgRule) -> bool:
    """Whether ``deny`` is processed before ``allow`` and can be judged (all of it known)."""
    return (
        deny.inbound is True
        and deny.allow is False
        and deny.priority is not None
        and allow.priority is not None
        and deny.priority < allow.priority
        and deny.protocol is not None
        and deny.protocol != "unknown"
        and deny.spans is not None
        and bool(deny.sources)
    )


#: "AllowVNetInBound: priority 65000, source VirtualNetwork, ports 0-65535, destination
#: VirtualNetwork, protocol Any, access Allow", in every NSG (learn.microsoft.com/azure/
#: virtual-network/network-security-groups-overview, "Default security rules").
VNET_DEFAULT = NsgRule(
    priority=65000,
    inbound=True,
    allow=True,
    protocol="all",
    ports=((0, 65535),),
    sources=("VirtualNetwork",),
    declared_by="AllowVnetInBound",
)


def inbound(items: Sequence[NsgRule], defaults: bool = False) -> tuple[IngressRule, ...]:
    """What the inbound rules of one NSG let in, evaluated in priority order (see module);
    with ``defaults``, the group's default ``AllowVnetInBound`` too."""
    if defaults:
        items = [*items, VNET_DEFAULT]
    out: list[IngressRule] = []
    for item in items:
        if item.inbound is None or item.allow is None:
            if item.inbound is not False:
                out.extend(_may_allow(item))
            continue
        if not item.inbound or not item.allow:
            continue
        denies = [d for d in items if _shadows(d, item)]
        if not denies or item.spans is None or not item.sources or item.protocol is None:
            out.extend(_as_written(item))
        else:
            out.extend(_resolved(item, denies))
    return tuple(out)


def alone(item: NsgRule) -> tuple[IngressRule, ...]:
    """One rule whose NSG is not in the input: what it lets in itself. A deny opens nothing;
    an allow at priority 100 comes first whatever else the group holds; an allow of a higher
    (or unknown) priority number that lets the internet in may be shadowed by a deny of the
    group that the input does not show: its sources are not known (the ports it does not
    open stay closed, an allow for private sources opens nothing to the internet)."""
    found = inbound([item])
    if item.priority == FIRST_PRIORITY:
        return found
    return tuple(
        r.model_copy(update={"sources": None}) if r.from_internet else r for r in found
    )


def from_resource(r: TfResource) -> NsgRule:
    """An ``azurerm_network_security_rule`` resource, stamped with its address and line and
    where an input sets a value of it."""
    return read_rule(r.values, r.address, r.declared_at, rule_set_at(r))
