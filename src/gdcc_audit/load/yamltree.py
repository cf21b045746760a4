"""YAML (and JSON) to plain Python values, keeping the line of every node.

PyYAML's composer (libyaml when available) builds the node tree; this module turns nodes into
values itself so that it can record ``pointer -> (start_line, end_line)``, refuse duplicate keys,
bound the work done for aliases (YAML "billion laughs"), and read CloudFormation short tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import InputError
from gdcc_audit.lazy import LazyModule
from gdcc_audit.settings import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES

if TYPE_CHECKING:
    import yaml
else:
    # PyYAML is imported when a YAML text is first parsed: the located-document type and the
    # pointer helpers here are used by runs that read no YAML (Terraform only, the hook).
    yaml = LazyModule("yaml", globals())


@lru_cache(maxsize=1)
def _loader_class() -> type:
    try:
        base = yaml.CSafeLoader
    except AttributeError:  # pragma: no cover - PyYAML built without libyaml
        return yaml.SafeLoader
    return _quick_resolving(base)


def _quick_resolving(base: type) -> type:
    """``base`` (libyaml's safe loader) with PyYAML's tag resolution as one table lookup.

    libyaml calls back into Python for every node: the resolver's ``descend_resolver``,
    ``ascend_resolver`` and ``resolve`` were a third of composing a file. A safe loader has
    no path resolvers (``add_path_resolver`` is never called on it), so the first two do
    nothing and ``resolve`` depends only on the node kind and, for a plain scalar, on the
    implicit resolvers of its first character and the wildcard ones, in PyYAML's order:
    the answer is ``BaseResolver.resolve``'s for every node (the resolvers as they are when
    the first YAML text is read)."""
    resolvers: dict[Any, list[tuple[str, Any]]] = base.yaml_implicit_resolvers  # type: ignore[attr-defined]
    wildcard = list(resolvers.get(None, []))
    table = {first: [*found, *wildcard] for first, found in resolvers.items() if first is not None}
    scalar_node = yaml.ScalarNode
    scalar_tag: str = base.DEFAULT_SCALAR_TAG  # type: ignore[attr-defined]
    others: dict[type, str] = {
        yaml.SequenceNode: base.DEFAULT_SEQUENCE_TAG,  # type: ignore[attr-defined]
        yaml.MappingNode: base.DEFAULT_MAPPING_TAG,  # type: ignore[attr-defined]
    }
    if base.yaml_path_resolvers:  # type: ignore[attr-defined]  # pragma: no cover - never set
        return base

    def resolve(self: Any, kind: type, value: str, implicit: tuple[bool, bool]) -> str | None:
        if kind is scalar_node:
            if implicit[0]:
                for tag, regexp in table.get(value[:1], wildcard):
                    if regexp.match(value):
                        return tag
            return scalar_tag
        return others.get(kind)

    def descend_resolver(self: Any, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self: Any) -> None:
        return None

    namespace = {
        "resolve": resolve,
        "descend_resolver": descend_resolver,
        "ascend_resolver": ascend_resolver,
    }
    return type("QuickSafeLoader", (base,), namespace)


@lru_cache(maxsize=1)
def _scalars() -> dict[str, Callable[[Any], Any]]:
    constructor = yaml.constructor.SafeConstructor()
    return {
        "tag:yaml.org,2002:int": constructor.construct_yaml_int,
        "tag:yaml.org,2002:float": constructor.construct_yaml_float,
        "tag:yaml.org,2002:bool": constructor.construct_yaml_bool,
        "tag:yaml.org,2002:null": constructor.construct_yaml_null,
    }


def _same(first: Any, second: Any) -> bool:
    """Whether two values read from YAML are the same (``1`` and ``true`` are not)."""
    if type(first) is not type(second):
        return False
    if isinstance(first, dict):
        return first.keys() == second.keys() and all(_same(first[k], second[k]) for k in first)
    if isinstance(first, list):
        return len(first) == len(second) and all(map(_same, first, second))
    return bool(first == second)


@dataclass(frozen=True)
class DuplicateKey:
    """A key written twice in one mapping, read with the last value (``keep_last``)."""

    key: str
    line: int
    column: int
    field: str | None
    first_line: int
    #: Both values are equal: whichever a reader keeps, it reads the same.
    same: bool = False
    #: The key's JSON pointer in the document (``/spec/containers/0/env``).
    pointer: str = ""
    #: The first value, which the reading dropped (a secret written in it is in the file all
    #: the same).
    dropped: Any = dataclass_field(default=None, compare=False, repr=False)


@dataclass
class LocatedDocument:
    """One YAML document's value plus ``lines[json_pointer] = (start_line, end_line)``."""

    data: Any
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    index: int = 0
    #: Keys written twice, when the document was read keeping the last value (PyYAML's own
    #: reading, which OpenStack Heat uses): each is a warning on the input.
    duplicates: tuple[DuplicateKey, ...] = ()

    def line_of(self, pointer: str) -> int | None:
        """Start line of the node at ``pointer`` or of its nearest known ancestor."""
        while True:
            if pointer in self.lines:
                return self.lines[pointer][0]
            if not pointer:
                return None
            pointer = pointer.rsplit("/", 1)[0]

    def span_of(self, pointer: str) -> tuple[int, int] | None:
        """Start and end lines of the node at ``pointer``."""
        return self.lines.get(pointer)


