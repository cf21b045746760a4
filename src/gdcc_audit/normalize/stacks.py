"""Templates that deploy other templates of the scan (CloudFormation nested stacks, Heat
template resources): what the formats share. Each format finds its edges (a parent's
resource and the child template it deploys, ``Edge``) and resolves what a parent passes;
this module matches a written location to a scanned template (:func:`find_template`),
orders the templates parents first, merges what several parents pass (a value only when
they agree) and reads the children's outputs back into their parents (``nested_outputs``).
See ``normalize/cloudformation/nesting.py`` and ``normalize/heat/nesting.py``.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.errors import InputError
from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.normalize.cloudformation.values import UNKNOWN
from gdcc_audit.normalize.nested_outputs import ORIGINS, OUTPUTS, record, record_origins


@dataclass
class Edge:
    """A parent template's resource that deploys a scanned child template."""

    parent: Document
    logical_id: str
    child: Document
    how: str
    line: int | None
    passed: dict[str, Any] = field(default_factory=dict)
    at: dict[str, str] = field(default_factory=dict)
    #: False when the resource's condition is false with what the parent's own parents pass:
    #: it deploys nothing (read when the parent passes, parents first).
    active: bool = True


def collect_outputs(
    documents: Sequence[Document],
    edges: Sequence[Edge],
    outputs_of: Callable[[Document], dict[str, Any]],
    reads: Callable[[Edge, dict[str, Any]], dict[str, Any] | None],
    origins_of: Callable[[Document], dict[str, str]] | None = None,
) -> bool:
    """Write on each parent the outputs of the children its resources deploy
    (``nested_outputs``), children first (a child's own children's outputs are known before
    its outputs are read); ``reads``: what the parent's resource gives of the child's outputs
    (the outputs themselves, a group's members' lists; None: nothing read); ``origins_of``:
    where a child's outputs are written, recorded when the parent reads the outputs
    themselves (``nested_outputs.ORIGINS``). Whether any was written."""
    computed: dict[int, dict[str, Any]] = {}
    placed: dict[int, dict[str, str]] = {}
    found = False
    outgoing, incoming = _by_end(edges)
    for document in reversed(parents_first(documents, edges)):
        document.meta.pop(OUTPUTS, None)
        document.meta.pop(ORIGINS, None)
        for edge in outgoing.get(id(document), ()):
            outputs = computed.get(id(edge.child))
            read = reads(edge, outputs) if outputs is not None and edge.active else None
            if read is not None:
                record(document, edge.logical_id, read)
                if read is outputs and id(edge.child) in placed:
                    record_origins(document, edge.logical_id, placed[id(edge.child)])
                found = True
        if id(document) in incoming:
            computed[id(document)] = outputs_of(document)
            if origins_of is not None:
                placed[id(document)] = origins_of(document)
    return found


def output_origins(
    child: Document,
    section: str,
    value_key: str,
    origins: Callable[[Any], Mapping[str, str]],
) -> dict[str, str]:
    """Output name -> ``file:line`` where the value of each of ``child``'s outputs
    (``section``: ``Outputs`` / ``outputs``, each value at ``value_key``) is written: where
    ``origins`` places the value as a whole (a parameter read whole: its default or the
    parent line passing it; another nested stack's output: where that one is written), or
    the output's own line when it writes a plain value."""
    specs = child.data.get(section)
    if not isinstance(specs, Mapping):
        return {}
    lines = child.lines
    found: dict[str, str] = {}
    for name, spec in specs.items():
        if not isinstance(spec, Mapping) or value_key not in spec:
            continue
        written = spec[value_key]
        where = origins({"value": written}).get("value")
        if where is None and isinstance(written, str | int | float) and lines is not None:
            line = lines.line_of(f"/{section}/{escape(str(name))}/{value_key}")
            where = f"{child.path}:{line}" if line is not None else None
        if where is not None:
            found[str(name)] = where
    return found


def _by_end(edges: Sequence[Edge]) -> tuple[dict[int, list[Edge]], dict[int, list[Edge]]]:
    """The edges by their parent's and by their child's ``id``."""
    outgoing: dict[int, list[Edge]] = {}
    incoming: dict[int, list[Edge]] = {}
    for edge in edges:
        outgoing.setdefault(id(edge.parent), []).append(edge)
        incoming.setdefault(id(edge.child), []).append(edge)
    return outgoing, incoming


def propagate(
    documents: Sequence[Document],
    edges: list[Edge],
    default: Callable[[Document, str], Any],
    keys: tuple[str, str],
    pass_all: Callable[[Document, list[Edge]], None],
) -> None:
    """Parents first, write on each child (``Document.meta[keys[0]]``, where each value is
    written at ``keys[1]``) what its parents agree on, after ``pass_all`` filled the edges
    from the parent (with what its own parents pass); ``default``: a child's parameter's
    value when a parent does not pass it."""
    if not edges:
        return
    outgoing, incoming = _by_end(edges)
    for document in parents_first(documents, edges):
        into = [e for e in incoming.get(id(document), ()) if e.active]
        if into:  # every parent is done (a cycle: those read so far)
            document.meta[keys[0]], document.meta[keys[1]] = merged(document, into, default)
        if id(document) in outgoing:
            pass_all(document, outgoing[id(document)])


