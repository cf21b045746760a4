"""api.audit scores frameworks; --framework selects what is scored and keeps crosswalk rules."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.errors import ConfigError
from gdcc_audit.models.framework import MappingKind
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moph-health-platform"
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)

pytestmark = pytest.mark.skipif(not EXAMPLE.is_dir(), reason="example tenant not present")


def test_all_frameworks_scored_with_coverage() -> None:
    result = audit([EXAMPLE], Settings(now=NOW))
    assert len(result.frameworks) == 14
    for item in result.frameworks:
        assert item.tenant == "moph-health-platform"
        assert 0.0 <= item.coverage <= 1.0
        assert len(item.controls) == item.total
    assert result.grade is not None
    assert result.grades == (result.grade,)
    iso = result.framework("ISO27001-2022")
    assert iso is not None
    assert iso.total == 93


def test_selected_frameworks_only_and_crosswalk_rules_kept() -> None:
    result = audit([EXAMPLE], Settings(now=NOW, frameworks=("CIS-v8",)))
    assert [f.framework for f in result.frameworks] == ["CIS-v8"]
    # No rule names a CIS safeguard directly: all arrive through the crosswalk.
    assert result.rules
    cis = result.frameworks[0]
    kinds = {m.kind for c in cis.controls for m in c.mappings}
    assert kinds == {MappingKind.CROSSWALK}


def test_unknown_framework_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown framework id"):
        audit([EXAMPLE], Settings(now=NOW, frameworks=("NOPE",)))


def test_json_has_framework_and_control_results(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(
        [
            "scan",
            str(EXAMPLE),
            "--format",
            "json",
            "--framework",
            "TH-CCA-2550",
            "--now",
            "2026-11-23",
            "--fail-on",
            "none",
            "-q",
        ]
    )
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    [framework] = data["frameworks"]
    assert framework["framework"] == "TH-CCA-2550"
    assert framework["total"] == 5
    assert {c["control"] for c in framework["controls"]} == {
        "s26",
        "TD-COVERAGE",
        "TD-INTEGRITY",
        "TD-USERID",
        "TD-TIMESYNC",
    }
    assert data["grade"]["tenant"] == "moph-health-platform"


def test_frameworks_cli(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frameworks", "list", "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert {row["id"] for row in listed} >= {"ISO27001-2022", "TH-NCSC-2564", "TH-DGA-CLOUD"}
    assert run(["frameworks", "show", "TH-CCA-2550", "--control", "s26"]) == 0
    out = capsys.readouterr().out
    assert "NIST-800-53-r5:AU-11" in out
    assert "confidence: [H]" in out
    assert run(["frameworks", "show", "NOPE"]) == 2
