"""``gdcc-audit report``: render reports from a saved JSON result (``report RESULT.json``),
or from the history store (``report quarterly``, ``report portfolio``)."""

from __future__ import annotations

from pathlib import Path

import click

from gdcc_audit.cli.common import (
    OutputPath,
    errors_to_exit,
    fail,
    lang_for,
    layout_option,
    split,
    write_file,
)
from gdcc_audit.cli.debug import debug_option
from gdcc_audit.models.result import AuditResult


@click.command("result", hidden=True)
@debug_option
@click.argument(
    "result_file", metavar="RESULT.json", type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    help="Output format(s), comma-separated: pdf, html, sarif, junit, csv, oscal, json.",
)
@click.option(
    "--output",
    "-o",
    type=OutputPath(),
    help="Output file (one format) or folder (several). Default: next to RESULT.json.",
)
@click.option(
    "--lang",
    type=click.Choice(["th", "en"]),
    default=None,
    help="Report language (default: th for pdf/html, en otherwise).",
)
@layout_option(
    "--json-layout",
    help="json: the result layout written (1.0 converts a saved 1.1 result for older readers).",
)
def report_result(
    result_file: Path, formats: str, output: Path | None, lang: str | None, json_layout: str
) -> None:
    """Render reports from a saved JSON result (scan --format json, layout 1.1 or 1.0)."""
    from pydantic import ValidationError

    from gdcc_audit.plugins import collect_reporters, make_plugin_manager
    from gdcc_audit.report.interface import ReportOptions

    wanted = split([formats]) or ("pdf",)
    with errors_to_exit():
        try:
            result = AuditResult.model_validate_json(result_file.read_bytes())
        except ValidationError as exc:
            fail(
                f"{result_file}: not a gdcc-audit JSON result: {exc.error_count()} error(s): "
                f"{exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}"
            )
        reporters = collect_reporters(make_plugin_manager())
        unknown = [f for f in wanted if f not in reporters or f == "console"]
        if unknown:
            available = ", ".join(sorted(f for f in reporters if f != "console"))
            raise click.BadParameter(
                f"unknown format(s) {', '.join(unknown)}; available: {available}",
                param_hint="--format",
            )
        for fmt in wanted:
            reporter = reporters[fmt]
            if output is None:
                target = result_file.with_name(f"{result_file.stem}.{reporter.extension}")
            elif len(wanted) > 1 or output.is_dir():
                target = output / f"{result_file.stem}.{reporter.extension}"
            else:
                target = output
            if target.resolve() == result_file.resolve():
                fail(f"{target}: output would overwrite the input; use --output")
            # json: the saved result as it is (its findings and graph neither grouped nor cut
            # further), in the layout asked for
            kept = ReportOptions(full_findings=True, full_graph=True, json_layout=json_layout)
            write_file(result, reporter, target, lang_for(fmt, lang), kept=kept)


class _ResultOrSubcommand(click.Group):
    """``report RESULT.json ...`` keeps working: anything that is not a subcommand name is
    handed to the hidden ``result`` command (a file named like a subcommand: ``./quarterly``)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["result", *args]
        return super().parse_args(ctx, args)


@click.group("report", cls=_ResultOrSubcommand)
def report() -> None:
    """Render reports.

    \b
    gdcc-audit report RESULT.json [--format pdf,html,...] [--output ...] [--lang th|en]
        from a saved JSON result (scan --format json)
    gdcc-audit report quarterly --tenant T --quarter 2570Q1
        one tenant's quarter from the history store, with trends
    gdcc-audit report portfolio [--quarter 2570Q1] [--ministry M]
        many tenants from the history store
    """


def _add_history_reports() -> None:
    from gdcc_audit.cli.report_history import portfolio, quarterly

    report.add_command(report_result)
    report.add_command(quarterly)
    report.add_command(portfolio)


_add_history_reports()
