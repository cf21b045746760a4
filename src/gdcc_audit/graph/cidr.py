"""Address reasoning for network reachability (IPv4 and IPv6), on top of the shared
``gdcc_audit.models.cidr`` helper.

A rule's source is one of: the internet (``0.0.0.0/0``, ``::/0``, a provider word such as
``*``/``Internet``, or a public range of /8 (IPv4) or /16 (IPv6) and wider), a CIDR, a
security-group reference, ``self`` or something unknown. ``SegmentIndex`` finds the scanned
subnets and networks a CIDR overlaps without comparing every pair.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from gdcc_audit.models import cidr
from gdcc_audit.models.cidr import Network

#: A public (internet-routable) range at least this wide counts as "the internet".
WIDE_PUBLIC_PREFIX = cidr.WIDE_PUBLIC_PREFIX


@functools.lru_cache(maxsize=65536)
def _parse(text: str) -> Network | None:
    return cidr.parse(text)


def parse_network(text: object) -> Network | None:
    """A network from ``10.0.0.0/16``, ``10.0.0.5`` or ``2001:db8::/32``; None otherwise."""
    return _parse(text) if isinstance(text, str) else None


@functools.lru_cache(maxsize=65536)
def is_internet(text: str) -> bool:
    """True when the source means "anyone on the internet"."""
    return cidr.is_wide_public(text)


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
        return [name for _, _, name in self._hits(network)]

    def narrowest(self, network: Network) -> list[str]:
        """The overlapping segments, without those that hold a narrower overlapping segment
        which holds all of ``network`` (a rule for ``10.0.2.0/24`` admits that subnet's hosts,
        not every host of its VPC)."""
        first, last = int(network.network_address), int(network.broadcast_address)
        hits = self._hits(network)
        holders = [(s, e) for s, e, _ in hits if s <= first and last <= e]
        return [
            name for s, e, name in hits
            if not any(s <= hs and he <= e and (hs, he) != (s, e) for hs, he in holders)
        ]

    def _hits(self, network: Network) -> list[tuple[int, int, str]]:
        first, last = int(network.network_address), int(network.broadcast_address)
        found: list[tuple[int, int, str]] = []
        for (version, prefix), (starts, entries) in self._buckets.items():
            if version != network.version:
                continue
            width = 2 ** ((32 if version == 4 else 128) - prefix) - 1
            low = bisect.bisect_left(starts, first - width)
            high = bisect.bisect_right(starts, last)
            found.extend(entry for entry in entries[low:high] if entry[1] >= first)
        return found
