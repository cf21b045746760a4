"""Nested stacks whose template is in the scan: the child is judged with what its parents pass.

An ``AWS::CloudFormation::Stack`` (``TemplateURL``, ``Parameters``) or SAM
``AWS::Serverless::Application`` (``Location``, ``Parameters``) deploys a child template with
the parameter values the parent writes; the child's ``Default`` holds only for a parameter
the parent does not pass. A child judged on its own defaults was judged on values it is never
deployed with (quickstart-linux-bastion: ``RemoteAccessCIDR`` defaults to
``disabled-onlyssmaccess``, which leaves SSH closed, whatever CIDR the parent passes).

Where the child is:

- a path (``./child.yaml``, as ``aws cloudformation package`` and ``sam`` read it): the file
  relative to the parent, when it is scanned;
- a URL (``https://bucket.s3.amazonaws.com/prefix/templates/child.yaml``, ``s3://...``,
  often ``Fn::Sub`` of a bucket and key prefix that are parameters): the scanned template
  whose path ends with the URL's last path segments. Only the written text after the last
  part not known statically is matched (a ``${Prefix}`` whose value is not known may end in
  the middle of a folder name: that first segment need only end the folder's name). The
  match needs two segments (folder and file name), or the file name alone for a template in
  the parent's own folder; the template sharing the most segments wins, then the one
  sharing the longest folder with the parent; a tie matches none (listed as not read). The
  object at the URL may be another version of the file: the match says which file, not that
  it is the same text.

What the child is given (:data:`PASSED`): for each parameter a parent writes, its value as
the parent resolves it (with what its own parents pass: nesting of any depth), typed as the
child's ``Parameters`` declares it; a resource of the parent, or another nested stack's
output that is one (``!GetAtt Network.Outputs.Subnet``, a ``!Join [",", [...]]`` of them), is
that resource (``nested_outputs``: the child's ``Ref`` of the parameter links to it); not known
statically (a resource's attribute, a parameter without a default) is UNKNOWN, never the
child's default, and so is a value the child's
``AllowedValues`` or ``AllowedPattern`` refuses (CloudFormation would not deploy it: a
placeholder a build step replaces); every value a parent rewritten by a macro
(``Transform`` CloudFormation does not provide) passes is unknown. A child several parents
(or several stack resources) deploy gets a value only when every one of them gives the same
(passed, or the default when not passed); otherwise UNKNOWN: one resource per child resource
(ids do not change), and a value one parent opens is never judged by another parent's closed
one. A stack resource whose ``Condition`` is false (with what the parent is passed) deploys
nothing. The children's ``Outputs`` are read back into the parent (``!GetAtt
Child.Outputs.Name``). The matching, ordering and merging are ``normalize.stacks``'.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.cloudformation import AWS_TRANSFORMS
from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize import stack_units
from gdcc_audit.normalize.cloudformation import exports, ssm_links
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, parameter_value, split_sub
from gdcc_audit.normalize.cloudformation.origins import (
    PASSED_AT,
    outputs_origins,
    parameter_origins,
)
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    PartialText,
    ResourceRef,
    as_str,
    is_known,
    tag_dict,
)
from gdcc_audit.normalize.nested_outputs import (
    OUTPUTS,
    Candidates,
    TemplateResource,
    exported,
    known,
)
from gdcc_audit.normalize.stacks import (
    Edge,
    collect_outputs,
    find_template,
    propagate,
    warnings,
)
from gdcc_audit.normalize.unread_secrets import mark_read_outputs

#: ``Document.meta`` key of a child's parameters its parents pass: name -> typed value.
PASSED = "cloudformation_passed_parameters"
#: ``Document.meta`` key of a parent's nested stacks whose template is scanned: logical id ->
#: the child's path (the graph reads it: ``normalize.stack_units``).
CHILDREN = stack_units.CHILDREN
#: Nested templates: the type -> (the property saying where the template is, the property
#: holding the parameters passed to it).
NESTED_TYPES = {
    "AWS::CloudFormation::Stack": ("TemplateURL", "Parameters"),
    "AWS::Serverless::Application": ("Location", "Parameters"),
}


def relate(documents: Sequence[Document]) -> list[InputError]:
    """Write on each child template of ``documents`` the parameters its parents pass
    (:data:`PASSED`, :data:`PASSED_AT`) and on each parent the children found
    (:data:`CHILDREN`); a warning on each child says which parent and how it was found."""
    by_path = {os.path.realpath(d.path): d for d in documents}
    edges = [edge for d in documents for edge in _edges(d, by_path)]

    def default(child: Document, name: str) -> Any:
        declared = child.data.get("Parameters")
        return parameter_value(declared.get(name) if isinstance(declared, Mapping) else None)

    def pass_all(parent: Document, outgoing: list[Edge]) -> None:
        resolver = Resolver(parent.data, parent.meta.get(PASSED))
        resolver.outputs = parent.meta.get(OUTPUTS) or {}
        for edge in outgoing:
            _pass(edge, resolver)

    propagate(documents, edges, default, (PASSED, PASSED_AT), pass_all)
    if collect_outputs(documents, edges, _child_outputs, _as_written, outputs_origins):
        # again: a stack's output passed to another stack (``!GetAtt Network.Outputs.X``)
        propagate(documents, edges, default, (PASSED, PASSED_AT), pass_all)
        collect_outputs(documents, edges, _child_outputs, _as_written, outputs_origins)
    if ssm_links.collect(documents, _resolver, _ssm_value, (PASSED, PASSED_AT)):
        # a template given a Systems Manager parameter's value passes it to its children
        propagate(documents, edges, default, (PASSED, PASSED_AT), pass_all)
        ssm_links.collect(documents, _resolver, _ssm_value, (PASSED, PASSED_AT))
        collect_outputs(documents, edges, _child_outputs, _as_written, outputs_origins)
    # a child's parameter read by an output a parent's resource reads reaches that resource
    mark_read_outputs(edges, heat=False)
    return [
        *warnings(edges, "parameters"),
        *ssm_links.warnings(documents),
        *exports.collect(documents, _resolver, _child_outputs),
    ]


def _as_written(_edge: Edge, outputs: dict[str, Any]) -> dict[str, Any]:
    return outputs


def _resolver(document: Document) -> Resolver:
    """A template's resolver, with what its parents pass and its children's outputs."""
    resolver = Resolver(document.data, document.meta.get(PASSED))
    resolver.outputs = document.meta.get(OUTPUTS) or {}
    return resolver


def _ssm_value(document: Document, resolver: Resolver, written: Any) -> Any:
    """An ``AWS::SSM::Parameter``'s ``Value`` as another template reads it (``ssm_links``):
    a resource of ``document`` (a ``!Join [",", [...]]`` of them) is that resource."""
    joined = ids_joined(written, resolver)
    value = joined if joined is not None else resolver.resolve(written)
    return known(exported(value, _resources_of(document, resolver)))


def _child_outputs(child: Document, resolver: Resolver | None = None) -> dict[str, Any]:
    """A child template's ``Outputs``, resolved with what its parents pass."""
    specs = child.data.get("Outputs")
    if not isinstance(specs, Mapping):
        return {}
    resolver = resolver or _resolver(child)
    resource = _resources_of(child, resolver)
    found: dict[str, Any] = {}
    for name, spec in specs.items():
        written = spec.get("Value") if isinstance(spec, Mapping) else None
        resolver.current = ("", f"/Outputs/{escape(str(name))}")
        joined = ids_joined(written, resolver)
        options = _options(written, resolver)
        if joined is None and len(options) > 1:
            chosen = [exported(resolver.resolve(o), resource) for o in options]
            if any(isinstance(o, TemplateResource) for o in chosen):
                found[str(name)] = Candidates(tuple(chosen))
                continue
        value = joined if joined is not None else resolver.resolve(written)
        found[str(name)] = exported(value, resource)
    return found


