"""The portfolio report over many tenants in one quarter, from the history store (data only).

Each tenant counts with its last run of the quarter; its change is measured against its last
run of the latest earlier quarter. Tenants with runs in the store but none in the quarter are
listed as not audited in that quarter.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import sqlalchemy as sa

from gdcc_audit.errors import StoreError
from gdcc_audit.history import queries, schema
from gdcc_audit.history.quarterly import marking_of
from gdcc_audit.history.quarters import code, parse_quarter, short_label
from gdcc_audit.history.store import Store
from gdcc_audit.report.i18n import FiscalQuarter, Translator, format_datetime

GRADES = ("A", "B", "C", "D", "F", "-")
MOST_FAILED = 15
#: Control statuses that count as failing a control in the portfolio.
FAILING_CONTROL = ("FAIL", "PARTIAL")


@dataclass(frozen=True)
class TenantLine:
    """One tenant in the ranking."""

    rank: int
    tenant: str
    agency: str
    ministry: str
    grade: str
    score: float | None
    coverage: float | None
    previous_score: float | None
    previous_quarter: str
    #: Failed checks (FAIL or ERROR) not waived: the audit report's count.
    failing: int
    scanned: str
    #: The previous quarter as the report's text shows it (Q4/2569, FY2026 Q4); the CSV keeps
    #: ``previous_quarter``'s code (2569Q4).
    previous_label: str = ""
    #: Failed checks under a waiver valid on the scan date, shown beside ``failing`` as the
    #: audit report does ("26 + 1 waived").
    waived: int = 0

    @property
    def change(self) -> float | None:
        """Score change in points since the previous quarter (None: no earlier run)."""
        if self.score is None or self.previous_score is None:
            return None
        return round((self.score - self.previous_score) * 100, 1)


@dataclass(frozen=True)
class ControlLine:
    """A control failed (FAIL or PARTIAL) by several tenants."""

    framework: str
    control: str
    tenants: int


@dataclass
class PortfolioView:
    """Everything the portfolio template and CSV show."""

    lang: str
    quarter_code: str
    period: str
    period_months: str
    scope: str
    generated: str
    tenants: list[TenantLine] = field(default_factory=list)
    distribution: dict[str, int] = field(default_factory=dict)
    most_failed: list[ControlLine] = field(default_factory=list)
    #: Failing controls left out of ``most_failed`` (past its MOST_FAILED lines).
    most_failed_more: int = 0
    #: When the cut falls inside a tie (the first control left out is failed by as many
    #: tenants as the last one listed): that number of tenants, else 0; how many controls of
    #: the tie are listed, and how many are left out.
    most_failed_tie: int = 0
    most_failed_tied_shown: int = 0
    most_failed_tied_more: int = 0
    fell: list[TenantLine] = field(default_factory=list)
    not_audited: list[str] = field(default_factory=list)
    #: Tenants whose only runs in the quarter evaluated a selection of rules (scan --rules,
    #: --tag, ...): not ranked, their grade is not the tenant's.
    selection_only: list[str] = field(default_factory=list)
    charts: list[tuple[str, str]] = field(default_factory=list)
    marking: str = ""
    marking_key: str = ""


def _matches(run: queries.Run, ministry: str) -> bool:
    wanted = ministry.strip().casefold()
    return wanted in {(run.ministry_en or "").casefold(), (run.ministry_th or "").casefold()}


def _key(q: FiscalQuarter) -> tuple[int, int]:
    return (q.fiscal_year, q.quarter)


def _quarter_runs(
    runs: list[queries.Run], quarter: FiscalQuarter | None
) -> tuple[FiscalQuarter, dict[str, queries.Run], dict[str, queries.Run], set[str]]:
    """The quarter (default: the latest with a full audit), each tenant's last full run in
    it and before it, and the tenants with only runs of a selection of rules in it."""
    # a run of a selection of rules (scan --rules, ...): its grade is not the tenant's
    quarter = quarter or max([r.quarter for r in runs if not r.partial] or [runs[-1].quarter],
                             key=_key)  # fmt: skip
    inside: dict[str, queries.Run] = {}
    earlier: dict[str, queries.Run] = {}
    partial: set[str] = set()
    for run in runs:  # oldest first: the last one wins
        if run.partial:
            if run.quarter == quarter:
                partial.add(run.tenant)
            continue
        if run.quarter == quarter:
            inside[run.tenant] = run
        elif _key(run.quarter) < _key(quarter):
            earlier[run.tenant] = run
    if not inside:
        recorded = ", ".join(sorted({r.quarter_code for r in runs if not r.partial}))
        if partial:
            raise StoreError(
                f"no full audit recorded in {code(quarter)}, only runs of a selection of rules "
                f"({', '.join(sorted(partial))}), which a portfolio leaves out (quarters with "
                f"a full audit: {recorded or 'none'})"
            )
        raise StoreError(f"no run recorded in {code(quarter)} (quarters recorded: {recorded})")
    return quarter, inside, earlier, partial


def build_portfolio(
    store: Store,
    t: Translator,
    *,
    quarter: FiscalQuarter | None = None,
    ministry: str | None = None,
    tenants: Sequence[str] = (),
    framework: str | None = None,
    charts: bool = True,
) -> PortfolioView:
    """The portfolio of the tenants in the store (of one ministry, or the named ones).
    ``framework`` limits the most-failed controls to one framework (a failing rule otherwise
    shows under every framework its control maps to)."""
    runs = queries.list_runs(store, tenants=tenants or None)
    if tenants:
        missing = sorted(set(tenants) - {r.tenant for r in runs})
        if missing:
            known = ", ".join(queries.tenants(store)) or "none"
            raise StoreError(
                f"tenant(s) {', '.join(missing)} not in the history store {store.display_url} "
                f"(tenants recorded: {known})"
            )
    if ministry:
        runs = [r for r in runs if _matches(r, ministry)]
        if not runs:
            raise StoreError(f"no tenant of ministry {ministry!r} in the history store")
    if not runs:
        raise StoreError(f"no runs recorded in the history store {store.display_url}")

    quarter, inside, earlier, partial = _quarter_runs(runs, quarter)
    lang = t.lang
    ranked = sorted(
        inside.values(),
        key=lambda r: (r.grade_score is None, -(r.grade_score or 0.0), r.tenant),
    )
    view = PortfolioView(
        lang=lang,
        quarter_code=code(quarter),
        period=quarter.label(lang),
        period_months=quarter.months(lang),
        scope=ministry or t("portfolio.all"),
        generated=format_datetime(max(r.scanned_at for r in inside.values()), lang),
    )
    view.marking, view.marking_key = marking_of(ranked)
    waived = queries.waived_counts(store, [r.id for r in ranked])
    for rank, run in enumerate(ranked, start=1):
        before = earlier.get(run.tenant)
        view.tenants.append(
            TenantLine(
                rank=rank,
                tenant=run.tenant,
                agency=(run.agency_th if lang == "th" else run.agency_en) or run.tenant,
                ministry=(run.ministry_th if lang == "th" else run.ministry_en) or "",
                grade=run.grade_letter or "-",
                score=run.grade_score,
                coverage=run.grade_coverage,
                previous_score=before.grade_score if before else None,
                previous_quarter=before.quarter_code if before else "",
                failing=sum(run.counts.get(s, 0) for s in queries.FAILING)
                - waived.get(run.id, 0),
                scanned=format_datetime(run.scanned_at, lang),
                previous_label=(
                    short_label(parse_quarter(before.quarter_code), lang) if before else ""
                ),
                waived=waived.get(run.id, 0),
            )
        )
    counts = Counter(line.grade for line in view.tenants)
    view.distribution = {g: counts.get(g, 0) for g in GRADES}
    failed = _most_failed(store, [r.id for r in inside.values()], framework)
    view.most_failed, rest = failed[:MOST_FAILED], failed[MOST_FAILED:]
    view.most_failed_more = len(rest)
    if rest and rest[0].tenants == view.most_failed[-1].tenants:
        tie = rest[0].tenants
        view.most_failed_tie = tie
        view.most_failed_tied_shown = sum(line.tenants == tie for line in view.most_failed)
        view.most_failed_tied_more = sum(line.tenants == tie for line in rest)
    view.fell = sorted(
        (line for line in view.tenants if line.change is not None and line.change < 0),
        key=lambda line: line.change or 0.0,
    )
    view.selection_only = sorted(partial - inside.keys())
    view.not_audited = sorted({r.tenant for r in runs} - inside.keys() - partial)
    if charts:
        _charts(view, t)
    return view


def _most_failed(store: Store, run_ids: list[int], framework: str | None) -> list[ControlLine]:
    table = schema.control_results
    tenants = sa.func.count(sa.distinct(table.c.run_id)).label("tenants")
    where: list[sa.ColumnElement[bool]] = [
        table.c.run_id.in_(run_ids),
        table.c.status.in_(FAILING_CONTROL),
    ]
    if framework:
        where.append(table.c.framework == framework)
    query = (
        sa.select(table.c.framework, table.c.control, tenants)
        .where(*where)
        .group_by(table.c.framework, table.c.control)
    )
    with store.engine.connect() as connection:
        lines = [ControlLine(f, c, n) for f, c, n in connection.execute(query)]
    # Controls in their catalog's order (3.3, 3.10, 11.2), not as text (11.2, 3.10, 3.3),
    # which SQL cannot sort on SQLite and PostgreSQL alike: sorted here (the caller cuts).
    lines.sort(key=lambda line: (-line.tenants, line.framework, _numbered(line.control)))
    return lines


def _numbered(control: str) -> tuple[tuple[int, int, str], ...]:
    """A control id's sort key: its numbers as numbers (A.5.10 after A.5.9)."""
    return tuple(
        (0, int(part), "") if part.isdecimal() else (1, 0, part)
        for part in re.split(r"(\d+)", control)
        if part
    )


