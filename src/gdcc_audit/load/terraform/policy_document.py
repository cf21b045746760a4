"""``data "aws_iam_policy_document"`` rendered into the policy JSON its ``json`` attribute
holds, so ``policy = data.aws_iam_policy_document.x.json`` is judged like a literal policy.

Follows the data source's documented mapping (statement → Statement; effect defaults to
Allow; principals/not_principals blocks → Principal/NotPrincipal, type ``*`` with
identifier ``*`` → ``"*"``; condition blocks → ``{test: {variable: values}}``;
``source_policy_documents`` statements first, ``override_policy_documents`` replacing
statements with the same sid).
https://registry.terraform.io/providers/hashicorp/aws/latest/docs/data-sources/iam_policy_document
A value not known before apply anywhere in the document makes the whole rendering UNKNOWN,
unless a placeholder is given: the value is then written as that placeholder (for
``TfResource.partial``); an unknown list of statements or principals stays UNKNOWN.
"""

from __future__ import annotations

import json
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN

_KEYS = (
    ("sid", "Sid"),
    ("effect", "Effect"),
    ("actions", "Action"),
    ("not_actions", "NotAction"),
    ("resources", "Resource"),
    ("not_resources", "NotResource"),
)


class _Unknown(Exception):
    pass


def _known(value: Any, placeholder: str | None = None) -> Any:
    if value is UNKNOWN:
        if placeholder is None:
            raise _Unknown
        return placeholder
    if isinstance(value, list):
        return [_known(v, placeholder) for v in value]
    if isinstance(value, dict):
        return {k: _known(v, placeholder) for k, v in value.items()}
    return value


def _principals(blocks: Any, placeholder: str | None) -> Any:
    out: dict[str, list[Any]] = {}
    if blocks is UNKNOWN:
        raise _Unknown
    for raw in blocks or []:
        block = _known(raw, placeholder)
        kind, ids = block.get("type"), block.get("identifiers") or []
        if kind == "*" and "*" in ids:
            return "*"
        out.setdefault(str(kind), []).extend(ids if isinstance(ids, list) else [ids])
    return out


def _statement(values: dict[str, Any], placeholder: str | None) -> dict[str, Any]:
    statement: dict[str, Any] = {"Effect": "Allow"}
    for name, key in _KEYS:
        value = _known(values.get(name), placeholder)
        if value is not None and value != []:
            statement[key] = value
    for name, key in (("principals", "Principal"), ("not_principals", "NotPrincipal")):
        if values.get(name):
            statement[key] = _principals(values[name], placeholder)
    conditions: dict[str, dict[str, Any]] = {}
    blocks = values.get("condition")
    if blocks is UNKNOWN:
        raise _Unknown
    for raw in blocks or []:
        block = _known(raw, placeholder)
        conditions.setdefault(str(block.get("test")), {})[str(block.get("variable"))] = block.get(
            "values"
        )
    if conditions:
        statement["Condition"] = conditions
    return statement


def _statements_of(texts: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for text in _known(texts) or []:
        decoded = json.loads(text) if isinstance(text, str) else text
        found = decoded.get("Statement", []) if isinstance(decoded, dict) else []
        out.extend([found] if isinstance(found, dict) else found)
    return out


def render(values: dict[str, Any], placeholder: str | None = None) -> Any:
    """The policy JSON text of a data source's evaluated values, or UNKNOWN; with a
    placeholder, single values that cannot be known are written as it."""
    try:
        statements = _statements_of(values.get("source_policy_documents"))
        listed = values.get("statement")
        if listed is UNKNOWN or not isinstance(listed, list | type(None)):
            raise _Unknown
        statements += [_statement(s, placeholder) for s in listed or []]
        for override in _statements_of(values.get("override_policy_documents")):
            sid = override.get("Sid")
            statements = [s for s in statements if sid is None or s.get("Sid") != sid]
            statements.append(override)
        version = _known(values.get("version"), placeholder) or "2012-10-17"
    except (_Unknown, ValueError, AttributeError, TypeError):
        return UNKNOWN
    return json.dumps({"Version": version, "Statement": statements})