def warnings(edges: Sequence[Edge], what: str) -> list[InputError]:
    """The warning on each child: which parent passes its ``what`` and how it was found."""
    return [
        InputError(
            edge.child.path,
            f"judged with the {what} that {edge.parent.path}:{edge.line or 1} "
            f"({edge.logical_id}) passes: {edge.how}",
            None,
        )
        for edge in edges
        if edge.active
    ]


def find_template(
    parent: str,
    pieces: list[str | None],
    by_path: Mapping[str, Document],
    label: str = "TemplateURL",
    real: Callable[[str], str] | None = None,
) -> tuple[Document, str] | None:
    """The scanned template ``pieces`` names (``label``: the property that names it), and
    how it was matched (``real``: ``os.path.realpath``, or a caller's memo of it)."""
    last = max((i for i, p in enumerate(pieces) if p is None), default=-1)
    tail = "".join(p for p in pieces[last + 1 :] if p is not None).split("?", 1)[0]
    known = last < 0
    if known and "://" not in tail and not tail.startswith("s3:") and tail:
        local = (real or os.path.realpath)(os.path.join(os.path.dirname(parent), tail))
        child = by_path.get(local)
        if child is None or local == parent:
            return None
        return child, f"its {label} {tail!r} is a path relative to the parent"
    if known:  # a URL: the host (or bucket) is no part of the key path
        tail = tail.split("://", 1)[-1].removeprefix("s3:")
        tail = tail.split("/", 1)[1] if "/" in tail else ""
        partial_first = False
    else:
        partial_first = not tail.startswith("/")
    segments = [s for s in tail.split("/") if s]
    if not segments:
        return None
    scored: list[tuple[int, int, str]] = []
    for path in by_path:
        if path == parent:
            continue
        count = _matching(segments, path.split(os.sep), partial_first)
        same_folder = os.path.dirname(path) == os.path.dirname(parent)
        if count >= 2 or (count == 1 and same_folder):
            shared = len(os.path.commonpath([path, parent]))
            scored.append((count, shared, path))
    if not scored:
        return None
    scored.sort(reverse=True)
    best = scored[0]
    if len(scored) > 1 and scored[1][:2] == best[:2]:
        return None  # two templates match as well: neither is taken
    suffix = "/".join(segments[-best[0] :])
    return by_path[best[2]], (
        f"its {label}'s key path ends with {suffix!r}"
        + ("" if best[0] > 1 else " in the parent's folder")
        + (f" (the first of {len(scored)} templates that match)" if len(scored) > 1 else "")
    )


def _matching(segments: list[str], path: list[str], partial_first: bool) -> int:
    """How many of ``segments``' last segments end ``path`` (the first of them, when
    ``partial_first``, need only end its folder's name)."""
    count = 0
    for offset, segment in enumerate(reversed(segments), start=1):
        if offset > len(path):
            break
        name = path[-offset]
        if offset == len(segments) and partial_first:
            if name.endswith(segment):
                count += 1
            break
        if name != segment:
            break
        count += 1
    return count


def parents_first(documents: Sequence[Document], edges: Sequence[Edge]) -> list[Document]:
    """``documents`` with every parent before its children (a cycle, which CloudFormation
    cannot deploy, is read in the given order)."""
    outgoing, incoming = _by_end(edges)
    waiting = {id(d): len(incoming.get(id(d), ())) for d in documents}
    ready = deque(d for d in documents if not waiting[id(d)])
    order: list[Document] = []
    while ready:
        document = ready.popleft()
        order.append(document)
        for edge in outgoing.get(id(document), ()):
            waiting[id(edge.child)] -= 1
            if waiting[id(edge.child)] == 0:
                ready.append(edge.child)
    done = {id(d) for d in order}
    return order + [d for d in documents if id(d) not in done]


