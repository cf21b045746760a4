"""Google service accounts as identities someone may take on (GDCC-IAM-008, the idea of an
AWS role anyone may assume).

A service account is used by whoever may impersonate it: a ``google_service_account_iam_*``
grant on it (``roles/iam.serviceAccountTokenCreator``, ``serviceAccountUser``,
``workloadIdentityUser``...) lets its members act as the account. Such a grant to
``allUsers`` or ``allAuthenticatedUsers`` lets anyone on the internet, or anyone with a Google
account, in; like the other Google grants, any role given to everyone counts and is named in
the evidence (``granted_by``).

Workload identity federation: a grant to a whole pool (``principalSet://.../
workloadIdentityPools/POOL/*``) lets in every identity the pool's providers accept. A provider
for GitHub Actions (issuer ``https://token.actions.githubusercontent.com``) without an
``attribute_condition`` accepts a token from any repository of any owner: "GitHub uses a
single issuer URL across all organizations ... you must use an attribute condition that
restricts access to tokens issued by your GitHub organization"
(https://cloud.google.com/iam/docs/workload-identity-federation-with-deployment-pipelines).
Such a grant lets anyone on GitHub in. A grant to one attribute value
(``.../attribute.repository/OWNER/REPO``) or subject is limited to it.

What a service account may do is granted elsewhere: in IAM policies of projects, folders, the
organization and resources, often outside the scanned configuration, so its permissions are
not known (GDCC-GRAPH-006 and GDCC-IAM-005 say UNKNOWN unless a grant of the scan reaching it
holds a wildcard or administrator role, which FAILs).
"""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import IMPERSONATES, IMPERSONATES_MAYBE, Facets, Reference
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.google_grants import forms
from gdcc_audit.normalize.terraform.google_iam_policy import (
    Grants,
    grant_merge,
    iam_grants,
    members_of,
)
from gdcc_audit.normalize.terraform.values import block

SERVICE_ACCOUNT = "google_service_account"
POOL = "google_iam_workload_identity_pool"
POOL_PROVIDER = "google_iam_workload_identity_pool_provider"
_GRANTS = forms("google_service_account_iam")
#: A grant's member arguments (merged into the account the grant is on).
_MEMBER_KEYS = frozenset({"member", "members"})
_GITHUB_ISSUER = "token.actions.githubusercontent.com"
#: A member naming every identity of a workload identity pool (its id in group 1 when
#: written): ``principalSet://iam.googleapis.com/projects/N/locations/global/
#: workloadIdentityPools/POOL/*``.
_WHOLE_POOL = re.compile(r"^principalSet://[^/]+/(?:.*/workloadIdentityPools/([^/]+)|.*)/\*$")

_PERMISSIONS_ELSEWHERE = Text(
    en="a Google service account's roles are granted in IAM policies of projects, folders, "
    "the organization and resources, which may be outside the scanned configuration",
    th="บทบาทของบัญชีบริการ (service account) ของ Google กำหนดไว้ในนโยบาย IAM ของโปรเจกต์ โฟลเดอร์ "
    "องค์กร และทรัพยากร ซึ่งอาจอยู่นอกการกำหนดค่าที่สแกน",
)


