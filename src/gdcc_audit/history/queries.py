"""Reading the history store: runs, their findings and scores, and diffs between runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa

from gdcc_audit.errors import StoreError
from gdcc_audit.history import schema
from gdcc_audit.history.quarters import code
from gdcc_audit.history.store import Store
from gdcc_audit.report.i18n import FiscalQuarter

FAILING = ("FAIL", "ERROR")


@dataclass(frozen=True)
class Run:
    """One recorded run of one tenant."""

    id: int
    uid: str
    tenant: str
    agency_th: str | None
    agency_en: str | None
    ministry_th: str | None
    ministry_en: str | None
    scanned_at: dt.datetime
    recorded_at: dt.datetime
    quarter: FiscalQuarter
    tool_version: str
    rule_packs: dict[str, Any]
    inputs: list[dict[str, Any]]
    systems: list[dict[str, Any]]
    counts: dict[str, int]
    grade_letter: str | None
    grade_score: float | None
    grade_coverage: float | None
    grade_provisional: bool | None
    #: A partial run's selection of rules (record.selection_of), None for a full audit.
    selection: dict[str, Any] | None = None

    @property
    def quarter_code(self) -> str:
        """``2570Q1``."""
        return code(self.quarter)

    @property
    def partial(self) -> bool:
        """Evaluated a selection of the installed rules only (scan --rules, --tag, ...):
        quarterly and portfolio reports, trends and diffs leave it out (its missing
        findings would read as fixed, its grade as the tenant's)."""
        return bool(self.selection)

    @property
    def rules_evaluated(self) -> frozenset[str] | None:
        """The rule ids a partial run evaluated; None for a full audit."""
        return frozenset(self.selection.get("rules") or ()) if self.selection else None


@dataclass(frozen=True)
class FindingRecord:
    """A finding as stored."""

    fingerprint: str
    rule_id: str
    resource_id: str
    resource_name: str
    system: str | None
    status: str
    severity: str
    message_en: str
    message_th: str
    file: str | None
    line: int | None
    waiver_id: str | None
    waiver_expires: dt.date | None
    address: str | None

    def message(self, lang: str) -> str:
        """The message in ``lang``."""
        return self.message_th if lang == "th" else self.message_en


@dataclass(frozen=True)
class FrameworkScore:
    """A framework's score and coverage in one run."""

    framework: str
    title_en: str
    title_th: str
    score: float | None
    coverage: float

    def title(self, lang: str) -> str:
        """The framework's title in ``lang``."""
        return self.title_th if lang == "th" else self.title_en


@dataclass(frozen=True)
class OpenFinding:
    """A failing finding with the start of its current streak of failing runs."""

    finding: FindingRecord
    since: dt.datetime

    def days_open(self, at: dt.datetime) -> int:
        """Whole days from the first failing run of the streak to ``at``."""
        return (at - self.since).days


@dataclass(frozen=True)
class RunDiff:
    """Failing findings of ``new`` compared with ``old`` (None: nothing earlier recorded).

    ``fixed`` pairs each finding that failed in ``old`` with its status in ``new``
    (``PASS``, ``NOT_APPLICABLE``, ... or ``None`` when the resource is gone).
    """

    old: Run | None
    new: Run
    new_findings: list[OpenFinding] = field(default_factory=list)
    still_open: list[OpenFinding] = field(default_factory=list)
    fixed: list[tuple[FindingRecord, str | None]] = field(default_factory=list)
    #: The rules compared when a run evaluated a selection only (None: every rule).
    rules: frozenset[str] | None = None


def _run(row: Any) -> Run:
    scanned = _aware(row.scanned_at)
    return Run(
        id=row.id,
        uid=row.uid,
        tenant=row.tenant,
        agency_th=row.agency_th,
        agency_en=row.agency_en,
        ministry_th=row.ministry_th,
        ministry_en=row.ministry_en,
        scanned_at=scanned,
        recorded_at=_aware(row.recorded_at),
        quarter=FiscalQuarter(row.fiscal_year, row.quarter),
        tool_version=row.tool_version,
        rule_packs=dict(row.rule_packs or {}),
        inputs=list(row.inputs or []),
        systems=list(row.systems or []),
        counts=dict(row.counts or {}),
        grade_letter=row.grade_letter,
        grade_score=row.grade_score,
        grade_coverage=row.grade_coverage,
        grade_provisional=row.grade_provisional,
        selection=dict(row.selection) if row.selection else None,
    )


def _aware(moment: dt.datetime) -> dt.datetime:
    # SQLite returns naive datetimes; everything is stored in UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _finding(row: Any) -> FindingRecord:
    return FindingRecord(
        fingerprint=row.fingerprint,
        rule_id=row.rule_id,
        resource_id=row.resource_id,
        resource_name=row.resource_name,
        system=row.system,
        status=row.status,
        severity=row.severity,
        message_en=row.message_en,
        message_th=row.message_th,
        file=row.file,
        line=row.line,
        waiver_id=row.waiver_id,
        waiver_expires=row.waiver_expires,
        address=row.address,
    )


_ORDER = (schema.runs.c.scanned_at, schema.runs.c.id)


def list_runs(
    store: Store, tenant: str | None = None, tenants: Iterable[str] | None = None
) -> list[Run]:
    """Recorded runs, oldest first; of one tenant or of several when given."""
    query = sa.select(schema.runs).order_by(*_ORDER)
    if tenant is not None:
        query = query.where(schema.runs.c.tenant == tenant)
    if tenants is not None:
        query = query.where(schema.runs.c.tenant.in_(list(tenants)))
    with store.engine.connect() as connection:
        return [_run(row) for row in connection.execute(query)]


def tenants(store: Store) -> list[str]:
    """Every tenant with at least one recorded run."""
    query = sa.select(schema.runs.c.tenant).distinct().order_by(schema.runs.c.tenant)
    with store.engine.connect() as connection:
        return list(connection.execute(query).scalars())


def require_tenant(store: Store, tenant: str) -> list[Run]:
    """The runs of ``tenant``; a :class:`StoreError` naming the known tenants if none."""
    runs = list_runs(store, tenant)
    if not runs:
        known = ", ".join(tenants(store)) or "none"
        raise StoreError(
            f"tenant {tenant!r} is not in the history store {store.display_url} "
            f"(tenants recorded: {known})"
        )
    return runs


def get_run(store: Store, run_id: int) -> Run:
    """One run by its id."""
    with store.engine.connect() as connection:
        row = connection.execute(
            sa.select(schema.runs).where(schema.runs.c.id == run_id)
        ).one_or_none()
    if row is None:
        raise StoreError(f"no run {run_id} in the history store {store.display_url}")
    return _run(row)


def run_in_quarter(store: Store, tenant: str, quarter: FiscalQuarter) -> Run:
    """The latest full run of ``tenant`` in ``quarter`` (a run of a selection of rules is
    not the quarter's audit: StoreError when the quarter has only such runs)."""
    runs = require_tenant(store, tenant)
    inside = [r for r in runs if r.quarter == quarter]
    if not inside:
        recorded = ", ".join(sorted({r.quarter_code for r in runs}))
        raise StoreError(
            f"tenant {tenant!r} has no run recorded in {code(quarter)} "
            f"(quarters recorded: {recorded})"
        )
    full = [r for r in inside if not r.partial]
    if not full:
        partial = ", ".join(str(r.id) for r in inside)
        raise StoreError(
            f"tenant {tenant!r} has only runs of a selection of rules in {code(quarter)} "
            f"(run {partial}): a quarter's report compares full audits; record a scan "
            "without --rules, --tag, --min-severity or --framework"
        )
    return full[-1]


def partial_runs(store: Store, run: Run) -> list[Run]:
    """The runs of ``run``'s tenant and quarter that evaluated a selection of rules only
    (left out of the quarter's reports; they say so)."""
    return [r for r in list_runs(store, run.tenant) if r.quarter == run.quarter and r.partial]


def latest_per_quarter(runs: Sequence[Run]) -> dict[FiscalQuarter, Run]:
    """The last run of each quarter, in quarter order."""
    latest: dict[FiscalQuarter, Run] = {}
    for run in runs:
        latest[run.quarter] = run  # runs come oldest first
    return dict(sorted(latest.items(), key=lambda item: (item[0].fiscal_year, item[0].quarter)))


def findings(
    store: Store, run_id: int, statuses: Sequence[str] | None = None
) -> list[FindingRecord]:
    """The findings of a run (only these statuses when given), by severity then rule."""
    query = sa.select(schema.findings).where(schema.findings.c.run_id == run_id)
    if statuses is not None:
        query = query.where(schema.findings.c.status.in_(list(statuses)))
    with store.engine.connect() as connection:
        rows = [_finding(row) for row in connection.execute(query.order_by(schema.findings.c.id))]
    return rows


def framework_scores(store: Store, run_id: int) -> list[FrameworkScore]:
    """Score and coverage per framework of a run."""
    table = schema.framework_scores
    query = sa.select(table).where(table.c.run_id == run_id).order_by(table.c.framework)
    with store.engine.connect() as connection:
        return [
            FrameworkScore(r.framework, r.title_en, r.title_th, r.score, r.coverage)
            for r in connection.execute(query)
        ]


def rows(store: Store, table: sa.Table, run_id: int) -> list[Any]:
    """Raw rows of a per-run table (waivers, evidence, control_results)."""
    query = sa.select(table).where(table.c.run_id == run_id).order_by(table.c.id)
    with store.engine.connect() as connection:
        return list(connection.execute(query))


def waived_counts(store: Store, run_ids: Sequence[int]) -> dict[int, int]:
    """Failed checks recorded with a waiver (in force on the scan date), per run. A run's
    ``counts`` hold them as FAIL; the audit report counts them apart ("26 + 1 waived")."""
    table = schema.findings
    query = (
        sa.select(table.c.run_id, sa.func.count())
        .where(
            table.c.run_id.in_(list(run_ids)),
            table.c.status.in_(FAILING),
            table.c.waiver_id.is_not(None),
        )
        .group_by(table.c.run_id)
    )
    with store.engine.connect() as connection:
        return {int(row[0]): int(row[1]) for row in connection.execute(query)}


def previous_run(store: Store, run: Run) -> Run | None:
    """The latest full run of the same tenant in an earlier quarter (not one of a selection
    of rules)."""
    earlier = [
        r
        for r in list_runs(store, run.tenant)
        if (r.quarter.fiscal_year, r.quarter.quarter)
        < (run.quarter.fiscal_year, run.quarter.quarter)
        and not r.partial
    ]
    return earlier[-1] if earlier else None


def _failing_sets(store: Store, run_ids: Sequence[int]) -> dict[int, set[str]]:
    table = schema.findings
    query = sa.select(table.c.run_id, table.c.fingerprint).where(
        table.c.run_id.in_(list(run_ids)), table.c.status.in_(FAILING)
    )
    sets: dict[int, set[str]] = {run_id: set() for run_id in run_ids}
    with store.engine.connect() as connection:
        for run_id, fingerprint in connection.execute(query):
            sets[run_id].add(fingerprint)
    return sets


def diff(store: Store, old: Run | None, new: Run) -> RunDiff:
    """New, fixed and still-open failing findings of ``new`` since ``old``, each open one
    with the first run of its current failing streak (over every run of the tenant up to
    ``new``, not only ``old``)."""
    compared = _compared_rules(old, new)
    now_all = [f for f in findings(store, new.id) if compared is None or f.rule_id in compared]
    now_failing = {f.fingerprint: f for f in now_all if f.status in FAILING}
    before = (
        {
            f.fingerprint: f
            for f in findings(store, old.id, FAILING)
            if compared is None or f.rule_id in compared
        }
        if old
        else {}
    )
    # a run of other rules says nothing of these findings: it neither breaks nor starts a
    # streak (it is skipped unless it judged the rule: see the streak below)
    history = [r for r in list_runs(store, new.tenant) if r.scanned_at <= new.scanned_at]
    history = [r for r in history if r.id != new.id] + [new]
    failing = _failing_sets(store, [r.id for r in history])
    result = RunDiff(old=old, new=new, rules=compared)
    for fingerprint, finding in sorted(now_failing.items(), key=lambda kv: _order(kv[1])):
        since = new.scanned_at
        for run in reversed(history):
            judged = run.rules_evaluated
            if judged is not None and finding.rule_id not in judged:
                continue  # a selection of other rules
            if fingerprint not in failing[run.id]:
                break
            since = run.scanned_at
        entry = OpenFinding(finding, since)
        (result.still_open if fingerprint in before else result.new_findings).append(entry)
    status_now = {f.fingerprint: f.status for f in now_all}
    for fingerprint, finding in sorted(before.items(), key=lambda kv: _order(kv[1])):
        if fingerprint not in now_failing:
            result.fixed.append((finding, status_now.get(fingerprint)))
    return result


def _compared_rules(old: Run | None, new: Run) -> frozenset[str] | None:
    """The rules both runs judged when one evaluated a selection only (None: both full).
    Compared over every rule, the rules a selection left out would read as fixed."""
    sets = [r.rules_evaluated for r in (old, new) if r is not None]
    judged = [s for s in sets if s is not None]
    if not judged:
        return None
    return frozenset.intersection(*judged)


_SEVERITY_RANK = {"critical": 0, "high": 1, "medium": 2, "low": 3, "info": 4}


def _order(finding: FindingRecord) -> tuple[int, str, str]:
    return (_SEVERITY_RANK.get(finding.severity, 9), finding.rule_id, finding.resource_id)
