"""What the CloudFormation and HOT intrinsic-function resolvers share: parameters, resource
names and named conditions read from the template, three-valued condition logic, and the walk
that gives each nested value its property path."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from gdcc_audit.normalize.cloudformation.values import UNKNOWN, ResourceRef

#: Characters one string function (``Fn::Join``, ``Fn::Sub``, ``str_replace``, ``list_join``)
#: may build: a join of 10,000 references to a 1 MB parameter, or a ``Fn::Sub`` doubling its
#: variable at each of 20 nested levels, would otherwise build gigabytes from a small file.
MAX_TEXT = 1_000_000
#: Characters the string functions of one template may build in all.
MAX_TEXT_TOTAL = 16_000_000


class Parameters(Mapping[str, Any]):
    """A template's parameter values for one read, noting each one the read looks at
    (:attr:`read`): a read again with other values of parameters it did not look at gives
    the same result (:class:`Used`). Every value is taken through ``__getitem__`` (``get``,
    ``items``, ``values`` included); names alone (``in``, iteration) are not values."""

    __slots__ = ("_values", "read")

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values
        #: The names whose value was taken (or whose origin was asked: ``heat.origins``).
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return self._values[name]

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def peek(self, name: str) -> Any:
        """The value of ``name``, not noted as read."""
        return self._values[name]


@dataclass
class Used:
    """What a template's read looked at (:class:`Parameters`): the parameters it had, and
    those whose value it read."""

    names: frozenset[str] = frozenset()
    read: set[str] = field(default_factory=set)

    def note(self, parameters: Parameters) -> None:
        """Take what a read's parameters noted."""
        self.names = frozenset(parameters)
        self.read |= parameters.read

    def unchanged_by(self, values: Mapping[str, Any]) -> bool:
        """Whether the read with ``values`` changed gives the same result: each is a
        parameter it had, whose value it did not read (the read is a function of the values
        it reads)."""
        return all(name in self.names and name not in self.read for name in values)


def region(parameters: Parameters, names: Sequence[str]) -> str | None:
    """The first non-empty text value of a parameter named one of ``names`` (any case),
    reading no other parameter's value."""
    for name in parameters:
        if name.lower() in names:
            value = parameters[name]
            if isinstance(value, str) and value:
                return value
    return None


