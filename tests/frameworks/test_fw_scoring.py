"""Scoring worked by hand: the numbers in the docstrings are the specification."""

from __future__ import annotations

from pathlib import Path

import pytest
from fw_helpers import ON, finding, frameworks, rule, tenant

from gdcc_audit.models.common import Level, Severity
from gdcc_audit.models.finding import Status
from gdcc_audit.models.framework import ControlStatus, MappingKind
from gdcc_audit.score import score_audit

R_HIGH = rule("T-HIGH-001", Severity.HIGH, "TEST:C1")
R_MED = rule("T-MED-001", Severity.MEDIUM, "TEST:C2")
R_LOW = rule("T-LOW-001", Severity.LOW, "OTHER:X")
EVIDENCE = {"type": "independent_audit", "document": "audit.pdf", "controls": ["TEST:C4"]}


def _findings(system: str | None = "sys") -> list:
    return [
        finding(R_HIGH, "a", Status.PASS, system),
        finding(R_HIGH, "b", Status.PASS, system),
        finding(R_MED, "a", Status.PASS, system),
        finding(R_MED, "b", Status.PASS, system),
        finding(R_MED, "c", Status.PASS, system),
        finding(R_MED, "d", Status.FAIL, system),
        finding(R_LOW, "a", Status.FAIL, system),
    ]


def _score(tmp_path: Path, level: str = "low", evidence_date: str = "2026-06-01"):
    t = tenant(level=level, evidence=[{**EVIDENCE, "date": evidence_date}])
    return score_audit(
        tenants=[t],
        findings=_findings(),
        rules=[R_HIGH, R_MED, R_LOW],
        frameworks=frameworks(tmp_path),
        selected=["TEST"],
        on=ON,
    )


def test_worked_example(tmp_path: Path) -> None:
    """Four controls, weights from severity (high 3, medium 2, low 1, no rule 2):

    C1  T-HIGH-001 (high, w=3): 2 PASS               -> PASS,    credit 1
    C2  T-MED-001 (medium, w=2): 3 PASS, 1 FAIL      -> PARTIAL, credit 0.5 x 3/4 = 0.375
    C3  T-LOW-001 maps OTHER:X, crosswalk X <-> C3 (w=1): 1 FAIL -> FAIL, credit 0
    C4  no rule (w=2), audit evidence 2026-06-01, valid 365 days -> ATTESTED, credit 1

    score    = (3x1 + 2x0.375 + 1x0 + 2x1) / (3 + 2 + 1 + 2) = 5.75 / 8 = 0.71875
    coverage = 4 assessable / 4 applicable = 1.0; automated coverage = 3/4 = 0.75
    """
    result = _score(tmp_path).frameworks[0]
    status = {c.control: (c.status, c.weight, c.credit) for c in result.controls}
    assert status == {
        "C1": (ControlStatus.PASS, 3.0, 1.0),
        "C2": (ControlStatus.PARTIAL, 2.0, 0.375),
        "C3": (ControlStatus.FAIL, 1.0, 0.0),
        "C4": (ControlStatus.ATTESTED, 2.0, 1.0),
    }
    assert result.score == 0.71875
    assert result.coverage == 1.0
    assert result.automated_coverage == 0.75
    c3 = result.control("C3")
    assert c3 is not None
    assert c3.direct is False
    assert [(m.rule_id, m.kind, m.via) for m in c3.mappings] == [
        ("T-LOW-001", MappingKind.CROSSWALK, "OTHER:X")
    ]
    assert c3.findings == {"FAIL": 1}
    assert len(c3.failing) == 1


def test_expired_evidence_is_manual_and_lowers_coverage_not_score(tmp_path: Path) -> None:
    """Evidence of 2025-06-01 expired 2026-06-01 (365 days), before the audit on 2026-11-23:

    C4 -> MANUAL (not assessable). score = (3 + 0.75 + 0) / (3 + 2 + 1) = 3.75 / 6 = 0.625
    coverage = 3 / 4 = 0.75
    """
    result = _score(tmp_path, evidence_date="2025-06-01").frameworks[0]
    c4 = result.control("C4")
    assert c4 is not None
    assert c4.status == ControlStatus.MANUAL
    assert [e.valid for e in c4.evidence] == [False]
    assert result.score == 0.625
    assert result.coverage == 0.75
    assert result.counts[ControlStatus.MANUAL] == 1


def test_grade_weighs_failures_by_category(tmp_path: Path) -> None:
    """Grade = Σ w·credit / Σ (w·credit + w·(1-credit)·m), m = 1 / 1.5 / 2 for low / medium / high.

    earned = 3 + 0.75 + 0 + 2 = 5.75; losses: C2 2 x 0.625 = 1.25, C3 1 x 1 = 1.
    low:  5.75 / (5.75 + 1.25 + 1)         = 5.75 / 8     = 0.71875  -> C
    high: 5.75 / (5.75 + 2 x 1.25 + 2 x 1) = 5.75 / 10.25 = 0.560976 -> F
    """
    low = _score(tmp_path, level="low").grade
    high = _score(tmp_path, level="high").grade
    assert low is not None
    assert high is not None
    assert (low.score, low.letter, low.level) == (0.71875, "C", Level.LOW)
    assert (high.score, high.letter, high.level) == (0.560976, "F", Level.HIGH)
    assert high.coverage == 1.0
    assert not high.provisional


