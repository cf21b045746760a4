"""Built-in reporters, registered as a plugin.

Each reporter's module is imported when it first renders: a run writes one or two formats
(the pre-commit hook none), and importing all eight costs ~15 ms of every start.
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, ClassVar

from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.lazy import build_target
from gdcc_audit.report.interface import Reporter, ReportOptions

if TYPE_CHECKING:
    from gdcc_audit.models.result import AuditResult


class OnFirstUse(Reporter):
    """A reporter class named by ``target`` (``module:Class``), imported when it first renders;
    its format, extension and ``binary`` are declared here, as the real class declares them."""

    target: ClassVar[str]
    #: True when the real reporter decides from the options whether it reads every finding
    #: (it is imported to answer); otherwise ``lists_passing`` is the real class's.
    passing_by_options: ClassVar[bool] = False

    def __init__(self) -> None:
        self._reporter: Reporter | None = None

    @property
    def reporter(self) -> Reporter:
        """The real reporter."""
        if self._reporter is None:
            self._reporter = build_target(self.target)
        return self._reporter

    def needs_every_finding(self, options: ReportOptions) -> bool:
        if self.passing_by_options:
            return self.reporter.needs_every_finding(options)
        return self.lists_passing

    def prepare(self) -> None:
        self.reporter.prepare()

    def render(
        self, result: AuditResult, stream: IO[str] | IO[bytes], options: ReportOptions
    ) -> None:
        self.reporter.render(result, stream, options)


class _Console(OnFirstUse):
    format, extension, lists_passing = "console", "txt", False
    target = "gdcc_audit.report.console:ConsoleReporter"


class _Json(OnFirstUse):
    format, extension, passing_by_options = "json", "json", True
    target = "gdcc_audit.report.json:JsonReporter"


class _Html(OnFirstUse):
    format, extension, lists_passing = "html", "html", False
    target = "gdcc_audit.report.html:HtmlReporter"


class _Pdf(OnFirstUse):
    format, extension, binary = "pdf", "pdf", True
    target = "gdcc_audit.report.pdf:PdfReporter"


class _Sarif(OnFirstUse):
    format, extension, lists_passing = "sarif", "sarif", False
    target = "gdcc_audit.report.sarif:SarifReporter"


class _Junit(OnFirstUse):
    format, extension = "junit", "junit.xml"
    target = "gdcc_audit.report.junit:JunitReporter"


class _Csv(OnFirstUse):
    format, extension = "csv", "csv"
    target = "gdcc_audit.report.csv:CsvReporter"


class _Oscal(OnFirstUse):
    format, extension = "oscal", "oscal.json"
    target = "gdcc_audit.report.oscal:OscalReporter"


#: The built-in reporters, in registration order.
BUILTIN: tuple[type[OnFirstUse], ...] = (
    _Console,
    _Json,
    _Html,
    _Pdf,
    _Sarif,
    _Junit,
    _Csv,
    _Oscal,
)


@hookimpl
def register_reporters() -> list[Reporter]:
    """Every built-in output format (the PDF reporter imports WeasyPrint only when it renders)."""
    return [reporter() for reporter in BUILTIN]
