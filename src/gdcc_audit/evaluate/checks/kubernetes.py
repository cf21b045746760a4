"""Kubernetes checks that look past the object itself (its service account, its role)."""

from __future__ import annotations

from gdcc_audit.evaluate.conditions import naming_containers, not_known_reason
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, passed, unknown
from gdcc_audit.graph import kube
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import ACCOUNT_CHOICES, Resource

#: ClusterRoles that hold every permission (cluster-wide or in the bound namespace).
ADMIN_ROLES = frozenset({"cluster-admin"})


def token_not_automounted(resource: Resource, context: RuleContext) -> Outcome:
    """The pod does not get a service-account token mounted automatically.

    The pod's own ``automountServiceAccountToken`` wins; else the setting of its service
    account when that account is in the input; else the Kubernetes default (mounted). A
    workload declared in a manifest without the facet is UNKNOWN.
    """
    own = resource.facets.automount_token
    source = "pod"
    if own is None and resource.provider != "kubernetes":
        # declared in a manifest: the Kubernetes default applies only to objects we have read
        return unknown(
            not_known_reason("automount_token"),
            automount_token=None,
        )
    why = resource.unknown.get("automount_token")
    if own is None and why is not None and not any(
        a.facets.automount_token is False
        for a in _accounts(resource, context) if a.provider == "kubernetes"
    ):  # an operator may set the pod's own (ECK, normalize/kubernetes/eck.py)
        base = not_known_reason("automount_token")
        return unknown(
            Text(en=f"{base.en}: {why.en}", th=f"{base.th}: {why.th}"), automount_token=None
        )
    choices = resource.attributes.get(ACCOUNT_CHOICES)
    if own is None and isinstance(choices, list) and choices:
        return _each_account(resource, context, choices)
    accounts = _accounts(resource, context)
    if own is None:
        found = [a.facets.automount_token for a in accounts if a.provider == "kubernetes"]
        if found and found[0] is not None:
            own, source = found[0], "service account"
        elif not accounts and resource.facets.uses_default_service_account is None:
            return _account_not_known(resource)
        else:
            own, source = True, "Kubernetes default"
    if own:
        needed = _token_needed(accounts, context, resource)
        if needed is not None and not needed[0]:
            return unknown(
                Text(
                    en=f"the service-account token is mounted ({source}); whether the pod "
                    f"needs it to call the API is not known: {needed[1].en}",
                    th=f"มีการเมานต์โทเคนของ service account ({source}) แต่ไม่ทราบว่า pod "
                    f"ต้องใช้โทเคนเพื่อเรียก API หรือไม่: {needed[1].th}",
                ),
                automount_token=True,
                bound_by=needed[2],
            )
        if needed is not None:
            _, why, binding = needed
            return passed(
                Text(
                    en=f"the service-account token is mounted ({source}) and the pod needs "
                    f"it to call the API: {why.en}",
                    th=f"มีการเมานต์โทเคนของ service account ({source}) และ pod ต้องใช้โทเคนนี้"
                    f"เพื่อเรียก API: {why.th}",
                ),
                automount_token=True,
                decided_by=binding,
            )
        return failed(
            Text(
                en=f"the service-account token is mounted ({source})",
                th=f"มีการเมานต์โทเคนของ service account โดยอัตโนมัติ ({source})",
            ),
            automount_token=True,
            decided_by=source,
        )
    return passed(automount_token=False, decided_by=source)


def _accounts(resource: Resource, context: RuleContext) -> list[Resource]:
    """The service accounts of the scan the pod runs as: the one it names, else (it names
    none) its namespace's ``default`` one ("If you don't specify a ServiceAccount when you
    create a Pod, Kubernetes automatically assigns the ServiceAccount named default in that
    namespace", Service Accounts); empty when none is in the scan."""
    accounts = list(context.graph.references(resource, "identity.role"))
    if not accounts and resource.facets.uses_default_service_account:
        default = context.graph.resolve(
            resource, f"{kube.namespace(resource)}/ServiceAccount/default"
        )
        accounts = [default] if default is not None else []
    return accounts


