"""``gdcc-audit history list|show|diff``: read the history store (scan --record writes it)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from gdcc_audit.cli.common import errors_to_exit

if TYPE_CHECKING:
    from gdcc_audit.history.queries import FindingRecord, Run, RunDiff
    from gdcc_audit.history.store import Store

DB_HELP = "History store URL (default: $GDCC_AUDIT_DB, else SQLite in the user data folder)."


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db URL`` option shared by every command that reads or writes the store."""
    return click.option("--db", "db", metavar="URL", default=None, help=DB_HELP)(function)


@contextmanager
def open_store(url: str | None, *, create: bool = False) -> Iterator[Store]:
    """A store for a command; library errors become one line on stderr and exit 2."""
    with errors_to_exit():
        from gdcc_audit.history.store import Store

        with Store(url, create=create) as store:
            yield store


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers], *[["" if c is None else str(c) for c in r] for r in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in cells
    )


def _named(finding: FindingRecord) -> str:
    """A resource as the audit's console names it: ``system/native address`` (the engine's
    id, ``tenant/system/type.name``, was shown until stop 52)."""
    from gdcc_audit.report.labels import resource_label

    label = resource_label(finding.resource_name, finding.address)
    return f"{finding.system}/{label}" if finding.system else label


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.0f}%"


def _run_json(run: Run) -> dict[str, Any]:
    return {
        "id": run.id,
        "uid": run.uid,
        "tenant": run.tenant,
        "scanned_at": run.scanned_at.isoformat(),
        "quarter": run.quarter_code,
        "tool_version": run.tool_version,
        "rule_packs": run.rule_packs,
        "grade": run.grade_letter,
        "score": run.grade_score,
        "coverage": run.grade_coverage,
        "counts": run.counts,
        "inputs": run.inputs,
        "systems": run.systems,
        # null: a full audit; else the selection of rules it evaluated (scan --rules, ...)
        "selection": run.selection,
    }


def _rules(run: Run) -> str:
    """``all``, or ``2 of 130`` / ``2 selected`` for a run of a selection of rules."""
    if not run.selection:
        return "all"
    rules = len(run.selection.get("rules") or ())
    of = run.selection.get("of")
    return f"{rules} of {of}" if of else f"{rules} selected"


_FORMAT = click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)


@click.group("history")
def history() -> None:
    """Read the audit history recorded by ``scan --record``."""


@history.command("list")
@click.option("--tenant", default=None, help="Only this tenant's runs.")
@db_option
@_FORMAT
def list_command(tenant: str | None, db: str | None, fmt: str) -> None:
    """List recorded runs, oldest first."""
    from gdcc_audit.history import queries

    with open_store(db) as store, errors_to_exit():
        runs = queries.require_tenant(store, tenant) if tenant else queries.list_runs(store)
        waived = queries.waived_counts(store, [r.id for r in runs])
    if fmt == "json":
        listed = [_run_json(r) | {"waived": waived.get(r.id, 0)} for r in runs]
        click.echo(json.dumps(listed, ensure_ascii=False, indent=2))
        return
    # failing as the run's audit report counts it: the waived ones apart ("26 + 1 waived")
    rows = [
        (
            r.id,
            r.tenant,
            r.quarter_code,
            r.scanned_at.date().isoformat(),
            r.grade_letter or "-",
            _pct(r.grade_score),
            sum(r.counts.get(s, 0) for s in queries.FAILING) - waived.get(r.id, 0),
            waived.get(r.id, 0),
            _rules(r),
            r.tool_version,
        )
        for r in runs
    ]
    headers = ("run", "tenant", "quarter", "scanned", "grade", "score", "failing", "waived",
               "rules", "tool")  # fmt: skip
    click.echo(_table(headers, rows) if rows else "no runs recorded")


