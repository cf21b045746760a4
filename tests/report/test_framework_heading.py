"""A framework's part of the PDF ("compliance by framework") starts with its heading, profile,
scores and legend; they are kept together and with the first row of its control table. The
heading, profile and scores were left alone at the foot of a page, the table starting on the
next (terragoat's ISO/IEC 27001 and NIST SP 800-53)."""

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
    '{% include "frameworks.html.j2" %}'
)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_framework_heading_stays_with_its_scores_and_first_control(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    environment = make_environment("en")
    view = build_view(build(6), environment.globals["t"])
    first = view.frameworks[0]
    row = first.controls[0].id
    # the filler moves the framework's start down the first page, to the foot of it
    for filler in range(160, 230, 6):
        body = environment.from_string(PAGE).render(view=view, filler=filler)
        html = (
            f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}"
            # the section starts a page: here it starts under the filler
            "section.frameworks { break-before: auto; }</style>"
            f'</head><body class="media-print lang-en">{body}</body></html>'
        )
        pdf = tmp_path / f"fw-{filler}.pdf"
        pdf.write_bytes(
            weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
        )
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        pages = text.split("\f")
        heading = next(i for i, page in enumerate(pages) if first.title in page)
        scores = next(i for i, page in enumerate(pages) if "Automated coverage" in page)
        control = next(
            i for i, page in enumerate(pages)
            if any(line.split()[:1] == [row] for line in page.splitlines())
        )
        assert (filler, heading) == (filler, scores) == (filler, control)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_finding_count_stays_with_its_status(tmp_path: Path) -> None:
    """The findings column of a control: 'ไม่ผ่าน 1, ผ่าน 9, ตัดสิน' / 'ไม่ได้ 1' (the quick
    start's CIS 4.1, in the Thai PDF) read as 'decided' / 'not 1'; a line now breaks after a
    comma only."""
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    environment = make_environment("th")
    view = build_view(build(6), environment.globals["t"])
    first = view.frameworks[0]
    counts = "ไม่ผ่าน 1, ผ่าน 9, ตัดสินไม่ได้ 1"
    control = replace(first.controls[0], findings=counts)
    view = replace(view, frameworks=(replace(first, controls=(control,)),))
    body = environment.from_string(PAGE).render(view=view, filler=0)
    assert '<span class="whole">ตัดสินไม่ได้ 1</span>' in body
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        f'</head><body class="media-print lang-th">{body}</body></html>'
    )
    pdf = tmp_path / "counts.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    ends = [line.split("   ")[-1].strip() for line in text.splitlines() if line.strip()]
    assert not [end for end in ends if end.endswith("ตัดสิน")]
    assert "ตัดสินไม่ได้ 1" in ends


def _pdf_pages(tmp_path: Path, body: str, lang: str) -> list[str]:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}"
        "section.frameworks { break-before: auto; }</style>"
        f'</head><body class="media-print lang-{lang}">{body}</body></html>'
    )
    pdf = tmp_path / "rows.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_control_with_a_long_rules_list_splits_across_pages(tmp_path: Path) -> None:
    """A control row with 40 rules (the quick start's PDPA s37.1, one id a line) never split
    (``tr { break-inside: avoid }``): it went whole to the next page, leaving up to 199 mm
    blank (quick start Thai PDF, frameworks pages: 995 mm blank in all, 71 pages). Now a row
    with 7 rules or more may split, 3 lines at least on either page; a shorter row stays
    whole."""
    environment = make_environment("th")
    view = build_view(build(6), environment.globals["t"])
    first = view.frameworks[0]
    long_rules = ", ".join(f"GDCC-LONG-{k:03d}" for k in range(40))
    short_rules = ", ".join(f"GDCC-SHORT-{k:03d}" for k in range(6))
    rows = (
        replace(first.controls[0], id="s37.1", rules=long_rules),
        replace(first.controls[0], id="s37.4", rules=short_rules),
    )
    view = replace(view, frameworks=(replace(first, controls=rows),))
    html = environment.from_string(PAGE).render(view=view, filler=150)
    assert html.count(" cs-long") == 1
    pages = _pdf_pages(tmp_path, html, "th")
    # the long row starts on the first page, under the framework's heading, and goes on
    long_on = [i for i, page in enumerate(pages) if "GDCC-LONG-" in page]
    assert long_on == [0, 1]
    assert first.title in pages[0]
    first_page = [line for line in pages[0].splitlines() if "GDCC-LONG-" in line]
    assert len(first_page) >= 3
    # the short row stays whole on one page
    short_on = [
        i for i, page in enumerate(pages) for line in page.splitlines() if "GDCC-SHORT-" in line
    ]
    assert len(short_on) == 6
    assert len(set(short_on)) == 1
