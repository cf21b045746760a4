"""Declarative rule conditions with three-valued logic (PASS / FAIL / UNKNOWN).

A condition is data::

    {facet: encrypted_at_rest, equals: true}
    {all: [cond, ...]}   {any: [cond, ...]}   {not: cond}
    {facet: log_retention_days, gte: {param: min_days}}
    {graph: internet_reachable, equals: false}   # graph questions: see graph_conditions.py

A facet whose value is ``None`` (not known) makes its leaf UNKNOWN, never PASS or FAIL.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from gdcc_audit.errors import RuleError
from gdcc_audit.models import facet_words
from gdcc_audit.models.common import Text
from gdcc_audit.models.facet_words import Words, show, words_for
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import FACET_NAMES, Resource

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph


def _version(value: Any) -> tuple[int, ...]:
    digits = str(value).lower().replace("tlsv", "").replace("tls", "").replace("_", ".")
    return tuple(int(p) for p in digits.strip(" .v").split(".") if p.isdigit())


_OPERATORS: dict[str, tuple[Callable[[Any, Any], bool], str, str]] = {
    "equals": (lambda a, b: a == b, "must be {b}", "ต้องเป็น {b}"),
    "not_equals": (lambda a, b: a != b, "must not be {b}", "ต้องไม่เป็น {b}"),
    "in": (lambda a, b: a in b, "must be one of {b}", "ต้องเป็นค่าใดค่าหนึ่งใน {b}"),
    "not_in": (lambda a, b: a not in b, "must not be one of {b}", "ต้องไม่เป็นค่าใดใน {b}"),
    "gte": (lambda a, b: a >= b, "must be at least {b}", "ต้องไม่น้อยกว่า {b}"),
    "lte": (lambda a, b: a <= b, "must be at most {b}", "ต้องไม่มากกว่า {b}"),
    "gt": (lambda a, b: a > b, "must be more than {b}", "ต้องมากกว่า {b}"),
    "lt": (lambda a, b: a < b, "must be less than {b}", "ต้องน้อยกว่า {b}"),
    "version_gte": (
        lambda a, b: _version(a) >= _version(b),
        "must be version {b} or later",
        "ต้องเป็นเวอร์ชัน {b} ขึ้นไป",
    ),
    "empty": (
        lambda a, b: (len(a) == 0) == b,
        "must be empty",
        "ต้องว่าง",
    ),
}


@dataclass(frozen=True)
class Verdict:
    """The result of a condition: status, why, and the facet values it read."""

    status: Status
    reason: Text | None
    evidence: dict[str, Any]
    #: On PASS, what was found to hold (``access logging is on``): the reason a ``not``
    #: of this condition gives when it fails, and an ``any``'s PASS message. Given as the
    #: function that words it, called only when read (:attr:`holds`): most PASSes are
    #: counted, not worded.
    found: Text | Callable[[], Text] | None = None

    @property
    def holds(self) -> Text | None:
        """What was found to hold (see :attr:`found`), worded now."""
        return self.found() if callable(self.found) else self.found


class Condition:
    """A compiled condition tree."""

    def evaluate(
        self, resource: Resource, params: Mapping[str, Any], graph: ResourceGraph | None = None
    ) -> Verdict:
        """Judge the resource."""
        raise NotImplementedError

    def facets(self) -> set[str]:
        """Facet names this condition reads."""
        raise NotImplementedError


@dataclass(frozen=True)
class _Leaf(Condition):
    facet: str
    op: str
    expected: Any

    def _expected(self, params: Mapping[str, Any]) -> Any:
        if isinstance(self.expected, dict) and set(self.expected) == {"param"}:
            return params[self.expected["param"]]
        return self.expected

    def evaluate(
        self, resource: Resource, params: Mapping[str, Any], graph: ResourceGraph | None = None
    ) -> Verdict:
        value = getattr(resource.facets, self.facet)
        evidence = {self.facet: value if not isinstance(value, tuple) else list(value)}
        expected = self._expected(params)
        words = words_for(self.facet, resource.kind)
        if value is None:
            return Verdict(Status.UNKNOWN, not_known_reason(self.facet, resource.kind), evidence)
        verdict = compare(self.facet, value, self.op, expected, evidence, words=words)
        if verdict.status == Status.FAIL:
            return _name_statements(
                _name_containers(verdict, resource, self.facet), resource, graph
            )
        return verdict

    def facets(self) -> set[str]:
        return {self.facet}


def not_known_reason(facet: str, kind: str | None = None) -> Text:
    """What an UNKNOWN on ``facet`` (of a resource of ``kind``) says: "whether encryption at
    rest is on is not known from the input" (its words in
    :mod:`gdcc_audit.models.facet_words`), else the generic "<facet> is not known from the
    input"."""
    words = words_for(facet, kind)
    if words is None:
        return Text(
            en=f"{facet} is not known from the input",
            th=f"ไม่ทราบค่า {facet} จากข้อมูลนำเข้า",
        )
    en, th = facet_words.not_known(words)
    return Text(en=en, th=th)


