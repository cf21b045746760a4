"""Sets of (protocol, port range) that a network edge lets through."""

from __future__ import annotations

from dataclasses import dataclass

from gdcc_audit.models.resource import IngressRule

_ANY_PROTOCOL = frozenset({"all", "-1", "*", "any"})
_ICMP = frozenset({"icmp", "icmpv6", "1", "58"})
_NAMES = {"6": "tcp", "17": "udp"}


@dataclass(frozen=True, slots=True)
class PortRange:
    """``protocol`` is ``tcp``, ``udp``, ``icmp`` or ``all``; ports are inclusive."""

    protocol: str
    low: int
    high: int

    def overlaps(self, other: PortRange) -> bool:
        """True when some traffic matches both ranges."""
        if not _same_protocol(self.protocol, other.protocol):
            return False
        return self.low <= other.high and other.low <= self.high

    def intersect(self, other: PortRange) -> PortRange | None:
        """The traffic both ranges let through."""
        if not self.overlaps(other):
            return None
        proto = other.protocol if self.protocol == "all" else self.protocol
        return PortRange(proto, max(self.low, other.low), min(self.high, other.high))

    def __str__(self) -> str:
        span = str(self.low) if self.low == self.high else f"{self.low}-{self.high}"
        if self.protocol == "all":
            return "all" if (self.low, self.high) == (0, 65535) else span
        if self.protocol == "icmp":
            return "icmp"
        return span if self.protocol == "tcp" else f"{self.protocol}/{span}"


#: What ``all`` is made of when a part of it is taken out.
_SPLIT = ("tcp", "udp", "icmp")


def _subtract(item: PortRange, cut: PortRange) -> list[PortRange]:
    """``item`` without the ports of ``cut`` (same protocol, or ``cut`` of every protocol)."""
    if not item.overlaps(cut):
        return [item]
    out = []
    if item.low < cut.low:
        out.append(PortRange(item.protocol, item.low, cut.low - 1))
    if cut.high < item.high:
        out.append(PortRange(item.protocol, cut.high + 1, item.high))
    return out


def _same_protocol(a: str, b: str) -> bool:
    return a == b or "all" in (a, b)


def _canonical_protocol(name: str) -> str:
    text = name.strip().lower()
    if text in _ANY_PROTOCOL:
        return "all"
    if text in _ICMP:
        return "icmp"
    return _NAMES.get(text, text)


@dataclass(frozen=True, slots=True)
class PortSet:
    """A union of port ranges; empty means nothing passes."""

    ranges: tuple[PortRange, ...] = ()

    @classmethod
    def of(cls, protocol: str, low: int, high: int | None = None) -> PortSet:
        """One range."""
        return cls((PortRange(_canonical_protocol(protocol), low, low if high is None else high),))

    @classmethod
    def every(cls) -> PortSet:
        """Every protocol and port."""
        return cls((PortRange("all", 0, 65535),))

    @classmethod
    def from_rule(cls, rule: IngressRule) -> PortSet:
        """The traffic an inbound rule admits; unknown ports count as every port."""
        proto = _canonical_protocol(rule.protocol or "all")
        if proto == "icmp":
            return cls((PortRange("icmp", 0, 65535),))
        if proto == "all" or rule.all_ports:
            return cls((PortRange(proto, 0, 65535),))
        low = 0 if rule.from_port is None else rule.from_port
        high = 65535 if rule.to_port is None else rule.to_port
        return cls((PortRange(proto, min(low, high), max(low, high)),))

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def union(self, other: PortSet) -> PortSet:
        """Traffic either set lets through."""
        merged = list(dict.fromkeys((*self.ranges, *other.ranges)))
        return PortSet(tuple(sorted(merged, key=lambda r: (r.protocol, r.low, r.high))))

    def intersect(self, other: PortSet) -> PortSet:
        """Traffic both sets let through."""
        found = [x for a in self.ranges for b in other.ranges if (x := a.intersect(b))]
        return PortSet(tuple(dict.fromkeys(found)))

    def minus(self, other: PortSet) -> PortSet:
        """Traffic this set lets through and ``other`` does not (``all`` is split into TCP,
        UDP and ICMP when a part of one protocol is taken out)."""
        left = list(self.ranges)
        for cut in other.ranges:
            kept: list[PortRange] = []
            for item in left:
                parts = [item]
                if item.protocol == "all" and cut.protocol != "all":
                    parts = [PortRange(p, item.low, item.high) for p in _SPLIT]
                for part in parts:
                    kept.extend(_subtract(part, cut))
            left = kept
        return PortSet(tuple(dict.fromkeys(left)))

    def covers(self, port: int, protocol: str = "tcp") -> bool:
        """True when ``port`` of ``protocol`` passes."""
        wanted = protocol if protocol in ("tcp", "udp") else _canonical_protocol(protocol)
        return any(r.low <= port <= r.high and r.protocol in (wanted, "all") for r in self.ranges)

    def covers_any(self, ports: list[int]) -> list[int]:
        """The TCP ports of ``ports`` that pass."""
        return [p for p in ports if self.covers(p)]

    @property
    def is_every(self) -> bool:
        """True when every TCP port passes."""
        return any(
            r.protocol in ("all", "tcp") and (r.low, r.high) == (0, 65535) for r in self.ranges
        )

    def __str__(self) -> str:
        if self.is_every:
            return "all"
        return ",".join(str(r) for r in self.ranges)
