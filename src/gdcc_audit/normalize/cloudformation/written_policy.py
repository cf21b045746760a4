"""A CloudFormation bucket policy's ``Resource`` entries as written.

The resolved value of ``!Sub "${Bucket.Arn}/*"`` is UNKNOWN as a whole (the ARN is made at
deployment), which loses what matters for GDCC-DATA-008: the ``/*`` that names every object
of the bucket, as against ``/logs/*`` (a prefix) or the bucket alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, split_sub
from gdcc_audit.normalize.cloudformation.values import PSEUDO_SHAPES, PartialText
from gdcc_audit.normalize.principal_text import may_be_everyone

_SUB_VARIABLE = re.compile(r"\$\{([^}]*)\}")
#: What an attribute of a resource of the template stands for in the text: a value made at
#: deployment that holds no wildcard (an ARN, a name), unlike a parameter, which may.
_ATTRIBUTE = "gdcc-attribute"


#: What an ``Fn::If`` between written texts without wildcard stands for (one of them).
_CHOSEN = "gdcc-chosen"


def _plain(text: Any) -> bool:
    """Whether a written text holds no wildcard and no part not known."""
    return isinstance(text, str) and not any(c in text for c in "*?") and UNKNOWN_TEXT not in text


def _named_resource(name: str, resources: Mapping[str, str]) -> bool:
    """Whether ``${name}`` is a ``Ref`` to a resource of the template whose value AWS or the
    template makes without wildcard (a bucket's name, an id): any type but a custom
    resource, whose value its own code chooses."""
    kind = resources.get(name)
    return kind is not None and kind.startswith("AWS::") and kind != _CUSTOM


_CUSTOM = "AWS::CloudFormation::CustomResource"


def aws_made(items: Iterable[Pending]) -> set[str]:
    """The logical ids of a template's resources whose values AWS makes: every one but a
    custom resource (``Custom::*``, ``AWS::CloudFormation::CustomResource``), whose values are
    what its code returns (any text)."""
    return {
        i.logical_id for i in items
        if not i.provider_type.startswith("Custom::") and i.provider_type != _CUSTOM
    }


def _variable(
    match: re.Match[str], variables: Mapping[str, Any], resources: Mapping[str, str]
) -> str:
    name = match.group(1)
    if name in variables:  # Fn::Sub's variable map: its value, when written
        value = written_text(variables[name], resources)
        return value if _plain(value) else UNKNOWN_TEXT
    if "." in name and "::" not in name:
        return _ATTRIBUTE
    if name in PSEUDO_SHAPES:  # a pseudo parameter: never a wildcard
        return PSEUDO_SHAPES[name]
    return _ATTRIBUTE if _named_resource(name, resources) else UNKNOWN_TEXT


def written_text(value: Any, resources: Mapping[str, str] | None = None) -> Any:
    """A policy value as its text, each part known only at deployment replaced: a resource's
    attribute (``!GetAtt``, ``${Bucket.Arn}``) or ``Ref`` (``${Bucket}``, when ``resources``,
    the template's types by logical id, names it) by a text without wildcard, a pseudo
    parameter by one of its values, a variable of ``Fn::Sub``'s map by its written text,
    an ``Fn::If`` between written texts without wildcard by one, anything else (a parameter,
    an import) marked ``UNKNOWN_TEXT``: ``!Sub "${Bucket.Arn}/*"`` keeps its ``/*``, which the
    resolved value (UNKNOWN as a whole) loses, and ``!Sub ["arn:${Partition}:s3:::${Bucket}",
    {Partition: !If [GovCloud, aws-us-gov, aws]}]`` is the bucket alone; a list item by item;
    UNKNOWN where no text can be told."""
    named = resources or {}
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return [written_text(item, named) for item in value]
    if not isinstance(value, dict) or len(value) != 1:
        return UNKNOWN
    (function, argument), = value.items()
    if function == "Fn::Sub":
        template = argument[0] if isinstance(argument, list) and argument else argument
        variables = argument[1] if isinstance(argument, list) and len(argument) == 2 else {}
        if not isinstance(template, str) or not isinstance(variables, Mapping):
            return UNKNOWN
        return _SUB_VARIABLE.sub(lambda m: _variable(m, variables, named), template)
    if function == "Fn::Join" and isinstance(argument, list) and len(argument) == 2:
        separator, items = argument
        parts = [written_text(item, named) for item in items] if isinstance(items, list) else None
        if isinstance(separator, str) and parts and all(isinstance(p, str) for p in parts):
            return separator.join(parts)
        return UNKNOWN
    if function == "Fn::If" and isinstance(argument, list) and len(argument) == 3:
        branches = [written_text(item, named) for item in argument[1:]]
        if all(_plain(b) for b in branches):
            return branches[0] if branches[0] == branches[1] else _CHOSEN
        return UNKNOWN
    if function == "Fn::GetAtt":
        return _ATTRIBUTE
    if function == "Ref" and isinstance(argument, str):
        if argument in PSEUDO_SHAPES:
            return PSEUDO_SHAPES[argument]
        return _ATTRIBUTE if _named_resource(argument, named) else UNKNOWN_TEXT
    return UNKNOWN_TEXT if function in ("Ref", "Fn::ImportValue") else UNKNOWN


def _with_statements(
    policy: Pending, merge: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]],
    key: str = "PolicyDocument",
) -> Any:
    """A bucket policy's document (property ``key``: a role's ``AssumeRolePolicyDocument``)
    as resolved, each statement replaced by ``merge(resolved statement, statement as
    written)``; as resolved when the two do not line up."""
    document = policy.props.get(key)
    raw = policy.raw  # the resource's Properties as written
    written = raw.get(key) if isinstance(raw, dict) else None
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


def written_document(policy: Pending, resources: Mapping[str, str] | None = None) -> Any:
    """A bucket policy's document as resolved, with each statement's ``Resource`` as written
    (see :func:`written_text`; ``resources``: the template's types by logical id): whether it
    names every object of the bucket is read there."""
    return _with_statements(
        policy,
        lambda r, w: (
            {**r, "Resource": written_text(w["Resource"], resources)} if "Resource" in w else r
        ),
    )


#: What a ``${...}`` naming the template's own resource stands for in a principal: an id
#: assigned at deployment, never a wildcard.
_ID = "E0000000000000"


#: What a parameter that can never be ``*`` stands for in a principal (:func:`_never_everyone`):
#: an account id.
_ACCOUNT = "000000000000"


def _never_everyone(name: str, resolver: Resolver | None) -> bool:
    """Whether a parameter of the template can never be ``*``: CloudFormation refuses a
    value its ``AllowedPattern`` does not match whole, shorter than ``MinLength``, not one of
    its ``AllowedValues``, or not a number for a ``Number`` ("AllowedPattern: A regular
    expression that represents the patterns to allow for String or CommaDelimitedList
    types"; "MinLength: An integer value that determines the smallest number of characters
    you want to allow for String types": AWS CloudFormation User Guide, "Parameters
    template section syntax"). An account id parameter (``AllowedPattern: ^\\d{12}$``,
    ``MinLength: 12``) names one account, not everyone. A principal naming part of an ARN
    with a wildcard is refused by IAM ("You cannot use a wildcard to match part of a
    principal name or ARN": IAM User Guide, "AWS JSON policy elements: Principal"), so a
    value that is not ``*`` names someone. A list parameter, a pattern Python cannot read
    (a Java-only construct), or none of these constraints: may be ``*``."""
    specs = resolver.parameter_specs if resolver is not None else {}
    spec = specs.get(name)
    if not isinstance(spec, Mapping):
        return False
    kind = spec.get("Type", "String")
    if kind == "Number":
        return True
    if kind != "String":
        return False
    allowed = spec.get("AllowedValues")
    if isinstance(allowed, list) and allowed and all(
        isinstance(v, str | int | float) and str(v).strip() != "*" for v in allowed
    ):
        return True
    least = spec.get("MinLength")
    if isinstance(least, int | str) and str(least).strip().isdigit() and int(least) >= 2:
        return True
    pattern = spec.get("AllowedPattern")
    if not isinstance(pattern, str):
        return False
    try:
        return re.fullmatch(pattern, "*") is None
    except (re.error, RecursionError, OverflowError):
        return False


#: What a value not known that may be ``*`` stands for in a principal's text
#: (:func:`principal_text`; ``principal_text.may_be_everyone`` reads it).
_MAYBE = "gdcc-maybe"


def _named(name: str, resources: Collection[str], resolver: Resolver | None) -> str:
    """What ``${name}`` (or ``Ref: name``) stands for in a principal's text: a pseudo
    parameter or a resource of the template (``resources``: logical ids) an id, a parameter
    the template gives a text (a default, a parent's value) that text, one that can never be
    ``*`` (:func:`_never_everyone`) an account id, anything else :data:`_MAYBE`."""
    if name.startswith("AWS::") or name.split(".", 1)[0] in resources:
        return _ID
    value = resolver.resolve({"Ref": name}) if resolver is not None and "." not in name else None
    if isinstance(value, str):
        return value
    return _ACCOUNT if _never_everyone(name, resolver) else _MAYBE


def _item(value: Any, resources: Collection[str], resolver: Resolver | None) -> str:
    """An ``Fn::Join`` item or an ``Fn::Sub`` map's variable in a principal's text: written
    text as written, a ``Ref`` or a ``Fn::GetAtt`` of the template's resource as
    :func:`_named` reads it, anything else :data:`_MAYBE`."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and len(value) == 1:
        ((function, arg),) = value.items()
        if function == "Ref" and isinstance(arg, str):
            return _named(arg, resources, resolver)
        target = arg[0] if isinstance(arg, list) and arg else arg
        if function == "Fn::GetAtt" and isinstance(target, str):
            return _ID if target.split(".", 1)[0] in resources else _MAYBE
    return _MAYBE


def principal_text(
    written: Any, resources: Collection[str], resolver: Resolver | None = None
) -> str | None:
    """The text of a principal written as ``Fn::Sub`` or ``Fn::Join``, each part not written
    as what it can be (:func:`_named`, :func:`_item`; a part that may be ``*`` as
    :data:`_MAYBE`); None when it is no such text."""
    if not isinstance(written, Mapping) or len(written) != 1:
        return None
    ((function, arg),) = written.items()
    if function == "Fn::Sub":
        split = split_sub(arg)
        if split is None:
            return None
        variables, _, parts = split
        return "".join(
            p if isinstance(p, str)
            else _item(variables[p.name], resources, resolver) if p.name in variables
            else _named(p.name, resources, resolver)
            for p in parts
        )
    if function == "Fn::Join" and isinstance(arg, list) and len(arg) == 2 and isinstance(
        arg[0], str
    ) and isinstance(arg[1], list):
        return arg[0].join(_item(i, resources, resolver) for i in arg[1])
    return None


def never_everyone(
    written: Any, resources: Collection[str] = (), resolver: Resolver | None = None,
    depth: int = 0,
) -> bool:
    """Whether a principal written as ``Fn::Sub`` / ``Fn::Join`` text (``Fn::If``: both
    branches) can never be ``*``, whatever its parts not known are
    (``normalize.principal_text.may_be_everyone``): text written beside them is in the value
    (``arn:aws:iam::${AccountId}:role/${RoleName}``, sfn-lambda-function-crossaccount's
    ``AWS::Lambda::Permission``), and IAM refuses a principal ARN with a wildcard part; but an
    account's root whose account may be ``*`` (``arn:aws:iam::${AccountId}:root``) may be
    everyone, as may a principal a parameter gives whole (``!Ref Principal``)."""
    if depth > 8 or not isinstance(written, Mapping) or len(written) != 1:
        return False
    ((function, arg),) = written.items()
    if function == "Fn::If" and isinstance(arg, list) and len(arg) == 3:
        return all(
            (isinstance(b, str) and not may_be_everyone(b, _MAYBE))
            or never_everyone(b, resources, resolver, depth + 1)
            for b in arg[1:]
        )
    text = principal_text(written, resources, resolver)
    return text is not None and not may_be_everyone(text, _MAYBE)


def _sub_principal(
    raw: Any, resources: Collection[str], resolver: Resolver | None = None
) -> str | None:
    """The text of an ``Fn::Sub`` / ``Fn::Join`` principal that can never be ``*``
    (:func:`never_everyone`), each part not known as an id: ``arn:${AWS::Partition}:iam::
    cloudfront:user/CloudFront Origin Access Identity ${OAI}`` names that identity,
    ``arn:aws:iam::111122223333:role/${RoleName}`` one role. None when it may be ``*``
    (``${Principal}``, ``arn:aws:iam::${Account}:root`` with an account that may be ``*``)."""
    text = principal_text(raw, resources, resolver)
    if text is None or may_be_everyone(text, _MAYBE):
        return None
    return text.replace(_MAYBE, _ID)


def _parameter_principal(raw: Any, resolver: Resolver | None) -> str | None:
    """A principal ``Ref`` to a parameter that can never be ``*`` (:func:`_never_everyone`):
    an account id; None otherwise."""
    name = raw.get("Ref") if isinstance(raw, dict) and len(raw) == 1 else None
    return _ACCOUNT if isinstance(name, str) and _never_everyone(name, resolver) else None


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
    value: Any, written: Any, resources: Collection[str], resolver: Resolver | None,
    depth: int = 0,
) -> Any:
    if value is not UNKNOWN:
        return value
    branches = written.get("Fn::If") if isinstance(written, dict) and len(written) == 1 else None
    if isinstance(branches, list) and len(branches) == 3 and depth < 8:
        # the branch the condition takes (both when it is not known: each must be read)
        taken = resolver.condition(branches[0]) if resolver is not None and isinstance(
            branches[0], str
        ) else None
        chosen = [branches[1], branches[2]] if taken is None else [branches[1 if taken else 2]]
        texts = [_branch(b, resources, resolver, depth + 1) for b in chosen]
        return texts[0] if all(isinstance(t, str) for t in texts) else value
    return (
        _sub_principal(written, resources, resolver) or _map_principal(written, resolver)
        or _parameter_principal(written, resolver) or value
    )


def _branch(
    written: Any, resources: Collection[str], resolver: Resolver | None, depth: int
) -> Any:
    """A branch of an ``Fn::If`` principal: its value (with what a parent passes), a text
    written over pseudo parameters without wildcard as one of its values, or as
    :func:`_written` reads it."""
    value = resolver.resolve(written) if resolver is not None else UNKNOWN
    if isinstance(value, str):
        return value
    if isinstance(value, PartialText) and not value.has_wildcard():
        return value.shape()
    return _written(UNKNOWN, written, resources, resolver, depth)


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
    policy: Pending, resources: Collection[str], resolver: Resolver | None = None,
    key: str = "PolicyDocument",
) -> Any:
    """A bucket policy's document (or a role's trust policy, ``key``) as resolved, with each
    principal value the resolver could not know read as written when it is ``Fn::Sub`` text
    over the template's resources and pseudo parameters (:func:`_sub_principal`) or a
    ``Fn::FindInMap`` of account ids keyed by a value not known (:func:`_map_principal`)."""
    return _with_statements(
        policy,
        lambda r, w: {
            **r, "Principal": _principal(r["Principal"], w.get("Principal"), resources, resolver)
        } if "Principal" in r else r,
        key,
    )