def _charts(view: PortfolioView, t: Translator) -> None:
    from gdcc_audit.report.charts import bar_chart, chart_img, describe

    grades = [g for g in GRADES if view.distribution[g] or g != "-"]
    data: dict[str, list[float | None]] = {
        t("portfolio.tenants"): [float(view.distribution[g]) for g in grades]
    }
    caption = t("portfolio.distribution")
    svg = bar_chart(grades, data, horizontal=False, height=2.4, value_labels=True)
    view.charts.append((caption, str(chart_img(svg, describe(caption, grades, data)))))
    if len(view.tenants) <= 40:
        names = [line.tenant for line in view.tenants]
        scores: dict[str, list[float | None]] = {
            t("portfolio.score"): [line.score for line in view.tenants]
        }
        caption = t("portfolio.ranking")
        svg = bar_chart(names, scores, percent=True, value_max=1.0, value_labels=True)
        view.charts.append(
            (caption, str(chart_img(svg, describe(caption, names, scores, percent=True))))
        )
    if view.most_failed:
        labels = [f"{c.framework} {c.control}" for c in view.most_failed]
        failed: dict[str, list[float | None]] = {
            t("portfolio.tenants"): [float(c.tenants) for c in view.most_failed]
        }
        caption = t("portfolio.most_failed")
        svg = bar_chart(labels, failed, value_labels=True)
        view.charts.append((caption, str(chart_img(svg, describe(caption, labels, failed)))))


def portfolio_csv(view: PortfolioView) -> str:
    """One row per tenant: rank, grade, score, coverage, change since the previous quarter."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(
        ["rank", "tenant", "agency", "ministry", "quarter", "grade", "score", "coverage",
         "previous_quarter", "previous_score", "change_points", "failing_checks",
         "waived_checks"]
    )  # fmt: skip

    def number(value: float | None) -> str:
        return "" if value is None else f"{value:.4f}"

    for line in view.tenants:
        writer.writerow(
            [line.rank, line.tenant, line.agency, line.ministry, view.quarter_code, line.grade,
             number(line.score), number(line.coverage), line.previous_quarter,
             number(line.previous_score), "" if line.change is None else f"{line.change:+.1f}",
             line.failing, line.waived]
        )  # fmt: skip
    return buffer.getvalue()
