"""The default JSON result counts PASS and NOT_APPLICABLE findings per rule; --full-findings
lists every one. Failures, unknowns, scores and the other formats are unchanged."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models import AuditResult, Status
from gdcc_audit.models.result_layout import expanded
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

MINIMAL = str(Path(__file__).parent.parent / "fixtures" / "manifests" / "minimal.yaml")
NOW = "2026-11-23"


def _scan(tmp_path: Path, name: str, *extra: str) -> dict:  # type: ignore[type-arg]
    target = tmp_path / name
    run(["scan", MINIMAL, "-q", "--now", NOW, "--format", "json", "-o", str(target), *extra])
    # the models' shape: positions in the compact layout differ between grouped and full
    data: dict = expanded(json.loads(target.read_text(encoding="utf-8")))  # type: ignore[type-arg]
    return data


def test_default_json_counts_pass_and_not_applicable_per_rule(tmp_path: Path) -> None:
    grouped = _scan(tmp_path, "grouped.json")
    full = _scan(tmp_path, "full.json", "--full-findings")

    assert grouped["grouped_statuses"] == ["PASS", "NOT_APPLICABLE"]
    assert full["grouped_statuses"] == []
    assert full["finding_groups"] == []
    listed = {f["status"] for f in grouped["findings"]}
    assert listed == {"FAIL", "UNKNOWN"}  # the fixture has no ERROR
    # Every FAIL/UNKNOWN finding is kept whole, byte for byte.
    kept = [f for f in full["findings"] if f["status"] not in ("PASS", "NOT_APPLICABLE")]
    assert grouped["findings"] == kept
    # The groups are exactly the per-rule counts of the full list.
    assert grouped["finding_groups"] == [
        {"count": 1, "rule_id": "GDCC-DATA-003", "severity": "high", "status": "PASS"},
        {"count": 1, "rule_id": "GDCC-EVD-002", "severity": "high", "status": "NOT_APPLICABLE"},
        {"count": 1, "rule_id": "GDCC-EVD-005", "severity": "medium", "status": "NOT_APPLICABLE"},
        {"count": 1, "rule_id": "GDCC-GOV-001", "severity": "high", "status": "PASS"},
        {"count": 1, "rule_id": "GDCC-GOV-003", "severity": "medium", "status": "PASS"},
        {"count": 1, "rule_id": "GDCC-GOV-004", "severity": "medium", "status": "PASS"},
        {"count": 1, "rule_id": "GDCC-GOV-006", "severity": "high", "status": "NOT_APPLICABLE"},
        # the system declares no data flow
        {"count": 1, "rule_id": "GDCC-GRAPH-015", "severity": "high", "status": "NOT_APPLICABLE"},
        {"count": 1, "rule_id": "GDCC-NET-001", "severity": "high", "status": "PASS"},
    ]
    # Scores, grade and everything else are the same.
    for key in ("frameworks", "grade", "grades", "resources", "inputs", "rules", "waivers"):
        assert grouped[key] == full[key], key


def test_counts_survive_the_round_trip(tmp_path: Path) -> None:
    direct = audit([MINIMAL], Settings(now=f"{NOW}T00:00:00Z"))  # type: ignore[arg-type]
    grouped = AuditResult.model_validate_json(result_to_json(direct))
    full = AuditResult.model_validate_json(result_to_json(direct, full_findings=True))
    for status in Status:
        assert grouped.count(status) == full.count(status) == direct.count(status), status
    assert direct.count(Status.PASS) == 5
    assert direct.count(Status.NOT_APPLICABLE) == 4  # GDCC-GRAPH-015: no declared data flow
    assert [f.fingerprint for f in grouped.failures()] == [
        f.fingerprint for f in direct.failures()
    ]
    # Grouping twice changes nothing; a grouped result groups nothing more.
    assert grouped.grouped() is grouped


def test_sarif_from_a_grouped_result_equals_sarif_from_the_scan(tmp_path: Path) -> None:
    saved = tmp_path / "result.json"
    run(["scan", MINIMAL, "-q", "--now", NOW, "--format", "json", "-o", str(saved)])
    direct = tmp_path / "direct.sarif"
    run(["scan", MINIMAL, "-q", "--now", NOW, "--format", "sarif", "-o", str(direct)])
    again = tmp_path / "again.sarif"
    assert run(["report", str(saved), "--format", "sarif", "-o", str(again)]) == 0
    assert json.loads(again.read_text()) == json.loads(direct.read_text())


def test_json_is_compact_and_sorted(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    run(["scan", MINIMAL, "-q", "--now", NOW, "--format", "json", "-o", str(target)])
    text = target.read_text(encoding="utf-8")
    assert text.count("\n") == 1  # one line, newline-terminated
    data = json.loads(text)
    assert list(data) == sorted(data)
    assert "สำนักงานทดสอบ" in text  # UTF-8, not \u escapes
