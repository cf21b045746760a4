"""A rule's heading and its why / fix / controls stay on the page of its findings table's
first row. The quick start's PDF left GDCC-DATA-004's heading and text at the foot of page 43
(Thai; English pages 43, 44 and 49 likewise), its two findings on the next page."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.report.templating import _stylesheets, font_faces, make_environment
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir

PAGE = (
    '{% import "macros.html.j2" as m with context %}<div style="height: {{ filler }}mm"></div>'
    '{% include "findings.html.j2" %}'
)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_rules_heading_and_text_stay_with_its_first_finding(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    environment = make_environment("en")
    view = build_view(build(6), environment.globals["t"])
    group = view.severity_groups[0]
    rule = group.rules[0]
    view = replace(view, severity_groups=(replace(group, rules=(rule,)),))
    first = rule.rows[0].resource
    split = []
    # the filler moves the rule's block down the first page, to its foot
    for filler in range(150, 246, 4):
        body = environment.from_string(PAGE).render(view=view, filler=filler)
        html = (
            f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}"
            "section.findings-section { break-before: auto; }</style>"
            f'</head><body class="media-print lang-en">{body}</body></html>'
        )
        pdf = tmp_path / f"rule-{filler}.pdf"
        pdf.write_bytes(
            weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
        )
        pages = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split("\f")
        heading = next(i for i, page in enumerate(pages) if rule.rule_id in page)
        controls = next(i for i, page in enumerate(pages) if "How to fix" in page)
        row = next(i for i, page in enumerate(pages) if first in page)
        if not heading == controls == row:
            split.append((filler, heading, controls, row))
    assert split == []