def _options(written: Any, resolver: Resolver, depth: int = 0) -> list[Any]:
    """The values an output's ``Fn::If`` chain may take when the child cannot decide its
    condition (a parameter no parent passes, without a default); ``[written]`` otherwise (a
    decided condition picks its branch when resolved)."""
    one = isinstance(written, Mapping) and len(written) == 1
    branches = written.get("Fn::If") if one else None
    if (depth > 20 or not isinstance(branches, list) or len(branches) != 3
            or not isinstance(branches[0], str)):
        return [written]
    taken = resolver.condition(branches[0])
    if taken is not None:
        return _options(branches[1 if taken else 2], resolver, depth + 1)
    return [*_options(branches[1], resolver, depth + 1),
            *_options(branches[2], resolver, depth + 1)]


def _edges(document: Document, by_path: Mapping[str, Document]) -> Iterator[Edge]:
    resources = document.data.get("Resources")
    if not isinstance(resources, Mapping):
        return
    resolver = Resolver(document.data)
    parent = os.path.realpath(document.path)
    for logical_id, spec in resources.items():
        kind = spec.get("Type") if isinstance(spec, Mapping) else None
        if kind not in NESTED_TYPES:
            continue
        props = spec.get("Properties")
        where = props.get(NESTED_TYPES[kind][0]) if isinstance(props, Mapping) else None
        resolver.current = (str(logical_id), f"/Resources/{escape(str(logical_id))}")
        found = find_template(parent, _pieces(where, resolver), by_path, NESTED_TYPES[kind][0])
        if found is None:
            continue
        child, how = found
        pointer = f"/Resources/{escape(str(logical_id))}"
        line = document.lines.line_of(pointer) if document.lines else None
        document.meta.setdefault(CHILDREN, {})[str(logical_id)] = child.path
        yield Edge(document, str(logical_id), child, how, line)