def _name_containers(verdict: Verdict, resource: Resource, facet: str) -> Verdict:
    """A failing verdict on a workload facet names the containers at fault (evidence
    ``containers``), so the user knows which one to fix."""
    named = (resource.facets.containers_at_fault or {}).get(facet)
    if not named or verdict.reason is None:
        return verdict
    reason = naming_containers(verdict.reason, named)
    return Verdict(verdict.status, reason, {**verdict.evidence, "containers": list(named)})


#: Facets decided by the statements of a permission policy (``Facets.permissions``).
_STATEMENT_FACETS = frozenset({"wildcard_permissions"})


def _wildcard_grants(resource: Resource) -> list[str]:
    """What the resource's statements grant by wildcard; when its permissions are not known
    only because a managed policy it names is not (``permissions_unread``), the statements
    read (``permissions_read``): a role holding AmazonS3FullAccess beside a policy not listed
    FAILs naming it."""
    facets = resource.facets
    statements = facets.permissions if facets.permissions is not None else facets.permissions_read
    return [g for s in statements or () if (g := s.wildcard_grant()) is not None]


def _name_statements(
    verdict: Verdict, resource: Resource, graph: ResourceGraph | None
) -> Verdict:
    """A failing verdict on wildcard permissions names what grants them (evidence
    ``statements``): the resource's own statements, and for a role, user or group the
    policies attached to it that grant a wildcard (``policy ADDRESS: ...``)."""
    if verdict.reason is None or not _STATEMENT_FACETS & set(verdict.evidence):
        return verdict
    granted = _wildcard_grants(resource)
    if graph is not None and resource.kind in _PRINCIPAL_KINDS:
        attached = {
            p.id: p
            for p in (
                *graph.references(resource, "identity.policy"),
                *graph.referrers(resource, "identity.policy"),
            )
            if p.facets.wildcard_permissions
        }
        for policy in attached.values():
            own = _wildcard_grants(policy)
            name = policy.address or policy.name
            granted.append(f"policy {name}: {'; '.join(own)}" if own else f"policy {name}")
    if not granted:
        return verdict
    listed = "; ".join(granted)
    reason = Text(
        en=f"{verdict.reason.en}: {listed}",
        th=f"{verdict.reason.th}: {listed}",
    )
    return Verdict(verdict.status, reason, {**verdict.evidence, "statements": granted})


_PRINCIPAL_KINDS = frozenset({"identity.role", "identity.user", "identity.group"})


def naming_containers(reason: Text, names: Sequence[str]) -> Text:
    """``reason`` followed by the containers at fault, in both languages."""
    listed = ", ".join(names)
    return Text(en=f"{reason.en} (containers: {listed})", th=f"{reason.th} (คอนเทนเนอร์: {listed})")


def compare(
    label: str,
    value: Any,
    op: str,
    expected: Any,
    evidence: dict[str, Any],
    detail: str = "",
    words: Words | None = None,
) -> Verdict:
    """PASS when ``value OP expected`` holds, else FAIL saying what ``label`` is and must be
    (``detail``, e.g. the path found, is added to the reason). With ``words`` (the facet's
    entry in :mod:`gdcc_audit.models.facet_words`) the reason says what was found in plain
    words ("encryption at rest is off"); without, or when the entry does not word this
    comparison, the generic "``label`` is VALUE; it must be EXPECTED"."""
    func, en, th = _OPERATORS[op]
    if func(value, expected):
        return Verdict(Status.PASS, None, evidence, partial(_holding, label, value, detail, words))
    said = facet_words.failed(words, value, op, expected) if words is not None else None
    if said is None:
        shown = show(expected)
        said = (
            f"{label} is {show(value)}; it {en.format(b=shown)}",
            f"ค่า {label} คือ {show(value)} ซึ่ง{th.format(b=shown)}",
        )
    return Verdict(Status.FAIL, Text(en=f"{said[0]}{detail}", th=f"{said[1]}{detail}"), evidence)


def _holding(label: str, value: Any, detail: str, words: Words | None) -> Text:
    """What a PASS of :func:`compare` found to hold: "access logging is on" (``words``),
    else "``label`` is VALUE"."""
    said = facet_words.found(words, value) if words is not None else None
    if said is None:
        said = (f"{label} is {show(value)}", f"ค่า {label} คือ {show(value)}")
    return Text(en=f"{said[0]}{detail}", th=f"{said[1]}{detail}")


@dataclass(frozen=True)
class _All(Condition):
    children: tuple[Condition, ...]

    def evaluate(
        self, resource: Resource, params: Mapping[str, Any], graph: ResourceGraph | None = None
    ) -> Verdict:
        verdicts = [c.evaluate(resource, params, graph) for c in self.children]
        evidence = {k: v for verdict in verdicts for k, v in verdict.evidence.items()}
        for wanted in (Status.FAIL, Status.UNKNOWN):
            for verdict in verdicts:
                if verdict.status == wanted:
                    return Verdict(wanted, verdict.reason, evidence)
        return Verdict(Status.PASS, None, evidence)

    def facets(self) -> set[str]:
        return set().union(*(c.facets() for c in self.children))


