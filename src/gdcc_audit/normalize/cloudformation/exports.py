"""Cross-stack references: ``Fn::ImportValue`` of an output another template of the scan
exports (``Outputs: X: Export: Name: ...``).

An export name is unique in an account and region ("Exported output names must be unique
within your Region", AWS CloudFormation user guide, "Get exported outputs from a deployed
CloudFormation stack"), so an import whose name is known (literal, or ``Fn::Sub`` /
``Fn::Join`` of parameters with defaults) is the output of the one template of the scan
whose export has that known name. Its value is that output resolved in the exporting
template (with what its parents pass): a plain value, or a resource of that template (a
reference to its canonical id: the graph links the importer to it, as for nested stacks'
outputs, ``nested_outputs``). UNKNOWN, as before, when the import's name is not known, when
no template of the scan exports it or exports it with a name not known
(``${AWS::StackName}-VpcId``: the stack name is chosen at deployment), and when several
templates export that name (which one is deployed is not written); a warning on the
importing template says which and why.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, split_sub
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, PartialText
from gdcc_audit.normalize.stack_units import CHILDREN, IMPORTS_FROM

#: ``Document.meta`` key of the exports every template of the scan may import: name -> value
#: (plain, UNKNOWN or ``TemplateResource``), for the names exactly one template exports.
EXPORTS = "cloudformation_exports"
#: ``Document.meta`` key of the imports of a template whose name is another template's stack
#: name and a written text (``${NetworkStackName}-VpcId``, the parent passing the stack
#: name of its nested stack that exports ``${AWS::StackName}-VpcId``): the import's argument
#: as written (:func:`written_key`) -> the value (as :data:`EXPORTS`).
BY_STACK = "cloudformation_exports_by_stack"
#: Imports named one by one in a template's warning; the rest are counted.
_LISTED = 5
#: What a stack's name stands for in an export or import name read with it (no name has it).
_STACK = "\0stack:"


def written_key(arg: Any) -> str:
    """An ``Fn::ImportValue`` argument as written, as a key of :data:`BY_STACK`."""
    return json.dumps(arg, sort_keys=True, default=str)


@dataclass
class _Exports:
    """The scan's exports: known name -> the templates exporting it (path, output, value)."""

    named: dict[str, list[tuple[str, str, Any]]] = field(default_factory=dict)
    #: Exports whose name has parts known only at deployment (``${AWS::StackName}-VpcId``):
    #: (a pattern of the name, ``path (output, named 'written')``).
    unnamed: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    #: Every export's name as its written pieces around the parts not known (``_shape``),
    #: with the exporting template's path: which templates an import may take from.
    shapes: list[tuple[tuple[str, ...], str]] = field(default_factory=list)

    def maybe(self, name: str) -> list[str]:
        """The exports whose name is not known that may be ``name``."""
        return [where for pattern, where in self.unnamed if pattern.fullmatch(name)]

    def unique(self) -> dict[str, Any]:
        return {name: found[0][2] for name, found in self.named.items() if len(found) == 1}


