"""Graph questions built on the reachability search: segmentation of a data tier, the
sensitive data behind an entry point, whether an entry point terminates TLS, and which
statements let a workload alter the logs that record it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gdcc_audit.graph import arns, kube, kube_listener_sets
from gdcc_audit.graph.defaults import (
    NO_ENDPOINT_ADMITS,
    NO_RULE_ADMITS,
    is_documented_default,
)
from gdcc_audit.graph.kube_gateway_listeners import plain_listeners
from gdcc_audit.graph.kube_tls import config_tls, redirects_to_https
from gdcc_audit.graph.network import ANYWHERE, K8S_PODS, is_data_store
from gdcc_audit.graph.paths import INTERNET, GraphPath
from gdcc_audit.lazy import LazyModule
from gdcc_audit.load.kube_kinds import GATEWAY, PROXY_CONFIG, TRAEFIK_HTTP_ROUTES
from gdcc_audit.models.common import Classification, Text
from gdcc_audit.models.resource import PolicyStatement, Resource, exists_with

if TYPE_CHECKING:
    from gdcc_audit.graph import kube_classes
    from gdcc_audit.graph.model import ResourceGraph
else:
    # (Kubernetes ingress classes: imported when an Ingress is first judged, as in ``network``)
    kube_classes = LazyModule("gdcc_audit.graph.kube_classes", globals())


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
    defaults: list[str] = []
    named: list[tuple[str, bool]] = []  # other tiers' groups: a boundary (flow: GRAPH-005)
    for pred, data in net.pred[store.id].items():
        if pred.startswith("sg:") and not net.has_edge(store.id, pred):
            named.append(_named_group(graph, pred, store.id))
        if pred.startswith("sg:") and net.has_edge(store.id, pred):
            # a group the store is a member of and admits: its own tier, unless it holds an
            # internet-facing workload too
            group = graph.group(pred)
            name = group.name if group is not None else pred[3:]
            exposed, sure = _exposed_group_member(graph, pred, store.id)
            if exposed is not None and sure:
                return False, f"members of {name}, which holds internet-facing {exposed}"
            if exposed is not None:
                unknown = f"{name} holds {exposed}, which may be internet-facing"
            if group is not None and is_documented_default(group):
                members = sorted(
                    r.name for m in net.pred[pred] if (r := graph.get(m)) is not None
                )
                shown = ", ".join(members[:5]) + (f" and {len(members) - 5} more"
                                                 if len(members) > 5 else "")
                defaults.append(f"{name} ({shown})")
        if pred.startswith(ANYWHERE + ":"):
            if data["certain"]:
                return False, f"any address on port(s) {data['ports']}" + _azure_services(
                    str(data["via"])
                )
            unknown = str(data["via"])
        elif pred == K8S_PODS:
            if data["certain"]:
                return False, f"any pod of the cluster on port(s) {data['ports']}"
            unknown = str(data["via"])
        elif pred.startswith("seg:"):
            member = exposed_member(graph, pred)
            if member is not None:
                segment = graph.get(pred[4:])
                name = segment.name if segment is not None else pred[4:]
                exposed, sure = member
                if sure:
                    return False, f"address range {name}, which holds internet-facing {exposed}"
                # an internet-facing workload may sit there: not known, never a PASS
                unknown = f"address range {name}, which may hold internet-facing {exposed}"
    if unknown:
        return None, unknown
    if not net.pred[store.id] and store.provider_type in NO_RULE_ADMITS:
        if store.facets.public_endpoint is False and store.provider_type in NO_ENDPOINT_ADMITS:
            return True, NO_ENDPOINT_ADMITS[store.provider_type]
        return True, NO_RULE_ADMITS[store.provider_type]
    if defaults:
        return True, (
            f"only members of {'; '.join(defaults)}, none internet-facing: the documented "
            "default rules of a VPC's default security group admit its own members only, and "
            "no aws_default_security_group in the scan changes them"
        )
    if any(exposed for _, exposed in named):
        # the PASS says what it rests on: a group of internet-facing servers is admitted
        return True, "; ".join(sorted(text for text, _ in named))
    return True, ""


#: The "any address" an Azure firewall admits only through its "Allow Azure services" rule
#: (SQL family 0.0.0.0-0.0.0.0, Cosmos DB 0.0.0.0: ``AZURE_SERVICES``, ``graph/network.py``).
_AZURE_SERVICES_VIA = " admits all Azure services"


def _azure_services(via: str) -> str:
    """What "any address" is when every way in is an "Allow Azure services" rule: any client
    hosted in Azure, other customers' included (not the whole internet); ``""`` otherwise."""
    parts = via.split(" | ")
    if not all(part.endswith(_AZURE_SERVICES_VIA) for part in parts):
        return ""
    return f" ({via}: any client hosted in Azure, other customers' included)"


