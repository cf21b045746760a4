"""``gdcc-audit portfolio scan``: audit every tenant of a portfolio file on Dask."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from gdcc_audit.cli.common import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, errors_to_exit
from gdcc_audit.cli.debug import debug_option

if TYPE_CHECKING:
    from gdcc_audit.portfolio import PortfolioResult, TenantOutcome


@click.group()
def portfolio() -> None:
    """Audit many tenants at once (a ministry, or all of GDCC)."""


@portfolio.command("scan")
@click.argument("portfolio_file", metavar="PORTFOLIO.yaml", type=click.Path(path_type=Path))
@click.option(
    "--scheduler",
    envvar="DASK_SCHEDULER_ADDRESS",
    help="Address of an existing Dask scheduler (tcp://host:8786). Default: a local cluster.",
)
@click.option(
    "--connect-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=10.0,
    show_default=True,
    help="Seconds to wait for --scheduler before giving up (never a silent local run).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), help="Local cluster size (default: one per core)."
)
@click.option(
    "--task-timeout",
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds one tenant's audit may take; a tenant over it is recorded as failed.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the portfolio result (one line per tenant) as JSON to this file.",
)
@click.option(
    "--record",
    is_flag=True,
    help="Store each tenant's run in the history store as it finishes; tenants whose inputs "
    "are unchanged since their recorded run are skipped.",
)
@click.option(
    "--db",
    metavar="URL",
    help="History store URL for --record (default: $GDCC_AUDIT_DB, else SQLite in the user "
    "data folder). With PostgreSQL the workers write; with SQLite this process does.",
)
@click.option("--force", is_flag=True, help="With --record: re-audit unchanged tenants too.")
@click.option("--now", type=click.DateTime(["%Y-%m-%d"]), help="Judge evidence ages as of a date.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no table.")
@debug_option
def scan(
    portfolio_file: Path,
    scheduler: str | None,
    connect_timeout: float,
    workers: int | None,
    task_timeout: float | None,
    output: Path | None,
    record: bool,
    db: str | None,
    force: bool,
    now: dt.datetime | None,
    quiet: bool,
) -> None:
    """Audit every tenant of PORTFOLIO.yaml, one task per tenant.

    Exit 2 when a tenant failed or had inputs not assessed, 1 when a tenant has findings at
    or above high severity, 0 otherwise.
    """
    from gdcc_audit.portfolio import TenantStatus, audit_portfolio, load_portfolio
    from gdcc_audit.settings import Settings

    with errors_to_exit():
        spec = load_portfolio(portfolio_file)  # every entry checked before anything runs
        settings = Settings(now=now.replace(tzinfo=dt.UTC) if now else None)
        sink = _sink(spec.name, db) if record else None
        with _progress(quiet, len(spec.tenants)) as progress:
            result = audit_portfolio(
                spec,
                settings,
                scheduler=scheduler,
                connect_timeout=connect_timeout,
                workers=workers,
                task_timeout=task_timeout,
                sink=sink,
                force=force,
                progress=progress,
            )
        if sink is not None:
            sink.close()
    click.echo(f"{result.mode}: {len(result.outcomes)} tenants in {result.seconds:.1f} s", err=True)
    if not quiet:
        _table(result)
    if output is not None:
        from gdcc_audit.atomic import atomic_write

        with atomic_write(output) as stream:
            stream.write(result.model_dump_json(indent=2) + "\n")
        click.echo(f"wrote {output}", err=True)
    if result.count(TenantStatus.FAILED) or any(o.input_errors for o in result.outcomes):
        sys.exit(EXIT_ERROR)
    if any(o.failed_findings for o in result.outcomes):
        sys.exit(EXIT_FINDINGS)
    sys.exit(EXIT_OK)


def _sink(portfolio: str, db: str | None) -> Any:
    from gdcc_audit.portfolio.history import HistorySink

    return HistorySink(db, portfolio)


class _progress:
    """A rich progress bar on stderr: tenants done, failed and remaining."""

    def __init__(self, quiet: bool, total: int) -> None:
        self.quiet, self.total = quiet, total
        self.failed = 0
        self.bar: Any = None

    def __enter__(self) -> Any:
        if self.quiet:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("tenants"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed, {task.fields[remaining]} remaining"),
            console=Console(stderr=True),
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("tenants", total=self.total, failed=0, remaining=self.total)
        return self.update

    def update(self, outcome: TenantOutcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            self.failed += 1
        self.bar.update(self.task, completed=done, failed=self.failed, remaining=total - done)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _table(result: PortfolioResult) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Portfolio {result.name}")
    for column in ("tenant", "status", "grade", "score", "failed", "not assessed", "seconds"):
        table.add_column(column)
    for o in result.outcomes:
        table.add_row(
            o.tenant,
            o.status.value + (f": {o.error}" if o.error else ""),
            o.grade or "-",
            f"{o.score:.0%}" if o.score is not None else "-",
            str(o.failed_findings),
            str(o.input_errors),
            f"{o.seconds:.2f}",
        )
    Console().print(table)