#: Built-in ClusterRoles (not in the scan) that grant API verbs a pod calls with its token
#: ("Using RBAC Authorization", Default roles and role bindings: user-facing roles, core
#: component roles, other component roles; ``system:controller:*`` too).
#: ``system:basic-user``, ``system:discovery`` and ``system:public-info-viewer`` are left
#: out: every authenticated user holds them already (``system:authenticated``), so a binding
#: to them shows no need of the token.
API_BUILT_IN_ROLES = frozenset({
    "cluster-admin", "admin", "edit", "view", "system:auth-delegator", "system:monitoring",
    "system:service-account-issuer-discovery", "system:node-proxier", "system:kube-scheduler",
    "system:kube-controller-manager", "system:volume-scheduler", "system:heapster",
    "system:persistent-volume-provisioner", "system:kube-dns", "system:kube-aggregator",
    "system:kubelet-api-admin", "system:node", "system:node-bootstrapper",
    "system:node-problem-detector",
})
#: The built-in Role of ``kube-system`` an extension API server reads its client CA with.
_AUTH_READER = "extension-apiserver-authentication-reader"


def _token_needed(
    accounts: list[Resource], context: RuleContext, pod: Resource | None = None
) -> tuple[bool, Text, str] | None:
    """Whether a pod needs its service-account token (CIS Kubernetes Benchmark 5.1.6:
    "Ensure that Service Account Tokens are only mounted where necessary"): a binding of the
    scan grants one of its accounts a role that grants API verbs (a role of the scan whose
    rules grant a verb on a resource or URL, or a built-in role of
    :data:`API_BUILT_IN_ROLES`): ``(True, reason, binding)``. ``(False, reason, binding)``
    when no binding shows it but one grants a role whose rules are not known (not in the
    scan, aggregated, written from a value not known): it may. None when no binding shows
    a need. With ``pod`` and none of its accounts in the scan, the bindings of the scan
    whose subjects name the account it names (:func:`_bindings_of_unscanned`)."""
    maybe: tuple[bool, Text, str] | None = None
    bound: list[tuple[str, list[Resource]]] = [
        (kube.name(account), sorted(
            context.graph.referrers(account, "k8s.role_binding"), key=lambda b: b.id
        ))
        for account in accounts if account.provider == "kubernetes"
    ]
    if not bound and pod is not None:
        bound = _bindings_of_unscanned(pod, context)
    for account, bindings in bound:
        for binding in bindings:
            found = _api_grant(binding, context)
            if found is None:
                continue
            grants, granted = found
            where = binding.address or binding.name
            why = Text(
                en=f"its service account {account} is bound by {where} to {granted.en}",
                th=f"service account {account} ของ pod ถูกผูกโดย {where} กับ {granted.th}",
            )
            if grants:
                return True, why, where
            maybe = maybe or (False, why, where)
    return maybe


def _bindings_of_unscanned(
    pod: Resource, context: RuleContext
) -> list[tuple[str, list[Resource]]]:
    """The service account a pod names when its ServiceAccount is not in the scan, with the
    bindings of the scan whose subjects name it (both refer to ``namespace/ServiceAccount/
    name``, which no object of the scan is). A kustomization's ``namePrefix`` and
    ``namespace`` give CloudNativePG's built controller the account ``cnpg-system/
    cnpg-manager``, which its ClusterRoleBinding names, while the account's manifest is
    judged as written (``manager``): GDCC-K8S-012 FAILed "the service-account token is
    mounted" though a binding of the scan grants that account API verbs. A pod naming no
    account: its namespace's ``default`` one (a binding of a kustomize base naming
    ``default`` binds the overlay's, as kustomize sets its namespace)."""
    named = {
        u.target for u in context.graph.unresolved(pod)
        if u.attribute.endswith("serviceAccountName") and "/ServiceAccount/" in u.target
    }
    if not named and pod.facets.uses_default_service_account and kube.namespace_known(pod):
        # a pod naming no account runs as its namespace's default one (Service Accounts:
        # "Kubernetes automatically assigns the ServiceAccount named default in that
        # namespace"), which a binding of the scan may name
        named = {f"{kube.namespace(pod)}/ServiceAccount/default"}
    if not named:
        return []
    bindings = sorted(
        {
            u.source for u in context.graph.unresolved()
            if u.target in named and u.attribute.startswith("subjects.")
        }
    )
    found = [b for b in (context.graph.get(i) for i in bindings) if b is not None]
    return [(t.rsplit("/", 1)[-1], [b for b in found if b.kind == "k8s.role_binding"])
            for t in sorted(named)]


