"""A CloudFormation bucket policy's ``Resource`` entries as written.

The resolved value of ``!Sub "${Bucket.Arn}/*"`` is UNKNOWN as a whole (the ARN is made at
deployment), which loses what matters for GDCC-DATA-008: the ``/*`` that names every object
of the bucket, as against ``/logs/*`` (a prefix) or the bucket alone.
"""

from __future__ import annotations

import re
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT
from gdcc_audit.normalize.cloudformation.build import Pending

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
#: What an attribute of a resource of the template stands for in the text: a value made at
#: deployment that holds no wildcard (an ARN, a name), unlike a parameter, which may.
_ATTRIBUTE = "gdcc-attribute"


def _variable(match: re.Match[str]) -> str:
    name = match.group(1)
    return _ATTRIBUTE if "." in name and "::" not in name else UNKNOWN_TEXT


def written_text(value: Any) -> Any:
    """A policy value as its text, each part known only at deployment replaced: a resource's
    attribute (``!GetAtt``, ``${Bucket.Arn}``) by a text without wildcard, anything else (a
    parameter, an import) marked ``UNKNOWN_TEXT``: ``!Sub "${Bucket.Arn}/*"`` keeps its
    ``/*``, which the resolved value (UNKNOWN as a whole) loses; a list item by item; UNKNOWN
    where no text can be told."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [written_text(item) for item in value]
    if not isinstance(value, dict) or len(value) != 1:
        return UNKNOWN
    (function, argument), = value.items()
    if function == "Fn::Sub":
        template = argument[0] if isinstance(argument, list) and argument else argument
        return _SUB_VARIABLE.sub(_variable, template) if isinstance(template, str) else UNKNOWN
    if function == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
        separator, items = argument
        parts = [written_text(item) for item in items] if isinstance(items, list) else None
        if isinstance(separator, str) and parts and all(isinstance(p, str) for p in parts):
            return separator.join(parts)
        return UNKNOWN
    if function == "Fn::GetAtt":
        return _ATTRIBUTE
    return UNKNOWN_TEXT if function in ("Ref", "Fn::ImportValue") else UNKNOWN


def written_document(policy: Pending) -> Any:
    """A bucket policy's document as resolved, with each statement's ``Resource`` as written
    (see :func:`written_text`): whether it names every object of the bucket is read there."""
    document = policy.props.get("PolicyDocument")
    raw = policy.raw  # the resource's Properties as written
    written = raw.get("PolicyDocument") if isinstance(raw, dict) else None
    if not (isinstance(document, dict) and isinstance(written, dict)):
        return document
    resolved, statements = document.get("Statement"), written.get("Statement")
    if isinstance(resolved, dict) and isinstance(statements, dict):
        resolved, statements = [resolved], [statements]
    if not (isinstance(resolved, list) and isinstance(statements, list)) or len(
        resolved
    ) != len(statements):
        return document
    merged = [
        {**r, "Resource": written_text(w["Resource"])}
        if isinstance(r, dict) and isinstance(w, dict) and "Resource" in w else r
        for r, w in zip(resolved, statements, strict=True)
    ]
    return {**document, "Statement": merged}
