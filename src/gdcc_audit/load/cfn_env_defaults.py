"""CloudFormation parameters whose ``Default`` is an AWS Rain ``!Rain::Env NAME``.

``rain pkg`` writes the environment variable's value as the ``Default``
(``Default: !Rain::Env DB_PASSWORD``): the packaged template holds it in plain text, but it is
not in the input. A resource property that takes such a parameter (``Ref``, ``Fn::Sub``)
where a secret goes (the parameter is ``NoEcho``, or ``cfn_include.secret_place``: the
property is named as a secret, ``MasterUserPassword``, ``Environment.Variables.API_KEY``, or
is user data) is an :class:`Unread`: its value is not known, so GDCC-SECRET-001 is UNKNOWN
on that resource, not PASS."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.load.cfn_include import ENV_VALUE, RAIN_ENV, RAIN_ENVS, Unread, secret_place

_SECTIONS = ("Properties", "Metadata")
_SUB_NAME = re.compile(r"\$\{([^!}.][^}.]*)\}")
_MAX_DEPTH = 64


def _env_defaults(parameters: Any) -> dict[str, tuple[str, bool]]:
    """Parameter name -> (the variable its ``Default`` names, whether it is ``NoEcho``)."""
    found: dict[str, tuple[str, bool]] = {}
    if not isinstance(parameters, Mapping):
        return found
    for name, spec in parameters.items():
        default = spec.get("Default") if isinstance(spec, Mapping) else None
        if not isinstance(default, Mapping) or len(default) != 1:
            continue
        key = next(iter(default))
        if key in RAIN_ENVS:
            variable = default[key]
            shown = variable if isinstance(variable, str) else repr(variable)
            noecho = str(spec.get("NoEcho", "")).strip().lower() == "true"
            found[str(name)] = (shown, noecho)
    return found


def _references(
    value: Any, path: tuple[str, ...], depth: int
) -> Iterator[tuple[tuple[str, ...], str]]:
    """(path, parameter name) of each ``Ref`` and ``Fn::Sub`` ``${name}`` in ``value``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref" and isinstance(arg, str):
                yield path, arg
                return
            if key == "Fn::Sub":
                text, own = (arg[0], arg[1]) if isinstance(arg, list) and len(arg) == 2 else (
                    arg, {}
                )  # fmt: skip
                own = own if isinstance(own, Mapping) else {}
                if isinstance(text, str):
                    yield from ((path, n) for n in _SUB_NAME.findall(text) if n not in own)
                for item in own.values():
                    yield from _references(item, path, depth + 1)
                return
        for key, item in value.items():
            yield from _references(item, (*path, str(key)), depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _references(item, (*path, str(index)), depth + 1)


def env_default_uses(parameters: Any, resources: Mapping[str, Any]) -> list[Unread]:
    """Each property of ``resources`` where a secret goes that takes a parameter whose
    ``Default`` is a ``!Rain::Env``."""
    defaults = _env_defaults(parameters)
    if not defaults:
        return []
    found: list[Unread] = []
    for logical_id, resource in resources.items():
        if not isinstance(resource, Mapping):
            continue
        for section in _SECTIONS:
            for path, name in _references(resource.get(section), (section,), 0):
                if name not in defaults:
                    continue
                variable, noecho = defaults[name]
                if noecho or secret_place(path):
                    found.append(
                        Unread(str(logical_id), path, RAIN_ENV, variable, ENV_VALUE, name)
                    )
    return found
