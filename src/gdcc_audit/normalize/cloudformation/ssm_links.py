"""Templates that share values through Systems Manager parameter names.

One template writes a parameter (``AWS::SSM::Parameter``, ``Name: /network/app-sg``,
``Value: !Ref AppGroup``); another reads it by that name: a parameter of type
``AWS::SSM::Parameter::Value<...>`` whose ``Default`` is the name ("the value in Parameter
Store", CloudFormation User Guide, parameters-section-structure.html, "Supported SSM
parameter types"), or a dynamic reference ``{{resolve:ssm:/network/app-sg}}``
(dynamic-references-ssm.html). A parameter name is unique in an account and Region (a
second ``PutParameter`` of it without ``Overwrite`` fails: "ParameterAlreadyExists",
Systems Manager API reference), so when a template of the scan writes that name the two
templates are one deployment (``normalize.stack_units``, :data:`SSM_FROM`), as an import of
an export is; and the parameter's value is the value the writer writes, resolved in the
writer (a literal, or a resource of the writer: ``nested_outputs.TemplateResource``, as a
nested stack's output is). The reader is then judged with that value (its security group,
the bucket its policy is attached to) instead of a value not known.

Not joined: a name several templates of the scan write with different values (which one is
deployed is not written: the value stays unknown, the templates still share stacks), a
parameter a parent passes (the parent's name, not the default, is read; left unknown), a
version-pinned reference (``{{resolve:ssm:/name:3}}``: that version may be an older value).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, is_known
from gdcc_audit.normalize.stack_units import SSM_FROM

#: The resource type that writes a Systems Manager parameter.
PARAMETER = "AWS::SSM::Parameter"
#: A template parameter whose value is the one Systems Manager holds under its default's name.
_TYPED = re.compile(r"AWS::SSM::Parameter::Value<(.+)>\Z")
#: A dynamic reference to a plain parameter (``ssm``; ``ssm-secure`` parameters cannot be
#: written by CloudFormation), with its optional version.
REFERENCE = re.compile(r"\{\{resolve:ssm:([A-Za-z0-9_.\-/]+)(?::(\d+))?\}\}")
_MAX_DEPTH = 40
#: ``Document.meta`` key of a template's parameters given a Systems Manager parameter's value:
#: parameter -> the Systems Manager parameter's name.
SSM_GIVEN = "cloudformation_ssm_given"
#: ``Document.meta`` key of the values of the Systems Manager parameters a template's dynamic
#: references read that another template of the scan writes: name -> value.
SSM_VALUES = "cloudformation_ssm_values"
#: ``Document.meta`` key of where the Systems Manager parameters a template is given a value
#: of are written: name -> ``file:line`` of the writer's ``Value``.
SSM_WHERE = "cloudformation_ssm_where"

#: (the writing template's path, the value as another template reads it, where it is written)
Written = tuple[str, Any, str]


def collect(
    documents: Sequence[Document],
    resolver_of: Callable[[Document], Resolver],
    value_of: Callable[[Document, Resolver, Any], Any],
    passed_key: tuple[str, str],
) -> bool:
    """Write on each template that reads a parameter another template of the scan writes the
    templates it reads from (:data:`SSM_FROM`), and on each of its SSM-typed parameters whose
    default names such a parameter the written value (typed, in ``passed_key[0]`` of its
    meta, where it is written in ``passed_key[1]``), as a parent's passed value is.
    ``value_of(document, resolver, written)``: a writer's ``Value`` as another template
    reads it. Whether a value was written on a template that has nested stacks."""
    written = _written(documents, resolver_of, value_of)
    if not written:
        return False
    again = False
    for document in documents:
        passed = document.meta.get(passed_key[0])
        passed = dict(passed) if isinstance(passed, Mapping) else {}
        at = dict(document.meta.get(passed_key[1]) or {})
        given: dict[str, str] = document.meta.get(SSM_GIVEN) or {}
        # a parameter a parent passes holds the parent's name, not the default's
        typed = {
            parameter: spec for parameter, spec in _typed_defaults(document)
            if parameter not in passed or parameter in given
        }
        pinned = set(_referenced(document.data.get("Resources"), 0))
        referenced = {name for name, version in pinned if version is None}
        where: dict[str, str] = dict(document.meta.get(SSM_WHERE) or {})
        values: dict[str, Any] = {}
        for name in sorted(referenced):
            value, place = _one(written.get(name, ()), document.path)
            if value is not UNKNOWN and not isinstance(value, list | Mapping):
                values[name], where[name] = value, place
        if values:
            document.meta[SSM_VALUES] = values
        names = {name for name, _ in pinned} | {name for name, _kind in typed.values()}
        sources = {path for name in names for path, _, _ in written.get(name, ())}
        sources.discard(document.path)
        if sources:
            document.meta[SSM_FROM] = tuple(sorted(sources))
        found = False
        for parameter, (name, kind) in typed.items():
            value, place = _one(written.get(name, ()), document.path)
            value = _as_kind(value, kind)
            if value is UNKNOWN or passed.get(parameter, UNKNOWN) == value:
                continue
            passed[parameter], at[parameter], where[name] = value, place, place
            given = {**given, parameter: name}
            found = True
        if where:
            document.meta[SSM_WHERE] = where
        if found:
            document.meta[passed_key[0]], document.meta[passed_key[1]] = passed, at
            document.meta[SSM_GIVEN] = given
            again = again or _nests(document)
    return again


def warnings(documents: Sequence[Document]) -> list[InputError]:
    """The warning on each template given a Systems Manager parameter's value: which
    parameter (a template parameter, or a dynamic reference), and where it is written."""
    found: list[InputError] = []
    for document in documents:
        given: Mapping[str, str] = document.meta.get(SSM_GIVEN) or {}
        where: Mapping[str, str] = document.meta.get(SSM_WHERE) or {}
        read = [(name, parameter) for parameter, name in sorted(given.items())] + [
            (name, "{{resolve:ssm:" + name + "}}")
            for name in sorted(document.meta.get(SSM_VALUES) or {})
        ]
        found.extend(
            InputError(
                document.path,
                f"judged with the value of Systems Manager parameter {name!r} ({how}) that "
                f"{where.get(name, '?')} writes",
                None,
            )
            for name, how in read
        )
    return found


def _written(
    documents: Sequence[Document],
    resolver_of: Callable[[Document], Resolver],
    value_of: Callable[[Document, Resolver, Any], Any],
) -> dict[str, list[Written]]:
    """The parameters the templates write: name -> (path, value, where)."""
    found: dict[str, list[Written]] = {}
    for document in documents:
        resources = document.data.get("Resources")
        if not isinstance(resources, Mapping) or not any(
            isinstance(s, Mapping) and s.get("Type") == PARAMETER for s in resources.values()
        ):
            continue
        resolver = resolver_of(document)
        for logical_id, spec in resources.items():
            if not isinstance(spec, Mapping) or spec.get("Type") != PARAMETER:
                continue
            props = spec.get("Properties")
            if not isinstance(props, Mapping):
                continue
            pointer = f"/Resources/{escape(str(logical_id))}"
            resolver.current = (str(logical_id), pointer)
            condition = spec.get("Condition")
            if isinstance(condition, str) and resolver.condition(condition) is False:
                continue  # not created
            name = resolver.resolve(props.get("Name"))
            if not isinstance(name, str) or not name:
                continue  # a name CloudFormation makes up: no template names it
            value = value_of(document, resolver, props["Value"]) if "Value" in props else UNKNOWN
            lines = document.lines
            line = lines.line_of(f"{pointer}/Properties/Value") if lines else None
            place = f"{document.path}:{line or 1}"
            found.setdefault(name, []).append((document.path, value, place))
    return found


def _one(written: Sequence[Written], reader: str) -> tuple[Any, str]:
    """The value the templates writing one name agree on (not the reader's own: a template
    reading what it writes itself reads it before it is written), and where."""
    others = [w for w in written if w[0] != reader]
    if not others or any(w[1] != others[0][1] for w in others[1:]):
        return UNKNOWN, ""
    return others[0][1], ", ".join(dict.fromkeys(w[2] for w in others))


def _typed_defaults(document: Document) -> Iterator[tuple[str, tuple[str, str]]]:
    """The template's SSM-typed parameters with a default: parameter -> (name, value type)."""
    declared = document.data.get("Parameters")
    if not isinstance(declared, Mapping):
        return
    for parameter, spec in declared.items():
        if not isinstance(spec, Mapping) or not isinstance(spec.get("Default"), str):
            continue
        match = _TYPED.match(str(spec.get("Type", "")))
        if match is not None and spec["Default"]:
            yield str(parameter), (spec["Default"], match.group(1))