def _named_group(graph: ResourceGraph, group: str, store: str) -> tuple[str, bool]:
    """A security group a data store admits without being its member (another tier: the
    flow from it is GDCC-GRAPH-005's), named with an internet-facing member it holds, and
    whether it holds one: ``members of security group web-sg, which holds internet-facing
    web (a lateral path GDCC-GRAPH-005 judges)``."""
    found = graph.group(group)
    name = f"members of security group {found.name if found is not None else group[3:]}"
    exposed, sure = _exposed_group_member(graph, group, store)
    if exposed is None:
        return name, False
    if sure:
        return f"{name}, which holds internet-facing {exposed} ({_LATERAL})", True
    return f"{name}, which holds {exposed}, which may be internet-facing ({_LATERAL})", True


_LATERAL = "a lateral path GDCC-GRAPH-005 judges"


def _exposed_group_member(
    graph: ResourceGraph, group: str, store: str
) -> tuple[str | None, bool]:
    """A member of security group node ``group`` (other than ``store``) the internet reaches,
    and whether surely: ``(name, True)``, ``(name, False)`` or ``(None, False)``."""
    net = graph.reach
    maybe: str | None = None
    for member in net.pred[group]:
        if member == store or not net.has_edge(INTERNET, member):
            continue
        resource = graph.get(member)
        if resource is None:
            continue
        if net.edge(INTERNET, member)["certain"] and net.edge(member, group)["certain"]:
            return resource.name, True
        maybe = maybe or resource.name
    return maybe, False


def _exposed_members(graph: ResourceGraph, segment: str) -> str | None:
    """An internet-facing workload whose address certainly lies in ``segment`` (or a subnet
    of it)."""
    found = exposed_member(graph, segment)
    return found[0] if found is not None and found[1] else None


def exposed_member(
    graph: ResourceGraph, segment: str, within: Resource | None = None
) -> tuple[str, bool] | None:
    """An internet-facing workload whose address lies in ``segment`` (or a subnet of it), and
    whether it certainly sits there and is certainly reached: one that is both first, else one
    that may be (an instance whose subnet a value not known chooses, an ECS service whose
    hosts are not known, a workload the internet reaches only if a value not known allows
    it, one only another value of a template's parameters creates where ``within`` is not:
    ``ONLY_WITH``); None when none does."""
    perhaps: str | None = None
    for resource, certain in _members(graph, segment):
        if certain and (within is None or exists_with(within, resource)):
            return resource.name, True
        perhaps = perhaps or resource.name
    return (perhaps, False) if perhaps is not None else None


def exposed_balancer(graph: ResourceGraph, network: Resource) -> tuple[str, bool] | None:
    """A load balancer the internet reaches that is placed in ``network`` (one of its subnets,
    or their VPC), and whether that is certain (reached for certain, and created wherever
    the network is: ``exists_with``); None when there is none. A balancer is no member of its
    subnets in the reachability graph (it forwards only to its targets), so GDCC-GRAPH-008
    found no internet-facing workload in the public subnets of an application load balancer
    whose targets sit in private ones (ecs-refarch-cloudformation: NOT_APPLICABLE)."""
    net = graph.reach
    maybe: str | None = None
    for balancer in _balancer_places(graph).get(network.id, ()):
        if net.edge(INTERNET, balancer.id)["certain"] and exists_with(network, balancer):
            return balancer.name, True
        maybe = maybe or balancer.name
    return (maybe, False) if maybe is not None else None


def _balancer_places(graph: ResourceGraph) -> dict[str, list[Resource]]:
    """The load balancers the internet reaches, by the ids of their subnets and of those
    subnets' VPCs (or the VPC they name): read once per reachability graph."""
    net = graph.reach
    if graph.balancer_places is not None and graph.balancer_places[0] is net:
        return graph.balancer_places[1]
    found: dict[str, list[Resource]] = {}
    for balancer in graph.of_kind("network.load_balancer"):
        if not net.has_edge(INTERNET, balancer.id):
            continue
        subnets = list(graph.references(balancer, "network.subnet"))
        places = {s.id for s in subnets} | {
            v.id for s in subnets for v in graph.references(s, "network.vpc")
        } | {v.id for v in graph.references(balancer, "network.vpc")}
        for place in places:
            found.setdefault(place, []).append(balancer)
    graph.balancer_places = (net, found)
    return found


