"""HTML report: one self-contained, offline file (fonts and CSS inline, no JavaScript)."""

from __future__ import annotations

from typing import IO, Any, cast

from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.interface import Reporter, ReportOptions


def default_plugin_manager() -> Any:
    """The plugin manager whose ``prepare_report_environment`` hooks a report calls."""
    from gdcc_audit.plugins import make_plugin_manager

    return make_plugin_manager()


class HtmlReporter(Reporter):
    """The regulator report as HTML, in Thai or English."""

    format = "html"
    extension = "html"
    lists_passing = False

    def __init__(self, plugin_manager: Any = None) -> None:
        self._plugin_manager = plugin_manager

    def plugin_manager(self) -> Any:
        """The plugin manager passed in, else a new default one (made on first use)."""
        if self._plugin_manager is None:
            self._plugin_manager = default_plugin_manager()
        return self._plugin_manager

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        from gdcc_audit.report.templating import render_html  # jinja2: only when rendering
        html = render_html(
            result, options.lang, media="screen", plugin_manager=self.plugin_manager()
        )
        cast(IO[str], stream).write(html)
