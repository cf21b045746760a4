"""Bindings that give everyone a role of the scan which grants nothing that matters
(GDCC-K8S-018), worked out once every object is mapped (the manifests and Terraform
``kubernetes`` provider objects of one scan are one cluster):

- ``system:authenticated`` bound to a role whose every rule only lets it ``use``
  PodSecurityPolicies (the pattern of clusters before Kubernetes 1.25: bind a restricted
  policy to every user): ``use`` only lets the pods a user may already create be admitted
  under that policy (Pod Security Policies, Authorizing policies:
  https://v1-24.docs.kubernetes.io/docs/concepts/security/pod-security-policy/), or only GETs
  the API discovery and health URLs ``system:discovery`` grants it by default;
- ``system:unauthenticated`` / ``system:anonymous`` bound to a role whose every rule only GETs
  ``/healthz``, ``/livez``, ``/readyz``, ``/version``: what ``system:public-info-viewer`` grants
  and Kubernetes binds to both groups itself ("Using RBAC Authorization", Default roles and
  role bindings, API discovery roles:
  https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles). The role
  must be in the scan: one of that name outside it may grant more (auto-reconciliation adds
  missing rules, it never removes extra ones).

- ``system:anonymous`` / ``system:unauthenticated`` (or ``system:authenticated``) bound by a
  RoleBinding of ``kube-public`` to a role whose every rule only GETs the ConfigMap
  ``cluster-info``: kubeadm's ``kubeadm:bootstrap-signer-clusterinfo``, the bootstrap design of
  Kubernetes ("Authenticating with Bootstrap Tokens", ConfigMap Signing: "a client reads this
  ConfigMap while unauthenticated", then checks the token's signature in it,
  https://kubernetes.io/docs/reference/access-authn-authz/bootstrap-tokens/#configmap-signing;
  kubeadm "Implementation details", the public cluster-info ConfigMap). It holds the
  cluster's CA certificate and API server address (``kubeconfig``) and the bootstrap tokens'
  signatures (``jws-kubeconfig-<token-id>``); a ``cluster-info`` ConfigMap of the scan holding
  any other key keeps the grant.

A role that grants anything else, a role not in the scan, or a role of unknown name that could
be the one named keeps the grant (FAIL). A Terraform binding is matched with the Terraform
roles of its own root module and the manifests' roles; a manifest binding with any role.

The service-account issuer discovery role (``system:service-account-issuer-discovery``: GET
``/.well-known/openid-configuration``, ``/openid/v1/jwks``) given to everyone keeps its FAIL:
Kubernetes binds it to service accounts only (``system:serviceaccounts``) and leaves binding it
to ``system:authenticated`` or ``system:unauthenticated`` to the administrator "depending on
their security requirements and which external systems they intend to federate with"
(Configure Service Accounts for Pods, Service account issuer discovery,
https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#service-account-issuer-discovery),
a non-default binding CIS GKE Benchmark 4.1.9 says to avoid. The FAIL says what it exposes
(:func:`issuer_discovery`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.kubernetes.mapper import aggregated

BINDING = "k8s.role_binding"
_ROLE = "k8s.role"
_AUTHENTICATED = "system:authenticated"
_PUBLIC = frozenset({"system:unauthenticated", "system:anonymous"})
#: The non-resource URLs ``system:public-info-viewer`` lets everyone GET (bootstrap policy,
#: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go).
PUBLIC_INFO_URLS = frozenset({"/healthz", "/livez", "/readyz", "/version", "/version/"})
#: The non-resource URLs ``system:discovery`` lets every authenticated identity GET.
DISCOVERY_URLS = PUBLIC_INFO_URLS | frozenset(
    {"/openapi", "/openapi/*", "/api", "/api/*", "/apis", "/apis/*"}
)
_POLICY_GROUPS = frozenset({"policy", "extensions"})
#: kubeadm's public ConfigMap (kube-public/cluster-info) and the keys kubeadm and the
#: bootstrap signer write in it (k8s.io/cluster-bootstrap/token/api: ``kubeconfig``,
#: ``jws-kubeconfig-<token-id>``).
CLUSTER_INFO = ("kube-public", "cluster-info")
_CLUSTER_INFO_KEY = "kubeconfig"
_SIGNATURE_PREFIX = "jws-kubeconfig-"
#: The built-in role that GETs the service-account issuer's discovery URLs (bootstrap policy).
ISSUER_DISCOVERY_ROLE = "system:service-account-issuer-discovery"
ISSUER_DISCOVERY_URLS = frozenset({
    "/.well-known/openid-configuration", "/.well-known/openid-configuration/",
    "/openid/v1/jwks", "/openid/v1/jwks/",
})


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _strings(value: Any) -> set[str] | None:
    """The items of a list of strings; None when one is not a string (not known)."""
    items = _list(value)
    return {v for v in items if isinstance(v, str)} if all(isinstance(v, str) for v in items) \
        else None


def _policy_use(rule: Mapping[str, Any]) -> bool:
    """The rule only lets its holder ``use`` PodSecurityPolicies."""
    groups = _strings(rule.get("apiGroups"))
    return (
        _strings(rule.get("verbs")) == {"use"}
        and _strings(rule.get("resources")) == {"podsecuritypolicies"}
        and groups is not None and bool(groups) and groups <= _POLICY_GROUPS
        and not _list(rule.get("nonResourceURLs"))
    )


def _reads_urls(rule: Mapping[str, Any], allowed: frozenset[str]) -> frozenset[str]:
    """The URLs of a rule that only GETs non-resource URLs among ``allowed``; empty else."""
    urls = _strings(rule.get("nonResourceURLs"))
    if (
        not urls or not urls <= allowed or _strings(rule.get("verbs")) != {"get"}
        or _list(rule.get("resources")) or _list(rule.get("apiGroups"))
    ):
        return frozenset()
    return frozenset(urls)


class _Reads(NamedTuple):
    """What a role of harmless rules lets its holder do."""

    policies: bool = False  # use PodSecurityPolicies
    urls: frozenset[str] = frozenset()  # GET these non-resource URLs
    cluster_info: bool = False  # GET the ConfigMap cluster-info (of the binding: kube-public)


def _reads_cluster_info(rule: Mapping[str, Any]) -> bool:
    """The rule only GETs the ConfigMap ``cluster-info`` (kubeadm's Role)."""
    return (
        _strings(rule.get("verbs")) == {"get"}
        and _strings(rule.get("apiGroups")) == {""}
        and _strings(rule.get("resources")) == {"configmaps"}
        and _strings(rule.get("resourceNames")) == {CLUSTER_INFO[1]}
        and not _list(rule.get("nonResourceURLs"))
    )


def _harmless(role: Resource, subject: str, cluster_info: bool) -> _Reads | None:
    """What ``role`` lets ``subject`` do when every rule is harmless for it (``cluster_info``:
    reading kube-public's cluster-info ConfigMap is); None when a rule grants more (or is not
    known)."""
    rules = _list(role.attributes.get("rules"))
    if not rules or aggregated(role.attributes):
        return None
    policies, info, urls = False, False, frozenset[str]()
    for item in rules:
        rule = _map(item)
        if subject == _AUTHENTICATED and _policy_use(rule):
            policies = True
            continue
        if cluster_info and _reads_cluster_info(rule):
            info = True
            continue
        read = _reads_urls(rule, DISCOVERY_URLS if subject == _AUTHENTICATED else PUBLIC_INFO_URLS)
        if not read:
            return None
        urls |= read
    return _Reads(policies, urls, info)


def _public_cluster_info(binding: Resource, config_maps: Sequence[Resource]) -> bool:
    """Whether ``binding`` is a RoleBinding of kube-public and the scan's ConfigMap
    cluster-info there, if any, holds only what kubeadm writes in it (a ConfigMap whose
    namespace is not written may be that one)."""
    if binding.attributes.get("kind") != "RoleBinding" or _namespace(binding) != CLUSTER_INFO[0]:
        return False
    for config_map in config_maps:
        if _name(config_map) != CLUSTER_INFO[1] \
                or _namespace(config_map) not in (None, CLUSTER_INFO[0]):
            continue
        keys = _map(config_map.attributes.get("keys"))
        if set(keys) - {"data"} or any(
            not isinstance(k, str)
            or (k != _CLUSTER_INFO_KEY and not k.startswith(_SIGNATURE_PREFIX))
            for k in _list(keys.get("data"))
        ):
            return False
    return True


def _name(resource: Resource) -> str | None:
    found = _map(resource.attributes.get("metadata")).get("name")
    return found if isinstance(found, str) else None


def _namespace(resource: Resource) -> str | None:
    found = _map(resource.attributes.get("metadata")).get("namespace")
    return found if isinstance(found, str) and found else None


def _candidates(binding: Resource, roles: Sequence[Resource]) -> list[Resource] | None:
    """The roles of the scan the binding's ``roleRef`` may name (a Role: of its namespace; a
    role whose name is not known may be it); None when none has that name."""
    ref = _map(binding.attributes.get("roleRef"))
    kind, name = ref.get("kind", "ClusterRole"), ref.get("name")
    root = binding.attributes.get("root") if binding.origin != "kubernetes" else None
    found: list[Resource] = []
    named = False
    for role in roles:
        if role.attributes.get("kind") != kind:
            continue
        if root is not None and role.origin == binding.origin \
                and role.attributes.get("root") != root:
            continue  # another Terraform root module: maybe another cluster
        if kind == "Role" and None not in (_namespace(role), _namespace(binding)) \
                and _namespace(role) != _namespace(binding):
            continue
        role_name = _name(role)
        if role_name is None or role_name == name:
            found.append(role)
            named = named or role_name == name
    return found if named else None


def _subject(grant: str) -> str:
    """``system:authenticated`` of ``Group system:authenticated bound to ClusterRole x``."""
    return grant.split(" bound to ", 1)[0].split(" ", 1)[-1]


def _reason(subject: str, role: str, reads: _Reads) -> Text:
    if reads.policies and not reads.urls and not reads.cluster_info:
        return Text(
            en=f"{subject} gets {role}, which only lets it use PodSecurityPolicies: that grants "
            "no right on its own",
            th=f"{subject} ได้รับ {role} ซึ่งให้เพียงสิทธิ์ use กับ PodSecurityPolicy "
            "ซึ่งไม่ได้ให้สิทธิ์ใดด้วยตัวเอง",
        )
    lets: list[tuple[str, str]] = []
    what: list[tuple[str, str]] = []
    if reads.urls:
        listed = ", ".join(sorted(reads.urls))
        lets.append((f"GET {listed}", f"GET {listed}"))
        if reads.urls <= PUBLIC_INFO_URLS:
            what.append((
                "the health and version information Kubernetes gives everyone by default "
                "(system:public-info-viewer)",
                "ข้อมูลสถานะและรุ่นที่ Kubernetes ให้ทุกคนโดยค่าเริ่มต้น (system:public-info-viewer)",
            ))
        else:
            what.append((
                "the API discovery information Kubernetes gives every authenticated identity "
                "by default (system:discovery)",
                "ข้อมูลการค้นหา API ที่ Kubernetes ให้ทุกตัวตนที่ยืนยันตัวตนแล้วโดยค่าเริ่มต้น "
                "(system:discovery)",
            ))
    if reads.cluster_info:
        lets.append((
            "GET the ConfigMap cluster-info of kube-public",
            "GET ConfigMap cluster-info ของ kube-public",
        ))
        what.append((
            "the cluster's CA certificate and API server address, which a node joining with a "
            "bootstrap token reads before it trusts the cluster and checks by that token's "
            "signature in it: kubeadm's default, the ConfigMap signing of Kubernetes bootstrap "
            "tokens",
            "ใบรับรอง CA และที่อยู่ API server ของคลัสเตอร์ ซึ่งโหนดที่เข้าร่วมด้วย bootstrap token "
            "อ่านก่อนจะเชื่อถือคลัสเตอร์และตรวจด้วยลายมือชื่อของ token นั้นในนั้น "
            "ซึ่งเป็นค่าเริ่มต้นของ kubeadm ตามการลงนาม ConfigMap ของ bootstrap token ใน Kubernetes",
        ))
    if reads.policies:
        lets.append(("use PodSecurityPolicies", "use กับ PodSecurityPolicy"))
    return Text(
        en=f"{subject} gets {role}, which only lets it {' and '.join(e for e, _ in lets)}: "
        f"{'; '.join(e for e, _ in what)}",
        th=f"{subject} ได้รับ {role} ซึ่งให้เพียงสิทธิ์ {' และ '.join(t for _, t in lets)} "
        f"ซึ่งเป็น{'; '.join(t for _, t in what)}",
    )


def _reads_issuer_discovery(role: Resource) -> bool:
    """The role's every rule only GETs the service-account issuer discovery URLs."""
    rules = _list(role.attributes.get("rules"))
    return bool(rules) and not aggregated(role.attributes) and all(
        _reads_urls(_map(rule), ISSUER_DISCOVERY_URLS) for rule in rules
    )


def issuer_discovery(binding: Resource, found: Sequence[Resource] | None,
                     kept: Sequence[str]) -> Text | None:
    """Why the grants ``kept`` of a binding of a role that only GETs the service-account
    issuer's discovery document and keys FAIL (the built-in role when no role of the scan is
    named); None for another role."""
    ref = _map(binding.attributes.get("roleRef"))
    kind, name = ref.get("kind", "ClusterRole"), ref.get("name")
    if not kept:
        return None
    if found:
        if not all(_reads_issuer_discovery(r) for r in found):
            return None
        how = ("", "", "")
        urls = sorted({u for r in found for rule in _list(r.attributes.get("rules"))
                       for u in _reads_urls(_map(rule), ISSUER_DISCOVERY_URLS)})
    elif kind == "ClusterRole" and name == ISSUER_DISCOVERY_ROLE:
        how = ("the built-in ", " by default", " ในตัวของ Kubernetes ซึ่งโดยค่าเริ่มต้น")
        urls = ["/.well-known/openid-configuration", "/openid/v1/jwks"]
    else:
        return None
    subjects = list(dict.fromkeys(_subject(g) for g in kept))
    listed = (", ".join(urls[:-1]) + " and " + urls[-1]) if len(urls) > 1 else urls[0]
    return Text(
        en=f"{', '.join(subjects)} get{'s' if len(subjects) == 1 else ''} {how[0]}{kind}/{name}, "
        f"which{how[1]} lets {'it' if len(subjects) == 1 else 'them'} GET {listed}: the "
        "service-account token issuer's discovery document and public keys, which name the "
        "cluster. Kubernetes "
        "gives them to service accounts only; giving them to everyone is an opt-in for "
        "external systems that verify the cluster's tokens",
        th=f"{', '.join(subjects)} ได้รับ {kind}/{name}{how[2] or ' ซึ่ง'}ให้สิทธิ์ GET "
        f"{listed.replace(' and ', ' และ ')} ซึ่งเป็นเอกสาร discovery "
        "และกุญแจสาธารณะของผู้ออก token ของ service account ซึ่งระบุตัวคลัสเตอร์ "
        "Kubernetes ให้ข้อมูลนี้แก่ service account เท่านั้น การให้ทุกคนเป็นการเลือกเปิด"
        "สำหรับระบบภายนอกที่ตรวจ token ของคลัสเตอร์",
    )


def narrowed(binding: Resource, roles: Sequence[Resource],
             config_maps: Sequence[Resource] = ()) -> Resource | None:
    """``binding`` without the grants to everyone of a role of the scan that grants nothing
    that matters (above), or with the reason its service-account issuer discovery grants
    FAIL; None when nothing changes."""
    grants = binding.facets.public_grants
    if not grants:
        return None
    found = _candidates(binding, roles)
    if not found:
        return _explained(binding, issuer_discovery(binding, found, grants))
    cluster_info = _public_cluster_info(binding, config_maps)
    kept: list[str] = []
    reasons: list[Text] = []
    for grant in grants:
        subject = _subject(grant)
        judged = [
            _harmless(r, subject, cluster_info)
            if subject == _AUTHENTICATED or subject in _PUBLIC else None
            for r in found
        ]
        if any(j is None for j in judged):
            kept.append(grant)
            continue
        reads = _Reads(
            policies=any(j.policies for j in judged if j is not None),
            urls=frozenset(u for j in judged if j is not None for u in j.urls),
            cluster_info=any(j.cluster_info for j in judged if j is not None),
        )
        ref = _map(binding.attributes.get("roleRef"))
        role = f"{ref.get('kind', 'ClusterRole')}/{ref.get('name')}"
        reasons.append(_reason(subject, role, reads))
    if not reasons:
        return _explained(binding, issuer_discovery(binding, found, kept))
    decided = dict(binding.decided_by)
    if not kept:  # a grant kept decides the FAIL on its own
        decided["public_access"] = Text(
            en="; ".join(r.en for r in reasons), th="; ".join(r.th for r in reasons)
        )
    return binding.model_copy(
        update={
            "facets": binding.facets.model_copy(
                update={"public_access": bool(kept), "public_grants": tuple(kept)}
            ),
            "decided_by": decided,
        }
    )


def _explained(binding: Resource, why: Text | None) -> Resource | None:
    """``binding`` whose FAIL says ``why`` (None: unchanged)."""
    if why is None:
        return None
    return binding.model_copy(
        update={"decided_by": {**binding.decided_by, "public_access": why}}
    )