def collect(
    documents: Sequence[Document],
    resolver_of: Callable[[Document], Resolver],
    outputs_of: Callable[[Document, Resolver], dict[str, Any]],
) -> list[InputError]:
    """Write on each template the exports it may import (:data:`EXPORTS`); a warning on each
    template that imports names the scan does not resolve. ``resolver_of``: a template's
    resolver (with what its parents pass); ``outputs_of``: its outputs resolved."""
    exports = _Exports()
    # exports named after their own stack (``${AWS::StackName}-VpcId``), as read with the
    # template's stack name: name -> [(path, value)]
    stacked: dict[str, list[tuple[str, Any]]] = {}
    for document in documents:
        specs = document.data.get("Outputs")
        if not isinstance(specs, Mapping) or not any(
            isinstance(s, Mapping) and "Export" in s for s in specs.values()
        ):
            continue
        resolver = resolver_of(document)
        values = outputs_of(document, resolver)
        for name, spec in specs.items():
            export = spec.get("Export") if isinstance(spec, Mapping) else None
            if not isinstance(export, Mapping) or "Name" not in export:
                continue
            condition = spec.get("Condition")
            if isinstance(condition, str) and resolver.condition(condition) is False:
                continue  # not created: nothing exported
            resolver.current = ("", f"/Outputs/{escape(str(name))}")
            known = resolver.resolve(export["Name"])
            exports.shapes.append((_shape(export["Name"], resolver), document.path))
            if isinstance(known, str):
                exports.named.setdefault(known, []).append(
                    (document.path, str(name), values.get(str(name), UNKNOWN))
                )
            elif isinstance(known, PartialText):
                pattern = ".+".join(re.escape(piece) for piece in known.known)
                exports.unnamed.append(
                    (re.compile(pattern), f"{document.path} ({name}, named {known.text!r})")
                )
                own = _text_with(
                    export["Name"], resolver, {"AWS::StackName": _STACK + document.path}
                )
                if own is not None:
                    stacked.setdefault(own, []).append(
                        (document.path, values.get(str(name), UNKNOWN))
                    )
    unique = exports.unique()
    errors: list[InputError] = []
    parents = _parents(documents)
    by_path = {d.path: d for d in documents}
    for document in documents:
        document.meta[EXPORTS] = unique
        resources = document.data.get("Resources")
        if not _imports(resources, None):
            continue
        resolver = resolver_of(document)
        made = [  # a resource whose Condition is false is not created: its imports are not read
            spec for spec in resources.values() if isinstance(spec, Mapping) and not (
                isinstance(spec.get("Condition"), str)
                and resolver.condition(spec["Condition"]) is False
            )
        ] if isinstance(resources, Mapping) else []
        imported = _imports(made, resolver)
        found = _by_stack(
            document, imported, resolver, parents, by_path, stacked
        ) if stacked else {}
        if found:
            document.meta[BY_STACK] = {key: value for key, (_, value) in found.items()}
        if imported:
            errors.extend(_warning(
                document, [a for a in imported if written_key(a) not in found], exports,
                resolver,
            ))
            sources = _sources(imported, exports, resolver) | {
                path for path, _ in found.values()
            }
            sources -= {document.path}
            if sources:
                document.meta[IMPORTS_FROM] = tuple(sorted(sources))
    return errors


def _parents(documents: Sequence[Document]) -> dict[str, list[tuple[Document, str]]]:
    """Each nested template's parents: child path -> (parent, the stack's logical id)."""
    found: dict[str, list[tuple[Document, str]]] = {}
    for document in documents:
        for logical_id, child in (document.meta.get(CHILDREN) or {}).items():
            found.setdefault(str(child), []).append((document, str(logical_id)))
    return found


def _by_stack(
    document: Document, imported: list[Any], resolver: Resolver,
    parents: Mapping[str, list[tuple[Document, str]]], by_path: Mapping[str, Document],
    stacked: Mapping[str, list[tuple[str, Any]]],
) -> dict[str, tuple[str, Any]]:
    """The imports of a nested template named after a sibling stack's name: its parent
    passes a parameter the stack name of another nested stack of the scan
    (``NetworkStackName: !GetAtt NetworkStack.Outputs.StackName``, that template's output
    being ``!Ref AWS::StackName``; or ``!Select [1, !Split ["/", !Ref NetworkStack]]``, the
    name in the stack's id), and the import names ``${NetworkStackName}-VpcId``: the export
    that template names ``${AWS::StackName}-VpcId``. Export names are unique in an account and
    Region (``collect``), and the parent deploys both stacks: the import is that output. A
    template several parents (or several stack resources) deploy gets an import only when
    each of them gives the same (startup-kit-templates: five root templates each deploy
    ``bastion.cfn.yml`` beside their own ``vpc.cfn.yml`` stack), as ``nesting`` passes
    parameters. Written key of the import -> (the exporting template's path, the value)."""
    edges = parents.get(document.path, [])
    agreed: dict[str, tuple[str, Any]] | None = None
    for parent, logical_id in edges:
        found = _by_parent(parent, logical_id, imported, resolver, by_path, stacked)
        agreed = found if agreed is None else {
            key: value for key, value in agreed.items() if found.get(key) == value
        }
        if not agreed:
            return {}
    return agreed or {}


