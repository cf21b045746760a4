"""Google IAM grants to everyone: which role a ``google_*_iam_member`` / ``_binding`` /
``_policy`` (or a BigQuery access entry) gives to ``allUsers`` or ``allAuthenticatedUsers``.

One reader for every Google resource made public by IAM (Cloud Storage buckets, BigQuery
datasets and tables, Pub/Sub topics, KMS keys, Artifact Registry repositories): the verdict
(``public``) and the grants that decide it, named for the finding's evidence.

``policy_data`` of an authoritative policy is JSON (``{"bindings": [{"role", "members"}]}``),
written inline (``jsonencode``, heredoc) or taken from ``data "google_iam_policy"``, whose
``binding`` blocks are read directly.
https://registry.terraform.io/providers/hashicorp/google/latest/docs/data-sources/iam_policy
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from gdcc_audit.load.terraform.values import has_unknown
from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import (
    CompanionFn,
    Contribution,
    MapFn,
    Mapped,
    TfContext,
)
from gdcc_audit.normalize.terraform.policy import policy_value

__all__ = [
    "EVERYONE",
    "Grants",
    "bindings_grants",
    "bindings_public",
    "grant_merge",
    "iam_companion",
    "iam_grants",
    "iam_policy_public",
    "iam_standalone",
    "member_public",
    "members_grants",
    "members_of",
]

#: Members that mean anyone on the internet (with or without a Google account).
EVERYONE = frozenset({"allUsers", "allAuthenticatedUsers"})

_NOT_KNOWN = "members not known"


@dataclass(frozen=True)
class Grants:
    """What some grants give to everyone: ``public`` is True when one names everyone, None
    when a member (or the whole grant) is not known, else False; ``named`` lists each grant to
    everyone as ``ROLE to MEMBER`` (and ``members not known`` for an undecided one)."""

    public: bool | None
    named: tuple[str, ...] = ()

    def __add__(self, other: Grants) -> Grants:
        if self.public is True or other.public is True:
            public: bool | None = True
        elif self.public is None or other.public is None:
            public = None
        else:
            public = False
        return Grants(public, self.named + other.named)

    def by(self, resource: TfResource, what: str | None = None) -> tuple[str, ...]:
        """The named grants, each followed by ``by ADDRESS at FILE:LINE`` (``what`` names a
        part of the resource, such as an inline ``access`` block)."""
        line = resource.start_line
        at = resource.file if line is None else f"{resource.file}:{line}"
        holder = resource.address if what is None else f"{what} of {resource.address}"
        return tuple(f"{grant} by {holder} at {at}" for grant in self.named)


NONE = Grants(False)


def member_public(member: Any) -> bool | None:
    """Whether one IAM member is everyone: None when it is not known (a whole value from a
    variable); a member whose known prefix names a principal (``user:<unknown>``) is not."""
    if member in EVERYONE:
        return True
    if member is UNKNOWN or not isinstance(member, str):
        return None
    if UNKNOWN_TEXT in member:
        head = member.split(UNKNOWN_TEXT, 1)[0]
        return False if ":" in head else None
    return False


def members_grants(role: Any, members: Any) -> Grants:
    """A role given to ``members`` (a list, one member, or UNKNOWN)."""
    if members is None:
        return NONE
    if members is UNKNOWN:
        return Grants(None, (f"{_role(role)} to {_NOT_KNOWN}",))
    items = members if isinstance(members, list | tuple) else [members]
    found = [m for m in items if member_public(m) is True]
    if found:
        return Grants(True, tuple(f"{_role(role)} to {m}" for m in dict.fromkeys(found)))
    if any(member_public(m) is None for m in items):
        return Grants(None, (f"{_role(role)} to {_NOT_KNOWN}",))
    return NONE


def _role(role: Any) -> str:
    return role if isinstance(role, str) and UNKNOWN_TEXT not in role else "a role not known"


def bindings_grants(bindings: Any) -> Grants:
    """The grants of a policy's ``bindings`` (``[{"role", "members"}]``)."""
    if bindings is None:
        return NONE
    if bindings is UNKNOWN or not isinstance(bindings, list):
        return Grants(None, (f"bindings {_NOT_KNOWN}",))
    total = NONE
    for binding in bindings:
        if not isinstance(binding, dict):
            total += Grants(None, (f"a binding {_NOT_KNOWN}",))
            continue
        members = binding.get("members")
        if members is not None and members is not UNKNOWN and not isinstance(members, list):
            members = UNKNOWN
        total += members_grants(binding.get("role"), members)
    return total