def exposed_only_with(graph: ResourceGraph, segment: str, within: Resource) -> Resource | None:
    """An internet-facing workload that certainly sits in ``segment`` and is certainly
    reached, but only another value of a template's parameters creates (``ONLY_WITH``) where
    ``within`` is not: what makes :func:`exposed_member` a "may"."""
    return next((resource for resource, certain in _members(graph, segment)
                 if certain and not exists_with(within, resource)), None)


def _members(graph: ResourceGraph, segment: str) -> Iterator[tuple[Resource, bool]]:
    """The internet-facing workloads whose address lies in ``segment`` (or a subnet of it),
    each with whether it certainly sits there and is certainly reached."""
    net = graph.reach
    stack, seen = [segment], {segment}
    while stack:
        node = stack.pop()
        for pred in net.pred[node]:
            if pred in seen:
                continue
            certain = pred.startswith("seg:") or bool(net.edge(pred, node)["certain"])
            if certain:
                seen.add(pred)
            if pred.startswith("seg:"):
                stack.append(pred)
                continue
            resource = graph.get(pred)
            if resource is not None and net.has_edge(INTERNET, pred):
                yield resource, certain and bool(net.edge(INTERNET, pred)["certain"])


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


def _leads_to_data(graph: ResourceGraph, route: Resource) -> bool:
    """A data store with personal or classified data lies behind ``route``."""
    return any(
        node != route.id and (found := graph.get(node)) is not None
        and is_data_store(found) and is_sensitive(graph, found)
        for node in graph._search(route.id, False)
    )


def _gateway_tls(
    graph: ResourceGraph, gateway: Resource, found: bool | None, configs: list[Resource]
) -> bool | None:
    """A Gateway's TLS: the configs' reading when its listeners are not known (``found``
    None), else judged per listener (``gateway_listener_tls``)."""
    if found is None:
        return config_tls(gateway, configs)
    return gateway_listener_tls(graph, gateway)[0]


def gateway_listener_tls(
    graph: ResourceGraph, gateway: Resource
) -> tuple[bool | None, Text | None]:
    """A Gateway's TLS judged per listener (``kube_gateway_listeners``), with the listener
    that decides it: not encrypted when a listener without TLS (its own, or of a
    ListenerSet it accepts: not known when the acceptance is not) has a route of the scan
    attached that leads to personal or classified data and is not, on an HTTP listener, a
    redirect to HTTPS; not known when such a listener lets routes of other namespaces
    attach (routes the scan may not hold); encrypted otherwise. A plain listener no route
    of the scan attaches to answers nothing."""
    routes = graph.of_kind("k8s.route")
    configs = graph.of_kind(PROXY_CONFIG)
    namespaces = {kube.name(n): n for n in graph.of_kind("k8s.namespace")}
    sets = kube_listener_sets.attached(gateway, configs, namespaces)
    leads: dict[str, bool] = {}
    maybe: Text | None = None
    for listener in plain_listeners(gateway, routes, sets):
        served = [r for r in listener.routes
                  if listener.protocol != "HTTP" or not redirects_to_https(r)]
        for route in served:
            if route.id not in leads:
                leads[route.id] = _leads_to_data(graph, route)
        reaching = [r for r in served if leads[r.id]]
        label, label_th = listener.label(), listener.label(thai=True)
        if reaching:
            named = f"{kube.namespace(reaching[0])}/{kube.name(reaching[0])}"
            if listener.certain:
                return False, Text(
                    en=f"route {named} reaches the data through {label}, without TLS",
                    th=f"route {named} เข้าถึงข้อมูลผ่าน {label_th} ซึ่งไม่ใช้ TLS",
                )
            maybe = maybe or Text(
                en=f"route {named} reaches the data through {label}, without TLS, if the "
                "Gateway accepts that ListenerSet",
                th=f"route {named} เข้าถึงข้อมูลผ่าน {label_th} ซึ่งไม่ใช้ TLS "
                "หาก Gateway ยอมรับ ListenerSet นั้น",
            )
        elif listener.open_to_other_namespaces:
            maybe = maybe or Text(
                en=f"{label} has no TLS and lets routes of other namespaces attach "
                f"(allowedRoutes.namespaces.from {listener.allowed_from}), which the scan "
                "may not hold",
                th=f"{label_th} ไม่ใช้ TLS และยอมให้ route จาก namespace อื่นผูกได้ "
                f"(allowedRoutes.namespaces.from {listener.allowed_from}) "
                "ซึ่งอาจไม่อยู่ในข้อมูลที่ตรวจ",
            )
    return (None, maybe) if maybe is not None else (True, None)


