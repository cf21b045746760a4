"""NetworkPolicy egress in pod-to-pod reach.

A pod that a NetworkPolicy with ``policyTypes: [Egress]`` selects is isolated for egress:
"the only allowed connections from the pod are those allowed by the egress list of some
policy that applies to the pod for egress", and "for a connection from a source pod to a
destination pod to be allowed, both the egress policy on the source pod and the ingress
policy on the destination pod need to allow the connection" (Kubernetes, Network Policies,
The two sorts of pod isolation). The graph's pods reach one another through the cluster's
pods node (every pod is a member of it, and it reaches the pods their ingress leaves open);
an egress-isolated pod instead reaches:

- every destination on the ports of a rule without ``to`` (a member of the cluster's pods
  on those ports);
- through a rule with an ``ipBlock``, the same, uncertainly (whether a CIDR rule applies to
  pod-to-pod traffic depends on the network plugin);
- the pods of the scan a rule's ``podSelector`` / ``namespaceSelector`` selects, on the
  ports of the rule that their ingress admits from it (what the cluster's pods reach of
  them, and what their policies admit from this pod by name): a pod of a namespace the scan
  holds no Namespace object of is selected by a namespace selector only uncertainly, unless
  the selector reads nothing but the automatic ``kubernetes.io/metadata.name`` label;
- what else the cluster's pods reach (a cluster-internal Gateway, ...) uncertainly: the
  pods serving it may be allowed. A Service is not such a node: the policy is applied to the
  pod the Service sends to, which the pod reaches directly when allowed.

A pod whose egress policies select it only uncertainly (labels not known) keeps its reach.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gdcc_audit.graph import kube
from gdcc_audit.graph.paths import service_of_port
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.load.kube_kinds import selector_matches
from gdcc_audit.models.resource import Resource

#: The label Kubernetes sets on every namespace (``NamespaceDefaultLabelName``, 1.22+).
_NAME_LABEL = "kubernetes.io/metadata.name"

Add = Callable[[str, str, PortSet, bool, str], None]


def rule_ports(specs: list[Any], target: Resource | None) -> tuple[PortSet, bool]:
    """The ports a NetworkPolicy rule's ``ports`` admit to ``target`` (None: any destination),
    and whether surely: none listed is every port; a port written as a name is the target's
    container port of that name ("a numerical or named port on a pod", NetworkPolicyPort),
    none when no container gives it (to any destination, every port, uncertainly)."""
    if not specs:
        return PortSet.every(), True
    ports, sure = PortSet(), True
    for spec in specs:
        port = spec.get("port") if isinstance(spec, Mapping) else None
        if isinstance(port, str):
            if target is None:
                ports, sure = PortSet.every(), False
                continue
            port = kube.named_port(target, port)
            if port is None:
                continue
        if isinstance(port, int) and not isinstance(port, bool):
            end = spec.get("endPort")
            ports = ports.union(PortSet.of(str(spec.get("protocol") or "TCP"), port,
                                           end if isinstance(end, int) else None))
        else:
            return PortSet.every(), sure
    return ports, sure


def _namespace_match(selector: Any, name: str,
                     namespaces: Mapping[str, Resource]) -> bool | None:
    """Whether a namespace selector selects the namespace ``name``: from its Namespace
    object's labels; without one, only a selector reading nothing but the automatic name
    label is told."""
    if name in namespaces:
        return selector_matches(selector, kube.object_labels(namespaces[name]))
    if not isinstance(selector, Mapping):
        return None
    labels = selector.get("matchLabels")
    keys = set(labels) if isinstance(labels, Mapping) else set()
    for expression in selector.get("matchExpressions") or []:
        keys.add(expression.get("key") if isinstance(expression, Mapping) else None)
    if keys - {_NAME_LABEL}:
        return None
    return selector_matches(selector, {_NAME_LABEL: name})


def _peers(peer: Mapping[str, Any], source: Resource, by_ns: Mapping[str, list[Resource]],
           namespaces: Mapping[str, Resource]) -> list[tuple[Resource, bool]]:
    """The pods of the scan a ``to`` peer may select, each with whether surely."""
    pod_selector = peer.get("podSelector")
    ns_selector = peer.get("namespaceSelector")
    found: list[tuple[Resource, bool]] = []
    for name, pods in by_ns.items():
        if name == kube.UNKNOWN_NAMESPACE:
            in_namespace: bool | None = None  # pods that may be of any namespace
        elif ns_selector is None:  # the source's own namespace, perhaps when not known
            in_namespace = name == kube.namespace(source) if kube.namespace_known(source) \
                else None
        else:
            in_namespace = _namespace_match(ns_selector, name, namespaces)
        if in_namespace is False:
            continue
        for pod in pods:
            matched = True if pod_selector is None else selector_matches(
                pod_selector, kube.labels(pod))
            if matched is not False:
                found.append((pod, in_namespace is True and matched is True))
    return found


def _narrowed(add: Add, source: str, target: str, edge: Any, ports: PortSet, surely: bool,
              label: str) -> None:
    """An edge on what ``edge`` passes of ``ports``: surely what both pass surely."""
    sure = edge.sure.intersect(ports) if surely else PortSet()
    if sure:
        add(source, target, sure, True, label)
    rest = edge.ports.intersect(ports).minus(sure)
    if rest:
        add(source, target, rest, False, label if not surely else (edge.doubt or label))


def restrict(
    edges: dict[tuple[str, str], Any],
    add: Add,
    hub: str,
    workloads: list[Resource],
    policies: list[Resource],
    by_ns: Mapping[str, list[Resource]],
    namespaces: Mapping[str, Resource],
    services: set[str],
) -> None:
    """Replace the reach of each egress-isolated pod by what its egress rules allow (module
    docstring). ``hub``: the cluster's pods node; ``edges``: the builder's, with every
    ingress edge of the pods already added; ``services``: the Services' ids."""
    limiting = [p for p in policies if kube.policy_limits_egress(p)]
    if not limiting:
        return
    pods = {w.id: w for w in workloads}
    from_hub = [(target, edge) for (source, target), edge in edges.items() if source == hub]
    # each pod's edges to the cluster's pods node and to pods, found once (isolating a pod
    # changes only its own)
    outgoing: dict[str, dict[str, Any]] = {}
    for (origin, target), edge in edges.items():
        if origin in pods and (target == hub or target in pods):
            outgoing.setdefault(origin, {})[target] = edge
    for source in workloads:
        applying, unsure = kube.namespace_policies(source, limiting)
        selecting = [
            (policy, None if matched and policy.id in unsure else matched)
            for policy in applying
            if (matched := selector_matches(kube.policy_selector(policy),
                                            kube.labels(source))) is not False
        ]
        if not any(matched is True for _, matched in selecting):
            continue  # not isolated for egress, or not surely: its reach is kept
        _isolate(edges, add, hub, source, selecting, pods, services, from_hub, by_ns,
                 namespaces, outgoing.get(source.id, {}))