def _pieces(where: Any, resolver: Resolver) -> list[str | None]:
    """The template location as text pieces, ``None`` for a part not known statically."""
    if isinstance(where, str):
        return [where]
    if isinstance(where, Mapping) and len(where) == 1:
        name, arg = next(iter(where.items()))
        if name == "Fn::Sub":
            return _sub_pieces(arg, resolver)
        if name == "Fn::Join" and isinstance(arg, list) and len(arg) == 2:
            delimiter = resolver.resolve(arg[0])
            items = arg[1] if isinstance(arg[1], list) else None
            if isinstance(delimiter, str) and items is not None:
                pieces: list[str | None] = []
                for index, item in enumerate(items):
                    pieces += ([delimiter] if index else []) + _pieces(item, resolver)
                return pieces
    return _value_pieces(resolver.resolve(where) if where is not None else UNKNOWN)


def written_location(where: Any, resolver: Resolver) -> str | None:
    """A template location as far as it is known, ``*`` for each part that is not
    (``https://*.s3.*.amazonaws.com/*templates/child.yaml``); None when no part is known."""
    pieces = _pieces(where, resolver)
    if all(p is None or not p for p in pieces):
        return None
    return "".join("*" if p is None else p for p in pieces)


def _value_pieces(value: Any) -> list[str | None]:
    if isinstance(value, PartialText):
        return [None, value.known[-1]]
    text = as_str(value) if is_known(value) else None
    return [text] if text is not None and not isinstance(value, bool) else [None]


def _sub_pieces(arg: Any, resolver: Resolver) -> list[str | None]:
    split = split_sub(arg)
    if split is None:
        return [None]
    variables, _, parts = split
    pieces: list[str | None] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif part.name in variables:
            pieces += _value_pieces(resolver.resolve(variables[part.name]))
        elif "." in part.name:
            pieces.append(None)  # a resource attribute
        else:
            pieces += _value_pieces(resolver.ref(part.name))
    return pieces


def _pass(edge: Edge, resolver: Resolver) -> None:
    """What ``edge``'s parent passes, resolved (``resolver`` is the parent's)."""
    spec = edge.parent.data["Resources"][edge.logical_id]
    props = spec.get("Properties")
    written = props.get(NESTED_TYPES[spec["Type"]][1]) if isinstance(props, Mapping) else None
    pointer = f"/Resources/{escape(edge.logical_id)}"
    resolver.current = (edge.logical_id, pointer)
    condition = spec.get("Condition")
    if isinstance(condition, str) and resolver.condition(condition) is False:
        edge.active = False  # not deployed (with what the parent is passed)
        return
    values = resolver.resolve(written) if written is not None else {}
    declared = edge.child.data.get("Parameters")
    if not isinstance(declared, Mapping):
        return
    if not isinstance(values, Mapping):  # the whole map not known: every parameter unknown
        edge.passed = dict.fromkeys(map(str, declared), UNKNOWN)
        return
    rewritten = _macro(edge.parent.data)
    lines = edge.parent.lines
    resource = _resources_of(edge.parent, resolver)
    # ``Enc: !Ref Encrypt``: where the parent's own parameter is written (its default, or
    # its own parent's line), the line a user changes
    upstream = parameter_origins(edge.parent, written) if isinstance(written, Mapping) else {}
    for name, value in values.items():
        if name not in declared:
            continue
        # a resource of the parent (a list of them joined with commas): that resource
        found = ids_joined(written.get(name), resolver) if isinstance(written, Mapping) else None
        chosen = found if found is not None else value
        passed = chosen if _account_wide(chosen) else exported(chosen, resource)
        edge.passed[name] = UNKNOWN if rewritten else _typed(passed, declared[name])
        line = lines.line_of(f"{pointer}/Properties/Parameters/{escape(name)}") if lines else None
        edge.at[name] = upstream.get(name) or f"{edge.parent.path}:{line or edge.line or 1}"


#: The pseudo parameters whose value is the same in a parent and its nested stacks: a nested
#: stack is created in its parent's account and Region (``AWS::CloudFormation::Stack``:
#: "Nested stacks are stacks created as part of other stacks", deployed by the parent's stack
#: operation; CloudFormation User Guide, "Split a template into reusable pieces using nested
#: stacks"). A stack's name and id are not: the parent's are not the child's.
_ACCOUNT_WIDE = frozenset({"AWS::AccountId", "AWS::Partition", "AWS::Region", "AWS::URLSuffix"})


def _account_wide(value: Any) -> bool:
    """Whether ``value`` is a text whose only parts not known are pseudo parameters the child
    shares (``arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x``): the child reads that text
    (its written parts decide what they can: no wildcard, not ``''``). It was not known."""
    return isinstance(value, PartialText) and set(value.holes) <= _ACCOUNT_WIDE


