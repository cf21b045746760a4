"""Graph checks on network paths: what the internet reaches, and through what.

Every failing finding carries the path as evidence (``path``: ``internet → lb:443 → vm →
db:5432``, ``path_hops``: each hop with its ports and what let it through). A path that
rests on something not known (unknown filtering, an unresolved group) gives UNKNOWN, never
PASS.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.graph.ecs_stores import maybe_store_text, not_store_text
from gdcc_audit.graph.paths import GraphPath
from gdcc_audit.graph.store_images import DATABASE_PORTS
from gdcc_audit.models.common import Classification, Text
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.models.resource import Resource

_NOT_NETWORKED = Text(en="not a networked data store", th="ไม่ใช่ที่เก็บข้อมูลบนเครือข่าย")


def path_evidence(path: GraphPath) -> dict[str, Any]:
    """Evidence of a finding about a path: the arrow text, and every hop."""
    return {
        "path": str(path),
        "path_certain": path.certain,
        "path_hops": [hop.as_dict() for hop in path.hops],
    }


def _path_outcome(path: GraphPath, en: str, th: str, key: str = "") -> Outcome:
    text = str(path)
    if path.certain:
        return failed(Text(en=f"{en}: {text}", th=f"{th}: {text}"), key=key, **path_evidence(path))
    return unknown(
        Text(
            en=f"{en} if what is not known allows it: {text}",
            th=f"{th} หากส่วนที่ไม่ทราบค่าอนุญาต: {text}",
        ),
        key=key,
        **path_evidence(path),
    )


#: A managed database service listens on its engine port only: no operating system to
#: administer through SSH or RDP (a database on a virtual machine is a compute instance).
_MANAGED_DATABASE = Text(
    en="a managed database service has no operating-system management port (SSH, RDP): only "
    "its engine port listens, judged by GDCC-GRAPH-001 and GDCC-GRAPH-005",
    th="บริการฐานข้อมูลแบบจัดการให้ไม่มีพอร์ตบริหารจัดการระบบปฏิบัติการ (SSH, RDP) มีเพียงพอร์ตของ engine "
    "ซึ่งตรวจโดย GDCC-GRAPH-001 และ GDCC-GRAPH-005",
)


def _no_network_endpoint(resource: Resource) -> Outcome | None:
    """NOT_APPLICABLE for a data service reached only through the provider's API (DynamoDB,
    Keyspaces, Timestream, QLDB, BigQuery, Bigtable, Spanner): it has no host, so no port of
    it can be reached or segmented (``normalize.absent.API_ONLY_TYPES``); also for an IAM
    grant judged alone (its target, not in the scan, has the network place), for an AlloyDB
    cluster (its instances have the endpoints) and for a Cloud Composer 3 environment (its
    cluster is in Google's project: a Composer 1 environment of another root reached it on
    port 22 laterally, UNKNOWN); None otherwise."""
    from gdcc_audit.normalize.absent import (
        API_ONLY,
        API_ONLY_TYPES,
        COMPOSER_3_CLUSTER,
        GRANT_ONLY,
        ON_ALLOYDB_INSTANCES,
    )

    if resource.provider_type in API_ONLY_TYPES:
        reason = API_ONLY
    elif resource.absent.get("public_endpoint") in (
        GRANT_ONLY, ON_ALLOYDB_INSTANCES, COMPOSER_3_CLUSTER
    ):
        reason = resource.absent["public_endpoint"]
    else:
        return None
    return not_applicable(
        Text(
            en=f"does not apply to {resource.provider_type}: {reason.en}",
            th=f"ไม่ใช้กับ {resource.provider_type}: {reason.th}",
        )
    )


def sensitive(resource: Resource, context: RuleContext) -> tuple[bool | None, str]:
    """Whether the resource holds personal data or classified (ลับ and above) data."""
    graph = context.graph
    personal = graph.personal_data(resource)
    found = graph.classification(resource)
    classified = Classification(found).is_official_secret if found else None
    if personal or classified:
        if personal or found is None:
            return True, "personal data"
        return True, Classification(found).data_text("en")
    if personal is False and classified is False:
        return False, "no personal or classified data"
    return None, "personal data and classification not known"


def sensitive_store_not_internet_reachable(
    resource: Resource, context: RuleContext
) -> Outcome:
    """A data store with personal or classified data is not reachable from the internet,
    directly or through any chain of workloads.

    NOT_APPLICABLE for a store known to hold neither (or whose data is not known, with the
    reason). FAIL with the shortest path; UNKNOWN when the only path rests on unknown
    filtering.
    """
    from gdcc_audit.graph.network import is_data_store

    if not is_data_store(resource):
        maybe = maybe_store_text(resource)
        if maybe is not None:
            return unknown(maybe)
        return not_applicable(
            not_store_text(resource, Text(en="not a data store", th="ไม่ใช่ที่เก็บข้อมูล"))
        )
    holds, what = sensitive(resource, context)
    if not holds:
        return not_applicable(
            Text(en=f"does not apply: {what}", th=f"ไม่เข้าเงื่อนไข: {_th(what)}")
        )
    paths = context.graph.paths_from_internet(to=resource)
    if not paths:
        return passed(data=what)
    from gdcc_audit.graph.ecs_stores import store_text

    runs = store_text(resource)  # an ECS service: the database its task runs
    return _path_outcome(
        paths[0],
        f"{resource.name} holds {what} and is reachable from the internet"
        + (f" ({runs.en})" if runs is not None else ""),
        f"{resource.name} เก็บ{_th(what)} และเข้าถึงได้จากอินเทอร์เน็ต"
        + (f" ({runs.th})" if runs is not None else ""),
    )


def admin_port_not_reachable(resource: Resource, context: RuleContext) -> Outcome:
    """No management port of the resource is reachable from the internet through any path
    (directly, through a load balancer, or from another compromised workload).

    One finding per resource: the shortest certain path of the first exposed port is the
    evidence, with every exposed port and its path listed in ``ports``.
    """
    api_only = _no_network_endpoint(resource)
    if api_only is not None:
        return api_only
    if resource.kind == "database.instance":
        return not_applicable(_MANAGED_DATABASE)
    ports: list[int] = list(context.params.get("ports", [22, 3389]))
    own_ports = _own_pod_ports(resource, ports)
    ports = [port for port in ports if port not in own_ports]
    found: dict[int, GraphPath] = {}
    # a managed control plane serves the Kubernetes API only; its worker nodes, when they
    # are no resources of their own, are the helper node that has the management ports
    from gdcc_audit.graph.control_plane import is_control_plane, nodes_of

    targets = [resource.id, *filter(None, [nodes_of(resource)])]
    graph = context.graph
    for target in targets:
        if not graph.reached_from_internet(target):
            continue  # not reached at all: no port to look at
        for port in ports:
            paths = [] if port in found else graph.paths_from_internet(to=target, port=port)
            if paths and (port not in found or (paths[0].certain and not found[port].certain)):
                found[port] = paths[0]
    if not found and is_control_plane(resource):
        return passed(_control_plane_pass(resource, ports), checked_ports=ports)
    if not found and resource.kind == "k8s.workload":
        why = _own_ports_pass(resource, own_ports, ports) if own_ports else None
        return passed(why or _targeted_pass(resource, context, ports), checked_ports=ports)
    if not found:
        return _version_pass(resource, context, ports) or passed(checked_ports=ports)
    certain = {p: path for p, path in found.items() if path.certain}
    chosen = certain or found
    port, path = next(iter(chosen.items()))
    shown = ", ".join(str(p) for p in chosen)
    if not certain and _undeclared(resource, path):
        return _undeclared_outcome(path, shown, chosen)
    outcome = _path_outcome(
        path,
        f"management {'port' if len(chosen) == 1 else 'ports'} {shown} reachable from the "
        "internet",
        f"พอร์ตบริหารจัดการ {shown} เข้าถึงได้จากอินเทอร์เน็ต",
    )
    evidence = {**outcome.evidence, "ports": {str(p): str(x) for p, x in chosen.items()}}
    message = outcome.message
    gaps = _manifest_gaps(resource, context) if not certain and len(path.hops) == 2 else []
    if gaps and message is not None:
        # what the manifest must state for a verdict (it has no default to read)
        message = Text(
            en=f"{message.en}; the manifest does not state "
            + " nor ".join(en for en, _ in gaps),
            th=f"{message.th} เนื่องจากแมนิเฟสต์ไม่ได้ระบุ " + " และ ".join(th for _, th in gaps),
        )
        evidence["not_stated"] = [en.split(" ", 1)[0] for en, _ in gaps]
    return Outcome(outcome.status, message, evidence, outcome.key)


def _manifest_gaps(resource: Resource, context: RuleContext) -> list[tuple[str, str]]:
    """The network facts a tenant manifest leaves out for a resource it declares, in English
    and Thai: whether it has an address on the internet (``facets.public_endpoint``), and what
    it admits (``facets.ingress``, or security groups whose rules it states, in
    ``references``). A manifest has no definition to read a default from (docs/manifest.md):
    a workload it lists with neither was reached by nothing and PASSed GDCC-GRAPH-002."""
    if resource.origin != "gdcc-tenant":
        return []
    gaps: list[tuple[str, str]] = []
    if resource.facets.public_endpoint is None:
        gaps.append((
            "facets.public_endpoint (false when nothing on the internet connects to it)",
            "facets.public_endpoint (false เมื่อไม่มีสิ่งใดบนอินเทอร์เน็ตเชื่อมต่อเข้ามาได้)",
        ))
    groups = list(context.graph.references(resource, "network.security_group"))
    if resource.facets.ingress is None and (
        not groups or any(g.facets.ingress is None for g in groups)
    ):
        gaps.append((
            "facets.ingress (the ports and sources it admits, [] for none) or, in references, "
            "security groups whose ingress it states",
            "facets.ingress (พอร์ตและแหล่งที่มาที่อนุญาต [] เมื่อไม่อนุญาตเลย) หรือกลุ่มความปลอดภัยที่ระบุ "
            "ingress ไว้ใน references",
        ))
    return gaps


def _undeclared(resource: Resource, path: GraphPath) -> bool:
    """The path is uncertain only because the pod it reaches declares no port (its last
    edge admits every port, not knowing which it listens on)."""
    from gdcc_audit.graph import kube
    from gdcc_audit.graph.network import UNDECLARED

    if resource.kind != "k8s.workload" or kube.container_ports(resource):
        return False
    last = path.hops[-1]
    return (
        not last.certain and (last.via or "").endswith(UNDECLARED)
        and all(hop.certain for hop in path.hops[:-1])
    )


def _undeclared_outcome(path: GraphPath, shown: str, chosen: dict[int, GraphPath]) -> Outcome:
    """GDCC-GRAPH-002 UNKNOWN for a pod reached for certain that declares no port: which ports
    it listens on is not known (Kubernetes needs none declared: "Not specifying a port here
    DOES NOT prevent that port from being exposed", Container.ports, Kubernetes API
    reference), and any it opens is reachable, a management port too. The path is shown up
    to the pod, without a port."""
    text = " → ".join([*(hop.show() for hop in path.hops[:-1]), path.hops[-1].label])
    return unknown(
        Text(
            en=f"its containers declare no port, and Kubernetes needs none declared: any port "
            f"it listens on is reachable from the internet, a management port ({shown}) too "
            f"if it opens one: {text}; declare its containerPorts or limit who reaches it "
            "with a NetworkPolicy",
            th=f"คอนเทนเนอร์ของ workload นี้ไม่ได้ประกาศพอร์ต และ Kubernetes ไม่บังคับให้ประกาศ "
            f"พอร์ตใดที่เปิดรับจึงเข้าถึงได้จากอินเทอร์เน็ต รวมถึงพอร์ตบริหารจัดการ ({shown}) "
            f"หากเปิดรับ: {text} ควรประกาศ containerPort หรือจำกัดผู้เข้าถึงด้วย NetworkPolicy",
        ),
        **path_evidence(path),
        ports={str(p): str(x) for p, x in chosen.items()},
        ports_declared=False,
    )


def _own_pod_ports(resource: Resource, ports: list[int]) -> list[int]:
    """The ports of ``ports`` that are a node's or a cluster's management port only on the
    node or the control plane, and that the workload's pods hold as their own, judged as
    any other port: the kubelet's 10250 when the pods have their own network namespace for
    it (no ``hostNetwork``, no ``hostPort`` 10250: prometheus-operator's HTTPS); the API
    server's 6443 when, besides, no container runs a Kubernetes API server of a cluster
    (prometheus-adapter, an aggregated API server, serves its own 6443). Docker's 2375 in a
    pod is a Docker daemon (docker-in-docker): kept, as every other port."""
    from gdcc_audit.graph import kube

    if resource.kind != "k8s.workload":
        return []
    own = []
    for port in (kube.KUBELET_PORT, kube.API_SERVER_PORT):
        if port not in ports or kube.may_share_node_port(resource, port):
            continue
        if port == kube.API_SERVER_PORT and kube.may_run_api_server(resource):
            continue
        own.append(port)
    return own


def _targeted_pass(resource: Resource, context: RuleContext, ports: list[int]) -> Text | None:
    """Why a pod that declares no port PASSes when the graph took the target ports of the
    Services that select it as its ports (``graph.network.service_targets``); None when it
    did not (the pod declares ports, or its image is a database's)."""
    from gdcc_audit.graph import kube
    from gdcc_audit.graph.network import service_targets

    if kube.writes_ports(resource):
        return None
    found = service_targets(resource, context.graph.of_kind("k8s.service"))
    if found is None:
        return None
    targets, names = found
    listed = ", ".join(str(p) for p in targets)
    shown = ", ".join(str(p) for p in ports)
    by = ", ".join(names)
    return Text(
        en=f"its containers declare no port; the Services that select it ({by}) send to "
        f"{listed}, taken as the ports it listens on; no management port ({shown}) is "
        "reachable from the internet",
        th=f"คอนเทนเนอร์ไม่ได้ประกาศพอร์ต Service ที่เลือก workload นี้ ({by}) ส่งไปยังพอร์ต "
        f"{listed} จึงถือเป็นพอร์ตที่เปิดรับ และไม่มีพอร์ตบริหารจัดการ ({shown}) "
        "ที่เข้าถึงได้จากอินเทอร์เน็ต",
    )


def _own_ports_pass(resource: Resource, own: list[int], ports: list[int]) -> Text | None:
    """Why a pod's declared container port 10250 or 6443 is no management port (None when
    it declares neither: then nothing needs saying)."""
    from gdcc_audit.graph import kube

    declared = {number for _, number in kube.container_ports(resource)}
    said = [port for port in own if port in declared]
    if not said:
        return None
    why_en = {
        kube.KUBELET_PORT: "not the kubelet API of its node",
        kube.API_SERVER_PORT: "and no container runs a Kubernetes API server of a cluster "
        "(kube-apiserver, k3s, k0s, RKE2, vcluster, kcp): not a cluster's API",
    }
    why_th = {
        kube.KUBELET_PORT: "ไม่ใช่ kubelet API ของโหนด",
        kube.API_SERVER_PORT: "และไม่มีคอนเทนเนอร์ใดรัน Kubernetes API server ของคลัสเตอร์ "
        "(kube-apiserver, k3s, k0s, RKE2, vcluster, kcp) จึงไม่ใช่ API ของคลัสเตอร์",
    }
    en = "; ".join(
        f"its container port {port} is the pod's own (no hostNetwork, no hostPort {port}), "
        f"{why_en[port]}" for port in said
    )
    th = " ".join(
        f"พอร์ตคอนเทนเนอร์ {port} เป็นพอร์ตของพ็อดเอง (ไม่ใช้ hostNetwork หรือ hostPort {port}) "
        f"{why_th[port]}" for port in said
    )
    shown = ", ".join(str(p) for p in ports)
    return Text(
        en=f"{en}; no management port ({shown}) is reachable from the internet",
        th=f"{th} และไม่มีพอร์ตบริหารจัดการ ({shown}) ที่เข้าถึงได้จากอินเทอร์เน็ต",
    )


def _version_pass(resource: Resource, context: RuleContext, ports: list[int]) -> Outcome | None:
    """A PASS saying why a Compute Engine instance is not reached although a rule governing
    it admits the internet on a management port: the rule's sources are of another IP
    version than its external addresses (``graph.ip_versions``)."""
    from gdcc_audit.graph import ip_versions

    refused = ip_versions.refused_rules(context.graph, resource, ports)
    if refused is None:
        return None
    versions, rules = refused
    own = ip_versions.describe(versions)
    other = ip_versions.describe(frozenset({4, 6}) - versions)
    listed = "; ".join(f"{name}: {', '.join(sources)}" for name, sources in rules.items())
    shown = ", ".join(str(p) for p in ports)
    return passed(
        Text(
            en=f"no management port ({shown}) is reachable from the internet: its external "
            f"addresses are {own} only, and the rules admitting the internet admit {other} "
            f"clients only ({listed})",
            th=f"ไม่มีพอร์ตบริหารจัดการ ({shown}) ที่เข้าถึงได้จากอินเทอร์เน็ต: ที่อยู่ภายนอกของเครื่องเป็น "
            f"{own} เท่านั้น และกฎที่อนุญาตอินเทอร์เน็ตอนุญาตเฉพาะไคลเอนต์ {other} ({listed})",
        ),
        checked_ports=ports,
        external_ip_versions=[ip_versions.VERSION_NAMES[v] for v in sorted(versions)],
        other_version_sources=rules,
    )


def _control_plane_pass(resource: Resource, ports: list[int]) -> Text:
    """Why a managed Kubernetes cluster exposes no management port."""
    from gdcc_audit.graph.control_plane import api_port, nodes_of

    shown = ", ".join(str(p) for p in ports)
    nodes = nodes_of(resource) is not None
    port = api_port(resource)
    en = (f"the managed control plane serves only the Kubernetes API (TCP {port}), "
          "whose exposure GDCC-CLU-002 judges; ")
    th = (f"control plane แบบจัดการให้เปิดเฉพาะ Kubernetes API (TCP {port}) "
          "ซึ่งตรวจโดย GDCC-CLU-002 ")
    if nodes:
        en += f"no management port ({shown}) of its nodes is reachable from the internet"
        th += f"และไม่มีพอร์ตบริหารจัดการ ({shown}) ของโหนดที่เข้าถึงได้จากอินเทอร์เน็ต"
    else:
        en += "its node groups are judged on their own"
        th += "ส่วน node group ตรวจแยกต่างหาก"
    return Text(en=en, th=th)


def no_lateral_path_to_data_store(resource: Resource, context: RuleContext) -> Iterator[Outcome]:
    """No workload reachable from the internet can connect to this data store on a database
    port (the lateral movement after one web server is compromised)."""
    from gdcc_audit.graph.network import is_data_store

    if not is_data_store(resource) or resource.kind == "storage.bucket":
        maybe = maybe_store_text(resource)
        yield unknown(maybe) if maybe is not None else not_applicable(
            not_store_text(resource, _NOT_NETWORKED)
        )
        return
    api_only = _no_network_endpoint(resource)
    if api_only is not None:
        yield api_only
        return
    from gdcc_audit.graph.store_ports import AWS_BROKERS

    if resource.kind == "messaging.queue" and resource.provider_type not in AWS_BROKERS:
        yield not_applicable(Text(
            en=f"no listener ports of {resource.provider_type} are read: among queues this "
            "rule judges the message brokers of Amazon MQ and Amazon MSK",
            th=f"ไม่ได้อ่านพอร์ตที่เปิดรับของ {resource.provider_type} ในบรรดาคิว กฎนี้ตรวจเฉพาะ "
            "message broker ของ Amazon MQ และ Amazon MSK",
        ))
        return
    from gdcc_audit.graph.defaults import cluster_of, replica_source
    from gdcc_audit.graph.store_ports import StorePorts, replica_ports, store_ports

    own = store_ports(resource)
    # a read replica listens on its source's port with its source's engine: a replica of a
    # source on port 15432 reached there was PASS; one of a MySQL source was named on 5432
    replica, source = replica_source(context.graph, resource)
    if replica:
        own = replica_ports(resource, source)
    # a cluster member (an Aurora / Neptune / DocumentDB instance, a cache cluster in a
    # replication group) listens on its cluster's port: a Neptune instance reached on 8182,
    # or a member of a group on port 6380, was PASS while its cluster FAILed
    cluster = cluster_of(context.graph, resource)
    if cluster is not None:
        of_cluster = store_ports(cluster)
        own = StorePorts(
            of_cluster.ports + tuple(p for p in own.ports if p not in of_cluster.ports),
            of_cluster.not_known or own.not_known,
        )
    # the store's own port first (written, else documented: Redshift 5439, OpenSearch 443,
    # EFS 2049), then the usual database ports
    ports: list[int] = list(own.ports)
    ports += [port for port in context.params.get("ports", DATABASE_PORTS) if port not in ports]
    # an ECS service is a store for the database its task runs: said in the message
    from gdcc_audit.graph.ecs_stores import store_text

    runs = store_text(resource)
    said_en, said_th = (f" ({runs.en})", f" ({runs.th})") if runs is not None else ("", "")
    # its port not known (a value not known, a bridge host port of the ephemeral range):
    # a usual port of some engine is no fact about it, only its own candidates are checked
    # by port; then any path says its port is not known
    checked = list(own.ports) if own.not_known else ports
    for port in checked:
        for path in context.graph.paths_from_internet(to=resource, port=port, indirect=True):
            yield _path_outcome(
                path,
                f"a workload reachable from the internet can connect to port {port}{said_en}",
                f"เวิร์กโหลดที่เข้าถึงได้จากอินเทอร์เน็ตเชื่อมต่อพอร์ต {port} ได้{said_th}",
                key=f"port:{port}",
            )
            return
    if own.not_known:
        # its port is written as a value not known: any port reached may be the one it uses
        for path in context.graph.paths_from_internet(to=resource, indirect=True):
            text = str(path)
            if path.certain and _every_port(context, resource, ports):
                # reached for certain on every port: on its own, whatever it is
                yield failed(
                    Text(
                        en=f"its port is not known{said_en}, and a workload reachable from "
                        f"the internet can connect to it on every port: {text}",
                        th=f"ไม่ทราบพอร์ตของที่เก็บข้อมูล{said_th} และเวิร์กโหลดที่เข้าถึงได้จาก"
                        f"อินเทอร์เน็ตเชื่อมต่อถึงได้ทุกพอร์ต: {text}",
                    ),
                    key="port:not-known",
                    **path_evidence(path),
                )
                return
            maybe_en = "" if path.certain else " if what is not known allows it"
            maybe_th = "" if path.certain else " หากส่วนที่ไม่ทราบค่าอนุญาต"
            yield unknown(
                Text(
                    en=f"its port is not known{said_en} and a workload reachable from the "
                    f"internet can connect to it{maybe_en}: {text}",
                    th=f"ไม่ทราบพอร์ตของที่เก็บข้อมูล{said_th} และเวิร์กโหลดที่เข้าถึงได้จากอินเทอร์เน็ต"
                    f"เชื่อมต่อถึงได้{maybe_th}: {text}",
                ),
                key="port:not-known",
                **path_evidence(path),
            )
            return
    yield passed(checked_ports=ports)


def _every_port(context: RuleContext, resource: Resource, usual: list[int]) -> bool:
    """Whether a workload reachable from the internet surely reaches ``resource`` on every
    TCP port: the lowest and highest and each usual database port (a rule whose ports are
    not known admits every port)."""
    return all(
        any(path.certain for path in context.graph.paths_from_internet(
            to=resource, port=port, indirect=True))
        for port in (1, *usual, 65535)
    )


def data_tier_segmented(resource: Resource, context: RuleContext) -> Outcome:
    """The data store admits connections only from named groups or its own tier, not from
    any address, nor from an address range or its own group that holds an internet-facing
    workload. A named group of another tier is a boundary (the flow it allows is GDCC-GRAPH-005's):
    the PASS names it when it holds an internet-facing workload."""
    from gdcc_audit.graph.network import is_data_store

    if not is_data_store(resource) or resource.kind == "storage.bucket":
        maybe = maybe_store_text(resource)
        if maybe is not None:
            return unknown(maybe)
        return not_applicable(not_store_text(resource, _NOT_NETWORKED))
    api_only = _no_network_endpoint(resource)
    if api_only is not None:
        return api_only
    verdict, detail = context.graph.segmentation(resource)
    if verdict is True and resource.kind == "k8s.workload" and _on_node_network(resource):
        # segmented by a NetworkPolicy, which is undefined for pods on the node's network
        # (a kubeadm etcd): as GDCC-GRAPH-010 reads it (it PASSed)
        from gdcc_audit.evaluate.checks.blast import host_network_policy

        return unknown(host_network_policy(resource))
    if verdict is True:
        if not detail:
            return passed()
        return passed(
            Text(
                en=f"the data tier admits {detail}",
                th=f"ชั้นข้อมูลยอมรับการเชื่อมต่อจาก {reason_th(detail)}",
            ),
            admits=detail,
        )
    if verdict is None:
        return unknown(
            Text(
                en=f"cannot tell which addresses it admits: {detail}",
                th=f"ไม่สามารถระบุได้ว่ายอมรับการเชื่อมต่อจากที่อยู่ใด: {reason_th(detail)}",
            ),
            admits=detail,
        )
    message = Text(
        en=f"the data tier is not segmented from the web tier: it admits {detail}",
        th=f"ชั้นข้อมูลไม่ได้แยกส่วนจากชั้นเว็บ: ยอมรับการเชื่อมต่อจาก {reason_th(detail)}",
    )
    if resource.kind == "k8s.workload" and _on_node_network(resource):
        # a NetworkPolicy is no fix for a pod on the node's network (a kubeadm etcd)
        from gdcc_audit.evaluate.checks.blast import on_node_network

        message = on_node_network(message, resource)
    return failed(
        message,
        admits=detail,
    )


def tls_in_front_of_personal_data(resource: Resource, context: RuleContext) -> Outcome:
    """A public entry point (load balancer, Ingress, API gateway) that leads to personal or
    classified data terminates TLS on every listener."""
    graph = context.graph
    direct = [p for p in graph.paths_from_internet(to=resource) if len(p.hops) == 2]
    if not direct:
        return not_applicable(
            Text(en="not a public entry point", th="ไม่ใช่ช่องทางเข้าสาธารณะ")
        )
    downstream = graph.sensitive_behind(resource)
    if downstream is None:
        return not_applicable(
            Text(
                en="leads to no data store with personal or classified data",
                th="ไม่นำไปสู่ที่เก็บข้อมูลส่วนบุคคลหรือข้อมูลลับ",
            )
        )
    tls = graph.entry_tls(resource)
    if tls is True:
        return passed(leads_to=downstream.target.label)
    # a Gateway is judged per listener: the one that decides, said (graph.gateway_listener)
    why = graph.gateway_listener(resource)
    if tls is None:
        return unknown(
            Text(
                en="whether every listener uses TLS is not known"
                + (f": {why.en}" if why is not None else ""),
                th="ไม่ทราบว่าทุกช่องทางใช้ TLS หรือไม่"
                + (f": {why.th}" if why is not None else ""),
            ),
            **path_evidence(downstream),
        )
    # an entry point reached only if what is not known allows it still FAILs (plain text in
    # front of the data is the defect either way); the finding says which way it is reached
    entry = direct[0]
    maybe_en = maybe_th = ""
    if not entry.certain:
        maybe_en = f"; reached from the internet if what is not known allows it: {entry}"
        maybe_th = f"; เข้าถึงได้จากอินเทอร์เน็ตหากส่วนที่ไม่ทราบค่าอนุญาต: {entry}"
    return failed(
        Text(
            en="plain-text entry point in front of personal or classified data"
            + (f" ({why.en})" if why is not None else "") + f": {downstream}" + maybe_en,
            th="ช่องทางเข้าที่ไม่เข้ารหัสอยู่หน้าข้อมูลส่วนบุคคลหรือข้อมูลลับ"
            + (f" ({why.th})" if why is not None else "") + f": {downstream}" + maybe_th,
        ),
        **path_evidence(downstream),
        entry_certain=entry.certain,
    )


def _th(what: str) -> str:
    return {
        "personal data": "ข้อมูลส่วนบุคคล",
        "no personal or classified data": "ไม่มีข้อมูลส่วนบุคคลหรือข้อมูลลับ",
        "personal data and classification not known": "ไม่ทราบว่ามีข้อมูลส่วนบุคคลหรือชั้นความลับ",
    }.get(what) or Classification.parse(what.removesuffix(" data")).data_text("th")


def _on_node_network(resource: Resource) -> bool:
    """Whether a Kubernetes workload's pods run on the node's network (``hostNetwork``)."""
    from gdcc_audit.graph import kube

    return kube.host_network(resource)
