"""Who may assume an AWS IAM role through a public identity provider (GDCC-IAM-008).

A trust statement for web identities is open to anyone when its identity provider issues
tokens to anyone and its condition does not pin the caller:

- GitHub Actions (``token.actions.githubusercontent.com``): every workflow of every
  repository gets a token. Only a ``sub`` condition that starts with ``repo:OWNER/`` (owner
  written out, no wildcard) limits the role to one owner's repositories; no ``sub`` condition,
  ``*``, ``repo:*``, ``repo:owner*``, or a value any repository can produce through a custom
  claim template (``workflow:...``) lets anyone in (GitHub docs, "Configuring OpenID Connect
  in Amazon Web Services"; AWS IAM User Guide, "Create a role for OpenID Connect federation").
- Amazon Cognito identity pools (``cognito-identity.amazonaws.com``): without a
  ``cognito-identity.amazonaws.com:aud`` condition naming the pool, an identity of any pool,
  in any account, may assume the role (Amazon Cognito developer guide, "IAM roles": role
  trust).
- Google, Facebook and Login with Amazon (``accounts.google.com``, ``graph.facebook.com``,
  ``www.amazon.com``): every user of every application signing in there gets a token, so a
  trust without a condition naming the application (``accounts.google.com:aud`` / ``:oaud``,
  ``graph.facebook.com:app_id``, ``www.amazon.com:app_id``) or the user (``...:sub``,
  ``graph.facebook.com:id``, ``www.amazon.com:user_id``) lets anyone with such an account in
  (IAM User Guide, "IAM and AWS STS condition context keys", keys for web identity
  federation; the IAM console writes the application's ``aud`` / ``app_id`` condition).

The issuer is told by the ``Federated`` principal or by the condition keys (a principal
written as a reference to an ``aws_iam_openid_connect_provider`` is not known statically).

A statement whose ``Federated`` principal is not known (an OIDC provider ARN from a module
not in the scan, terraform-aws-modules/iam's IRSA roles) is still limited when it pins the
token's subject: ``<issuer>:sub`` tested with ``StringEquals`` (or ``StringLike`` with no
wildcard) against written values. A web identity gets in only with a token whose ``sub``
is one of them, and when the key names another issuer than the caller's, the key is absent
and the test fails (IAM User Guide, "Condition operators": a missing key fails every
operator but ``...IfExists``, ``Null`` and ``ForAllValues``, which are not pins). A subject
is chosen by the issuer, except GitHub's, which a repository makes of its own claims
(``workflow:deploy``): a value beginning with a GitHub claim name, not ``repo:OWNER/``,
pins no one (:func:`subject_pinned`). A ``StringLike`` pattern over the service accounts of
one written namespace (``system:serviceaccount:ns:*``) or one GitHub owner's repositories
(``repo:owner/*``) pins too; a wildcard namespace does not (:func:`_one_subject`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from gdcc_audit.normalize.policy_conditions import statement_name

_GITHUB = "token.actions.githubusercontent.com"
_GITHUB_SUB = re.compile(r"^token\.actions\.githubusercontent\.com(?:/[^:]+)?:sub$", re.I)
#: ``repo:OWNER/...`` with the owner written out.
_PINNED_TO_OWNER = re.compile(r"^repo:[^*?/:]+/")
#: Other issuers that give a token to every job of every tenant of a shared service, each with
#: what a finding calls a tenant's job and the ``sub`` prefix that names one tenant (written
#: out, no wildcard): GitLab.com CI/CD (``project_path:GROUP/PROJECT:ref_type:...``, GitLab
#: docs, "Configure OpenID Connect in AWS to retrieve temporary credentials", the condition
#: on ``gitlab.com:sub``) and HCP Terraform (``organization:ORG:project:...:workspace:...``,
#: HashiCorp docs, "Dynamic credentials with the AWS provider", condition on
#: ``app.terraform.io:sub``). Without such a ``sub`` condition any project or organization
#: there assumes the role (their ``aud`` is chosen by the job or shared, not a pin).
_SHARED_ISSUERS = (
    ("gitlab.com", "GitLab.com project", re.compile(r"^project_path:[^*?/:]+/")),
    ("app.terraform.io", "HCP Terraform organization", re.compile(r"^organization:[^*?:]+:")),
)
_COGNITO = "cognito-identity.amazonaws.com"
_COGNITO_AUD = "cognito-identity.amazonaws.com:aud"
#: Public web identity providers: their name in the ``Federated`` principal, what a finding
#: calls their users, and the condition keys that name an application or a user.
_PUBLIC_PROVIDERS = (
    ("accounts.google.com", "Google account",
     ("accounts.google.com:aud", "accounts.google.com:oaud", "accounts.google.com:sub")),
    ("graph.facebook.com", "Facebook account",
     ("graph.facebook.com:app_id", "graph.facebook.com:id")),
    ("www.amazon.com", "Amazon account",
     ("www.amazon.com:app_id", "www.amazon.com:user_id")),
)  # fmt: skip
#: Operators whose values limit a claim to what they list (negations and ``IfExists`` do not).
_PINNING = frozenset(
    {"stringequals", "stringlike", "forallvalues:stringequals", "forallvalues:stringlike",
     "foranyvalue:stringequals", "foranyvalue:stringlike"}
)  # fmt: skip

#: Operators that hold a subject to its values and fail when the key is absent (not
#: ``ForAllValues``: true when the key is absent).
_SUBJECT_PINNING = frozenset(
    {"stringequals", "stringlike", "foranyvalue:stringequals", "foranyvalue:stringlike"}
)
#: Claims of GitHub's OIDC token a repository may build its ``sub`` from (GitHub docs,
#: "OpenID Connect reference", OIDC token claims; a custom subject template lists claim
#: keys, each written ``claim:value``).
_GITHUB_CLAIMS = frozenset(
    {"repo", "context", "actor", "actor_id", "base_ref", "enterprise", "enterprise_id",
     "environment", "event_name", "head_ref", "job_workflow_ref", "job_workflow_sha", "ref",
     "ref_protected", "ref_type", "repository", "repository_id", "repository_owner",
     "repository_owner_id", "repository_visibility", "run_attempt", "run_id", "run_number",
     "runner_environment", "sha", "workflow", "workflow_ref", "workflow_sha", "check_run_id"}
)  # fmt: skip


#: A Kubernetes service account subject with its namespace written, the account name a
#: pattern or not: ``system:serviceaccount:NAMESPACE:...`` (the API server's subject for a
#: service account token, which an EKS cluster's OIDC issuer signs).
_NAMESPACE_PINNED = re.compile(r"^system:serviceaccount:[^*?:]+:")


def _one_subject(value: str, like: bool = True) -> bool:
    """Whether a written ``sub`` value names subjects an issuer assigns, not a shape anyone
    can produce: not a GitHub subject open to any repository, and no wildcard (``like``: the
    test is ``StringLike``; with ``StringEquals`` ``*`` is a character like another, the value
    one subject) except in the account part of a Kubernetes service account of a written
    namespace (``system:serviceaccount:ns:*``: "all service accounts within a namespace", EKS
    user guide, "Assign IAM roles to Kubernetes service accounts", StringLike trust) or after
    a GitHub owner (``repo:octo-org/*``), which hold the role to that namespace's accounts,
    that owner's repositories. A wildcard namespace (``system:serviceaccount:*:x``) or
    ``system:serviceaccount:*`` is every service account of the cluster, any namespace a user
    may create: not pinned."""
    if not value:
        return False
    if _PINNED_TO_OWNER.match(value) or (like and _NAMESPACE_PINNED.match(value)):
        return True
    if like and ("*" in value or "?" in value):
        return False
    return value.split(":", 1)[0].lower() not in _GITHUB_CLAIMS


def _pins(
    value: Any,
    like: bool,
    text: Callable[[Any], str | None],
    lead: Callable[[Any], str | None] | None,
) -> bool:
    """Whether one value of a ``sub`` test pins the subject: written and
    :func:`_one_subject`, or, known only in part, written up to a namespace or a GitHub owner
    (``system:serviceaccount:emr:emr-containers-sa-*-${account_id}-*``: whatever follows, a
    subject of that namespace, of that owner's repositories)."""
    written = text(value)
    if written is not None:
        return _one_subject(written, like)
    start = lead(value) if lead is not None else None
    return start is not None and bool(
        _PINNED_TO_OWNER.match(start) or _NAMESPACE_PINNED.match(start)
    )


def subject_pinned(
    statement: Any,
    text: Callable[[Any], str | None],
    lead: Callable[[Any], str | None] | None = None,
) -> bool:
    """Whether a trust statement whose principal is only ``Federated`` (its identity provider
    perhaps not known) lets in only named token subjects: a ``StringEquals`` /
    ``StringLike`` test of a key ``...:sub`` (issuer part known or not) whose values each
    pin the subject (:func:`_pins`). ``text`` gives a value's written text, None when a part
    of it is not known (an operator or a value from an input); ``lead`` the written text
    before the first part not known, None when there is none."""
    if not isinstance(statement, Mapping):
        return False
    principal = statement.get("Principal")
    if not isinstance(principal, Mapping) or set(principal) != {"Federated"}:
        return False
    condition = statement.get("Condition")
    if not isinstance(condition, Mapping):
        return False
    for operator, tests in condition.items():
        written = text(operator)
        if written is None or written.lower() not in _SUBJECT_PINNING:
            continue
        if not isinstance(tests, Mapping):
            continue
        for key, value in tests.items():
            if not isinstance(key, str) or not key.lower().endswith(":sub"):
                continue
            values = value if isinstance(value, list) else [value]
            like = written.lower().endswith("stringlike")
            if values and all(_pins(v, like, text, lead) for v in values):
                return True
    return False


def federated_openings(
    statements: Sequence[Any],
    suffix: str = "",
    names_one: Callable[[Any], bool] = lambda value: False,
) -> tuple[bool | None, tuple[str, ...]]:
    """Whether a trust policy lets anyone assume the role through GitHub Actions or Amazon
    Cognito, with the statements that decide it named for a finding's evidence (each followed
    by ``suffix``). ``names_one``: whether a condition value not written as text names one
    resource (a CloudFormation ``!Ref IdentityPool``: that pool's id, never a pattern)."""
    opened: list[str] = []
    doubtful: list[str] = []
    for index, statement in enumerate(statements):
        if not isinstance(statement, Mapping) or str(statement.get("Effect")).lower() != "allow":
            continue
        name = statement_name(statement, index)
        for verdict, why in (
            _github(statement), _cognito(statement, names_one), *_public(statement),
            *_shared(statement),
        ):
            if verdict is True:
                opened.append(f"{name} {why}{suffix}")
            elif verdict is None:
                doubtful.append(f"{name} {why}{suffix}")
    if opened:
        return True, tuple(opened)
    return (None, tuple(doubtful)) if doubtful else (False, ())


def either(
    first: tuple[bool | None, tuple[str, ...]], second: tuple[bool | None, tuple[str, ...]]
) -> tuple[bool | None, tuple[str, ...]]:
    """Two verdicts on who may assume a role, combined: open when one is, unknown when one
    is and none is open, the deciding statements of the verdict kept."""
    for wanted in (True, None):
        deciding = [found for verdict, found in (first, second) if verdict is wanted]
        if deciding:
            return wanted, tuple(name for found in deciding for name in found)
    return False, ()


def _federated(statement: Mapping[str, Any]) -> list[Any]:
    principal = statement.get("Principal")
    if not isinstance(principal, Mapping):
        return []
    value = principal.get("Federated")
    return list(value) if isinstance(value, list) else [value] if value is not None else []


def _conditions(statement: Mapping[str, Any]) -> list[tuple[str, str, Any]]:
    """(operator in lower case, key, value) of every test of the statement's Condition."""
    condition = statement.get("Condition")
    found: list[tuple[str, str, Any]] = []
    if isinstance(condition, Mapping):
        for operator, tests in condition.items():
            if isinstance(tests, Mapping):
                found.extend((str(operator).lower(), str(k), v) for k, v in tests.items())
    return found


def _github(statement: Mapping[str, Any]) -> tuple[bool | None, str]:
    tests = _conditions(statement)
    names_github = any(isinstance(p, str) and _GITHUB in p for p in _federated(statement))
    if not names_github and not any(key.lower().startswith(_GITHUB) for _, key, _ in tests):
        return False, ""
    values: list[Any] = []
    for operator, key, value in tests:
        if operator in _PINNING and _GITHUB_SUB.match(key):
            values.extend(value if isinstance(value, list) else [value])
    why = "lets any GitHub repository assume the role (token.actions.githubusercontent.com:sub"
    if not values:
        return True, f"{why} not limited)"
    if any(not isinstance(v, str) for v in values):
        return None, f"{why} not known)"
    if all(_PINNED_TO_OWNER.match(v) for v in values):
        return False, ""
    loose = next(v for v in values if not _PINNED_TO_OWNER.match(v))
    return True, f"{why} {loose!r} is not limited to one owner)"


def _names_issuer(principal: str, host: str) -> bool:
    """Whether a ``Federated`` principal is the IAM OIDC provider of issuer ``host``
    (``arn:...:oidc-provider/gitlab.com``) or the host itself."""
    return principal.lower() == host or principal.lower().endswith("oidc-provider/" + host)


def _shared(statement: Mapping[str, Any]) -> list[tuple[bool | None, str]]:
    """For each shared CI issuer (:data:`_SHARED_ISSUERS`) the statement trusts, told by the
    ``Federated`` principal or its condition keys: open when no pinning test of
    ``<host>:sub`` holds every value to one tenant, not known when a value is not known."""
    found: list[tuple[bool | None, str]] = []
    federated = [p for p in _federated(statement) if isinstance(p, str)]
    tests = _conditions(statement)
    for host, users, tenant in _SHARED_ISSUERS:
        key = host + ":sub"
        if not any(_names_issuer(p, host) for p in federated) and not any(
            k.lower().startswith(host + ":") for _, k, _ in tests
        ):
            continue
        values = [
            v
            for operator, k, value in tests
            if operator in _PINNING and k.lower() == key
            for v in (value if isinstance(value, list) else [value])
        ]
        why = f"lets any {users} assume the role ({key}"
        if not values:
            found.append((True, f"{why} not limited)"))
        elif any(not isinstance(v, str) for v in values):
            found.append((None, f"{why} not known)"))
        elif not all(tenant.match(v) for v in values):
            loose = next(v for v in values if not tenant.match(v))
            found.append((True, f"{why} {loose!r} is not limited to one)"))
    return found


def _cognito(
    statement: Mapping[str, Any], names_one: Callable[[Any], bool]
) -> tuple[bool | None, str]:
    if not any(isinstance(p, str) and _COGNITO in p for p in _federated(statement)):
        return False, ""
    why = "lets an identity of any Amazon Cognito identity pool assume the role"
    values = [
        v
        for operator, key, value in _conditions(statement)
        if operator in _PINNING and key.lower() == _COGNITO_AUD
        for v in (value if isinstance(value, list) else [value])
    ]
    if not values:
        return True, f"{why} (no {_COGNITO_AUD} condition)"
    if any(not isinstance(v, str) and not names_one(v) for v in values):
        return None, f"{why} ({_COGNITO_AUD} not known)"
    if any(isinstance(v, str) and ("*" in v or "?" in v) for v in values):
        return True, f"{why} ({_COGNITO_AUD} is a pattern)"
    return False, ""


def _public(statement: Mapping[str, Any]) -> list[tuple[bool | None, str]]:
    """For each public web identity provider the statement's ``Federated`` principal names
    (Google, Facebook, Login with Amazon): open when no test of the statement holds one of
    the provider's application or user keys to written values (no wildcard), not known when
    such a test's values are not known."""
    found: list[tuple[bool | None, str]] = []
    federated = [p for p in _federated(statement) if isinstance(p, str)]
    for name, users, keys in _PUBLIC_PROVIDERS:
        if not any(p.lower() == name for p in federated):
            continue
        values = [
            v
            for operator, key, value in _conditions(statement)
            if operator in _PINNING and key.lower() in keys
            for v in (value if isinstance(value, list) else [value])
        ]
        why = f"lets any {users} assume the role"
        if not values:
            found.append((True, f"{why} (no {keys[0]} condition naming the application)"))
        elif any(not isinstance(v, str) for v in values):
            found.append((None, f"{why} ({keys[0]} not known)"))
        elif any("*" in v or "?" in v for v in values):
            found.append((True, f"{why} ({keys[0]} is a pattern)"))
    return found
