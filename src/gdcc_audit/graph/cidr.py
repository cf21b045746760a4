"""Address reasoning for network reachability (IPv4 and IPv6) with ``ipaddress``.

A rule's source is one of: the internet (``0.0.0.0/0``, ``::/0``, ``*``, or a public range of
/8 or wider), a CIDR, a security-group reference, ``self`` or something unknown.
``SegmentIndex`` finds the scanned subnets and networks a CIDR covers without comparing every
pair: segments are kept sorted by first address and searched with ``bisect``.
"""

from __future__ import annotations

import bisect
import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass, field

from gdcc_audit.models.resource import INTERNET_SOURCES

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: A public (globally routed) range at least this wide counts as "the internet".
WIDE_PUBLIC_PREFIX = {4: 8, 6: 16}


def parse_network(text: object) -> Network | None:
    """A network from ``10.0.0.0/16``, ``10.0.0.5`` or ``2001:db8::/32``; None otherwise."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


def is_internet(text: str) -> bool:
    """True when the source means "anyone on the internet"."""
    if text in INTERNET_SOURCES:
        return True
    network = parse_network(text)
    if network is None:
        return False
    if network.prefixlen == 0:
        return True
    return network.is_global and network.prefixlen <= WIDE_PUBLIC_PREFIX[network.version]


@dataclass
class SegmentIndex:
    """Named networks (subnets, VPCs) searchable by the CIDRs that overlap them.

    Entries are bucketed by (IP version, prefix length): inside a bucket every network has the
    same width, so the candidates of a query are one contiguous slice of the sorted starts.
    """

    _buckets: dict[tuple[int, int], tuple[list[int], list[tuple[int, int, str]]]] = field(
        default_factory=dict
    )

    def build(self, segments: Iterable[tuple[str, Network]]) -> SegmentIndex:
        """Index ``(name, network)`` pairs."""
        grouped: dict[tuple[int, int], list[tuple[int, int, str]]] = {}
        for name, network in segments:
            first, last = int(network.network_address), int(network.broadcast_address)
            grouped.setdefault((network.version, network.prefixlen), []).append(
                (first, last, name)
            )
        for key, entries in grouped.items():
            entries.sort()
            self._buckets[key] = ([e[0] for e in entries], entries)
        return self

    def overlapping(self, network: Network) -> list[str]:
        """Names of the segments sharing at least one address with ``network``."""
        first, last = int(network.network_address), int(network.broadcast_address)
        found: list[str] = []
        for (version, prefix), (starts, entries) in self._buckets.items():
            if version != network.version:
                continue
            width = 2 ** ((32 if version == 4 else 128) - prefix) - 1
            low = bisect.bisect_left(starts, first - width)
            high = bisect.bisect_right(starts, last)
            found.extend(name for s, e, name in entries[low:high] if e >= first)
        return found
