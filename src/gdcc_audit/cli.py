"""Command-line interface. The only module that turns errors into exit codes.

Exit codes: 0 nothing failed at or above ``--fail-on``; 1 findings at or above it (waived
findings and findings already failing in ``--baseline`` do not count); 2 usage,
configuration or input error (a file could not be assessed).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, NoReturn

import click

from gdcc_audit.__about__ import __version__
from gdcc_audit.errors import GdccAuditError
from gdcc_audit.frameworks_cli import frameworks_group
from gdcc_audit.models.common import Severity
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import DEFAULT_THAI_REGIONS, Settings

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
_SEVERITIES = [s.value for s in Severity] + ["none"]


def _fail(message: str) -> NoReturn:
    click.echo(f"gdcc-audit: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn library errors into one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except GdccAuditError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{exc.filename or ''}: {exc.strerror or exc}")


def _split(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _regions(values: Sequence[str]) -> dict[str, tuple[str, ...]]:
    table = {k: tuple(v) for k, v in DEFAULT_THAI_REGIONS.items()}
    for item in _split(values):
        provider, sep, region = item.partition(":")
        if not sep or not provider or not region:
            raise click.BadParameter(f"{item!r} is not PROVIDER:REGION", param_hint="--thai-region")
        table[provider] = (*table.get(provider, ()), region)
    return table


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gdcc-audit")
def main() -> None:
    """Audit GDCC tenant manifests and IaC against ISO 27001, NIST 800-53 and Thai standards."""


@main.command()
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
    type=click.Path(path_type=Path),
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
    type=click.Choice([s.value for s in Severity]),
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
@click.option("--no-color", is_flag=True, help="Plain console output.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
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
    var_files: tuple[Path, ...],
    now: dt.datetime | None,
    waiver_files: tuple[Path, ...],
    baseline: Path | None,
    no_color: bool,
    quiet: bool,
) -> None:
    """Scan tenant manifests and IaC files or folders."""
    from gdcc_audit.api import audit
    from gdcc_audit.plugins import collect_reporters, make_plugin_manager

    wanted = _split([formats])
    with _errors():
        settings = Settings(
            lang=lang or "en",
            fail_on=Severity.INFO if fail_on == "none" else Severity(fail_on),
            rule_ids=_split(rule_ids),
            tags=_split(tags),
            min_severity=Severity(min_severity) if min_severity else None,
            frameworks=_split(frameworks),
            thai_regions=_regions(thai_regions),
            var_files=tuple(str(p) for p in var_files),
            now=now.replace(tzinfo=dt.UTC) if now else None,
            waiver_files=tuple(str(p) for p in waiver_files),
            baseline=str(baseline) if baseline else None,
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
            raise click.BadParameter("several formats need --output FOLDER", param_hint="--output")
        show_progress = not quiet and sys.stderr.isatty()
        with _progress(show_progress) as progress:
            result = audit(paths, settings, plugin_manager=manager, progress=progress)
        _write_outputs(result, wanted, output, reporters, lang, not no_color)
    for item in result.not_assessed:
        where = (
            item.path
            + (f":{item.line}" if item.line else "")
            + (f":{item.column}" if item.column and item.line else "")
        )
        field = f"{item.field}: " if item.field and item.field not in (item.error or "") else ""
        click.echo(f"gdcc-audit: error: {where}: {field}{item.error}", err=True)
        for extra in item.additional_errors:
            click.echo(f"gdcc-audit: error: {item.path}: {extra}", err=True)
    if result.not_assessed:
        sys.exit(EXIT_ERROR)
    if fail_on != "none" and result.failures(settings.fail_on):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


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
) -> None:
    """Write each format; the console summary always reaches the screen unless stdout
    carries a machine format (``--format json`` without ``--output``)."""
    from gdcc_audit.report.interface import ReportOptions

    screen = ReportOptions(lang=lang or "en", color=color and sys.stdout.isatty())
    if output is None:
        (fmt,) = formats  # several formats without --output were refused earlier
        reporter = reporters[fmt]
        if reporter.binary:
            raise click.BadParameter(f"format {fmt} needs --output", param_hint="--output")
        reporter.render(result, sys.stdout, replace(screen, lang=_lang_for(fmt, lang)))
        return
    # With --output, "console" among several formats means the screen, not a file.
    files = [f for f in formats if f != "console" or len(formats) == 1]
    for fmt in files:
        reporter = reporters[fmt]
        target = output / f"gdcc-audit.{reporter.extension}" if len(files) > 1 else output
        if len(files) > 1:
            output.mkdir(parents=True, exist_ok=True)
        elif target.is_dir():
            target = target / f"gdcc-audit.{reporter.extension}"
        _write_file(result, reporter, target, _lang_for(fmt, lang))
    if files != ["console"]:
        reporters["console"].render(result, sys.stdout, screen)


def _write_file(result: AuditResult, reporter: Any, target: Path, lang: str) -> None:
    """Render one format into ``target`` (bytes for PDF, UTF-8 text otherwise)."""
    from gdcc_audit.report.interface import ReportOptions

    target.parent.mkdir(parents=True, exist_ok=True)
    options = ReportOptions(lang=lang, color=False)
    if reporter.binary:
        with target.open("wb") as binary:
            reporter.render(result, binary, options)
    else:
        with target.open("w", encoding="utf-8", newline="\n") as text:
            reporter.render(result, text, options)
    click.echo(f"wrote {target}", err=True)


def _lang_for(fmt: str, lang: str | None) -> str:
    """Documents for people default to Thai; everything else to English."""
    return lang or ("th" if fmt in {"html", "pdf"} else "en")


@main.command("report")
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
    type=click.Path(path_type=Path),
    help="Output file (one format) or folder (several). Default: next to RESULT.json.",
)
@click.option(
    "--lang",
    type=click.Choice(["th", "en"]),
    default=None,
    help="Report language (default: th for pdf/html, en otherwise).",
)
def report(result_file: Path, formats: str, output: Path | None, lang: str | None) -> None:
    """Render reports from a saved JSON result (scan --format json)."""
    from pydantic import ValidationError

    from gdcc_audit.plugins import collect_reporters, make_plugin_manager

    wanted = _split([formats]) or ("pdf",)
    with _errors():
        try:
            result = AuditResult.model_validate_json(result_file.read_bytes())
        except ValidationError as exc:
            _fail(f"{result_file}: not a gdcc-audit JSON result: {exc.error_count()} error(s): "
                  f"{exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}")
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
                _fail(f"{target}: output would overwrite the input; use --output")
            _write_file(result, reporter, target, _lang_for(fmt, lang))


@main.group()
def rules() -> None:
    """List and explain rules."""


@rules.command("list")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def rules_list(lang: str, fmt: str) -> None:
    """List every available rule."""
    with _errors():
        registry = _registry()
    if fmt == "json":
        data = [r.meta.model_dump(mode="json") for r in registry.rules]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(expand=True)
    for column in ("id", "severity", "kinds", "title"):
        table.add_column(column, overflow="fold")
    for rule in registry.rules:
        meta = rule.meta
        table.add_row(meta.id, meta.severity.value, ", ".join(meta.kinds), meta.title.get(lang))
    Console(highlight=False).print(table)


@rules.command("show")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en")
def rules_show(rule_id: str, lang: str) -> None:
    """Explain one rule: rationale, remediation, controls, applicability."""
    with _errors():
        registry = _registry()
    found = registry.rule(rule_id)
    if found is None:
        _fail(f"no rule {rule_id!r}; see 'gdcc-audit rules list'")
    meta = found.meta
    lines = [
        f"{meta.id}  [{meta.severity.value}]  ({meta.pack}, {meta.source or 'python'})",
        meta.title.get(lang),
        "",
        ("เหตุผล: " if lang == "th" else "Why: ") + meta.rationale.get(lang),
        ("วิธีแก้ไข: " if lang == "th" else "Fix: ") + meta.remediation.get(lang),
        "",
        "Kinds: " + ", ".join(meta.kinds),
        "Controls: " + ", ".join(str(c) for c in meta.controls),
        "Tags: " + ", ".join(meta.tags),
        "Check type: " + meta.check_type.value,
    ]
    if not meta.applicability.is_unconditional:
        applicability = meta.applicability.model_dump(mode="json", exclude_none=True)
        lines.append("Applies when: " + json.dumps(applicability, ensure_ascii=False))
    if meta.parameters:
        lines.append("Parameters: " + json.dumps(meta.parameters, ensure_ascii=False))
    click.echo("\n".join(lines))


def _registry() -> Any:
    from gdcc_audit.plugins import collect, make_plugin_manager

    return collect(make_plugin_manager(), Settings())


main.add_command(frameworks_group)


@main.group()
def schema() -> None:
    """Print JSON Schemas of the input formats."""


@schema.command("tenant")
def schema_tenant() -> None:
    """The JSON Schema of the tenant manifest (gdcc-audit/v1)."""
    from gdcc_audit.manifest_schema import tenant_schema_json

    click.echo(tenant_schema_json(), nl=False)


@schema.command("waivers")
def schema_waivers() -> None:
    """The JSON Schema of waiver files (kind: Waivers)."""
    from gdcc_audit.manifest_schema import waivers_schema_json

    click.echo(waivers_schema_json(), nl=False)


@schema.command("result")
def schema_result() -> None:
    """The JSON Schema of the JSON result (scan --format json)."""
    from gdcc_audit.report.json_schema import result_schema_json

    click.echo(result_schema_json(), nl=False)


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for pre-commit hooks and tests: ``run(argv) -> exit code``."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="gdcc-audit")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