def bindings_public(bindings: Any) -> bool | None:
    """Whether some binding names everyone; None when a member list cannot be known."""
    return bindings_grants(bindings).public


def _text_grants(text: str) -> Grants:
    try:
        decoded = json.loads(text)
    except ValueError:
        decoded = None
    if isinstance(decoded, dict):
        return bindings_grants(decoded.get("bindings"))
    # Not a JSON object (the provider refuses it): it can grant everyone only by naming them.
    if any(word in text for word in EVERYONE) or UNKNOWN_TEXT in text:
        return Grants(None, (f"policy_data {_NOT_KNOWN}",))
    return NONE


def _policy_grants(r: TfResource, ctx: TfContext) -> Grants:
    document = ctx.referenced(r, "policy_data", ["google_iam_policy"])
    if document is not None:
        return bindings_grants(document.values.get("binding"))
    value = policy_value(r, "policy_data")
    if value is None:
        return NONE
    if not isinstance(value, str):
        return Grants(None, (f"policy_data {_NOT_KNOWN}",))
    return _text_grants(value)


def iam_policy_public(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether ``policy_data`` of a ``google_*_iam_policy`` grants any role to everyone."""
    return _policy_grants(r, ctx).public


def iam_grants(r: TfResource, ctx: TfContext) -> Grants:
    """What a ``google_*_iam_member`` (``member``), ``_binding`` (``members``) or ``_policy``
    (``policy_data``) gives to everyone."""
    if r.type.endswith("_iam_policy"):
        return _policy_grants(r, ctx)
    role = r.values.get("role")
    return members_grants(role, written_members(r, "member")) + members_grants(
        role, written_members(r, "members")
    )


def members_of(r: TfResource) -> list[Any]:
    """Every member a ``google_*_iam_member`` / ``_binding`` names, as written (``_members``);
    none for a ``_policy``, and UNKNOWN for a list not known."""
    found: list[Any] = []
    for attribute in ("member", "members"):
        value = written_members(r, attribute)
        if value is None:
            continue
        found.extend(value if isinstance(value, list | tuple) else [value])
    return found


def written_members(r: TfResource, attribute: str) -> Any:
    """A members-like argument as written (``member`` / ``members``, an ACL's ``entity`` /
    ``role_entity``): where a value in it is not known statically, its rendering with that
    value marked (``serviceAccount:<unknown>``, ``READER:user-<unknown>``: known in part
    whatever the value; ``TEXT_PARTIALS``), else the value."""
    value = r.values.get(attribute)
    text = r.partial.get(attribute)
    if text is None or not has_unknown(value):
        return value
    try:
        return json.loads(text)
    except ValueError:
        return value


def grant_merge(
    grants: Grants, source: TfResource, what: str | None = None
) -> Callable[[Facets], dict[str, Any]]:
    """A companion's merge: the target becomes public when ``grants`` name everyone (not
    known when a member is not known) and never less public than it was; the deciding
    grants are added to the target's ``public_grants``, named with ``source``'s address."""
    named = grants.by(source, what) if grants.public is not False else ()

    def merge(facets: Facets) -> dict[str, Any]:
        updates: dict[str, Any] = {}
        if named:
            updates["public_grants"] = (*(facets.public_grants or ()), *named)
        if facets.public_access is not True and grants.public is not False:
            updates["public_access"] = grants.public
        return updates

    return merge


def iam_companion(attribute: str, types: list[str]) -> CompanionFn:
    """The companion of a Google IAM member / binding / policy on the resource ``attribute``
    names (a topic, key, repository, function or service): a grant to everyone makes it
    public, and is named in its evidence."""

    def companion(r: TfResource, ctx: TfContext) -> list[Contribution]:
        target = ctx.target_of(r, attribute, types)
        if target is None:
            return []
        return [Contribution(target.address, r.address, merge=grant_merge(iam_grants(r, ctx), r))]

    return companion


def iam_standalone(kind: str) -> MapFn:
    """A Google IAM grant whose target is not in the input, judged as that target (a ``kind``
    resource) for who it lets in."""

    def mapping(r: TfResource, ctx: TfContext) -> Mapped:
        grants = iam_grants(r, ctx)
        return kind, Facets(public_access=grants.public, public_grants=grants.by(r))

    return mapping
