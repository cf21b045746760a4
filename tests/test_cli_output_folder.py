"""``--output out/`` (a trailing slash) names a folder with one format too: ``Path`` drops the
slash, and ``scan --format pdf --output out/`` wrote a PDF file named ``out``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gdcc_audit.cli.app import run

EXAMPLE = Path(__file__).parent.parent / "examples" / "moph-health-platform"


def test_scan_with_one_format_writes_into_a_folder_given_with_a_slash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    code = run(["scan", str(EXAMPLE), "--now", "2026-11-23", "--format", "sarif",
                "--output", f"{folder}/", "--fail-on", "none"])  # fmt: skip
    assert code == 0
    assert folder.is_dir()
    assert [p.name for p in folder.iterdir()] == ["gdcc-audit.sarif"]
    assert json.loads((folder / "gdcc-audit.sarif").read_text("utf-8"))["version"] == "2.1.0"
    # without the slash, a path that is not a folder is still the file to write
    single = tmp_path / "result.sarif"
    assert run(["scan", str(EXAMPLE), "--now", "2026-11-23", "--format", "sarif",
                "--output", str(single), "--fail-on", "none"]) == 0  # fmt: skip
    assert single.is_file()
    capsys.readouterr()


def test_report_with_one_format_writes_into_a_folder_given_with_a_slash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "result.json"
    assert run(["scan", str(EXAMPLE), "--now", "2026-11-23", "--format", "json",
                "--output", str(saved), "--fail-on", "none"]) == 0  # fmt: skip
    folder = tmp_path / "csv"
    assert run(["report", str(saved), "--format", "csv", "--output", f"{folder}/"]) == 0
    assert [p.name for p in folder.iterdir()] == ["result.csv"]
    capsys.readouterr()
