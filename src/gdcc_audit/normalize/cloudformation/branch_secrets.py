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

A secret one branch writes whole is a secret the template holds even when no deployment takes
that branch (``!If [IsProd, !If [NotProd, Hunter22pwX, x], y]``), as user data's texts are
read (``user_data_text``: a branch written whole is still read): each branch of each
``Fn::If`` is also read alone, the ``Fn::If`` around it taking the branch that holds it and
every other one not decided left not known (:func:`branch_reads`).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.condition_logic import Conditions
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.values import detect_secrets

_MAX_DEPTH = 64
#: Most conditions whose ways of being together are read one by one (2 ** 5 reads).
_MAX_CONDITIONS = 5
#: Most branches of ``Fn::If`` of one resource read alone.
_MAX_BRANCHES = 128


def _if_arguments(value: Mapping[str, Any]) -> list[Any] | None:
    """The three arguments of ``value`` when it is an ``Fn::If`` whose condition is named by
    a string; None otherwise."""
    argument = value.get("Fn::If") if len(value) == 1 else None
    if isinstance(argument, list) and len(argument) == 3 and isinstance(argument[0], str):
        return argument
    return None


def _open_if(value: Mapping[str, Any], resolver: Resolver) -> list[Any] | None:
    """:func:`_if_arguments` of an ``Fn::If`` whose condition is not decided; None otherwise."""
    argument = _if_arguments(value)
    if argument is None or resolver.condition(argument[0]) is not None:
        return None
    return argument


def open_ifs(value: Any, resolver: Resolver, found: dict[str, None], depth: int = 0) -> None:
    """The conditions not decided that an ``Fn::If`` in ``value`` names, into ``found``."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        argument = _open_if(value, resolver)
        if argument is not None:
            found[argument[0]] = None
        for item in value.values():
            open_ifs(item, resolver, found, depth + 1)
    elif isinstance(value, list):
        for item in value:
            open_ifs(item, resolver, found, depth + 1)


def forced(value: Any, branch: Mapping[str, bool], resolver: Resolver, depth: int = 0) -> Any:
    """``value`` with every ``Fn::If`` not decided replaced by the branch its condition takes
    in ``branch`` (true: its second argument, false: its third), as written."""
    if depth > _MAX_DEPTH:
        return value
    if isinstance(value, Mapping):
        argument = _if_arguments(value)
        if argument is not None and argument[0] in branch:
            chosen = argument[1] if branch[argument[0]] else argument[2]
            return forced(chosen, branch, resolver, depth + 1)
        return {key: forced(item, branch, resolver, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [forced(item, branch, resolver, depth + 1) for item in value]
    return value


def ways(names: Mapping[str, None], resolver: Resolver, parameters: Any) -> list[dict[str, bool]]:
    """The ways the conditions ``names`` (not decided) can be together in one deployment
    (``condition_logic``), each a condition -> branch map; past :data:`_MAX_CONDITIONS`
    conditions, all true and all false."""
    if len(names) > _MAX_CONDITIONS:
        return [dict.fromkeys(names, True), dict.fromkeys(names, False)]
    conditions = Conditions(resolver, resolver.condition_specs, parameters)
    return [
        dict(zip(names, values, strict=True))
        for values in itertools.product((True, False), repeat=len(names))
        if conditions.consistent(frozenset(zip(names, values, strict=True)))
    ]


def _branch_reads(value: Any, resolver: Resolver, depth: int = 0) -> Iterator[Any]:
    """``value`` once for each branch of each ``Fn::If`` not decided in it: that ``Fn::If``
    replaced by the branch, each ``Fn::If`` around it by the branch holding it."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, Mapping):
        argument = _open_if(value, resolver)
        if argument is not None:
            for branch in argument[1:]:
                yield branch
                yield from _branch_reads(branch, resolver, depth + 1)
            return
        for key, item in value.items():
            for whole in _branch_reads(item, resolver, depth + 1):
                yield {**value, key: whole}
    elif isinstance(value, list):
        for index, item in enumerate(value):
            for whole in _branch_reads(item, resolver, depth + 1):
                yield [*value[:index], whole, *value[index + 1:]]


def branch_reads(raw: Any, resolver: Resolver) -> list[Any]:
    """``raw`` once for each branch of each ``Fn::If`` not decided in it (the first
    :data:`_MAX_BRANCHES` reads), that branch taken and each ``Fn::If`` around it taking the
    branch that holds it; every other ``Fn::If`` as written (not known when resolved)."""
    return list(itertools.islice(_branch_reads(raw, resolver), _MAX_BRANCHES))


def _nested_again(value: Any, resolver: Resolver, around: frozenset[str], depth: int = 0) -> bool:
    """Whether an ``Fn::If`` not decided in ``value`` sits in a branch of an ``Fn::If`` on the
    same condition (``around``: the conditions of the ``Fn::If`` it is in): one of its
    branches no combination of the conditions reaches."""
    if depth > _MAX_DEPTH:
        return True
    if isinstance(value, Mapping):
        argument = _open_if(value, resolver)
        if argument is not None:
            if argument[0] in around:
                return True
            inner = around | {argument[0]}
            return any(_nested_again(b, resolver, inner, depth + 1) for b in argument[1:])
        return any(_nested_again(v, resolver, around, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_nested_again(v, resolver, around, depth + 1) for v in value)
    return False


def branch_secrets(raw: Any, resolver: Resolver, parameters: Any) -> tuple[str, ...]:
    """Paths of the secrets a branch of an ``Fn::If`` not decided writes in properties
    ``raw`` (as written), beyond what the resolved properties show (``parameters``: the
    template's declarations, for the allowed values a condition compares): in each way the
    conditions can be together, and in each branch read alone (a secret a branch no
    deployment takes writes whole is still in the template)."""
    if not isinstance(raw, Mapping):
        return ()
    names: dict[str, None] = {}
    open_ifs(raw, resolver, names)
    if not names:
        return ()
    taken = ways(names, resolver, parameters)
    reads = [forced(raw, way, resolver) for way in taken]
    if len(taken) < 2 ** len(names) or _nested_again(raw, resolver, frozenset()):
        # some branch no way takes: each branch read alone too (when every combination is
        # read and no Fn::If repeats a condition around it, every branch was read already)
        reads += branch_reads(raw, resolver)
    found: set[str] = set()
    for read in reads:
        props = resolver.resolve(read)
        if isinstance(props, Mapping):
            found.update(detect_secrets(props))
    return tuple(sorted(found))


__all__ = ["branch_reads", "branch_secrets", "forced", "open_ifs", "ways"]
