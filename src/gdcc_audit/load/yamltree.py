"""YAML (and JSON) to plain Python values, keeping the line of every node.

PyYAML's composer (libyaml when available) builds the node tree; this module turns nodes into
values itself so that it can record ``pointer -> (start_line, end_line)``, refuse duplicate keys,
bound the work done for aliases (YAML "billion laughs"), and read CloudFormation short tags.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from gdcc_audit.errors import InputError
from gdcc_audit.settings import DEFAULT_MAX_NODES

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_SCALARS = {
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
}


@dataclass
class LocatedDocument:
    """One YAML document's value plus ``lines[json_pointer] = (start_line, end_line)``."""

    data: Any
    lines: dict[str, tuple[int, int]] = field(default_factory=dict)
    index: int = 0

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


class _Builder:
    def __init__(self, path: str, max_nodes: int, cfn_tags: bool) -> None:
        self.path = path
        self.max_nodes = max_nodes
        self.cfn_tags = cfn_tags
        self.nodes = 0
        self.lines: dict[str, tuple[int, int]] = {}

    def build(self, node: yaml.Node, pointer: str) -> Any:
        self.nodes += 1
        if self.nodes > self.max_nodes:
            raise InputError(
                self.path,
                f"document expands to more than {self.max_nodes:,} nodes "
                "(YAML alias expansion refused)",
                node.start_mark.line + 1,
                node.start_mark.column + 1,
            )
        start = node.start_mark.line + 1
        self.lines[pointer] = (start, start)
        tag = node.tag or ""
        if tag.startswith("!") and self.cfn_tags:
            value = self._cfn_tag(node, pointer)
        elif isinstance(node, yaml.ScalarNode):
            value = self._scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = [self.build(child, f"{pointer}/{i}") for i, child in enumerate(node.value)]
        else:
            value = self._mapping(node, pointer)  # type: ignore[arg-type]
        self.lines[pointer] = (start, max(start, self._end_line(node, pointer)))
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
        constructor = _SCALARS.get(node.tag)
        if constructor is None:
            return node.value
        try:
            return constructor(node)
        except (ValueError, yaml.YAMLError):
            return node.value

    def _mapping(self, node: yaml.MappingNode, pointer: str) -> dict[str, Any]:
        result: dict[str, Any] = {}
        explicit: set[str] = set()
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, pointer)
                for mapping in merged if isinstance(merged, list) else [merged]:
                    if isinstance(mapping, dict):
                        for k, v in mapping.items():
                            result.setdefault(k, v)
                continue
            key = (
                self.build(key_node, pointer + "/~key")
                if not isinstance(key_node, yaml.ScalarNode)
                else self._scalar(key_node)
            )
            key = key if isinstance(key, str) else str(key)
            if key in explicit:
                raise InputError(
                    self.path,
                    f"duplicate key {key!r}",
                    key_node.start_mark.line + 1,
                    key_node.start_mark.column + 1,
                    field=(pointer + "/" + escape(key)).lstrip("/").replace("/", ".") or None,
                )
            explicit.add(key)
            result[key] = self.build(value_node, f"{pointer}/{escape(key)}")
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


def parse_yaml(
    text: str,
    path: str,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cfn_tags: bool = False,
) -> list[LocatedDocument]:
    """Parse every document of a YAML (or JSON) text, with line numbers for each node."""
    return list(iter_yaml(text, path, max_nodes=max_nodes, cfn_tags=cfn_tags))


def iter_yaml(
    text: str, path: str, *, max_nodes: int = DEFAULT_MAX_NODES, cfn_tags: bool = False
) -> Iterator[LocatedDocument]:
    """Yield the documents of a YAML text one by one."""
    loader = _Loader(text)
    try:
        index = 0
        while loader.check_node():
            node = loader.get_node()
            if node is None:  # pragma: no cover - check_node said there is one
                break
            builder = _Builder(path, max_nodes, cfn_tags)
            data = builder.build(node, "")
            yield LocatedDocument(data, builder.lines, index)
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
