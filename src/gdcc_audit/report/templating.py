"""The jinja2 environment of the HTML and PDF reports: autoescaping, strict, re-brandable."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, Iterable
from functools import cache
from html import unescape
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from gdcc_audit.dates import MONTHS
from gdcc_audit.errors import ReportError
from gdcc_audit.models.masking import safe_text
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.i18n import Translator, catalog
from gdcc_audit.report.redact import redact_result
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir

#: Fonts shipped in reports/fonts (Sarabun, OFL-1.1): (file, weight, style).
FONTS = (("Sarabun-Regular.ttf", 400, "normal"), ("Sarabun-Bold.ttf", 700, "normal"))
STYLESHEETS = ("report.css", "print.css")
TEMPLATE = "report.html.j2"

_CSS_SAFE = re.compile(r"[\w .,:;()/\-–%]", re.UNICODE)


_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


def _visible(value: Any) -> Any:
    return safe_text(value) if isinstance(value, str) else value


def markdown_inline(value: object) -> Markup:
    """The small Markdown subset rule texts use, as safe HTML: `code`, **bold**,
    [text](url) (shown as text and address, never a live link) and line breaks. Everything
    else is escaped first, so no markup from a rule pack reaches the report."""
    return _markdown(str(escape(str(value))))


#: A long word of a message (a path, an address, a quoted attribute): 20 letters or more with
#: a '.', '/', '_' or ':' in it (and no Thai, which wraps between words as it is).
_LONG_NAME = re.compile(r"[^\s]{20,}")
_SEPARATOR = re.compile(r"[./_:]")


#: An IPv4 address or range, or an IPv6 range, in a message: ``0.0.0.0/0``, ``10.0.0.0/16``,
#: ``::/0``, ``2001:db8::/32``.
_ADDRESS = re.compile(
    r"(?<![\w.:/])(?:\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?"
    r"|(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}/\d{1,3})(?![\w.:/])"
)


def _whole_addresses(text: str) -> str:
    """Escaped ``text`` with each address or range in a no-wrap span: WeasyPrint (Thai and
    English) and browsers break a line after its '/', and ``(0.0.0.0/`` / ``0)`` reads as
    another range."""
    parts: list[str] = []
    position = 0
    for found in _ADDRESS.finditer(text):
        parts.append(str(escape(text[position : found.start()])))
        parts.append(f'<span class="nobr">{escape(found[0])}</span>')
        position = found.end()
    parts.append(str(escape(text[position:])))
    return "".join(parts)


def message_html(value: object) -> Markup:
    """A finding's message as ``markdown_inline`` makes it, each long path or name in it
    breakable as a table's paths are (``breakable``): ``at aws/elastic_search/es.tf:41``
    breaks after a '/' or '.', never at any letter; each address or range (``0.0.0.0/0``,
    ``::/0``) on one line."""
    return _markdown(_names_and_addresses(str(value)))


def evidence_html(value: object) -> Markup:
    """A finding's evidence value (a JSON text) as ``message_html`` marks a message, without
    Markdown: ``"heat/inline.yaml:5",`` breaks after ``heat/``, never as ``inline.yaml:`` /
    ``5"``."""
    return Markup(_names_and_addresses(safe_text(str(value))))


def _names_and_addresses(text: str) -> str:
    """Escaped ``text``: each long name breakable, each address whole."""
    parts: list[str] = []
    position = 0
    for found in _LONG_NAME.finditer(text):
        if _SEPARATOR.search(found[0]) is None or _THAI.search(found[0]) is not None:
            continue
        parts.append(_whole_addresses(text[position : found.start()]))
        parts.append(str(breakable(found[0])))
        position = found.end()
    parts.append(_whole_addresses(text[position:]))
    return "".join(parts)


def _markdown(text: str) -> Markup:
    """``markdown_inline`` of text already escaped."""
    text = _MD_CODE.sub(r'<code class="code">\1</code>', text)
    text = _MD_BOLD.sub(r"<b>\1</b>", text)
    text = _MD_LINK.sub(r'\1 (<span class="code">\2</span>)', text)
    return Markup(text.replace("\n\n", "<br><br>"))


