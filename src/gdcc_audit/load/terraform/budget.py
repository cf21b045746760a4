"""The evaluation budget: what one root module's expressions may build and spend.

HCL can build values far larger than its source: ``"${local.a}${local.a}"`` doubles a string
at each of a chain of locals, ``[local.a, local.a]`` doubles a list, nested ``for`` over
``range(1024)`` multiply. Every value the evaluator builds (a template, a tuple, an object, a
``for`` result, a function's result) is measured in *units* (one per character of a string,
one per number, bool, null, list element or map entry plus its key's characters) before it is
kept, and so is the work done without building much (``ITERATION_UNITS`` per ``for``
iteration, the characters of every string a function is given). A value over
``MAX_VALUE_UNITS`` or an evaluation that has spent its total raises
:class:`BudgetExceeded`: the value is UNKNOWN (never guessed), the first places it happened
are reported with file and line, and the file is partially assessed. The total is
``MAX_TOTAL_UNITS``, or ``UNITS_PER_SOURCE_BYTE`` per byte of the modules evaluated (and of
the files they read from disk: ``module.Evaluation.files``) when that is more, up to
``MAX_SCALED_TOTAL_UNITS``: a large module of ordinary HCL is evaluated whole, while a small
one cannot amplify itself past the fixed total (nor, padded, past three times it).

A value passed on unchanged is charged once: every value charged of at least
``REMEMBERED_UNITS`` (and every part of it that large) is remembered for the rest of the
evaluation, and a later value that holds it again (``merge(local.a, local.b)``, ``{for k, v
in local.a : v.name => v}``, a module output) pays one unit for it instead of its size, the
first time it appears in that value; a second appearance in the same value
(``[local.a, local.a]``) pays its full size again, so a value doubled along a chain of
locals still spends as it grows. The value cap always counts the whole value as rendered.
The first function given a string charged whole does not pay for reading it
(``jsondecode(templatefile(...))``): its building paid for one reading.
"""

from __future__ import annotations

from typing import Any, NoReturn

#: Units one value may hold: about 1 MiB of characters, or a million list/map elements.
MAX_VALUE_UNITS = 1_000_000
#: Units one root module's evaluation may spend in all (values built plus work).
MAX_TOTAL_UNITS = 8_000_000
#: Units the evaluation may spend per byte of the module files it evaluates, when that is more
#: than ``MAX_TOTAL_UNITS``, up to ``MAX_SCALED_TOTAL_UNITS``. Ordinary HCL spends about 0.5
#: per byte (a 20 MB file of tagged resources with templates and ``merge()``: 0.45); the fixed
#: total alone stopped such a file at 90 % of its lines.
UNITS_PER_SOURCE_BYTE = 2
#: The most a total may grow to with the bytes evaluated: three times the fixed total, so a
#: small amplifying file padded to the size cap (comments cost nothing) can spend at most
#: three times what it could before.
MAX_SCALED_TOTAL_UNITS = 3 * MAX_TOTAL_UNITS
#: Units one ``for`` iteration (expression, template directive or dynamic block) costs: an
#: iteration that builds nothing still evaluates its body, so it weighs more than one element.
ITERATION_UNITS = 2
#: Places reported per evaluation (the first ones; the cause is usually the same).
MAX_REPORTED = 10
#: The smallest value (or part of one) remembered as charged, so that passing it on again
#: costs one unit: smaller ones are cheap to count again and not worth remembering.
REMEMBERED_UNITS = 256


class BudgetExceeded(Exception):
    """A value or an evaluation went over its budget; the value is UNKNOWN.

    Deliberately not an ``EvalError``: ``try()`` and ``can()`` must not turn it into a
    fallback value Terraform itself would never have chosen."""


def value_units(value: Any, limit: int) -> int:
    """The size of ``value`` in units, counting shared parts each time they appear (as
    they would be rendered); stops counting past ``limit`` (returns a number > limit)."""
    total = 0
    stack = [value]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        kind = type(item)
        if kind is str:
            total += len(item) or 1
        elif kind is dict:
            total += 1
            for key, inner in item.items():
                total += len(key) if type(key) is str else _key_units(key)
                if type(inner) is str:  # a string member, counted without the stack
                    total += len(inner) or 1
                else:
                    push(inner)
        elif kind is list:
            total += 1
            stack.extend(item)
        elif isinstance(item, str):
            total += len(item) or 1
        elif isinstance(item, list):
            total += 1
            stack.extend(item)
        elif isinstance(item, dict):
            total += 1
            for key, inner in item.items():
                total += _key_units(key)
                push(inner)
        else:
            total += 1
        if total > limit:
            return total
    return total


