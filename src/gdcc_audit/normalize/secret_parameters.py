"""Template parameters declared secret (CloudFormation ``NoEcho``, Heat ``hidden``) that a
value takes: user data built from one holds that secret at run time, whatever value is passed
at deploy time (GDCC-CMP-005: "a password written there is effectively published")."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_SUB_NAME = re.compile(r"\$\{([^!}][^}]*)\}")
_MAX_DEPTH = 64


def _flagged(spec: Any, key: str) -> bool:
    value = spec.get(key) if isinstance(spec, Mapping) else None
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def secret_names(parameters: Any, key: str) -> frozenset[str]:
    """Names of the parameters whose ``key`` (``NoEcho`` / ``hidden``) is true."""
    if not isinstance(parameters, Mapping):
        return frozenset()
    return frozenset(str(n) for n, spec in parameters.items() if _flagged(spec, key))


def _cfn_names(value: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        if len(value) == 1:
            ((name, arg),) = value.items()
            if name == "Ref" and isinstance(arg, str):
                yield arg
                return
            if name == "Fn::Sub":
                text, names = (arg[0], arg[1]) if isinstance(arg, list) and len(arg) == 2 else (
                    arg, {}
                )
                if isinstance(text, str):
                    own = names if isinstance(names, Mapping) else {}
                    yield from (n for n in _SUB_NAME.findall(text) if n not in own)
                if isinstance(names, Mapping):
                    for item in names.values():
                        yield from _cfn_names(item, depth + 1)
                return
        for item in value.values():
            yield from _cfn_names(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _cfn_names(item, depth + 1)


def _hot_names(value: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        if len(value) == 1 and "get_param" in value:
            arg = value["get_param"]
            name = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(name, str):
                yield name
            return
        for item in value.values():
            yield from _hot_names(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _hot_names(item, depth + 1)


def cloudformation_secrets(value: Any, parameters: Any) -> list[str]:
    """``NoEcho`` parameters that ``value`` (a raw property) takes by ``Ref`` or ``Fn::Sub``."""
    secret = secret_names(parameters, "NoEcho")
    return sorted({n for n in _cfn_names(value, 0) if n in secret}) if secret else []


def heat_secrets(value: Any, parameters: Any) -> list[str]:
    """``hidden`` parameters that ``value`` (a raw property) takes by ``get_param``."""
    secret = secret_names(parameters, "hidden")
    return sorted({n for n in _hot_names(value, 0) if n in secret}) if secret else []


def cfn_names(value: Any) -> Iterator[str]:
    """Every parameter (or resource) name ``value`` reads by ``Ref`` or ``Fn::Sub``."""
    return _cfn_names(value, 0)


def hot_names(value: Any) -> Iterator[str]:
    """Every parameter name ``value`` reads by ``get_param``."""
    return _hot_names(value, 0)