def _as_kind(value: Any, kind: str) -> Any:
    """A written value as a parameter of value type ``kind`` reads it: a list type splits a
    text at commas; a resource stays that resource (its id), a list of resources a list."""
    listed = kind == "CommaDelimitedList" or kind.startswith("List<")
    if isinstance(value, list):
        return value if listed and all(is_known(v) for v in value) else UNKNOWN
    if isinstance(value, bool) or not is_known(value):
        return UNKNOWN
    if isinstance(value, int | float):
        value = str(value)
    if isinstance(value, str):
        return [item.strip() for item in value.split(",")] if listed else value
    return [value] if listed else value


def _nests(document: Document) -> bool:
    resources = document.data.get("Resources")
    return isinstance(resources, Mapping) and any(
        isinstance(s, Mapping) and s.get("Type") in (
            "AWS::CloudFormation::Stack", "AWS::Serverless::Application"
        ) for s in resources.values()
    )


def _referenced(value: Any, depth: int) -> Iterator[tuple[str, str | None]]:
    """The parameter names dynamic references in ``value`` read, with the version each pins
    (None: the current value)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if "{{resolve:ssm:" in value:
            yield from ((m.group(1), m.group(2)) for m in REFERENCE.finditer(value))
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _referenced(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _referenced(item, depth + 1)
