"""The quick start's console at 80 columns, as a new user sees it: the totals agree with the
HTML / PDF report's, and no tenant id or heading is broken mid-word."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gdcc_audit.cli.app import run

EXAMPLES = Path(__file__).parents[2] / "examples"


def _console(paths: list[Path], lang: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    run(["scan", *map(str, paths), "--now", "2026-11-23", "--no-color", "--lang", lang])
    return capsys.readouterr().out.splitlines()


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("en", "Summary: PASS 228, FAIL 26 + 1 waived, UNKNOWN 16, NOT_APPLICABLE 101, ERROR 0"),
        (
            "th",
            "สรุป: ผ่าน (PASS) 228, ไม่ผ่าน (FAIL) 26 + ยกเว้น 1, ตัดสินไม่ได้ (UNKNOWN) 16, "
            "ไม่เกี่ยวข้อง (NOT_APPLICABLE) 101, ข้อผิดพลาด (ERROR) 0",
        ),
    ],
)
def test_the_console_counts_a_waived_failure_beside_the_others_as_the_report_does(
    lang: str, summary: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report's summary card says 26 failed checks + 1 waived, JUnit 26 failures and 1
    skipped; the console said FAIL 27 and listed 26."""
    monkeypatch.setenv("COLUMNS", "200")
    lines = _console([EXAMPLES / "moph-health-platform"], lang, capsys)
    assert summary in lines


def test_one_tenant_s_frameworks_table_fits_80_columns_unbroken(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 80 columns the table repeated the tenant on every row and broke it
    (moph-health-pl / atform), and its heading (Pass/Fail/Par / tial/Manual)."""
    monkeypatch.setenv("COLUMNS", "80")
    lines = _console([EXAMPLES / "moph-health-platform"], "en", capsys)
    # the title is a heading at the left, as the console's other headings (rich centred it
    # with 35 spaces either side)
    start = lines.index("Frameworks")
    table = [line for line in lines[start + 1 : start + 20] if line.startswith(("┃", "│"))]
    assert table[0] == (
        "┃ Framework              ┃ Score  ┃ Coverage       ┃ Pass/Fail/Partial/Manual  ┃"
    )
    assert table[1] == (
        "│ CIS-v8                 │ 58%    │ 39% (25/64)    │ 9/1/15/39                 │"
    )
    assert len(table) == 15  # the heading on one line, and a line per framework
    assert not any("moph-health-pl" in line for line in table)
    assert "Grade moph-health-platform: F (49%, coverage 59%)" in lines


def test_many_tenants_get_a_table_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a tenant column at 80 columns, counts broke too (12/1/23/5 / 7)."""
    monkeypatch.setenv("COLUMNS", "80")
    for name in ("moph-health-platform", "police-region8"):
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    lines = _console([tmp_path / "moph-health-platform", tmp_path / "police-region8"], "th",
                     capsys)  # fmt: skip
    titles = [line for line in lines if "กรอบมาตรฐาน:" in line]
    assert titles == ["กรอบมาตรฐาน: moph-health-platform", "กรอบมาตรฐาน: police-region8"]
    rows = [line for line in lines if line.startswith("│ ")]
    iso = "│ ISO27001-2022          │ 57%    │ 39% (36/93)   │ 12/1/23/57                 │"
    assert iso in rows
    assert all(row.split("│")[1].strip() for row in rows)  # no row is a wrapped line's rest


@pytest.mark.parametrize(
    ("lang", "head", "tail"),
    [
        ("en", "  expired — the finding fails again: RA-2569-007 GDCC-NET-001",
         "    mor-prom/pacs-viewer-sg (approver นายปกรณ์ รักษ์ดี (CISO), expires 2026-09-30)"),
        ("th", "  หมดอายุ — รายการนี้กลับเป็นไม่ผ่าน: RA-2569-007 GDCC-NET-001",
         "    mor-prom/pacs-viewer-sg (ผู้อนุมัติ นายปกรณ์ รักษ์ดี (CISO), หมดอายุ 30 ก.ย. 2569)"),
    ],
)  # fmt: skip
def test_a_waiver_line_wraps_under_its_first_line(
    lang: str,
    head: str,
    tail: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 80 columns the expired waiver's line went on at the left edge, each part ending in a
    space. Its resource is named as the failure table names it (stop 52: it was the waiver's
    text, moph-health-platform/mor-prom/huaweicloud_network_security_group.pacs-viewer-sg,
    over two more lines)."""
    monkeypatch.setenv("COLUMNS", "80")
    lines = _console([EXAMPLES / "moph-health-platform"], lang, capsys)
    start = lines.index(head)
    assert lines[start : start + 2] == [head, tail]
    assert not lines[start + 2].startswith(" ")  # the next line is not a part of it


@pytest.mark.parametrize(
    ("columns", "summary"),
    [
        (
            "80",
            [
                "สรุป: ผ่าน (PASS) 228, ไม่ผ่าน (FAIL) 26 + ยกเว้น 1, ตัดสินไม่ได้ (UNKNOWN) 16,",
                "ไม่เกี่ยวข้อง (NOT_APPLICABLE) 101, ข้อผิดพลาด (ERROR) 0",
            ],
        ),
        (
            "120",
            [
                "สรุป: ผ่าน (PASS) 228, ไม่ผ่าน (FAIL) 26 + ยกเว้น 1, ตัดสินไม่ได้ (UNKNOWN) 16, "
                "ไม่เกี่ยวข้อง (NOT_APPLICABLE) 101,",
                "ข้อผิดพลาด (ERROR) 0",
            ],
        ),
    ],
)
def test_the_thai_summary_breaks_only_between_its_counts(
    columns: str,
    summary: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At 120 columns the line ended ``ข้อผิดพลาด (ERROR)`` and its ``0`` began the next; at 80
    ``ไม่เกี่ยวข้อง`` / ``(NOT_APPLICABLE) 101``: a count apart from its status."""
    monkeypatch.setenv("COLUMNS", columns)
    lines = _console([EXAMPLES / "moph-health-platform"], "th", capsys)
    start = next(i for i, line in enumerate(lines) if line.startswith("สรุป:"))
    assert lines[start : start + 2] == summary
