"""CloudFormation ``NoEcho`` parameters given a ``Default``: the default is a secret written in
the template itself (the template declares the value secret), whatever property takes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.normalize.secret_parameters import cloudformation_secrets, secret_names

_MAX_DEPTH = 64


def defaulted_secrets(parameters: Any) -> frozenset[str]:
    """Names of the ``NoEcho`` parameters whose ``Default`` is a non-empty text."""
    if not isinstance(parameters, Mapping):
        return frozenset()
    return frozenset(
        name
        for name in secret_names(parameters, "NoEcho")
        if isinstance(parameters[name], Mapping)
        and isinstance(parameters[name].get("Default"), str | int | float)
        and not isinstance(parameters[name]["Default"], bool)
        and str(parameters[name]["Default"]).strip() != ""
    )


def default_secret_paths(raw: Any, parameters: Any) -> tuple[str, ...]:
    """Paths (``Environment.Variables.TOKEN``) of the raw properties that take a ``NoEcho``
    parameter with a ``Default`` by ``Ref`` or ``Fn::Sub``."""
    names = defaulted_secrets(parameters)
    if not names or not isinstance(raw, Mapping):
        return ()
    only = {n: parameters[n] for n in names}
    return tuple(sorted(set(_paths(raw, only, "", 0))))


def _paths(value: Any, parameters: Mapping[str, Any], path: str, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        key = next(iter(value)) if len(value) == 1 else None
        if isinstance(key, str) and (key == "Ref" or key.startswith("Fn::")):
            if cloudformation_secrets(value, parameters):
                yield path
            return
        for key, item in value.items():
            yield from _paths(item, parameters, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            inner = f"{path}.{index}" if path else str(index)
            yield from _paths(item, parameters, inner, depth + 1)
