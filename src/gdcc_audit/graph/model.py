"""ResourceGraph: the tenant as a connected system.

Resources are nodes; references are labelled edges (``reference``, ``containment``,
``attachment``...), kept in plain adjacency maps. The first network question
(``paths_from_internet``, ``reachable``...) builds, once, the reachability graph from an
``internet`` node (see ``network.py``) as a small ``Digraph`` (``reach``): a scan never imports
networkx. Rules use only the query methods here; ``nx`` (the dependency graph) and ``network``
(the reachability graph) are networkx views of the same edges, built on first use, for plugins.

A reference to something that is not in the scan is kept as an ``unresolved:<target>`` node
and listed by ``unresolved()``. Cycles are legal: every search keeps a visited set.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdcc_audit.graph import arns, azure_grants, grants, iam_services, kube
from gdcc_audit.graph.control_plane import NODES, NODES_KIND
from gdcc_audit.graph.digraph import Digraph
from gdcc_audit.graph.kube_cloud_identity import cloud_identities
from gdcc_audit.graph.paths import (
    ANY_DISTRIBUTION,
    FORWARDING,
    INTERNET,
    BlastRadius,
    Companions,
    GraphPath,
    Hop,
    service_of_port,
)
from gdcc_audit.graph.ports import PortSet
from gdcc_audit.graph.scope import Scope
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import (
    ACCESS_POLICY_LINES,
    EXISTS_MAYBE,
    GRANTED_DATA_ON,
    GRANTED_ON,
    GRANTED_ON_MAYBE,
    IMPERSONATES,
    IMPERSONATES_MAYBE,
    ONLY_WITH,
    Resource,
    exists_with,
)
from gdcc_audit.normalize import azure_grant_keys
from gdcc_audit.normalize.kubernetes.escalation import in_namespace

if TYPE_CHECKING:
    import networkx

    from gdcc_audit.graph.defaults import DefaultGroups
    from gdcc_audit.graph.network import Edge
    from gdcc_audit.graph.queries import FlowDowngrade, LogWriters
    from gdcc_audit.models.tenant import System, Tenant

UNRESOLVED = "unresolved:"


def relation(source: Resource, target: Resource, attribute: str) -> str:
    """What a reference means: containment, attachment, encryption, logging, grant..."""
    if source.kind == "system" and target.kind == "system":
        return "data_flow"
    if target.kind in ("network.vpc", "network.subnet", "k8s.namespace", "system"):
        return "containment"
    if target.kind == "network.security_group" and source.kind != "network.security_group":
        return "attachment"
    if source.kind in ("network.public_ip", "storage.volume") or target.kind == "crypto.key":
        return "attachment" if target.kind != "crypto.key" else "encryption"
    if source.kind.startswith("logging."):
        return "logging"
    if source.kind in ("k8s.role_binding", "identity.policy"):
        return "grant"
    return "reference"


@dataclass(frozen=True)
class Unresolved:
    """A reference whose target was not in the scan."""

    source: str
    target: str
    attribute: str


class ResourceGraph:
    """A directed graph: an edge ``a -> b`` means resource ``a`` refers to resource ``b``."""

    def __init__(
        self,
        resources: Iterable[Resource],
        tenants: Sequence[Tenant] = (),
        scope: Scope | None = None,
    ) -> None:
        self._by_id: dict[str, Resource] = {}
        # Edges by source and by target (only resources that have some).
        self._out: dict[str, dict[str, str]] = {}
        self._in: dict[str, dict[str, str]] = {}
        self._unresolved: list[Unresolved] = []
        self._nx: networkx.DiGraph[str] | None = None
        self._net: Digraph | None = None
        #: The load balancers the internet reaches, by the subnets and VPCs they are placed
        #: in (``queries.exposed_balancer``), for the reachability graph they were read from.
        self.balancer_places: tuple[Digraph, dict[str, list[Resource]]] | None = None
        # default security groups the network builder made (documented, not in the scan)
        self._helper_groups: dict[str, Resource] = {}
        self._pod_isolation: dict[str, str] = {}
        #: A listener's or listener rule's helper node -> its balancer's id, and the
        #: balancer's id -> those nodes (``NetworkBuilder._gated``): shown as the balancer,
        #: and a path to one is a path to the balancer.
        self._stand_ins: dict[str, str] = {}
        self._stood_for: dict[str, list[str]] = {}
        self._defaults: DefaultGroups | None = None
        self._net_nx: networkx.DiGraph[str] | None = None
        self._from_internet: dict[bool, dict[str, str | None]] = {}
        #: Node -> the ports some edge into it lets through (``paths_from_internet``).
        self._into_ports: dict[str, PortSet] = {}
        self._tenants = {t.id: t for t in tenants}
        self._members: dict[tuple[str | None, str], list[Resource]] | None = None
        self._kinds: dict[str, list[Resource]] | None = None
        self._services: dict[str, list[Resource]] | None = None
        self._iam_services: dict[str, list[Resource]] | None = None
        self._unresolved_by: dict[str, list[Unresolved]] | None = None
        # blast radius: an AWS holder's steps by (holder, system of the walk's start), the
        # resource ids of each provider, and the Kubernetes namespaced objects by namespace
        # (``_aws_holder``, ``_listed``: found once per scan, not once per walk)
        self._holder_steps: dict[tuple[str, str | None], _HolderSteps] = {}
        self._held_step_count = 0
        self._of_provider: dict[str, list[str]] | None = None
        #: Each AWS role's trust policy as read (``grants.trust_of``), by id: a role's trust
        #: was decoded again for every statement that may pass or assume it.
        self._trusts: dict[str, grants.Trust] = {}
        self._namespaced: dict[str, list[str]] | None = None
        self.scope = scope or Scope()
        # Where a name is looked up (a Terraform root, a file, a folder, or None: anywhere)
        # -> name -> the first resource of that scope it names. Nested dicts, not (scope,
        # name) keys: at 100,000 resources the key tuples alone were over 50 MB.
        self._aliases: dict[str | None, dict[str, str]] = {}
        roots: dict[str, str] = {}
        listed = list(resources)
        for resource in listed:
            self._by_id[resource.id] = resource
            root = root_of(resource)
            scopes = [resource.location.file, _folder(resource), None]
            if root is not None:
                scopes.insert(0, roots.setdefault(root, _ROOT + root))
            tables = [self._aliases.setdefault(scope, {}) for scope in scopes]
            for alias in _aliases(resource):
                for table in tables:
                    table.setdefault(alias, resource.id)
        self._add_data_flows(listed, tenants)
        for resource in listed:
            for ref in resource.references:
                target = self._lookup(resource, ref.target) or self._unexpanded(
                    resource, ref.target
                )
                targets = [target] if target is not None else self._counted(resource, ref.target)
                targets += self._placed_too(resource, ref.target, target)
                if not targets:
                    self._unresolved.append(Unresolved(resource.id, ref.target, ref.attribute))
                for found in targets:
                    if found != resource.id:
                        self.add_edge(resource.id, found, ref.attribute)

    # -- building -----------------------------------------------------------------------
    def _add_data_flows(self, listed: list[Resource], tenants: Sequence[Tenant]) -> None:
        """Declared data flows become edges between the manifest's system resources."""
        systems = {(r.tenant, r.system or r.name): r.id for r in listed if r.kind == "system"}
        for tenant in tenants:
            for flow in tenant.data_flows:
                source = systems.get((tenant.id, flow.source))
                target = systems.get((tenant.id, flow.target))
                if source is not None and target is not None and source != target:
                    attribute = "data_flow:personal" if flow.personal_data else "data_flow"
                    self.add_edge(source, target, attribute)

    def data_flows(self, system: Resource) -> list[tuple[Resource, bool]]:
        """Systems this system sends data to, and whether the flow carries personal data."""
        return [
            (self._by_id[target], attribute.endswith(":personal"))
            for target, attribute in self._out.get(system.id, {}).items()
            if attribute.startswith("data_flow")
        ]

    def _lookup(self, resource: Resource, name: str) -> str | None:
        root = root_of(resource)
        if root is not None:
            # Terraform addresses are unique within a root, and only there: a module file
            # shared by several roots (examples/a, examples/b) refers to its own root's
            # resources, never to another root's resource of the same address.
            found = self._aliases.get(_ROOT + root, _NONE).get(name)
            if found is not None:
                return found
        if resource.provider == "kubernetes" and name.count("/") == 2 and root is None:
            return self._kube_lookup(resource, name)
        found = (
            self._aliases.get(resource.location.file, _NONE).get(name)
            or self._aliases.get(_folder(resource), _NONE).get(name)
            or self._aliases.get(None, _NONE).get(name)
            or (name if name in self._by_id else None)
        )
        if found is not None and root is not None:
            other = root_of(self._by_id[found])
            if other is not None and other != root:
                return None
        if found is None and resource.provider == "kubernetes" and name.count("/") == 2:
            # ``ns/Kind/name`` not in the scan: the object whose manifest writes no namespace
            unplaced = _UNPLACED + name.split("/", 1)[1]
            found = (
                self._aliases.get(resource.location.file, _NONE).get(unplaced)
                or self._aliases.get(_folder(resource), _NONE).get(unplaced)
                or self._aliases.get(None, _NONE).get(unplaced)
            )
        return found

    def _placed_too(self, resource: Resource, name: str, found: str | None) -> list[str]:
        """The other objects a Kubernetes ``ns/Kind/name`` reference names beside ``found``
        (:meth:`_kube_targets`): a binding binds either account."""
        if found is None or resource.provider != "kubernetes" or name.count("/") != 2 \
                or root_of(resource) is not None:
            return []
        return [i for i in self._kube_targets(resource, name) if i != found]

    def _kube_lookup(self, resource: Resource, name: str) -> str | None:
        """The first object :meth:`_kube_targets` finds."""
        found = self._kube_targets(resource, name)
        return found[0] if found else None

    def _kube_targets(self, resource: Resource, name: str) -> list[str]:
        """The objects ``ns/Kind/name`` written in a Kubernetes object may be: of its own
        file, else its folder, else the scan, the object of that namespace and the object of
        that kind and name whose manifest writes no namespace (it lands where it is applied,
        ``kubectl apply -n``; argo-cd's install.yaml binds ``argocd/ServiceAccount/...`` to
        such accounts), and with the latter the object of the scan placed in that namespace
        (a kustomize overlay of the scan building ``argocd/ServiceAccount/...``). Only the
        scan's object was taken when there was one: the overlay's account took argo-cd's
        bindings away from the accounts written beside them (GDCC-GRAPH-006 PASS)."""
        unplaced = _UNPLACED + name.split("/", 1)[1]
        places = (resource.location.file, _folder(resource), None)
        for level, place in enumerate(places):
            aliases = self._aliases.get(place, _NONE)
            exact, loose = aliases.get(name), aliases.get(unplaced)
            if exact is None and loose is None:
                continue
            found = [i for i in (exact, loose) if i is not None]
            if exact is None:  # the nearest object placed in that namespace, if any
                found += next(([i] for wider in places[level + 1:]
                               if (i := self._aliases.get(wider, _NONE).get(name))), [])
            return list(dict.fromkeys(found))
        return [name] if name in self._by_id else []

    def _unexpanded(self, resource: Resource, name: str) -> str | None:
        """The resource an instance reference (``aws_lb_listener.https[0]``) names when its
        ``count`` / ``for_each`` is not known: its one resource stands for every instance
        (``EXISTS_MAYBE``); the reference was left unresolved, and what it linked was lost
        (a listener rule of such a listener forwarded nothing: a wrong PASS)."""
        if not name.endswith("]") or "[" not in name:
            return None
        found = self._lookup(resource, name[: name.rindex("[")])
        if found is None:
            return None
        why = self._by_id[found].attributes.get(EXISTS_MAYBE)
        return found if isinstance(why, str) and why.startswith("count / for_each") else None

    def _counted(self, resource: Resource, name: str) -> list[str]:
        """Every instance of a counted resource that a reference without an index names
        (``aws_subnet.private[*].id``): ``name[0]``, ``name[1]``... as far as they go."""
        if name.endswith("]"):
            return []
        found: list[str] = []
        while (target := self._lookup(resource, f"{name}[{len(found)}]")) is not None:
            found.append(target)
        return found

    def resolve_all(self, resource: Resource, name: str) -> list[Resource]:
        """Every resource a reference ``name`` written in ``resource`` names, as the graph's
        edges are made (an instance of a resource whose count is not known: that resource;
        a counted resource without an index: each instance)."""
        found = self._lookup(resource, name) or self._unexpanded(resource, name)
        ids = [found] if found is not None else self._counted(resource, name)
        ids += self._placed_too(resource, name, found)
        return [self._by_id[i] for i in ids]

    def resolve(self, resource: Resource, name: str) -> Resource | None:
        """The resource ``name`` means when written in ``resource``'s file."""
        found = self._lookup(resource, name)
        return self._by_id[found] if found is not None else None

    def add_edge(self, source: str, target: str, attribute: str) -> None:
        """Add ``source -> target`` (both canonical ids of resources in the graph)."""
        if source not in self._by_id or target not in self._by_id:
            raise KeyError(f"both ends must be resources of the graph: {source} -> {target}")
        self._out.setdefault(source, {}).setdefault(target, attribute)
        self._in.setdefault(target, {}).setdefault(source, attribute)
        if self._holder_steps:  # a holder's steps read the edges
            self._holder_steps = {}
            self._held_step_count = 0
        if self._nx is not None:
            self._add_nx_edge(self._nx, source, target, attribute)
        self._net = None
        self._net_nx = None
        self._from_internet = {}
        self._into_ports = {}

    def _add_nx_edge(
        self, graph: networkx.DiGraph[str], source: str, target: str, attribute: str
    ) -> None:
        rel = relation(self._by_id[source], self._by_id[target], attribute)
        graph.add_edge(source, target, attribute=attribute, relation=rel)

    def dependency_edges(self) -> Iterator[tuple[str, str, str, str]]:
        """``(source, target, relation, attribute)`` of every dependency edge, as ``nx`` has
        them: resolved references, then unresolved ones ending at ``unresolved:`` nodes (one
        edge per source and target, with the last attribute)."""
        for source in self._by_id:  # in resource order (_out has only sources of edges)
            for target, attribute in self._out.get(source, _NONE).items():
                yield source, target, relation(
                    self._by_id[source], self._by_id[target], attribute
                ), attribute
        unresolved: dict[tuple[str, str], str] = {}
        for item in self._unresolved:
            unresolved[(item.source, UNRESOLVED + item.target)] = item.attribute
        for (source, node), attribute in unresolved.items():
            yield source, node, "unresolved", attribute

    @property
    def nx(self) -> networkx.DiGraph[str]:
        """The dependency graph as a networkx DiGraph (built on first use); edges carry
        ``attribute`` and ``relation``; unresolved references end at ``unresolved:`` nodes."""
        if self._nx is None:
            import networkx

            graph: networkx.DiGraph[str] = networkx.DiGraph()
            for resource in self._by_id.values():
                graph.add_node(resource.id, kind=resource.kind, label=resource.name)
            for source in self._by_id:
                for target, attribute in self._out.get(source, _NONE).items():
                    self._add_nx_edge(graph, source, target, attribute)
            for item in self._unresolved:
                node = UNRESOLVED + item.target
                graph.add_node(node, kind="unresolved", label=item.target)
                graph.add_edge(item.source, node, attribute=item.attribute, relation="unresolved")
            self._nx = graph
        return self._nx

    @property
    def reach(self) -> Digraph:
        """The reachability graph (built on first use): ``u -> v`` when ``u`` can open a
        connection to ``v``; edges carry ``ports`` (a PortSet), ``certain`` and ``via``."""
        if self._net is None:
            from gdcc_audit.graph.network import NetworkBuilder

            builder = NetworkBuilder(self)
            edges: dict[tuple[str, str], Edge] = builder.build()
            self._helper_groups = builder.defaults.made() if builder.defaults else {}
            self._pod_isolation = builder.pod_isolation
            self._stand_ins = builder.stand_ins
            self._stood_for = {}
            for node, balancer in sorted(builder.stand_ins.items()):
                self._stood_for.setdefault(balancer, []).append(node)
            graph = Digraph()
            graph.add_node(INTERNET)
            for (source, target), edge in edges.items():
                graph.add_edge(
                    source, target, ports=edge.ports, certain=edge.certain, via=edge.via,
                    sure_ports=edge.sure, doubt=edge.doubt,
                )
            self._net = graph
        return self._net

    def default_groups(self) -> DefaultGroups:
        """The default security groups the provider puts resources naming none in
        (``graph.defaults``), made once and shared by the reachability graph and the rules."""
        if self._defaults is None:
            from gdcc_audit.graph.defaults import DefaultGroups

            self._defaults = DefaultGroups(self)
        return self._defaults

    def default_group(self, resource: Resource) -> Resource | None:
        """The default security group the resource is in because it names none (None when it
        names groups or its type is not placed in one)."""
        return self.default_groups().group_of(resource)

    @property
    def network(self) -> networkx.DiGraph[str]:
        """``reach`` as a networkx DiGraph (built on first use, for plugins)."""
        if self._net_nx is None:
            self._net_nx = self.reach.to_networkx()
        return self._net_nx

    def release(self) -> None:
        """Drop the built graphs once nothing asks the graph anymore (audit() calls it after
        the export): networkx keeps a graph in a reference cycle with its cached edge views,
        so a dropped one would wait for the cycle collector, which an audit pauses. A later
        question builds them again."""
        for graph in (self._nx, self._net_nx):
            if graph is not None:
                graph.clear()
        self._nx = self._net_nx = None
        self._net = None
        self._from_internet = {}
        self._into_ports = {}

    # -- plain lookups ------------------------------------------------------------------
    @property
    def tenants(self) -> tuple[Tenant, ...]:
        """The tenants the graph was built with."""
        return tuple(self._tenants.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def resources(self) -> Iterator[Resource]:
        """Every resource of the graph."""
        return iter(self._by_id.values())

    def of_kind(self, kind: str) -> list[Resource]:
        """Every resource of one kind (indexed once, on first use)."""
        if self._kinds is None:
            self._kinds = {}
            for resource in self._by_id.values():
                self._kinds.setdefault(resource.kind, []).append(resource)
        return list(self._kinds.get(kind, ()))

    def of_service(self, service: str) -> list[Resource]:
        """The AWS resources whose ARN an IAM service's actions name (``s3``: buckets;
        ``graph.arns``), indexed once, on first use."""
        if self._services is None:
            self._services = {}
            for resource in self._by_id.values():
                shape = arns.shape_of(resource)
                for name in shape.services if shape is not None else ():
                    self._services.setdefault(name, []).append(resource)
        return list(self._services.get(service, ()))

    def of_iam_services(self, services: Iterable[str]) -> list[Resource]:
        """The AWS resources of a configuration whose type the actions of one of these IAM
        services act on: those of their ARN shape's services (``graph.arns``: an instance
        for ``ssm:SendCommand`` too), else of the type's service (``graph.iam_services``)."""
        if self._iam_services is None:
            self._iam_services = {}
            for resource in self._by_id.values():
                shape = arns.shape_of(resource)
                own = iam_services.iam_service(resource)
                for name in {*(shape.services if shape is not None else ()), *(own or "",)}:
                    if name:
                        self._iam_services.setdefault(name, []).append(resource)
        wanted = sorted(set(services))
        return list({r.id: r for s in wanted for r in self._iam_services.get(s, ())}.values())

    def apart(self, one: Resource, other: Resource) -> bool:
        """Whether two resources are of CloudFormation templates that share no stack (a
        template is its own stack unless it nests or imports another: ``Scope.stack_of``,
        ``normalize.stack_units``): a grant of one reaches the other only through a
        reference, never by a pattern, a wildcard or a role's trust (a repository of
        unrelated products' templates is many deployments)."""
        return (
            one.origin == "cloudformation" and other.origin == "cloudformation"
            and self.scope.stack_of(one.location.file) != self.scope.stack_of(other.location.file)
        )

    def trust(self, role: Resource) -> grants.Trust:
        """Who ``role``'s trust policy lets assume it (``grants.trust_of``), read once per
        role of this graph."""
        found = self._trusts.get(role.id)
        if found is None:
            found = self._trusts[role.id] = grants.trust_of(role)
        return found

    def get(self, resource_id: str) -> Resource | None:
        """The resource with this canonical id."""
        return self._by_id.get(resource_id)

    def group(self, node: str) -> Resource | None:
        """The security group of a ``sg:<id>`` node of the reachability graph: one of the
        scan, or a VPC's default group made from its documented rules (``graph.defaults``)."""
        if not node.startswith("sg:"):
            return None
        _ = self.reach
        return self._by_id.get(node[3:]) or self._helper_groups.get(node[3:])

    def references(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources this resource refers to, optionally of one kind."""
        for target in self._out.get(resource.id, {}):
            found = self._by_id[target]
            if kind is None or found.kind == kind:
                yield found

    def reference_attributes(self, resource: Resource) -> Iterator[tuple[Resource, str]]:
        """``(target, attribute)`` of each resolved reference of the resource."""
        for target, attribute in self._out.get(resource.id, {}).items():
            yield self._by_id[target], attribute

    def referrers(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources that refer to this resource, optionally of one kind."""
        for source in self._in.get(resource.id, {}):
            found = self._by_id[source]
            if kind is None or found.kind == kind:
                yield found

    def connected(self, resource: Resource, kind: str | None = None) -> Iterator[Resource]:
        """Resources linked in either direction."""
        seen: set[str] = set()
        for found in (*self.references(resource, kind), *self.referrers(resource, kind)):
            if found.id not in seen:
                seen.add(found.id)
                yield found

    def unresolved(self, source: Resource | str | None = None) -> list[Unresolved]:
        """References to things that were not scanned (kept as ``unresolved:`` nodes); with
        ``source``, only those written in that resource (indexed once)."""
        if source is None:
            return list(self._unresolved)
        if self._unresolved_by is None:
            self._unresolved_by = {}
            for item in self._unresolved:
                self._unresolved_by.setdefault(item.source, []).append(item)
        key = source if isinstance(source, str) else source.id
        return list(self._unresolved_by.get(key, ()))

    # -- the queries rules use ----------------------------------------------------------
    def neighbours(self, node: Resource | str, kind: str | None = None) -> list[Resource]:
        """Resources linked to ``node`` in either direction, optionally of one kind."""
        resource = self._resource(node)
        return list(self.connected(resource, kind))

    def companions(self, node: Resource | str, kind: str) -> Companions:
        """Resources of ``kind`` that refer to ``node`` (or, for a subnet, to its network),
        and whether the whole configuration ``node`` came from was scanned."""
        resource = self._resource(node)
        found = {r.id for r in self.referrers(resource, kind)}
        found |= {r.id for r in self.references(resource, kind)}
        for parent in self.references(resource):
            if parent.kind in ("network.vpc", "k8s.namespace") and resource.kind != parent.kind:
                found |= {r.id for r in self.referrers(parent, kind)}
        if ONLY_WITH not in resource.attributes:  # what another value alone creates: not there
            found = {f for f in found if ONLY_WITH not in self._by_id[f].attributes}
        gaps = self.scope.gaps(resource.location.file, root_of(resource))
        return Companions(tuple(sorted(found)), not gaps, gaps)

    def paths_from_internet(
        self, to: Resource | str, *, port: int | None = None, indirect: bool = False
    ) -> list[GraphPath]:
        """The shortest path from the internet to ``to``: a certain one when there is one,
        else one that rests on something not known; empty when none. With ``port``, the
        last edge must let that TCP port through; with ``indirect``, the path must pass
        through at least one other node (lateral movement)."""
        target = to if isinstance(to, str) else to.id
        nodes = self._standing(target)
        if port is not None:
            # no edge into it lets the port through: ``_path_in`` skips every way in
            nodes = [n for n in nodes if self._ports_into(n).covers(port)]
        for certain in (True, False):
            tree = self._internet_tree(certain)
            found = [path for node in nodes
                     if (path := self._path_in(tree, node, port, certain, indirect)) is not None]
            if found:
                # the shortest (a balancer reached straight through an internet client's
                # helper node, and through its network's workloads: _past_secrets)
                return [min(found, key=lambda p: len(p.hops))]
        return []

    def _standing(self, target: str) -> list[str]:
        """``target`` and the helper nodes that stand for it (a balancer's listeners and
        rules, ``NetworkBuilder._gated``): a path to one is a path to it."""
        if self._net is None:
            self.reach  # noqa: B018 (built first: it finds the helper nodes)
        return [target, *self._stood_for.get(target, ())]

    def reached_from_internet(self, to: Resource | str) -> bool:
        """Whether :meth:`paths_from_internet` finds a path to ``to`` (any port): the same
        search, without building the path's hops."""
        target = to if isinstance(to, str) else to.id
        nodes = self._standing(target)
        return any(
            self._way_in(self._internet_tree(certain), node, None, certain) is not None
            for certain in (True, False) for node in nodes
        )

    def reachable(
        self, a: Resource | str, b: Resource | str, port: int | None = None
    ) -> bool | None:
        """True when ``a`` can open a connection to ``b`` (on ``port``), False when it cannot,
        None when that rests on something not known. One breadth-first search from ``a``."""
        source = a if isinstance(a, str) else a.id
        target = b if isinstance(b, str) else b.id
        for certain in (True, False):
            tree = self._search(source, certain)
            if self._way_in(tree, target, port, certain) is not None:
                return True if certain else None
        return False

    def path_between(
        self, a: Resource | str, b: Resource | str, port: int | None = None
    ) -> GraphPath | None:
        """The shortest network path from ``a`` to ``b`` (certain first), or None."""
        source = a if isinstance(a, str) else a.id
        target = b if isinstance(b, str) else b.id
        for certain in (True, False):
            path = self._path_in(self._search(source, certain), target, port, certain)
            if path is not None:
                return path
        return None

    def blast_radius(self, node: Resource | str, *, alone: bool = False) -> BlastRadius:
        """What ``node`` can act on: resources reached over grant and reference edges from
        it (a role through its policies to what they name) and over network edges. A
        wildcard or administrator permission reaches every resource of the same provider;
        identities and policies whose permissions are not known are named (``not_known``).

        An AWS identity's grants are followed as their actions allow (``grants.py``): a
        target it may only control or read is reached, the walk goes on only through what it
        may act as (a role it may pass or assume, compute it may launch or change).

        Roles and policies only another value of a template's parameters creates
        (``ONLY_WITH``, unless ``node``'s too) are named (``elsewhere``) and, with ``alone``,
        not followed (what the defaults create alone)."""
        start = self._resource(node)
        walked: set[str] = {start.id}
        reached: set[str] = set()
        acts_as: set[str] = set()
        data: set[str] = set()
        queue = deque([start.id])
        unbounded = False
        # Kubernetes roles reached through a RoleBinding act in its namespace only.
        namespaced: dict[str, str] = {}
        namespaces: set[str] = set()
        not_known, trusts_not_known = set[str](), set[str]()
        # wildcard grants limited to named resources; describe / list ones on anything
        # and the roles and policies only another value creates (ONLY_WITH): not followed
        wildcards, describes, elsewhere = set[str](), set[str](), set[str]()
        # wildcard grants on every resource of a few services (s3:Get* on *), and those
        # -> their services, and whether their wildcards all describe and list
        wide: dict[str, tuple[frozenset[str], bool]] = {}
        # what makes it everything of its scope: escalation grants, or _WILDCARD_ADMIN
        marks: set[str] = set()
        granted: dict[str, set[str]] = {}  # reached -> the Azure grants that give it
        while queue:
            current = self._by_id[queue.popleft()]
            everything = self._everything(current, namespaced, namespaces, marks)
            if everything is not None:
                unbounded = unbounded or everything
            elif (
                current.kind in ("identity.policy", "identity.role", "k8s.role")
                # a service account's rights are its roles' (an aggregated ClusterRole's are
                # not known)
                and not (current.kind == "identity.role" and current.provider == "kubernetes")
                and current.origin != "gdcc-tenant"  # a manifest declares what it grants
                and current.facets.wildcard_permissions is None
            ) or grants.unread_parts(current):
                # a policy text (or an attached policy ARN) not known: it may hold a
                # wildcard; or all is read but managed policies it names (a wildcard known
                # of is judged on what is read, those policies named)
                not_known.add(grants.not_known_name(current))
            # a Kubernetes service account acting as a cloud identity (workload identity):
            # that identity's permissions, granted outside the manifests, are its pods' too
            not_known.update(cloud_identities(current))
            if current.kind == "k8s.role":
                wildcards.update(kube.custom_wildcards(current) or ())
            if grants.is_aws_holder(current):
                steps = self._aws_holder(current, start, wildcards, describes, wide)
            elif azure_grants.is_grant(current):
                wildcards.update(azure_grants.evidence(current))
                steps = azure_grants.steps(self, current)
            else:
                steps, everywhere = self._held_steps(
                    current, namespaced, namespaces, not_known, marks
                )
                unbounded = unbounded or everywhere
            for found, reach in steps:
                target = self._by_id[found]
                if found == start.id or target.kind in _STRUCTURE or reach is grants.NONE or (
                    _elsewhere(start, target, elsewhere) and alone
                ):
                    continue
                if reach >= grants.UNKNOWN:
                    # what the grant allows on it is not known: no PASS resting on it
                    _not_known_step(reach, current, target, not_known, trusts_not_known)
                    continue
                reached.add(found)
                if reach is grants.DATA:
                    data.add(found)
                granted.setdefault(found, set()).update(
                    self._azure_grant(current, target) or _google_grant(current, target)
                )
                if grants.follows(reach, target) and found not in walked:
                    walked.add(found)
                    queue.append(found)
                    if target.kind in _ACTING_KINDS and target.provider == start.provider:
                        acts_as.add(found)
        listed = self._listed(start, unbounded, reached, namespaces)
        systems = sorted({s for r in listed if (s := self._by_id[r].system)})
        return BlastRadius(
            start.id, tuple(sorted(listed)), tuple(systems), unbounded or bool(namespaces),
            tuple(sorted(namespaces)) if not unbounded else (),
            tuple(sorted(not_known)), tuple(sorted(acts_as)), tuple(sorted(data)),
            tuple(sorted(wildcards)) if not unbounded else (),
            () if _WILDCARD_ADMIN in marks else tuple(sorted(marks)),
            tuple((r, tuple(sorted(granted[r]))) for r in sorted(granted) if granted[r]),
            tuple(sorted(describes)) if not unbounded else (),
            self._loose_describes(walked) if unbounded else (),
            tuple(sorted(elsewhere)),
            *self._service_wide(wide if not unbounded else {}),
            trusts_not_known=tuple(sorted(trusts_not_known)),
            service_through=self._service_through(start, acts_as, wide) if not unbounded else (),
            unbounded_through=(
                self._unbounded_through(start, walked, acts_as)
                if unbounded and marks == {_WILDCARD_ADMIN} and grants.is_aws_holder(start)
                else ()
            ),
            # the Google accounts it acts as, with role and grant
            impersonates=tuple(sorted(
                {how for n in walked for how in _impersonations(self._by_id[n], start)}
            )),
        )

    def _aws_holder(
        self, current: Resource, start: Resource, wildcards: set[str], describes: set[str],
        wide: dict[str, tuple[frozenset[str], bool]],
    ) -> list[tuple[str, grants.Reach]]:
        """The steps of an AWS identity's grants (``grants.aws_steps``), noting its wildcard
        grants limited to named resources, describing, or a few services. Found once per
        holder and start's system (a function of the graph alone: a walk from every role of
        aws-cloudformation-templates read the same holders' grants 8 times each), unless the
        scan's holders have over ``_HELD_STEPS`` steps in all (memory)."""
        key = (current.id, start.system)
        found = self._holder_steps.get(key)
        if found is None:
            found = _HolderSteps(
                tuple(grants.narrow_wildcards(self, current)),
                tuple(grants.describe_wildcards(self, current)),
                tuple(grants.service_wildcards(self, current)),
                tuple(grants.aws_steps(self, current, start.system)),
            )
            if self._held_step_count + len(found.steps) <= _HELD_STEPS:
                self._holder_steps[key] = found
                self._held_step_count += len(found.steps) + 1
        wildcards.update(found.narrow)
        describes.update(found.describes)
        for grant, named, loose in found.services:
            wide[grant] = (named, loose)
        return list(found.steps)

    @staticmethod
    def _service_wide(
        wide: dict[str, tuple[frozenset[str], bool]],
    ) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
        """``BlastRadius.service_wide``, ``services`` and ``service_loose`` of the grants
        limited to a few services."""
        services = sorted({s for named, _ in wide.values() for s in named})
        loose = bool(wide) and all(describing for _, describing in wide.values())
        return tuple(sorted(wide)), tuple(services), loose

    def _service_through(
        self, start: Resource, acts_as: set[str], wide: dict[str, tuple[frozenset[str], bool]],
    ) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """``BlastRadius.service_through``: the service-wide grants ``start`` holds only
        through identities it acts as (a role it may pass: the grant is in that role's own
        or attached policies, not in ``start``'s), each with those identities."""
        own = self._service_grants(start)
        through: dict[str, list[str]] = {}
        for acted in sorted(acts_as):
            for grant in self._service_grants(self._by_id[acted]) - own:
                if grant in wide:
                    through.setdefault(grant, []).append(acted)
        return tuple((grant, tuple(through[grant])) for grant in sorted(through))

    def _unbounded_through(
        self, start: Resource, walked: set[str], acts_as: set[str]
    ) -> tuple[str, ...]:
        """``BlastRadius.unbounded_through``: the identities ``start`` acts as whose own or
        attached policies hold every wildcard or administrator grant of the walk, when none
        is ``start``'s own (``start`` and the policies it holds); empty otherwise."""
        holding = {
            n for n in walked
            if self._by_id[n].kind in ("identity.policy", "identity.role")
            and grants.unbounded(self, self._by_id[n])
        }
        if not holding or holding & self._holders(start):
            return ()
        through = [a for a in sorted(acts_as) if holding & self._holders(self._by_id[a])]
        covered = {n for a in through for n in holding & self._holders(self._by_id[a])}
        return tuple(through) if covered == holding else ()

    def _holders(self, principal: Resource) -> set[str]:
        """The ids of a principal and of the policies it holds."""
        return {principal.id, *(p.id for p in grants.held_policies(self, principal))}

    def _service_grants(self, principal: Resource) -> set[str]:
        """The service-wide grants of a principal and the policies it holds."""
        return {
            grant
            for holder in (principal, *grants.held_policies(self, principal))
            for grant, _, _ in grants.service_wildcards(self, holder)
        }

    def _loose_describes(self, walked: set[str]) -> tuple[str, ...]:
        """The grants that alone make a walk unbounded when each is a statement whose
        wildcards only describe and list beside other actions on resources not known
        (``grants.loose_describes``); empty when anything else does."""
        found: set[str] = set()
        for node in walked:
            holder = self._by_id[node]
            if holder.kind not in ("identity.policy", "identity.role", "k8s.role"):
                continue
            if not grants.unbounded(self, holder):
                continue
            loose = grants.loose_describes(holder)
            if not loose:
                return ()
            found.update(loose)
        return tuple(sorted(found))

    def _listed(
        self, start: Resource, unbounded: bool, reached: set[str], namespaces: set[str]
    ) -> list[str]:
        """The resources of a blast radius: every one of the provider when unbounded, else
        those reached and those of the Kubernetes namespaces it holds everything of."""
        if self._of_provider is None or self._namespaced is None:
            # (indexed once: looking through every resource per walk made bench_graph's
            # GDCC-GRAPH-006 quadratic, 19 of its 37 profiled seconds at 10k)
            self._of_provider, self._namespaced = {}, {}
            for r in self._by_id.values():
                self._of_provider.setdefault(r.provider, []).append(r.id)
                if r.provider == "kubernetes" and r.name.count("/") == 2:
                    self._namespaced.setdefault(r.name.split("/", 1)[0], []).append(r.id)
        if unbounded:
            everything = self._of_provider.get(start.provider, ())
            if start.origin != "cloudformation":
                return list(everything)
            # (another template's resources, when it shares no stack with the start's)
            return [r for r in everything if not self.apart(start, self._by_id[r])]
        return sorted(
            reached.union(*(self._namespaced.get(n, ()) for n in namespaces))
        )

    def _azure_grant(self, current: Resource, target: Resource) -> tuple[str, ...]:
        """The Azure grant by which ``current`` reaches ``target``, with its ``file:line``:
        a role assignment noted as a grant, a Key Vault access policy resource, or a vault's
        inline ``access_policy`` block naming ``current``; none for any other step."""
        if azure_grants.is_grant(current) or (
            current.provider_type == "azurerm_key_vault_access_policy"
        ):
            return (f"{current.address or current.name} at {_at(current)}",)
        if target.kind != "crypto.secret":
            return ()
        attribute = self._out.get(target.id, {}).get(current.id)
        if target.kind == "crypto.secret" and attribute is not None and (
            _INLINE_ACCESS_POLICY.match(attribute)
        ):
            block = attribute.rsplit(".", 1)[0]
            lines = target.attributes.get(ACCESS_POLICY_LINES)
            line = lines.get(block) if isinstance(lines, dict) else None
            at = f"{target.location.file}:{line}" if isinstance(line, int) else _at(target)
            return (f"{block} of {target.address or target.name} at {at}",)
        return ()

    def _everything(
        self, current: Resource, namespaced: dict[str, str], namespaces: set[str],
        marks: set[str],
    ) -> bool | None:
        """Whether ``current`` holds a grant reaching everything of its scope: True for its
        provider, False for the namespace of the RoleBinding that grants it (added to
        ``namespaces``), None when it holds none. A wildcard or administrator grant is marked
        ``_WILDCARD_ADMIN`` in ``marks``; the Kubernetes grants that let the holder give itself
        any permission are marked by name: escalate / bind / impersonate, writing a mutating
        webhook, approving client certificates."""
        if current.kind not in ("identity.policy", "identity.role", "k8s.role"):
            return None
        escalation = current.decided_by.get("admin_privileges")
        if (
            current.provider == "google" and escalation is not None
            and current.facets.admin_privileges and not current.facets.wildcard_permissions
        ):
            # a Google custom role that lets the holder give itself any permission, named
            # (``normalize/terraform/google.py`` ``custom_role_escalations``)
            found: tuple[str, ...] = (escalation.en,)
        elif grants.unbounded(self, current):
            found = (_WILDCARD_ADMIN,)
        elif current.kind == "k8s.role":
            found = (
                # (bind on roles named, impersonate accounts named: followed by _held)
                *kube.escalations(current.facets.rbac_escalation).unbounded,
                *kube.escalates_to_everything(_paths(current, namespaced)),
            )
        else:
            found = ()
        if not found:
            return None
        marks.update(found)
        if current.id in namespaced:
            namespaces.add(namespaced[current.id])
            return False
        return True

    def _held_steps(
        self, current: Resource, namespaced: dict[str, str], namespaces: set[str],
        not_known: set[str], marks: set[str],
    ) -> tuple[list[tuple[str, grants.Reach]], bool]:
        """:meth:`_held`, each followed as one the holder acts as; an Azure Key Vault its
        access policy (of its own, or inline in the vault) grants on as a store whose data
        it may read or change (evidence ``reaches_data``)."""
        held, everywhere = self._held(current, namespaced, namespaces, not_known, marks)
        if current.provider == "google" and current.kind == "identity.role":
            # a Google account another may act as only if a role not known lets it; a
            # resource a grant on it gives the account a role on, as its data or not
            # (``normalize/terraform/google_held.py``)
            out = self._out.get(current.id, {})
            return [(n, _GOOGLE_STEPS.get(out.get(n, ""), grants.ACT_AS)) for n in held], (
                everywhere
            )
        if current.provider == "google" and current.kind == "identity.policy":
            # the other members of a Google grant hold its role beside the holder: it does
            # not act as them (a viewer binding naming an owner account made every member
            # of it reach all the owner's)
            out = self._out.get(current.id, {})
            held = [
                n for n in held
                if not (self._by_id[n].kind == "identity.role"
                        and out.get(n, "").split(".", 1)[0] in _GOOGLE_MEMBER_KEYS)
            ]
        return [(n, self._through_access_policy(current, n)) for n in held], everywhere

    def _through_access_policy(self, current: Resource, found: str) -> grants.Reach:
        """``DATA`` for a vault ``current`` holds by a Key Vault access policy: the policy's
        vault, or a vault whose inline policy names ``current``; ``ACT_AS`` otherwise."""
        target = self._by_id[found]
        if target.kind != "crypto.secret":
            return grants.ACT_AS
        if current.provider_type == "azurerm_key_vault_access_policy":
            return grants.DATA
        attribute = self._out.get(found, {}).get(current.id)
        if attribute is not None and _INLINE_ACCESS_POLICY.match(attribute):
            return grants.DATA
        return grants.ACT_AS

    def _held(
        self, current: Resource, namespaced: dict[str, str], namespaces: set[str],
        not_known: set[str], marks: set[str],
    ) -> tuple[list[str], bool]:
        """Everything ``current`` refers to, the policies attached to a role, and the roles a
        Kubernetes service account's bindings name (all followed: not an AWS identity); and
        whether a binding gives it a built-in administrator role cluster-wide."""
        everywhere = False
        neighbours = [*self._out.get(current.id, {})]
        if current.kind in ("identity.role", "k8s.role"):
            # policies attached to a role point at the role (an Azure assignment also
            # points at the resources of its resource group: it is not theirs)
            neighbours.extend(
                s for s, attribute in self._in.get(current.id, {}).items()
                if (self._by_id[s].kind == "identity.policy"
                    and attribute != azure_grant_keys.IN_SCOPE)
                # an Azure Key Vault whose inline access policy grants to it
                or (self._by_id[s].kind == "crypto.secret"
                    and _INLINE_ACCESS_POLICY.match(attribute) is not None)
            )
        facets = current.facets
        if current.kind == "k8s.role" and not (
            grants.unbounded(self, current)
            or kube.escalations(facets.rbac_escalation).unbounded
        ):  # (a role that holds every permission of its scope reaches it all already)
            neighbours.extend(self._acted_as(current, namespaced))
            bindable, any_admin = self._bindable(
                current, namespaced, namespaces, not_known, marks
            )
            neighbours.extend(bindable)
            everywhere = everywhere or any_admin
        if current.kind == "identity.role" and current.provider == "kubernetes":
            # a service account holds the roles its bindings name (the binding points at
            # both); the other subjects of a binding are not reached through it
            for binding in self._in.get(current.id, {}):
                bound = self._by_id[binding]
                if bound.kind != "k8s.role_binding":
                    continue
                held = False
                for role in self._out.get(binding, {}):
                    if self._by_id[role].kind != "k8s.role":
                        continue
                    held = True
                    neighbours.append(role)
                    if bound.provider_type in kube.ROLE_BINDINGS:
                        namespaced.setdefault(role, kube.namespace(bound))
                if not held:  # the role is not in the scan: a built-in one, or not known
                    grant = _unscanned_role(bound)
                    if grant == _ADMIN:
                        marks.add(_WILDCARD_ADMIN)
                    if grant == _ADMIN and bound.provider_type in kube.ROLE_BINDINGS:
                        namespaces.add(kube.namespace(bound))
                    elif grant == _ADMIN:
                        everywhere = True
                    elif grant is not None:
                        not_known.add(grant)
        return neighbours, everywhere

    def _acted_as(self, role: Resource, namespaced: dict[str, str]) -> list[str]:
        """The service accounts a Kubernetes role lets its holder act as (in the namespace of
        the RoleBinding that grants it, ``namespaced``; the cluster through a
        ClusterRoleBinding). A pod
        may run as any service account of its namespace: a role that runs pods acts as each
        account of its scope; a ``serviceaccounts/token`` grant as those it names (every one
        of its scope when it names none); the kubelet API, a node's certificate or a hostPath
        volume its pods mount as every account of the cluster (``kube.escalation_accounts``)."""
        runs = bool(role.facets.runs_workloads)
        where = namespaced.get(role.id)
        everyone, tokens = kube.escalation_accounts(_paths(role, namespaced), runs)
        impersonated = kube.escalations(role.facets.rbac_escalation).accounts
        if impersonated and tokens != ():  # (``()``: every account of its scope already)
            tokens = (*(tokens or ()), *impersonated)
        if not (runs or everyone or tokens is not None):
            return []
        found: list[str] = []
        for account in self.of_kind("identity.role"):
            if account.provider != "kubernetes":
                continue
            scoped = where is None or _lands_in(account, where)
            if everyone or (scoped and (
                runs or (tokens is not None and (not tokens or kube.name(account) in tokens))
            )):
                found.append(account.id)
        return found

    def _bindable(
        self, role: Resource, namespaced: dict[str, str], namespaces: set[str],
        not_known: set[str], marks: set[str],
    ) -> tuple[list[str], bool]:
        """The roles a Kubernetes role's ``bind`` limited by ``resourceNames`` lets its holder
        bind (``kube.escalations``), followed as roles it holds, in the namespace of the
        RoleBinding that grants it (``namespaced``) or the cluster; and whether one is a
        built-in administrator role (cluster-admin, admin, edit: everything of its scope,
        True when that scope is the cluster). A named role neither in the scan nor built in
        is not known. (An unlimited bind is everything of its scope: ``_everything``.)"""
        wanted = kube.escalations(role.facets.rbac_escalation).roles
        if not wanted:
            return [], False
        where = namespaced.get(role.id)
        found: list[str] = []
        everywhere = False
        for kind, name in wanted:
            matched = [
                r for r in self.of_kind("k8s.role")
                if _role_kind(r) == kind and kube.name(r) == name
                and (kind == "ClusterRole" or where is None or _lands_in(r, where))
            ]
            for other in matched:
                found.append(other.id)
                if where is not None:
                    namespaced.setdefault(other.id, where)
            if matched or name in _HARMLESS_BUILT_IN:
                continue
            if kind == "ClusterRole" and name in _ADMIN_BUILT_IN:
                marks.add(_WILDCARD_ADMIN)
                if where is not None:
                    namespaces.add(where)
                else:
                    everywhere = True
            else:
                scope = f"{where}/" if kind == "Role" and where is not None else ""
                not_known.add(f"{kind}/{scope}{name}")
        return found, everywhere

    def targets(self, resource: Resource, name: str) -> list[str]:
        """The ids a reference ``name`` written in ``resource`` resolves to (every instance
        of a counted resource for a name without an index), as the graph's edges do."""
        found = self._lookup(resource, name)
        return [found] if found is not None else self._counted(resource, name)

    def segmentation(self, store: Resource) -> tuple[bool | None, str]:
        """Whether a data store admits only named groups or its own tier (see queries)."""
        from gdcc_audit.graph.queries import segmentation

        return segmentation(self, store)

    def sensitive_behind(self, entry: Resource) -> GraphPath | None:
        """The shortest path from an entry point to personal or classified data."""
        from gdcc_audit.graph.queries import sensitive_behind

        return sensitive_behind(self, entry)

    def entry_tls(self, entry: Resource) -> bool | None:
        """Whether every listener of an entry point terminates TLS."""
        from gdcc_audit.graph.queries import entry_tls

        return entry_tls(self, entry)

    def gateway_listener(self, entry: Resource) -> Text | None:
        """For a Gateway API Gateway whose listeners are known, the listener that makes
        :meth:`entry_tls` not True (a route reaching the data through a listener without
        TLS, or one routes outside the scan may attach to); None otherwise."""
        from gdcc_audit.graph.queries import gateway_listener_tls
        from gdcc_audit.load.kube_kinds import GATEWAY

        if kube.object_kind(entry) != GATEWAY or entry.facets.encrypted_in_transit is None:
            return None
        return gateway_listener_tls(self, entry)[1]

    def log_writers(self, workload: Resource) -> LogWriters:
        """The log stores that record a workload (flow logs of its networks, audit trails)
        and the statements of its roles that let it alter or erase them."""
        from gdcc_audit.graph.queries import log_writers

        return log_writers(self, workload)

    def flow_downgrades(self, system: Resource) -> list[FlowDowngrade]:
        """Declared data flows out of a manifest system into a system declared to hold the
        data at a lower level (no personal data, a lower classification, none declared)."""
        from gdcc_audit.graph.queries import flow_downgrades

        return flow_downgrades(self, system)

    def holds_exposed_workload(self, network: Resource) -> bool | None:
        """True when a workload reachable from the internet sits in this subnet or network, or
        a load balancer the internet reaches is placed in it (its traffic crosses the
        network); None when one only may (its subnet is one a value not known chooses; only
        another value of a template's parameters creates it, not the network: ``ONLY_WITH``;
        the internet reaches the balancer only if a value not known allows it)."""
        from gdcc_audit.graph.queries import exposed_balancer, exposed_member

        node = f"seg:{network.id}"
        found = exposed_member(self, node, network) if node in self.reach else None
        if found is not None and found[1]:
            return True
        balancer = exposed_balancer(self, network)
        if balancer is not None:
            return True if balancer[1] else None
        return False if found is None else None

    def exposed_only_with(self, network: Resource) -> Resource | None:
        """The internet-facing workload in this subnet or network that only another value of
        a template's parameters creates (``ONLY_WITH``), not the network: why
        :meth:`holds_exposed_workload` says "may"; None when that is not why."""
        from gdcc_audit.graph.queries import exposed_only_with

        node = f"seg:{network.id}"
        return exposed_only_with(self, node, network) if node in self.reach else None

    def pod_isolated(self, workload: Resource) -> bool | None:
        """False when any pod of the cluster can connect to the workload (no NetworkPolicy
        limits it); None when a policy may limit it but whether one does is not known (a
        selector, the pod's labels or a namespace not known)."""
        from gdcc_audit.graph.network import K8S_PODS

        net = self.reach
        if self._pod_isolation.get(workload.id) == "open":
            # no NetworkPolicy selects it (or one admits every pod): the edge is uncertain
            # only when its containers declare no port, which does not make it isolated
            return False
        if not net.has_edge(K8S_PODS, workload.id):
            return True
        return False if net.edge(K8S_PODS, workload.id)["certain"] else None

    def system_members(self, system: Resource) -> list[Resource]:
        """The scanned resources that belong to a manifest system."""
        if self._members is None:
            self._members = {}
            for resource in self._by_id.values():
                if resource.kind not in ("system", "tenant") and resource.system:
                    key = (resource.tenant, resource.system)
                    self._members.setdefault(key, []).append(resource)
        return list(self._members.get((system.tenant, system.system or system.name), []))

    def members_scope(self, members: Iterable[Resource]) -> Companions:
        """Whether the whole configuration of these resources was scanned."""
        gaps = sorted({g for r in members for g in self.scope.gaps(r.location.file, root_of(r))})
        return Companions((), not gaps, tuple(gaps))

    # -- what a path ends at --------------------------------------------------------------
    def system_of(self, resource: Resource) -> System | None:
        """The manifest system the resource belongs to."""
        tenant = self._tenants.get(resource.tenant or "")
        return tenant.system(resource.system) if tenant is not None else None

    def personal_data(self, resource: Resource) -> bool | None:
        """Whether the resource holds personal data: its own facet, else its system's."""
        if resource.facets.personal_data is not None:
            return resource.facets.personal_data
        system = self.system_of(resource)
        return system.personal_data if system is not None else None

    def classification(self, resource: Resource) -> str | None:
        """The data classification of the resource or its system."""
        own = resource.facets.data_classification
        if own is not None:
            return str(own.value)
        system = self.system_of(resource)
        found = system.data_classification if system is not None else None
        return str(found.value) if found is not None else None

    # -- internals --------------------------------------------------------------------------
    def _resource(self, node: Resource | str) -> Resource:
        if isinstance(node, Resource):
            return node
        found = self._by_id.get(node)
        if found is None:
            raise KeyError(f"no resource {node!r} in the graph")
        return found

    def _ports_into(self, node: str) -> PortSet:
        """What the edges into ``node`` let through, together (kept per node: GDCC-GRAPH-002
        asks each management port of a reached workload, and most are let in by none)."""
        found = self._into_ports.get(node)
        if found is None:
            net = self.reach
            ranges = [r for data in net.pred.get(node, {}).values() for r in data["ports"].ranges]
            found = self._into_ports[node] = PortSet(tuple(ranges))
        return found

    def _internet_tree(self, certain: bool) -> dict[str, str | None]:
        if certain not in self._from_internet:
            self._from_internet[certain] = self._search(INTERNET, certain)
        return self._from_internet[certain]

    def _search(
        self, source: str, certain: bool, avoid: str | None = None
    ) -> dict[str, str | None]:
        """Breadth-first parents from ``source``; data stores end a path (they do not open
        connections onwards), and so does ``avoid``."""
        from gdcc_audit.graph.network import ends_path

        net = self.reach
        parents = _Tree({source: None})
        depth = parents.depth
        depth[source] = 0
        if source not in net:
            return parents
        queue = deque([source])
        while queue:
            current = queue.popleft()
            resource = self._by_id.get(current)
            if current != source and (
                current == avoid or (resource is not None and ends_path(resource))
            ):
                continue
            for nxt, data in net.adj[current].items():
                if nxt in parents or (certain and not data["certain"]):
                    continue
                parents[nxt] = current
                depth[nxt] = depth[current] + 1
                queue.append(nxt)
        return parents

    def _path_in(
        self,
        parents: dict[str, str | None],
        target: str,
        port: int | None,
        certain: bool,
        indirect: bool = False,
    ) -> GraphPath | None:
        chain = self._way_in(parents, target, port, certain, indirect)
        return self._hops(chain, port) if chain is not None else None

    def _way_in(
        self,
        parents: dict[str, str | None],
        target: str,
        port: int | None,
        certain: bool,
        indirect: bool = False,
        retry: bool = True,
    ) -> list[str] | None:
        """The nodes of the path ``_path_in`` shows (its hops not built yet)."""
        net = self.reach
        if target not in parents or target not in net:
            return None  # not reached at all: most resources, so checked first
        looped = False
        shortest: list[str] = []
        length = 0
        for pred, data in net.pred[target].items():
            if pred not in parents or (certain and not data["certain"]):
                continue
            if indirect and (
                pred in (INTERNET, ANY_DISTRIBUTION) or pred.startswith(FORWARDING)
            ):
                continue  # straight from the internet (through a passthrough load balancer)
            if port is not None and not data["ports"].covers(port):
                continue
            if certain and port is not None and not _sure(data, port):
                continue  # the edge passes other ports surely, this one only perhaps
            chain = _chain(parents, pred)
            if target in chain:
                # the search reached ``pred`` through the target itself (a host reaching its
                # own port through "any address"): look again without passing through it
                looped = True
            elif not shortest or len(chain) < length:
                shortest, length = [pred], len(chain)  # the shortest way in
            elif len(chain) == length:
                shortest.append(pred)
        best = self._nearest(parents, shortest, target, certain) if shortest else None
        if best is not None:
            return [*best, target]
        if looped and retry:
            root = _chain(parents, target)[0]
            fresh = self._search(root, certain, avoid=target)
            return self._way_in(fresh, target, port, certain, indirect, retry=False)
        return None

    def _nearest(
        self, parents: dict[str, str | None], preds: list[str], target: str, certain: bool
    ) -> list[str] | None:
        """Among the shortest ways in (through ``preds``, whose chains are equally long), the
        one whose nodes are nearest ``target``: in its file (its stack), else its Terraform
        root or folder (its module). The first path the search found could go through a
        function of another template of the same tenant rather than the store's own web
        tier. Built backwards: each node takes, among its predecessors one step nearer the
        search's source, the nearest; equally near ones in the order the search found them
        (its own choice when nearness does not tell them apart)."""
        home = self._home(target)
        tree = parents if isinstance(parents, _Tree) else _Tree(parents, _depths(parents))
        depth, chosen, order = tree.depth, tree.chosen, tree.order()

        def rank(node: str) -> tuple[int, int]:
            return _distance(home, self._home(node)), order[node]

        def step(node: str) -> str:
            key = (node, home)
            if key not in chosen:
                want = depth[node] - 1
                chosen[key] = sorted(
                    (before for before, data in self.reach.pred[node].items()
                     if before in parents and depth.get(before) == want
                     and (data["certain"] or not certain) and self._opens(before, parents)),
                    key=rank,
                )
            return next((n for n in chosen[key] if n != target), str(parents[node]))

        best: tuple[int, list[str]] | None = None
        for pred in preds:
            chain = [pred]
            while parents[chain[-1]] is not None:
                chain.append(step(chain[-1]))
            chain.reverse()
            if target in chain:
                continue
            far = sum(rank(n)[0] for n in chain[1:])
            if best is None or far < best[0]:
                best = (far, chain)  # equally near: the first, as the search found them
        return best[1] if best is not None else None

    def _opens(self, node: str, parents: dict[str, str | None]) -> bool:
        """Whether the search went on from ``node`` (its source, or no store: ``_search``)."""
        from gdcc_audit.graph.network import ends_path

        resource = self._by_id.get(node)
        return parents[node] is None or resource is None or not ends_path(resource)

    def _home(self, node: str) -> tuple[str | None, str | None]:
        """The file and the Terraform root (else folder) of a node (a group's or segment's
        helper node: its resource's); nothing for the internet and "any address"."""
        resource = self._by_id.get(node) or self._by_id.get(node.partition(":")[2])
        if resource is None:
            return None, None
        return resource.location.file, root_of(resource) or _folder(resource)

    def _hops(self, chain: list[str], port: int | None) -> GraphPath:
        from gdcc_audit.graph.network import is_lambda

        net = self.reach
        hops: list[Hop] = []
        pending_certain = True
        pending_via: list[str] = []
        for index, node in enumerate(chain):
            if index == 0:
                hops.append(Hop(node, self._label(node), self._kind(node)))
                continue
            data = net.edge(chain[index - 1], node)
            last = port is not None and index == len(chain) - 1
            if last and data["certain"] and not _sure(data, port):
                # certain on other ports: this one passes only for the uncertain reason
                pending_certain = False
                pending_via.append(str(data.get("doubt") or data["via"]))
            else:
                pending_certain = pending_certain and bool(data["certain"])
                if data["via"] != "member":
                    pending_via.append(str(data["via"]))
            # a Service's port: the Service; a listener's (rule's) node: its balancer
            shown_node = service_of_port(node) or self._stand_ins.get(node) or node
            if (
                shown_node not in self._by_id and node not in (INTERNET, ANY_DISTRIBUTION)
                and not node.startswith(NODES)
            ):
                continue  # helper nodes (groups, segments) fold into the next hop
            ports = data["ports"]
            shown = str(port) if port is not None and index == len(chain) - 1 else str(ports)
            found = self._by_id.get(shown_node)
            hops.append(
                Hop(shown_node, self._label(shown_node), self._kind(shown_node), shown,
                    pending_certain, "; ".join(pending_via) or None,
                    # every edge into a Lambda function is an invocation (network._lateral)
                    invoked=found is not None and is_lambda(found))
            )
            pending_certain, pending_via = True, []
        return GraphPath(tuple(hops))

    def _label(self, node: str) -> str:
        resource = self._by_id.get(node)
        if resource is None and node.startswith(NODES):
            cluster = self._by_id.get(node[len(NODES):])
            return f"{cluster.name if cluster is not None else node[len(NODES):]} nodes"
        return resource.name if resource is not None else node

    def _kind(self, node: str) -> str:
        resource = self._by_id.get(node)
        if resource is None and node.startswith(NODES):
            return NODES_KIND
        if node == ANY_DISTRIBUTION:
            return "network.api_gateway"  # as a distribution of the scan
        return resource.kind if resource is not None else node.split(":", 1)[0]

    def describe(self) -> dict[str, Any]:
        """Counts for reports: nodes, edges, unresolved references."""
        return {
            "resources": len(self._by_id),
            "references": sum(len(t) for t in self._out.values()),
            "unresolved": len(self._unresolved),
        }


#: Kinds a blast radius does not spread through (containers, not things one acts on).
#: The reference attribute of an Azure Key Vault's inline access policy to its principal
#: (``access_policy.0.object_id``): the principal reaches the vault.
_INLINE_ACCESS_POLICY = re.compile(r"^access_policy\.\d+\.object_id$")


def _at(resource: Resource) -> str:
    """``file:line`` of a resource's declaration (the file alone without a line)."""
    where = resource.location
    return where.file if where.start_line is None else f"{where.file}:{where.start_line}"
@dataclass(frozen=True)
class _HolderSteps:
    """What ``ResourceGraph._aws_holder`` finds for an AWS holder: its narrow, describe and
    service-wide wildcard grants, and its steps."""

    narrow: tuple[str, ...]
    describes: tuple[str, ...]
    services: tuple[tuple[str, frozenset[str], bool], ...]
    steps: tuple[tuple[str, grants.Reach], ...]


#: At most this many steps of AWS holders kept per graph (about 100 bytes each).
_HELD_STEPS = 2_000_000

_STRUCTURE = frozenset({"network.vpc", "network.subnet", "k8s.namespace", "system", "tenant"})
#: Identities a blast radius names when the walk acts as them (evidence ``acts_as``).
_ACTING_KINDS = frozenset({"identity.role", "identity.user"})
#: The arguments of a Google IAM grant naming its members.
_GOOGLE_MEMBER_KEYS = frozenset({"member", "members"})
#: A Google service account's steps by the attribute of its reference (acting as another
#: account otherwise).
_GOOGLE_STEPS = {
    IMPERSONATES_MAYBE: grants.UNKNOWN,
    GRANTED_ON_MAYBE: grants.UNKNOWN,
    GRANTED_ON: grants.CONTROL,
    GRANTED_DATA_ON: grants.DATA,
}


def _google_grant(current: Resource, target: Resource) -> tuple[str, ...]:
    """The Google grant on ``target`` that gives the service account ``current`` a role
    there, with the role and ``file:line`` (``GRANTED_ON``); none for any other step."""
    found = current.attributes.get(GRANTED_ON) if current.provider == "google" else None
    how = found.get(target.address) if isinstance(found, dict) and target.address else None
    return (how,) if isinstance(how, str) else ()


def _impersonations(current: Resource, start: Resource) -> list[str]:
    """The Google service accounts ``current`` may act as by a grant on them, each with the
    role and grant (``normalize/terraform/google_identity.py``), but ``start``."""
    found = current.attributes.get(IMPERSONATES) if current.provider == "google" else None
    if not isinstance(found, dict):
        return []
    return [how for target, how in found.items() if target != start.address]


def _not_known_step(
    reach: grants.Reach, holder: Resource, target: Resource, not_known: set[str],
    trusts: set[str],
) -> None:
    """Name what a step not known rests on: the holder's permissions (``UNKNOWN``), or the
    trust policy of the role it may pass to some services only (``TRUST_UNKNOWN``: the
    holder's permissions are read; it said "the permissions of <holder> are not known")."""
    if reach is grants.TRUST_UNKNOWN:
        trusts.add(target.address or target.name)
    else:
        not_known.add(holder.address or holder.name)


def _elsewhere(start: Resource, target: Resource, found: set[str]) -> bool:
    """Whether ``target`` is not there where ``start`` is (only another value of a
    template's parameters creates it: ``ONLY_WITH``, a policy attached only when IsProd
    holds); a role or policy so is named in ``found``."""
    if exists_with(start, target):
        return False
    if target.kind in _HOLDER_KINDS:
        found.add(f"{target.address or target.name} ({target.attributes[ONLY_WITH]})")
    return True


#: Kinds that hold permissions (their grants widen a blast radius).
_HOLDER_KINDS = frozenset({"identity.policy", "identity.role", "identity.user",
                           "identity.group", "k8s.role"})


_MODULE_PREFIX = re.compile(r"^(module\.[^.\[]+(\[[^\]]*\])?\.)+")


def _sure(data: dict[str, Any], port: int | None) -> bool:
    """Whether a reachability edge surely lets TCP ``port`` through: its certain reasons
    cover it (an edge certain on 80 and perhaps open on 22 is not certain on 22)."""
    sure = data.get("sure_ports")
    if sure is None or port is None:
        return bool(data["certain"])
    return bool(data["certain"]) and bool(sure.covers(port))


def _chain(parents: dict[str, str | None], node: str) -> list[str]:
    """The search's path from its source to ``node``."""
    chain = [node]
    while (parent := parents[chain[-1]]) is not None:
        chain.append(parent)
    chain.reverse()
    return chain


class _Tree(dict[str, "str | None"]):
    """Breadth-first parents (``_search``; in the order it found the nodes) with each node's
    depth, and a node's predecessors one step nearer the source, nearest a home first
    (``_nearest``)."""

    def __init__(self, parents: dict[str, str | None],
                 depth: dict[str, int] | None = None) -> None:
        super().__init__(parents)
        self.depth: dict[str, int] = depth if depth is not None else {}
        self.chosen: dict[tuple[str, tuple[str | None, str | None]], list[str]] = {}
        self._order: dict[str, int] | None = None

    def order(self) -> dict[str, int]:
        """Each node's place in the order the search found it (built when complete)."""
        if self._order is None or len(self._order) != len(self):
            self._order = {node: index for index, node in enumerate(self)}
        return self._order


def _depths(parents: dict[str, str | None]) -> dict[str, int]:
    """The depth of each node of a parents map (``_chain``'s length less one)."""
    return {node: len(_chain(parents, node)) - 1 for node in parents}


def _distance(home: tuple[str | None, str | None], other: tuple[str | None, str | None]) -> int:
    """0 in the same file, 1 in the same root or folder (or a node of no file), else 2."""
    if other == (None, None) or home == (None, None):
        return 1
    if home[0] == other[0]:
        return 0
    return 1 if home[1] is not None and home[1] == other[1] else 2


def _folder(resource: Resource) -> str | None:
    return os.path.dirname(resource.location.file) if resource.location.file else None


def _aliases(resource: Resource) -> set[str]:
    names = {resource.id, f"{resource.provider_type}.{resource.name}"}
    if resource.address:
        names.add(resource.address)
    merged = resource.attributes.get("merged_from")
    if isinstance(merged, list):
        # a reference to a companion merged into this resource (an instance profile into its
        # role, a rule into its group) means this resource
        for address in merged:
            if isinstance(address, str):
                names.add(address)
                names.add(_MODULE_PREFIX.sub("", address))
    if resource.provider == "kubernetes":
        # References between Kubernetes objects are written namespace/Kind/name (the
        # resource's name); its address is Kind/namespace/name, as kubectl users write it.
        names.add(resource.name)
        written_name = resource.attributes.get("kubernetes_name")
        if isinstance(written_name, str):  # a Terraform kubernetes-provider object
            names.add(written_name)
        metadata = resource.attributes.get("metadata")
        written = metadata.get("namespace") if isinstance(metadata, dict) else None
        if not written and resource.name.count("/") == 2:
            names.add(_UNPLACED + resource.name.split("/", 1)[1])
    return names


#: Built-in ClusterRoles a binding may name without the scan holding them ("Using RBAC
#: Authorization", Default roles and role bindings, User-facing roles and Core component
#: roles: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings):
#: ``cluster-admin`` "allows super-user access to perform any action on any resource";
#: ``admin`` and ``edit`` read and write most objects of a namespace, Secrets included
#: (cluster-wide through a ClusterRoleBinding). ``view`` (read-only, "does not allow viewing
#: Secrets"), the discovery roles and the API aggregation roles grant no object to act on.
_ADMIN_BUILT_IN = frozenset({"cluster-admin", "admin", "edit"})
_HARMLESS_BUILT_IN = frozenset(
    {"view", "system:auth-delegator", "system:basic-user", "system:discovery",
     "system:public-info-viewer", "system:monitoring", "system:service-account-issuer-discovery",
     "extension-apiserver-authentication-reader"}
)
#: What :func:`_unscanned_role` says of a role that holds every permission of its scope.
_ADMIN = "\0admin"
#: Marks a blast radius made everything of its scope by a wildcard or administrator grant.
_WILDCARD_ADMIN = "\0wildcard"


def _unscanned_role(binding: Resource) -> str | None:
    """What a binding grants when the role it names is not in the scan: :data:`_ADMIN` for
    ``cluster-admin``, ``admin`` and ``edit``, None for the built-in roles that reach no
    object, else the role's name (its permissions are not known). None too when the binding
    names no role (nothing it grants is read)."""
    name = binding.facets.bound_role
    if name is None:
        role_ref = binding.attributes.get("roleRef")
        found = role_ref.get("name") if isinstance(role_ref, dict) else None
        name = found if isinstance(found, str) else None
    if name is None:
        return None
    if name in _ADMIN_BUILT_IN:
        return _ADMIN
    if name in _HARMLESS_BUILT_IN:
        return None
    role_ref = binding.attributes.get("roleRef")
    kind = role_ref.get("kind") if isinstance(role_ref, dict) else None
    if kind == "Role":
        return f"Role/{kube.namespace(binding)}/{name}"
    return f"ClusterRole/{name}"


def _role_kind(role: Resource) -> str:
    """``ClusterRole`` or ``Role``: a manifest's kind, or the Terraform provider's type
    (``kubernetes_cluster_role_v1``)."""
    cluster = kube.object_kind(role) == "ClusterRole" or role.provider_type.startswith(
        "kubernetes_cluster_role"
    )
    return "ClusterRole" if cluster else "Role"


def _paths(role: Resource, namespaced: dict[str, str]) -> tuple[str, ...]:
    """A Kubernetes role's ``escalation_paths`` its binding grants: through a RoleBinding
    (``namespaced``), those on namespaced resources only."""
    paths = role.facets.escalation_paths or ()
    return in_namespace(paths) if role.id in namespaced else paths


def _lands_in(account: Resource, namespace: str) -> bool:
    """Whether a service account is, or may be, in ``namespace``: a manifest that writes no
    namespace is applied into any (``kubectl apply -n``)."""
    meta = account.attributes.get("metadata")
    written = meta.get("namespace") if isinstance(meta, dict) else None
    return not written or written == namespace


#: Alias prefix of a namespaced Kubernetes object whose manifest writes no namespace.
_UNPLACED = "\0unplaced/"


#: Alias-table key prefix of a Terraform root (no file path starts with it).
_ROOT = "\0root:"
_NONE: dict[str, str] = {}


def root_of(resource: Resource) -> str | None:
    """The Terraform root that instantiated ``resource`` (its mapper writes it), if any."""
    root = resource.attributes.get("root") if resource.origin == "terraform" else None
    return root if isinstance(root, str) else None
