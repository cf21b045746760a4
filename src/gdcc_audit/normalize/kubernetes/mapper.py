"""The Kubernetes mapper: one canonical resource per object, named ``namespace/Kind/name``
(``Kind/name`` for cluster-scoped kinds). Secret and ConfigMap values are never copied."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from pydantic import ValidationError

from gdcc_audit.errors import InputError
from gdcc_audit.load.ignored_values import META_KEY as IGNORED_VALUES
from gdcc_audit.load.interface import Document
from gdcc_audit.load.kube_kinds import (
    ALB_CLASS_PARAMS,
    ALPHA_ROUTE_KINDS,
    ECK_KINDS,
    FORMAT,
    GATEWAY,
    GATEWAY_ALPHA,
    GKE_MULTI_CLUSTER_SERVICE,
    ISTIO_GATEWAY,
    ISTIO_VIRTUAL_SERVICE,
    KIND_GROUPS,
    OPENSHIFT_ROUTE,
    OTEL_COLLECTOR,
    PROXY_CONFIG,
    PROXY_CONFIG_KINDS,
    PROXY_KINDS,
    ROUTE_KINDS,
    TRAEFIK_ROUTES,
    WORKLOAD_KINDS,
    is_list,
    kind_of,
)
from gdcc_audit.load.kubernetes import HELM_VALUES, KUSTOMIZATION, SIDECARS_KEY, object_names
from gdcc_audit.load.lost import LostPart
from gdcc_audit.load.lost import note as note_lost
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets, IngressRule, Reference, Resource
from gdcc_audit.normalize.absent import absent_facets
from gdcc_audit.normalize.cloudformation.values import detect_secrets, location
from gdcc_audit.normalize.defaults import SECRET_ORIGIN
from gdcc_audit.normalize.interface import (
    MAPPING_ERRORS,
    MapContext,
    Mapper,
    canonical_id,
    secret_holder,
)
from gdcc_audit.normalize.kubernetes.ambassador import annotation_routes
from gdcc_audit.normalize.kubernetes.eck import eck_pods, eck_services, without_pods
from gdcc_audit.normalize.kubernetes.escalation import ESCALATION_PATHS
from gdcc_audit.normalize.kubernetes.generator_sources import Source, generator_sources
from gdcc_audit.normalize.kubernetes.helm_values import kustomize_chart_holders, values_holders
from gdcc_audit.normalize.kubernetes.ignored_secrets import merge_ignored_secrets
from gdcc_audit.normalize.kubernetes.ingress_redirects import (
    NGINX_SETTINGS,
    ingress_encrypted,
    named_controller,
    nginx_settings,
)
from gdcc_audit.normalize.kubernetes.knative import DOMAINS, config_domains
from gdcc_audit.normalize.kubernetes.load_balancers import (
    internal_lb,
    load_balancer_tls,
    source_ranges,
)
from gdcc_audit.normalize.kubernetes.otel import (
    collector_workload,
    go_bounds,
    runs_pods,
    sidecar_facets,
    without_pod,
)
from gdcc_audit.normalize.kubernetes.proxies import (
    STREAMS,
    ingress_nginx_streams,
    proxy_facets,
    proxy_kind,
)
from gdcc_audit.normalize.kubernetes.traefik_files import (
    TRAEFIK_FILES,
    chart_entry_points,
    traefik_files,
    traefik_release,
)
from gdcc_audit.normalize.kubernetes.workload import (
    account_placeholder_reason,
    containers,
    pod_spec,
    references_of,
    workload_decided_by,
    workload_defaults,
    workload_facets,
)
from gdcc_audit.normalize.tags import read_tags
from gdcc_audit.normalize.unread import note_unmapped
from gdcc_audit.secrets.config_files import document_secrets, settings_only
from gdcc_audit.secrets.detect import (
    REDACTED,
    TOO_BIG,
    decoded_user_data,
    identity_key,
    issued_key_placeholder,
    key_parameter,
    secret_value,
)
from gdcc_audit.secrets.detect import detect_secrets as shared_detect_secrets
from gdcc_audit.secrets.kubernetes import (
    annotation_secrets,
    custom_resource_secrets,
    identity_reason,
    placeholder_reason,
)

CLUSTER_SCOPED = frozenset(
    {"Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass",
     "PodSecurityPolicy", "CustomResourceDefinition", "PriorityClass", "IngressClass",
     "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService",
     "CSIDriver", "RuntimeClass", *ALB_CLASS_PARAMS}
)
_KINDS = {
    **dict.fromkeys(WORKLOAD_KINDS, "k8s.workload"),
    "Service": "k8s.service",
    # GKE: the Service template GKE derives in each member cluster (the MultiClusterIngress
    # backends name it)
    GKE_MULTI_CLUSTER_SERVICE: "k8s.service",
    "Ingress": "k8s.ingress",
    # the Gateway API: a Gateway is an entry point as an Ingress is; its routes send on
    GATEWAY: "k8s.ingress",
    **dict.fromkeys(ROUTE_KINDS, "k8s.route"),
    GATEWAY_ALPHA: "k8s.ingress",
    **dict.fromkeys(ALPHA_ROUTE_KINDS, "k8s.route"),
    # an OpenShift Route publishes a Service through the cluster's router
    OPENSHIFT_ROUTE: "k8s.ingress",
    # Istio: a Gateway opens ports on the ingress gateway; a VirtualService routes on
    ISTIO_GATEWAY: "k8s.ingress",
    ISTIO_VIRTUAL_SERVICE: "k8s.route",
    # Traefik: an IngressRoute publishes Services on the proxy's entry points
    **dict.fromkeys(TRAEFIK_ROUTES, "k8s.ingress"),
    # Contour, Kong, Emissary, NGINX: entry points, or routes a root delegates to
    # (proxies.proxy_kind)
    **dict.fromkeys(PROXY_KINDS, "k8s.ingress"),
    # Emissary Host, GKE FrontendConfig: the TLS of the entry points they apply to; an
    # IngressClass (and AWS IngressClassParams): the controller of the Ingresses of its class
    **dict.fromkeys(PROXY_CONFIG_KINDS, PROXY_CONFIG),
    "IngressClass": PROXY_CONFIG,
    "NetworkPolicy": "k8s.network_policy",
    "Role": "k8s.role",
    "ClusterRole": "k8s.role",
    "RoleBinding": "k8s.role_binding",
    "ClusterRoleBinding": "k8s.role_binding",
    "Namespace": "k8s.namespace",
    "Secret": "k8s.secret",
    "ConfigMap": "k8s.config_map",
    "ServiceAccount": "identity.role",
    "PersistentVolumeClaim": "storage.volume",
    # judged through the pods whose claims bind it (normalize/kubernetes/link.py)
    "PersistentVolume": "k8s.persistent_volume",
}
_ADMIN_ROLES = frozenset({"cluster-admin", "admin"})
_BUILTIN_ROLES = frozenset({"edit", "view"})
#: Subjects that stand for anyone who reaches the API server: the anonymous user and the
#: group of unauthenticated requests (Kubernetes "Authenticating", Anonymous requests).
_PUBLIC_SUBJECTS = frozenset({"system:anonymous", "system:unauthenticated"})
#: The group of every authenticated identity: every service account of the cluster, and on
#: GKE anyone signed in with a Google account ("Role-based access control": avoid the
#: system:authenticated group,
#: https://cloud.google.com/kubernetes-engine/docs/how-to/role-based-access-control).
_AUTHENTICATED = "system:authenticated"
#: The ClusterRoles Kubernetes itself binds to ``system:authenticated`` (discovery, the
#: caller's own rights, public cluster information): binding them gives no one more
#: ("Using RBAC Authorization", Default roles and role bindings, API discovery roles).
_DISCOVERY_ROLES = frozenset({"system:basic-user", "system:discovery", "system:public-info-viewer"})
_LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration"


def canonical_kind(obj: Any) -> str | None:
    """The canonical kind of a Kubernetes object gdcc-audit judges (its ``kind`` in its API
    group, :func:`kind_of`), None for the others."""
    kind = kind_of(obj)
    if kind in PROXY_KINDS:
        return proxy_kind(kind, obj)
    if kind is None:  # a release of the traefik chart: its controller's entry points
        return PROXY_CONFIG if traefik_release(obj) is not None else None
    return _KINDS.get(kind)


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def address(kind: str, name: str, namespace: str | None) -> str:
    """``namespace/Kind/name``, or ``Kind/name`` for cluster-scoped kinds (ids and names)."""
    return f"{kind}/{name}" if kind in CLUSTER_SCOPED else f"{namespace or 'default'}/{kind}/{name}"


def native_address(kind: str, name: str, namespace: str | None) -> str:
    """``Kind/namespace/name`` as kubectl users write it; ``Kind/name`` when cluster-scoped."""
    return f"{kind}/{name}" if kind in CLUSTER_SCOPED else f"{kind}/{namespace or 'default'}/{name}"


def service_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    spec = _mapping(obj.get("spec"))
    kind = spec.get("type", "ClusterIP")
    annotations = _mapping(_mapping(obj.get("metadata")).get("annotations"))
    internal = internal_lb(annotations, spec.get("loadBalancerClass"))
    exposed = kind in ("LoadBalancer", "NodePort") or bool(spec.get("externalIPs"))
    public = exposed and not (kind == "LoadBalancer" and internal)
    ranges = source_ranges(spec, annotations)
    sources: tuple[str, ...] | None
    if not public:
        sources = ("cluster",) if kind == "ClusterIP" else None
    elif ranges:
        sources = tuple(ranges)
    else:
        sources = ("0.0.0.0/0",)
    rules = []
    for item in spec.get("ports") or []:
        port = _mapping(item)
        number = port.get("nodePort") if kind == "NodePort" else port.get("port")
        number = number if isinstance(number, int) and 0 <= number <= 65535 else None
        protocol = str(port.get("protocol", "TCP")).lower()
        rules.append(IngressRule(protocol=protocol, from_port=number, to_port=number,
                                 sources=sources))
    found: dict[str, Any] = {"public_endpoint": public, "ingress": tuple(rules)}
    tls = load_balancer_tls(spec, annotations)
    if tls is not None:
        found["encrypted_in_transit"] = tls
    return found


def network_policy_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    spec = _mapping(obj.get("spec"))
    selector = spec.get("podSelector")
    all_pods = not selector or (
        isinstance(selector, Mapping) and not selector.get("matchLabels")
        and not selector.get("matchExpressions")
    )
    types = spec.get("policyTypes") or ["Ingress"]
    rules = spec.get("ingress")
    return {"default_deny": bool(all_pods and "Ingress" in types and not rules)}


_SECRET_READ_VERBS = frozenset({"get", "list", "watch", "*"})


def _names_only(rule: Mapping[str, Any]) -> bool:
    """The rule holds for the objects its ``resourceNames`` list only: get, list and watch
    then return those objects alone ("Using RBAC Authorization", Referring to resources:
    list and watch "must include a metadata.name field selector" matching a name listed,
    https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources)."""
    names = rule.get("resourceNames")
    return isinstance(names, list) and bool(names) and all(
        isinstance(n, str) and n for n in names
    )


def _reads_secrets(rule: Mapping[str, Any]) -> bool:
    """The rule lets its holder read every Secret it reaches (of its namespace, or of the
    cluster): one restricted to Secrets it names (a webhook's own CA Secret) does not."""
    groups = rule.get("apiGroups") or [""]
    resources = rule.get("resources") or []
    verbs = rule.get("verbs") or []
    core = "" in groups or "*" in groups
    return (
        core
        and ("secrets" in resources or "*" in resources)
        and any(v in _SECRET_READ_VERBS for v in verbs)
        and not _names_only(rule)
    )


def named_secret_reads(obj: Mapping[str, Any]) -> Text | None:
    """Why a role that reads Secrets only by name passes GDCC-K8S-016 (``reads_secrets``
    False): the Secrets it names; None when it reads none, or reads any Secret."""
    rules = [_mapping(r) for r in _mapping(obj).get("rules") or []]
    if aggregated(obj) or any(_reads_secrets(r) for r in rules):
        return None
    names = sorted({
        str(n) for r in rules if _reads_secrets({**r, "resourceNames": None})
        for n in r.get("resourceNames") or []
    })
    if not names:
        return None
    listed = ", ".join(names)
    return Text(
        en=f"it reads only the Secrets its rules name in resourceNames: {listed}",
        th=f"อ่านได้เฉพาะ Secret ที่ rules ระบุชื่อไว้ใน resourceNames: {listed}",
    )


#: Why an aggregated ClusterRole's permissions are not known from the files.
AGGREGATED = Text(
    en="an aggregated ClusterRole: the control plane replaces its rules with those of every "
    "ClusterRole of the cluster its aggregationRule selects",
    th="เป็น ClusterRole แบบรวม: control plane แทนที่ rules ด้วย rules ของทุก ClusterRole "
    "ในคลัสเตอร์ที่ aggregationRule เลือก",
)


#: The facets of a role its rules give (not known for an aggregated ClusterRole).
ROLE_FACETS = (
    "wildcard_permissions", "admin_privileges", "reads_secrets", "rbac_escalation",
    "escalation_paths", "runs_workloads",
)


def aggregated(obj: Mapping[str, Any]) -> bool:
    """A ClusterRole with an ``aggregationRule`` that selects roles: "the control plane
    overwrites any values that you manually specify in the rules field of an aggregate
    ClusterRole" (Using RBAC Authorization, Aggregated ClusterRoles,
    https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles);
    the roles it selects by label may be anywhere in the cluster."""
    if obj.get("kind") != "ClusterRole":
        return False
    selectors = _mapping(obj.get("aggregationRule")).get("clusterRoleSelectors")
    return isinstance(selectors, list | Mapping) and bool(selectors)


_RBAC_GROUP = frozenset({"rbac.authorization.k8s.io"})
#: Verbs that give a role's holder more than the role: ``escalate`` on roles lets them write
#: any permission into a role, ``bind`` lets them bind any role (cluster-admin too) without
#: holding it, ``impersonate`` lets them act as any user, group or service account
#: (Kubernetes documentation, "Role Based Access Control Good Practices", Privilege
#: escalation risks: https://kubernetes.io/docs/concepts/security/rbac-good-practices/
#: #privilege-escalation-risks; "Using RBAC Authorization", Restrictions on role creation or
#: update / role binding creation or update). Verb, API groups, resources it acts on.
_ESCALATION_VERBS = (
    ("escalate", _RBAC_GROUP, frozenset({"roles", "clusterroles"})),
    ("bind", _RBAC_GROUP, frozenset({"roles", "clusterroles"})),
    (
        "impersonate",
        frozenset({"", "authentication.k8s.io"}),
        # an extra field is ``userextras/KEY`` (:func:`_extra`): ``userextras`` alone, a
        # resource without its subresource, matches no impersonating request
        frozenset({"users", "groups", "serviceaccounts", "uids"}),
    ),
)


def rbac_escalation(rules: Any) -> tuple[str, ...]:
    """``"VERB on RESOURCE"`` for each escalate / bind / impersonate a role's rules allow,
    ``*`` verbs, groups and resources included (``"bind on *"``); ``"VERB on RESOURCE named
    A, B"`` when the rule lists ``resourceNames`` (it then acts on those objects only: bind
    on the roles named, impersonate the accounts named)."""
    found: set[str] = set()
    for item in rules if isinstance(rules, list) else ():
        rule = _mapping(item)
        groups = {str(g) for g in rule.get("apiGroups") or [""]}
        verbs = {str(v) for v in rule.get("verbs") or []}
        resources = [str(r) for r in rule.get("resources") or []]
        names = [str(n) for n in rule.get("resourceNames") or [] if n]
        named = f" named {', '.join(names)}" if names else ""
        for verb, in_groups, acted_on in _ESCALATION_VERBS:
            if not verbs & {verb, "*"} or not ("*" in groups or groups & in_groups):
                continue
            found.update(
                f"{verb} on {r}{named}" for r in resources
                if r == "*" or r in acted_on or (verb == "impersonate" and _extra(r))
            )
    return tuple(sorted(found))


def _extra(resource: str) -> bool:
    """An impersonated user's extra field, as RBAC checks it: resource ``userextras``,
    subresource the field's key (``userextras/scopes``, "User impersonation", the example
    role of the Kubernetes documentation, Authenticating:
    https://kubernetes.io/docs/reference/access-authn-authz/authentication/#user-impersonation);
    ``*/scopes`` matches it too (RBAC resource matching)."""
    return resource.startswith(("userextras/", "*/")) and len(resource.split("/")) == 2


#: Approving CertificateSigningRequests: ``update`` on ``certificatesigningrequests/approval``
#: and ``approve`` on the signer ("Certificates and Certificate Signing Requests",
#: Authorization); the CSR API "allows for users with create rights to CSRs and update rights
#: on certificatesigningrequests/approval where the signer is
#: kubernetes.io/kube-apiserver-client to create new client certificates which allow users to
#: authenticate to the cluster" (RBAC good practices). A signer outside ``kubernetes.io/``
#: (``issuers.cert-manager.io/*``) issues no certificate the cluster's components trust.
_CSR_APPROVAL = ("update", "patch")
_CLUSTER_SIGNERS = ("kubernetes.io/", "*")


def _resource_matches(granted: str, wanted: str) -> bool:
    """RBAC resource matching: ``*`` is every resource and subresource, ``*/proxy`` that
    subresource of every resource."""
    if granted in ("*", wanted):
        return True
    return "/" in wanted and granted == "*/" + wanted.split("/", 1)[1]


#: Verbs a rule that lists ``resourceNames`` never allows on the objects of a resource (not
#: on a subresource): "You cannot restrict create or deletecollection requests by their
#: resource name. For create, this limitation is because the name of the new object may not
#: be known at authorization time" ("Using RBAC Authorization", Referring to resources,
#: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources):
#: such a request carries no name, so a rule naming objects matches none of them. A request
#: on a subresource (``serviceaccounts/token``, ``pods/exec``) carries its object's name.
_UNNAMED_VERBS = frozenset({"create", "deletecollection"})


def named_verbs(rule: Mapping[str, Any], resource: str) -> set[str]:
    """The verbs a rule allows on ``resource`` (written as in the rule; ``*`` kept): without
    ``create`` and ``deletecollection`` when the rule names objects (``resourceNames``) and
    ``resource`` is not a subresource."""
    verbs = {str(v) for v in rule.get("verbs") or []}
    if rule.get("resourceNames") and "/" not in resource:
        verbs -= _UNNAMED_VERBS
    return verbs


def _rule_grants(
    rule: Mapping[str, Any], groups: frozenset[str], resource: str, verbs: frozenset[str]
) -> list[str]:
    """``"VERB on RESOURCE"`` for each verb of ``verbs`` the rule grants on ``resource`` (a
    rule naming objects grants no ``create`` of them, :func:`named_verbs`)."""
    in_groups = {str(g) for g in rule.get("apiGroups") or [""]}
    if not ("*" in in_groups or in_groups & groups):
        return []
    if not any(_resource_matches(str(r), resource) for r in rule.get("resources") or []):
        return []
    granted = named_verbs(rule, resource)
    names = [str(n) for n in rule.get("resourceNames") or []]
    # limited to named objects (its own webhook, one service account): still a path, through
    # those objects, and the finding names them
    named = f" named {', '.join(names)}" if names else ""
    return [f"{v} on {resource}{named}" for v in sorted(granted & (verbs | {"*"}))]


def escalation_paths(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """``"VERB on RESOURCE"`` for each grant of a Role / ClusterRole that opens a privilege
    escalation path besides escalate / bind / impersonate (:data:`ESCALATION_PATHS`, and
    approving certificate requests for a ``kubernetes.io`` signer); a Role's, the namespaced
    ones only."""
    rules = [_mapping(r) for r in _mapping(obj).get("rules") or []]
    cluster = obj.get("kind") != "Role"
    found: set[str] = set()
    for _name, groups, resources, verbs, namespaced in ESCALATION_PATHS:
        if cluster or namespaced:
            for resource in sorted(resources):
                found.update(
                    g for rule in rules for g in _rule_grants(rule, groups, resource, verbs)
                )
    if cluster:
        certificates = frozenset({"certificates.k8s.io"})
        approval = [
            g for rule in rules for g in _rule_grants(
                rule, certificates, "certificatesigningrequests/approval",
                frozenset(_CSR_APPROVAL))
        ]
        signers = [
            g for rule in rules
            if not rule.get("resourceNames") or any(
                str(n).startswith(_CLUSTER_SIGNERS) for n in rule.get("resourceNames") or []
            )
            for g in _rule_grants(rule, certificates, "signers", frozenset({"approve"}))
        ]
        if approval and signers:
            found.update(approval + signers)
    return tuple(sorted(found))


#: "Since Pods can run as any ServiceAccount, granting permission to create workloads also
#: implicitly grants the API access levels of any service account in that namespace"
#: (Kubernetes documentation, "Role Based Access Control Good Practices", Workload creation:
#: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation).
#: Resource -> the verbs that run code there: creating a pod or a workload that makes pods,
#: changing a workload's pod template, exec into or attach to a running pod (``get`` too:
#: the WebSocket upgrade).
_RUNS_PODS: dict[str, frozenset[str]] = {
    "pods": frozenset({"create", "*"}),
    **dict.fromkeys(
        ("deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs",
         "replicationcontrollers"),
        frozenset({"create", "update", "patch", "*"}),
    ),
    **dict.fromkeys(("pods/exec", "pods/attach"), frozenset({"create", "get", "*"})),
}
#: Custom resources whose controller makes the pods they describe, run as the service account
#: the object names, as a Job's controller does: by API group, the resource -> the verbs that
#: run code. Argo Workflows: "Argo Workflows is a Pod controller. In the same way that a
#: Kubernetes Deployment or Job can create arbitrary Pods, Argo Workflows can create arbitrary
#: Pods"; "The controller will then create workflow pods ... on behalf of the users, even if
#: the user does not have permission to do this themselves" (Argo Workflows, Security, User
#: Permissions: https://argo-workflows.readthedocs.io/en/latest/security/); a Workflow's pods
#: run as its ``spec.serviceAccountName``, a CronWorkflow's as its ``workflowSpec``'s
#: (argoproj/argo-workflows' quick-start ``workflow-manager`` Role, create on workflows, bound
#: to ``default``, PASSed GDCC-GRAPH-011). Tekton: a TaskRun's or PipelineRun's pods run as
#: the ``serviceAccountName`` it gives (Tekton Pipelines, TaskRuns, "Specifying
#: ServiceAccount credentials": https://tekton.dev/docs/pipelines/taskruns/).
_RUNS_PODS_OF_GROUP: dict[str, dict[str, frozenset[str]]] = {
    "argoproj.io": {
        "workflows": frozenset({"create", "*"}),
        "cronworkflows": frozenset({"create", "update", "patch", "*"}),
    },
    "tekton.dev": {
        "taskruns": frozenset({"create", "*"}),
        "pipelineruns": frozenset({"create", "*"}),
    },
}


def _runs_custom_pods(rule: Mapping[str, Any], resources: set[str]) -> bool:
    """The rule creates custom resources whose controller runs pods
    (:data:`_RUNS_PODS_OF_GROUP`), in their API group (or every group)."""
    groups = {str(g) for g in rule.get("apiGroups") or [""]}
    return any(
        named_verbs(rule, resource) & verbs
        for group, kinds in _RUNS_PODS_OF_GROUP.items() if group in groups or "*" in groups
        for resource, verbs in kinds.items() if resource in resources
    )


def _runs_workloads(rule: Mapping[str, Any]) -> bool:
    """The rule lets its holder run code in pods (``_RUNS_PODS``, and custom resources whose
    controller runs pods: ``_RUNS_PODS_OF_GROUP``); a rule naming objects creates none
    (:func:`named_verbs`: ``create`` on ``pods`` named ``x`` allows nothing), but may change
    a named workload's pod template or exec into a named pod."""
    verbs = {str(v) for v in rule.get("verbs") or []}
    resources = {str(r) for r in rule.get("resources") or []}
    if "*" in resources:  # pods/exec too: a subresource keeps create on named pods
        return bool(verbs & {"create", "update", "patch", "get", "*"})
    return any(
        named_verbs(rule, r) & _RUNS_PODS.get(r, frozenset()) for r in resources
    ) or _runs_custom_pods(rule, resources)


def role_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    if aggregated(obj):  # its own rules are not what it grants: not known from the files
        return dict.fromkeys(ROLE_FACETS)
    wildcard, admin = False, False
    reads = any(_reads_secrets(_mapping(r)) for r in _mapping(obj).get("rules") or [])
    runs = any(_runs_workloads(_mapping(r)) for r in _mapping(obj).get("rules") or [])
    for item in _mapping(obj).get("rules") or []:
        rule = _mapping(item)
        verbs, resources = rule.get("verbs") or [], rule.get("resources") or []
        if "*" in verbs or "*" in resources or "*" in (rule.get("apiGroups") or []):
            wildcard = True
        if "*" in verbs and "*" in resources:
            admin = True
    return {
        "wildcard_permissions": wildcard,
        "admin_privileges": admin,
        "reads_secrets": reads,
        "rbac_escalation": rbac_escalation(_mapping(obj).get("rules")),
        "escalation_paths": escalation_paths(obj),
        "runs_workloads": runs,
    }


#: Groups every service account belongs to, the ``default`` ones included: all service
#: accounts (``system:serviceaccounts``), those of one namespace
#: (``system:serviceaccounts:<namespace>``) and every authenticated identity
#: (``system:authenticated``). Kubernetes documentation, "Using RBAC Authorization",
#: Referring to subjects: https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-subjects
_SERVICE_ACCOUNT_GROUPS = frozenset({"system:serviceaccounts", "system:authenticated"})


def _grants_default_account(subject: Mapping[str, Any]) -> bool:
    """The subject is a ``default`` service account, or a group every service account (so
    every ``default`` one) belongs to: a role bound to it reaches every pod that runs as
    ``default``."""
    kind, name = subject.get("kind"), subject.get("name")
    if not isinstance(name, str):
        return False
    if kind == "ServiceAccount":
        return name == "default"
    if kind == "Group":
        return name in _SERVICE_ACCOUNT_GROUPS or name.startswith("system:serviceaccounts:")
    return name.startswith("system:serviceaccount:") and name.endswith(":default")


def binding_subjects(obj: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The subjects a binding grants its role to: ``subjects``; an OpenShift binding
    (``authorization.openshift.io``) that writes ``userNames`` / ``groupNames`` grants those
    instead ("subjects ... is ignored if UserNames or GroupNames are specified", OpenShift
    API, RoleBinding [authorization.openshift.io/v1]); a user name
    ``system:serviceaccount:<namespace>:<name>`` is that service account."""
    api = str(obj.get("apiVersion") or "")
    users, groups = obj.get("userNames"), obj.get("groupNames")
    if not api.startswith("authorization.openshift.io/") or not (users or groups):
        return [_mapping(s) for s in obj.get("subjects") or []]
    found: list[Mapping[str, Any]] = []
    for name in users if isinstance(users, list) else []:
        parts = str(name).split(":")
        if len(parts) == 4 and parts[:2] == ["system", "serviceaccount"]:
            found.append({"kind": "ServiceAccount", "namespace": parts[2], "name": parts[3]})
        else:
            found.append({"kind": "User", "name": name})
    found += [{"kind": "Group", "name": n} for n in (groups if isinstance(groups, list) else [])]
    return found


def _public_grants(obj: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The subjects of a binding that stand for everyone, each as ``Group
    system:authenticated bound to ClusterRole edit``: the anonymous user and the
    unauthenticated group whatever the role; the group of every authenticated identity
    unless the role is one Kubernetes binds to it itself (``_DISCOVERY_ROLES``). None when
    a subject that could be one of them, or the role it gets, is not known."""
    ref = _mapping(obj.get("roleRef"))
    role, role_kind = ref.get("name"), ref.get("kind", "ClusterRole")
    grants: list[str] = []
    for subject in binding_subjects(obj):
        kind, name = subject.get("kind"), subject.get("name")
        if kind == "ServiceAccount":  # a service account's name holds no ``:``
            continue
        if not isinstance(name, str):
            return None
        if name == _AUTHENTICATED and kind != "Group":
            if isinstance(kind, str):  # a user of that name is no one's identity
                continue
            return None
        if name not in _PUBLIC_SUBJECTS and name != _AUTHENTICATED:
            continue
        if not isinstance(role, str) or not isinstance(role_kind, str):
            return None
        if name == _AUTHENTICATED and role_kind == "ClusterRole" and role in _DISCOVERY_ROLES:
            continue
        grants.append(f"{kind} {name} bound to {role_kind} {role}")
    return tuple(grants)


def binding_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    role = _mapping(obj.get("roleRef")).get("name")
    role = role if isinstance(role, str) else None
    admin = True if role in _ADMIN_ROLES else (False if role in _BUILTIN_ROLES else None)
    default_account = any(_grants_default_account(s) for s in binding_subjects(obj))
    grants = _public_grants(obj)
    return {
        "admin_privileges": admin,
        "public_access": None if grants is None else bool(grants),
        "public_grants": grants,
        "binds_default_service_account": default_account,
        "bound_role": role,
    }


def service_account_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """``automount_token`` as the account writes it; None when it does not (its pods then get
    the Kubernetes default, which GDCC-K8S-012 names as such: it said "(service account)")."""
    automount = obj.get("automountServiceAccountToken")
    return {"automount_token": automount if isinstance(automount, bool) else None}


def persistent_volume_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The node path of a ``hostPath`` PersistentVolume (``host_path_mounts``): a pod whose
    claim binds it mounts that path of its node (normalize/kubernetes/link.py)."""
    host = _mapping(_mapping(obj.get("spec")).get("hostPath"))
    path = host.get("path")
    return {"host_path_mounts": (str(path),) if host and path is not None else ()}


def ingress_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """An Ingress encrypts in transit as the controller its class names serves it
    (``ingress_redirects.ingress_encrypted``): not set (not known) when that depends on
    objects the graph reads (a GKE FrontendConfig)."""
    found = ingress_encrypted(obj, named_controller(obj))
    return {} if found is None else {"encrypted_in_transit": found}


def multi_cluster_service_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A GKE MultiClusterService is judged as the Service of its ``template``."""
    template = _mapping(_mapping(obj.get("spec")).get("template"))
    return service_facets({**obj, "spec": _mapping(template.get("spec"))})


def openshift_route_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """An OpenShift Route encrypts in transit when it has ``tls`` and does not also serve
    plain HTTP (``insecureEdgeTerminationPolicy: Allow``)."""
    tls = _mapping(_mapping(obj.get("spec")).get("tls"))
    return {"encrypted_in_transit": bool(tls) and str(
        tls.get("insecureEdgeTerminationPolicy") or ""
    ) != "Allow"}


def istio_gateway_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """An Istio Gateway encrypts in transit when every server is HTTPS / TLS, or plain HTTP
    that only redirects to HTTPS (``tls.httpsRedirect``)."""
    servers = [_mapping(s) for s in _mapping(obj.get("spec")).get("servers") or []]
    return {"encrypted_in_transit": bool(servers) and all(
        str(_mapping(s.get("port")).get("protocol") or "").upper() in ("HTTPS", "TLS")
        or _mapping(s.get("tls")).get("httpsRedirect") is True
        for s in servers
    )}


def traefik_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A Traefik IngressRoute terminates TLS when it has ``tls`` (``tls: {}`` is TLS with the
    default certificate); without, the graph reads its entry points and middlewares
    (``graph.kube_traefik``)."""
    return {"encrypted_in_transit": _mapping(obj.get("spec")).get("tls") is not None}


def gateway_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A Gateway encrypts in transit when every listener is HTTPS or TLS."""
    protocols = [
        str(_mapping(item).get("protocol") or "").upper()
        for item in _mapping(obj.get("spec")).get("listeners") or []
    ]
    return {"encrypted_in_transit": bool(protocols) and all(
        p in ("HTTPS", "TLS") for p in protocols
    )}


def _data_keys(obj: Mapping[str, Any]) -> dict[str, list[str]]:
    return {
        key: sorted(str(k) for k in _mapping(obj.get(key)))
        for key in ("data", "stringData", "binaryData")
        if obj.get(key)
    }


def _kept_secret(section: str, value: Any) -> bool:
    """Whether a Secret's value is a secret: not an empty string or a placeholder, nor a
    certificate (a CA bundle, ``tls.crt``: public), written as text (``stringData``) or
    base64 (``data``; the Terraform provider's ``data`` is text, so the value is judged as
    written too). A value that is not text (a reference) counts."""
    if not isinstance(value, str):
        return True
    if not secret_value(value):
        return False
    decoded = decoded_user_data(value) if section != "stringData" else None
    return decoded is None or decoded == TOO_BIG or secret_value(decoded)


def _placeholder_kept(section: str, key: str, value: Any) -> bool:
    """Whether a Secret's value is a placeholder for a key or token a third party issues
    (``stringData: {HF_TOKEN: HF_TOKEN}``, or so in base64 under ``data``):
    :func:`~gdcc_audit.secrets.detect.issued_key_placeholder`."""
    if not isinstance(value, str) or section == "binaryData":
        return False
    decoded = decoded_user_data(value) if section != "stringData" else None
    text = value if decoded is None or decoded == TOO_BIG else decoded
    return issued_key_placeholder(key, text)


def _settings_file_kept(section: str, key: str, value: Any) -> bool:
    """Whether a Secret's value is a configuration file holding no credential
    (:func:`~gdcc_audit.secrets.config_files.settings_only`: kube-prometheus'
    ``alertmanager-main`` ``alertmanager.yaml`` of routes and receivers' names, ``grafana.ini``
    of ``[date_formats]``, ``datasources.yaml`` of a URL: they FAILed as secrets)."""
    text = _secret_text(section, value)
    return text is not None and settings_only(key, text)


def _identity_kept(section: str, key: str, value: Any) -> bool:
    """Whether a Secret's key names who logs in or where (``username``, ``POSTGRES_USER``,
    ``email``, ``host``, ``port``: :func:`~gdcc_audit.secrets.detect.identity_key`) and its
    value, as written or decoded, has no credential's shape, or describes a key (its cipher,
    size, algorithm: :func:`~gdcc_audit.secrets.detect.key_parameter`): kept beside the
    password, it is no secret itself (a Secret holding a user name FAILed as a whole; the
    password keys beside it still FAIL)."""
    text = _secret_text(section, value)
    return text is not None and (identity_key(key, text) or key_parameter(key, text))


def _secret_text(section: str, value: Any) -> str | None:
    """A Secret's value as text: decoded from base64 in ``data`` (as written when it is not
    base64), as written in ``stringData``; None for ``binaryData``, a value that is no
    string, or one too big to decode."""
    if not isinstance(value, str) or section == "binaryData":
        return None
    decoded = decoded_user_data(value) if section != "stringData" else None
    if decoded == TOO_BIG:
        return None
    return value if decoded is None else decoded


def secret_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    paths = [
        f"{section}.{key}"
        for section, keys in _data_keys(obj).items()
        for key in keys
        if _kept_secret(section, _mapping(obj.get(section)).get(key))
        and not _placeholder_kept(section, key, _mapping(obj.get(section)).get(key))
        and not _settings_file_kept(section, key, _mapping(obj.get(section)).get(key))
        and not _identity_kept(section, key, _mapping(obj.get(section)).get(key))
    ]
    return {"hardcoded_secrets": tuple(paths) + _own_annotation_secrets(obj)}


def config_map_facets(obj: Mapping[str, Any]) -> dict[str, Any]:
    data = {k: v for k, v in _mapping(obj.get("data")).items() if isinstance(v, str)}
    found = detect_secrets(data, path_prefix="data") + _own_annotation_secrets(obj)
    # a YAML / JSON configuration file's settings, read by name (config_files)
    named = tuple(
        path for key, text in data.items() if f"data.{key}" not in found
        for path in document_secrets(str(key), text, "data")
    )
    return {"hardcoded_secrets": found + named}


def stored_decided_by(facets: Mapping[str, Any], obj: Mapping[str, Any]) -> dict[str, Text]:
    """A Secret's or ConfigMap's ``hardcoded_secrets`` none of which is written, where a key
    holds a placeholder for a third party's key or token (``HF_TOKEN: HF_TOKEN``): the PASS
    says so."""
    if facets.get("hardcoded_secrets") != ():
        return {}
    held: list[str] = []
    who: list[str] = []
    if kind_of(obj) == "Secret":
        for section, keys in _data_keys(obj).items():
            for key in keys:
                value = _mapping(obj.get(section)).get(key)
                if _placeholder_kept(section, key, value):
                    held.append(f"{section}.{key}")
                elif _kept_secret(section, value) and _identity_kept(section, key, value):
                    who.append(f"{section}.{key}")
    else:
        data = {k: v for k, v in _mapping(obj.get("data")).items() if isinstance(v, str)}
        shared_detect_secrets(data, path_prefix="data", placeholders=held)
    if held:
        return {"hardcoded_secrets": placeholder_reason(held)}
    return {"hardcoded_secrets": identity_reason(who)} if who else {}


def _own_annotation_secrets(obj: Mapping[str, Any]) -> tuple[str, ...]:
    """The secrets written in the object's own annotations (``metadata.annotations.KEY``)."""
    annotations = _mapping(obj.get("metadata")).get("annotations")
    return annotation_secrets(annotations, "metadata.annotations")


#: Kinds whose own facets hold the secrets of their annotations (a workload reads its pods'
#: too); a custom resource's holder reads its annotations with its fields.
_ANNOTATIONS_JUDGED = frozenset({"k8s.workload", "k8s.config_map", "k8s.secret"})


def object_attributes(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The object as a resource's attributes: its fields, without ``status``, the
    last-applied copy or the values of Secrets and ConfigMaps (their keys only), env values
    that look like secrets redacted."""
    metadata = _mapping(obj.get("metadata"))
    kept_metadata = {
        k: v for k, v in metadata.items() if k in {"name", "namespace", "labels", "annotations"}
    }
    if traefik_release(obj) is not None:  # its values may hold secrets: the entry points only
        points = chart_entry_points(obj)
        return {"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind"),
                "metadata": kept_metadata,
                **({TRAEFIK_FILES: {"values": points}} if points is not None else {})}
    annotations = _mapping(metadata.get("annotations"))
    if annotations:
        # the last-applied copy holds the whole object again, Secret values included; an
        # annotation with a secret written in it (GDCC-SECRET-001) is kept redacted
        hidden = {path[2:] for path in annotation_secrets(annotations, "@")}
        kept_metadata["annotations"] = {
            k: REDACTED if k in hidden else v for k, v in annotations.items()
            if k != _LAST_APPLIED
        }
    result: dict[str, Any] = {
        "apiVersion": obj.get("apiVersion"), "kind": obj.get("kind"), "metadata": kept_metadata
    }
    if kind_of(obj) in ("Secret", "ConfigMap"):
        result["type"] = obj.get("type")
        streams = ingress_nginx_streams(obj) if kind_of(obj) == "ConfigMap" else []
        if streams:  # Service references, no secret
            result[STREAMS] = streams
        domains = config_domains(obj) if kind_of(obj) == "ConfigMap" else []
        if domains:  # domain names and label selectors, no secret
            result[DOMAINS] = domains
        redirects = nginx_settings(obj) if kind_of(obj) == "ConfigMap" else {}
        if redirects:  # true / false only, no secret
            result[NGINX_SETTINGS] = redirects
        traefik = traefik_files(obj) if kind_of(obj) == "ConfigMap" else {}
        if traefik:  # entry point names and options, no secret
            result[TRAEFIK_FILES] = traefik
        result["keys"] = _data_keys(obj)
        return result
    for key, value in obj.items():
        if key not in result and key != "status":
            result[key] = value
    return _redact_env(result)


def _redact_env(obj: dict[str, Any]) -> dict[str, Any]:
    """A copy whose literal env values that look like secrets are replaced."""
    if kind_of(obj) not in WORKLOAD_KINDS:
        return obj
    result = copy.deepcopy(obj)
    for _, container in containers(pod_spec(result)[0]):
        for item in container.get("env") or []:
            literal = isinstance(item, dict) and isinstance(item.get("name"), str)
            if literal and "value" in item and detect_secrets({item["name"]: item["value"]}):
                item["value"] = REDACTED
    template = _mapping(_mapping(result.get("spec")).get("template"))
    for holder in (template,):  # the object's own annotations: ``object_attributes``
        annotations = _mapping(holder.get("metadata")).get("annotations")
        if isinstance(annotations, dict):  # secrets written in annotations (GDCC-SECRET-001)
            for path in annotation_secrets(annotations, "@"):
                annotations[path[2:]] = REDACTED
    return result


def _unknown_reasons(
    obj: Mapping[str, Any], canonical: str, facets: Mapping[str, Any]
) -> dict[str, Text]:
    """Why facets of the object are not known: an aggregated ClusterRole's rules; a pod's
    service account named by a placeholder (``serviceAccountName: $K8S_SA_NAME``:
    GDCC-K8S-013 said only "not known from the input", GDCC-K8S-012 named the placeholder)."""
    if aggregated(obj):
        return dict.fromkeys(ROLE_FACETS, AGGREGATED)
    if canonical == "k8s.workload" and facets.get("uses_default_service_account") is None:
        why = account_placeholder_reason(pod_spec(obj)[0])
        if why is not None:
            return {"uses_default_service_account": why}
    return {}


def facets_of(obj: Mapping[str, Any]) -> dict[str, Any]:
    kind = kind_of(obj)
    if kind in WORKLOAD_KINDS:
        return workload_facets(obj)
    if kind in PROXY_KINDS:
        return proxy_facets(kind, obj)
    handler: Callable[[Mapping[str, Any]], dict[str, Any]] | None = {
        "Service": service_facets,
        "NetworkPolicy": network_policy_facets,
        "Role": role_facets,
        "ClusterRole": role_facets,
        "RoleBinding": binding_facets,
        "ClusterRoleBinding": binding_facets,
        "Secret": secret_facets,
        "ConfigMap": config_map_facets,
        "Ingress": ingress_facets,
        GATEWAY: gateway_facets,
        GATEWAY_ALPHA: gateway_facets,
        OPENSHIFT_ROUTE: openshift_route_facets,
        GKE_MULTI_CLUSTER_SERVICE: multi_cluster_service_facets,
        ISTIO_GATEWAY: istio_gateway_facets,
        **dict.fromkeys(TRAEFIK_ROUTES, traefik_facets),
        "ServiceAccount": service_account_facets,
        "PersistentVolume": persistent_volume_facets,
    }.get(kind or "")
    return handler(obj) if handler else {}


def _facets(
    obj: Mapping[str, Any], given: dict[str, Any] | None, canonical: str,
    sidecars: Mapping[str, Any] | None = None,
) -> tuple[dict[str, Any], dict[str, Text]]:
    """The object's facets (``given``: worked out by the caller) and why some are not known:
    a workload's pods with the OpenTelemetry sidecar collector the operator injects
    (:func:`.otel.sidecar_facets`; ``sidecars``: the load's collectors and namespaces), or
    asking for Go auto-instrumentation (:func:`.otel.go_bounds`)."""
    if given is not None:
        return dict(given), {}
    facets = facets_of(obj)
    if canonical != "k8s.workload":
        return facets, {}
    injected, unknown = sidecar_facets(obj, facets, sidecars)
    return facets, {**unknown, **go_bounds(injected, facets)}


def references_for(obj: Mapping[str, Any], namespace: str) -> list[Reference]:
    kind = kind_of(obj)
    refs: list[tuple[str, str]] = []
    if kind in WORKLOAD_KINDS:
        refs = [(f"Namespace/{namespace}", "metadata.namespace")]
        refs += references_of(pod_spec(obj)[0], namespace)
    elif kind in ("RoleBinding", "ClusterRoleBinding"):
        role = _mapping(obj.get("roleRef"))
        if isinstance(role.get("name"), str) and role.get("kind") in ("Role", "ClusterRole"):
            refs.append((address(role["kind"], role["name"], namespace), "roleRef"))
        for index, subject in enumerate(binding_subjects(obj)):
            if subject.get("kind") == "ServiceAccount" and isinstance(subject.get("name"), str):
                ns = subject.get("namespace") or namespace
                refs.append((f"{ns}/ServiceAccount/{subject['name']}", f"subjects.{index}"))
    elif kind not in CLUSTER_SCOPED:
        refs.append((f"Namespace/{namespace}", "metadata.namespace"))
    return [Reference(target=t, attribute=a) for t, a in refs]


def _generated_secrets(
    kind: str, sources: list[Source]
) -> tuple[tuple[str, ...], list[str], dict[str, Source]]:
    """The paths of the secrets a generator's ``sources`` write into the Secret or ConfigMap
    it makes, judged as that object's own data is (:func:`secret_facets`: a certificate, a
    ``${VAR}`` or a configuration file with no credential is no secret in a Secret, nor a
    placeholder for a key a third party issues; :func:`config_map_facets` for a ConfigMap),
    the placeholders for issued keys among them, and the source each path comes from."""
    found: list[str] = []
    placeholders: list[str] = []
    origin: dict[str, Source] = {}
    for source in sources:
        if source.value is None:  # a file that is not text: a Secret's value whatever it is
            paths: tuple[str, ...] = (source.label,) if kind == "Secret" else ()
        elif kind == "Secret":
            value = {"stringData": {source.key: source.value}}
            paths = (source.label,) if secret_facets(value)["hardcoded_secrets"] else ()
            if not paths and _placeholder_kept("stringData", source.key, source.value):
                placeholders.append(source.label)
        else:
            value = {"data": {source.key: source.value}}
            prefix = f"data.{source.key}"
            paths = tuple(
                source.label + path[len(prefix):]
                for path in config_map_facets(value)["hardcoded_secrets"]
            )
            held: list[str] = []
            shared_detect_secrets(value["data"], path_prefix="data", placeholders=held)
            if held and not paths:
                placeholders.append(source.label)
        found += paths
        origin.update(dict.fromkeys(paths, source))
    return tuple(found), placeholders, origin


def generated_objects(
    kustomization: Mapping[str, Any], folder: str, scope: Callable[[str], str]
) -> Iterator[tuple[dict[str, Any], str, dict[str, Any], dict[str, Source]]]:
    """The Secrets and ConfigMaps a kustomization's ``secretGenerator`` and
    ``configMapGenerator`` build (object, pointer of the generator, facets, the source of
    each secret's path). What they write (:func:`generator_sources`: ``literals``, the lines
    of ``envs`` files, ``files`` of the scanned tree) is judged as the object's own data is:
    a Secret's value is a secret unless it is a certificate, a placeholder for a third
    party's key (``HF_TOKEN=HF_TOKEN``) or a configuration file with no credential; a
    ConfigMap's values are searched for secrets. Their values are never copied. kubectl
    kustomize, "Kustomization File" secretGenerator / configMapGenerator:
    https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/secretgenerator/"""
    namespace = kustomization.get("namespace")
    for field, kind in (("secretGenerator", "Secret"), ("configMapGenerator", "ConfigMap")):
        items = kustomization.get(field)
        for index, item in enumerate(items if isinstance(items, list) else []):
            generator = _mapping(item)
            name = generator.get("name")
            if not isinstance(name, str) or not name:
                continue
            metadata: dict[str, Any] = {"name": name}
            written = generator.get("namespace") or namespace
            if isinstance(written, str) and written:
                metadata["namespace"] = written
            pointer = f"/{field}/{index}"
            sources = generator_sources(generator, pointer, folder, scope)
            secrets, placeholders, origin = _generated_secrets(kind, sources)
            obj = {
                "apiVersion": "v1",
                "kind": kind,
                "metadata": metadata,
                "data": dict.fromkeys((source.key for source in sources), ""),
            }
            facets: dict[str, Any] = {"hardcoded_secrets": secrets}
            if placeholders and not secrets:
                facets[_PLACEHOLDERS] = placeholders
            yield obj, pointer, facets, origin


#: A generated object's facets key for placeholders of issued keys (taken out before the
#: resource is built: its PASS gives them as the reason).
_PLACEHOLDERS = "_placeholders"


def _generated(
    resource: Resource, document: Document, context: MapContext, facets: Mapping[str, Any],
    origin: Mapping[str, Source],
) -> Resource:
    """A generated Secret or ConfigMap with the line each secret is written at (``value set
    at``: the literal's line in the kustomization, the ``envs`` file's line) and the reason
    of a PASS over placeholders for a third party's keys."""
    origins = dict(resource.value_origins)
    scope = context.file_scope(document.path)
    for path, source in origin.items():
        place = source.place
        if place is None and source.pointer is not None:
            line = location(document, source.pointer).start_line
            place = f"{scope}:{line}" if line is not None else None
        if place is not None:
            origins[SECRET_ORIGIN + path] = place
    decided = dict(resource.decided_by)
    held = facets.get(_PLACEHOLDERS)
    if held:
        decided["hardcoded_secrets"] = placeholder_reason(list(held))
    return resource.model_copy(update={"value_origins": origins, "decided_by": decided})


#: How a workload without containers is counted among the objects not judged.
NO_CONTAINERS = "without containers (part of an object)"


#: How an OpenTelemetryCollector in ``sidecar`` mode is counted among the objects not judged:
#: the operator injects its container into the pods annotated
#: ``sidecar.opentelemetry.io/inject`` (or in a namespace so annotated: "Sidecar injection",
#: docs/collector/sidecar-injection.md of open-telemetry/opentelemetry-operator), which are
#: judged with it (:func:`.otel.sidecar_facets`).
SIDECAR_COLLECTOR = (
    f"{OTEL_COLLECTOR} in sidecar mode (runs no pods of its own: its container is judged in "
    "the pods it is injected into)"
)


def _has_containers(obj: Mapping[str, Any]) -> bool:
    """Whether the workload's pod spec lists a container (``containers``, not init ones)."""
    found = pod_spec(obj)[0].get("containers")
    return isinstance(found, list) and bool(found)


#: How a workload with a container that names no image is counted among the objects not
#: judged.
NO_IMAGE = "with a container without image (part of an object)"
#: Kinds the API server refuses with a container of no ``image``
#: ("spec.template.spec.containers[0].image: Required value": the core validation of a pod
#: spec, a pod template's included). OpenShift's DeploymentConfig is left out: its image
#: change triggers fill in the image of a container that names none.
_IMAGE_REQUIRED = frozenset(
    {"Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController",
     "Job", "CronJob"}
)


def _imageless(obj: Mapping[str, Any], kind: str) -> str | None:
    """The first container (``containers.1``) of a workload's pod spec that names no image,
    where the API server refuses that: the object is a part of one, such as a kustomize
    strategic merge patch no kustomization of the scan names (kubebuilder's
    ``manager_webhook_patch.yaml``: a ``manager`` container with ports and mounts, merged by
    name into the base's), not a whole object; None when each names one."""
    if kind not in _IMAGE_REQUIRED:
        return None
    for where, container in containers(pod_spec(obj)[0]):
        image = container.get("image")
        if image is None or image == "":
            return where
    return None


def _fragment(obj: Mapping[str, Any], kind: str) -> str | None:
    """How a workload that is a part of an object is counted among the objects not judged;
    None for a whole one."""
    if not _has_containers(obj):
        # the API server refuses it ("containers: Required value"): a part of an object,
        # such as a kustomize patch no kustomization of the scan names; its container
        # rules would pass or fail on no container
        return NO_CONTAINERS
    if _imageless(obj, kind) is not None:
        # the API server refuses it too ("image: Required value"): a kustomize patch
        # that adds to or changes containers merged by name; judged alone, it failed
        # every container rule for settings the base's container holds
        return NO_IMAGE
    return None


def _not_judged_name(obj: Mapping[str, Any]) -> str:
    """The name a kind not judged is counted under: its ``kind``, qualified by its API group
    (``Configuration.pkg.crossplane.io``) when a kind gdcc-audit knows has that name."""
    kind, api = str(obj.get("kind")), obj.get("apiVersion")
    known = kind_of(obj)
    if known is None and kind in KIND_GROUPS and isinstance(api, str) and "/" in api:
        return f"{kind}.{api.rsplit('/', 1)[0]}"
    return known or kind


def _lost(document: Document, obj: Mapping[str, Any], line: int | None) -> None:
    """Record an object not assessed with every name written in it: the objects of those
    names (a RoleBinding's ServiceAccount, a NetworkPolicy's namespace) keep no PASS."""
    names = object_names(obj)
    if names:
        note_lost(document.meta, LostPart(document.path, line or 1, names))


def _custom_holder(
    document: Document, context: MapContext, obj: Mapping[str, Any], pointer: str
) -> Iterator[Resource]:
    """A custom resource with a secret written in it, as a secret holder judged by
    GDCC-SECRET-001 only (an Argo CD Application's Helm parameter, a Flux HelmRelease's
    values, a database operator's ``MasterUserPassword``: no finding before)."""
    found = custom_resource_secrets(obj)
    metadata = _mapping(obj.get("metadata"))
    name = metadata.get("name") or metadata.get("generateName")
    if not found or not isinstance(name, str):
        return
    namespace = str(metadata.get("namespace") or "default")
    yield _object_holder(
        document, context, obj, pointer, (_not_judged_name(obj), name, namespace), found
    )


def _annotation_holder(
    document: Document, context: MapContext, obj: Mapping[str, Any], pointer: str,
    namespace: str | None,
) -> Iterator[Resource]:
    """A Service, Ingress or any object no rule reads for secrets, with a secret written in
    its annotations (credentials in an ingress-nginx ``auth-url``, a ``Basic`` header in a
    ``configuration-snippet``: no finding before), as a secret holder judged by
    GDCC-SECRET-001 only, at the object's address."""
    found = _own_annotation_secrets(obj)
    if not found:
        return
    metadata = _mapping(obj.get("metadata"))
    name = str(metadata.get("name") or metadata.get("generateName"))
    yield _object_holder(
        document, context, obj, pointer, (str(kind_of(obj)), name, namespace), found
    )


def _object_holder(
    document: Document, context: MapContext, obj: Mapping[str, Any], pointer: str,
    identity: tuple[str, str, str | None], found: tuple[str, ...],
) -> Resource:
    """The secret holder of object ``obj`` (``identity``: kind, name, namespace) whose
    ``found`` paths hold secrets, at the object's address."""
    kind, name, namespace = identity
    where = address(kind, name, namespace)
    return secret_holder(
        context,
        f"{context.file_scope(document.path)}:{where}",
        found,
        name=where,
        provider="kubernetes",
        provider_type=kind,
        address=native_address(kind, name, namespace),
        attributes={"apiVersion": obj.get("apiVersion"), "kind": obj.get("kind")},
        location=location(document, pointer),
    )


class KubernetesMapper(Mapper):
    """Maps Kubernetes objects to canonical ``k8s.*`` resources."""

    name = "kubernetes"
    formats = (FORMAT,)

    def map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        ignored = document.meta.get(IGNORED_VALUES)
        if not ignored:
            yield from self._map(document, context)
            return
        # a key written twice: judged with the last value, and the secrets written in the
        # ignored one are reported too (load/ignored_values)
        found = list(self._map(document, context))
        shadows = []
        for line, data in ignored:
            # its own meta: what mapping the shadow notes (kinds not judged, lost objects) is
            # not the document's
            meta = {k: v for k, v in document.meta.items() if k != IGNORED_VALUES}
            shadow = replace(document, data=data, meta=meta)
            shadows.append((
                f"{document.path}:{line}",
                [r for r in self._map(shadow, context) if isinstance(r, Resource)],
            ))
        yield from merge_ignored_secrets(found, shadows)

    def _map(self, document: Document, context: MapContext) -> Iterator[Resource | InputError]:
        data = document.data
        if document.meta.get(HELM_VALUES):
            yield from values_holders(document, context)
            return
        if document.meta.get(KUSTOMIZATION):
            yield from kustomize_chart_holders(document, context)
            folder = os.path.dirname(document.path)
            for obj, pointer, facets, origin in generated_objects(data, folder,
                                                                  context.file_scope):
                given = {k: v for k, v in facets.items() if k != _PLACEHOLDERS}
                for made in self._one(document, context, obj, pointer, given):
                    if isinstance(made, Resource) and made.kind in ("k8s.secret",
                                                                     "k8s.config_map"):
                        yield _generated(made, document, context, facets, origin)
                    else:
                        yield made
            return
        if is_list(data):
            for index, item in enumerate(data.get("items") or []):
                if item is None:
                    continue
                yield from self._one(document, context, item, f"/items/{index}")
        else:
            yield from self._one(document, context, data, "")

    def _one(
        self,
        document: Document,
        context: MapContext,
        obj: Mapping[str, Any],
        pointer: str,
        given: dict[str, Any] | None = None,
        unknown: Mapping[str, Text] | None = None,
    ) -> Iterator[Resource | InputError]:
        release = traefik_release(obj)
        known = kind_of(obj) or release
        canonical = canonical_kind(obj)
        if known is None or canonical is None:
            note_unmapped(document.meta, (_not_judged_name(obj),))
            if known is None:  # a custom resource: read for secrets written in it
                yield from _custom_holder(document, context, obj, pointer)
            return
        if given is None and (known == OTEL_COLLECTOR or known in ECK_KINDS.values()):
            # an operator's custom resource: the pods it makes (ECK, an OTel collector)
            yield from (self._collector if known == OTEL_COLLECTOR else self._eck)(
                document, context, obj, pointer
            )
            return
        part = _fragment(obj, known) if canonical == "k8s.workload" else None
        if part is not None:
            note_unmapped(document.meta, (f"{known} {part}",))
            return
        kind = known
        metadata = _mapping(obj.get("metadata"))
        name = str(metadata.get("name") or metadata.get("generateName"))
        namespace = None if kind in CLUSTER_SCOPED else str(metadata.get("namespace") or "default")
        labels = {str(k): str(v) for k, v in _mapping(metadata.get("labels")).items()}
        gdcc = read_tags({**_mapping(metadata.get("annotations")), **labels})
        try:
            facets, bounded = _facets(obj, given, canonical, document.meta.get(SIDECARS_KEY))
            defaults = workload_defaults(facets, obj) if canonical == "k8s.workload" else {}
            decided = workload_decided_by(facets, obj) if canonical == "k8s.workload" else {}
            if canonical in ("k8s.secret", "k8s.config_map") and given is None:
                decided = stored_decided_by(facets, obj)
            named = named_secret_reads(obj) if canonical == "k8s.role" else None
            if named is not None:
                decided = {**decided, "reads_secrets": named}
            attributes = object_attributes(obj)
            references = tuple(references_for(obj, namespace or "default"))
        except MAPPING_ERRORS as exc:
            line = location(document, pointer).start_line
            yield InputError(
                document.path, f"{kind} {name}: not understood ({type(exc).__name__}: {exc})", line
            )
            _lost(document, obj, line)
            return
        for field_name in ("data_classification", "personal_data", "security_category"):
            if getattr(gdcc, field_name) is not None:
                facets[field_name] = getattr(gdcc, field_name)
        tenant = context.tenant.id if context.tenant else None
        system = gdcc.system or context.default_system
        where = address(kind, name, namespace)
        try:
            yield Resource(
                id=canonical_id(
                    tenant, system, kind, f"{context.file_scope(document.path)}:{where}"
                ),
                kind=canonical,
                name=where,
                provider="kubernetes",
                provider_type=kind,
                tenant=tenant,
                system=system,
                address=native_address(kind, name, namespace),
                facets=Facets(**facets),
                defaults=defaults,
                decided_by=decided,
                absent=absent_facets(kind, obj),
                unknown={**_unknown_reasons(obj, canonical, facets), **bounded,
                         **(unknown or {})},
                tags=labels,
                attributes=attributes,
                references=references,
                location=location(document, pointer),
            )
        except ValidationError as exc:
            line = location(document, pointer).start_line
            yield InputError(document.path, f"{kind} {name}: {exc.errors()[0]['msg']}", line)
            _lost(document, obj, line)
        if kind in PROXY_CONFIG_KINDS or release:  # a custom resource: read for secrets too
            yield from _custom_holder(document, context, obj, pointer)
        elif canonical not in _ANNOTATIONS_JUDGED:
            yield from _annotation_holder(document, context, obj, pointer, namespace)
        if kind in ("Service", "Ingress"):  # Emissary's Mappings in an annotation
            for route in annotation_routes(obj):
                yield from self._one(document, context, route, pointer)

    def _collector(
        self, document: Document, context: MapContext, obj: Mapping[str, Any], pointer: str
    ) -> Iterator[Resource | InputError]:
        """An OpenTelemetryCollector: the pods it runs as a workload (:mod:`.otel`); one in
        ``sidecar`` mode runs none (counted as not judged, with why); the rest of the object
        read for secrets as a custom resource is."""
        if runs_pods(obj):
            try:
                workload = collector_workload(obj)
                facets = workload_facets(workload)
            except MAPPING_ERRORS as exc:
                line = location(document, pointer).start_line
                yield InputError(
                    document.path,
                    f"{obj.get('kind')}: not understood ({type(exc).__name__}: {exc})", line,
                )
                _lost(document, obj, line)
                return
            yield from self._one(document, context, workload, pointer, facets)
        else:
            note_unmapped(document.meta, (SIDECAR_COLLECTOR,))
        yield from _custom_holder(document, context, without_pod(obj), pointer)

    def _eck(
        self, document: Document, context: MapContext, obj: Mapping[str, Any], pointer: str
    ) -> Iterator[Resource | InputError]:
        """An ECK object: each of its pod templates as a workload (:mod:`.eck`), each facet
        known where the operator's undocumented container settings cannot change it; the rest
        of the object read for secrets as a custom resource is."""
        try:
            pods = list(eck_pods(obj))
            bounds = [
                (where, written, workload_facets(written), workload_facets(safest), why)
                for where, written, safest, why in pods
            ]
        except MAPPING_ERRORS as exc:
            line = location(document, pointer).start_line
            yield InputError(
                document.path, f"{obj.get('kind')}: not understood ({type(exc).__name__}: {exc})",
                line,
            )
            _lost(document, obj, line)
            return
        for where, written, as_written, at_safest, why in bounds:
            facets = dict(as_written)
            unknown: dict[str, Text] = {}
            for key, value in as_written.items():
                if key != "containers_at_fault" and at_safest.get(key) != value and why:
                    facets[key] = None
                    unknown[key] = why
            # the containers at fault whatever the operator sets
            safest_fault = at_safest["containers_at_fault"]
            facets["containers_at_fault"] = {
                k: kept for k, v in as_written["containers_at_fault"].items()
                if k not in unknown
                and (kept := tuple(n for n in v if n in safest_fault.get(k, ())))
            }
            yield from self._one(document, context, written, pointer + where, facets, unknown)
        for where, service, encrypted in eck_services(obj):
            placed = location(document, pointer + where).start_line is not None
            service_found = service_facets(service)
            if encrypted is not None:  # what the load balancer passes on is the pods' TLS
                service_found.setdefault("encrypted_in_transit", encrypted)
            yield from self._one(document, context, service, pointer + where if placed
                                 else pointer, service_found)
        found = custom_resource_secrets(without_pods(obj))
        metadata = _mapping(obj.get("metadata"))
        name = metadata.get("name")
        if found and isinstance(name, str):
            namespace = str(metadata.get("namespace") or "default")
            yield _object_holder(
                document, context, obj, pointer, (str(obj.get("kind")), name, namespace), found
            )