def _key_units(key: Any) -> int:
    return len(key) if isinstance(key, str) else 1


class _Done:
    """Marks, on the stack of :func:`shared_units`, the end of a container's parts."""

    __slots__ = ("start", "value")

    def __init__(self, value: Any, start: int) -> None:
        self.value, self.start = value, start


def shared_units(
    value: Any, limit: int, charged: dict[int, tuple[Any, int]]
) -> tuple[int, int, list[tuple[Any, int]]]:
    """``(units, new units, parts to remember)`` of ``value``: its size as rendered
    (:func:`value_units`, which it passes only past ``limit``); the size less that of the
    ``charged`` parts it holds (values charged before, by ``id``: one unit each the first time
    they appear, their full size each time after); and its strings and containers of at least
    ``REMEMBERED_UNITS`` that are not charged yet, with their sizes (none past ``limit``)."""
    least = REMEMBERED_UNITS
    total = fresh = 0
    seen: set[int] = set()
    remember: list[tuple[Any, int]] = []
    stack = [value]
    pop, push = stack.pop, stack.append
    while stack:
        item = pop()
        kind = type(item)
        if kind is str:
            units = len(item) or 1
            if units >= least:
                known = charged.get(id(item))
                if known is not None and known[0] is item:
                    units = 1 if id(item) not in seen else units
                    seen.add(id(item))
                    total += known[1] - units  # the whole string, added below
                else:
                    remember.append((item, units))
        elif kind is dict or kind is list:
            known = charged.get(id(item))
            if known is not None and known[0] is item:
                total += known[1]
                fresh += known[1] if id(item) in seen else 1
                seen.add(id(item))
                if total > limit:
                    return total, fresh, []
                continue
            push(_Done(item, total))
            units = 1
            if kind is list:
                stack.extend(item)
            else:
                for key, inner in item.items():
                    units += len(key) if type(key) is str else _key_units(key)
                    if type(inner) is str and len(inner) < least:
                        units += len(inner) or 1  # a short string member, without the stack
                    else:
                        push(inner)
        elif kind is _Done:
            size = total - item.start
            if size >= least:
                remember.append((item.value, size))
            continue
        else:
            units = value_units(item, limit)  # a subclass of str, list or dict; or a scalar
        total += units
        fresh += units
        if total > limit:
            return total, fresh, []
    return total, fresh, remember


class _At:
    """The context of :meth:`Budget.at` (a class: it is entered for every attribute of every
    resource, and a generator-based context manager cost three times as much)."""

    __slots__ = ("budget", "file", "line", "module", "saved")

    def __init__(
        self, budget: Budget, file: str | None, line: int | None, module: str | None
    ) -> None:
        self.budget, self.file, self.line, self.module = budget, file, line, module
        self.saved: tuple[str | None, int | None, str | None] = (None, None, None)

    def __enter__(self) -> None:
        budget = self.budget
        self.saved = budget._file, budget._line, budget._module
        budget._file, budget._line = (self.file or budget._file), self.line
        if self.module is not None:
            budget._module = self.module

    def __exit__(self, *exc: object) -> None:
        self.budget._file, self.budget._line, self.budget._module = self.saved


