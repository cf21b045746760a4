"""``gdcc-audit scan``: audit manifests and IaC, print the summary, write the reports.

This module imports no model at its top: with ``--checkov``, checkov is started as soon as
the arguments are read, before the pipeline (pydantic models, loaders, rules) is imported,
so that it runs during all of that.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import click

from gdcc_audit.cli.common import (
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_OK,
    OutputPath,
    errors_to_exit,
    lang_for,
    layout_option,
    split,
    start_checkov,
    write_file,
)
from gdcc_audit.cli.debug import debug_option
from gdcc_audit.gcpause import gc_paused

if TYPE_CHECKING:
    from gdcc_audit.models.result import AuditResult
    from gdcc_audit.report.interface import Reporter, ReportOptions

#: ``Severity`` values (spelt out so that this module imports no model; a test compares).
SEVERITIES = ("info", "low", "medium", "high", "critical")
_SEVERITIES = [*SEVERITIES, "none"]


def _regions(values: Sequence[str]) -> dict[str, tuple[str, ...]]:
    from gdcc_audit.settings import DEFAULT_THAI_REGIONS

    table = {k: tuple(v) for k, v in DEFAULT_THAI_REGIONS.items()}
    for item in split(values):
        provider, sep, region = item.partition(":")
        if not sep or not provider or not region:
            raise click.BadParameter(f"{item!r} is not PROVIDER:REGION", param_hint="--thai-region")
        table[provider] = (*table.get(provider, ()), region)
    return table


@click.command("scan")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "formats",
    default="console",
    show_default=True,
    help="Output format(s), comma-separated: console, json, html, pdf, sarif, junit, csv, oscal "
    "(and any format a plugin adds).",
)
@click.option(
    "--output",
    "-o",
    type=OutputPath(),
    help="Output file (one format) or folder (several formats). json without it goes to stdout.",
)
@click.option(
    "--fail-on",
    type=click.Choice(_SEVERITIES),
    default="high",
    show_default=True,
    help="Exit 1 when a check fails at or above this severity ('none': never).",
)
@click.option(
    "--lang",
    type=click.Choice(["th", "en"]),
    default=None,
    help="Language of messages and reports (console: en, documents: th).",
)
@click.option("--rules", "rule_ids", multiple=True, help="Only these rule ids (comma-separated).")
@click.option("--tag", "tags", multiple=True, help="Only rules with one of these tags.")
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    help="Only rules of at least this severity.",
)
@click.option(
    "--framework",
    "frameworks",
    multiple=True,
    help="Score and report these frameworks (comma-separated ids); keeps the rules that map "
    "to them directly or through the crosswalk. Default: all.",
)
@click.option(
    "--thai-region",
    "thai_regions",
    multiple=True,
    metavar="PROVIDER:REGION",
    help="Add a region counted as located in Thailand, e.g. azurerm:thailandcentral.",
)
@click.option(
    "--exclude",
    "exclude",
    multiple=True,
    metavar="GLOB",
    help="Do not scan files or folders matching GLOB (repeatable): a name anywhere "
    "('templates', '*.tpl.yaml') or, with '/', a path below the scanned folder "
    "('modules/*/examples'). Listed in the report as excluded.",
)
@click.option(
    "--var-file",
    "var_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Terraform variable file(s) to apply.",
)
@click.option(
    "--now",
    "now",
    type=click.DateTime(formats=["%Y-%m-%d", "%Y-%m-%dT%H:%M:%S"]),
    help="Judge evidence as of this date (default: today).",
)
@click.option(
    "--waivers",
    "waiver_files",
    multiple=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Waiver file (kind: Waivers) to apply; repeatable. Manifests may name their own.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path, dir_okay=False),
    help="A saved JSON result: findings already failing in it are 'known' and do not count "
    "for --fail-on (only new findings fail the run).",
)
@click.option(
    "--full-findings",
    is_flag=True,
    help="JSON: list every finding. By default PASS and NOT_APPLICABLE findings are saved as "
    "counts per rule (every other format always lists every finding).",
)
@click.option(
    "--full-graph",
    is_flag=True,
    help="JSON: the whole resource graph. By default only the nodes and edges of attack paths "
    "are saved, with the whole graph's counts ('gdcc-audit graph' exports the whole graph).",
)
@layout_option(
    "--json-layout",
    help="JSON: result schema layout. 1.1 names each finding's resource and message by "
    "position; 1.0 repeats them in every finding (for readers of the older layout).",
)
@click.option(
    "--checkov",
    "checkov",
    is_flag=False,
    flag_value="auto",
    default=None,
    metavar="[PATH]",
    help="Also run checkov (as a subprocess, offline) and report its checks under gdcc-audit "
    "severities and controls. Alone: the checkov of the [checkov] extra or on PATH; "
    "--checkov=PATH: a checkov executable or its virtual environment.",
)
@click.option(
    "--checkov-timeout",
    type=click.FloatRange(min=1),
    default=900,
    show_default=True,
    help="Seconds checkov may run before it is stopped (the native results are still reported).",
)
@click.option(
    "--record",
    is_flag=True,
    help="Store the run in the history store (one transaction; refused when an input could "
    "not be assessed).",
)
@click.option("--db", metavar="URL", help="History store URL for --record (default: "
              "$GDCC_AUDIT_DB, else SQLite in the user data folder).")
@click.option(
    "--no-cache",
    is_flag=True,
    help="Parse every file again instead of reusing parse results cached by content hash.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Processes that parse files, evaluate Terraform, map resources, evaluate rules, "
    "write the JSON findings and render the console summary beside the files (0: one for a "
    "few files or resources, the CPUs for many; 1: this process only).",
)
@click.option("--no-color", is_flag=True, help="Plain console output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@debug_option
def scan(
    paths: tuple[Path, ...],
    formats: str,
    output: Path | None,
    fail_on: str,
    lang: str | None,
    rule_ids: tuple[str, ...],
    tags: tuple[str, ...],
    min_severity: str | None,
    frameworks: tuple[str, ...],
    thai_regions: tuple[str, ...],
    exclude: tuple[str, ...],
    var_files: tuple[Path, ...],
    now: dt.datetime | None,
    waiver_files: tuple[Path, ...],
    baseline: Path | None,
    full_findings: bool,
    full_graph: bool,
    json_layout: str,
    checkov: str | None,
    checkov_timeout: float,
    record: bool,
    db: str | None,
    no_cache: bool,
    workers: int,
    no_color: bool,
    quiet: bool,
) -> None:
    """Scan tenant manifests and IaC files or folders."""
    wanted = split([formats])
    with errors_to_exit():
        # checkov first: it is the long pole of a bridged scan, and all that follows (the
        # pipeline's imports included) runs while it does.
        session = start_checkov(checkov, checkov_timeout, paths)
        try:
            with gc_paused():
                # The pipeline's imports build long-lived objects and no garbage cycles (as
                # a command's own import, ``cli.app``): with the collector on, it traversed
                # them about a hundred times (7 % of a small scan's CPU).
                from gdcc_audit.api import audit
                from gdcc_audit.models.common import Severity
                from gdcc_audit.plugins import collect_reporters, make_plugin_manager
                from gdcc_audit.report.interface import ReportOptions
                from gdcc_audit.settings import Settings

                settings = Settings(
                    lang=lang or "en",
                    fail_on=Severity.INFO if fail_on == "none" else Severity(fail_on),
                    rule_ids=split(rule_ids),
                    tags=split(tags),
                    min_severity=Severity(min_severity) if min_severity else None,
                    frameworks=split(frameworks),
                    thai_regions=_regions(thai_regions),
                    var_files=tuple(str(p) for p in var_files),
                    exclude=exclude,
                    now=now.replace(tzinfo=dt.UTC) if now else None,
                    waiver_files=tuple(str(p) for p in waiver_files),
                    baseline=str(baseline) if baseline else None,
                    checkov=checkov,
                    checkov_timeout=checkov_timeout,
                    cache=not no_cache,
                    workers=workers,
                )
                manager = make_plugin_manager()
                reporters = collect_reporters(manager)
            unknown = [f for f in wanted if f not in reporters]
            if unknown:
                raise click.BadParameter(
                    f"unknown format(s) {', '.join(unknown)}; "
                    f"available: {', '.join(sorted(reporters))}",
                    param_hint="--format",
                )
            if len(wanted) > 1 and output is None:
                raise click.BadParameter(
                    "several formats need --output FOLDER", param_hint="--output"
                )
            show_progress = not quiet and sys.stderr.isatty()
            kept = ReportOptions(
                full_findings=full_findings,
                full_graph=full_graph,
                json_layout=json_layout,
                workers=workers,
            )
            if session is not None:
                # Imported and built while checkov runs, not after it.
                session.meanwhile.append(
                    partial(_prepare_reports, [reporters[f] for f in _rendered(wanted, output)])
                )
            # When no output reads individual PASS/NOT_APPLICABLE findings, the engine only
            # counts them (the history store keeps every finding).
            grouped = not record and not any(
                reporters[f].needs_every_finding(kept) for f in [*wanted, "console"]
            )
            # One pause for the audit and the reports (the collector would otherwise traverse
            # the whole result between them).
            with gc_paused():
                with _progress(show_progress) as progress:
                    result = audit(
                        paths,
                        settings,
                        plugin_manager=manager,
                        progress=progress,
                        grouped=grouped,
                        checkov_session=session,
                    )
                _write_outputs(
                    result, wanted, output, reporters, lang, not no_color, kept, workers != 1
                )
            if record:
                _record(result, db)
        finally:
            if session is not None:
                session.stop()  # when an error came before checkov was collected
    from gdcc_audit.models.masking import redact_text, safe_text

    for item in result.not_assessed:
        where = (
            item.path
            + (f":{item.line}" if item.line else "")
            + (f":{item.column}" if item.column and item.line else "")
        )
        field = f"{item.field}: " if item.field and item.field not in (item.error or "") else ""
        # Masked like every report: an error may quote a source line holding a secret.
        message = redact_text(f"{field}{item.error}")
        click.echo(f"gdcc-audit: error: {safe_text(where)}: {safe_text(message)}", err=True)
        for extra in item.additional_errors:
            line = f"gdcc-audit: error: {safe_text(item.path)}: {safe_text(redact_text(extra))}"
            click.echo(line, err=True)
    for item in result.inputs:
        for warning in item.warnings:
            line = f"gdcc-audit: warning: {safe_text(item.path)}: {safe_text(redact_text(warning))}"
            click.echo(line, err=True)
    if result.not_assessed:
        sys.exit(EXIT_ERROR)
    if fail_on != "none" and result.failures(settings.fail_on):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _rendered(formats: Sequence[str], output: Path | None) -> list[str]:
    """The formats :func:`_write_outputs` renders: with ``--output``, the console summary
    too."""
    if output is None:
        return list(formats)
    files = [f for f in formats if f != "console" or len(formats) == 1]
    return files if files == ["console"] else [*files, "console"]


def _prepare_reports(reporters: Sequence[Reporter]) -> None:
    for reporter in reporters:
        reporter.prepare()


def _record(result: AuditResult, db: str | None) -> None:
    """Store the run; an incomplete scan is not recorded (its missing findings would read as
    fixed in the next quarterly report)."""
    if result.not_assessed:
        click.echo(
            f"gdcc-audit: error: not recorded: {len(result.not_assessed)} input(s) could not be "
            "assessed",
            err=True,
        )
        return
    from gdcc_audit.history import Store, record_run
    from gdcc_audit.history.record import selection_of

    selection = selection_of(result)
    with Store(db) as store:
        for run in record_run(store, result):
            click.echo(
                f"recorded run {run.id} ({run.tenant}, {run.quarter}, {run.findings} findings) "
                f"in {store.display_url}",
                err=True,
            )
    if selection is not None:
        of = f" of the {selection['of']}" if selection.get("of") else ""
        options = ", ".join(_SELECTION_OPTIONS.get(b, b) for b in selection["by"])
        click.echo(
            f"gdcc-audit: note: recorded as a run of a selection of rules "
            f"({len(selection['rules'])}{of}, chosen by {options}): history list marks it; "
            "quarterly and portfolio reports, their trends and comparisons leave it out",
            err=True,
        )


_SELECTION_OPTIONS = {
    "rule_ids": "--rules", "tags": "--tag", "min_severity": "--min-severity",
    "frameworks": "--framework",
}  # fmt: skip


@contextmanager
def _progress(enabled: bool) -> Iterator[Any]:
    if not enabled:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=None) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if total < 20:
                return
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done)

        yield update


def _write_outputs(
    result: AuditResult,
    formats: Sequence[str],
    output: Path | None,
    reporters: dict[str, Any],
    lang: str | None,
    color: bool,
    kept: ReportOptions | None = None,
    beside: bool = True,
) -> None:
    """Write each format; the console summary always reaches the screen unless stdout
    carries a machine format (``--format json`` without ``--output``). ``beside``: the
    summary may be rendered by a forked child meanwhile (not with ``--workers 1``)."""
    kept = kept or ReportOptions()
    screen = replace(kept, lang=lang or "en", color=color and sys.stdout.isatty())
    if output is None:
        (fmt,) = formats  # several formats without --output were refused earlier
        reporter = reporters[fmt]
        if reporter.binary:
            raise click.BadParameter(f"format {fmt} needs --output", param_hint="--output")
        reporter.render(result, sys.stdout, replace(screen, lang=lang_for(fmt, lang)))
        return
    # With --output, "console" among several formats means the screen, not a file.
    files = [f for f in formats if f != "console" or len(formats) == 1]
    summary = None
    if files != ["console"] and beside:
        summary = _ConsoleBeside.start(reporters["console"], result, screen)
    try:
        for fmt in files:
            reporter = reporters[fmt]
            target = output / f"gdcc-audit.{reporter.extension}" if len(files) > 1 else output
            if len(files) > 1:
                output.mkdir(parents=True, exist_ok=True)
            elif target.is_dir():
                target = target / f"gdcc-audit.{reporter.extension}"
            write_file(result, reporter, target, lang_for(fmt, lang), kept=kept)
    except BaseException:
        if summary is not None:
            summary.stop()
        raise
    if files != ["console"] and (summary is None or not summary.finish(sys.stdout)):
        reporters["console"].render(result, sys.stdout, screen)


#: Up to how many findings the console summary is rendered beside the files (see
#: :class:`_ConsoleBeside`); a larger result is rendered here (the child's copies of the
#: pages it touches would add to the peak memory).
CONSOLE_BESIDE_MAX = 20_000


class _ConsoleBeside:
    """The console summary rendered by a forked child while this process writes the files:
    rich's layout of the summary's tables (a bridged scan's unmapped checkov failures, the
    frameworks) is as long as writing the JSON result, and the other CPU is idle then. The
    text is printed after the files are written, as before; a child that fails costs only
    time (this process renders the summary itself)."""

    def __init__(self, pid: int, text: IO[bytes]) -> None:
        self.pid = pid
        self.text = text

    @classmethod
    def start(
        cls, reporter: Reporter, result: AuditResult, options: ReportOptions
    ) -> _ConsoleBeside | None:
        """The child rendering the summary, or None where it is rendered here: on a terminal
        (rich lays out for it), for a result of more than ``CONSOLE_BESIDE_MAX`` findings,
        where standard output is not UTF-8, or where this process may not fork."""
        import tempfile

        from gdcc_audit.load.parallel import call_beside

        encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
        if options.color or encoding != "utf8" or len(result.findings) > CONSOLE_BESIDE_MAX:
            return None
        sys.stdout.flush()
        sys.stderr.flush()
        text = tempfile.TemporaryFile()  # noqa: SIM115 - closed in finish() or stop()
        pid = call_beside(_render_summary, reporter, result, options, text)
        if pid is None:
            text.close()
            return None
        return cls(pid, text)

    def finish(self, stream: IO[str]) -> bool:
        """Print the child's summary to ``stream``; False when the child failed."""
        import os

        try:
            _, status = os.waitpid(self.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                return False
            self.text.seek(0)
            stream.write(self.text.read().decode("utf-8", "surrogatepass"))
            return True
        finally:
            self.text.close()

    def stop(self) -> None:
        """Stop the child (the files could not be written: no summary is printed)."""
        import contextlib
        import os
        import signal

        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, 0)
        self.text.close()


class _Screen(io.StringIO):
    """Text for standard output, kept in memory: rich reads the encoding it writes in."""

    encoding = "utf-8"


def _render_summary(
    reporter: Reporter, result: AuditResult, options: ReportOptions, out: IO[bytes]
) -> None:
    """In the child: the summary, as it would be printed, into ``out``."""
    screen = _Screen()
    reporter.render(result, screen, options)
    out.write(screen.getvalue().encode("utf-8", "surrogatepass"))
    out.flush()