#: Where an address, a path or a type name may break: after '.', '/', '_' or '::' (not
#: between two of them, nor at the end, nor before a file's extension or a short last part:
#: ``main.tf:12``, ``aws_s3_bucket.b``).
_BREAK_AFTER = re.compile(r"(::|[/_]|\.(?![\w-]{1,5}(?::|\s|$)))(?=[^./_:])")
#: A part with a hyphen (between two break opportunities or spaces): ``eks-auto-mode``,
#: ``terraform-aws-modules``, ``main.tf:2-5``. Browsers and WeasyPrint may break after any
#: hyphen; the part is kept on one line (``span.seg``, no wrap), so a long path breaks only
#: after '.', '/', '_' or '::'. A part longer than a narrow table cell (``SEG_LONG``
#: letters) may still break at its hyphens in a cell (``seg-long``), never elsewhere.
_HYPHENATED = re.compile(r"[^\s<>]*-[^\s<>]*")
SEG_LONG = 16
_SEG = re.compile(r'<span class="seg(?: seg-long)?">(.*?)</span>', re.S)
_BROKEN = re.compile(r'<span class="brk">(.*?)</span>', re.S)
#: A no-wrap span (an address in a message, a Thai word kept whole on screen).
_NOBR = re.compile(r'<span class="nobr">(.*?)</span>', re.S)


#: A word (between spaces) of the text ``breakable`` marks.
_WORD = re.compile(r"\S+")


#: The longest file name (with its line) kept whole: what the narrowest column holds
#: (the findings' location); a longer one keeps its breaks after '_' and '.'.
FILE_NAME_WHOLE = 20


def _whole_file_name(
    found: re.Match[str], hold: Callable[[str], str], expand: Callable[[str], str]
) -> str:
    """A path's last part (its file name with its line) on one line: ``azure/`` /
    ``app_service.tf:22``, never ``azure/app_`` / ``service.tf:22``; ``aws/`` /
    ``db-app.tf:243-413``, never ``aws/db-app.tf:`` / ``243-413`` (WeasyPrint and browsers
    may break after the ':' and take the last break that fits). It is held (``hold``) for a
    no-wrap span; of one longer than ``FILE_NAME_WHOLE`` letters (``expand``: with the
    addresses held in it), the longest end that fits from one of its breaks after '_' or
    '.': ``oso_`` / ``node.yaml:172-240``, not ``oso_node.yaml:`` / ``172-240``;
    ``application_`` / ``gateway.tf:1-66`` rather than a break at any letter."""
    word = found[0]
    head, slash, tail = word.rpartition("/")
    name = tail.replace("<wbr>", "")
    if not slash or not name:
        return word
    if len(unescape(expand(name))) <= FILE_NAME_WHOLE:
        lead = "<wbr>" if tail.startswith("<wbr>") else ""
        return f"{head}/{lead}{hold(name)}"
    parts = tail.split("<wbr>")
    for start in range(1, len(parts)):
        end = "".join(parts[start:])
        if len(unescape(expand(end))) <= FILE_NAME_WHOLE:
            return f"{head}/{'<wbr>'.join(parts[:start])}<wbr>{hold(end)}"
    return word


#: A camel-case boundary: ``Active|Directory``, ``VPN|Connection``.
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
#: A run of a name between two break opportunities (or spaces).
_RUN = re.compile(r"[^\s<>]+")


def _camel_breaks(text: str, expand: Callable[[str], str]) -> str:
    """``text`` (a name with its ``<wbr>``) with a break opportunity at each camel-case
    boundary of a run longer than ``FILE_NAME_WHOLE`` letters: a run the narrowest column
    cannot hold broke at any letter (heat-templates ``…ActiveDirectoryDomai`` /
    ``nController.yaml:``); now ``ActiveDirectory`` / ``DomainController.yaml:108-117``.
    A ``<wbr>`` adds no character: copied text is the exact name."""

    def split(found: re.Match[str]) -> str:
        run = found[0]
        if len(unescape(expand(run))) <= FILE_NAME_WHOLE:
            return run
        return _CAMEL.sub("<wbr>", run)

    return _RUN.sub(split, text)


def _segment(found: re.Match[str]) -> str:
    part = found[0]
    long = " seg-long" if len(part.replace("&#34;", '"')) > SEG_LONG else ""
    return f'<span class="seg{long}">{part}</span>'


