"""A status badge holds its Thai tone marks: white text must not stick out of the colour box."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.report.templating import _stylesheets, font_faces
from gdcc_audit.resources import reports_dir

#: The report's badges whose tone mark sits over an upper vowel or SARA AM: severity "low"
#: and "does not apply"; and the highest stacks Thai has.
BADGES = (("sev-low", "ต่ำ"), ("st-fail", "ไม่เกี่ยวข้อง"), ("st-pass", "ปั้น ญี่ปุ่น ซึ่ง ฟื้น"))


def _escaping_pixels(tmp_path: Path, kind: str, text: str) -> int:
    """White pixels outside the badge's box, on a black page (the text is white)."""
    weasyprint = pytest.importorskip("weasyprint")
    image = pytest.importorskip("PIL.Image")
    html = (
        f"<html lang='th'><style>{font_faces(reports_dir(), embed=False)}"
        f"{_stylesheets(reports_dir())} html {{ background: #000 }}"
        "@page { size: 80mm 20mm; margin: 3mm; background: #000 }"
        f"</style><body><p><span class='badge {kind}'>{text}</span></p></body></html>"
    )
    pdf = tmp_path / "badge.pdf"
    weasyprint.HTML(string=html, base_url=str(reports_dir()), media_type="print").write_pdf(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "300", "-png", "-singlefile", str(pdf), str(tmp_path / "badge")],
        check=True,
    )
    picture = image.open(tmp_path / "badge.png").convert("RGB")
    width, height = picture.size
    pixels = picture.load()
    # the badge: every pixel that is neither black (page) nor white (text) nor grey (edges)
    coloured = [
        (x, y)
        for y in range(height)
        for x in range(width)
        if max(pixels[x, y]) - min(pixels[x, y]) > 60
    ]
    assert coloured, "no badge drawn"
    left, right = min(x for x, _ in coloured), max(x for x, _ in coloured)
    top, bottom = min(y for _, y in coloured), max(y for _, y in coloured)
    return sum(  # the page's last row and column of pixels may be left white: not counted
        1
        for y in range(height - 2)
        for x in range(width - 2)
        if min(pixels[x, y]) > 200 and not (left <= x <= right and top <= y <= bottom)
    )


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize(("kind", "text"), BADGES)
def test_tone_marks_stay_on_the_badge(tmp_path: Path, kind: str, text: str) -> None:
    assert _escaping_pixels(tmp_path, kind, text) == 0
