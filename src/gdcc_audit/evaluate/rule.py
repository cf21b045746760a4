"""What a rule is at run time: metadata plus a pure check function."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.rule import RuleMeta

if TYPE_CHECKING:
    from gdcc_audit.graph.model import ResourceGraph
    from gdcc_audit.models.tenant import System, Tenant
    from gdcc_audit.settings import Settings


@dataclass(frozen=True, slots=True)
class Outcome:
    """One verdict a check returns. ``key`` tells apart several verdicts on one resource."""

    status: Status
    message: Text | None = None
    evidence: Mapping[str, Any] = field(default_factory=dict)
    key: str = ""


def passed(message: Text | None = None, key: str = "", **evidence: Any) -> Outcome:
    """A PASS outcome."""
    return Outcome(Status.PASS, message, evidence, key)


def failed(message: Text | None = None, key: str = "", **evidence: Any) -> Outcome:
    """A FAIL outcome."""
    return Outcome(Status.FAIL, message, evidence, key)


def unknown(message: Text | None = None, key: str = "", **evidence: Any) -> Outcome:
    """An UNKNOWN outcome: a fact the rule needs is not known."""
    return Outcome(Status.UNKNOWN, message, evidence, key)


def not_applicable(message: Text | None = None, key: str = "", **evidence: Any) -> Outcome:
    """A NOT_APPLICABLE outcome decided by the check itself."""
    return Outcome(Status.NOT_APPLICABLE, message, evidence, key)


@dataclass(frozen=True)
class RuleContext:
    """Everything a check may look at besides the resource. Checks never do I/O."""

    settings: Settings
    now: dt.datetime
    tenant: Tenant | None
    system: System | None
    graph: ResourceGraph
    params: Mapping[str, Any]

    @property
    def today(self) -> dt.date:
        """The audit date."""
        return self.now.date()


CheckResult = Outcome | Iterable[Outcome]
CheckFn = Callable[[Resource, RuleContext], CheckResult]


def reads(*facets: str) -> Callable[[CheckFn], CheckFn]:
    """Decorator naming the facets a Python check judges: a resource whose type does not
    have them (``Resource.absent``) is NOT_APPLICABLE to the rule, as for a declarative
    rule on those facets."""

    def mark(check: CheckFn) -> CheckFn:
        check.reads = frozenset(facets)  # type: ignore[attr-defined]
        return check

    return mark


def facets_read(check: CheckFn) -> frozenset[str]:
    """The facets a check declared with :func:`reads` (empty: not declared)."""
    found: object = getattr(check, "reads", None)
    return found if isinstance(found, frozenset) else frozenset()


@dataclass(frozen=True)
class Rule:
    """A rule ready to run: metadata and the check that implements it. ``reads`` names the
    facets the check judges (for per-type applicability, see ``Resource.absent``)."""

    meta: RuleMeta
    check: CheckFn
    reads: frozenset[str] = frozenset()

    @property
    def id(self) -> str:
        """The rule id."""
        return self.meta.id


def rule(**meta: Any) -> Callable[[CheckFn], Rule]:
    """Decorator turning a check function into a ``Rule``; it registers nothing.

    The keyword arguments are ``RuleMeta`` fields. A plugin returns the rules from its
    ``register_rules`` hook.
    """

    def wrap(check: CheckFn) -> Rule:
        return Rule(RuleMeta.model_validate(meta), check, facets_read(check))

    return wrap