#: Built-in roles every authenticated user holds already: a binding to one shows no need.
_EVERYONE_S_ROLES = frozenset(
    {"system:basic-user", "system:discovery", "system:public-info-viewer"}
)


def _api_grant(binding: Resource, context: RuleContext) -> tuple[bool | None, Text] | None:
    """Whether the role a binding grants grants API verbs (True), may (None: its rules are
    not known), with the role described; None when it grants none."""
    from gdcc_audit.normalize.kubernetes.mapper import (  # lazy, as above
        ROLE_FACETS,
        aggregated,
    )

    roles = list(context.graph.references(binding, "k8s.role"))
    maybe: Text | None = None
    for role in roles:
        name = role.address or role.name
        # Terraform writes a value not known as None; in a manifest None is nothing written
        terraform = role.provider_type.startswith("kubernetes_")
        if aggregated(role.attributes):
            granted = [f for f in ROLE_FACETS if getattr(role.facets, f)]
            if granted:  # a ClusterRole of the scan it selects grants these (link.py)
                return True, Text(
                    en=f"{name}, an aggregated ClusterRole whose selected roles grant API "
                    "verbs",
                    th=f"{name} ซึ่งเป็น ClusterRole แบบรวมที่ role ที่เลือกให้สิทธิ์เรียก API",
                )
            maybe = Text(
                en=f"{name}, an aggregated ClusterRole whose rules are those of the roles it "
                "selects",
                th=f"{name} ซึ่งเป็น ClusterRole แบบรวมที่มี rules ตาม role ที่เลือก",
            )
            continue
        rules = role.attributes.get("rules")
        if terraform and rules is None and "rules" in role.attributes:
            maybe = Text(en=f"{name}, whose rules are not known",
                         th=f"{name} ซึ่งไม่ทราบ rules")
            continue
        for rule in rules if isinstance(rules, list) else []:
            if not isinstance(rule, dict):
                continue
            verbs = _texts(rule.get("verbs"))
            targets = [*_texts(rule.get("resources")), *_texts(rule.get("nonResourceURLs"))]
            if verbs and targets:
                on = f"{', '.join(verbs)} on {', '.join(targets)}"
                return True, Text(
                    en=f"{name}, which grants {on}", th=f"{name} ซึ่งให้สิทธิ์ {on}"
                )
            if terraform and any(rule.get(k) is None and k in rule for k in ("verbs", "resources")):
                maybe = Text(en=f"{name}, whose verbs or resources are not known",
                             th=f"{name} ซึ่งไม่ทราบ verb หรือ resource")
    if roles:
        return (None, maybe) if maybe is not None else None
    bound = binding.facets.bound_role
    ref = binding.attributes.get("roleRef")
    kind = ref.get("kind") if isinstance(ref, dict) else None
    built_in = (kind == "ClusterRole" and bound is not None and (
        bound in API_BUILT_IN_ROLES or bound.startswith("system:controller:")
    )) or (kind == "Role" and bound == _AUTH_READER and kube.namespace(binding) == "kube-system")
    if built_in:
        return True, Text(
            en=f"the built-in {kind} {bound} (not in the scan), which grants API verbs",
            th=f"{kind} {bound} ที่มีมากับ Kubernetes (ไม่อยู่ในการสแกน) ซึ่งให้สิทธิ์เรียก API",
        )
    if bound in _EVERYONE_S_ROLES:
        return None
    named = f"{kind or 'role'} {bound}" if bound is not None else "a role whose name is not known"
    return None, Text(
        en=f"{named}, which is not in the scan", th=f"{named} ซึ่งไม่อยู่ในการสแกน"
    )