@dataclass(frozen=True)
class _Any(Condition):
    children: tuple[Condition, ...]

    def evaluate(
        self, resource: Resource, params: Mapping[str, Any], graph: ResourceGraph | None = None
    ) -> Verdict:
        verdicts = [c.evaluate(resource, params, graph) for c in self.children]
        evidence = {k: v for verdict in verdicts for k, v in verdict.evidence.items()}
        passed = next((v for v in verdicts if v.status == Status.PASS), None)
        if passed is not None:
            # the alternative that holds is the reason ("the zone is private" for a zone
            # DNSSEC is asked of only when public): the PASS message says it, and rests on
            # its evidence alone, so that what decided another alternative is not added to
            # it (an internal load balancer's GDCC-GRAPH-013 PASS said its backend "writes
            # no request logs")
            holds = passed.holds
            return Verdict(Status.PASS, holds, dict(passed.evidence), holds)
        unknown = next((v for v in verdicts if v.status == Status.UNKNOWN), None)
        if unknown is not None:
            return Verdict(Status.UNKNOWN, unknown.reason, evidence)
        reasons = [v.reason for v in verdicts if v.reason is not None]
        if any(isinstance(c, _Not) for c in self.children):
            # "not A or B" reads as "A, so B is required": say what A found, then B's reason
            return Verdict(Status.FAIL, Text(
                en="; ".join(r.en for r in reasons), th="; ".join(r.th for r in reasons)
            ), evidence)
        # each alternative says what was found: "it has administrator privileges and MFA is
        # not required"
        reason = Text(
            en=" and ".join(r.en for r in reasons), th=" และ".join(r.th for r in reasons)
        )
        return Verdict(Status.FAIL, reason, evidence)

    def facets(self) -> set[str]:
        return set().union(*(c.facets() for c in self.children))


@dataclass(frozen=True)
class _Not(Condition):
    child: Condition

    def evaluate(
        self, resource: Resource, params: Mapping[str, Any], graph: ResourceGraph | None = None
    ) -> Verdict:
        verdict = self.child.evaluate(resource, params, graph)
        if verdict.status == Status.PASS:
            reason = verdict.holds or Text(
                en="the negated condition holds", th="เงื่อนไขที่ห้ามเป็นจริง"
            )
            return Verdict(Status.FAIL, reason, verdict.evidence)
        if verdict.status == Status.FAIL:
            # what the negated condition found is what holds ("it is not reachable from
            # the internet")
            return Verdict(Status.PASS, None, verdict.evidence, verdict.reason)
        return verdict

    def facets(self) -> set[str]:
        return self.child.facets()


def compile_condition(spec: Any, where: str, params: Mapping[str, Any]) -> Condition:
    """Validate and compile a condition; errors name ``where`` (file and rule id)."""
    if not isinstance(spec, dict) or not spec:
        raise RuleError(f"{where}: a condition must be a non-empty mapping, got {spec!r}")
    if set(spec) == {"all"} or set(spec) == {"any"}:
        ((name, children),) = spec.items()
        if not isinstance(children, list) or not children:
            raise RuleError(f"{where}: '{name}' needs a non-empty list of conditions")
        compiled = tuple(compile_condition(c, where, params) for c in children)
        return _All(compiled) if name == "all" else _Any(compiled)
    if set(spec) == {"not"}:
        return _Not(compile_condition(spec["not"], where, params))
    if "graph" in spec:
        from gdcc_audit.evaluate.graph_conditions import compile_graph_condition

        return compile_graph_condition(spec, where, params)
    facet = spec.get("facet")
    if facet not in FACET_NAMES:
        raise RuleError(f"{where}: unknown facet {facet!r}")
    op, expected = operator_of(spec, {"facet"}, f"facet {facet!r}", where, params)
    return _Leaf(facet, op, expected)


def operator_of(
    spec: Mapping[str, Any],
    keys: set[str],
    subject: str,
    where: str,
    params: Mapping[str, Any],
) -> tuple[str, Any]:
    """The one operator of a leaf (every key but ``keys``) and its expected value, which may
    name a parameter of the rule (``{param: name}``)."""
    ops = [k for k in spec if k not in keys]
    if len(ops) != 1 or ops[0] not in _OPERATORS:
        raise RuleError(
            f"{where}: {subject} needs exactly one operator of {sorted(_OPERATORS)}, "
            f"got {ops}"
        )
    expected = spec[ops[0]]
    names_param = isinstance(expected, dict) and set(expected) == {"param"}
    if isinstance(expected, dict) and not (names_param and expected["param"] in params):
        raise RuleError(f"{where}: {expected!r} names no parameter of the rule")
    return ops[0], expected
