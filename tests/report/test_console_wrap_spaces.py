"""A console line wrapped by the reporter ends with its last word, not a space.

Piped at 80 columns, the quick start's tenant line ended ``... Technology Center, `` and its
files line ``... not recognised; 50 ``: rich's wrap keeps the space where it broke the line
(report/console.py ``_say`` printed English through rich's own Text). Every ``_say`` line now
wraps as ``fold_text.FoldText`` does, which leaves those spaces out."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console

from gdcc_audit.cli.app import run
from gdcc_audit.report.fold_text import FoldText

EXAMPLES = Path(__file__).parents[2] / "examples"


def test_a_wrapped_line_keeps_no_space_at_its_end() -> None:
    console = Console(file=io.StringIO(), width=12, color_system=None)
    lines = FoldText("Files: 2 assessed, 0 partially; 50 resources").wrap(console, 12)
    assert [line.plain for line in lines] == [
        "Files: 2", "assessed, 0", "partially;", "50 resources",
    ]  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "th"])
def test_the_quick_start_console_at_80_columns_has_no_trailing_space(
    lang: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run([
        "scan", str(EXAMPLES / "moph-health-platform"), "--now", "2026-11-23", "--no-color",
        "--lang", lang,
    ])  # fmt: skip
    lines = capsys.readouterr().out.splitlines()
    ended = [line for line in lines if line != line.rstrip()]
    # the frameworks table's title was the last: rich centred it with spaces either side
    assert ended == []
    assert ("Frameworks" if lang == "en" else "กรอบมาตรฐาน") in lines
    if lang == "en":
        assert lines[1:5] == [
            "Tenant: moph-health-platform — Information and Communication Technology Center,",
            "Office of the Permanent Secretary, Ministry of Public Health · CII",
            # a count stays with its words (it broke "...; 50" / "resources")
            "Files: 2 assessed, 0 partially assessed, 0 not assessed, 0 not recognised;",
            "50 resources",
        ]
