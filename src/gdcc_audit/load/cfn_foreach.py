"""``Fn::ForEach`` of the ``AWS::LanguageExtensions`` transform, expanded at load time.

``Fn::ForEach::Name: [Identifier, Collection, {OutputKey: Template}]`` under ``Resources``
becomes one resource per item: ``${Identifier}`` and ``&{Identifier}`` (the item with
non-alphanumeric characters removed) are replaced in the key and in every string of the
template, and ``{"Ref": Identifier}`` becomes the item. The collection is a list, a
``Ref`` to a list parameter with a default, or ``Fn::FindInMap`` with keys written or given
by parameters with defaults. Loops nest. A loop that cannot be expanded is an
error with its line; the other resources are loaded all the same.
https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

PREFIX = "Fn::ForEach::"
_MAX_EXPANDED = 10_000


class ForEachError(ValueError):
    """A loop whose shape or collection cannot be read."""


def _parameter(name: Any, parameters: Mapping[str, Any], what: str) -> Any:
    spec = parameters.get(name) if isinstance(name, str) else None
    default = spec.get("Default") if isinstance(spec, Mapping) else None
    if default is None:
        raise ForEachError(f"{what} is parameter {name!r}, which has no default")
    return default


def _key(value: Any, parameters: Mapping[str, Any]) -> str:
    """A ``Fn::FindInMap`` key: a string, or a ``Ref`` to a parameter with a default."""
    if isinstance(value, Mapping) and set(value) == {"Ref"}:
        value = _parameter(value["Ref"], parameters, "a key of the collection's Fn::FindInMap")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    raise ForEachError("a key of the collection's Fn::FindInMap is not known statically")


def _items(
    collection: Any, parameters: Mapping[str, Any], mappings: Mapping[str, Any]
) -> list[str]:
    if isinstance(collection, Mapping) and set(collection) == {"Ref"}:
        collection = _parameter(collection["Ref"], parameters, "the collection")
    elif isinstance(collection, Mapping) and set(collection) == {"Fn::FindInMap"}:
        # the documented way to loop over a mapping's list ("Fn::FindInMap" as collection)
        found = collection["Fn::FindInMap"]
        if not isinstance(found, list) or len(found) != 3:
            raise ForEachError("the collection's Fn::FindInMap must be [map, key, key]")
        table: Any = mappings
        for key in found:
            table = table.get(_key(key, parameters)) if isinstance(table, Mapping) else None
        if table is None:
            raise ForEachError("the collection's Fn::FindInMap names no entry of Mappings")
        collection = table
    elif isinstance(collection, Mapping) and len(collection) == 1:
        raise ForEachError(f"the collection is {next(iter(collection))}, not known statically")
    if isinstance(collection, str):
        collection = [part.strip() for part in collection.split(",")]
    if not isinstance(collection, list) or not all(
        isinstance(i, str | int | float) and not isinstance(i, bool) for i in collection
    ):
        raise ForEachError("the collection is not a list of strings")
    return [str(i) for i in collection]


def _substitute(value: Any, name: str, item: str) -> Any:
    if isinstance(value, str):
        plain = re.sub(r"[^A-Za-z0-9]", "", item)
        return value.replace("${" + name + "}", item).replace("&{" + name + "}", plain)
    if isinstance(value, list):
        return [_substitute(v, name, item) for v in value]
    if isinstance(value, Mapping):
        if set(value) == {"Ref"} and value["Ref"] == name:
            return item
        return {_substitute(k, name, item): _substitute(v, name, item) for k, v in value.items()}
    return value


def expand(
    key: str, loop: Any, parameters: Mapping[str, Any], mappings: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The resources one ``Fn::ForEach::`` entry stands for (nested loops expanded);
    ``mappings``: the template's, for a collection written as ``Fn::FindInMap``."""
    if not isinstance(loop, list) or len(loop) != 3:
        raise ForEachError(f"{key} must be [identifier, collection, {{key: template}}]")
    name, collection, fragment = loop
    if not isinstance(name, str) or not isinstance(fragment, Mapping):
        raise ForEachError(f"{key} must be [identifier, collection, {{key: template}}]")
    out: dict[str, Any] = {}
    for item in _items(collection, parameters, mappings or {}):
        for out_key, template in fragment.items():
            new_key = _substitute(str(out_key), name, item)
            body = _substitute(template, name, item)
            if new_key.startswith(PREFIX):
                out.update(expand(new_key, body, parameters, mappings))
            else:
                out[new_key] = body
            if len(out) > _MAX_EXPANDED:
                raise ForEachError(f"{key} expands to more than {_MAX_EXPANDED} resources")
    return out
