"""PDF report: the HTML report with print CSS through WeasyPrint, as PDF/A-3b with the JSON
result embedded. WeasyPrint is imported only here, only when a PDF is rendered."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any, cast

from gdcc_audit.errors import ReportError
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.pdf_text import exact_text
from gdcc_audit.report.redact import redact_result
from gdcc_audit.resources import reports_dir

ATTACHMENT_NAME = "gdcc-audit-result.json"
PDF_VARIANT = "pdf/a-3b"
_PANGO_HINT = (
    "WeasyPrint needs the Pango and HarfBuzz system libraries to write PDF; on Debian or Ubuntu "
    "run: apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
)


def _weasyprint() -> Any:
    try:
        import weasyprint
    except ImportError as exc:
        raise ReportError(f"PDF reports need the 'weasyprint' package: {exc}") from exc
    except OSError as exc:  # the package is there, a shared library is not
        raise ReportError(f"{_PANGO_HINT} ({exc})") from exc
    return weasyprint


def render_pdf(
    result: AuditResult,
    lang: str,
    plugin_manager: Any = None,
    extra_attachments: Sequence[tuple[str, str, str]] = (),
) -> bytes:
    """The PDF/A-3b report of ``result`` with the JSON result attached, and any
    ``extra_attachments`` as ``(name, content, description)`` (relationship ``Data``)."""
    weasyprint = _weasyprint()
    safe = redact_result(result)
    from gdcc_audit.report.templating import render_html  # jinja2: only when rendering
    html = render_html(safe, lang, media="print", plugin_manager=plugin_manager)
    # An Attachment can be written only once: a new one for every PDF.
    attachment = weasyprint.Attachment(
        string=result_to_json(safe, full_findings=True, full_graph=True),  # the archived record
        name=ATTACHMENT_NAME,
        description="gdcc-audit result (JSON)",
        relationship="Data",
    )
    attachments = [attachment] + [
        weasyprint.Attachment(string=content, name=name, description=text, relationship="Data")
        for name, content, text in extra_attachments
    ]
    document = weasyprint.HTML(string=html, base_url=str(reports_dir()), media_type="print")
    with exact_text():  # copy and search give the Thai back as written
        pdf = document.write_pdf(
            pdf_variant=PDF_VARIANT,
            attachments=attachments,
            pdf_identifier=result.scanned_at.isoformat().encode(),
            uncompressed_pdf=False,
            # Tagged PDF (structure tree, /MarkInfo, alt text of the charts) for screen
            # readers; WeasyPrint 68+ writes the tags and keeps the PDF/A-3b identification.
            pdf_tags=True,
        )
    if not isinstance(pdf, bytes):
        raise ReportError("WeasyPrint returned no PDF")
    return pdf


class PdfReporter(HtmlReporter):
    """The regulator report as PDF/A-3b, Sarabun font embedded."""

    format = "pdf"
    extension = "pdf"
    lists_passing = True  # the attached JSON result lists every finding
    binary = True

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        cast(IO[bytes], stream).write(render_pdf(result, options.lang, self.plugin_manager()))
