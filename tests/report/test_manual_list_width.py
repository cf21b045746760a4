"""The PDF's list of controls an auditor must assess (two to a row, ``table.manual-list``)
stays inside the page's margins: its cells were 50 % wide plus their padding, and the table
ran up to 5 mm into the right margin (the quick start's pages 57-66, Thai and English)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.report.templating import _stylesheets, font_faces, make_environment
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir
from gdcc_audit.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "moph-health-platform"
PAGE = '{% import "macros.html.j2" as m with context %}{% include "manual.html.j2" %}'
A4_WIDTH = 595.28  # points
MARGIN = 15 / 25.4 * 72  # print.css: 15 mm left and right
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</word>')


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["th", "en"])
def test_the_manual_controls_list_stays_inside_the_margins(tmp_path: Path, lang: str) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    environment = make_environment(lang)
    result = audit([EXAMPLE], Settings(now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))
    view = build_view(result, environment.globals["t"])
    assert sum(len(group.manual) for group in view.manual_controls) > 100
    body = environment.from_string(PAGE).render(view=view)
    assert body.count('<table class="manual-list">') == len(view.manual_controls)
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        f'</head><body class="media-print lang-{lang}">{body}</body></html>'
    )
    pdf = tmp_path / "manual.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [(float(x0), float(x1), text) for x0, x1, text in WORD.findall(boxes)]
    assert len(words) > 500
    outside = [w for w in words if w[1] > A4_WIDTH - MARGIN + 0.5 or w[0] < MARGIN - 0.5]
    assert outside == []