def _by_parent(
    parent: Document, logical_id: str, imported: list[Any], resolver: Resolver,
    by_path: Mapping[str, Document], stacked: Mapping[str, list[tuple[str, Any]]],
) -> dict[str, tuple[str, Any]]:
    """The imports named after a sibling stack's name that one parent's stack resource
    ``logical_id`` gives the template (see :func:`_by_stack`)."""
    stacks = parent.meta.get(CHILDREN) or {}
    spec = (parent.data.get("Resources") or {}).get(logical_id)
    props = spec.get("Properties") if isinstance(spec, Mapping) else None
    passed = props.get("Parameters") if isinstance(props, Mapping) else None
    if not isinstance(passed, Mapping):
        return {}
    tokens: dict[str, str] = {}
    for name, value in passed.items():
        sibling = _stack_named(value, stacks, by_path)
        if sibling is not None:
            tokens[str(name)] = _STACK + sibling
    found: dict[str, tuple[str, Any]] = {}
    for arg in imported if tokens else ():
        text = _text_with(arg, resolver, tokens)
        exported = stacked.get(text, []) if text is not None else []
        if len(exported) == 1:
            found[written_key(arg)] = exported[0]
    return found


def _stack_named(
    value: Any, stacks: Mapping[str, Any], by_path: Mapping[str, Document]
) -> str | None:
    """The path of the nested template whose stack name a parent's written value is: its
    stack's output that is ``!Ref AWS::StackName``, or the name part of its stack id."""
    if not isinstance(value, Mapping) or len(value) != 1:
        return None
    (function, arg), = value.items()
    if function == "Fn::GetAtt":
        parts = arg.split(".") if isinstance(arg, str) else arg
        if not (isinstance(parts, list) and len(parts) in (2, 3)):
            return None
        parts = [parts[0], *str(parts[1]).split(".")] if len(parts) == 2 else parts
        if len(parts) != 3 or parts[1] != "Outputs" or parts[0] not in stacks:
            return None
        child = str(stacks[parts[0]])
        document = by_path.get(child)
        if document is None:
            return None
        outputs = document.data.get("Outputs")
        spec = outputs.get(parts[2]) if isinstance(outputs, Mapping) else None
        written = spec.get("Value") if isinstance(spec, Mapping) else None
        return child if written in _OWN_NAME else None
    if function == "Fn::Select" and isinstance(arg, list) and len(arg) == 2 and str(arg[0]) == "1":
        split = arg[1].get("Fn::Split") if isinstance(arg[1], Mapping) else None
        if isinstance(split, list) and len(split) == 2 and split[0] == "/":
            ref = split[1].get("Ref") if isinstance(split[1], Mapping) else None
            if isinstance(ref, str) and ref in stacks:
                return str(stacks[ref])
    return None


#: A template's own stack name as an output writes it.
_OWN_NAME = ({"Ref": "AWS::StackName"}, {"Fn::Sub": "${AWS::StackName}"})


def _text_with(written: Any, resolver: Resolver, tokens: Mapping[str, str]) -> str | None:
    """An export or import name as text, each ``${Name}`` / ``Ref`` in ``tokens`` as its
    token and the rest resolved; None when a part is not known."""
    if isinstance(written, str):
        return written
    if not isinstance(written, Mapping) or len(written) != 1:
        return None
    (function, arg), = written.items()
    parts: list[Any] = []
    if function == "Fn::Sub":
        split = split_sub(arg)
        if split is None:
            return None
        variables, _, pieces = split
        parts = [
            p if isinstance(p, str) else variables.get(p.name, {"Ref": p.name})
            for p in pieces
        ]
    elif function == "Fn::Join" and isinstance(arg, list) and len(arg) == 2 and arg[0] == "":
        parts = list(arg[1]) if isinstance(arg[1], list) else []
    elif function == "Ref":
        parts = [written]
    else:
        return None
    text = ""
    for part in parts:
        ref = part.get("Ref") if isinstance(part, Mapping) and len(part) == 1 else None
        if isinstance(ref, str) and ref in tokens:
            text += tokens[ref]
            continue
        value = part if isinstance(part, str) else resolver.resolve(part)
        if not isinstance(value, str):
            return None
        text += value
    return text


def _sources(imported: list[Any], exports: _Exports, resolver: Resolver) -> set[str]:
    """The templates of the scan whose exports ``imported`` (import arguments) may take: an
    export whose name may be the import's (each name as its written pieces, the parts not
    known anything: ``${ParentVPCStack}-VPC`` may be ``${AWS::StackName}-VPC``). The
    templates share stacks (``normalize.stack_units``)."""
    found: set[str] = set()
    for arg in imported:
        wanted = _shape(arg, resolver)
        found.update(path for shape, path in exports.shapes if _meets(wanted, shape))
    return found


