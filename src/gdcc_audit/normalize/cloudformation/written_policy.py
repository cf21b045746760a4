"""A CloudFormation bucket policy's ``Resource`` entries as written.

The resolved value of ``!Sub "${Bucket.Arn}/*"`` is UNKNOWN as a whole (the ARN is made at
deployment), which loses what matters for GDCC-DATA-008: the ``/*`` that names every object
of the bucket, as against ``/logs/*`` (a prefix) or the bucket alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver

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


def _with_statements(
    policy: Pending, merge: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]
) -> Any:
    """A bucket policy's document as resolved, each statement replaced by ``merge(resolved
    statement, statement as written)``; as resolved when the two do not line up."""
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
        merge(r, w) if isinstance(r, dict) and isinstance(w, dict) else r
        for r, w in zip(resolved, statements, strict=True)
    ]
    return {**document, "Statement": merged}


def written_document(policy: Pending) -> Any:
    """A bucket policy's document as resolved, with each statement's ``Resource`` as written
    (see :func:`written_text`): whether it names every object of the bucket is read there."""
    return _with_statements(
        policy,
        lambda r, w: {**r, "Resource": written_text(w["Resource"])} if "Resource" in w else r,
    )


#: What a ``${...}`` naming the template's own resource stands for in a principal: an id
#: assigned at deployment, never a wildcard.
_ID = "E0000000000000"


def _sub_principal(raw: Any, resources: Collection[str]) -> str | None:
    """The text of a ``Fn::Sub`` principal whose every ``${...}`` is a pseudo parameter or a
    resource of the template (``resources``: logical ids), each as an id: ``arn:${AWS::
    Partition}:iam::cloudfront:user/CloudFront Origin Access Identity ${OAI}`` names that
    identity. None when a ``${...}`` names anything else (a parameter may be ``*``)."""
    sub = raw.get("Fn::Sub") if isinstance(raw, dict) and len(raw) == 1 else None
    if isinstance(sub, list):
        sub = sub[0] if len(sub) == 1 else None  # a variable map: its values are not read
    if not isinstance(sub, str):
        return None
    for name in _SUB_VARIABLE.findall(sub):
        if not name.startswith("AWS::") and name.split(".", 1)[0] not in resources:
            return None
    return _SUB_VARIABLE.sub(_ID, sub)


def _map_principal(raw: Any, resolver: Resolver | None) -> str | None:
    """A ``Fn::FindInMap`` principal keyed by a value not known (the ELB account of
    ``!Ref AWS::Region``): the principal when every entry it may pick is the same text, or
    one of them when every one is text naming no wildcard (an account id); None otherwise
    (an entry ``*`` makes it everyone in some region, not known here)."""
    argument = raw.get("Fn::FindInMap") if isinstance(raw, dict) and len(raw) == 1 else None
    choices = resolver.map_choices(argument) if resolver is not None else None
    if not choices or not all(isinstance(c, str) for c in choices):
        return None
    if len(set(choices)) == 1:
        return str(choices[0])
    return None if any("*" in c for c in choices) else str(choices[0])


def _written(
    value: Any, written: Any, resources: Collection[str], resolver: Resolver | None
) -> Any:
    if value is not UNKNOWN:
        return value
    return _sub_principal(written, resources) or _map_principal(written, resolver) or value


def _principal(
    resolved: Any, raw: Any, resources: Collection[str], resolver: Resolver | None
) -> Any:
    if not isinstance(resolved, dict) or not isinstance(raw, dict):
        return resolved
    out = dict(resolved)
    for key, value in resolved.items():
        written = raw.get(key)
        if value is UNKNOWN:
            out[key] = _written(value, written, resources, resolver)
        elif isinstance(value, list) and isinstance(written, list) and len(value) == len(
            written
        ):
            out[key] = [
                _written(v, w, resources, resolver)
                for v, w in zip(value, written, strict=True)
            ]
    return out


def written_principals(
    policy: Pending, resources: Collection[str], resolver: Resolver | None = None
) -> Any:
    """A bucket policy's document as resolved, with each principal value the resolver could
    not know read as written when it is ``Fn::Sub`` text over the template's resources and
    pseudo parameters (:func:`_sub_principal`) or a ``Fn::FindInMap`` of account ids keyed by
    a value not known (:func:`_map_principal`)."""
    return _with_statements(
        policy,
        lambda r, w: {
            **r, "Principal": _principal(r["Principal"], w.get("Principal"), resources, resolver)
        } if "Principal" in r else r,
    )
