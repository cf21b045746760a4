"""HTML and PDF/A-3b of the reports drawn from the history store (quarterly, portfolio).

They use the audit report's stylesheets, fonts and translations (``reports/``); the PDF is
tagged for screen readers and carries the report's data as an attached JSON file.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import jinja2

from gdcc_audit.errors import ReportError
from gdcc_audit.report.i18n import Translator
from gdcc_audit.report.templating import _stylesheets, font_faces, for_media, make_environment
from gdcc_audit.resources import reports_dir

PDF_VARIANT = "pdf/a-3b"


def render_html(template: str, view: Any, lang: str, *, media: str) -> str:
    """``template`` (in reports/templates) filled with ``view``; media ``screen`` or ``print``."""
    base = reports_dir()
    environment = make_environment(lang, base)
    try:
        html = environment.get_template(template).render(
            view=view,
            media=media,
            fonts=font_faces(base, embed=media == "screen"),
            stylesheet=_stylesheets(base),
        )
    except jinja2.TemplateError as exc:
        raise ReportError(f"report template {template}: {exc}") from exc
    return for_media(html, media)


def view_json(view: Any) -> str:
    """The view's data as JSON (charts left out: they are drawn from this data)."""
    data = dataclasses.asdict(view)
    data.pop("charts", None)
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def render_pdf(template: str, view: Any, lang: str, *, attachment_name: str, ident: str) -> bytes:
    """PDF/A-3b of ``template`` with the view's JSON attached, tagged for screen readers."""
    from gdcc_audit.report.pdf import _weasyprint
    from gdcc_audit.report.pdf_text import exact_text

    weasyprint = _weasyprint()
    html = render_html(template, view, lang, media="print")
    attachment = weasyprint.Attachment(
        string=view_json(view),
        name=attachment_name,
        description="gdcc-audit report data (JSON)",
        relationship="Data",
    )
    document = weasyprint.HTML(string=html, base_url=str(reports_dir()), media_type="print")
    with exact_text():  # copy and search give the Thai back as written
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            attachments=[attachment],
            pdf_identifier=ident.encode(),
            uncompressed_pdf=False,
        )
    if not isinstance(pdf, bytes):
        raise ReportError("WeasyPrint returned no PDF")
    return pdf


def write_outputs(
    template: str,
    view: Any,
    t: Translator,
    formats: tuple[str, ...],
    output: Path,
    stem: str,
    *,
    ident: str,
    extra: dict[str, str] | None = None,
) -> list[Path]:
    """Render every format first, then write the files (nothing is written if one fails).
    ``extra`` maps more formats (e.g. csv) to their text."""
    rendered: dict[Path, bytes] = {}
    for fmt in formats:
        target = output / f"{stem}.{fmt}" if len(formats) > 1 or output.is_dir() else output
        if fmt == "html":
            rendered[target] = render_html(template, view, t.lang, media="screen").encode()
        elif fmt == "pdf":
            rendered[target] = render_pdf(
                template, view, t.lang, attachment_name=f"{stem}.json", ident=ident
            )
        elif fmt == "json":
            rendered[target] = view_json(view).encode()
        elif extra and fmt in extra:
            rendered[target] = extra[fmt].encode()
        else:
            raise ReportError(f"unknown format {fmt!r}")
    for target, data in rendered.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return list(rendered)
