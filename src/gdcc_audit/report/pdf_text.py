"""The PDF's text layer gives back the text as written: copy, search and ``pdftotext``.

WeasyPrint maps each glyph of a font to one text (the first it met the glyph with), and a
shaper does not draw Thai one glyph per character: HarfBuzz splits SARA AM (ำ) into NIKHAHIT
and SARA AA, moves NIKHAHIT before a tone mark, and Sarabun then draws NIKHAHIT and the tone
mark as one glyph. From glyphs alone, ``น้ำ`` reads back as ``น้า`` or ``นำ`` and, once the
glyph of า was first met inside ำ, ``ความ`` reads as ``ควำม``; poppler also places a
zero-width mark by its shifted position and puts it after the next letter (``ทีใ่`` for
``ที่ใ``) or a space before it (``ปั่ น``).

So, while gdcc-audit writes a PDF, every drawn line that holds a combining mark or a vowel a
shaper splits is wrapped in a marked-content span whose ``/ActualText`` is the line's text
(ISO 32000-1, 14.9.4; allowed in PDF/A and tagged PDF): poppler (``pdftotext``, Evince,
Okular), PDFium (Chrome) and Acrobat copy and search that text instead of the glyphs'.
Other lines (English, numbers) are written exactly as before.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: Vowels that are letters (no combining class) yet drawn as two glyphs: Thai and Lao AM.
_SPLIT_VOWELS = frozenset("\u0e33\u0eb3")
_MARKS = frozenset(("Mn", "Mc", "Me"))

_ACTIVE: ContextVar[bool] = ContextVar("gdcc_audit_pdf_actual_text", default=False)
_installed: list[bool] = []
_install_lock = threading.Lock()


def needs_actual_text(text: str) -> bool:
    """Whether glyphs alone may not give ``text`` back: a combining mark or a split vowel."""
    return any(c in _SPLIT_VOWELS or unicodedata.category(c) in _MARKS for c in text)


def _drawn_text(textbox: Any) -> str:
    """The text of the line WeasyPrint has just drawn (Pango indexes UTF-8 bytes)."""
    line, _ = textbox.pango_layout.get_first_line()
    data: bytes = textbox.pango_layout.text.encode()
    return data[line.start_index : line.start_index + line.length].decode()


def _install() -> None:
    """Wrap WeasyPrint's line drawing once; the wrapper acts only inside ``exact_text``."""
    with _install_lock:
        if not _installed:
            _wrap_draw_first_line()
            _installed.append(True)


def _wrap_draw_first_line() -> None:
    import pydyf
    import weasyprint.draw.text as draw_text

    original = draw_text.draw_first_line

    def draw_first_line(stream: Any, textbox: Any, *args: Any, **kwargs: Any) -> Any:
        start = len(stream.stream)
        drawn = original(stream, textbox, *args, **kwargs)
        if _ACTIVE.get() and len(stream.stream) > start:
            text = _drawn_text(textbox)  # after drawing: an ellipsis may have changed it
            if needs_actual_text(text):
                actual = pydyf.Dictionary({"ActualText": pydyf.String(text)})
                stream.stream[start:start] = [b"/Span", actual, b"BDC"]
                stream.end_marked_content()
        return drawn

    draw_text.draw_first_line = draw_first_line


@contextmanager
def exact_text() -> Iterator[None]:
    """PDFs WeasyPrint writes inside this block (in this thread or task) carry each
    complex-script line's text as ``/ActualText``; other WeasyPrint users are not affected."""
    _install()
    token = _ACTIVE.set(True)
    try:
        yield
    finally:
        _ACTIVE.reset(token)
