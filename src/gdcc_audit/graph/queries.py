"""Graph questions built on the reachability search: segmentation of a data tier, the
sensitive data behind an entry point, and whether an entry point terminates TLS."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gdcc_audit.graph import kube
from gdcc_audit.graph.network import ANYWHERE, K8S_PODS, is_data_store
from gdcc_audit.graph.paths import INTERNET, GraphPath
from gdcc_audit.models.common import Classification
from gdcc_audit.models.resource import Resource

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph


def is_sensitive(graph: ResourceGraph, resource: Resource) -> bool:
    """True when the resource is known to hold personal or classified (ลับ+) data."""
    if graph.personal_data(resource):
        return True
    found = graph.classification(resource)
    return bool(found) and Classification(str(found)).is_official_secret


def segmentation(graph: ResourceGraph, store: Resource) -> tuple[bool | None, str]:
    """Whether a data store admits only named groups or its own tier: ``(True, "")``; or
    ``(False, what it admits)``; or ``(None, why not known)``."""
    net = graph.reach
    if store.id not in net:
        return None, "no filtering rules known"
    unknown = ""
    for pred, data in net.pred[store.id].items():
        if pred.startswith(ANYWHERE + ":"):
            if data["certain"]:
                return False, f"any address on port(s) {data['ports']}"
            unknown = str(data["via"])
        elif pred == K8S_PODS:
            if data["certain"]:
                return False, f"any pod of the cluster on port(s) {data['ports']}"
            unknown = str(data["via"])
        elif pred.startswith("seg:"):
            exposed = _exposed_members(graph, pred)
            if exposed:
                segment = graph.get(pred[4:])
                name = segment.name if segment is not None else pred[4:]
                return False, f"address range {name}, which holds internet-facing {exposed}"
    if unknown:
        return None, unknown
    return True, ""


def _exposed_members(graph: ResourceGraph, segment: str) -> str | None:
    """An internet-facing workload whose address lies in ``segment`` (or a subnet of it)."""
    net = graph.reach
    stack, seen = [segment], {segment}
    while stack:
        node = stack.pop()
        for pred in net.pred[node]:
            if pred in seen:
                continue
            seen.add(pred)
            if pred.startswith("seg:"):
                stack.append(pred)
                continue
            resource = graph.get(pred)
            if resource is not None and net.has_edge(INTERNET, pred):
                return resource.name
    return None


def sensitive_behind(graph: ResourceGraph, entry: Resource) -> GraphPath | None:
    """The shortest path from an entry point to a data store with personal or classified
    data, or None."""
    for certain in (True, False):
        parents = graph._search(entry.id, certain)
        for node in parents:
            resource = graph.get(node)
            if (
                node != entry.id
                and resource is not None
                and is_data_store(resource)
                and is_sensitive(graph, resource)
            ):
                return graph._path_in(parents, node, None, certain)
    return None


def entry_tls(graph: ResourceGraph, entry: Resource) -> bool | None:
    """Whether every listener of an entry point terminates TLS (None: not known)."""
    if entry.kind == "k8s.ingress":
        return kube.ingress_tls(entry)
    listeners = [
        r for r in graph.referrers(entry, "network.load_balancer")
        if "listener" in r.provider_type.lower()
    ]
    values = [r.facets.encrypted_in_transit for r in listeners] or [
        entry.facets.encrypted_in_transit
    ]
    if any(v is False for v in values):
        return False
    if all(v is True for v in values):
        return True
    return None
