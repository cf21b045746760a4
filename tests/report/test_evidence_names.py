"""A finding's evidence (a JSON text) breaks its long paths and names as a message does: the
PDF broke ``"declared_at": "heat/inline.yaml:`` / ``5", ...`` (a file's line cut from its
name) at any letter of the evidence column."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.report.templating import _stylesheets, evidence_html, font_faces, unbroken
from gdcc_audit.resources import reports_dir

EVIDENCE = (
    '[{"declared_at": "heat/inline.yaml:5", "declared_by": "sg", "port": 22, '
    '"sources": ["0.0.0.0/0"]}]'
)


def test_evidence_names_break_after_separators_and_addresses_stay_whole() -> None:
    html = str(evidence_html(EVIDENCE))
    assert html == (
        "[{&#34;declared_at&#34;: "
        '<span class="brk">&#34;heat/<wbr><span class="nobr">inline.yaml:5&#34;,</span></span> '
        "&#34;declared_by&#34;: &#34;sg&#34;, &#34;port&#34;: 22, "
        '&#34;sources&#34;: [&#34;<span class="nobr">0.0.0.0/0</span>&#34;]}]'
    )
    assert unbroken(html) == EVIDENCE.replace('"', "&#34;")
    # no Markdown in evidence, and markup is escaped
    assert str(evidence_html("<b>x</b> `a` **b**")) == "&lt;b&gt;x&lt;/b&gt; `a` **b**"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_no_pdf_evidence_line_ends_inside_a_file_name(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    tables = "".join(
        f'<table class="findings" style="width: {width}mm; table-layout: fixed"><tr>'
        f'<td class="wrap">x<div class="evidence code" lang="en">opened_by: '
        f"{evidence_html(EVIDENCE)}</div></td></tr></table>"
        for width in range(40, 110)
    )
    html = (
        f'<html lang="th"><head><style>{font_faces(base, embed=False)}'
        f"{_stylesheets(base)}</style></head>"
        f'<body class="media-print lang-th">{tables}</body></html>'
    )
    pdf = tmp_path / "evidence.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert sum('"heat/inline.yaml:5",' in line for line in lines) == 70
    assert [line for line in lines if line.endswith(("yaml:", "0.0.0.", "0.0.0.0/"))] == []