def merged(
    child: Document, incoming: list[Edge], default: Callable[[Document, str], Any]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The values every parent of ``child`` agrees on (``default``: the value of a parameter
    a parent does not pass); UNKNOWN where they differ."""
    names = {name for edge in incoming for name in edge.passed}
    passed: dict[str, Any] = {}
    at: dict[str, str] = {}
    for name in sorted(names):
        fallback = default(child, name)
        values = [edge.passed.get(name, fallback) for edge in incoming]
        same = all(v is values[0] or (v == values[0]) for v in values[1:])
        passed[name] = values[0] if same else UNKNOWN
        at[name] = ", ".join(dict.fromkeys(e.at[name] for e in incoming if name in e.at))
    return passed, at


#: How deep a template's property values are walked for parameter references.
_MAX_ORIGIN_DEPTH = 20


#: A value chosen by a condition (``Fn::If``, Heat ``if``): the parameters its condition reads
#: and the branch it takes (None: not known), or None for any other value.
Conditional = Callable[[Mapping[str, Any]], tuple[list[str], Any] | None]


def conditional(
    conditions: Any, key: str, reference: str, decide: Callable[[Any], bool | None]
) -> Conditional:
    """The :data:`Conditional` of a template: ``key`` the function (``Fn::If``, ``if``),
    ``reference`` how a parameter is read (``Ref``, ``get_param``), ``conditions`` its named
    conditions (a condition names another as ``{"Condition": name}`` or by its name),
    ``decide`` a condition's value (name or inline)."""
    named = conditions if isinstance(conditions, Mapping) else {}

    def chosen(value: Mapping[str, Any]) -> tuple[list[str], Any] | None:
        arg = value.get(key) if len(value) == 1 else None
        if not isinstance(arg, list) or len(arg) != 3:
            return None
        condition = arg[0].get("Condition") if isinstance(arg[0], Mapping) else arg[0]
        names = list(dict.fromkeys(_condition_parameters(condition, named, reference, set())))
        taken = decide(condition)
        return names, None if taken is None else arg[1] if taken else arg[2]

    return chosen


def _condition_parameters(
    spec: Any, named: Mapping[str, Any], reference: str, seen: set[str], depth: int = 0
) -> list[str]:
    """The parameters a condition reads (``named``: the template's named conditions), for
    :func:`conditional` (a module function: a closure calling itself left a reference cycle
    for each template read, kept until the scan's collection)."""
    if depth > _MAX_ORIGIN_DEPTH:
        return []
    if isinstance(spec, str):
        if spec in named and spec not in seen:
            seen.add(spec)
            return _condition_parameters(named[spec], named, reference, seen, depth + 1)
        return []
    if isinstance(spec, Mapping):
        arg = spec.get(reference) if len(spec) == 1 else None
        name = arg[0] if isinstance(arg, list) and arg else arg
        if isinstance(name, str):
            return [name]
        return [n for item in spec.values()
                for n in _condition_parameters(item, named, reference, seen, depth + 1)]
    if isinstance(spec, list):
        return [n for item in spec
                for n in _condition_parameters(item, named, reference, seen, depth + 1)]
    return []


def parameter_paths(
    raw: Any,
    reference: str,
    origin: Callable[[str], str | None],
    max_depth: int = _MAX_ORIGIN_DEPTH,
    choose: Conditional | None = None,
    attribute: tuple[str, Callable[[Any], str | None]] | None = None,
) -> dict[str, str]:
    """Property path (``rules.0.remote_ip_prefix``) -> ``file:line`` of each property of
    ``raw`` written as a one-key ``{reference: name}`` (``Ref``, ``get_param``; a list
    argument's first item is the name), where ``origin`` says that parameter's value is
    written (None: nowhere known, or not a parameter asked about). With ``choose``, a
    property a condition chooses (``Fn::If``) is also set where the parameters its condition
    reads are (the branch it takes is walked as the property). With ``attribute`` (a
    function's key, ``Fn::GetAtt`` / ``get_attr``, and where the value its argument reads is
    written), a property read from a nested stack's output is set where that output's value
    is (``nested_outputs.ORIGINS``)."""
    found: dict[str, str] = {}
    walk = _PathWalk(reference, origin, max_depth, choose, found, attribute)
    _parameter_paths(raw, "", 0, walk)
    return found


@dataclass(frozen=True)
class _PathWalk:
    """What :func:`_parameter_paths` reads and fills (:func:`parameter_paths`' arguments)."""

    reference: str
    origin: Callable[[str], str | None]
    max_depth: int
    choose: Conditional | None
    found: dict[str, str]
    attribute: tuple[str, Callable[[Any], str | None]] | None = None


def _parameter_paths(value: Any, path: str, depth: int, walk: _PathWalk) -> None:
    """:func:`parameter_paths`' walk (a module function: a closure calling itself left a
    reference cycle for each resource read, kept until the scan's collection)."""
    if depth > walk.max_depth:
        return
    found = walk.found
    if isinstance(value, Mapping):
        picked = walk.choose(value) if walk.choose is not None and path else None
        if picked is not None:
            names, branch = picked
            _parameter_paths(branch, path, depth + 1, walk)
            places = [p for p in map(walk.origin, names) if p is not None]
            if path in found:
                places.append(found[path])
            if places:
                found[path] = ", ".join(dict.fromkeys(places))
            return
        if path and walk.attribute is not None and len(value) == 1 and walk.attribute[0] in value:
            where = walk.attribute[1](value[walk.attribute[0]])
            if where is not None:
                found[path] = where
                return
        arg = value.get(walk.reference) if len(value) == 1 else None
        name = arg[0] if isinstance(arg, list) and arg else arg
        if path and isinstance(name, str):
            where = walk.origin(name)
            if where is not None:
                found[path] = where
            return
        for key, item in value.items():
            _parameter_paths(item, f"{path}.{key}" if path else str(key), depth + 1, walk)
    elif isinstance(value, list) and path:
        for index, item in enumerate(value):
            _parameter_paths(item, f"{path}.{index}", depth + 1, walk)