def _isolate(
    edges: dict[tuple[str, str], Any], add: Add, hub: str, source: Resource,
    selecting: Sequence[tuple[Resource, bool | None]], pods: Mapping[str, Resource],
    services: set[str], from_hub: list[tuple[str, Any]],
    by_ns: Mapping[str, list[Resource]], namespaces: Mapping[str, Resource],
    direct: dict[str, Any],
) -> None:
    for target in direct:
        del edges[(source.id, target)]
    wide: list[tuple[list[Any], bool, str]] = []
    allowed: dict[str, list[tuple[list[Any], bool, str]]] = {}
    rules = 0
    for policy, matched in selecting:
        label = f"NetworkPolicy {kube.name(policy)} egress"
        for peers, specs in kube.policy_egress_rules(policy):
            rules += 1
            if not peers:
                wide.append((specs, matched is True, label))
            for peer in peers:
                if "ipBlock" in peer:
                    wide.append((specs, False, f"{label} (ipBlock: whether it applies to "
                                               "pods depends on the network plugin)"))
                    continue
                for pod, surely in _peers(peer, source, by_ns, namespaces):
                    allowed.setdefault(pod.id, []).append(
                        (specs, surely and matched is True, label))
    for specs, surely, label in wide:
        ports, known = rule_ports(specs, None)
        # the pods whose ingress admits this pod by name (not through the cluster's pods)
        for target in direct:
            if target in pods:
                allowed.setdefault(target, []).append((specs, surely, label))
        if ports.is_every:
            add(source.id, hub, ports, surely and known, label)
            continue
        # on some ports only: what the cluster's pods reach, on those ports
        for target, edge in from_hub:
            if target in pods:
                allowed.setdefault(target, []).append((specs, surely, label))
            elif target not in services and service_of_port(target) is None:
                _narrowed(add, source.id, target, edge, ports, surely and known, label)
    for target, grants in allowed.items():
        admitting = [e for e in (edges.get((hub, target)), direct.get(target)) if e is not None]
        for specs, surely, label in grants:
            ports, _known = rule_ports(specs, pods[target])
            for edge in admitting:
                _narrowed(add, source.id, target, edge, ports, surely, label)
    if not rules:
        return  # it may send nothing
    for target, edge in from_hub:
        if target in pods or target in services or service_of_port(target) is not None:
            continue
        add(source.id, target, edge.ports, False,
            "its egress NetworkPolicies may allow the pods serving it")