def _texts(value: object) -> list[str]:
    """The non-empty texts of a list (a value not known gives none)."""
    return [v for v in value if isinstance(v, str) and v] if isinstance(value, list) else []


def _account_not_known(resource: Resource) -> Outcome:
    """GDCC-K8S-012 for a pod whose service account's name is not known (``service_account_name
    = var.sa`` without a default, ``serviceAccountName: ${SA}``): an account other than
    ``default`` may turn the mount off (its ``automountServiceAccountToken``), so neither the
    Kubernetes default nor ``default``'s setting decides. Was FAIL "Kubernetes default"."""
    from gdcc_audit.normalize.kubernetes.workload import account_placeholder_reason, pod_spec

    why = account_placeholder_reason(pod_spec(resource.attributes)[0])
    if why is None:
        why = Text(
            en="the service account's name is a value not known before apply",
            th="ชื่อ service account เป็นค่าที่ไม่ทราบก่อน apply",
        )
    return unknown(
        Text(
            en=f"which service account the pod runs as is not known ({why.en}), so neither "
            "is whether its token is mounted",
            th=f"ไม่ทราบว่า pod ทำงานด้วย service account ใด ({why.th}) "
            "จึงไม่ทราบว่ามีการเมานต์โทเคนหรือไม่",
        ),
        automount_token=None,
    )


def _each_account(resource: Resource, context: RuleContext, choices: list[object]) -> Outcome:
    """GDCC-K8S-012 for a pod whose service account a condition not known chooses
    (``ACCOUNT_CHOICES``): each account judged as one named alone (its setting when it is in
    the scan, else the Kubernetes default; a mounted token a binding shows it needs is
    right, ``_token_needed``); the same for each -> that verdict, else (or one not known)
    UNKNOWN. Was the account the reference names, or the Kubernetes default."""
    judged: list[tuple[str, bool | None, str, str | None]] = []
    for choice in choices:
        if not isinstance(choice, str):
            judged.append(("a value not known", None, "not known", None))
            continue
        account = context.graph.resolve(
            resource, f"{kube.namespace(resource)}/ServiceAccount/{choice}"
        )
        setting = account.facets.automount_token if account is not None else None
        mounts, source = (True, "Kubernetes default") if setting is None else (
            setting, "service account"
        )
        needed = _token_needed([account], context) if mounts and account is not None else None
        if needed is not None and not needed[0]:  # it may need it: not known
            judged.append((f"{choice} (bound by {needed[2]}, a role not known)", None,
                           "not known", None))
            continue
        judged.append((choice, mounts, source, needed[2] if needed is not None else None))
    listed = ", ".join(
        name if mounts is None else (
            f"{name}: {'mounted' if mounts else 'not mounted'} ({source})"
            + (f", needed: bound by {by}" if by else "")
        )
        for name, mounts, source, by in judged
    )
    listed_th = ", ".join(
        "ค่าที่ไม่ทราบ" if mounts is None else (
            f"{name}: {'เมานต์' if mounts else 'ไม่เมานต์'} ({source})"
            + (f" จำเป็นเพราะถูกผูกโดย {by}" if by else "")
        )
        for name, mounts, source, by in judged
    )
    # True: a token mounted without need (FAIL); None: not known
    wrong = {None if mounts is None else bool(mounts and not by) for _, mounts, _, by in judged}
    names = [n if m is not None else None for n, m, _, _ in judged]
    how = "service accounts a condition chooses"
    if wrong == {True}:
        return failed(
            Text(
                en=f"the service-account token is mounted with each service account a "
                f"condition may choose ({listed})",
                th=f"มีการเมานต์โทเคนของ service account กับทุก service account ที่เงื่อนไขอาจเลือก "
                f"({listed_th})",
            ),
            automount_token=True, decided_by=how, service_account_choices=names,
        )
    if wrong == {False}:
        if any(by for *_, by in judged):
            return passed(
                Text(
                    en=f"each service account a condition may choose mounts no token, or "
                    f"needs it to call the API ({listed})",
                    th=f"service account ทุกบัญชีที่เงื่อนไขอาจเลือกไม่เมานต์โทเคน "
                    f"หรือต้องใช้โทเคนเพื่อเรียก API ({listed_th})",
                ),
                automount_token=any(m for _, m, _, _ in judged), decided_by=how,
                service_account_choices=names,
            )
        return passed(automount_token=False, decided_by=how, service_account_choices=names)
    return unknown(
        Text(
            en=f"the service account is chosen by a condition not known, and the token "
            f"mount depends on which ({listed})",
            th=f"service account ถูกเลือกโดยเงื่อนไขที่ไม่ทราบค่า และการเมานต์โทเคนขึ้นกับว่าเลือกบัญชีใด "
            f"({listed_th})",
        ),
        automount_token=None, service_account_choices=names,
    )


