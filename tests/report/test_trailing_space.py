"""The white space a template leaves at the end of a text in a PDF table cell (the line break
before a finding's evidence ``<div>``) is dropped: WeasyPrint counted it in the width of the
text's last line, and a last line that fitted only without it was broken at its first break
opportunity. The Thai findings cell of a Heat inline condition read
``{equals: [{get_param: env},`` / ``prod]}`` / ``เป็นจริง ซึ่งเป็นเท็จ...`` with room left
after ``prod]}``; in a paragraph WeasyPrint kept ``prod]} เป็นจริง`` together."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.report.templating import _stylesheets, font_faces, for_media
from gdcc_audit.resources import reports_dir

MESSAGE = (
    "พอร์ต 22 เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด (0.0.0.0/0) (สร้างขึ้นเฉพาะเมื่อเงื่อนไข "
    "{equals: [{get_param: env}, prod]} เป็นจริง ซึ่งเป็นเท็จเมื่อใช้ค่าเริ่มต้นของพารามิเตอร์)"
)
CELL = (
    '<td class="wrap">{}\n          <div class="evidence code" lang="en">ports: [22]</div>'
    "        </td>"
)


def test_the_pdf_html_has_no_space_at_the_end_of_a_text() -> None:
    html = "<tr>\n  " + CELL.format("a b") + "\n  <td>c\n  </td>\n</tr><p>d <b>e</b>\n<p>f"
    assert for_media(html, "print") == (
        '<tr>\n  <td class="wrap">a b<div class="evidence code" lang="en">ports: [22]</div>'
        "        </td>"
        "\n  <td>c</td>\n</tr><p>d <b>e</b>\n<p>f"
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_cell_breaks_its_text_as_a_paragraph_does(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    widths = [width / 4 for width in range(240, 480)]  # 60-120 mm, every 0.25 mm

    def pdf_lines(cell: str) -> list[str]:
        tables = "".join(
            f'<table class="findings" style="width: {width}mm; table-layout: fixed">'
            f"<tr>{cell}</tr></table>"
            for width in widths
        )
        html = (
            f'<html lang="th"><head><style>{font_faces(base, embed=False)}'
            f"{_stylesheets(base)}</style></head>"
            f'<body class="media-print lang-th">{tables}</body></html>'
        )
        pdf = tmp_path / "cells.pdf"
        pdf.write_bytes(
            weasyprint.HTML(
                string=for_media(html, "print"), base_url=str(base), media_type="print"
            ).write_pdf()
        )
        text = subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        return [line.strip() for line in text.splitlines() if line.strip()]

    as_written = pdf_lines(CELL.format(MESSAGE))
    without_space = pdf_lines(CELL.format(MESSAGE).replace("\n          ", ""))
    assert as_written == without_space
    assert "prod]}" not in as_written
    assert len(as_written) > 4 * len(widths)
