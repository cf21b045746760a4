"""Gateway API ``ListenerSet`` (``gateway.networking.k8s.io``, Standard channel since v1.5;
``XListenerSet`` of ``gateway.networking.x-k8s.io`` before): more listeners for a Gateway,
served by the Gateway's own load balancer ("ListenerSet defines a set of additional
listeners to attach to an existing Gateway", Gateway API reference, ListenerSet).

- A ListenerSet names its Gateway in ``spec.parentRef`` (``name``; ``namespace``: the
  ListenerSet's when none; ``kind`` ``Gateway`` and the Gateway API group by default).
- The Gateway accepts it only as its ``spec.allowedListeners.namespaces.from`` allows:
  ``Same`` (its own namespace), ``All``, ``Selector`` (the namespaces its ``selector``
  picks), ``None``; not written: none ("By default, Gateways do not allow ListenerSet
  attachment").
- A route attaches to a ListenerSet by a ``parentRefs`` entry of that kind, optionally one
  of its listeners (``sectionName``, ``port``).

So a Gateway whose own listeners are all HTTPS serves plain HTTP when a ListenerSet it
accepts adds an HTTP listener, and the routes attached to that ListenerSet are reached through
the Gateway on its listeners' ports.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from gdcc_audit.graph.kube import gateway_listeners, name, namespace, object_kind, object_labels
from gdcc_audit.load.kube_kinds import GATEWAY_API, LISTENER_SETS, selector_matches
from gdcc_audit.models.resource import Resource

#: How :func:`gdcc_audit.graph.kube.route_parents` names a ListenerSet parent (the kind in
#: the Gateway API group, ``group/kind`` in another).
PARENT_KINDS = frozenset({"ListenerSet", "gateway.networking.x-k8s.io/XListenerSet"})


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def listener_sets(configs: Iterable[Resource]) -> dict[tuple[str, str], Resource]:
    """The ListenerSets of the scan (``k8s.proxy_config`` resources), by namespace and name."""
    return {(namespace(c), name(c)): c for c in configs if object_kind(c) in LISTENER_SETS}


def parent_gateway(listener_set: Resource) -> tuple[str, str] | None:
    """``(namespace, name)`` of the Gateway a ListenerSet names; None when it names none, or
    a parent of another kind."""
    ref = _map(_map(listener_set.attributes.get("spec")).get("parentRef"))
    wanted = ref.get("name")
    if not isinstance(wanted, str) or str(ref.get("kind", "Gateway")) != "Gateway" \
            or str(ref.get("group", GATEWAY_API)) != GATEWAY_API:
        return None
    return str(ref.get("namespace") or namespace(listener_set)), wanted


def accepts(
    gateway: Resource, listener_set: Resource, namespaces: Mapping[str, Resource]
) -> bool | None:
    """Whether ``gateway`` accepts the ListenerSet (``allowedListeners``; None when a
    namespace selector cannot be judged: the namespace is not in the scan)."""
    allowed = _map(_map(_map(gateway.attributes.get("spec")).get("allowedListeners"))
                   .get("namespaces"))
    where = namespace(listener_set)
    found = allowed.get("from")
    if found == "All":
        return True
    if found == "Same":
        return where == namespace(gateway)
    if found == "Selector":
        space = namespaces.get(where)
        return selector_matches(
            allowed.get("selector"), object_labels(space) if space is not None else None
        )
    return False  # None, or not written: "Gateways do not allow ListenerSet attachment"


def attached(
    gateway: Resource, configs: Iterable[Resource], namespaces: Mapping[str, Resource]
) -> list[tuple[Resource, bool]]:
    """The ListenerSets of the scan that name ``gateway`` and that it accepts, each with
    whether that is certain."""
    where = (namespace(gateway), name(gateway))
    found: list[tuple[Resource, bool]] = []
    for listener_set in listener_sets(configs).values():
        if parent_gateway(listener_set) != where:
            continue
        accepted = accepts(gateway, listener_set, namespaces)
        if accepted is not False:
            found.append((listener_set, accepted is True))
    return found


def listeners(listener_set: Resource) -> list[tuple[str, int, str | None]]:
    """``(protocol, port, name)`` of each listener of a ListenerSet (written as a Gateway's)."""
    return gateway_listeners(listener_set)


def parent_kind(listener_set: Resource) -> str:
    """The kind a route's ``parentRefs`` names the ListenerSet by, as
    :func:`gdcc_audit.graph.kube.route_parents` gives it."""
    kind, group = object_kind(listener_set).split(".", 1)
    return kind if group == GATEWAY_API else f"{group}/{kind}"


def attached_routes(
    listener_set: Resource, routes: Iterable[Resource], listener: str | None, port: int
) -> list[Resource]:
    """The routes whose ``parentRefs`` name the ListenerSet, on that listener (its
    ``sectionName`` / ``port``, or neither)."""
    from gdcc_audit.graph.kube import route_parents

    where, kind = (namespace(listener_set), name(listener_set)), parent_kind(listener_set)
    return [
        route for route in routes
        if any(parent == kind and (ns, parent_name) == where
               and section in (None, listener) and number in (None, port)
               for parent, ns, parent_name, section, number in route_parents(route))
    ]
