"""Requirement-based results: the status of every control of every framework, and the grade.

These are data only; ``gdcc_audit.score`` computes them and reporters read them. See
``docs/frameworks.md`` for the exact rules that turn findings and evidence into a status.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field

from gdcc_audit.models.common import FrozenModel, Level, Severity, Text


class ControlStatus(StrEnum):
    """The verdict on one control (requirement) for one tenant."""

    PASS = "PASS"  # every decided finding of its rules passed
    FAIL = "FAIL"  # its rules failed and none passed
    PARTIAL = "PARTIAL"  # some findings failed, some passed
    MANUAL = "MANUAL"  # no automated verdict and no valid evidence: needs an auditor
    ATTESTED = "ATTESTED"  # valid (unexpired) evidence in the tenant manifest names it
    NOT_APPLICABLE = "NOT_APPLICABLE"  # outside the tenant's profile
    ERROR = "ERROR"  # a rule mapped to it crashed and nothing failed

    @property
    def assessable(self) -> bool:
        """True when the status carries a verdict that enters the score."""
        return self in _ASSESSABLE


_ASSESSABLE = frozenset(
    {ControlStatus.PASS, ControlStatus.FAIL, ControlStatus.PARTIAL, ControlStatus.ATTESTED}
)


class MappingKind(StrEnum):
    """How a rule reaches a control: named by the rule, or linked through the crosswalk."""

    DIRECT = "direct"
    CROSSWALK = "crosswalk"


class InstrumentStatus(StrEnum):
    """Legal status of an instrument (Thai instruments; international standards are in force)."""

    IN_FORCE = "in_force"
    DRAFT = "draft"
    HISTORICAL = "historical"


class Confidence(StrEnum):
    """Confidence label of ``thai-standards.md``: [H] high, [M] medium, [L] low, [INF] inference."""

    H = "H"
    M = "M"
    L = "L"
    INF = "INF"


class RuleMapping(FrozenModel):
    """One rule that counts for a control; ``via`` is the control the rule names (crosswalk)."""

    rule_id: str
    kind: MappingKind
    via: str | None = Field(default=None, description="FRAMEWORK:CONTROL the crosswalk came from")
    severity: Severity


class EvidenceUse(FrozenModel):
    """A manifest evidence item that names this control, and whether it still counts."""

    document: str
    type: str
    date: dt.date
    expires_on: dt.date
    valid: bool
    attestor: str | None = None
    system: str | None = None


class ControlResult(FrozenModel):
    """The status of one control, with what led to it."""

    framework: str
    control: str
    title: Text
    parent: str | None = None
    status: ControlStatus
    weight: float = Field(ge=0, description="From the highest severity of the mapped rules")
    credit: float = Field(
        ge=0,
        le=1,
        description="Share of the weight earned: PASS/ATTESTED 1, FAIL 0, PARTIAL <= 0.5",
    )
    mappings: tuple[RuleMapping, ...] = ()
    findings: dict[str, int] = Field(
        default_factory=dict, description="Counts of the mapped rules' findings by finding status"
    )
    failing: tuple[str, ...] = Field(default=(), description="Fingerprints of FAIL/ERROR findings")
    waived: tuple[str, ...] = Field(
        default=(),
        description="Fingerprints of waived FAIL/ERROR findings, left out of the status",
    )
    evidence: tuple[EvidenceUse, ...] = ()
    reason: Text | None = Field(default=None, description="Why NOT_APPLICABLE, MANUAL or ERROR")
    source: str | None = Field(default=None, description="Instrument and clause (Thai controls)")
    confidence: Confidence | None = None
    failing_level: Level | None = Field(
        default=None, description="Highest NCSC category among systems where it failed"
    )

    @property
    def id(self) -> str:
        """``FRAMEWORK:CONTROL``."""
        return f"{self.framework}:{self.control}"

    @property
    def rule_ids(self) -> tuple[str, ...]:
        """Ids of the rules that count for this control, direct ones first."""
        return tuple(m.rule_id for m in self.mappings)

    @property
    def direct(self) -> bool:
        """True when at least one rule names this control itself."""
        return any(m.kind == MappingKind.DIRECT for m in self.mappings)


class FrameworkResult(FrozenModel):
    """One framework scored for one tenant: score always with its coverage."""

    framework: str
    tenant: str | None = None
    title: Text
    version: str
    kind: str = Field(description="international or thai")
    status: InstrumentStatus = InstrumentStatus.IN_FORCE
    confidence: Confidence | None = None
    profile: Text = Field(description="Which control set applies to this tenant, and why")
    score: float | None = Field(
        default=None, ge=0, le=1, description="Σ weight·credit / Σ weight over assessable controls"
    )
    coverage: float = Field(ge=0, le=1, description="assessable / applicable controls")
    automated_coverage: float = Field(
        ge=0, le=1, description="controls decided by rules (not evidence) / applicable controls"
    )
    total: int = Field(ge=0, description="Controls in the catalog")
    applicable: int = Field(ge=0, description="Controls in the tenant's profile")
    assessable: int = Field(ge=0)
    counts: dict[ControlStatus, int] = Field(default_factory=dict)
    controls: tuple[ControlResult, ...] = ()

    def control(self, control_id: str) -> ControlResult | None:
        """The result of one control."""
        return next((c for c in self.controls if c.control == control_id), None)


class TenantGrade(FrozenModel):
    """A posture grade that weighs failures by the NCSC security category of the failing system."""

    tenant: str | None = None
    level: Level | None = Field(default=None, description="Highest NCSC category of the tenant")
    score: float | None = Field(default=None, ge=0, le=1)
    coverage: float = Field(ge=0, le=1)
    letter: str = Field(description="A, B, C, D, F, or '-' when nothing could be assessed")
    provisional: bool = Field(description="True when coverage is below 50 %")
    frameworks: tuple[str, ...] = Field(default=(), description="Frameworks the grade is over")
    note: Text | None = None