@pytest.mark.parametrize(
    ("statuses", "expected", "credit"),
    [
        ((Status.PASS, Status.PASS, Status.UNKNOWN), ControlStatus.MANUAL, 0.0),
        ((Status.UNKNOWN,), ControlStatus.MANUAL, 0.0),
        ((Status.UNKNOWN, Status.FAIL), ControlStatus.FAIL, 0.0),
        ((Status.PASS, Status.FAIL, Status.UNKNOWN, Status.UNKNOWN), ControlStatus.PARTIAL, 0.125),
        ((Status.PASS, Status.ERROR), ControlStatus.ERROR, 0.0),
        ((Status.ERROR, Status.FAIL), ControlStatus.FAIL, 0.0),
        ((Status.NOT_APPLICABLE,), ControlStatus.MANUAL, 0.0),
        ((Status.PASS, Status.NOT_APPLICABLE), ControlStatus.PASS, 1.0),
    ],
)
def test_unknown_and_error_never_pass(
    tmp_path: Path, statuses: tuple[Status, ...], expected: ControlStatus, credit: float
) -> None:
    """UNKNOWN keeps a control from PASS (MANUAL unless something failed); PARTIAL credit is
    0.5 x passed / decided-or-not findings, e.g. 1 PASS of 4 -> 0.5 x 1/4 = 0.125."""
    found = [finding(R_HIGH, f"r{i}", s) for i, s in enumerate(statuses)]
    scores = score_audit(
        tenants=[tenant()],
        findings=found,
        rules=[R_HIGH],
        frameworks=frameworks(tmp_path),
        selected=["TEST"],
        on=ON,
    )
    c1 = scores.frameworks[0].control("C1")
    assert c1 is not None
    assert (c1.status, c1.credit) == (expected, credit)


def test_unknown_with_valid_evidence_is_attested(tmp_path: Path) -> None:
    evidence = [{**EVIDENCE, "controls": ["TEST:C1"], "date": "2026-10-01"}]
    scores = score_audit(
        tenants=[tenant(evidence=evidence)],
        findings=[finding(R_HIGH, "a", Status.UNKNOWN)],
        rules=[R_HIGH],
        frameworks=frameworks(tmp_path),
        on=ON,
    )
    result = next(f for f in scores.frameworks if f.framework == "TEST")
    assert result.control("C1").status == ControlStatus.ATTESTED  # type: ignore[union-attr]


def test_fail_beats_evidence(tmp_path: Path) -> None:
    evidence = [{**EVIDENCE, "controls": ["TEST:C1"], "date": "2026-10-01"}]
    scores = score_audit(
        tenants=[tenant(evidence=evidence)],
        findings=[finding(R_HIGH, "a", Status.FAIL)],
        rules=[R_HIGH],
        frameworks=frameworks(tmp_path),
        selected=["TEST"],
        on=ON,
    )
    assert scores.frameworks[0].control("C1").status == ControlStatus.FAIL  # type: ignore[union-attr]


def test_nothing_assessable_has_no_score(tmp_path: Path) -> None:
    scores = score_audit(
        tenants=[tenant()],
        findings=[],
        rules=[],
        frameworks=frameworks(tmp_path),
        selected=["TEST"],
        on=ON,
    )
    result = scores.frameworks[0]
    assert (result.score, result.coverage, result.counts[ControlStatus.MANUAL]) == (None, 0.0, 4)
    grade = scores.grade
    assert grade is not None
    assert (grade.letter, grade.provisional) == ("-", True)
    assert grade.note is not None
    # as the rest of a Thai report writes a percentage ("37 %"; it said "0%")
    assert (grade.note.en, grade.note.th) == (
        "provisional: only 0% of applicable controls could be assessed",
        "ผลเบื้องต้น: ประเมินได้เพียง 0 % ของมาตรการที่ใช้บังคับ",
    )


def test_findings_split_by_tenant(tmp_path: Path) -> None:
    """Two tenants: each gets its own results from its own resources' findings."""
    t1, t2 = tenant(tenant_id="t1"), tenant(tenant_id="t2")
    found = [
        finding(R_HIGH, "a", Status.PASS, tenant="t1"),
        finding(R_HIGH, "a", Status.FAIL, tenant="t2"),
    ]
    scores = score_audit(
        tenants=[t1, t2],
        findings=found,
        rules=[R_HIGH],
        frameworks=frameworks(tmp_path),
        selected=["TEST"],
        on=ON,
        tenant_of={"t1/a": "t1", "t2/a": "t2"},
    )
    by_tenant = {f.tenant: f.control("C1").status for f in scores.frameworks}  # type: ignore[union-attr]
    assert by_tenant == {"t1": ControlStatus.PASS, "t2": ControlStatus.FAIL}
    assert scores.grade is not None
    assert scores.grade.tenant == "t2"
