"""The standalone graph page (``gdcc-audit graph --format html``): the system overview, every
attack path found by the graph rules, and the references that could not be resolved."""

from __future__ import annotations

import jinja2

from gdcc_audit.errors import ReportError
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.i18n import Translator
from gdcc_audit.report.redact import redact_result
from gdcc_audit.report.templating import _stylesheets, font_faces, make_environment
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir

TEMPLATE = "graph.html.j2"


def render_graph_page(result: AuditResult, lang: str) -> str:
    """One self-contained HTML page (fonts and CSS inline, no JavaScript)."""
    base = reports_dir()
    environment = make_environment(lang, base)
    t = environment.globals["t"]
    if not isinstance(t, Translator):
        raise ReportError("the report translator 't' is missing")
    view = build_view(redact_result(result), t)
    graph = result.graph or {}
    try:
        return environment.get_template(TEMPLATE).render(
            view=view,
            graph=graph,
            media="screen",
            fonts=font_faces(base, embed=True),
            stylesheet=_stylesheets(base),
        )
    except jinja2.TemplateError as exc:
        raise ReportError(f"graph page template error: {exc}") from exc
