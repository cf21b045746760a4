"""The audit report's charts: scores by framework, failed checks by system and severity,
control status by framework, all checks by result. Drawn by ``report.charts`` (matplotlib)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from gdcc_audit.models.common import Severity
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import ControlStatus, FrameworkResult
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.report import charts
from gdcc_audit.report.i18n import Translator

SEVERITIES_DOWN = tuple(reversed(Severity))
#: Control statuses in the order a reader weighs them (decided first, then open, then out).
CONTROL_ORDER = (
    ControlStatus.PASS,
    ControlStatus.ATTESTED,
    ControlStatus.PARTIAL,
    ControlStatus.FAIL,
    ControlStatus.ERROR,
    ControlStatus.MANUAL,
    ControlStatus.NOT_APPLICABLE,
)
_WIDTH = 7.0  # inches: the A4 text width


@dataclass(frozen=True)
class Figure:
    """One chart as the report shows it: a heading, the ``<img>`` and its text alternative."""

    key: str
    title: str
    img: Markup
    alt: str


def _figure(key: str, title: str, svg: str, alt: str) -> Figure:
    return Figure(key=key, title=title, img=charts.chart_img(svg, alt), alt=alt)


def scores_figure(frameworks: Sequence[FrameworkResult], t: Translator) -> Figure | None:
    """Score and coverage of every framework, side by side (a score is read with its coverage)."""
    if not frameworks:
        return None
    labels = [_framework_label(fw, frameworks) for fw in frameworks]
    score, coverage = t("summary.score"), t("summary.coverage")
    series: dict[str, list[float | None]] = {
        score: [fw.score for fw in frameworks],
        coverage: [fw.coverage for fw in frameworks],
    }
    title = t("charts.scores")
    svg = charts.bar_chart(
        labels,
        series,
        grouped=True,
        percent=True,
        value_max=1.0,
        value_labels=True,
        colours={score: "#1f4e8c", coverage: charts.STATUS_COLOURS["ATTESTED"]},
        width=_WIDTH,
    )
    return _figure("scores", title, svg, charts.describe(title, labels, series, percent=True))


def severity_figure(
    failures: Sequence[Finding], tenants: Sequence[Tenant], t: Translator
) -> Figure | None:
    """Failed checks (waived ones left out) per system, stacked by severity."""
    if not failures:
        return None
    names = {
        s.id: (s.name_th if t.lang == "th" else s.name_en)
        for tenant in tenants
        for s in tenant.systems
    }
    systems = sorted({f.system or "" for f in failures}, key=lambda s: (s == "", s))
    labels = [names.get(s, s) if s else t("charts.no_system") for s in systems]
    series: dict[str, list[float | None]] = {}
    colours = {}
    for severity in SEVERITIES_DOWN:
        counts: list[float | None] = [
            float(sum(1 for f in failures if (f.system or "") == s and f.severity == severity))
            for s in systems
        ]
        if any(counts):
            label = t(f"severity.{severity.value}")
            series[label] = counts
            colours[label] = charts.SEVERITY_COLOURS[severity.value]
    title = t("charts.severity_by_system")
    svg = charts.bar_chart(labels, series, colours=colours, value_labels=True, width=_WIDTH)
    return _figure("severity", title, svg, charts.describe(title, labels, series))


def controls_figure(frameworks: Sequence[FrameworkResult], t: Translator) -> Figure | None:
    """Every framework's controls by status, as shares of the catalog (counts in the text)."""
    if not frameworks:
        return None
    labels = [_framework_label(fw, frameworks) for fw in frameworks]
    shares: dict[str, list[float | None]] = {}
    counts: dict[str, list[float | None]] = {}
    colours = {}
    for status in CONTROL_ORDER:
        numbers = [fw.counts.get(status, 0) for fw in frameworks]
        if not any(numbers):
            continue
        label = t(f"control_status.{status.value}")
        counts[label] = [float(n) if n else None for n in numbers]
        shares[label] = [
            n / total if (total := sum(fw.counts.values())) else 0.0
            for n, fw in zip(numbers, frameworks, strict=True)
        ]
        colours[label] = charts.STATUS_COLOURS[status.value]
    title = t("charts.controls")
    svg = charts.bar_chart(
        labels, shares, colours=colours, percent=True, value_max=1.0, value_labels=True,
        width=_WIDTH,
    )  # fmt: skip
    return _figure("controls", title, svg, charts.describe(title, labels, counts))


def status_figure(result: AuditResult, t: Translator) -> Figure:
    """All checks by result (PASS and NOT_APPLICABLE may be saved as counts per rule); waived
    failures are their own bar, never counted as failed."""
    waived = Counter(f.status for f in result.findings if f.is_failure and f.is_waived)
    labels: list[str] = []
    values: list[float | None] = []
    colours: list[str] = []
    counts = result.counts()
    for status in (Status.PASS, Status.FAIL, Status.ERROR, Status.UNKNOWN, Status.NOT_APPLICABLE):
        count = counts[status] - waived[status]
        if count or status in (Status.PASS, Status.FAIL):
            labels.append(t(f"status.{status.value}"))
            values.append(float(count))
            colours.append(charts.STATUS_COLOURS[status.value])
    waived_total = sum(waived.values())
    if waived_total:
        labels.append(t("charts.waived"))
        values.append(float(waived_total))
        colours.append(charts.STATUS_COLOURS["MANUAL"])
    title = t("summary.by_status")
    series = {t("charts.checks"): values}
    svg = charts.bar_chart(
        labels, series, value_labels=True, grouped=True, width=_WIDTH,
        colours={t("charts.checks"): "#1f4e8c"}, bar_colours=colours,
    )  # fmt: skip
    return _figure("status", title, svg, charts.describe(title, labels, series))


def _framework_label(fw: FrameworkResult, frameworks: Sequence[FrameworkResult]) -> str:
    several = len({f.tenant for f in frameworks}) > 1
    return f"{fw.framework} · {fw.tenant}" if several and fw.tenant else fw.framework