def entry_tls(graph: ResourceGraph, entry: Resource) -> bool | None:
    """Whether every listener of an entry point terminates TLS (None: not known)."""
    if entry.kind == "k8s.ingress":
        configs = graph.of_kind(PROXY_CONFIG)
        controllers = kube_classes.controllers_of(
            graph.of_kind("k8s.workload"), graph.of_kind("k8s.config_map"), configs
        ) if kube.object_kind(entry) in ("Ingress", *TRAEFIK_HTTP_ROUTES) else None
        ingresses = [r for r in graph.of_kind("k8s.ingress")
                     if kube.object_kind(r) == "Ingress"] if controllers is not None else []
        found = kube_classes.ingress_tls(entry, configs, controllers, ingresses)
        if kube.object_kind(entry) == GATEWAY:
            return _gateway_tls(graph, entry, found, configs)
        return config_tls(entry, configs) if found is None else found
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


# -- logs writable by the workloads they record -----------------------------------------

#: Actions that let a holder alter or erase what a log store holds, per store kind.
TAMPER_ACTIONS: dict[str, tuple[str, ...]] = {
    "storage.bucket": (
        "s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:PutBucketPolicy",
        "s3:DeleteBucketPolicy", "s3:DeleteBucket", "s3:PutLifecycleConfiguration",
        "s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration",
        "s3:BypassGovernanceRetention",
    ),
    "logging.log_group": (
        "logs:DeleteLogGroup", "logs:DeleteLogStream", "logs:PutRetentionPolicy",
        "logs:DeleteDataProtectionPolicy", "logs:DisassociateKmsKey",
    ),
}
#: Attributes that name a workload's role or instance profile.
ROLE_ATTRIBUTES = ("iam_instance_profile", "role", "IamInstanceProfile", "Role",
                   "execution_role_arn", "task_role_arn", "service_account",
                   # a Step Functions state machine's role (normalize/step_functions.py)
                   "role_arn", "RoleArn")
_UNKNOWN_ARN = "<unknown>"


@dataclass(frozen=True)
class LogTampering:
    """A statement that lets a workload alter a log store recording it."""

    store: Resource
    recorder: Resource
    role: Resource
    policy: Resource
    statement: PolicyStatement
    index: int
    action: str
    certain: bool

    def label(self) -> str:
        """``statement "Sid"`` or ``statement #2`` of the policy."""
        return f'statement "{self.statement.sid}"' if self.statement.sid else (
            f"statement #{self.index + 1}"
        )


@dataclass(frozen=True)
class LogWriters:
    """What can alter the logs that record a workload: ``stores`` recording it (with the
    trail or flow log that sends there), the statements that allow it, and what is not
    known (a role or policy that could not be read)."""

    stores: tuple[tuple[Resource, Resource], ...]
    found: tuple[LogTampering, ...]
    not_known: tuple[str, ...]


def log_stores(graph: ResourceGraph, workload: Resource) -> list[tuple[Resource, Resource]]:
    """``(store, recorder)``: the buckets and log groups that flow logs of the workload's
    subnets and networks, and the audit trails of its provider, deliver to."""
    segments = [r for r in graph.references(workload) if r.kind in ("network.subnet",
                                                                     "network.vpc")]
    segments += [v for s in list(segments) for v in graph.references(s, "network.vpc")]
    recorders = [f for s in segments for f in graph.referrers(s, "logging.flow_log")]
    recorders += [
        t for t in graph.of_kind("logging.audit_trail")
        if t.provider == workload.provider and t.tenant == workload.tenant
    ]
    found: dict[tuple[str, str], tuple[Resource, Resource]] = {}
    for recorder in recorders:
        for store in graph.references(recorder):
            if store.kind in TAMPER_ACTIONS:
                found.setdefault((store.id, recorder.id), (store, recorder))
    return list(found.values())


