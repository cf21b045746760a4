"""``Fn::ForEach`` of the ``AWS::LanguageExtensions`` transform, expanded at load time.

``Fn::ForEach::Name: [Identifier, Collection, {OutputKey: Template}]`` under ``Resources``
becomes one resource per item: ``${Identifier}`` and ``&{Identifier}`` (the item with
non-alphanumeric characters removed) are replaced in the key and in every string of the
template, and ``{"Ref": Identifier}`` becomes the item. The collection is a list or a
``Ref`` to a list parameter with a default. Loops nest. A loop that cannot be expanded is an
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


def _items(collection: Any, parameters: Mapping[str, Any]) -> list[str]:
    if isinstance(collection, Mapping) and set(collection) == {"Ref"}:
        spec = parameters.get(collection["Ref"])
        default = spec.get("Default") if isinstance(spec, Mapping) else None
        if default is None:
            raise ForEachError(
                f"the collection is parameter {collection['Ref']!r}, which has no default"
            )
        collection = default
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


def expand(key: str, loop: Any, parameters: Mapping[str, Any]) -> dict[str, Any]:
    """The resources one ``Fn::ForEach::`` entry stands for (nested loops expanded)."""
    if not isinstance(loop, list) or len(loop) != 3:
        raise ForEachError(f"{key} must be [identifier, collection, {{key: template}}]")
    name, collection, fragment = loop
    if not isinstance(name, str) or not isinstance(fragment, Mapping):
        raise ForEachError(f"{key} must be [identifier, collection, {{key: template}}]")
    out: dict[str, Any] = {}
    for item in _items(collection, parameters):
        for out_key, template in fragment.items():
            new_key = _substitute(str(out_key), name, item)
            body = _substitute(template, name, item)
            if new_key.startswith(PREFIX):
                out.update(expand(new_key, body, parameters))
            else:
                out[new_key] = body
            if len(out) > _MAX_EXPANDED:
                raise ForEachError(f"{key} expands to more than {_MAX_EXPANDED} resources")
    return out
