"""An ECS service of one CloudFormation template whose cluster is in another template of the
scan (a parent passes it, ``Cluster: !GetAtt ECS.Outputs.Cluster``; aws-samples'
ecs-refarch-cloudformation): the hosts of its tasks are that cluster's container instances,
found when that template was mapped (``CLUSTER_HOSTS``: its launch configurations, launch
templates or instances whose user data registers them in it, its capacity providers' Auto
Scaling groups). Each template is mapped alone, so the service said "its hosts are not all
known (its cluster is not in the template)": it could run on any instance, and
GDCC-GRAPH-002 / GDCC-GRAPH-008 were UNKNOWN. Done once every template is mapped."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from gdcc_audit.models.resource import Reference, Resource
from gdcc_audit.normalize.ecs_network import CLUSTER_ELSEWHERE, CLUSTER_HOSTS, ECS_NETWORK, HOSTS

_SERVICE = "AWS::ECS::Service"


def link_cluster_hosts(resources: Sequence[Resource]) -> list[Resource]:
    """``resources`` with each service whose cluster is in another template given that
    cluster's hosts; the others are returned as they are (the same objects)."""
    waiting = [r for r in resources if r.provider_type == _SERVICE and _elsewhere(r)]
    if not waiting:
        return list(resources)
    by_id = {r.id: r for r in resources}
    changed: dict[str, Resource] = {}
    for service in waiting:
        cluster = next(
            (by_id[ref.target] for ref in service.references
             if ref.attribute == "Cluster" and ref.target in by_id),
            None,
        )
        found = cluster.attributes.get(CLUSTER_HOSTS) if cluster is not None else None
        if cluster is None or not isinstance(found, dict):
            continue
        named = set(found.get("hosts") or ())
        hosts = [
            r for r in resources
            if r.origin == cluster.origin and r.location.file == cluster.location.file
            and r.address in named
        ]
        if len({h.address for h in hosts}) != len(named):
            continue  # a host not mapped (or mapped twice): left as it was
        network = {**service.attributes[ECS_NETWORK],
                   "hosts_not_known": str(found.get("hosts_not_known") or "")}
        references = (*service.references, *(
            Reference(target=h.id, attribute=HOSTS) for h in hosts
        ))
        changed[service.id] = service.model_copy(update={
            "attributes": {**service.attributes, ECS_NETWORK: network},
            "references": references,
        })
    return [changed.get(r.id, r) for r in resources]


def _elsewhere(service: Resource) -> bool:
    network: Any = service.attributes.get(ECS_NETWORK)
    return isinstance(network, dict) and network.get("hosts_not_known") == CLUSTER_ELSEWHERE
