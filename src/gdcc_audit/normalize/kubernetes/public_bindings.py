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

A role that grants anything else, a role not in the scan, or a role of unknown name that could
be the one named keeps the grant (FAIL). A Terraform binding is matched with the Terraform
roles of its own root module and the manifests' roles; a manifest binding with any role.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

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


def _harmless(role: Resource, subject: str) -> tuple[bool, frozenset[str]] | None:
    """Whether ``role`` only uses PodSecurityPolicies (True) and the URLs it reads, when every
    rule is harmless for ``subject``; None when a rule grants more (or is not known)."""
    rules = _list(role.attributes.get("rules"))
    if not rules or aggregated(role.attributes):
        return None
    policies, urls = False, frozenset[str]()
    for item in rules:
        rule = _map(item)
        if subject == _AUTHENTICATED and _policy_use(rule):
            policies = True
            continue
        read = _reads_urls(rule, DISCOVERY_URLS if subject == _AUTHENTICATED else PUBLIC_INFO_URLS)
        if not read:
            return None
        urls |= read
    return policies, urls


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


def _reason(subject: str, role: str, policies: bool, urls: frozenset[str]) -> Text:
    if policies and not urls:
        return Text(
            en=f"{subject} gets {role}, which only lets it use PodSecurityPolicies: that grants "
            "no right on its own",
            th=f"{subject} ได้รับ {role} ซึ่งให้เพียงสิทธิ์ use กับ PodSecurityPolicy "
            "ซึ่งไม่ได้ให้สิทธิ์ใดด้วยตัวเอง",
        )
    listed = ", ".join(sorted(urls))
    also = (" and use PodSecurityPolicies", " และ use กับ PodSecurityPolicy") if policies \
        else ("", "")
    if urls <= PUBLIC_INFO_URLS:
        what = ("the health and version information Kubernetes gives everyone by default "
                "(system:public-info-viewer)",
                "ข้อมูลสถานะและรุ่นที่ Kubernetes ให้ทุกคนโดยค่าเริ่มต้น (system:public-info-viewer)")
    else:
        what = ("the API discovery information Kubernetes gives every authenticated identity "
                "by default (system:discovery)",
                "ข้อมูลการค้นหา API ที่ Kubernetes ให้ทุกตัวตนที่ยืนยันตัวตนแล้วโดยค่าเริ่มต้น "
                "(system:discovery)")
    return Text(
        en=f"{subject} gets {role}, which only lets it GET {listed}{also[0]}: {what[0]}",
        th=f"{subject} ได้รับ {role} ซึ่งให้เพียงสิทธิ์ GET {listed}{also[1]} "
        f"ซึ่งเป็น{what[1]}",
    )


def narrowed(binding: Resource, roles: Sequence[Resource]) -> Resource | None:
    """``binding`` without the grants to everyone of a role of the scan that grants nothing
    that matters (above); None when nothing changes."""
    grants = binding.facets.public_grants
    if not grants:
        return None
    found = _candidates(binding, roles)
    if not found:
        return None
    kept: list[str] = []
    reasons: list[Text] = []
    for grant in grants:
        subject = _subject(grant)
        judged = [
            _harmless(r, subject) if subject == _AUTHENTICATED or subject in _PUBLIC else None
            for r in found
        ]
        if any(j is None for j in judged):
            kept.append(grant)
            continue
        policies = any(j[0] for j in judged if j is not None)
        urls = frozenset(u for j in judged if j is not None for u in j[1])
        ref = _map(binding.attributes.get("roleRef"))
        role = f"{ref.get('kind', 'ClusterRole')}/{ref.get('name')}"
        reasons.append(_reason(subject, role, policies, urls))
    if not reasons:
        return None
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