def escape(token: str | int) -> str:
    """Escape one JSON-pointer token."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer_of(path: tuple[str | int, ...] | list[str | int]) -> str:
    """JSON pointer of a key path."""
    return "".join("/" + escape(p) for p in path)


def _too_big(path: str, node: yaml.Node, max_nodes: int) -> InputError:
    return InputError(
        path,
        f"document expands to more than {max_nodes:,} nodes (YAML alias expansion refused)",
        node.start_mark.line + 1,
        node.start_mark.column + 1,
    )


def check_aliases(root: yaml.Node, path: str, max_nodes: int) -> None:
    """Refuse a document whose aliases expand past ``max_nodes`` or refer to themselves,
    before anything is built: the expanded size of every distinct node is counted once
    (so a billion-laughs file costs as much as its text), without recursion."""
    size: dict[int, int] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            open_nodes.discard(key)
            total = 1 + sum(size[id(c)] for c in _children(node))
            if total > max_nodes:
                raise _too_big(path, node, max_nodes)
            size[key] = total
            continue
        if key in size:
            continue
        if key in open_nodes:
            raise InputError(
                path,
                "YAML alias refers to a node that contains it (an endless document)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            if id(child) in open_nodes:
                raise InputError(
                    path,
                    "YAML alias refers to a node that contains it (an endless document)",
                    child.start_mark.line + 1,
                    child.start_mark.column + 1,
                )
            if id(child) not in size:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


class _Builder:
    """Values and lines of one document's nodes. Every scalar (most nodes) is built in
    :meth:`build` itself, and each method call, attribute and f-string counts: this is most
    of a YAML file's parse after libyaml's own."""

    def __init__(
        self, path: str, max_nodes: int, cfn_tags: bool, max_depth: int, keep_last: bool = False
    ) -> None:
        self.path = path
        self.keep_last = keep_last
        self.duplicates: list[DuplicateKey] = []
        self.max_nodes = max_nodes
        self.max_depth = max_depth
        self.cfn_tags = cfn_tags
        self.nodes = 0
        self.depth = 0
        self.lines: dict[str, tuple[int, int]] = {}
        self._scalars = _scalars()
        self._scalar_node = yaml.ScalarNode
        self._sequence_node = yaml.SequenceNode

    def build(self, node: yaml.Node, pointer: str) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise _too_big(self.path, node, self.max_nodes)
        if node.__class__ is not self._scalar_node and not isinstance(node, self._scalar_node):
            self.depth += 1
            if self.depth > self.max_depth:
                raise depth_error(self.path, self.max_depth, node.start_mark.line + 1)
            try:
                return self._collection(node, pointer)
            finally:
                self.depth -= 1
        # A scalar: no node is built between its two line entries, so one entry does.
        start = node.start_mark.line + 1
        tag = node.tag
        if self.cfn_tags and tag and tag.startswith("!"):
            self.lines[pointer] = (start, start)
            value = self._cfn_tag(node, pointer)
        else:
            constructor = self._scalars.get(tag)
            if constructor is None:
                value = node.value
            else:
                try:
                    value = constructor(node)
                except (ValueError, yaml.YAMLError):
                    value = node.value
        mark = node.end_mark
        end = mark.line + 1 if mark.column else mark.line
        self.lines[pointer] = (start, end if end > start else start)
        return value

    def _collection(self, node: yaml.Node, pointer: str) -> Any:
        start = node.start_mark.line + 1
        lines = self.lines
        lines[pointer] = (start, start)
        tag = node.tag or ""
        if tag.startswith("!") and self.cfn_tags:
            value = self._cfn_tag(node, pointer)
        elif isinstance(node, self._sequence_node):
            build = self.build
            value = [build(child, f"{pointer}/{i}") for i, child in enumerate(node.value)]
        else:
            value = self._mapping(node, pointer)  # type: ignore[arg-type]
        end = self._end_line(node, pointer)
        lines[pointer] = (start, end if end > start else start)
        return value

    def _end_line(self, node: yaml.Node, pointer: str) -> int:
        # A block collection's end mark sits at the start of whatever follows it, so its last
        # line is the last line of its last child; scalars and flow collections end on theirs.
        if isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.flow_style:
            if not node.value:
                return node.start_mark.line + 1
            if isinstance(node, yaml.SequenceNode):
                last = f"{pointer}/{len(node.value) - 1}"
            else:
                last_key = node.value[-1][0]
                last = f"{pointer}/{escape(str(getattr(last_key, 'value', '')))}"
            end: int = self.lines.get(last, (0, node.start_mark.line + 1))[1]
            return end
        return node.end_mark.line + (0 if node.end_mark.column == 0 else 1)

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        constructor = self._scalars.get(node.tag)
        if constructor is None:
            return node.value
        try:
            return constructor(node)
        except (ValueError, yaml.YAMLError):
            return node.value

    def _mapping(self, node: yaml.MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        explicit: set[str] = set()
        lines = self.lines
        build = self.build
        scalars = self._scalars
        scalar_node = self._scalar_node
        for key_node, value_node in node.value:
            tag = key_node.tag
            if tag == "tag:yaml.org,2002:merge":
                merged = build(value_node, pointer)
                for mapping in merged if isinstance(merged, list) else [merged]:
                    if isinstance(mapping, dict):
                        for k, v in mapping.items():
                            result.setdefault(k, v)
                continue
            if not isinstance(key_node, scalar_node):
                # YAML allows a mapping or list as a key; no format read here means anything
                # by it, and rendering nested ones as text doubles their escapes per level
                # (64 levels of ``{{...}}`` took 23 GB).
                raise InputError(
                    self.path,
                    "a mapping or list used as a key (a YAML complex key) is not supported",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    field=pointer.lstrip("/").replace("/", ".") or None,
                )
            key = key_node.value if tag not in scalars else self._scalar(key_node)
            if key.__class__ is not str:
                key = key if isinstance(key, str) else str(key)
            child = f"{pointer}/{escape(key) if '~' in key or '/' in key else key}"
            if key in explicit:
                dotted = (pointer + "/" + escape(key)).lstrip("/").replace("/", ".") or None
                if not self.keep_last:
                    raise InputError(
                        self.path,
                        f"duplicate key {key!r}",
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        field=dotted,
                    )
                first = lines[child][0]
                previous = result[key]
                # the first value is dropped: so are the lines of what it held
                below = child + "/"
                for stale in [p for p in lines if p.startswith(below)]:
                    del lines[stale]
                result[key] = build(value_node, child)
                self.duplicates.append(
                    DuplicateKey(
                        key,
                        key_node.start_mark.line + 1,
                        key_node.start_mark.column + 1,
                        dotted,
                        first,
                        same=_same(previous, result[key]),
                        pointer=child,
                        dropped=previous,
                    )
                )
            else:
                result[key] = build(value_node, child)
            explicit.add(key)
            # A block mapping or list is declared on its key's line (``Bucket:`` above
            # ``Type: AWS::S3::Bucket``), which is where a user looks for it.
            key_line = key_node.start_mark.line + 1
            start, end = lines[child]
            if key_line < start:
                lines[child] = (key_line, end)
        return result

    def _cfn_tag(self, node: yaml.Node, pointer: str) -> Any:
        name = (node.tag or "!")[1:]
        if isinstance(node, yaml.ScalarNode):
            value: Any = node.value
        elif isinstance(node, yaml.SequenceNode):
            value = [self.build(child, f"{pointer}/{i}") for i, child in enumerate(node.value)]
        else:
            value = self._mapping(node, pointer)  # type: ignore[arg-type]
        if name == "Ref":
            return {"Ref": value}
        if name == "Condition":
            return {"Condition": value}
        if name == "GetAtt" and isinstance(value, str):
            return {"Fn::GetAtt": value.split(".", 1)}
        return {f"Fn::{name}": value}


def depth_error(path: str, max_depth: int, line: int | None) -> InputError:
    """The error for input nested deeper than the documented limit."""
    return InputError(
        path, f"nested deeper than {max_depth} levels (the limit for every input file)", line
    )


def deep_line(text: str, max_depth: int) -> int | None:
    """The line where JSON text first nests deeper than ``max_depth`` (brackets outside
    strings counted); only called once a file is known to be too deep."""
    depth, line, in_string, escaped = 0, 1, False, False
    for char in text:
        if char == "\n":
            line += 1
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > max_depth:
                return line
        elif char in "]}":
            depth -= 1
    return None


def check_depth(path: str, data: Any, max_depth: int, text: str = "") -> None:
    """Refuse plain data (from the json module) nested deeper than ``max_depth``, iteratively;
    ``text``, when given, is the JSON source searched for the line."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            children: Any = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        if depth + 1 > max_depth:
            raise depth_error(path, max_depth, deep_line(text, max_depth) if text else None)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))


