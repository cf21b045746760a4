"""Address ranges reasoned on as ranges (``ipaddress``), never compared as text.

Every rule about who can reach what goes through here, so ``192.168.1.0/0`` (a /0 prefix:
the whole IPv4 internet, whatever the address bits say), ``::/0``, ``0::0/0`` and the pair
``0.0.0.0/1`` + ``128.0.0.0/1`` are all recognised as "anyone on the internet", and so is
one public range of /8 (IPv6: /16) or wider (``0.0.0.0/1``, ``64.0.0.0/2``, ``::/1``).
Sources that are not addresses (security-group ids, ``self``, service tags) are left to the
caller; the provider words that mean "any address" are listed in :data:`ANY_WORDS`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

#: Words providers use for "every address" (Azure ``*``/``Internet``/``Any`` service tags,
#: OpenStack/Huawei ``any``); compared case-insensitively. ``0.0.0.0`` without a prefix is
#: taken as "any" too, as Azure and several firewalls read it.
ANY_WORDS = frozenset({"*", "any", "internet", "all", "0.0.0.0", "::"})

#: The prefix of a source that stands for internet addresses without listing them (a Google
#: firewall policy's geolocation or threat intelligence list: ``internet:region US``): the
#: internet for every rule (:func:`is_wide_public`), though no range.
INTERNET_NAMED = "internet:"

_WHOLE_V4 = ipaddress.IPv4Network("0.0.0.0/0")
_WHOLE_V6 = ipaddress.IPv6Network("::/0")


@lru_cache(maxsize=65536)
def parse(source: str) -> Network | None:
    """The network a source names (host bits ignored, so ``10.0.0.1/8`` is ``10.0.0.0/8``);
    ``None`` when the text is not an address or range. Cached: the same few ranges are parsed
    for every rule and resource (networks are immutable)."""
    text = source.strip()
    if not text or _is_word(text):
        return None
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        return None


def _is_word(source: str) -> bool:
    return source.strip().lower() in ANY_WORDS


def is_any(source: str) -> bool:
    """True when this one source is every address: a provider word or a /0 prefix."""
    if _is_word(source):
        return True
    network = parse(source)
    return network is not None and network.prefixlen == 0


def covers_internet(sources: Iterable[str]) -> bool:
    """True when the sources together cover all IPv4 or all IPv6 addresses."""
    v4: list[ipaddress.IPv4Network] = []
    v6: list[ipaddress.IPv6Network] = []
    for source in sources:
        if is_any(source):
            return True
        network = parse(source)
        if isinstance(network, ipaddress.IPv4Network):
            v4.append(network)
        elif isinstance(network, ipaddress.IPv6Network):
            v6.append(network)
    return _WHOLE_V4 in ipaddress.collapse_addresses(v4) or _WHOLE_V6 in (
        ipaddress.collapse_addresses(v6)
    )


def internet_sources(sources: Iterable[str]) -> list[str]:
    """The sources that alone let the internet in (``*``, any /0, a wide public range), in the
    order given."""
    return [s for s in sources if is_any(s) or is_wide_public(s)]


#: Ranges no internet host is in (RFC 1918, CGNAT, loopback, link-local, multicast, reserved;
#: IPv6 ULA, link-local, loopback, multicast). ``ipaddress``'s own ``is_private`` is not used
#: on networks: it looks only at the first and last address, so ``0.0.0.0/1`` would pass.
_NOT_PUBLIC: tuple[Network, ...] = tuple(
    ipaddress.ip_network(n)
    for n in (
        "0.0.0.0/8",
        "10.0.0.0/8",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "169.254.0.0/16",
        "172.16.0.0/12",
        "192.0.0.0/24",
        "192.168.0.0/16",
        "198.18.0.0/15",
        "224.0.0.0/3",
        "::1/128",
        "::/128",
        "fc00::/7",
        "fe80::/10",
        "ff00::/8",
    )
)


def is_public(source: str) -> bool | None:
    """True when the range holds any internet-routable address; ``None`` when the text is not
    an address range."""
    if is_any(source):
        return True
    network = parse(source)
    if network is None:
        return None
    return not any(
        network.version == block.version and network.subnet_of(block)  # type: ignore[arg-type]
        for block in _NOT_PUBLIC
    )


#: A public (internet-routable) range at least this wide counts as "the internet": a rule
#: open to ``0.0.0.0/1``, ``64.0.0.0/2`` or ``::/1`` lets billions of internet hosts in, though
#: it does not cover every address.
WIDE_PUBLIC_PREFIX = {4: 8, 6: 16}


@lru_cache(maxsize=65536)
def is_wide_public(source: str) -> bool:
    """True when this one source is every address, a range of /8 (IPv4) or /16 (IPv6) and
    wider that holds internet-routable addresses (:func:`is_public`), or internet addresses
    named (:data:`INTERNET_NAMED`)."""
    if is_any(source) or source.startswith(INTERNET_NAMED):
        return True
    network = parse(source)
    if network is None:
        return False
    return network.prefixlen <= WIDE_PUBLIC_PREFIX[network.version] and is_public(source) is True


def open_to_internet(sources: Iterable[str]) -> bool:
    """True when the sources let the internet in: together they cover every IPv4 or IPv6
    address (:func:`covers_internet`), or one is a wide public range (:func:`is_wide_public`)."""
    listed = list(sources)
    return covers_internet(listed) or any(is_wide_public(s) for s in listed)


def contains(outer: str, inner: str) -> bool | None:
    """Whether range ``outer`` contains all of ``inner``; ``None`` when either is not a range
    or they are of different IP versions."""
    if _is_word(outer):
        return True
    a, b = parse(outer), parse(inner)
    if a is None or b is None or a.version != b.version:
        return None
    return b.subnet_of(a)  # type: ignore[arg-type]


def overlaps(first: str, second: str) -> bool | None:
    """Whether two ranges share any address; ``None`` when either is not a range."""
    if _is_word(first) or _is_word(second):
        return True
    a, b = parse(first), parse(second)
    if a is None or b is None:
        return None
    if a.version != b.version:
        return False
    return a.overlaps(b)


def non_public_parts(network: Network) -> list[str]:
    """The parts of ``network`` that hold no internet-routable address (RFC 1918, CGNAT,
    loopback, ULA...), as ranges: what an Azure rule for the range still admits once the
    ``Internet`` service tag is denied."""
    found: list[str] = []
    for block in _NOT_PUBLIC:
        if block.version != network.version:
            continue
        if block.subnet_of(network):  # type: ignore[arg-type]
            found.append(str(block))
        elif network.subnet_of(block):  # type: ignore[arg-type]
            return [str(network)]
    return found
