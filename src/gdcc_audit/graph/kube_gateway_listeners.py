"""The plain listeners of a Gateway API Gateway, each with the routes of the scan attached to
it, for GDCC-GRAPH-003 judged per listener: personal data reached through a Gateway is served
in clear only through a listener without TLS that a route leading to the data attaches to.

- A route attaches to a Gateway's listener through a ``parentRefs`` entry naming the Gateway
  (with that listener's ``sectionName`` / ``port``, or neither: every listener); to a
  ListenerSet's listener alike (``kube_listener_sets``). A route is counted whatever its
  namespace or hostnames (one the listener would not admit only makes the answer stricter).
- A listener no route of the scan attaches to answers nothing (a Gateway API listener
  without routes has no rule to send a request by). Routes outside the scan may attach to
  it only from another namespace: a listener's ``allowedRoutes.namespaces.from`` is ``Same``
  by default (Gateway API reference, Listener ``allowedRoutes``: "+kubebuilder:default=
  {namespaces:{from: Same}}"), and the scan is taken to hold its own namespace's routes;
  ``All`` or ``Selector`` lets any namespace's route attach, which the scan may not hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from gdcc_audit.graph.kube import name, namespace, route_parents
from gdcc_audit.graph.kube_listener_sets import attached_routes
from gdcc_audit.models.resource import Resource

#: Listener protocols that terminate TLS (Gateway API, ProtocolType).
TLS_PROTOCOLS = frozenset({"HTTPS", "TLS"})


@dataclass(frozen=True)
class PlainListener:
    """A listener without TLS of a Gateway (``owner``) or of a ListenerSet it accepts."""

    owner: Resource
    protocol: str
    port: int
    name: str | None
    #: The routes of the scan attached to it.
    routes: tuple[Resource, ...]
    #: The listener is the Gateway's own, or of a ListenerSet it surely accepts.
    certain: bool
    #: ``allowedRoutes.namespaces.from`` (``Same`` when not written).
    allowed_from: str

    @property
    def open_to_other_namespaces(self) -> bool:
        """``allowedRoutes`` lets routes of other namespaces attach (``All``, ``Selector``)."""
        return self.allowed_from not in ("Same", "None")

    def label(self, thai: bool = False) -> str:
        """``listener http (HTTP 80) of ListenerSet team/extra`` (``ของ`` in Thai)."""
        kind = str(self.owner.attributes.get("kind") or "Gateway")
        return (f"listener {self.name or '?'} ({self.protocol} {self.port}) "
                f"{'ของ' if thai else 'of'} {kind} {namespace(self.owner)}/{name(self.owner)}")


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _entries(owner: Resource) -> list[tuple[str, int, str | None, str]]:
    """``(protocol, port, name, allowedRoutes.namespaces.from)`` of each listener of a
    Gateway or ListenerSet (``spec.listeners``)."""
    found: list[tuple[str, int, str | None, str]] = []
    listeners = _map(owner.attributes.get("spec")).get("listeners")
    for entry in map(_map, listeners if isinstance(listeners, list) else []):
        port, listener = entry.get("port"), entry.get("name")
        if not isinstance(port, int) or isinstance(port, bool):
            continue
        allowed = _map(_map(entry.get("allowedRoutes")).get("namespaces")).get("from", "Same")
        found.append((str(entry.get("protocol") or "").upper(), port,
                      listener if isinstance(listener, str) else None,
                      str(allowed)))
    return found


def _gateway_routes(
    gateway: Resource, routes: Iterable[Resource], listener: str | None, port: int
) -> list[Resource]:
    where = (namespace(gateway), name(gateway))
    return [
        route for route in routes
        if any(kind == "Gateway" and (ns, parent) == where
               and section in (None, listener) and number in (None, port)
               for kind, ns, parent, section, number in route_parents(route))
    ]


def plain_listeners(
    gateway: Resource, routes: list[Resource], sets: list[tuple[Resource, bool]]
) -> list[PlainListener]:
    """The listeners without TLS of ``gateway`` and of the ListenerSets it accepts (``sets``,
    each with whether that is certain), each with the routes of the scan attached to it."""
    found: list[PlainListener] = []
    for protocol, port, listener, open_ in _entries(gateway):
        if protocol not in TLS_PROTOCOLS:
            attached = _gateway_routes(gateway, routes, listener, port)
            found.append(PlainListener(gateway, protocol, port, listener, tuple(attached),
                                       True, open_))
    for listener_set, certain in sets:
        for protocol, port, listener, open_ in _entries(listener_set):
            if protocol not in TLS_PROTOCOLS:
                attached = attached_routes(listener_set, routes, listener, port)
                found.append(PlainListener(listener_set, protocol, port, listener,
                                           tuple(attached), certain, open_))
    return found
