"""`gdcc-audit report RESULT.json` and `scan --format ... --output DIR`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import INJECTION_MANIFEST
from gdcc_audit.cli.app import run

MINIMAL = str(Path(__file__).parent.parent / "fixtures" / "manifests" / "minimal.yaml")


def saved_result(tmp_path: Path, now: str = "2026-11-23") -> Path:
    target = tmp_path / "result.json"
    code = run(["scan", MINIMAL, "-q", "--now", now, "--format", "json", "-o", str(target)])
    assert code == 1  # the fixture has a HIGH failure
    return target


def test_report_renders_from_a_saved_result(tmp_path: Path) -> None:
    result = saved_result(tmp_path)
    out = tmp_path / "out"
    code = run(
        ["report", str(result), "--format", "html,sarif,junit,csv,oscal,json", "-o", str(out)]
    )
    assert code == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "result.csv",
        "result.html",
        "result.json",
        "result.junit.xml",
        "result.oscal.json",
        "result.sarif",
    ]
    page = (out / "result.html").read_text(encoding="utf-8")
    assert '<html lang="th">' in page  # documents default to Thai
    assert "สำนักงานทดสอบ" in page
    # Fingerprints were dropped on input and recomputed: the JSON round-trips exactly.
    assert (out / "result.json").read_text(encoding="utf-8") == result.read_text(encoding="utf-8")


def test_report_default_output_is_next_to_the_result(tmp_path: Path) -> None:
    result = saved_result(tmp_path)
    assert run(["report", str(result), "--format", "html", "--lang", "en"]) == 0
    assert '<html lang="en">' in (tmp_path / "result.html").read_text(encoding="utf-8")


def test_report_refuses_to_overwrite_its_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = saved_result(tmp_path)
    assert run(["report", str(result), "--format", "json"]) == 2
    assert "would overwrite the input" in capsys.readouterr().err


def test_report_of_a_file_that_is_not_a_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    assert run(["report", str(bad), "--format", "html"]) == 2
    assert "not a gdcc-audit JSON result" in capsys.readouterr().err


def test_report_unknown_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result = saved_result(tmp_path)
    assert run(["report", str(result), "--format", "docx"]) == 2
    assert "unknown format(s) docx" in capsys.readouterr().err


def test_scan_writes_every_format_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "reports"
    formats = "html,sarif,junit,csv,oscal,json"
    args = ["scan", str(INJECTION_MANIFEST), "-q", "--format", formats, "-o", str(out)]
    assert run(args) == 1
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "gdcc-audit.csv",
        "gdcc-audit.html",
        "gdcc-audit.json",
        "gdcc-audit.junit.xml",
        "gdcc-audit.oscal.json",
        "gdcc-audit.sarif",
    ]
    assert "<script" not in (out / "gdcc-audit.html").read_text(encoding="utf-8").lower()


def test_json_is_byte_identical_apart_from_the_scan_time(tmp_path: Path) -> None:
    first = saved_result(tmp_path / "a", "2026-11-23").read_text(encoding="utf-8")
    second = saved_result(tmp_path / "b", "2026-11-23").read_text(encoding="utf-8")
    assert first == second
    later = json.loads(saved_result(tmp_path / "c", "2026-11-24").read_text(encoding="utf-8"))
    earlier = json.loads(first)
    assert earlier.pop("scanned_at") != later.pop("scanned_at")
    assert earlier == later
