"""Control and rule ids in the report break after a comma only, never after a hyphen inside
an id: the PDF's related-controls line broke ``TH-NCSC-`` / ``CLOUD-2567:SEGMENT`` and the
screen methodology ``NIST-800-53-`` / ``r5`` (terragoat, Thai and English)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.templating import _stylesheets, font_faces, whole_ids
from gdcc_audit.resources import reports_dir


def test_whole_ids_keeps_each_id_on_one_line() -> None:
    assert str(whole_ids("NIST-800-53-r5:SC-7(5), TH-NCSC-CLOUD-2567:SEGMENT")) == (
        '<span class="whole">NIST-800-53-r5:SC-7(5)</span>, '
        '<span class="whole">TH-NCSC-CLOUD-2567:SEGMENT</span>'
    )
    assert str(whole_ids("<b>")) == '<span class="whole">&lt;b&gt;</span>'


def test_report_controls_and_catalogs_are_whole(sample: AuditResult) -> None:
    import io

    stream = io.StringIO()
    HtmlReporter().render(sample, stream, ReportOptions(lang="en"))
    page = stream.getvalue()
    related = re.findall(r"<dd><span class=\"code wrap\">(.*?)</span></dd>", page)
    assert related
    for line in related:
        # every id of the line in its own no-wrap span, commas between them
        one = r'<span class="whole">[^<]+</span>'
        assert re.fullmatch(f"{one}(, {one})*", line), line
    assert re.search(r'<span class="code whole">ISO27001-2022</span>', page)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_no_line_ends_inside_an_id_in_the_pdf(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    ids = "ISO27001-2022:A.8.20, NIST-800-53-r5:SC-7, TH-NCSC-CLOUD-2567:SEGMENT"
    rows = "".join(
        f'<dt>Related controls</dt><dd><span class="code wrap">{"x" * k} '
        f"{whole_ids(ids)}</span></dd>"
        for k in range(0, 60, 2)
    )
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        f'</head><body class="media-print lang-en"><dl class="rule-meta">{rows}</dl>'
        "</body></html>"
    )
    pdf = tmp_path / "ids.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 30  # some lines wrap
    assert [line for line in lines if line.endswith("-")] == []
