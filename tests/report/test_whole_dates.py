"""Dates stay on one line in the HTML and PDF reports, and plain in the machine formats.

The Thai PDF of the bundled example broke GDCC-EVD-004's message as ``...ลงวันที่ 20`` /
``ส.ค. 2568 และหมดอายุเมื่อ ...`` (a Thai date is three words), and the quarterly waiver
table as ``31 มี.ค.`` / ``2570``. The rendered page (``templating.for_media``, screen and
print) now puts each date of its text in a no-wrap span; the JSON and CSV keep the message's
plain spaces (a no-break space there would break a search for the date)."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.pdf import PdfReporter
from gdcc_audit.report.templating import for_media, whole_dates

#: GDCC-EVD-004's Thai message on the bundled example, as the rule words it.
DRILL_TH = (
    "การซ้อมแผนความต่อเนื่องทางธุรกิจครั้งล่าสุดลงวันที่ 20 ส.ค. 2568 "
    "และหมดอายุเมื่อ 20 ส.ค. 2569"
)
DRILL_EN = "the latest business continuity exercise is dated 2025-08-20 and expired on 2026-08-20"
NOBR = '<span class="nobr">{}</span>'


def test_dates_of_the_text_are_kept_whole_and_nothing_else() -> None:
    html = (
        '<style>p::after { content: "1 Jan 2025" }</style>'
        '<p title="20 ส.ค. 2568">ลงวันที่ 20 ส.ค. 2568 และหมดอายุเมื่อ 20 ส.ค. 2569</p>'
        "<td>1 Jan 2025</td><td>issued 23 Nov 2026 07:00</td>"
        "<td>2025-08-20 120 Aug 20255 v1.20 Aug 2025</td>"
    )
    assert whole_dates(html) == (
        '<style>p::after { content: "1 Jan 2025" }</style>'
        '<p title="20 ส.ค. 2568">ลงวันที่ ' + NOBR.format("20 ส.ค. 2568")
        + " และหมดอายุเมื่อ " + NOBR.format("20 ส.ค. 2569") + "</p>"
        "<td>" + NOBR.format("1 Jan 2025") + "</td>"
        "<td>issued " + NOBR.format("23 Nov 2026") + " 07:00</td>"
        "<td>2025-08-20 120 Aug 20255 v1.20 Aug 2025</td>"
    )
    # both media, and the Thai words the screen keeps whole are still kept
    for media in ("screen", "print"):
        assert NOBR.format("20 ส.ค. 2568") in for_media(html, media)


def test_an_era_year_and_a_month_without_its_day_are_kept_whole() -> None:
    """The cover's reporting period ``ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570`` / ``ต.ค.–ธ.ค. 2569``
    broke as ``พ.ศ.`` / ``2570`` at 390 px (the quick start's HTML, and the quarterly's)."""
    html = (
        "<td>ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570<br>ต.ค.–ธ.ค. 2569</td>"
        "<td>Q1 FY ค.ศ. 2026, Oct–Dec 2026</td><td>v1.20 Aug 2025, xพ.ศ. 2570, พ.ศ. 25701</td>"
    )
    assert whole_dates(html) == (
        "<td>ไตรมาส 1 ปีงบประมาณ " + NOBR.format("พ.ศ. 2570") + "<br>ต.ค.–"
        + NOBR.format("ธ.ค. 2569") + "</td>"
        "<td>Q1 FY " + NOBR.format("ค.ศ. 2026") + ", Oct–" + NOBR.format("Dec 2026") + "</td>"
        "<td>v1.20 Aug 2025, xพ.ศ. 2570, พ.ศ. 25701</td>"
    )


def test_the_html_cover_keeps_the_reporting_period_s_year_whole() -> None:
    stream = io.StringIO()
    HtmlReporter().render(build(1), stream, ReportOptions(lang="th"))
    html = stream.getvalue()
    assert "ปีงบประมาณ " + NOBR.format("พ.ศ. 2570") in html


@pytest.fixture(scope="module")
def dated() -> AuditResult:
    """The sample result with its first failure worded as GDCC-EVD-004 on the example."""
    result = build(6)
    first = next(i for i, f in enumerate(result.findings) if f.status == Status.FAIL)
    findings = list(result.findings)
    findings[first] = findings[first].model_copy(
        update={"message": Text(th=DRILL_TH, en=DRILL_EN)}
    )
    return result.model_copy(update={"findings": tuple(findings)})


def test_the_html_report_keeps_a_thai_message_date_whole(dated: AuditResult) -> None:
    stream = io.StringIO()
    HtmlReporter().render(dated, stream, ReportOptions(lang="th"))
    html = stream.getvalue()
    assert (
        "ลงวันที่ " + NOBR.format("20 ส.ค. 2568") + " และหมดอายุเมื่อ "
        + NOBR.format("20 ส.ค. 2569")
    ) in html
    assert "ลงวันที่ 20 ส.ค. 2568" not in html


def test_json_keeps_the_message_plain(dated: AuditResult) -> None:
    data = json.loads(result_to_json(dated))
    assert {"th": DRILL_TH, "en": DRILL_EN} in data["messages"]
    assert "nobr" not in result_to_json(dated)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_never_breaks_a_date(dated: AuditResult, tmp_path: Path) -> None:
    """Twelve dates in one findings cell: wherever a line ends, no date is cut there."""
    findings = list(dated.findings)
    first = next(i for i, f in enumerate(findings) if f.message.th == DRILL_TH)
    many = " ".join(
        f"ครั้งที่ {n}{'ก' * (n % 4)} ลงวันที่ {10 + n} ส.ค. 2568" for n in range(12)
    )
    findings[first] = findings[first].model_copy(update={"message": Text(th=many, en=many)})
    path = tmp_path / "report.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(
            dated.model_copy(update={"findings": tuple(findings)}),
            stream,
            ReportOptions(lang="th"),
        )
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    whole = [f"{10 + n} ส.ค. 2568" for n in range(12)]
    assert all(date in text for date in whole), [d for d in whole if d not in text]
    assert re.search(r"\d\n+ส\.ค\.|ส\.ค\.\n+2568", text) is None