def parse_yaml(
    text: str,
    path: str,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cfn_tags: bool = False,
    max_depth: int = DEFAULT_MAX_DEPTH,
    keep_last: bool = False,
) -> list[LocatedDocument]:
    """Parse every document of a YAML (or JSON) text, with line numbers for each node. A key
    written twice in a mapping is an error, or with ``keep_last`` takes its last value (as
    PyYAML does) and is listed in the document's ``duplicates``."""
    return list(
        iter_yaml(
            text,
            path,
            max_nodes=max_nodes,
            cfn_tags=cfn_tags,
            max_depth=max_depth,
            keep_last=keep_last,
        )
    )


_DOCUMENT_START = re.compile(r"^---(?=[ \t\r\n]|$)", re.MULTILINE)


def salvage_documents(
    text: str,
    path: str,
    first: InputError,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cfn_tags: bool = False,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> tuple[list[LocatedDocument], list[InputError]]:
    """The documents of a multi-document text that can be read, and one error per broken
    stretch: after an error, reading resumes at the next ``---`` line (line numbers kept).
    ``first`` is the error a whole-text parse raised; it is raised again when no document
    at all can be read."""
    documents: list[LocatedDocument] = []
    errors: list[InputError] = []
    start_line = 1  # where the current attempt starts (1-based)
    index = 0
    while True:
        padded = "\n" * (start_line - 1) + _from_line(text, start_line)
        try:
            for document in iter_yaml(
                padded, path, max_nodes=max_nodes, cfn_tags=cfn_tags, max_depth=max_depth
            ):
                document.index = index
                documents.append(document)
                index += 1
            break
        except InputError as exc:
            after = max(exc.line or start_line, start_line + 1)
            resume = _next_document_start(text, after)
            errors.append(_lost_document(text, exc, index, start_line, resume))
            index += 1
            if resume is None:
                break
            start_line = resume
    if not documents:
        raise first
    return documents, errors


def _lost_document(
    text: str, exc: InputError, index: int, start_line: int, resume: int | None
) -> InputError:
    """``exc`` saying which document it loses and its lines: from the line after the last
    ``---`` before the error (the parser may report it on the next document's ``---``), or
    the attempt's first line, to the line before reading resumes (or the end of the text):
    "invalid YAML: ...: document 2 (lines 7-18) not assessed"."""
    if exc.line is None:
        return exc
    begin = start_line
    for match in _DOCUMENT_START.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if line >= exc.line:
            break
        if line >= start_line:
            begin = line + 1
    end = resume - 1 if resume is not None else text.count("\n", 0, len(text.rstrip("\n"))) + 1
    end = max(end, begin)
    lines = f"line {begin}" if begin == end else f"lines {begin}-{end}"
    return InputError(
        exc.path, f"{exc.message}: document {index + 1} ({lines}) not assessed", exc.line,
        exc.column, field=exc.field,
    )


def _from_line(text: str, line: int) -> str:
    position = 0
    for _ in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return ""
    return text[position:]


def _next_document_start(text: str, line: int) -> int | None:
    """The 1-based line of the first ``---`` at or after ``line``."""
    position = 0
    for _ in range(line - 1):
        position = text.find("\n", position) + 1
        if position == 0:
            return None
    match = _DOCUMENT_START.search(text, position)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1


def iter_yaml(
    text: str,
    path: str,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cfn_tags: bool = False,
    max_depth: int = DEFAULT_MAX_DEPTH,
    keep_last: bool = False,
) -> Iterator[LocatedDocument]:
    """Yield the documents of a YAML text one by one (``keep_last``: see :func:`parse_yaml`)."""
    loader = _loader_class()(text)
    anchors = "&" in text
    try:
        index = 0
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node said there is one
                break
            if anchors:
                check_aliases(node, path, max_nodes)
            builder = _Builder(path, max_nodes, cfn_tags, max_depth, keep_last)
            data = builder.build(node, "")
            yield LocatedDocument(data, builder.lines, index, tuple(builder.duplicates))
            index += 1
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(
            path,
            f"invalid YAML: {problem}",
            mark.line + 1 if mark else None,
            mark.column + 1 if mark else None,
        ) from exc
    except yaml.YAMLError as exc:
        raise InputError(path, f"invalid YAML: {exc}") from exc
    finally:
        loader.dispose()