#: An address or range inside a longer name (``aws_security_group.web:0.0.0.0/0``,
#: ``from_2001:db8::/32``): after a ':' or '_' too, which ``_ADDRESS`` (a word of its own)
#: does not take. ``breakable`` keeps it whole: never ``0.`` / ``0.0.0/0``.
_ADDRESS_IN_NAME = re.compile(
    r"(?:(?<![0-9A-Za-z./])\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?"
    r"|(?<![0-9A-Za-z.:/])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}/\d{1,3})(?![\w.:/])"
)
#: Private-use characters that stand for the addresses ``breakable`` holds while it marks
#: the rest of a name.
_HELD = 0xF0000
_HELD_CHAR = re.compile("[\U000F0000-\U000FFFFD]")


def breakable(value: object) -> Markup:
    """An address, a path or a resource type with a line break allowed after each '.', '/',
    '_' and '::' (``<wbr>``): a narrow table cell breaks
    ``module.vpc.module.flow_logs[0].aws_s3_bucket.b`` between its parts, not inside one
    (``overflow-wrap: anywhere`` stays the last resort). Copied text is unchanged. In a
    ``span.brk``: in an inline element (``<b class="code">``) WeasyPrint breaks text with
    ``overflow-wrap`` at any letter and ignores ``<wbr>``; print.css makes the span an
    inline block in a table cell, where it keeps them. A part with a hyphen is kept on one
    line (``_HYPHENATED``): ``eks-auto-mode/`` never breaks as ``eks-`` / ``auto-mode/``;
    nor does a path's file name (``app_service.tf``), nor an address in the name
    (``web:0.0.0.0/0``, ``_ADDRESS_IN_NAME``: a no-wrap span)."""
    addresses: list[str] = []

    def expand(part: str) -> str:
        return _HELD_CHAR.sub(lambda c: addresses[ord(c[0]) - _HELD], part)

    def hold(part: str) -> str:
        # an address held before, inside a file name held now, goes back in as text: one
        # no-wrap span, not one inside another
        addresses.append(expand(part))
        return chr(_HELD + len(addresses) - 1)

    text = _ADDRESS_IN_NAME.sub(lambda found: hold(found[0]), str(escape(safe_text(str(value)))))
    text = _camel_breaks(_BREAK_AFTER.sub(r"\1<wbr>", text), expand)
    text = _HYPHENATED.sub(_segment, _WORD.sub(lambda w: _whole_file_name(w, hold, expand), text))
    for number, address in enumerate(addresses):
        text = text.replace(chr(_HELD + number), f'<span class="nobr">{address}</span>')
    return Markup('<span class="brk">{}</span>').format(Markup(text))


def whole_ids(value: object) -> Markup:
    """A list of ids joined by ``", "`` (control ids ``TH-NCSC-CLOUD-2567:SEGMENT``, rule ids
    ``GDCC-CLU-007``), each on one line (``span.whole``): a line breaks after a comma only,
    never after a hyphen inside an id (``TH-NCSC-`` / ``CLOUD-2567:SEGMENT``)."""
    ids = [escape(safe_text(part)) for part in str(value).split(", ")]
    return Markup(", ").join(Markup('<span class="whole">{}</span>').format(i) for i in ids)


#: The longest id a table's id column is sized for (``id_width``); a longer one breaks
#: where ``breakable`` lets it (after '.', '/', '_', at a hyphen in a long part).
ID_WHOLE = 24
#: The width of a letter of ``.code`` (.85em of DejaVu Sans Mono, advance 0.602em; a little
#: over) and a cell's padding (.45em a side, and room for rounding), in em of the cell.
_CODE_LETTER_EM = 0.52
_CELL_PADDING_EM = 1.0
#: The narrowest id column (``col.w-id``).
_ID_MIN_EM = 7.0


def id_width(ids: Iterable[object]) -> str:
    """The width of a table's id column (``<col style="width: ...">``) that holds the
    longest of ``ids`` on one line, up to ``ID_WHOLE`` letters, and never under the 7em of
    ``col.w-id``: the scope table broke ``disease-analytics`` (the bundled example's) as
    ``disease-`` / ``analytics`` in a 7em column, PDF and screen."""
    longest = max((len(str(i)) for i in ids), default=0)
    letters = min(longest, ID_WHOLE)
    width = max(_ID_MIN_EM, letters * _CODE_LETTER_EM + _CELL_PADDING_EM)
    return f"{width:.1f}em"


