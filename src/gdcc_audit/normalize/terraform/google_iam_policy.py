"""Authoritative Google IAM policies (``google_*_iam_policy``): does ``policy_data`` grant a
role to ``allUsers`` or ``allAuthenticatedUsers``?

``policy_data`` is JSON (``{"bindings": [{"role", "members"}]}``), written inline
(``jsonencode``, heredoc) or taken from ``data "google_iam_policy"``, whose ``binding`` blocks
are read directly.
https://registry.terraform.io/providers/hashicorp/google/latest/docs/data-sources/iam_policy
"""

from __future__ import annotations

import json
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, TfResource
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.policy import policy_value

__all__ = ["EVERYONE", "bindings_public", "iam_policy_public"]

#: Members that mean anyone on the internet (with or without a Google account).
EVERYONE = frozenset({"allUsers", "allAuthenticatedUsers"})


def bindings_public(bindings: Any) -> bool | None:
    """Whether some binding names everyone; None when a member list cannot be known."""
    if bindings is None:
        return False
    if bindings is UNKNOWN or not isinstance(bindings, list):
        return None
    unknown = False
    for binding in bindings:
        members = binding.get("members") if isinstance(binding, dict) else UNKNOWN
        if members is UNKNOWN or not isinstance(members, list | type(None)):
            unknown = True
            continue
        for member in members or []:
            if member in EVERYONE:
                return True
            if not isinstance(member, str) or UNKNOWN_TEXT in member:
                unknown = True
    return None if unknown else False


def _text_public(text: str) -> bool | None:
    try:
        decoded = json.loads(text)
    except ValueError:
        decoded = None
    if isinstance(decoded, dict):
        return bindings_public(decoded.get("bindings"))
    # Not a JSON object (the provider refuses it): it can grant everyone only by naming them.
    if any(word in text for word in EVERYONE) or UNKNOWN_TEXT in text:
        return None
    return False


def iam_policy_public(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether ``policy_data`` of a ``google_*_iam_policy`` grants any role to everyone."""
    document = ctx.referenced(r, "policy_data", ["google_iam_policy"])
    if document is not None:
        return bindings_public(document.values.get("binding"))
    value = policy_value(r, "policy_data")
    if value is None:
        return False
    if not isinstance(value, str):
        return None
    return _text_public(value)
