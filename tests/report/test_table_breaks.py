"""No table row alone on a PDF page (print.css): a table's first two rows stay together and
with its heading, its last two go to the next page together, under the repeated header.
The Thai quarterly's appendix left its last inputs row alone on page 9 (stop 51)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.report.templating import _stylesheets, font_faces
from gdcc_audit.resources import reports_dir

ROWS = 6


def _pages(tmp_path: Path, filler: int) -> list[str]:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    rows = "".join(f"<tr><td>row-{i:02d}</td><td>digest {i}</td></tr>" for i in range(ROWS))
    body = (
        f'<div style="height: {filler}mm"></div><h2>Input files</h2>'
        '<div class="scroll-x"><table><thead><tr><th>HEADER-PATH</th><th>SHA-256</th></tr>'
        f"</thead><tbody>{rows}</tbody></table></div><p>after the table</p>"
    )
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        f'</head><body class="media-print lang-en">{body}</body></html>'
    )
    pdf = tmp_path / f"table-{filler}.pdf"
    document = weasyprint.HTML(string=html, base_url=str(base), media_type="print")
    pdf.write_bytes(document.write_pdf())
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("filler", [192, 198, 222, 228, 204, 150])
def test_no_row_alone_on_a_page(tmp_path: Path, filler: int) -> None:
    """Before, 192 and 198 mm of filler left the last row alone at the top of page 2 (rows 5
    + 1), 222 and 228 mm the first alone at the foot of page 1 (1 + 5)."""
    pages = _pages(tmp_path, filler)
    rows = [sum(f"row-{i:02d}" in line for i in range(ROWS) for line in page.splitlines())
            for page in pages]  # fmt: skip
    rows = [count for count in rows if count]
    assert sum(rows) == ROWS
    assert 1 not in rows, (filler, rows)
    for page in pages:
        if "row-" in page:  # every page with rows has the header, the first its heading
            assert "HEADER-PATH" in page
    first = next(page for page in pages if "row-00" in page)
    assert "Input files" in first
