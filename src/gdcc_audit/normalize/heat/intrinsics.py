"""HOT intrinsic functions, resolved as far as the template alone allows.

``get_param`` takes the parameter's default (UNKNOWN without one), ``get_resource`` and
``get_attr`` become :class:`ResourceRef`, ``str_replace``/``list_join``/``str_split``/``if``
and the condition functions are evaluated when their inputs are known; ``get_file``, ``yaql``,
``digest`` and the like are UNKNOWN.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    ResourceRef,
    as_bool,
    as_int,
    as_str,
    is_known,
)

PSEUDO_PARAMETERS = frozenset({"OS::stack_name", "OS::stack_id", "OS::project_id"})
_MAX_DEPTH = 64
_UNKNOWN_FUNCTIONS = frozenset(
    {"get_file", "digest", "yaql", "resource_facade", "repeat", "map_merge", "map_replace",
     "filter", "make_url", "list_concat", "list_concat_unique", "contains"}
)


def _parameter_value(spec: Any) -> Any:
    if not isinstance(spec, Mapping) or "default" not in spec:
        return UNKNOWN
    value, kind = spec["default"], str(spec.get("type", "string")).lower()
    if kind == "number":
        number = as_int(value)
        return number if number is not None else value
    if kind == "comma_delimited_list" and isinstance(value, str):
        return [item.strip() for item in value.split(",")]
    if kind == "boolean":
        flag = as_bool(value)
        return flag if flag is not None else value
    if kind == "json" and isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return UNKNOWN
    return value


class HotResolver:
    """Resolves the intrinsic functions of one HOT template."""

    def __init__(self, template: Mapping[str, Any]) -> None:
        parameters = template.get("parameters")
        self.parameters: dict[str, Any] = {
            str(k): _parameter_value(v)
            for k, v in (parameters.items() if isinstance(parameters, Mapping) else ())
        }
        resources = template.get("resources")
        self.resources = frozenset(resources) if isinstance(resources, Mapping) else frozenset()
        conditions = template.get("conditions")
        self._condition_specs: Mapping[str, Any] = (
            conditions if isinstance(conditions, Mapping) else {}
        )
        self._conditions: dict[str, bool | None] = {}
        self._evaluating: set[str] = set()

    def condition(self, spec: Any) -> bool | None:
        """A condition given by name or inline; ``None`` when it depends on unknown inputs."""
        if isinstance(spec, bool):
            return spec
        if isinstance(spec, str):
            if spec in self._conditions:
                return self._conditions[spec]
            if spec not in self._condition_specs or spec in self._evaluating:
                return None
            self._evaluating.add(spec)
            try:
                result = self.condition(self._condition_specs[spec])
            finally:
                self._evaluating.discard(spec)
            self._conditions[spec] = result
            return result
        value = self.resolve(spec)
        return value if isinstance(value, bool) else None

    def resolve(self, value: Any, depth: int = 0) -> Any:
        """``value`` with every intrinsic function replaced by its result (or UNKNOWN)."""
        if depth > _MAX_DEPTH:
            return UNKNOWN
        if isinstance(value, Mapping):
            if len(value) == 1:
                key = str(next(iter(value)))
                handler = _FUNCTIONS.get(key)
                if handler is not None:
                    return handler(self, value[key], depth + 1)
                if key in _UNKNOWN_FUNCTIONS:
                    return UNKNOWN
            return {str(k): self.resolve(v, depth + 1) for k, v in value.items()}
        if isinstance(value, list):
            return [self.resolve(v, depth + 1) for v in value]
        return value

    def _get_param(self, arg: Any, depth: int) -> Any:
        path = arg if isinstance(arg, list) else [arg]
        if not path:
            return UNKNOWN
        name = self.resolve(path[0], depth)
        if not isinstance(name, str) or name not in self.parameters:
            return UNKNOWN
        found = self.parameters[name]
        for step in path[1:]:
            key = self.resolve(step, depth)
            index = as_int(key)
            if isinstance(found, Mapping) and isinstance(key, str) and key in found:
                found = found[key]
            elif isinstance(found, list) and index is not None and 0 <= index < len(found):
                found = found[index]
            else:
                return UNKNOWN
        return found

    def _get_resource(self, arg: Any, depth: int) -> Any:
        return ResourceRef(arg) if isinstance(arg, str) and arg in self.resources else UNKNOWN

    def _get_attr(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) < 2 or arg[0] not in self.resources:
            return UNKNOWN
        attribute = self.resolve(arg[1], depth)
        return ResourceRef(str(arg[0]), attribute if isinstance(attribute, str) else None)

    def _str_replace(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, Mapping):
            return UNKNOWN
        template, params = self.resolve(arg.get("template"), depth), arg.get("params")
        if not isinstance(template, str) or not isinstance(params, Mapping):
            return UNKNOWN
        values = {str(k): self.resolve(v, depth) for k, v in params.items()}
        texts = {k: as_str(v) if is_known(v) else None for k, v in values.items()}
        if any(t is None for t in texts.values()):
            return UNKNOWN
        # Heat replaces the longest keys first so that one key inside another is safe.
        for key in sorted(texts, key=len, reverse=True):
            template = template.replace(key, texts[key] or "")
        return template

    def _list_join(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or not arg:
            return UNKNOWN
        delimiter = self.resolve(arg[0], depth)
        items: list[Any] = []
        for part in arg[1:]:
            resolved = self.resolve(part, depth)
            if not isinstance(resolved, list):
                return UNKNOWN
            items.extend(resolved)
        texts = [as_str(i) if is_known(i) else None for i in items]
        if not isinstance(delimiter, str) or any(t is None for t in texts):
            return UNKNOWN
        return delimiter.join(t for t in texts if t is not None)

    def _str_split(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) not in (2, 3):
            return UNKNOWN
        delimiter, text = self.resolve(arg[0], depth), self.resolve(arg[1], depth)
        if not isinstance(delimiter, str) or not delimiter or not isinstance(text, str):
            return UNKNOWN
        parts = text.split(delimiter)
        if len(arg) == 2:
            return parts
        index = as_int(self.resolve(arg[2], depth))
        return parts[index] if index is not None and 0 <= index < len(parts) else UNKNOWN

    def _if(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 3:
            return UNKNOWN
        chosen = self.condition(arg[0])
        return UNKNOWN if chosen is None else self.resolve(arg[1] if chosen else arg[2], depth)

    def _equals(self, arg: Any, depth: int) -> Any:
        if not isinstance(arg, list) or len(arg) != 2:
            return UNKNOWN
        left, right = self.resolve(arg[0], depth), self.resolve(arg[1], depth)
        if not is_known(left) or not is_known(right):
            return UNKNOWN
        return bool(left == right)

    def _logic(self, name: str, arg: Any) -> Any:
        items = arg if isinstance(arg, list) else [arg]
        values = [self.condition(item) for item in items]
        if name == "not":
            return UNKNOWN if len(values) != 1 or values[0] is None else not values[0]
        if name == "and":
            if any(v is False for v in values):
                return False
            return True if all(v is True for v in values) else UNKNOWN
        if any(v is True for v in values):
            return True
        return False if all(v is False for v in values) else UNKNOWN


_FUNCTIONS: dict[str, Any] = {
    "get_param": HotResolver._get_param,
    "get_resource": HotResolver._get_resource,
    "get_attr": HotResolver._get_attr,
    "str_replace": HotResolver._str_replace,
    "str_replace_strict": HotResolver._str_replace,
    "str_replace_vstrict": HotResolver._str_replace,
    "list_join": HotResolver._list_join,
    "str_split": HotResolver._str_split,
    "if": HotResolver._if,
    "equals": HotResolver._equals,
    "and": lambda r, a, d: r._logic("and", a),
    "or": lambda r, a, d: r._logic("or", a),
    "not": lambda r, a, d: r._logic("not", a),
}


def references(
    value: Any, resources: frozenset[str], path: str = "", in_function: bool = False
) -> Iterator[Reference]:
    """References to other resources (get_resource, get_attr) with the property path (a
    function's argument list adds no index)."""
    if isinstance(value, Mapping):
        if len(value) == 1:
            key, arg = next(iter(value.items()))
            target = arg if key == "get_resource" else (
                arg[0] if key == "get_attr" and isinstance(arg, list) and arg else None
            )
            if isinstance(target, str) and target in resources:
                yield Reference(target=target, attribute=path or "(value)")
                return
        for k, v in value.items():
            if str(k) in _FUNCTIONS or str(k) in _UNKNOWN_FUNCTIONS:
                yield from references(v, resources, path, True)
            else:
                yield from references(v, resources, f"{path}.{k}" if path else str(k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            child = path if in_function else (f"{path}.{i}" if path else str(i))
            yield from references(v, resources, child, in_function)
