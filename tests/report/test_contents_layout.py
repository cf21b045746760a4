"""The PDF's contents page: the entry numbers stay inside the page's left margin and the
entries' text starts at one place, for one-, two- and three-digit numbers (an outside list
marker hung "10." 2 pt into the margin)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.report.templating import _stylesheets, font_faces
from gdcc_audit.resources import reports_dir

#: print.css: ``@page { margin: 18mm 15mm ... }``, in points.
LEFT_MARGIN = 15 / 25.4 * 72


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_contents_numbers_stay_in_the_page_and_entries_align(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    items = "".join(f'<li><a href="#s{i}">Section {i}</a></li>' for i in range(1, 121))
    targets = "".join(f'<h2 id="s{i}">S{i}</h2>' for i in range(1, 121))
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        '</head><body class="media-print lang-en"><nav class="contents" id="contents">'
        f"<h2>Contents</h2><ol>{items}</ol></nav>{targets}</body></html>"
    )
    pdf = tmp_path / "contents.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    boxes = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "4", "-bbox", str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    numbers: dict[str, tuple[float, float]] = {}
    starts: set[float] = set()
    for word in re.finditer(r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)<', boxes):
        left, right, text = float(word[1]), float(word[2]), word[3]
        if re.fullmatch(r"\d+\.", text):
            numbers[text] = (left, right)
        elif text == "Section":
            starts.add(round(left, 1))
    assert [f"{i}." for i in range(1, 121)] == sorted(numbers, key=lambda n: int(n[:-1]))
    # every number inside the margin (the widest, "100.", too), right-aligned in one column
    assert min(left for left, _ in numbers.values()) >= LEFT_MARGIN
    assert len({round(right, 1) for _, right in numbers.values()}) == 1
    # every entry's text starts at one place, after its number
    assert len(starts) == 1
    assert starts.pop() > max(right for _, right in numbers.values())
