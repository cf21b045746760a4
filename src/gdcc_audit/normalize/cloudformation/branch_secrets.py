"""Secrets written in a branch of an ``Fn::If`` whose condition is not decided.

A property written ``!If [IsProd, Hunter22pwX, x]`` under an environment variable named
``DB_PASSWORD`` resolves to a value not known when ``IsProd`` is not decided, so the password
the template writes was read by no rule (GDCC-SECRET-001 PASSed). It is written in the
template, and deployed wherever the condition holds. The properties are read once more for
each way the conditions not decided can be together (``condition_logic``: two ``Fn::If`` on
one condition take the same branch, on a condition and its ``Fn::Not`` opposite ones), each
``Fn::If`` taking the branch its condition gives, and each read is looked at for secrets as the
resource's own properties are (:func:`values.detect_secrets`). Past :data:`_MAX_CONDITIONS`
conditions, every ``Fn::If`` takes its true branch in one read and its false branch in another.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.condition_logic import Conditions
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.values import detect_secrets

_MAX_DEPTH = 64
#: Most conditions whose ways of being together are read one by one (2 ** 5 reads).
_MAX_CONDITIONS = 5


def _open_ifs(value: Any, resolver: Resolver, found: dict[str, None], depth: int = 0) -> None:
    """The conditions not decided that an ``Fn::If`` in ``value`` names, into ``found``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        argument = value.get("Fn::If") if len(value) == 1 else None
        if (
            isinstance(argument, list) and len(argument) == 3 and isinstance(argument[0], str)
            and resolver.condition(argument[0]) is None
        ):
            found[argument[0]] = None
        for item in value.values():
            _open_ifs(item, resolver, found, depth + 1)
    elif isinstance(value, list):
        for item in value:
            _open_ifs(item, resolver, found, depth + 1)


def _forced(value: Any, branch: Mapping[str, bool], resolver: Resolver, depth: int = 0) -> Any:
    """``value`` with every ``Fn::If`` not decided replaced by the branch its condition takes
    in ``branch`` (true: its second argument, false: its third), as written."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, Mapping):
        argument = value.get("Fn::If") if len(value) == 1 else None
        if (
            isinstance(argument, list) and len(argument) == 3 and isinstance(argument[0], str)
            and argument[0] in branch
        ):
            chosen = argument[1] if branch[argument[0]] else argument[2]
            return _forced(chosen, branch, resolver, depth + 1)
        return {key: _forced(item, branch, resolver, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_forced(item, branch, resolver, depth + 1) for item in value]
    return value


def branch_secrets(raw: Any, resolver: Resolver, parameters: Any) -> tuple[str, ...]:
    """Paths of the secrets a branch of an ``Fn::If`` not decided writes in properties
    ``raw`` (as written), beyond what the resolved properties show (``parameters``: the
    template's declarations, for the allowed values a condition compares)."""
    if not isinstance(raw, Mapping):
        return ()
    names: dict[str, None] = {}
    _open_ifs(raw, resolver, names)
    if not names:
        return ()
    if len(names) > _MAX_CONDITIONS:
        ways = [dict.fromkeys(names, True), dict.fromkeys(names, False)]
    else:
        conditions = Conditions(resolver, resolver.condition_specs, parameters)
        ways = [
            dict(zip(names, values, strict=True))
            for values in itertools.product((True, False), repeat=len(names))
            if conditions.consistent(frozenset(zip(names, values, strict=True)))
        ]
    found: set[str] = set()
    for way in ways:
        props = resolver.resolve(_forced(raw, way, resolver))
        if isinstance(props, Mapping):
            found.update(detect_secrets(props))
    return tuple(sorted(found))


__all__ = ["branch_secrets"]
