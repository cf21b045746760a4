"""HOT intrinsic functions, resolved as far as the template alone allows.

``get_param`` takes the parameter's default (UNKNOWN without one), ``get_resource`` and
``get_attr`` become :class:`ResourceRef`, ``str_replace``/``list_join``/``str_split``/``if``
and the condition functions are evaluated when their inputs are known; ``get_file``, ``yaql``,
``digest`` and the like are UNKNOWN.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, Self

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.resolving import (
    MAX_TEXT_TOTAL,
    TemplateResolver,
    children,
    logic,
)
from gdcc_audit.normalize.cloudformation.values import (
    UNKNOWN,
    ResourceRef,
    as_bool,
    as_int,
    as_str,
    is_known,
)
from gdcc_audit.normalize.nested_outputs import output, parameter_targets, targets

PSEUDO_PARAMETERS = frozenset({"OS::stack_name", "OS::stack_id", "OS::project_id"})
_MAX_DEPTH = 64
_UNKNOWN_FUNCTIONS = frozenset(
    {
        "get_file",
        "digest",
        "yaql",
        "resource_facade",
        "map_merge",
        "map_replace",
        "filter",
        "make_url",
        "list_concat",
        "list_concat_unique",
    }
)
#: The functions a condition may use (``conditions``, a resource's ``condition``, the first
#: argument of ``if``), by ``heat_template_version``: Heat's ``HOTemplate20161014`` and
#: ``HOTemplate20170901`` ``condition_functions`` (heat/engine/hot/template.py; the HOT
#: specification, "Condition functions"). Any other function there makes the template
#: invalid: its condition is not known.
_CONDITION_FUNCTIONS = frozenset({"get_param", "equals", "not", "and", "or"})
_CONDITION_FUNCTIONS_2017_09_01 = _CONDITION_FUNCTIONS | {"yaql", "contains"}
#: Release names a ``heat_template_version`` may be written as, and their dates.
_RELEASES = {"newton": "2016-10-14", "ocata": "2017-02-24", "pike": "2017-09-01",
             "queens": "2018-03-02", "rocky": "2018-08-31", "wallaby": "2021-04-16"}


def condition_functions(version: Any) -> frozenset[str]:
    """The functions a condition of a template of ``version`` may use (a date, written as
    YAML reads it or as text, or a release name)."""
    text = str(version).strip().lower()
    text = _RELEASES.get(text, text)
    return _CONDITION_FUNCTIONS_2017_09_01 if text >= "2017-09-01" and text[:1].isdigit() \
        else _CONDITION_FUNCTIONS

#: Heat's functions that write ``params`` into a ``template``.
_REPLACING = frozenset({"str_replace", "str_replace_strict", "str_replace_vstrict"})
#: Heat's text functions: ``str_replace`` (and its strict forms) and ``list_join``.
TEXT_FUNCTIONS = _REPLACING | {"list_join"}


def parameter_value(spec: Any) -> Any:
    """A HOT parameter's value from its declaration: its ``default`` typed by its ``type``
    (UNKNOWN without a default)."""
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


class HotResolver(TemplateResolver):
    """Resolves the intrinsic functions of one HOT template."""

    def __init__(
        self, template: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(
            template,
            parameters="parameters",
            resources="resources",
            conditions="conditions",
            parameter_value=parameter_value,
            # what the parents of a nested template pass (``heat.nesting``)
            overrides=overrides,
        )
        #: The functions its conditions may use (:func:`condition_functions`), and whether
        #: a condition is being evaluated.
        self.condition_functions = condition_functions(template.get("heat_template_version"))
        self._in_condition = False
        #: The text each text function of the template built in this read (:meth:`_text`).
        self._texts: dict[int, tuple[Any, Any, int, int]] = {}
        self._texts_outputs: Mapping[str, Mapping[str, Any]] = self.outputs
        #: The deepest ``depth`` :meth:`resolve` reached, and the refusals of the caps so far.
        self._deepest = 0
        self._denied = 0

    def allow_text(self, length: int, function: str) -> bool:
        allowed = super().allow_text(length, function)
        self._denied += not allowed
        return allowed

    def _with(self, keep: Callable[[str], bool]) -> Self:
        other = super()._with(keep)
        other._texts = {}  # other values: other texts
        return other

    def _text(self, value: Mapping[str, Any], depth: int, build: Callable[[], Any]) -> Any:
        """What a text function (``str_replace``, ``list_join``) resolves to, built once per
        read: a property, its ``written_text`` and its ``str_replace`` params resolve the same
        function several times. Built again where the first build may not hold: it was
        refused by a cap, the rest of the template's cap (:attr:`built`) is smaller than what
        it built, it went deeper than ``_MAX_DEPTH``, or ``depth`` is deeper than the
        nesting it read allows."""
        if self._texts_outputs is not self.outputs:  # outputs set after a build: forget it
            self._texts, self._texts_outputs = {}, self.outputs
        found = self._texts.get(id(value))
        if found is not None:
            _, result, built, reach = found
            if depth + reach <= _MAX_DEPTH and self.built + built <= MAX_TEXT_TOTAL:
                self.built += built
                self._deepest = max(self._deepest, depth + reach)
                return result
        deepest, built, denied = self._deepest, self.built, self._denied
        self._deepest = depth
        result = build()
        reach = self._deepest - depth
        self._deepest = max(deepest, self._deepest)
        if self._denied == denied and depth + reach <= _MAX_DEPTH and (
            isinstance(result, str) or result is UNKNOWN
        ):
            self._texts[id(value)] = (value, result, self.built - built, reach)
        return result

    def condition(self, spec: Any) -> bool | None:
        """A condition given by name or inline (``{equals: [...]}``, ``{not: name}``);
        ``None`` when it depends on unknown inputs, or uses a function its template version
        does not allow in a condition (``yaql``, or ``contains`` before 2017-09-01)."""
        if isinstance(spec, bool):
            return spec
        if isinstance(spec, str):
            return self._named_condition(spec, self.condition)
        outer, self._in_condition = self._in_condition, True
        try:
            value = self.resolve(spec)
        finally:
            self._in_condition = outer
        return value if isinstance(value, bool) else None

    def resolve(self, value: Any, depth: int = 0) -> Any:
        """``value`` with every intrinsic function replaced by its result (or UNKNOWN)."""
        if depth > self._deepest:  # noqa: PLR1730 (a comparison: max() is a call)
            self._deepest = depth
        if depth > _MAX_DEPTH:
            return UNKNOWN
        if isinstance(value, Mapping):
            if len(value) == 1:
                key = str(next(iter(value)))
                handler = _FUNCTIONS.get(key)
                if self._in_condition and (handler is not None or key in _UNKNOWN_FUNCTIONS) \
                        and key not in self.condition_functions:
                    return UNKNOWN  # not a condition function of its version: invalid
                if handler is not None and key in TEXT_FUNCTIONS and not self._in_condition:
                    return self._text(value, depth, lambda: handler(self, value[key], depth + 1))
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
        outputs = self.outputs.get(arg[0])
        if outputs is not None:  # a nested template's output: its value in the child
            path = _output_path([self.resolve(a, depth) for a in arg[1:]])
            if not _group_view(outputs) or (path and path[0] in outputs and len(path) > 1):
                return output(outputs, path)
        return self._attribute_ref(arg[0], arg[1], depth)

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
            value = texts[key] or ""
            grown = len(template) + template.count(key) * (len(value) - len(key))
            if not self.allow_text(grown, "str_replace"):
                return UNKNOWN
            template = template.replace(key, value)
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
        length = sum(len(t or "") for t in texts) + len(delimiter) * max(len(texts) - 1, 0)
        if not self.allow_text(length, "list_join"):
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

    def _repeat(self, arg: Any, depth: int) -> Any:
        """``repeat: {for_each: {VAR: [values]}, template: T, permutations: true}``: one copy
        of ``T`` for each combination of the values (each list in turn when ``permutations``
        is false), every ``VAR`` in its strings (keys too) replaced by the value (Heat's
        ``Repeat`` function, heat/engine/hot/functions.py: the template is resolved, then
        replaced). UNKNOWN when a list or a value is not known, the lists of a
        ``permutations: false`` differ in length, or the copies would be more than
        :data:`_MAX_REPEATED`."""
        if not isinstance(arg, Mapping) or not isinstance(arg.get("for_each"), Mapping):
            return UNKNOWN
        permutations = self.resolve(arg.get("permutations", True), depth)
        keys: list[str] = []
        lists: list[list[str]] = []
        for key, values in arg["for_each"].items():
            found = self.resolve(values, depth)
            texts = [as_str(v) if is_known(v) else None for v in found] if isinstance(
                found, list) else None
            if texts is None or any(t is None for t in texts):
                return UNKNOWN
            keys.append(str(key))
            lists.append([t or "" for t in texts])
        if permutations is True:
            count = math.prod(len(values) for values in lists)
            combinations: Iterable[tuple[str, ...]] = itertools.product(*lists)
        elif permutations is False and len({len(values) for values in lists}) <= 1:
            count = len(lists[0]) if lists else 0
            combinations = zip(*lists, strict=True)
        else:
            return UNKNOWN
        if count > _MAX_REPEATED:
            return UNKNOWN
        template = self.resolve(arg.get("template"), depth)
        return [_replaced(template, keys, values) for values in combinations]

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

    def _contains(self, arg: Any, depth: int) -> Any:
        """``contains: [value, sequence]``: whether the value is an item of the sequence."""
        if not isinstance(arg, list) or len(arg) != 2:
            return UNKNOWN
        value, sequence = self.resolve(arg[0], depth), self.resolve(arg[1], depth)
        if not is_known(value) or not isinstance(sequence, list):
            return UNKNOWN
        if value in sequence:
            return True
        return UNKNOWN if any(not is_known(item) for item in sequence) else False

    def _logic(self, name: str, arg: Any) -> Any:
        items = arg if isinstance(arg, list) else [arg]
        return logic(name, [self.condition(item) for item in items])


_FUNCTIONS: dict[str, Any] = {
    "get_param": HotResolver._get_param,
    "get_resource": HotResolver._get_resource,
    "get_attr": HotResolver._get_attr,
    "str_replace": HotResolver._str_replace,
    "str_replace_strict": HotResolver._str_replace,
    "str_replace_vstrict": HotResolver._str_replace,
    "list_join": HotResolver._list_join,
    "str_split": HotResolver._str_split,
    "repeat": HotResolver._repeat,
    "if": HotResolver._if,
    "equals": HotResolver._equals,
    "contains": HotResolver._contains,
    "and": lambda r, a, d: r._logic("and", a),
    "or": lambda r, a, d: r._logic("or", a),
    "not": lambda r, a, d: r._logic("not", a),
}


#: The most copies a ``repeat`` makes here (more: UNKNOWN).
_MAX_REPEATED = 256


def _replaced(template: Any, keys: list[str], values: tuple[str, ...]) -> Any:
    """``template`` with each of ``keys`` replaced by its value in every string, keys of a
    mapping too (Heat's ``Repeat._do_replacement``)."""
    if isinstance(template, str):
        for key, value in zip(keys, values, strict=True):
            template = template.replace(key, value)
        return template
    if isinstance(template, list):
        return [_replaced(item, keys, values) for item in template]
    if isinstance(template, Mapping):
        return {
            _replaced(str(k), keys, values): _replaced(v, keys, values)
            for k, v in template.items()
        }
    return template


def _output_path(path: list[Any]) -> list[Any]:
    """A nested stack's ``get_attr`` path below the resource as a path into its outputs:
    ``[name, ...]``, or ``[outputs, name, ...]`` (``OS::Heat::Stack``'s ``outputs`` map); a
    group member's ``resource.N.name`` is ``[resource.N, name, ...]``."""
    if path and path[0] == "outputs" and len(path) > 1:
        return path[1:]
    first = path[0] if path else None
    if isinstance(first, str) and first.startswith("resource.") and first.count(".") >= 2:
        _, index, name = first.split(".", 2)
        return [f"resource.{index}", name, *path[1:]]
    return path


def _group_view(outputs: Mapping[str, Any]) -> bool:
    """Whether nested outputs are a group's (``heat.nesting._reads_outputs``): its other
    attributes (``refs``, a member itself) are not outputs."""
    return "outputs_list" in outputs and "attributes" in outputs


def references(
    value: Any,
    resources: frozenset[str],
    path: str = "",
    in_function: bool = False,
    outputs: Mapping[str, Mapping[str, Any]] | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> Iterator[Reference]:
    """References to other resources (get_resource, get_attr) with the property path (a
    function's argument list adds no index); ``get_attr`` of a nested template's output that
    is a resource of the child (``outputs``, as :attr:`HotResolver.outputs`), and
    ``get_param`` of a parameter a parent passes a resource of the scan to (``parameters``,
    the resolver's), refer to that resource."""
    if isinstance(value, Mapping) and len(value) == 1:
        key, arg = next(iter(value.items()))
        if key == "get_param" and parameters:
            passed = parameter_targets(parameters, arg if isinstance(arg, list) else [arg])
            for linked in passed:
                yield Reference(target=linked, attribute=path or "(value)")
            if passed:
                return
        named = outputs.get(arg[0]) if (
            outputs and key == "get_attr" and isinstance(arg, list) and len(arg) > 1
            and isinstance(arg[0], str)
        ) else None
        if named is not None and all(isinstance(a, str | int) for a in arg[1:]):
            steps = _output_path(list(arg[1:]))
            found = targets(output(named, steps)) if not _group_view(named) or (
                steps and steps[0] in named and len(steps) > 1
            ) else []
            for linked in found:
                yield Reference(target=linked, attribute=path or "(value)")
            if found:
                return
        target = (
            arg
            if key == "get_resource"
            else (arg[0] if key == "get_attr" and isinstance(arg, list) and arg else None)
        )
        if isinstance(target, str) and target in resources:
            yield Reference(target=target, attribute=path or "(value)")
            return
    for child, child_path, child_in_function in children(value, path, in_function, _is_function):
        yield from references(
            child, resources, child_path, child_in_function, outputs, parameters
        )


def _is_function(key: str) -> bool:
    return key in _FUNCTIONS or key in _UNKNOWN_FUNCTIONS


#: Functions whose result is not written in the template: a secret it brings is not a secret
#: *written* here (a parameter is the right way to pass one), so it cannot hide one.
_NOT_WRITTEN = frozenset({"get_param", "get_resource", "get_attr"})


def written_text(raw: Any, resolver: HotResolver, depth: int = 0) -> tuple[str | None, bool]:
    """The text a property value writes in the template, with each part the template does not
    show (a parameter without a default, another resource's attribute, ``get_file``) as a
    ``${...}`` placeholder, and whether every such part comes from a parameter or a resource
    (``False`` when one, such as ``get_file``, may hold text the template does not show).
    ``None`` when the value is not text."""
    resolved = resolver.resolve(raw)
    if isinstance(resolved, str):
        return resolved, True
    if depth > _MAX_DEPTH or not isinstance(raw, Mapping) or len(raw) != 1:
        return None, False
    ((name, arg),) = raw.items()
    if name in _NOT_WRITTEN:
        return f"${{{name}}}", True
    if name == "str_replace" and isinstance(arg, Mapping):
        template, complete = written_text(arg.get("template"), resolver, depth + 1)
        params = arg.get("params")
        if template is None or not isinstance(params, Mapping):
            return None, False
        texts: dict[str, str] = {}
        for key, value in params.items():
            known = resolver.resolve(value)
            if is_known(known) and not isinstance(known, Mapping | list):
                texts[str(key)] = str(as_str(known))
                continue
            text, shown = written_text(value, resolver, depth + 1)
            texts[str(key)] = text if text is not None else f"${{{key}}}"
            complete = complete and shown
        for key in sorted(texts, key=len, reverse=True):
            grown = len(template) + template.count(key) * (len(texts[key]) - len(key))
            if not resolver.allow_text(grown, "str_replace"):
                return None, False  # over the cap: not read, so never "no secret"
            template = template.replace(key, texts[key])
        return template, complete
    if name == "list_join" and isinstance(arg, list) and arg and isinstance(arg[0], str):
        pieces: list[str] = []
        complete = True
        for item in arg[1:]:
            whole = None if isinstance(item, list) else resolver.resolve(item)
            if isinstance(whole, list) and all(
                is_known(e) and not isinstance(e, Mapping | list) for e in whole
            ):
                # a whole list a parameter gives (``{get_param: setup_lines}``, a
                # comma_delimited_list or json default): its items, as Heat joins them
                pieces.extend(str(as_str(e)) for e in whole)
                continue
            for element in item if isinstance(item, list) else [item]:
                text, shown = written_text(element, resolver, depth + 1)
                pieces.append(text if text is not None else "${value}")
                complete = complete and shown
        length = sum(map(len, pieces)) + len(arg[0]) * max(len(pieces) - 1, 0)
        if not resolver.allow_text(length, "list_join"):
            return None, False
        return arg[0].join(pieces), complete
    return "${" + str(name) + "}", False


def has_text_function(raw: Any) -> bool:
    """Whether a value as written holds a text function (:data:`TEXT_FUNCTIONS`) anywhere,
    arguments included: without one, :func:`replaced_params` finds nothing in it and
    :func:`written_text` writes nothing :meth:`HotResolver.resolve` does not (a plain walk,
    no value resolved: most properties of a template have none)."""
    stack = [raw]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            continue  # (most of what a template holds: no need to ask the others)
        if isinstance(value, list):
            stack.extend(value)
        elif isinstance(value, Mapping):
            if len(value) == 1 and next(iter(value)) in TEXT_FUNCTIONS:
                return True
            stack.extend(value.values())
    return False


def replaced_params(raw: Any, resolver: HotResolver, depth: int = 0) -> dict[str, str]:
    """The params of each ``str_replace`` in ``raw`` whose text the template writes (a literal
    or a parameter's default): name -> text, for the secret detector to read by their names.
    ``$db_rootpassword: r00tPassw0rd`` put in ``mysqladmin -u root password $db_rootpassword``
    is a password written in the template, though the script has no ``NAME=value`` shape."""
    found: dict[str, str] = {}
    if depth > _MAX_DEPTH:
        return found
    if isinstance(raw, list):
        for item in raw:
            found.update(replaced_params(item, resolver, depth + 1))
        return found
    if not isinstance(raw, Mapping):
        return found
    name = next(iter(raw)) if len(raw) == 1 else None
    arg = raw[name] if name in _REPLACING else None
    params = arg.get("params") if isinstance(arg, Mapping) else None
    if isinstance(params, Mapping):
        for key, value in params.items():
            known = resolver.resolve(value)
            if isinstance(known, str) and is_known(known):
                found[str(key)] = known
    for value in raw.values():
        found.update(replaced_params(value, resolver, depth + 1))
    return found
