"""AWS Rain constants: the template's ``Rain: Constants:`` section, which ``rain pkg`` writes
in place and removes (rain's README, "Constants"; ``cft/pkg/constants.go``).

``!Rain::Constant Name`` (``{"Rain::Constant": Name}``) becomes the constant (a text or any
value), and ``${Rain::Name}`` / ``${Const::Name}`` in an ``Fn::Sub`` text the text constant.
Constants are read in order: one may use those before it in its ``Fn::Sub`` texts. A
password kept as a constant was a value not known (GDCC-SECRET-001 PASSed); it is now the
text written in the template."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

#: The keys ``!Rain::Constant`` is written as (the YAML tag, the long form).
CONSTANTS = ("Fn::Rain::Constant", "Rain::Constant")
_NAME = re.compile(r"\$\{(?:Rain|Const)::([^}]+)\}")


def substitute(text: str, constants: Mapping[str, Any]) -> tuple[str, list[str]]:
    """``text`` with each ``${Rain::Name}`` of a text constant (or ``!Sub`` text) written in,
    and the names it uses that are no text constant."""
    missing: list[str] = []

    def one(match: re.Match[str]) -> str:
        value = constants.get(match.group(1))
        if isinstance(value, Mapping) and len(value) == 1:
            value = value.get("Fn::Sub")  # ``!Sub`` text: written in as it is (rain's Value)
        if isinstance(value, str):
            return value
        missing.append(match.group(1))
        return match.group(0)

    return _NAME.sub(one, text), missing


def _resolved(value: Any, constants: Mapping[str, Any]) -> Any:
    """A constant's value with the constants before it written into its ``Fn::Sub`` texts (a
    whole ``Fn::Sub`` left with no ``${...}`` becomes its text, as ``rain pkg`` makes it)."""
    if isinstance(value, str):
        return substitute(value, constants)[0]
    if isinstance(value, Mapping) and len(value) == 1 and isinstance(value.get("Fn::Sub"), str):
        text = substitute(value["Fn::Sub"], constants)[0]
        return text if "${" not in text else {"Fn::Sub": text}
    return value


def template_constants(data: Any) -> dict[str, Any]:
    """The constants of the template ``data`` (its ``Rain: Constants:`` section), by name."""
    rain = data.get("Rain") if isinstance(data, Mapping) else None
    section = rain.get("Constants") if isinstance(rain, Mapping) else None
    found: dict[str, Any] = {}
    if isinstance(section, Mapping):
        for name, value in section.items():
            found[str(name)] = _resolved(value, found)
    return found
