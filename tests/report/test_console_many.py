"""A console summary of thousands of failures: a table for the first ones, then one line each."""

from __future__ import annotations

import io

from report_factory import build

from gdcc_audit.models import AuditResult
from gdcc_audit.report.console import TABLE_ROWS, ConsoleReporter
from gdcc_audit.report.interface import ReportOptions


def _render(result: AuditResult) -> str:
    stream = io.StringIO()
    ConsoleReporter().render(result, stream, ReportOptions(color=False))
    return stream.getvalue()


def test_failures_beyond_the_table_are_one_plain_line_each() -> None:
    result = build(TABLE_ROWS + 57, full=False)
    text = _render(result)
    failing = [f for f in result.findings if f.is_failure and not f.is_waived]
    rest = failing[TABLE_ROWS:]
    assert rest
    assert f"{len(rest)} more failing checks, one per line:" in text
    lines = text.splitlines()
    for finding in rest:
        matching = [
            line
            for line in lines
            if f"  {finding.rule_id}  " in line and finding.display_name in line
        ]
        assert len(matching) == 1, finding.display_name
        assert matching[0].split("  ")[0].endswith(finding.severity.value.upper())
        assert matching[0].endswith(finding.message.en)
    for finding in failing[:TABLE_ROWS]:
        assert finding.display_name in text
    few = _render(build(10, full=False))
    assert "more failing checks" not in few
    assert "sg-0009" in few
