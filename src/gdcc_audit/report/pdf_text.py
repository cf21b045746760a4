"""The PDF's text layer gives back the text as written: copy, search and ``pdftotext``.

WeasyPrint maps each glyph of a font to one text (the first it met the glyph with), and a
shaper does not draw Thai one glyph per character: HarfBuzz splits SARA AM into NIKHAHIT and
SARA AA, moves NIKHAHIT before a tone mark, and Sarabun then draws NIKHAHIT and the tone mark
as one glyph. From glyphs alone, SARA AM read back as SARA AA, a tone mark over it was lost,
and once the glyph of SARA AA was first met inside SARA AM every SARA AA read as SARA AM;
poppler also placed a zero-width mark by its shifted position, after the next letter or with a
space before it (examples in docs/reports.md; misspelt Thai is kept out of this file, which
scripts/build_thai_words.py reads for words).

So, while gdcc-audit writes a PDF, every drawn line that holds a combining mark or a vowel a
shaper splits is wrapped in a marked-content span whose ``/ActualText`` is the line's text
(ISO 32000-1, 14.9.4; allowed in PDF/A and tagged PDF): poppler (``pdftotext``, Evince,
Okular), PDFium (Chrome) and Acrobat copy and search that text instead of the glyphs'.
Other lines (English, numbers) are written exactly as before.

Readers that ignore ``/ActualText`` (pypdf, pdf.js, Apple Preview) still read the glyphs, so
on those lines each glyph is also mapped to its own character (the font's cmap, and through
its GSUB to what an alternate or ligature stands for) rather than to the first cluster it was
met in. They then read SARA AM as NIKHAHIT + SARA AA (the same text under NFKC) and a tone
mark over SARA AM before the NIKHAHIT.
"""

from __future__ import annotations

import functools
import io
import threading
import unicodedata
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

#: Vowels that are letters (no combining class) yet drawn as two glyphs: Thai and Lao AM.
_SPLIT_VOWELS = frozenset("\u0e33\u0eb3")
_MARKS = frozenset(("Mn", "Mc", "Me"))

_ACTIVE: ContextVar[bool] = ContextVar("gdcc_audit_pdf_actual_text", default=False)
_installed: list[bool] = []
#: WeasyPrint font -> {glyph id: the text that glyph alone stands for}.
_GLYPH_TEXTS: weakref.WeakKeyDictionary[Any, dict[int, str]] = weakref.WeakKeyDictionary()
_install_lock = threading.Lock()


def needs_actual_text(text: str) -> bool:
    """Whether glyphs alone may not give ``text`` back: a combining mark or a split vowel."""
    return any(c in _SPLIT_VOWELS or unicodedata.category(c) in _MARKS for c in text)


def _drawn_text(textbox: Any) -> str:
    """The text of the line WeasyPrint has just drawn (Pango indexes UTF-8 bytes)."""
    line, _ = textbox.pango_layout.get_first_line()
    data: bytes = textbox.pango_layout.text.encode()
    return data[line.start_index : line.start_index + line.length].decode()


@functools.lru_cache(maxsize=8)
def glyph_texts(data: bytes, index: int = 0) -> dict[int, str]:
    """What each glyph of a font file stands for on its own: its cmap character when one
    character (not a presentation form such as ﬁ or SARA AM) maps to it; an alternate (single
    or alternate substitution) what its source glyph stands for; a ligature its components'
    texts. Glyphs reached from two different texts are left out (WeasyPrint's own mapping
    stays). Do not change the result: it is cached."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data), fontNumber=index, lazy=True)
    characters: dict[str, set[str]] = {}
    for code, name in font.getBestCmap().items():
        # A presentation form (ﬁ) names the ligature a shaper makes of f + i: read as f + i.
        if len(unicodedata.normalize("NFKC", chr(code))) == 1:
            characters.setdefault(name, set()).add(chr(code))
    text = {name: next(iter(chars)) for name, chars in characters.items() if len(chars) == 1}
    derived: dict[str, set[str]] = {}
    pairs = _substitutions(font)
    changed = True
    while changed:  # alternates of ligatures of alternates...
        changed = False
        for sources, target in pairs:
            if target in characters or not all(source in text for source in sources):
                continue
            joined = "".join(text[source] for source in sources)
            if joined not in derived.setdefault(target, set()):
                derived[target].add(joined)
                changed = True
                chosen = _one_text(derived[target])
                if chosen is None:
                    text.pop(target, None)
                else:
                    text[target] = chosen
    order = {name: gid for gid, name in enumerate(font.getGlyphOrder())}
    return {order[name]: value for name, value in text.items() if name in order}


def _one_text(candidates: set[str]) -> str | None:
    """The text of a glyph reached from ``candidates``: the one candidate; the same characters
    in several orders (Sarabun ligates nikhahit and a tone mark either way round) in order of
    combining class, the tone mark first as NFKC writes a toned SARA AM; otherwise none."""
    first = next(iter(candidates))
    if len(candidates) == 1:
        return first
    if len({"".join(sorted(candidate)) for candidate in candidates}) > 1:
        return None
    return "".join(sorted(sorted(first), key=unicodedata.combining, reverse=True))


def _substitutions(font: Any) -> list[tuple[tuple[str, ...], str]]:
    """(source glyphs, glyph) of the font's GSUB single, alternate and ligature lookups."""
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return []
    pairs: list[tuple[tuple[str, ...], str]] = []
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            table = subtable.ExtSubTable if lookup.LookupType == 7 else subtable  # extension
            kind = table.LookupType
            if kind == 1:
                pairs.extend(((source,), target) for source, target in table.mapping.items())
            elif kind == 3:
                for source, targets in table.alternates.items():
                    pairs.extend(((source,), target) for target in targets)
            elif kind == 4:
                for first, ligatures in table.ligatures.items():
                    pairs.extend(
                        ((first, *ligature.Component), ligature.LigGlyph) for ligature in ligatures
                    )
    return pairs


def _font_glyph_texts(font: Any) -> dict[int, str]:
    """``glyph_texts`` of a WeasyPrint font; none for a font fontTools cannot read (a system
    fallback font may be anything): its glyphs keep WeasyPrint's own mapping."""
    try:
        return glyph_texts(font.file_content, getattr(font, "index", 0))
    except Exception:  # fontTools raises many types for a font it cannot read
        return {}


def _map_glyphs_to_their_text(stream: Any, textbox: Any) -> None:
    """Map each glyph of the line just drawn to its own text in its font's ToUnicode."""
    from weasyprint.text.ffi import ffi

    line, _ = textbox.pango_layout.get_first_line()
    run = line.runs
    while run != ffi.NULL:
        item = run.data
        run = run.next
        font, _ = stream.add_font(item.item.analysis.font)
        texts = _GLYPH_TEXTS.get(font)
        if texts is None:
            texts = _GLYPH_TEXTS[font] = _font_glyph_texts(font)
        glyphs = item.glyphs
        for i in range(glyphs.num_glyphs):
            glyph = glyphs.glyphs[i].glyph
            if glyph in font.to_unicode and glyph in texts:
                font.to_unicode[glyph] = texts[glyph]


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
                _map_glyphs_to_their_text(stream, textbox)
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
