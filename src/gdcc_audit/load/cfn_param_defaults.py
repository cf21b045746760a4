"""CloudFormation parameters whose ``Default`` is an AWS Rain directive.

``rain pkg`` runs its directives everywhere in the template (rain ``cft/pkg/directives.go``:
each is registered for ``**/*``), a parameter's ``Default`` too, and a ``Ref`` or ``Fn::Sub``
then takes the value it writes there:

- ``!Rain::Embed file`` (the file's text, trimmed), ``!Rain::Include file`` (the YAML or JSON
  file as template content), ``!Rain::Constant Name`` / ``Ref: Const::Name`` /
  ``${Rain::Name}`` (the template's ``Rain: Constants:``) are written in here as rain writes
  them, so a password kept in the file or the constant FAILs GDCC-SECRET-001 as a written
  ``Default`` does (it PASSed: the ``Default`` was a value not known).
- ``!Rain::Env NAME`` (the environment variable's value), or a file or constant that is not
  read (missing, outside the template's folder), is not in the input: a resource property
  that takes such a parameter where a secret goes (the parameter is ``NoEcho``, or
  ``cfn_include.secret_place``: the property is named as a secret, ``MasterUserPassword``,
  ``Environment.Variables.API_KEY``, is user data, or the value of a pair named as one,
  ``Tags: [{Key: db_password, Value: ...}]``) is an :class:`Unread`: GDCC-SECRET-001 is
  UNKNOWN on that resource, not PASS."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gdcc_audit.load.cfn_include import (
    EMBEDS,
    ENV_VALUE,
    RAIN_ENV,
    RAIN_ENVS,
    Unread,
    inline_value,
    secret_place,
)
from gdcc_audit.secrets.detect import secret_pair_value

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

_SECTIONS = ("Properties", "Metadata")
_SUB_NAME = re.compile(r"\$\{([^!}.][^}.]*)\}")
_MAX_DEPTH = 64


@dataclass(frozen=True)
class NotRead:
    """Why a parameter's ``Default`` is not known: the directive, what it names, why."""

    directive: str
    location: str
    why: str
    noecho: bool


def read_defaults(
    template: str, parameters: Any, settings: Settings, constants: Mapping[str, Any]
) -> tuple[Any, dict[str, NotRead]]:
    """``parameters`` with each ``Default`` written as a Rain directive replaced by what
    ``rain pkg`` writes there (the same object when there is none), and the parameters whose
    ``Default`` is not known, by name."""
    unread: dict[str, NotRead] = {}
    if not isinstance(parameters, Mapping):
        return parameters, unread
    changed: dict[str, Any] = {}
    for name, spec in parameters.items():
        default = spec.get("Default") if isinstance(spec, Mapping) else None
        if not isinstance(default, Mapping | list):
            continue
        noecho = str(spec.get("NoEcho", "")).strip().lower() == "true"
        variable = _env_variable(default)
        if variable is not None:
            unread[str(name)] = NotRead(RAIN_ENV, variable, ENV_VALUE, noecho)
            continue
        value, skipped = inline_value(template, default, settings, str(name), constants)
        if skipped:
            first = skipped[0]
            unread[str(name)] = NotRead(first.directive, first.location, first.why, noecho)
            continue
        if value is not default:
            changed[str(name)] = {**spec, "Default": _as_rain_writes(default, value)}
    if not changed:
        return parameters, unread
    return {k: changed.get(str(k), v) for k, v in parameters.items()}, unread


def _env_variable(default: Any) -> str | None:
    """The variable a ``Default`` written as ``!Rain::Env`` alone names (a text, else its
    repr), else None."""
    if not isinstance(default, Mapping) or len(default) != 1:
        return None
    key = next((k for k in RAIN_ENVS if k in default), None)
    if key is None:
        return None
    variable = default[key]
    return variable if isinstance(variable, str) else repr(variable)


def _as_rain_writes(default: Any, value: Any) -> Any:
    """``value`` read in for ``default`` as ``rain pkg`` leaves it: an embedded file's text
    trimmed (``includeString``), an ``Fn::Sub`` left with no ``${...}`` its text
    (``replaceTemplateConstants``)."""
    if isinstance(default, Mapping) and any(k in default for k in EMBEDS):
        return value.strip() if isinstance(value, str) else value
    if isinstance(value, Mapping) and len(value) == 1:
        text = value.get("Fn::Sub")
        if isinstance(text, str) and "${" not in text:
            return text
    return value


def _references(
    value: Any, path: tuple[str, ...], depth: int, secret: bool = False
) -> Iterator[tuple[tuple[str, ...], str, bool]]:
    """(path, parameter name, whether the value is a secret-named pair's) of each ``Ref``
    and ``Fn::Sub`` ``${name}`` in ``value``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        if len(value) == 1:
            ((key, arg),) = value.items()
            if key == "Ref" and isinstance(arg, str):
                yield path, arg, secret
                return
            if key == "Fn::Sub":
                text, own = (arg[0], arg[1]) if isinstance(arg, list) and len(arg) == 2 else (
                    arg, {}
                )  # fmt: skip
                own = own if isinstance(own, Mapping) else {}
                if isinstance(text, str):
                    names = _SUB_NAME.findall(text)
                    yield from ((path, n, secret) for n in names if n not in own)
                for item in own.values():
                    yield from _references(item, path, depth + 1, secret)
                return
        named = secret_pair_value(value)
        for key, item in value.items():
            yield from _references(item, (*path, str(key)), depth + 1, key == named)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _references(item, (*path, str(index)), depth + 1)


def default_uses(unread: Mapping[str, NotRead], resources: Mapping[str, Any]) -> list[Unread]:
    """Each property of ``resources`` where a secret goes that takes a parameter of
    ``unread`` (whose ``Default`` is not known: ``read_defaults``)."""
    if not unread:
        return []
    found: list[Unread] = []
    for logical_id, resource in resources.items():
        if not isinstance(resource, Mapping):
            continue
        for section in _SECTIONS:
            for path, name, secret in _references(resource.get(section), (section,), 0):
                if name not in unread:
                    continue
                why = unread[name]
                if why.noecho or secret or secret_place(path):
                    found.append(
                        Unread(str(logical_id), path, why.directive, why.location, why.why, name)
                    )
    return found