class Budget:
    """Units left to one evaluation, and where the budget was exceeded."""

    def __init__(self, per_value: int | None = None, total: int | None = None) -> None:
        self.per_value = MAX_VALUE_UNITS if per_value is None else per_value
        self.total = MAX_TOTAL_UNITS if total is None else total
        self._base_total = self.total
        #: Bytes of the module files evaluated so far (see :meth:`cover`).
        self.source_bytes = 0
        #: What the evaluator's second look for secret reads may spend (see
        #: ``evaluate._mark_secrets``), made on first use: at most one more budget's worth.
        self.marking: Budget | None = None
        self.spent = 0
        #: ``(file, line, message)`` of the first places a value was made UNKNOWN.
        self.hits: list[tuple[str | None, int | None, str]] = []
        self._file: str | None = None
        self._line: int | None = None
        #: The module instance being evaluated (``module.a["x"]``; "" the root).
        self._module: str | None = None
        #: The module instances in which each place of ``hits`` made a value UNKNOWN.
        self._instances: dict[tuple[str | None, int | None], list[str]] = {}
        #: Values (and parts) of at least ``REMEMBERED_UNITS`` charged so far, by ``id``,
        #: with their sizes; each is kept alive here so that its ``id`` stays its own.
        self._charged: dict[int, tuple[Any, int]] = {}
        #: Those of ``_charged`` already given to a function once (see :meth:`read`).
        self._read: set[int] = set()

    def at(self, file: str | None, line: int | None, module: str | None = None) -> _At:
        """Attribute what is evaluated inside to ``file:line`` (file None: the current) of
        the module instance ``module`` (its address prefix, ``module.a["x"].``; None: the
        current)."""
        return _At(self, file, line, module)

    def cover(self, source_bytes: int) -> None:
        """Count ``source_bytes`` more of module files evaluated: the total grows to
        ``UNITS_PER_SOURCE_BYTE`` per byte of them when that is above the fixed total, to at
        most three times the fixed total (``MAX_SCALED_TOTAL_UNITS`` by default)."""
        self.source_bytes += source_bytes
        scaled = min(UNITS_PER_SOURCE_BYTE * self.source_bytes, 3 * self._base_total)
        self.total = max(self._base_total, scaled)

    def charge(self, value: Any) -> Any:
        """``value`` itself, once its size is counted against the value cap and what it
        adds to the values charged before against the total (see the module's docstring)."""
        units = value_units(value, REMEMBERED_UNITS)
        fresh = units
        if units >= REMEMBERED_UNITS:
            units, fresh, remember = shared_units(value, self.per_value, self._charged)
            for part, size in remember:
                self._charged[id(part)] = (part, size)
        if units > self.per_value:
            self.fail(
                f"a value over the cap of {self.per_value:,} units (characters, list or map "
                "elements) was built"
            )
        self.spend(fresh)
        return value

    def read(self, args: list[Any]) -> None:
        """Count the work of a function given ``args``: the characters of each string, but
        for the first function a string charged whole is given to (its building paid for one
        reading: ``jsondecode(templatefile(...))`` reads what it was just charged for)."""
        units = 0
        charged, done = self._charged, self._read
        for arg in args:
            if isinstance(arg, str):
                if len(arg) >= REMEMBERED_UNITS and id(arg) not in done:
                    known = charged.get(id(arg))
                    if known is not None and known[0] is arg:
                        done.add(id(arg))
                        continue
                units += len(arg)
        self.spend(units)

    def forget(self) -> None:
        """Stop keeping the values charged so far (the evaluation is over: they may be
        freed); a value charged later is counted whole again."""
        self._charged = {}
        self._read = set()
        if self.marking is not None:
            self.marking.forget()

    def check_length(self, length: int) -> None:
        """Refuse, before building it, a string or list of ``length`` units over the cap."""
        if length > self.per_value:
            self.fail(
                f"a value of {length:,} units (characters, list or map elements) would be "
                f"built, over the cap of {self.per_value:,}"
            )

    def iterate(self) -> None:
        """Count one iteration of a ``for`` expression, template loop or dynamic block."""
        self.spend(ITERATION_UNITS)

    def spend(self, units: int) -> None:
        """Count ``units`` of work or of built values against the evaluation's total."""
        self.spent += units
        if self.spent > self.total:
            self.fail(f"the evaluation budget of {self.total:,} units per root module was spent")

    def fail(self, reason: str) -> NoReturn:
        """Record where (the first few places) and raise :class:`BudgetExceeded`."""
        place = (self._file, self._line)
        if len(self.hits) < MAX_REPORTED and place not in self._instances:
            self.hits.append((self._file, self._line, reason))
            self._instances[place] = []
        instances = self._instances.get(place)
        module = (self._module or "").removesuffix(".")
        if instances is not None and module and module not in instances:
            instances.append(module)
        raise BudgetExceeded(reason)

    def messages(self) -> list[tuple[str | None, int | None, str]]:
        """``(file, line, message)`` for each place the budget made a value UNKNOWN."""
        return [
            (
                file,
                line,
                f"evaluation budget exceeded: {reason}; this value is unknown (not assessed)"
                f"{_in_instances(self._instances.get((file, line)) or [])}, and so is every "
                "value computed from it",
            )
            for file, line, reason in self.hits
        ]


#: Module instances named in one budget message; the others are counted.
_NAMED_INSTANCES = 2


def _in_instances(instances: list[str]) -> str:
    """`` in module.a["x"], module.a["y"] and 3 more module instances`` (empty: the root
    module, or a value not evaluated in a module instance)."""
    if not instances:
        return ""
    named = ", ".join(instances[:_NAMED_INSTANCES])
    more = len(instances) - _NAMED_INSTANCES
    return f" in {named}" + (f" and {more} more module instances" if more > 0 else "")


__all__ = [
    "MAX_SCALED_TOTAL_UNITS",
    "MAX_TOTAL_UNITS",
    "MAX_VALUE_UNITS",
    "REMEMBERED_UNITS",
    "UNITS_PER_SOURCE_BYTE",
    "Budget",
    "BudgetExceeded",
    "shared_units",
    "value_units",
]
