"""The console's tables laid out without rich's renderer (report/plain_table.py): the same
text as ``console.print(table)`` when the console writes no styles."""

from __future__ import annotations

import io
import random

import pytest
from report_factory import build
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gdcc_audit.models import AuditResult
from gdcc_audit.report import plain_table
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.fold_text import FoldText, fold
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.plain_table import plain_lines
from gdcc_audit.report.thai_text import ThaiText

_WORDS = (
    "a",
    "bucket",
    "aws_s3_bucket.data",
    "environment.VIDEO_GATEWAY_PASSWORD",
    "is",
    "not",
    "encrypted",
    "ไม่ผ่าน",
    "ทรัพยากร",
    "การเข้ารหัส",
    "日本語",
    "x" * 40,
    "/very/long/path/to/main.tf",
    "",
    "  ",
    "'q'",
    "=",
)


def _cell(rng: random.Random, text: str) -> str | Text:
    kind = rng.random()
    if kind < 0.2:
        return text
    if kind < 0.4:
        return Text(text, style="bold")
    if kind < 0.7:
        return FoldText.of(Text(text))
    return ThaiText.of(Text(text))


def _table(rng: random.Random) -> Table:
    """A table as the console builds them: some columns that never wrap (with a minimum
    width or not), others that fold; plain, folding and Thai text."""
    title = None
    if rng.random() < 0.4:  # the Frameworks table's title, centred by default
        title = _cell(rng, " ".join(rng.choice(_WORDS) for _ in range(rng.randint(1, 12))))
    table = Table(
        show_lines=False,
        expand=True,
        title=title,
        title_justify=rng.choice(("center", "center", "left", "right")),
    )
    count = rng.randint(1, 5)
    wraps = []
    for index in range(count):
        no_wrap = rng.random() < 0.6 and index < count - 1
        header = _cell(rng, rng.choice(("severity", "rule", "ผลการตรวจ", "where", "x")))
        minimum = rng.choice((None, None, rng.randint(1, 30)))
        if no_wrap:
            table.add_column(header, no_wrap=True, min_width=minimum)
        else:
            table.add_column(header, overflow=rng.choice(("fold", "ellipsis")), min_width=minimum)
        wraps.append(not no_wrap)
    for _ in range(rng.randint(0, 10)):
        table.add_row(
            *(
                _cell(
                    rng,
                    " ".join(rng.choice(_WORDS) for _ in range(rng.randint(0, 25)))
                    if wrap
                    else rng.choice(_WORDS),
                )
                for wrap in wraps
            )
        )
    return table


def _rich(table: Table, width: int) -> str:
    stream = io.StringIO()
    Console(file=stream, width=width, no_color=True, highlight=False).print(table)
    return stream.getvalue()


def test_the_text_is_richs_for_every_table_it_lays_out() -> None:
    rng = random.Random(39)
    compared = 0
    for _ in range(300):
        width = rng.choice((40, 60, 80, 100, 120, 160, 200))
        table = _table(rng)
        console = Console(file=io.StringIO(), width=width, no_color=True, highlight=False)
        text = plain_lines(console, table)
        if text is not None:
            compared += 1
            assert text == _rich(table, width)
    assert compared > 100


def test_what_it_does_not_lay_out_is_left_to_rich() -> None:
    console = Console(file=io.StringIO(), width=80, no_color=True, highlight=False)
    table = Table(expand=True, title="[bold]Frameworks[/]")
    table.add_column("a")
    table.add_row("b")
    assert plain_lines(console, table) is None  # a title rich reads as markup
    table = Table(expand=True, caption="Frameworks")
    table.add_column("a")
    table.add_row("b")
    assert plain_lines(console, table) is None  # a caption
    table = Table(expand=True)
    table.add_column("a")
    table.add_row("[bold]markup[/]")
    assert plain_lines(console, table) is None  # a string rich reads as markup
    coloured = Console(file=io.StringIO(), width=80, force_terminal=True, highlight=False)
    table = Table(expand=True)
    table.add_column("a")
    table.add_row("b")
    assert plain_lines(coloured, table) is None  # a console that writes styles


def _render(result: AuditResult) -> str:
    stream = io.StringIO()
    ConsoleReporter().render(result, stream, ReportOptions(color=False))
    return stream.getvalue()


def test_the_piped_findings_table_is_not_laid_out_by_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    result = build(60, full=False)

    def rich_only(table: Table, console: Console, options: object) -> None:
        raise AssertionError("laid out by rich")

    monkeypatch.setattr(plain_table, "plain_lines", lambda console, table: None)
    expected = _render(result)
    monkeypatch.undo()
    assert "┡" in expected  # the findings table
    monkeypatch.setattr(Table, "__rich_console__", rich_only)  # rich would fail now
    assert _render(result) == expected


def test_the_piped_frameworks_table_is_not_laid_out_by_rich(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The Frameworks table (a centred title) too: no table of the piped report goes
    through rich's renderer, and the text is the same."""
    result = build(60, full=True)
    monkeypatch.setattr(plain_table, "plain_lines", lambda console, table: None)
    expected = _render(result)
    monkeypatch.undo()
    assert "Frameworks" in expected

    def rich_only(table: Table, console: Console, options: object) -> None:
        raise AssertionError("laid out by rich")

    monkeypatch.setattr(Table, "__rich_console__", rich_only)
    assert _render(result) == expected


def test_a_word_folds_in_a_column_of_no_width_or_of_one_cell() -> None:
    # both looped for ever
    assert fold("abc", 0) == ["abc"]
    assert fold("日本", 1) == ["日", "本"]


def test_a_rich_without_the_helpers_it_reads_prints_the_table_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """plain_table reads rich._ratio, not public API: if a rich release moves it, the
    console still prints the same report through rich."""
    import sys

    result = build(60, full=False)
    expected = _render(result)
    monkeypatch.setitem(sys.modules, "gdcc_audit.report.plain_table", None)  # ImportError
    assert _render(result) == expected