def unbroken(html: str) -> str:
    """Report HTML without the break opportunities ``breakable`` adds nor the no-wrap spans
    of addresses and Thai words: its text as a reader copies it (for tests and plugins
    that look for an address or a path in a report)."""
    # innermost first: an address's no-wrap span sits inside a name's spans
    return _BROKEN.sub(r"\1", _SEG.sub(r"\1", _NOBR.sub(r"\1", html))).replace("<wbr>", "")


#: A Thai letter; a Latin one.
_THAI = re.compile("[\u0e01-\u0e4f]")
_LATIN = re.compile("[A-Za-z]")


def written_in(text: str) -> str | None:
    """The language a name or free text from the input is written in, by its script: ``th``
    when it holds a Thai letter, ``en`` when it holds Latin letters only, else ``None``."""
    if _THAI.search(text):
        return "th"
    return "en" if _LATIN.search(text) else None


def in_language(lang: str) -> Any:
    """The ``in_lang`` filter of a ``lang`` report: a text written in the other language
    (an agency's English name in a Thai report, a Thai attestor in an English one) in a
    ``<span lang="...">``, so that screen readers read it with the right voice and browsers
    pick its fonts and line breaks by its language; any other text escaped as it is."""

    def in_lang(value: object) -> Markup:
        text = safe_text(str(value))
        written = written_in(text)
        if written is None or written == lang:
            return escape(text)
        return Markup('<span lang="{}">{}</span>').format(written, text)

    return in_lang


def css_string(value: object) -> Markup:
    """``value`` as a quoted CSS string, safe inside ``<style>`` whatever it contains."""
    text = str(value)
    # A CSS escape swallows one following space, so every escape ends with its own space
    # (else "ใช้ภายใน · INTERNAL" would print as "ใช้ภายใน ·INTERNAL").
    escaped = "".join(ch if _CSS_SAFE.fullmatch(ch) else f"\\{ord(ch):06x} " for ch in text)
    return Markup(f'"{escaped}"')


@cache
def _font_data_uri(path: Path) -> str:
    return "data:font/ttf;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def font_faces(folder: Path, embed: bool) -> Markup:
    """``@font-face`` rules for the vendored fonts: data: URIs (HTML) or file URLs (PDF)."""
    rules = []
    for name, weight, style in FONTS:
        path = folder / "fonts" / name
        if not path.is_file():
            raise ReportError(f"report font {path} is missing")
        url = _font_data_uri(path) if embed else path.resolve().as_uri()
        rules.append(
            "@font-face { font-family: 'Sarabun'; "
            f"src: url({css_string(url)}) format('truetype'); "
            f"font-weight: {weight}; font-style: {style}; }}"
        )
    return Markup("\n".join(rules))


def _stylesheets(folder: Path) -> Markup:
    parts = []
    for name in STYLESHEETS:
        path = folder / "css" / name
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ReportError(f"cannot read report stylesheet {path}: {exc}") from exc
    # The stylesheets are our own files, not input data; they are inlined verbatim.
    return Markup("\n".join(parts).replace("</", "<\\/"))


def make_environment(
    lang: str, folder: Path | None = None, plugin_manager: Any = None
) -> jinja2.Environment:
    """A jinja2 environment with autoescaping on, undefined names as errors and the
    ``prepare_report_environment`` hook applied (plugins may add filters or loaders)."""
    base = folder or reports_dir()
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(base / "templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Control characters from input (ANSI escapes, bidi overrides) are shown escaped.
        finalize=_visible,
    )
    environment.filters["css_string"] = css_string
    environment.filters["md"] = markdown_inline
    environment.filters["breakable"] = breakable
    environment.filters["message"] = message_html
    environment.filters["evidence"] = evidence_html
    environment.filters["whole_ids"] = whole_ids
    environment.filters["id_width"] = id_width
    environment.filters["in_lang"] = in_language(lang)
    environment.globals["t"] = Translator(lang, catalog(lang, base / "i18n"))
    if plugin_manager is not None:
        plugin_manager.hook.prepare_report_environment(environment=environment, lang=lang)
    return environment