def log_writers(graph: ResourceGraph, workload: Resource) -> LogWriters:
    """The statements of the workload's roles (their own, their inline and attached
    policies) that allow a tamper action on a log store recording the workload."""
    stores = log_stores(graph, workload)
    if not stores:
        return LogWriters((), (), ())
    not_known: list[str] = []
    roles = list(graph.references(workload, "identity.role"))
    if not roles:  # a role named by a reference or a name that is not in the scan
        not_known += [
            f"{item.attribute} {item.target} (not in the scan)"
            for item in graph.unresolved(workload)
            if item.attribute.split(".")[0] in ROLE_ATTRIBUTES
        ]
        not_known += [
            f"{key} {value} (not in the scan)" for key in ROLE_ATTRIBUTES
            if isinstance(value := workload.attributes.get(key), str) and value
        ]
        not_known += [  # written with a value not known before apply (a variable)
            f"{key} not known before apply" for key in ROLE_ATTRIBUTES
            if key in workload.attributes and workload.attributes[key] is None
        ]
        named = {item.attribute.split(".")[0] for item in workload.references}
        not_known += [  # a template's expression naming no resource (a parameter)
            f"{key} given by an expression naming no resource of the scan"
            for key in ROLE_ATTRIBUTES
            if isinstance(workload.attributes.get(key), Mapping) and key not in named
        ]
    found: list[LogTampering] = []
    for role in roles:
        holders = [role, *graph.references(role, "identity.policy"),
                   *graph.referrers(role, "identity.policy")]
        for holder in {h.id: h for h in holders}.values():
            statements = holder.facets.permissions
            if statements is None:
                not_known.append(f"permissions of {holder.name} not known (a managed policy "
                                 "not listed, or a policy that cannot be read)")
                continue
            for index, statement in enumerate(statements):
                for store, recorder in stores:
                    hit = _tampers(graph, holder, statement, store)
                    if hit is not None:
                        found.append(LogTampering(store, recorder, role, holder, statement,
                                                  index, hit[0], hit[1]))
    return LogWriters(tuple(stores), tuple(found), tuple(dict.fromkeys(not_known)))


def _tampers(
    graph: ResourceGraph, holder: Resource, statement: PolicyStatement, store: Resource
) -> tuple[str, bool] | None:
    """The first tamper action on ``store`` the statement allows, and whether its resources
    surely include the store; None when it allows none."""
    allowed = [t for t in TAMPER_ACTIONS[store.kind] if statement.allows(t)]
    if not allowed:
        return None
    if statement.resources is None:
        return allowed[0], False
    sure = maybe = False
    for pattern in statement.resources:
        if pattern.startswith("ref:"):
            target = graph.resolve(holder, pattern[4:].split("/", 1)[0])
            sure = sure or (target is not None and target.id == store.id)
        elif pattern == _UNKNOWN_ARN:
            maybe = True
        else:
            match = arns.covers(pattern, store)
            sure = sure or match is True
            maybe = maybe or match is None
    if sure:
        return allowed[0], True
    return (allowed[0], False) if maybe else None


# -- declared data flows ---------------------------------------------------------------


@dataclass(frozen=True)
class FlowDowngrade:
    """A declared data flow into a system that is not declared to protect what it receives:
    ``problem`` is ``personal`` (personal data into a system without personal data),
    ``classification`` (into a lower classification) or ``unknown`` (the target's
    classification is not declared)."""

    source: Resource
    target: Resource
    problem: str
    source_level: str | None = None
    target_level: str | None = None


def flow_downgrades(graph: ResourceGraph, system: Resource) -> list[FlowDowngrade]:
    """The declared flows out of ``system`` whose target holds the data at a lower level."""
    found: list[FlowDowngrade] = []
    level = graph.classification(system)
    for target, personal in graph.data_flows(system):
        if personal and graph.personal_data(target) is not True:
            found.append(FlowDowngrade(system, target, "personal"))
        if level is None:
            continue
        other = graph.classification(target)
        if other is None:
            if Classification(level).rank > Classification.PUBLIC.rank:
                found.append(FlowDowngrade(system, target, "unknown", level))
        elif Classification(other).rank < Classification(level).rank:
            found.append(FlowDowngrade(system, target, "classification", level, other))
    return found
