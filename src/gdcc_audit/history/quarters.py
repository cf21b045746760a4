"""Thai fiscal quarters as the history store names them: ``2570Q1`` (Buddhist era)."""

from __future__ import annotations

import datetime as dt
import re

from gdcc_audit.errors import ConfigError
from gdcc_audit.report.i18n import FiscalQuarter, local_time

BUDDHIST_ERA_OFFSET = 543
_FORMS = (
    re.compile(r"^(?:FY)?(?P<year>\d{4})[-/ ]?Q(?P<q>[1-4])$", re.IGNORECASE),
    re.compile(r"^Q(?P<q>[1-4])[-/ ]?(?:FY)?(?P<year>\d{4})$", re.IGNORECASE),
)


def parse_quarter(text: str) -> FiscalQuarter:
    """A quarter from ``2570Q1`` (Buddhist-era fiscal year), ``2027Q1`` / ``FY2027-Q1``
    (Gregorian fiscal year: years before 2400), ``Q1/2570``, or a date ``2026-11-23`` (the
    quarter containing it). Q1 is October–December."""
    value = text.strip()
    try:
        return FiscalQuarter.of(dt.date.fromisoformat(value))
    except ValueError:
        pass
    for form in _FORMS:
        match = form.match(value)
        if match:
            year = int(match["year"])
            if year >= 2400:
                year -= BUDDHIST_ERA_OFFSET
            return FiscalQuarter(year, int(match["q"]))
    raise ConfigError(
        f"{text!r} is not a fiscal quarter: use 2570Q1 (Buddhist era), 2027Q1 or a date"
    )


def quarter_of(moment: dt.datetime) -> FiscalQuarter:
    """The fiscal quarter of a moment, by its date in Thailand."""
    return FiscalQuarter.of(local_time(moment).date())


def code(quarter: FiscalQuarter) -> str:
    """``2570Q1``: the Buddhist-era fiscal year and quarter."""
    return f"{quarter.fiscal_year + BUDDHIST_ERA_OFFSET}Q{quarter.quarter}"


def short_label(quarter: FiscalQuarter, lang: str) -> str:
    """Axis labels: ``ไตรมาส 1/70`` would be ambiguous, so ``Q1/2570`` or ``FY2027 Q1``."""
    if lang == "th":
        return f"Q{quarter.quarter}/{quarter.fiscal_year + BUDDHIST_ERA_OFFSET}"
    return f"FY{quarter.fiscal_year} Q{quarter.quarter}"


def previous(quarter: FiscalQuarter) -> FiscalQuarter:
    """The quarter before."""
    if quarter.quarter == 1:
        return FiscalQuarter(quarter.fiscal_year - 1, 4)
    return FiscalQuarter(quarter.fiscal_year, quarter.quarter - 1)


def bounds(quarter: FiscalQuarter) -> tuple[dt.date, dt.date]:
    """First and last day of the quarter."""
    year, month = quarter.first_month
    start = dt.date(year, month, 1)
    end_month = month + 3
    end = dt.date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1) - dt.timedelta(days=1)
    return start, end
