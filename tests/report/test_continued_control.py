"""A control row with a long rules list splits across pages (print.css ``tr.cs-long``); on the
page it goes on on, its id cell is blank, since WeasyPrint does not repeat a cell's content.
A reader saw rule ids under an empty id cell (quick start, English PDF, pages 13, 14, 17, 18).
That page now names the control right above its repeated table header ("มาตรการ s37.1 ของ
TH-PDPA-2562 (ต่อ)"); a page whose first row starts there has no such line."""

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


def _pages(tmp_path: Path, lang: str, long_at: tuple[int, ...], rows: int = 30) -> list[str]:
    """The PDF text of a framework whose rows ``long_at`` have 40 rules (the others 2)."""
    weasyprint = pytest.importorskip("weasyprint")
    environment = make_environment(lang)
    view = build_view(build(6), environment.globals["t"])
    first = view.frameworks[0]
    controls = tuple(
        replace(
            first.controls[0],
            id=f"s{k}.1",
            rules=", ".join(f"GDCC-R{k:02d}-{j:03d}" for j in range(40 if k in long_at else 2)),
        )
        for k in range(rows)
    )
    view = replace(view, frameworks=(replace(first, id="TH-PDPA-2562", controls=controls),))
    body = environment.from_string(PAGE).render(view=view, filler=120)
    base = reports_dir()
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}"
        "section.frameworks { break-before: auto; }</style>"
        f'</head><body class="media-print lang-{lang}">{body}</body></html>'
    )
    pdf = tmp_path / f"rows-{lang}.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def _head(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()][:2]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_page_a_control_goes_on_on_names_it(tmp_path: Path) -> None:
    pages = _pages(tmp_path, "th", long_at=(3,))
    # s3.1's 40 rules start on the first page and go on on the second
    on = [i for i, page in enumerate(pages) if "GDCC-R03-" in page]
    assert on == [0, 1]
    label = "มาตรการ s3.1 ของ TH-PDPA-2562 (ต่อ)"
    # the second page starts with the label, then the repeated header
    assert _head(pages[1])[0] == label
    assert _head(pages[1])[1].split()[0] == "มาตรการ"
    # its first row has no id: it is s3.1's rules going on
    rows = [line for line in pages[1].splitlines() if "GDCC-R" in line]
    assert rows[0].split()[0].startswith("GDCC-R03-")
    # no other page has it
    assert [i for i, page in enumerate(pages) if label in page] == [1]
    assert not [page for page in pages if "(ต่อ)" in page and label not in page]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_page_starting_with_a_new_row_has_no_label(tmp_path: Path) -> None:
    # s3.1 ends on the second page; the third starts with a short row of its own
    pages = _pages(tmp_path, "en", long_at=(3,), rows=80)
    assert len(pages) >= 3
    assert _head(pages[1])[0] == "Control s3.1 of TH-PDPA-2562 (continued)"
    for page in pages[2:]:
        assert "(continued)" not in page
        first = next(line for line in page.splitlines() if "GDCC-R" in line)
        assert first.split()[0].startswith("s")  # a row with its id
    # and a framework without long rows has no label on any page
    assert not [page for page in _pages(tmp_path, "en", long_at=()) if "(continued)" in page]
