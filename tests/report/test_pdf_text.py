"""Thai copied or extracted from the PDF is the Thai that was written (pdftotext, both modes)."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from gdcc_audit.report.pdf_text import (
    _font_glyph_texts,
    exact_text,
    glyph_texts,
    needs_actual_text,
)
from gdcc_audit.report.templating import font_faces
from gdcc_audit.resources import reports_dir

#: Every above and below vowel, every tone mark alone and stacked on a vowel, SARA AM alone
#: and under a tone mark, thanthakhat, the rarer letters and signs, Thai digits.
LINES = (
    "สำหรับ กำกับ ความ ทำ จำนวน",
    "น้ำ ต่ำ ค่ำ ซ้ำ ช้ำ",
    "ปั่น ที่ใช้ ซึ่ง ชื่อ ยุ่ง ผู้บริหาร คุ้ม ปู่ ญี่ปุ่น",
    "กั๊ก ติ๋ม เกี๊ยว บ๊วย จ๋า ปิ๊ก",
    "ก็ เป็น ฝึก ทึ่ง ฟื้น ฎีกา ฐาน ศักดิ์ ลักษณ์ ฟิล์ม",
    "ฤดู ฤๅษี ฦๅ มากๆ ฯลฯ กรุงเทพฯ ๏ ๚ ๛ ฿",
    "๑๒๓๔๕๖๗๘๙๐ พ.ศ. ๒๕๖๙",
    "ปฏิบัติตามมาตรฐาน TLS 1.2 ข้อมูลที่จัดเก็บไม่ได้เข้ารหัส",
)
_PDFTOTEXT = shutil.which("pdftotext")


def _thai_pdf(path: Path, *, exact: bool = True) -> Path:
    weasyprint = pytest.importorskip("weasyprint")
    paragraphs = "".join(f"<p>{line}</p>" for line in LINES)
    html = (
        f'<html lang="th"><style>{font_faces(reports_dir(), embed=False)}'
        "@page { size: A4 landscape } body { font-family: Sarabun; font-size: 14pt }</style>"
        f"<body>{paragraphs}<div style='font-weight: bold'>{paragraphs}</div></body></html>"
    )
    document = weasyprint.HTML(string=html, base_url=str(reports_dir()))
    if exact:
        with exact_text():
            document.write_pdf(path, pdf_variant="pdf/a-3b", pdf_tags=True)
    else:
        document.write_pdf(path, pdf_variant="pdf/a-3b", pdf_tags=True)
    return path


def _pdftotext(path: Path, *options: str) -> list[str]:
    assert _PDFTOTEXT is not None
    out = subprocess.run(
        [_PDFTOTEXT, *options, "-enc", "UTF-8", str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return [line.strip() for line in out.splitlines() if line.strip()]


@pytest.mark.skipif(_PDFTOTEXT is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("mode", [(), ("-raw",), ("-layout",)])
def test_pdftotext_gives_back_the_thai_exactly(tmp_path: Path, mode: tuple[str, ...]) -> None:
    path = _thai_pdf(tmp_path / "thai.pdf")
    # regular, then bold: each line once, in order, character for character
    assert _pdftotext(path, *mode) == list(LINES) * 2


@pytest.mark.skipif(_PDFTOTEXT is None, reason="poppler-utils not installed")
def test_without_actual_text_the_glyphs_alone_lose_sara_am(tmp_path: Path) -> None:
    """Why the span is there: WeasyPrint's glyph-to-text map cannot give ำ back."""
    lines = _pdftotext(_thai_pdf(tmp_path / "glyphs.pdf", exact=False), "-raw")
    assert lines != list(LINES) * 2
    assert not any("น้ำ ต่ำ ค่ำ" in line for line in lines)


def _glyph_text(path: Path) -> str:
    """The PDF's text as readers that ignore /ActualText get it (pypdf: glyphs and ToUnicode)."""
    pypdf = pytest.importorskip("pypdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return unicodedata.normalize("NFKC", re.sub(r"\s+", "", text))


def test_glyphs_alone_read_as_the_same_text_under_nfkc(tmp_path: Path) -> None:
    """Without /ActualText each glyph reads as its own character: ำ as nikhahit + า (NFKC's
    own decomposition of ำ), never า read as ำ (ควำม) or a tone mark lost (นำ for น้ำ)."""
    expected = unicodedata.normalize("NFKC", re.sub(r"\s+", "", "".join(LINES) * 2))
    assert _glyph_text(_thai_pdf(tmp_path / "thai.pdf")) == expected
    # WeasyPrint alone maps a glyph to the first cluster it met it in
    before = _glyph_text(_thai_pdf(tmp_path / "glyphs.pdf", exact=False))
    assert before != expected
    assert unicodedata.normalize("NFKC", "ควำม") in before  # ความ with า read as ำ


def test_pdf_stays_pdf_a_3b_and_tagged(tmp_path: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(_thai_pdf(tmp_path / "thai.pdf"))
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in raw
    assert 'pdfaid:conformance="B"' in raw
    content = b"".join(page.get_contents().get_data() for page in reader.pages)
    # the span sits inside the text object, nested in the tagged paragraph's marked content
    spans = re.findall(rb"/Span\s*<</ActualText <feff([0-9a-f]+)>>>\s*BDC", content)
    texts = [bytes.fromhex(span.decode()).decode("utf-16-be") for span in spans]
    assert texts == [line for line in LINES if needs_actual_text(line)] * 2
    assert content.count(b"BDC") == content.count(b"EMC")


def test_only_text_a_shaper_may_not_map_back_gets_a_span() -> None:
    assert needs_actual_text("น้ำ")
    assert needs_actual_text("สำ")  # SARA AM is a letter, not a mark, yet drawn as two glyphs
    assert needs_actual_text("ที่")
    assert not needs_actual_text("กรกฎาคม ฯลฯ ๑๒๓")  # letters and digits only
    assert not needs_actual_text("TLS 1.2 (default)")


def test_glyph_texts_read_cmap_and_gsub_of_sarabun() -> None:
    fonttools = pytest.importorskip("fontTools.ttLib")
    path = reports_dir() / "fonts" / "Sarabun-Regular.ttf"
    order = fonttools.TTFont(path).getGlyphOrder()
    texts = {order[glyph]: text for glyph, text in glyph_texts(path.read_bytes()).items()}
    assert texts["uni0E32"] == "\u0e32"  # SARA AA: its own character, wherever it was drawn
    assert texts["uni0E4D"] == "\u0e4d"  # NIKHAHIT
    assert texts["uni0E48.small"] == "\u0e48"  # an alternate: what its source stands for
    # NIKHAHIT + MAI EK is ligated either way round: tone mark first, as NFKC writes ต่ำ
    assert texts["uni0E4D0E48"] == "\u0e48\u0e4d"
    assert texts["fi"] == "fi"


def test_a_font_fonttools_cannot_read_keeps_weasyprints_mapping() -> None:
    class Unreadable:
        file_content = b"not a font"
        index = 0

    assert _font_glyph_texts(Unreadable()) == {}
