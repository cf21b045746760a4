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

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
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