@history.command("show")
@click.argument("run_id", metavar="RUN", type=int)
@db_option
@_FORMAT
@click.option("--lang", type=click.Choice(["th", "en"]), default="en", show_default=True)
def show_command(run_id: int, db: str | None, fmt: str, lang: str) -> None:
    """Show one run: versions, inputs, framework scores and failing findings."""
    from gdcc_audit.history import queries

    with open_store(db) as store, errors_to_exit():
        run = queries.get_run(store, run_id)
        scores = queries.framework_scores(store, run.id)
        failing = queries.findings(store, run.id, queries.FAILING)
    if fmt == "json":
        data = _run_json(run)
        data["frameworks"] = [
            {"framework": s.framework, "score": s.score, "coverage": s.coverage} for s in scores
        ]
        data["failing"] = [
            {
                "fingerprint": f.fingerprint,
                "rule": f.rule_id,
                "address": f.address,
                "resource": f.resource_id,
                "severity": f.severity,
                "status": f.status,
                "waiver": f.waiver_id,
            }
            for f in failing
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    packs = ", ".join(f"{k} {v or '-'}" for k, v in run.rule_packs.items())
    click.echo(f"run {run.id} ({run.uid}) — {run.tenant}, {run.quarter_code}")
    click.echo(f"scanned {run.scanned_at.isoformat()}, gdcc-audit {run.tool_version}; {packs}")
    if run.selection:
        click.echo(
            f"rules: {_rules(run)}, a selection (left out of quarterly and portfolio reports)"
        )
    grade = run.grade_letter or "-"
    click.echo(f"grade {grade} ({_pct(run.grade_score)}, coverage {_pct(run.grade_coverage)})")
    for item in run.inputs:
        click.echo(f"  input {item['path']} sha256:{item.get('sha256') or '-'} {item['status']}")
    click.echo("")
    click.echo(
        _table(
            ("framework", "score", "coverage"),
            [(s.framework, _pct(s.score), _pct(s.coverage)) for s in scores],
        )
    )
    click.echo("")
    click.echo(
        _table(
            ("severity", "rule", "resource", "waiver", "message"),
            [
                (f.severity, f.rule_id, _named(f), f.waiver_id or "", f.message(lang))
                for f in failing
            ],
        )
        if failing
        else "no failing findings"
    )


def _diff_json(result: RunDiff) -> dict[str, Any]:
    at = result.new.scanned_at
    return {
        "old": result.old.id if result.old else None,
        "new": result.new.id,
        # null: every rule compared; else the rules both runs evaluated (a selection)
        "rules": sorted(result.rules) if result.rules is not None else None,
        "new_findings": [
            {"fingerprint": o.finding.fingerprint, "rule": o.finding.rule_id,
             "address": o.finding.address, "resource": o.finding.resource_id,
             "days_open": o.days_open(at), "waiver": o.finding.waiver_id}
            for o in result.new_findings
        ],
        "still_open": [
            {"fingerprint": o.finding.fingerprint, "rule": o.finding.rule_id,
             "address": o.finding.address, "resource": o.finding.resource_id,
             "days_open": o.days_open(at), "waiver": o.finding.waiver_id}
            for o in result.still_open
        ],
        "fixed": [
            {"fingerprint": f.fingerprint, "rule": f.rule_id, "address": f.address,
             "resource": f.resource_id, "now": status}
            for f, status in result.fixed
        ],
    }  # fmt: skip


def _open_note(item: Any, at: Any) -> str:
    days = f"{item.days_open(at)} d"
    return f"{days}  waived {item.finding.waiver_id}" if item.finding.waiver_id else days


@history.command("diff")
@click.argument("runs", nargs=-1, type=int, metavar="[OLD] NEW")
@click.option("--tenant", default=None, help="With --quarter: that quarter vs the one before.")
@click.option("--quarter", default=None, help="Fiscal quarter, e.g. 2570Q1 (or 2027Q1).")
@db_option
@_FORMAT
def diff_command(
    runs: tuple[int, ...], tenant: str | None, quarter: str | None, db: str | None, fmt: str
) -> None:
    """New, fixed and still-open failing findings between two runs (NEW alone: since the
    same tenant's previous quarter)."""
    from gdcc_audit.history import queries
    from gdcc_audit.history.quarters import parse_quarter

    if bool(runs) == bool(tenant and quarter) or len(runs) > 2:
        raise click.UsageError("give [OLD] NEW run ids, or --tenant and --quarter")
    with open_store(db) as store, errors_to_exit():
        if tenant and quarter:
            new = queries.run_in_quarter(store, tenant, parse_quarter(quarter))
        else:
            new = queries.get_run(store, runs[-1])
        old = (
            queries.get_run(store, runs[0]) if len(runs) == 2 else queries.previous_run(store, new)
        )
        if old is not None and old.tenant != new.tenant:
            raise click.UsageError(f"runs {old.id} and {new.id} are of different tenants")
        result = queries.diff(store, old, new)
    if fmt == "json":
        click.echo(json.dumps(_diff_json(result), ensure_ascii=False, indent=2))
        return
    since = f"run {old.id} ({old.quarter_code})" if old else "nothing recorded before"
    click.echo(f"{new.tenant}: run {new.id} ({new.quarter_code}) vs {since}")
    if result.rules is not None:
        partial = " and ".join(
            f"run {r.id} evaluated a selection of rules ({_rules(r)})"
            for r in (old, new)
            if r is not None and r.partial
        )
        click.echo(f"compared on {len(result.rules)} rule(s) only: {partial}")
    at = new.scanned_at
    sections = (
        ("new", [(o.finding, _open_note(o, at)) for o in result.new_findings]),
        ("still open", [(o.finding, _open_note(o, at)) for o in result.still_open]),
        ("fixed", [(f, f"now {status or 'gone'}") for f, status in result.fixed]),
    )
    for title, items in sections:
        # waived ones listed and marked, and counted apart as the audit report does
        waived = sum(1 for f, _ in items if f.waiver_id and title != "fixed")
        click.echo(f"\n{title}: {len(items) - waived}" + (f" + {waived} waived" if waived else ""))
        if items:
            click.echo(
                _table(
                    ("severity", "rule", "resource", ""),
                    [(f.severity, f.rule_id, _named(f), note) for f, note in items],
                )
            )