def render_html(
    result: AuditResult,
    lang: str,
    *,
    media: str,
    plugin_manager: Any = None,
    folder: Path | None = None,
) -> str:
    """The report of ``result`` as one HTML document; ``media`` is ``screen`` or ``print``."""
    base = folder or reports_dir()
    environment = make_environment(lang, base, plugin_manager)
    t = environment.globals["t"]
    if not isinstance(t, Translator):
        raise ReportError("a plugin replaced the report translator 't' with something else")
    view = build_view(redact_result(result), t)
    try:
        template = environment.get_template(TEMPLATE)
        html = template.render(
            view=view,
            media=media,
            fonts=font_faces(base, embed=media == "screen"),
            stylesheet=_stylesheets(base),
        )
    except jinja2.TemplateError as exc:
        raise ReportError(f"report template error: {exc}") from exc
    return for_media(html, media)


#: White space between a text and the block that follows it or the end of its block (a
#: template's line break before ``<div class="evidence">`` or ``</td>``): never shown.
_TRAILING_SPACE = re.compile(
    r"(?<=[^\s>])[ \t\r\n]+(?=<(?:div|p|ul|ol|dl|table)[\s>]|</(?:td|th|p|div|li|dd|dt)>)"
)


#: A date as the reports write it (``dates.day_text``): ``20 ส.ค. 2568``, ``20 Aug 2025``;
#: a month and year (``ต.ค.–ธ.ค. 2569``), and a year of an era, ``พ.ศ. 2570`` (the quarter,
#: ``ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570``, broke as ``พ.ศ.`` / ``2570`` on the cover at 390 px).
_MONTH = "|".join(re.escape(month) for months in MONTHS.values() for month in months)
_DATE = re.compile(
    rf"(?<![\w.])\d{{1,2}} (?:{_MONTH}) \d{{4}}(?!\d)"
    # a month without its day, never the rest of a date that is not one (v1.20 Aug 2025)
    rf"|(?<![\w.])(?<!\d )(?:{_MONTH}) \d{{4}}(?!\d)"
    r"|(?<![\w.])(?:พ\.ศ\.|ค\.ศ\.) \d{4}(?!\d)"
)
#: An element whose text is not HTML text (kept as it is), a tag, a run of text, or a "<"
#: that opens no tag.
_HTML_TEXT = re.compile(
    r"(<(script|style|title|textarea|svg)\b.*?</\2\s*>)|(<[^>]*>)|([^<]+)|<", re.S | re.I
)


def whole_dates(html: str) -> str:
    """``html`` with each date of its text (``20 ส.ค. 2568``, ``20 Aug 2025``, ``ธ.ค. 2569``)
    and each era year (``พ.ศ. 2570``) in a no-wrap span: a line broke at its spaces
    (``ลงวันที่ 20`` / ``ส.ค. 2568``), in a message and in a table cell, screen and PDF.
    Only the rendered page: the JSON and CSV messages keep plain spaces (a no-break space
    there would break a search for the date). Tags, attributes and the text of ``script``,
    ``style``, ``title``, ``textarea`` and ``svg`` are left."""
    if _DATE.search(html) is None:
        return html

    def text(part: str) -> str:
        return _DATE.sub(lambda found: f'<span class="nobr">{found[0]}</span>', part)

    return "".join(
        text(match[4]) if match[4] else match[0] for match in _HTML_TEXT.finditer(html)
    )


def for_media(html: str, media: str) -> str:
    """The page with its dates on one line (``whole_dates``); the screen page with the Thai
    words a browser would cut kept whole (``thai_segment.keep_words_whole``); the PDF's
    (WeasyPrint breaks Thai with libthai, which keeps them) without the white space at the
    end of a text (``_TRAILING_SPACE``): WeasyPrint counts it in the width of the text's
    last line, and a last line that fits only without it is broken at its first break
    opportunity (Thai findings cell: ``{equals: [{get_param: env},`` / ``prod]}`` /
    ``เป็นจริง ...``, room left)."""
    html = whole_dates(html)
    if media != "screen":
        return _TRAILING_SPACE.sub("", html)
    from gdcc_audit.report.thai_segment import keep_words_whole

    return keep_words_whole(html)
