"""Framework score and coverage, and the tenant grade (pure functions).

score    = Σ weight·credit / Σ weight   over assessable controls (PASS, FAIL, PARTIAL, ATTESTED)
coverage = assessable / applicable      (MANUAL and ERROR lower coverage, never the score)
grade    = the same ratio per in-force framework, with each failure's loss multiplied by the NCSC
           category of the system where it failed (low 1, medium 1.5, high 2), averaged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from gdcc_audit.frameworks.catalog import Catalog
from gdcc_audit.models.common import Level, Text
from gdcc_audit.models.framework import (
    ControlResult,
    ControlStatus,
    FrameworkResult,
    InstrumentStatus,
    TenantGrade,
)

#: How much more a failure costs on a system of this NCSC category.
CATEGORY_MULTIPLIER: dict[Level, float] = {Level.LOW: 1.0, Level.MEDIUM: 1.5, Level.HIGH: 2.0}
#: Lower bounds of the grade letters.
LETTERS: tuple[tuple[float, str], ...] = ((0.9, "A"), (0.8, "B"), (0.7, "C"), (0.6, "D"))
#: Below this coverage a grade is provisional.
PROVISIONAL_BELOW = 0.5
_AUTOMATED = frozenset({ControlStatus.PASS, ControlStatus.FAIL, ControlStatus.PARTIAL})


def _ratio(numerator: float, denominator: float) -> float | None:
    return round(numerator / denominator, 6) if denominator else None


def framework_result(
    catalog: Catalog, controls: Sequence[ControlResult], *, tenant: str | None, profile: Text
) -> FrameworkResult:
    """Score, coverage and counts of one framework for one tenant."""
    counts = Counter(c.status for c in controls)
    applicable = len(controls) - counts[ControlStatus.NOT_APPLICABLE]
    assessable = [c for c in controls if c.status.assessable]
    automated = sum(counts[s] for s in _AUTOMATED)
    meta = catalog.framework
    return FrameworkResult(
        framework=meta.id,
        tenant=tenant,
        title=meta.title,
        version=meta.version,
        kind=meta.kind,
        status=meta.status,
        confidence=meta.confidence,
        profile=profile,
        score=_ratio(
            sum(c.weight * c.credit for c in assessable), sum(c.weight for c in assessable)
        ),
        coverage=_ratio(len(assessable), applicable) or 0.0,
        automated_coverage=_ratio(automated, applicable) or 0.0,
        total=len(controls),
        applicable=applicable,
        assessable=len(assessable),
        counts={status: counts[status] for status in ControlStatus},
        controls=tuple(controls),
    )


def adjusted_score(result: FrameworkResult, default: Level) -> float | None:
    """The framework score with each control's loss weighted by its failing category."""
    earned = lost = 0.0
    for control in result.controls:
        if not control.status.assessable:
            continue
        level = control.failing_level or default
        earned += control.weight * control.credit
        lost += control.weight * (1 - control.credit) * CATEGORY_MULTIPLIER[level]
    return _ratio(earned, earned + lost)


def letter(score: float | None) -> str:
    """A to F; ``-`` when nothing could be assessed."""
    if score is None:
        return "-"
    return next((mark for bound, mark in LETTERS if score >= bound), "F")


def tenant_grade(
    results: Sequence[FrameworkResult], *, tenant: str | None, level: Level | None, default: Level
) -> TenantGrade:
    """The grade over in-force frameworks (drafts and historical instruments are left out)."""
    counted = [r for r in results if r.status == InstrumentStatus.IN_FORCE and r.applicable]
    scores = [s for s in (adjusted_score(r, default) for r in counted) if s is not None]
    score = round(sum(scores) / len(scores), 6) if scores else None
    coverage = round(sum(r.coverage for r in counted) / len(counted), 6) if counted else 0.0
    provisional = coverage < PROVISIONAL_BELOW
    note = None
    if provisional:
        note = Text(
            en=f"provisional: only {coverage:.0%} of applicable controls could be assessed",
            # Thai reports write "37 %" (report.view.percent)
            th=f"ผลเบื้องต้น: ประเมินได้เพียง {coverage * 100:.0f} % ของมาตรการที่ใช้บังคับ",
        )
    return TenantGrade(
        tenant=tenant,
        level=level,
        score=score,
        coverage=coverage,
        letter=letter(score),
        provisional=provisional,
        frameworks=tuple(r.framework for r in counted),
        note=note,
    )