def _macro(template: Mapping[str, Any]) -> bool:
    """Whether a macro rewrites the template when it is deployed (a ``Transform`` that
    CloudFormation does not provide): what it passes may not be what is written
    (quickstart-amazon-eks' ``QuickStartParameterResolver`` replaces ``~~/.../~~`` texts)."""
    value = template.get("Transform")
    names = value if isinstance(value, list) else [value]
    return any(isinstance(n, str) and n not in AWS_TRANSFORMS for n in names)


def ids_joined(written: Any, resolver: Resolver) -> list[Any] | None:
    """The resources a ``!Join [",", [!Ref A, !Ref B]]`` lists (as a list parameter reads it
    back), each a reference (or a known id); None when ``written`` is not such a join."""
    arg = written.get("Fn::Join") if isinstance(written, Mapping) and len(written) == 1 else None
    if not isinstance(arg, list) or len(arg) != 2 or arg[0] != "," or not isinstance(arg[1], list):
        return None
    items = [resolver.resolve(item) for item in arg[1]]
    if not any(isinstance(i, ResourceRef) for i in items) or not all(
        isinstance(i, ResourceRef | str) for i in items
    ):
        return None
    return items


def _resources_of(
    document: Document, resolver: Resolver
) -> Callable[[str], TemplateResource | None]:
    """The template's resource of a logical id, as another template refers to it (None for a
    nested stack)."""
    resources = document.data.get("Resources")
    resources = resources if isinstance(resources, Mapping) else {}

    def resource(logical_id: str) -> TemplateResource | None:
        spec = resources.get(logical_id)
        kind = spec.get("Type") if isinstance(spec, Mapping) else None
        if not isinstance(spec, Mapping) or not isinstance(kind, str) or kind in NESTED_TYPES:
            return None
        props = spec.get("Properties")
        current = resolver.current
        resolver.current = (logical_id, f"/Resources/{escape(logical_id)}")
        tags = tag_dict(resolver.resolve(props.get("Tags"))) if isinstance(props, Mapping) else {}
        resolver.current = current
        return TemplateResource(document.path, logical_id, kind, tuple(sorted(tags.items())))

    return resource


def _is_list(kind: str) -> bool:
    """Whether a parameter type's value is a list (a resource passed to one: a list of one)."""
    return kind == "CommaDelimitedList" or kind.startswith("List<")


def _typed(value: Any, spec: Any) -> Any:
    """A passed value as the child reads it: the text CloudFormation passes, typed by the
    child's declaration (a list joined with commas, as a list parameter reads it back); a
    resource of the scan stays that resource (the id it has when deployed)."""
    kind = str(spec.get("Type", "")) if isinstance(spec, Mapping) else ""
    items = value if isinstance(value, list) else [value]
    if any(isinstance(i, TemplateResource) for i in items):
        if kind in ("Number", "List<Number>") or not all(
            isinstance(i, TemplateResource | str) for i in items
        ):
            return UNKNOWN
        if _is_list(kind):
            return items
        return value if isinstance(value, TemplateResource) else UNKNOWN
    if isinstance(value, list):
        texts = [as_str(v) if is_known(v) else None for v in value]
        if any(t is None for t in texts):
            return UNKNOWN
        value = ",".join(t for t in texts if t is not None)
    if isinstance(value, PartialText):
        kind = str(spec.get("Type", "")) if isinstance(spec, Mapping) else ""
        return value if kind in ("", "String") else UNKNOWN
    text = as_str(value) if is_known(value) and not isinstance(value, ResourceRef) else None
    if text is None or not _allowed(text, spec):
        return UNKNOWN
    return parameter_value({**(spec if isinstance(spec, Mapping) else {}), "Default": text})


def _allowed(text: str, spec: Any) -> bool:
    """Whether CloudFormation accepts ``text`` for a parameter declared as ``spec``: one of
    its ``AllowedValues`` and matching its ``AllowedPattern`` (each item of a list). A value
    it refuses is not the one deployed (a placeholder a build step replaces, a value the
    child does not allow): not known."""
    if not isinstance(spec, Mapping):
        return True
    kind = str(spec.get("Type", ""))
    items = text.split(",") if kind == "CommaDelimitedList" or kind.startswith("List<") else [text]
    allowed = spec.get("AllowedValues")
    if isinstance(allowed, list):
        names = {as_str(v) for v in allowed}
        if any(item.strip() not in names for item in items):
            return False
    pattern = spec.get("AllowedPattern")
    if isinstance(pattern, str):
        try:
            compiled = re.compile(pattern)
        except re.error:
            return True  # a Java pattern Python cannot read: not checked
        if any(compiled.fullmatch(item.strip()) is None for item in items):
            return False
    return True