def service_account(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_service_account``: no one may impersonate it until a grant on it says so
    (merged from its ``google_service_account_iam_*`` companions); its permissions are not
    known (module docstring)."""
    for facet in ("wildcard_permissions", "admin_privileges"):
        ctx.note(r, facet, None, unknown=_PERMISSIONS_ELSEWHERE)
    return "identity.role", Facets(public_access=False, public_grants=())


def _github_without_condition(provider: TfResource) -> bool | None:
    """Whether a pool provider accepts GitHub Actions tokens of any repository: a GitHub OIDC
    issuer and no ``attribute_condition``; None when either is not known."""
    oidc = block(provider.values, "oidc")
    if oidc is None:
        return None
    issuer = oidc.get("issuer_uri") if oidc else None
    if issuer is UNKNOWN:
        return None
    if not isinstance(issuer, str) or _GITHUB_ISSUER not in issuer:
        return False
    condition = provider.values.get("attribute_condition")
    if condition is UNKNOWN:
        return None
    return condition is None or (isinstance(condition, str) and not condition.strip())


def _pool_providers(r: TfResource, ctx: TfContext, pool_id: str | None) -> list[TfResource]:
    """The providers of the scan in the pool a grant's whole-pool member names: by the
    pool resource the grant refers to, else by the pool id written in the member."""
    pools = ctx.referenced_all(r, "member", [POOL]) + ctx.referenced_all(r, "members", [POOL])
    ids: set[str] = {pool_id} if pool_id else set()
    addresses = {p.address for p in pools}
    for pool in pools:
        written = pool.values.get("workload_identity_pool_id")
        if isinstance(written, str):
            ids.add(written)
    found: list[TfResource] = []
    for provider in ctx.by_type.get(POOL_PROVIDER, ()):
        if provider.module != r.module:
            continue
        named = ctx.referenced_all(provider, "workload_identity_pool_id", [POOL])
        written = provider.values.get("workload_identity_pool_id")
        if any(p.address in addresses for p in named) or (
            isinstance(written, str) and written in ids
        ):
            found.append(provider)
    return found


def _federated(r: TfResource, ctx: TfContext) -> Grants:
    """Grants to a whole workload identity pool whose GitHub provider accepts any
    repository (module docstring)."""
    role = r.values.get("role")
    role_text = role if isinstance(role, str) and UNKNOWN_TEXT not in role else "a role"
    found = Grants(False)
    for member in members_of(r):
        if not isinstance(member, str):
            continue
        matched = _WHOLE_POOL.match(member)
        if matched is None:
            continue
        pool_id = matched.group(1)
        if pool_id is not None and UNKNOWN_TEXT in pool_id:
            pool_id = None
        whole = f"{role_text} to every identity of a workload identity pool"
        providers = _pool_providers(r, ctx, pool_id)
        if not providers:
            # who the pool lets in is not in the scan: it may be any GitHub repository
            found += Grants(None, (f"{whole} whose providers are not in the scan",))
        for provider in providers:
            verdict = _github_without_condition(provider)
            if verdict is False:
                continue
            why = (
                f"its GitHub provider {provider.address} has no attribute_condition "
                "(any repository)"
                if verdict
                else f"the attribute_condition of its GitHub provider {provider.address} is "
                "not known"
            )
            found += Grants(verdict, (f"{whole}: {why}",))
    return found


def _grants(r: TfResource, ctx: TfContext) -> Grants:
    return iam_grants(r, ctx) + _federated(r, ctx)


def _target(r: TfResource, ctx: TfContext) -> TfResource | None:
    """The account ``service_account_id`` names: by reference, else by the account id of a
    literal ``projects/P/serviceAccounts/ID@P.iam.gserviceaccount.com`` in the same module."""
    found = ctx.target_of(r, "service_account_id", [SERVICE_ACCOUNT])
    if found is not None:
        return found
    literal = r.values.get("service_account_id")
    if not isinstance(literal, str) or not literal:
        return None
    account = literal.rsplit("/", 1)[-1].split("@", 1)[0]
    named = [
        candidate
        for candidate in ctx.by_type.get(SERVICE_ACCOUNT, ())
        if candidate.module == r.module and candidate.values.get("account_id") == account
    ]
    return named[0] if len(named) == 1 else None


def _companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
    found = _target(r, ctx)
    if found is None:
        return []
    return [Contribution(found.address, r.address, merge=grant_merge(_grants(r, ctx), r))]


def _standalone(r: TfResource, ctx: TfContext) -> Mapped:
    """A grant on an account that is not in the scan, judged as that account."""
    for facet in ("wildcard_permissions", "admin_privileges"):
        ctx.note(r, facet, None, unknown=_PERMISSIONS_ELSEWHERE)
    grants = _grants(r, ctx)
    return "identity.role", Facets(public_access=grants.public, public_grants=grants.by(r))


MAPPINGS: dict[str, MapFn] = {
    SERVICE_ACCOUNT: service_account,
    **dict.fromkeys(_GRANTS, _standalone),
}

COMPANIONS: dict[str, CompanionFn] = dict.fromkeys(_GRANTS, _companion)


#: Predefined roles that, granted on one service account, let the member act as it, each
#: with the permissions that do so (Google's role reference, cloud.google.com/iam/docs/
#: roles-permissions/iam; "Service account permissions", cloud.google.com/iam/docs/
#: service-account-permissions): actAs attaches it to a workload ("allows principals to
#: indirectly access all the resources that the service account can access"),
#: getAccessToken / signBlob / signJwt / implicitDelegation make its credentials
#: (cloud.google.com/iam/docs/service-account-impersonation), keys.create a long-lived key,
#: setIamPolicy on the account lets the member grant itself any of those. The basic roles
#: owner and editor hold actAs and key creation ("Basic roles", cloud.google.com/iam/docs/
#: roles-overview#basic). roles/iam.serviceAccountOpenIdTokenCreator is not here: an OpenID
#: Connect ID token proves the account's identity to a service that accepts one (Cloud Run,
#: Cloud Functions), it gives none of the account's IAM permissions.
IMPERSONATING_ROLES: dict[str, tuple[str, ...]] = {
    "roles/iam.serviceAccountUser": ("iam.serviceAccounts.actAs",),
    "roles/iam.serviceAccountTokenCreator": (
        "iam.serviceAccounts.getAccessToken", "iam.serviceAccounts.implicitDelegation",
        "iam.serviceAccounts.signBlob", "iam.serviceAccounts.signJwt",
    ),
    "roles/iam.workloadIdentityUser": ("iam.serviceAccounts.getAccessToken",),
    "roles/iam.serviceAccountKeyAdmin": ("iam.serviceAccountKeys.create",),
    "roles/iam.serviceAccountAdmin": ("iam.serviceAccounts.setIamPolicy",),
    "roles/iam.securityAdmin": ("iam.serviceAccounts.setIamPolicy",),
    "roles/owner": ("iam.serviceAccounts.actAs", "iam.serviceAccounts.setIamPolicy"),
    "roles/editor": ("iam.serviceAccounts.actAs", "iam.serviceAccountKeys.create"),
}
#: The permissions of a custom role that, on one service account, let its holder act as it.
_IMPERSONATING_PERMISSIONS = frozenset({
    "iam.serviceAccounts.actAs",
    "iam.serviceAccounts.getAccessToken",
    "iam.serviceAccounts.implicitDelegation",
    "iam.serviceAccounts.signBlob",
    "iam.serviceAccounts.signJwt",
    "iam.serviceAccountKeys.create",
    "iam.serviceAccounts.setIamPolicy",
})
_CUSTOM_ROLES = ("google_project_iam_custom_role", "google_organization_iam_custom_role")
_IMPERSONATION_MEMO = "google_impersonation"


def _impersonating(role: Any, grant: TfResource, ctx: TfContext) -> str | bool | None:
    """How a grant's role lets its member act as the account: ``ROLE: PERMISSIONS`` (a text)
    when it does, False when it does not, None when the role is not known."""
    if isinstance(role, str) and UNKNOWN_TEXT not in role and role:
        if role in IMPERSONATING_ROLES:
            return f"{role}: {', '.join(IMPERSONATING_ROLES[role])}"
        return False
    if role is not None and role is not UNKNOWN:
        return None
    found = ctx.referenced_all(grant, "role", _CUSTOM_ROLES)
    if len(found) != 1:
        return None
    permissions = found[0].values.get("permissions")
    if not isinstance(permissions, list) or not all(isinstance(p, str) for p in permissions):
        return None
    held = [p for p in permissions if p in _IMPERSONATING_PERMISSIONS]
    return f"{found[0].address}: {', '.join(held)}" if held else False


def grant_bindings(grant: TfResource, ctx: TfContext) -> list[tuple[Any, TfResource, str]]:
    """``(role, holder, attribute)`` of each role a grant on an account gives: the grant's
    ``role`` and its ``member`` / ``members``; for a ``_policy``, each ``binding`` block of
    the ``data "google_iam_policy"`` its ``policy_data`` names (``binding.N.members``)."""
    if not grant.type.endswith("_iam_policy"):
        return [(grant.values.get("role"), grant, a) for a in ("member", "members")]
    document = ctx.referenced(grant, "policy_data", ["google_iam_policy"])
    written = document.values.get("binding") if document is not None else None
    if document is None or not isinstance(written, list):
        return []
    return [
        (item.get("role"), document, f"binding.{index}.members")
        for index, item in enumerate(written)
        if isinstance(item, dict)
    ]


def named_accounts(holder: TfResource, attribute: str, ctx: TfContext) -> list[TfResource]:
    """The service accounts of the scan a member list names: by reference, else by the
    account id of a literal ``serviceAccount:ID@PROJECT.iam.gserviceaccount.com`` in the same
    module (one account with that ``account_id``)."""
    found = ctx.candidates(holder, attribute, [SERVICE_ACCOUNT])
    head, _, rest = attribute.partition(".")
    value: Any = holder.values.get(head)
    for part in rest.split(".") if rest else ():
        value = (
            value[int(part)] if isinstance(value, list) and part.isdigit()
            and int(part) < len(value) else value.get(part) if isinstance(value, dict) else None
        )
    for member in value if isinstance(value, list) else [value]:
        if not isinstance(member, str) or not member.startswith("serviceAccount:"):
            continue
        account = member.removeprefix("serviceAccount:").split("@", 1)[0]
        if UNKNOWN_TEXT in account or not member.endswith(".iam.gserviceaccount.com"):
            continue
        named = [
            candidate for candidate in ctx.by_type.get(SERVICE_ACCOUNT, ())
            if candidate.module == holder.module
            and candidate.values.get("account_id") == account
        ]
        if len(named) == 1 and named[0] not in found:
            found.append(named[0])
    return found


def _impersonation_index(ctx: TfContext) -> dict[str, dict[str, tuple[bool, str]]]:
    """Member account address -> account it may act as -> (certain, how): every
    ``google_service_account_iam_*`` grant of the root read once (``ctx.memo``); a certain
    grant wins over one whose role is not known."""
    index: dict[str, dict[str, tuple[bool, str]]] | None = ctx.memo.get(_IMPERSONATION_MEMO)
    if index is not None:
        return index
    index = {}
    for grant in ctx.related(_GRANTS):
        target = _target(grant, ctx)
        if target is None:
            continue
        for role, holder, attribute in grant_bindings(grant, ctx):
            how = _impersonating(role, grant, ctx)
            if how is False:
                continue
            what = how if isinstance(how, str) else "a role not known"
            note = (
                how is not None,
                f"{target.address} ({what}, granted by {grant.address} at "
                f"{grant.declared_at})",
            )
            for account in named_accounts(holder, attribute, ctx):
                found = index.setdefault(account.address, {})
                if account.address != target.address and not found.get(
                    target.address, (False,)
                )[0]:
                    found[target.address] = note
    ctx.memo[_IMPERSONATION_MEMO] = index
    return index


def impersonation_links(
    account: TfResource, ctx: TfContext, attributes: dict[str, Any],
    references: tuple[Reference, ...],
) -> tuple[Reference, ...]:
    """The service accounts of the scan that ``account`` may act as: a
    ``google_service_account_iam_*`` grant on one of them gives ``account`` a role that
    impersonates it (``IMPERSONATING_ROLES``, a custom role of the scan holding such a
    permission; a role not known: perhaps). Each is a reference of ``account``
    (``IMPERSONATES`` / ``IMPERSONATES_MAYBE``), with the role and grant noted in
    ``attributes[IMPERSONATES]`` for the finding. A grant's members merged into the account
    it is on are who may act as it, not what it reaches: those references are dropped (the
    graph walked from the account to them)."""
    kept = tuple(r for r in references if r.attribute.split(".", 1)[0] not in _MEMBER_KEYS)
    found = _impersonation_index(ctx).get(account.address)
    if not found:
        return kept
    attributes[IMPERSONATES] = {target: how for target, (_, how) in found.items()}
    return tuple(dict.fromkeys(kept + tuple(
        Reference(target=target, attribute=IMPERSONATES if sure else IMPERSONATES_MAYBE)
        for target, (sure, _) in found.items()
    )))
