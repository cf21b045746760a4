"""Built-in reporters, registered as a plugin."""

from __future__ import annotations

from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.interface import Reporter
from gdcc_audit.report.json import JsonReporter


@hookimpl
def register_reporters() -> list[Reporter]:
    """Console and JSON (other formats are added by their own modules)."""
    return [ConsoleReporter(), JsonReporter()]
