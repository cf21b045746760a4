"""Which choices of ``Fn::If`` on conditions not decided can hold together.

Two ``Fn::If`` naming the same condition take the same branch in every deployment; one naming
``IsProd`` and one naming ``NotProd: !Not [Condition: IsProd]`` take opposite ones; one naming
``IsProdDb: !And [Condition: IsProd, ...]`` cannot take its true branch while the other takes
the false branch of ``IsProd``. A reading that combines the branches of several choices (the
texts user data may be: ``user_data_text``) keeps only the combinations some deployment makes.

Each named condition is read as a formula over what is not known in it: an ``Fn::Equals`` of a
parameter without a value and a literal (``IsProd: !Equals [!Ref Env, prod]``: the parameter
holds one value, so ``Env == prod`` and ``Env == dev`` are never both true, and when the
parameter's ``AllowedValues`` are all compared, one of them is), any other ``Fn::Equals`` not
decided (the same comparison written twice is the same unknown), and what the resolver decides
(a constant). A set of assumptions (condition name -> value) holds together when some values of
those unknowns give every named condition its assumed value. Past :data:`_MAX_UNKNOWNS`
unknowns, or for a condition that is not declared, the assumptions are taken to hold together
(a combination kept that no deployment makes may only add a finding, never hide one).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from typing import Any

from gdcc_audit.normalize.cloudformation.intrinsics import Resolver
from gdcc_audit.normalize.cloudformation.values import as_str, is_known

#: Most unknowns a check enumerates (2 ** 12 assignments).
_MAX_UNKNOWNS = 12

#: A formula: ``True`` / ``False``, ``("atom", key)``, ``("not", f)``, ``("and", fs)``,
#: ``("or", fs)``; an atom key is ``("param", name, value)`` or ``("expr", json)``.
_Formula = Any
#: An assumption set: (condition name, value) pairs.
Guard = frozenset[tuple[str, bool]]


class Conditions:
    """The named conditions of one template's read, as formulas (:meth:`consistent`)."""

    def __init__(self, resolver: Resolver, specs: Mapping[str, Any], parameters: Any) -> None:
        self._resolver = resolver
        self._specs = specs
        self._parameters = parameters if isinstance(parameters, Mapping) else {}
        self._formulas: dict[str, _Formula | None] = {}
        self._building: set[str] = set()
        self._checked: dict[Guard, bool] = {}

    def consistent(self, guard: Guard) -> bool:
        """Whether every condition of ``guard`` can have its value in one deployment."""
        if not guard:
            return True
        if guard not in self._checked:
            self._checked[guard] = self._check(guard)
        return self._checked[guard]

    def _check(self, guard: Guard) -> bool:
        wanted: dict[str, bool] = {}
        for name, value in guard:
            if wanted.setdefault(name, value) != value:
                return False
        formulas = []
        for name, value in wanted.items():
            formula = self._formula(name)
            if formula is None:
                continue  # not declared or refers to itself: taken as free
            formulas.append((formula, value))
        atoms: dict[Any, None] = {}
        for formula, _ in formulas:
            _atoms(formula, atoms)
        if len(atoms) > _MAX_UNKNOWNS:
            return True
        keys = list(atoms)
        for values in itertools.product((False, True), repeat=len(keys)):
            assignment = dict(zip(keys, values, strict=True))
            if self._possible(assignment) and all(
                _evaluate(formula, assignment) == value for formula, value in formulas
            ):
                return True
        return False

    def _possible(self, assignment: Mapping[Any, bool]) -> bool:
        """Whether a parameter can make these comparisons true and false: it holds one value
        (two different values compared true: no), one of its ``AllowedValues`` when it has
        them (every allowed value compared false: no)."""
        equal: dict[str, set[str]] = {}
        unequal: dict[str, set[str]] = {}
        for key, value in assignment.items():
            if key[0] == "param":
                (equal if value else unequal).setdefault(key[1], set()).add(key[2])
        for values in equal.values():
            if len(values) > 1:
                return False
        for name, values in unequal.items():
            if name in equal:
                continue
            allowed = self._allowed(name)
            if allowed is not None and allowed <= values:
                return False
        return True

    def _allowed(self, name: str) -> set[str] | None:
        spec = self._parameters.get(name)
        allowed = spec.get("AllowedValues") if isinstance(spec, Mapping) else None
        if not isinstance(allowed, list) or not allowed:
            return None
        texts = {as_str(value) for value in allowed}
        return {text for text in texts if text is not None}

    def _formula(self, name: str) -> _Formula | None:
        if name in self._formulas:
            return self._formulas[name]
        if name not in self._specs or name in self._building:
            return None
        self._building.add(name)
        try:
            formula = self._read(self._specs[name], 0)
        finally:
            self._building.discard(name)
        self._formulas[name] = formula
        return formula

    def _read(self, spec: Any, depth: int) -> _Formula:
        decided = self._resolver.resolve(spec)
        if isinstance(decided, bool):
            return decided
        if isinstance(decided, str) and decided.lower() in {"true", "false"}:
            return decided.lower() == "true"
        if depth > 32 or not isinstance(spec, Mapping) or len(spec) != 1:
            return ("atom", ("expr", _key(spec)))
        ((function, argument),) = spec.items()
        if function == "Condition" and isinstance(argument, str):
            inner = self._formula(argument)
            return ("atom", ("condition", argument)) if inner is None else inner
        if function in {"Fn::And", "Fn::Or", "Fn::Not"} and isinstance(argument, list):
            parts = [self._read(item, depth + 1) for item in argument]
            if function == "Fn::Not":
                return ("not", parts[0]) if len(parts) == 1 else ("atom", ("expr", _key(spec)))
            return ("and" if function == "Fn::And" else "or", parts)
        if function == "Fn::Equals" and isinstance(argument, list) and len(argument) == 2:
            return ("atom", self._comparison(argument))
        return ("atom", ("expr", _key(spec)))

    def _comparison(self, argument: list[Any]) -> tuple[str, ...]:
        """The unknown an ``Fn::Equals`` not decided is: a parameter compared with a literal,
        or the comparison as written (either order)."""
        sides = [self._resolver.resolve(side) for side in argument]
        for index in (0, 1):
            ref = argument[index]
            other = sides[1 - index]
            if (
                isinstance(ref, Mapping) and len(ref) == 1 and isinstance(ref.get("Ref"), str)
                and not is_known(sides[index]) and is_known(other)
            ):
                text = as_str(other)
                if text is not None:
                    return ("param", ref["Ref"], text)
        return ("expr", json.dumps(sorted(_key(side) for side in argument)))


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def _atoms(formula: _Formula, found: dict[Any, None]) -> None:
    if isinstance(formula, tuple):
        if formula[0] == "atom":
            found[formula[1]] = None
        elif formula[0] == "not":
            _atoms(formula[1], found)
        else:
            for part in formula[1]:
                _atoms(part, found)


def _evaluate(formula: _Formula, assignment: Mapping[Any, bool]) -> bool:
    if isinstance(formula, bool):
        return formula
    kind = formula[0]
    if kind == "atom":
        return assignment[formula[1]]
    if kind == "not":
        return not _evaluate(formula[1], assignment)
    values = (_evaluate(part, assignment) for part in formula[1])
    return all(values) if kind == "and" else any(values)


__all__ = ["Conditions", "Guard"]