def no_host_namespaces(resource: Resource, context: RuleContext) -> Outcome:
    """The pod shares none of the host's namespaces (network, PID, IPC); the ones it shares are
    listed in the evidence (``host_namespaces``). A workload declared in a manifest with
    ``host_namespace`` only is judged on that."""
    shared = resource.facets.host_namespaces
    if shared is None:
        whole = resource.facets.host_namespace
        if whole is None:
            return unknown(
                not_known_reason("host_namespace"),
                host_namespace=None,
            )
        if whole:
            return failed(
                Text(
                    en="the pod shares the host's namespaces",
                    th="pod ใช้ namespace ร่วมกับเครื่องแม่ข่าย",
                ),
                host_namespace=True,
            )
        return passed(host_namespace=False)
    if shared:
        listed = ", ".join(shared)
        return failed(
            Text(
                en=f"the pod shares the host's namespaces: {listed}",
                th=f"pod ใช้ namespace ร่วมกับเครื่องแม่ข่าย: {listed}",
            ),
            host_namespaces=list(shared),
        )
    return passed(host_namespaces=[])


def limits_set(resource: Resource, context: RuleContext) -> Outcome:
    """Every container sets CPU and memory limits; the limits some container lacks are listed
    in the evidence (``missing_limits``). A workload declared in a manifest with
    ``resource_limits`` only is judged on that."""
    missing = resource.facets.missing_limits
    if missing is None:
        whole = resource.facets.resource_limits
        if whole is None:
            return unknown(
                not_known_reason("resource_limits"),
                resource_limits=None,
            )
        if not whole:
            return failed(
                Text(
                    en="a container has no CPU or memory limit",
                    th="มีคอนเทนเนอร์ที่ไม่กำหนดขีดจำกัด CPU หรือหน่วยความจำ",
                ),
                resource_limits=False,
            )
        return passed(resource_limits=True)
    if missing:
        listed = ", ".join(missing)
        reason = Text(
            en=f"a container sets no {listed} limit",
            th=f"มีคอนเทนเนอร์ที่ไม่กำหนดขีดจำกัด {listed}",
        )
        named = (resource.facets.containers_at_fault or {}).get("missing_limits")
        if not named:
            return failed(reason, missing_limits=list(missing))
        return failed(
            naming_containers(reason, named), missing_limits=list(missing), containers=list(named)
        )
    return passed(missing_limits=[])


def bound_role(resource: Resource) -> str | None:
    """The name of the role a binding grants: its ``bound_role`` facet, else the
    ``roleRef.name`` of the object read; None when neither is known."""
    if resource.facets.bound_role is not None:
        return resource.facets.bound_role
    role_ref = resource.attributes.get("roleRef")
    name = role_ref.get("name") if isinstance(role_ref, dict) else None
    return name if isinstance(name, str) else None


def _every_permission(role: Resource) -> bool:
    """A role of the scan with a rule that allows every verb on every resource of every API
    group (``apiGroups``, ``resources`` and ``verbs`` all ``*``): what ``cluster-admin``
    holds ("allows super-user access to perform any action on any resource", Using RBAC
    Authorization, User-facing roles). Read from its manifest rules; an aggregated
    ClusterRole's written rules are not what it grants (not read here)."""
    if role.unknown:
        return False
    rules = role.attributes.get("rules")
    for item in rules if isinstance(rules, list) else ():
        rule = item if isinstance(item, dict) else {}
        if all("*" in (rule.get(key) or ()) for key in ("apiGroups", "resources", "verbs")):
            return True
    return False