class TemplateResolver:
    """Base of a template's resolver: ``resolve`` is the format's own."""

    def __init__(
        self,
        template: Mapping[str, Any],
        *,
        parameters: str,
        resources: str,
        conditions: str,
        parameter_value: Callable[[Any], Any],
        overrides: Mapping[str, Any] | None = None,
    ) -> None:
        specs = template.get(parameters)
        values = {
            str(name): parameter_value(spec)
            for name, spec in (specs.items() if isinstance(specs, Mapping) else ())
        }
        # what a parent (or an environment, an allowed value) passes
        values.update(overrides or {})
        self.parameters = Parameters(values)
        #: The parameters this read gives a value other than their default.
        self.overridden = frozenset(overrides or {})
        #: :meth:`held` by condition name.
        self._held: dict[str, Self | None] = {}
        names = template.get(resources)
        self.resources = frozenset(names) if isinstance(names, Mapping) else frozenset()
        found = template.get(conditions)
        self._condition_specs: Mapping[str, Any] = found if isinstance(found, Mapping) else {}
        self._conditions: dict[str, bool | None] = {}
        self._evaluating: set[str] = set()
        #: Characters built so far by string functions, and the resource being resolved
        #: (logical id, JSON pointer) to which a refusal is attributed.
        self.built = 0
        self.current: tuple[str, str] = ("", "")
        #: The first refusal per resource: (logical id, pointer) -> reason.
        self.refused: dict[tuple[str, str], str] = {}
        #: The outputs of the nested templates its resources deploy: logical id -> output
        #: name -> value (``normalize.nested_outputs``).
        self.outputs: Mapping[str, Mapping[str, Any]] = {}

    def allow_text(self, length: int, function: str) -> bool:
        """Whether ``function`` may build a string of ``length`` characters; when not, the
        reason is recorded for the current resource and the caller gives UNKNOWN."""
        if length > MAX_TEXT:
            reason = f"{function} would build {length:,} characters, over the cap of {MAX_TEXT:,}"
        elif self.built + length > MAX_TEXT_TOTAL:
            reason = (
                f"{function}: the template's string functions have built {MAX_TEXT_TOTAL:,} "
                "characters, the cap per template"
            )
        else:
            self.built += length
            return True
        self.refused.setdefault(self.current, reason)
        return False

    def resolve(self, value: Any, depth: int = 0) -> Any:
        """``value`` with every intrinsic function replaced by its result (or UNKNOWN)."""
        raise NotImplementedError

    def _named_condition(self, name: str, evaluate: Callable[[Any], bool | None]) -> bool | None:
        """The named condition, evaluated once by ``evaluate``; ``None`` when it is not
        declared or refers to itself."""
        if name in self._conditions:
            return self._conditions[name]
        if name not in self._condition_specs or name in self._evaluating:
            return None
        self._evaluating.add(name)
        try:
            result = evaluate(self._condition_specs[name])
        finally:
            self._evaluating.discard(name)
        self._conditions[name] = result
        return result

    def condition(self, name: str) -> bool | None:
        """The value of a named condition; ``None`` when it depends on unknown inputs."""
        raise NotImplementedError

    @property
    def condition_specs(self) -> Mapping[str, Any]:
        """The named conditions as the template writes them."""
        return self._condition_specs

    def held(self, name: Any, fixed: Collection[str]) -> Self | None:
        """For a resource whose condition (a name; for Heat also a condition written
        inline, ``{equals: [...]}``) is false with this read's values: ``None``
        when it is false whatever values the parameters not in ``fixed`` (those a parent
        stack passes) are given (``!Equals [a, b]`` of two literals); else the resolver
        that reads the resource, in which each parameter the condition reads and this
        read gives its default is not known (``IsProd: !Equals [!Ref Env, prod]`` with
        ``Env`` defaulting to ``dev``: a property ``!Ref Env`` is not ``dev`` when the
        resource exists)."""
        key = name if isinstance(name, str) else json.dumps(name, sort_keys=True, default=str)
        if key not in self._held:
            free = self._with(lambda n: n in fixed)
            false = free.condition(name) is False  # first: it notes what the condition reads
            unknown = free.parameters.read - set(fixed) - self.overridden
            reader = None if false else self._with(lambda n: n not in unknown)
            if reader is not None:
                # what it reads, this read reads (``Used``): a read with another value of a
                # parameter only the held resource reads is made again (a held rule's
                # ``CidrIp: !Sub "${AllowedCidr}"`` PASSed on the default, its allowed
                # value 0.0.0.0/0 never read; a ``!Ref`` was noted by ``references``)
                reader.parameters.read = self.parameters.read
            self._held[key] = reader
        found = self._held[key]
        if found is not None:
            found.current = self.current  # a refusal names the resource read
        return found

    def _with(self, keep: Callable[[str], bool]) -> Self:
        """A copy whose parameters not kept are not known (conditions evaluated again)."""
        other = copy.copy(self)
        other.parameters = Parameters({
            n: self.parameters.peek(n) if keep(n) else UNKNOWN for n in self.parameters
        })
        other._conditions = {}
        other._evaluating = set()
        other._held = {}
        return other

    def _attribute_ref(self, target: Any, attribute: Any, depth: int) -> ResourceRef:
        """An attribute of a resource of the template (``Fn::GetAtt``, ``get_attr``)."""
        name = self.resolve(attribute, depth)
        return ResourceRef(str(target), name if isinstance(name, str) else None)


def logic(operator: str, values: Sequence[bool | None]) -> Any:
    """``and``, ``or`` (any other operator) or ``not`` of condition values, ``None`` being
    unknown: UNKNOWN when an unknown value could change the result."""
    if operator == "not":
        return UNKNOWN if len(values) != 1 or values[0] is None else not values[0]
    if operator == "and":
        if any(v is False for v in values):
            return False
        return True if all(v is True for v in values) else UNKNOWN
    if any(v is True for v in values):
        return True
    return False if all(v is False for v in values) else UNKNOWN


def children(
    value: Any, path: str, in_function: bool, is_function: Callable[[str], bool]
) -> Iterator[tuple[Any, str, bool]]:
    """The values nested in ``value``, each with its dotted property path and whether it is
    inside a function's arguments (a function's name and argument list add nothing to a path)."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            if is_function(str(k)):
                yield v, path, True
            else:
                yield v, f"{path}.{k}" if path else str(k), False
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield v, path if in_function else (f"{path}.{i}" if path else str(i)), in_function
