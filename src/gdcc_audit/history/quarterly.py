"""The quarterly report of one tenant, built from the history store (data only; rendering is
in :mod:`gdcc_audit.history.render`).

The selected quarter's run is the tenant's last run in that quarter; the comparison is with the
last run of the latest earlier quarter that has one. Trends cover the four quarters ending with
the selected one (a quarter without a run is a gap).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.history import queries, schema
from gdcc_audit.history.quarters import bounds, previous, short_label
from gdcc_audit.history.store import Store
from gdcc_audit.models.common import Classification
from gdcc_audit.report.document import MINIMUM_MARKING, marking_label
from gdcc_audit.report.i18n import FiscalQuarter, Translator, format_date, format_datetime
from gdcc_audit.report.labels import other_name, resource_label
from gdcc_audit.score.framework import letter

TREND_QUARTERS = 4
#: Waivers whose expiry falls before the end of the next quarter are "expiring".
_EXPIRING_QUARTERS = 1


@dataclass(frozen=True)
class FindingLine:
    """One row of the new / still-open / fixed tables."""

    severity: str
    severity_label: str
    rule: str
    resource: str
    system: str
    message: str
    since: str = ""
    days: int | None = None
    waiver: str = ""
    now: str = ""
    #: The resource's own name when it says more than its address (report/labels.py).
    name: str = ""


@dataclass(frozen=True)
class TrendRow:
    """A framework's (or the grade's) score in each trend quarter."""

    name: str
    title: str
    cells: list[str]


@dataclass(frozen=True)
class NamedResource:
    """A resource as the finding tables name it: native address, own name, system."""

    resource: str
    name: str = ""
    system: str = "–"


@dataclass(frozen=True)
class WaiverLine:
    """A waiver granted, expiring or expired."""

    id: str
    rule: str
    #: The resources of the failing findings it names in the run, as the finding tables
    #: name them; none when it names no failing finding (then ``written`` is all there is).
    resources: tuple[NamedResource, ...]
    #: The resource as the waiver file names it (an engine id or a glob).
    written: str
    approver: str
    approved_on: str
    expires: str
    state: str
    reason: str


@dataclass(frozen=True)
class EvidenceLine:
    """A governance document renewed or lapsed."""

    type: str
    system: str
    document: str
    dated: str
    expires_on: str
    before: str = ""


@dataclass
class QuarterlyView:
    """Everything the quarterly template shows."""

    lang: str
    tenant: str
    agency: str
    agency_other: str
    ministry: str
    quarter_code: str
    period: str
    period_months: str
    scanned: str
    scanned_iso: str
    tool_version: str
    rule_packs: str
    previous_period: str
    grade: str
    grade_score: str
    grade_coverage: str
    grade_before: str
    score_change: str
    summary: list[str] = field(default_factory=list)
    trend_labels: list[str] = field(default_factory=list)
    trend_rows: list[TrendRow] = field(default_factory=list)
    grade_row: list[str] = field(default_factory=list)
    #: (caption, <img> markup, note under the chart or "")
    charts: list[tuple[str, str, str]] = field(default_factory=list)
    #: Failing now and not in the previous run, not waived.
    new_findings: list[FindingLine] = field(default_factory=list)
    #: Failing now and in the previous run, not waived. With ``new_findings`` these are the
    #: failed checks the tenant's audit report counts ("26"); the waived ones are apart.
    still_open: list[FindingLine] = field(default_factory=list)
    fixed: list[FindingLine] = field(default_factory=list)
    #: Failing now under a waiver in force on the scan date, new or not: the audit report
    #: shows them beside its count ("+ 1 waived") and leaves them out of the score.
    waived: list[FindingLine] = field(default_factory=list)
    granted: list[WaiverLine] = field(default_factory=list)
    expiring: list[WaiverLine] = field(default_factory=list)
    expired: list[WaiverLine] = field(default_factory=list)
    renewed: list[EvidenceLine] = field(default_factory=list)
    lapsed: list[EvidenceLine] = field(default_factory=list)
    inputs: list[tuple[str, str]] = field(default_factory=list)
    #: Runs of this quarter that evaluated a selection of rules only, left out (described).
    left_out: list[str] = field(default_factory=list)
    officer: str = ""
    marking: str = ""
    marking_key: str = ""


def marking_of(runs: list[queries.Run]) -> tuple[str, str]:
    """The classification marking (label, key) of a report showing these runs: the highest
    data classification of their systems, at least ``internal`` (runs recorded before the
    classification was kept count as internal)."""
    levels = [MINIMUM_MARKING]
    for run in runs:
        for system in run.systems:
            value = system.get("classification")
            if value:
                levels.append(Classification(value))
    level = max(levels, key=lambda c: c.rank)
    return marking_label(level), level.value


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _trend_quarters(last: FiscalQuarter) -> list[FiscalQuarter]:
    quarters = [last]
    while len(quarters) < TREND_QUARTERS:
        quarters.insert(0, previous(quarters[0]))
    return quarters


def _line(
    t: Translator, finding: queries.FindingRecord, at: dt.datetime | None = None,
    since: dt.datetime | None = None, now: str = "",
) -> FindingLine:  # fmt: skip
    return FindingLine(
        severity=finding.severity,
        severity_label=t(f"severity.{finding.severity}"),
        rule=finding.rule_id,
        resource=resource_label(finding.resource_name, finding.address),
        system=finding.system or "–",
        message=finding.message(t.lang),
        since=format_date(since, t.lang) if since else "",
        days=(at - since).days if at and since else None,
        waiver=finding.waiver_id or "",
        now=now,
        name=other_name(finding.resource_name, finding.address) or "",
    )


def _named(finding: queries.FindingRecord) -> NamedResource:
    return NamedResource(
        resource=resource_label(finding.resource_name, finding.address),
        name=other_name(finding.resource_name, finding.address) or "",
        system=finding.system or "–",
    )


def _waiver(
    t: Translator, row: Any, findings: dict[str, queries.FindingRecord]
) -> WaiverLine:  # fmt: skip
    named = (_named(findings[fp]) for fp in row.matched or () if fp in findings)
    return WaiverLine(
        id=row.waiver_id,
        rule=row.rule_id,
        resources=tuple(dict.fromkeys(named)),
        written=str(row.resource),
        approver=row.approver,
        approved_on=format_date(row.approved_on, t.lang) if row.approved_on else "–",
        expires=format_date(row.expires, t.lang),
        state=t(f"waiver_state.{row.state}"),
        reason=row.reason,
    )


def _evidence_key(row: Any) -> tuple[str, str | None]:
    return (row.type, row.system)


def build_quarterly(
    store: Store,
    tenant: str,
    quarter: FiscalQuarter,
    t: Translator,
    *,
    officer: str = "",
    charts: bool = True,
) -> QuarterlyView:
    """The quarterly view of ``tenant`` in ``quarter`` (StoreError: tenant or run missing)."""
    run = queries.run_in_quarter(store, tenant, quarter)
    # trends and comparisons over full audits: a run of a selection of rules (scan --rules,
    # --tag, ...) would read its missing findings as fixed and its grade as the tenant's
    runs = [r for r in queries.list_runs(store, tenant) if not r.partial]
    before = queries.previous_run(store, run)
    diff = queries.diff(store, before, run)
    lang = t.lang
    at = run.scanned_at
    marking, marking_key = marking_of([run] + ([before] if before else []))

    view = QuarterlyView(
        lang=lang,
        tenant=tenant,
        agency=(run.agency_th if lang == "th" else run.agency_en) or tenant,
        agency_other=(run.agency_en if lang == "th" else run.agency_th) or "",
        ministry=(run.ministry_th if lang == "th" else run.ministry_en) or "",
        quarter_code=run.quarter_code,
        period=quarter.label(lang),
        period_months=quarter.months(lang),
        scanned=format_datetime(at, lang),
        scanned_iso=at.isoformat(),
        tool_version=run.tool_version,
        rule_packs=", ".join(f"{k} {v or '–'}" for k, v in run.rule_packs.items()),
        previous_period=before.quarter.label(lang) if before else "",
        grade=run.grade_letter or "-",
        grade_score=_pct(run.grade_score),
        grade_coverage=_pct(run.grade_coverage),
        grade_before=(before.grade_letter or "-") if before else "",
        score_change=_change(before.grade_score if before else None, run.grade_score),
        officer=officer,
        marking=marking,
        marking_key=marking_key,
        inputs=[(i["path"], i.get("sha256") or _unhashed(t, i)) for i in run.inputs],
    )

    # A failed check counts as the audit report counts it: waived ones apart, in every
    # output (stop 51: the still-open 26 held a waived finding the report's 26 did not).
    view.new_findings = [
        _line(t, o.finding, at, o.since) for o in diff.new_findings if not o.finding.waiver_id
    ]
    view.still_open = _oldest_first(
        _line(t, o.finding, at, o.since) for o in diff.still_open if not o.finding.waiver_id
    )
    view.waived = _oldest_first(
        _line(t, o.finding, at, o.since)
        for o in (*diff.new_findings, *diff.still_open)
        if o.finding.waiver_id
    )
    view.fixed = [
        _line(t, f, now=t(f"status.{status}") if status else t("quarterly.gone"))
        for f, status in diff.fixed
    ]

    _trends(store, view, runs, quarter, t, charts)
    _waivers(store, view, run, before, quarter, t)
    _evidence(store, view, run, before, t)
    view.left_out = [_partial_run(r, t) for r in queries.partial_runs(store, run)]
    view.summary = _summary(view, t, before is not None)
    return view


def _partial_run(run: queries.Run, t: Translator) -> str:
    """``run 5 of 1 Dec 2026, 2 of the 130 rules selected by rule id``."""
    from gdcc_audit.report.view import selection_words

    selection = run.selection or {}
    by = selection_words(tuple(selection.get("by") or ()), t)
    rules = len(selection.get("rules") or ())
    date = format_date(run.scanned_at, t.lang)
    if selection.get("of"):
        return t("quarterly.partial_run", id=run.id, date=date, rules=rules,
                 of=selection["of"], by=by)  # fmt: skip
    return t("quarterly.partial_run_some", id=run.id, date=date, rules=rules, by=by)


def _oldest_first(lines: Iterable[FindingLine]) -> list[FindingLine]:
    return sorted(lines, key=lambda line: -(line.days or 0))


def _change(old: float | None, new: float | None) -> str:
    if old is None or new is None:
        return ""
    points = round((new - old) * 100)
    return f"{points:+d}"


def _trends(
    store: Store,
    view: QuarterlyView,
    runs: list[queries.Run],
    quarter: FiscalQuarter,
    t: Translator,
    charts: bool,
) -> None:
    quarters = _trend_quarters(quarter)
    latest = queries.latest_per_quarter(runs)
    view.trend_labels = [short_label(q, t.lang) for q in quarters]
    picked = [latest.get(q) for q in quarters]
    scores = [
        {s.framework: s for s in queries.framework_scores(store, r.id)} if r else {} for r in picked
    ]
    names: dict[str, str] = {}
    for per_quarter in scores:
        for key, score in per_quarter.items():
            names.setdefault(key, score.title(t.lang))
    series: dict[str, list[float | None]] = {}
    for key in sorted(names):
        values = [q[key].score if key in q else None for q in scores]
        series[key] = values
        view.trend_rows.append(
            TrendRow(
                key,
                names[key],
                [f"{_pct(v)} {letter(v)}" if v is not None else "–" for v in values],
            )
        )
    view.grade_row = [
        f"{r.grade_letter or '-'} ({_pct(r.grade_score)})" if r else "–" for r in picked
    ]
    if not charts:
        return
    from gdcc_audit.report.charts import (
        MAX_LINES,
        chart_img,
        describe,
        line_chart,
        small_multiples,
    )

    grade = {t("quarterly.grade_series"): [r.grade_score if r else None for r in picked]}
    thai = {k: v for k, v in series.items() if k.startswith("TH-")}
    international = {k: v for k, v in series.items() if not k.startswith("TH-")}
    for caption, data in (
        (t("quarterly.chart_grade"), grade),
        (t("quarterly.chart_international"), international),
        (t("quarterly.chart_thai"), thai),
    ):
        if not data:
            continue
        note = ""
        if len(data) > MAX_LINES:
            # ten crossing lines and a legend of ten: one small chart per framework
            svg = small_multiples(view.trend_labels, data)
            note = t("quarterly.multiples_note")
        else:
            svg = line_chart(view.trend_labels, data, height=2.4 if len(data) == 1 else 2.9)
        alt = describe(caption, view.trend_labels, data, percent=True)
        view.charts.append((caption, str(chart_img(svg, alt)), note))


def _waivers(
    store: Store,
    view: QuarterlyView,
    run: queries.Run,
    before: queries.Run | None,
    quarter: FiscalQuarter,
    t: Translator,
) -> None:
    now = queries.rows(store, schema.waivers, run.id)
    earlier = (
        {w.waiver_id: w.state for w in queries.rows(store, schema.waivers, before.id)}
        if before
        else {}
    )
    horizon = bounds(_next(quarter))[1]
    # the run's findings a waiver names (by fingerprint): named as the finding tables do
    findings = {f.fingerprint: f for f in queries.findings(store, run.id)} if now else {}
    for row in now:
        # Granted: in force now and not in force at the previous quarter's run (new, or
        # pending then because it was approved after that audit).
        if row.state == "active" and earlier.get(row.waiver_id) != "active":
            view.granted.append(_waiver(t, row, findings))
        if row.state == "expired":
            view.expired.append(_waiver(t, row, findings))
        elif row.state == "active" and row.expires <= horizon:
            view.expiring.append(_waiver(t, row, findings))


def _next(quarter: FiscalQuarter) -> FiscalQuarter:
    if quarter.quarter == 4:
        return FiscalQuarter(quarter.fiscal_year + 1, 1)
    return FiscalQuarter(quarter.fiscal_year, quarter.quarter + 1)


def _evidence(
    store: Store,
    view: QuarterlyView,
    run: queries.Run,
    before: queries.Run | None,
    t: Translator,
) -> None:
    lang = t.lang
    now = queries.rows(store, schema.evidence, run.id)
    earlier = queries.rows(store, schema.evidence, before.id) if before else []

    def newest(rows: list[Any]) -> dict[tuple[str, str | None], Any]:
        best: dict[tuple[str, str | None], Any] = {}
        for row in rows:
            key = _evidence_key(row)
            if key not in best or row.dated > best[key].dated:
                best[key] = row
        return best

    current, previous_best = newest(list(now)), newest(list(earlier))

    def line(row: Any, old: Any = None) -> EvidenceLine:
        return EvidenceLine(
            type=t(f"evidence_type.{row.type}"),
            system=row.system or "–",
            document=row.document,
            dated=format_date(row.dated, lang),
            expires_on=format_date(row.expires_on, lang) if row.expires_on else "–",
            before=format_date(old.dated, lang) if old is not None else "",
        )

    for key, row in sorted(current.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        old = previous_best.get(key)
        if old is not None and row.dated > old.dated:
            view.renewed.append(line(row, old))
        was_valid = old is None or bool(old.valid)
        if row.valid is False and was_valid:
            view.lapsed.append(line(row))


def _summary(view: QuarterlyView, t: Translator, has_before: bool) -> list[str]:
    lines = [t("quarterly.summary_grade", grade=view.grade, score=view.grade_score,
               coverage=view.grade_coverage)]  # fmt: skip
    if has_before:
        lines.append(
            t("quarterly.summary_change", before=view.grade_before, period=view.previous_period,
              change=view.score_change or "±0")
        )  # fmt: skip
        key = "summary_findings_waived" if view.waived else "summary_findings"
        lines.append(
            t(f"quarterly.{key}", new=len(view.new_findings), fixed=len(view.fixed),
              open=len(view.still_open), waived=len(view.waived))
        )  # fmt: skip
    else:
        key = "summary_first_waived" if view.waived else "summary_first"
        lines.append(t(f"quarterly.{key}", open=len(view.new_findings), waived=len(view.waived)))
    worst = [
        f for f in (*view.new_findings, *view.still_open) if f.severity in ("critical", "high")
    ]
    if worst:
        lines.append(t("quarterly.summary_severe", count=len(worst)))
    oldest = max((f.days or 0 for f in view.still_open), default=0)
    if oldest:
        lines.append(t("quarterly.summary_oldest", days=oldest))
    if view.expired or view.expiring:
        lines.append(
            t("quarterly.summary_waivers", expired=len(view.expired), expiring=len(view.expiring))
        )
    if view.lapsed:
        lines.append(t("quarterly.summary_lapsed", count=len(view.lapsed)))
    if view.left_out:
        lines.append(t("quarterly.summary_left_out", count=len(view.left_out),
                       runs="; ".join(view.left_out)))  # fmt: skip
    return lines


def _unhashed(t: Translator, item: Mapping[str, Any]) -> str:
    """What stands for the hash of an input that was not read: a file or folder left out
    by an exclude pattern says so (a regulator must see what the audit did not cover)."""
    return t("input_status.excluded") if item.get("status") == "excluded" else "–"
