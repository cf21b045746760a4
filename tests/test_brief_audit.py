"""``audit(brief=True)`` (the pre-commit hook's run) judges exactly what a full audit judges."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_brief_audit_has_the_same_findings_inputs_and_rules_without_scores() -> None:
    paths = [FIXTURES / "graph" / "terraform" / "exposed", FIXTURES / "manifests" / "minimal.yaml"]
    settings = Settings(now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    full = audit(paths, settings)
    brief = audit(paths, settings, brief=True)
    assert full.frameworks
    assert full.grade is not None
    assert full.graph is not None
    assert (brief.frameworks, brief.grade, brief.grades, brief.graph) == ((), None, (), None)
    left = full.model_dump(exclude={"frameworks", "grade", "grades", "graph"})
    right = brief.model_dump(exclude={"frameworks", "grade", "grades", "graph"})
    assert left == right
    assert any(f.rule_id == "GDCC-GRAPH-001" and f.is_failure for f in brief.findings)