def _binds_every_permission(name: str) -> Outcome:
    """GDCC-K8S-015 FAIL for a binding of the role ``name`` that allows everything."""
    return failed(
        Text(
            en=f"binds the role {name}, which allows every verb on every resource of every "
            "API group, as cluster-admin does",
            th=f"ผูกบทบาท {name} ซึ่งอนุญาตทุก verb บนทุก resource ของทุก API group "
            "เช่นเดียวกับ cluster-admin",
        ),
        role=name,
    )


def _bound_by_reference(resource: Resource, context: RuleContext) -> Outcome | None:
    """A binding whose role name is not known before apply but whose ``role_ref`` names a
    role of the scan by reference (``name = kubernetes_role.app.metadata[0].name``): that
    role is the one bound, and it is not the built-in ``cluster-admin`` (a role the scan
    creates is another object). FAIL when it allows every verb on every resource of every
    API group; PASS when all its rules are known and none does; None (not known) otherwise,
    a role whose rules are not all known and an aggregated ClusterRole (its written rules are
    not what it grants) included."""
    roles = [
        target
        for target, attribute in context.graph.reference_attributes(resource)
        if target.kind == "k8s.role" and attribute.startswith("role_ref.")
    ]
    if len(roles) != 1:
        return None
    role = roles[0]
    name = role.address or role.name
    if _every_permission(role):
        return _binds_every_permission(name)
    if (
        role.unknown
        or role.facets.wildcard_permissions is None  # its rules not all known (GDCC-IAM-005)
        or role.attributes.get("aggregationRule") is not None
    ):
        return None
    return passed(role=name)


def no_cluster_admin_binding(resource: Resource, context: RuleContext) -> Outcome:
    """A RoleBinding or ClusterRoleBinding does not grant ``cluster-admin``, nor a role of the
    scan that grants what it grants (every verb on every resource of every API group: argo-cd's
    application controller role).

    Bindings to other roles PASS here: what those roles allow is judged on the roles
    (GDCC-IAM-005, GDCC-K8S-016). The role is the binding's ``bound_role`` (a manifest's
    ``roleRef.name``, a Terraform ``role_ref`` block's ``name``).
    """
    name = bound_role(resource)
    if name is None:  # declared without its roleRef: what the declaration says
        admin = resource.facets.admin_privileges
        if admin is None:
            return _bound_by_reference(resource, context) or unknown(
                Text(en="the bound role is not known", th="ไม่ทราบบทบาทที่ผูกไว้"),
                admin_privileges=None,
            )
        return (failed if admin else passed)(admin_privileges=admin)
    if name in ADMIN_ROLES:
        if kube.object_kind(resource) in kube.ROLE_BINDINGS or resource.provider_type in (
            kube.ROLE_BINDINGS
        ):
            # "a RoleBinding may reference any Role in the same namespace ... or a
            # ClusterRole and bind that ClusterRole to the namespace of the RoleBinding"
            # (Using RBAC Authorization, RoleBinding and ClusterRoleBinding)
            where = kube.namespace(resource)
            return failed(
                Text(
                    en=f"binds the {name} role in namespace {where} (a RoleBinding: every "
                    "permission on the objects of that namespace, its Secrets, roles and "
                    "bindings included)",
                    th=f"ผูกบทบาท {name} ใน namespace {where} (RoleBinding: ทุกสิทธิ์บนออบเจกต์"
                    "ของ namespace นั้น รวมทั้ง Secret, role และ binding)",
                ),
                role=name,
            )
        return failed(
            Text(en=f"binds the {name} role", th=f"ผูกบทบาท {name}"),
            role=name,
        )
    if any(_every_permission(r) for r in context.graph.references(resource, "k8s.role")):
        return _binds_every_permission(name)
    return passed(role=name)