def _shape(written: Any, resolver: Resolver) -> tuple[str, ...]:
    """An export or import name as the text written around the parts not known (one
    piece: the whole name is known; ``("", "-VPC")``: ``${Something}-VPC``)."""
    value = resolver.resolve(written)
    if isinstance(value, str):
        return (value,)
    if isinstance(value, PartialText):
        return value.known
    pieces = [""]
    parts: list[Any] = []
    variables: Mapping[str, Any] = {}
    if isinstance(written, Mapping) and len(written) == 1 and "Fn::Sub" in written:
        split = split_sub(written["Fn::Sub"])
        if split is not None:
            variables, _, parts = split
            parts = [
                p if isinstance(p, str) else variables.get(p.name, {"Ref": p.name})
                if "." not in p.name else None
                for p in parts
            ]
    elif isinstance(written, Mapping) and len(written) == 1 and "Fn::Join" in written:
        arg = written["Fn::Join"]
        if isinstance(arg, list) and len(arg) == 2 and arg[0] == "" and isinstance(arg[1], list):
            parts = list(arg[1])
    if not parts:
        return ("", "")
    for part in parts:
        known = part if isinstance(part, str) else (
            resolver.resolve(part) if part is not None else None
        )
        if isinstance(known, str):
            pieces[-1] += known
        elif isinstance(known, PartialText):
            pieces[-1] += known.known[0]
            pieces.extend(known.known[1:])
        else:
            pieces.append("")
    return tuple(pieces)


def _meets(one: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """Whether two names so written may be the same name: a known one matches the other's
    pieces in order; two with parts not known agree on the text before their first and after
    their last part not known."""
    if len(one) == 1 and len(other) == 1:
        return one == other
    if len(one) == 1 or len(other) == 1:
        name, pieces = (one[0], other) if len(one) == 1 else (other[0], one)
        return re.fullmatch(".*".join(re.escape(p) for p in pieces), name, re.DOTALL) is not None
    first, last = (one[0], other[0]), (one[-1], other[-1])
    return (first[0].startswith(first[1]) or first[1].startswith(first[0])) and (
        last[0].endswith(last[1]) or last[1].endswith(last[0])
    )


def _imports(value: Any, resolver: Resolver | None, depth: int = 0) -> list[Any]:
    """The ``Fn::ImportValue`` arguments written in ``value``, but for the branch of an
    ``Fn::If`` its condition (with the template's values: ``resolver``; None: every branch)
    does not take."""
    if depth > 40:
        return []
    if isinstance(value, Mapping):
        if len(value) == 1 and "Fn::ImportValue" in value:
            return [value["Fn::ImportValue"]]
        branches = value.get("Fn::If") if len(value) == 1 else None
        if isinstance(branches, list) and len(branches) == 3:
            taken = (
                resolver.condition(branches[0])
                if resolver is not None and isinstance(branches[0], str) else None
            )
            value = branches[1:] if taken is None else [branches[1 if taken else 2]]
        else:
            value = list(value.values())
    if isinstance(value, list):
        return [a for v in value for a in _imports(v, resolver, depth + 1)]
    return []


def _warning(
    document: Document, imported: list[Any], exports: _Exports, resolver: Resolver
) -> list[InputError]:
    """Why the imports of ``document`` the scan does not resolve stay unknown."""
    reasons: dict[str, str] = {}
    for arg in imported:
        name = resolver.resolve(arg)
        if not isinstance(name, str):
            reasons.setdefault("an import whose name is not known", "")
            continue
        found = exports.named.get(name, [])
        if len(found) > 1:
            reasons[name] = "exported by " + ", ".join(f"{p} ({o})" for p, o, _ in found)
        elif not found:
            maybe = exports.maybe(name)
            reasons[name] = "no template of the scan exports it" + (
                f" by a name known before deployment; it may be {', '.join(maybe[:_LISTED])}"
                + (f" and {len(maybe) - _LISTED} more" if len(maybe) > _LISTED else "")
                if maybe else ""
            )
    if not reasons:
        return []
    listed = [f"{n!r}: {r}" if r else n for n, r in list(reasons.items())[:_LISTED]]
    more = len(reasons) - len(listed)
    return [
        InputError(
            document.path,
            "Fn::ImportValue not resolved (values unknown): " + "; ".join(listed)
            + (f"; and {more} more" if more > 0 else ""),
            None,
        )
    ]
