"""Built-in reporters, registered as a plugin."""

from __future__ import annotations

from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.csv import CsvReporter
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import Reporter
from gdcc_audit.report.json import JsonReporter
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.oscal import OscalReporter
from gdcc_audit.report.pdf import PdfReporter
from gdcc_audit.report.sarif import SarifReporter


@hookimpl
def register_reporters() -> list[Reporter]:
    """Every built-in output format (the PDF reporter imports WeasyPrint only when it renders)."""
    return [
        ConsoleReporter(),
        JsonReporter(),
        HtmlReporter(),
        PdfReporter(),
        SarifReporter(),
        JunitReporter(),
        CsvReporter(),
        OscalReporter(),
    ]
