"""Report vocabulary in Thai and English, Buddhist-era dates and Thai fiscal quarters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from gdcc_audit.dates import BUDDHIST_ERA_OFFSET as _BUDDHIST_ERA_OFFSET
from gdcc_audit.dates import MONTHS as _MONTHS
from gdcc_audit.dates import day_text
from gdcc_audit.errors import ReportError
from gdcc_audit.resources import reports_dir

LANGUAGES = ("th", "en")

#: Thailand has kept UTC+7 all year since 1920; reports show local time.
BANGKOK = dt.timezone(dt.timedelta(hours=7), "UTC+7")


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, name + "."))
        else:
            flat[name] = str(value)
    return flat


def i18n_dir() -> Path:
    """The folder holding ``th.yaml`` and ``en.yaml``."""
    return reports_dir() / "i18n"


@cache
def catalog(lang: str, folder: Path | None = None) -> dict[str, str]:
    """Every report string of one language, keyed by dotted name (``cover.title``)."""
    if lang not in LANGUAGES:
        raise ReportError(f"unknown report language {lang!r}; use one of {', '.join(LANGUAGES)}")
    path = (folder or i18n_dir()) / f"{lang}.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ReportError(f"cannot read report translations {path}: {exc}") from exc
    if not isinstance(data, Mapping):
        raise ReportError(f"{path}: expected a mapping of report strings")
    return _flatten(data)


@dataclass(frozen=True)
class Translator:
    """Looks up report strings; a missing key is an error, never a silent blank."""

    lang: str
    strings: Mapping[str, str]

    def __call__(self, key: str, **values: object) -> str:
        try:
            text = self.strings[key]
        except KeyError:
            raise ReportError(
                f"report string {key!r} is missing for language {self.lang!r}"
            ) from None
        return text.format(**values) if values else text


def translator(lang: str) -> Translator:
    """The translator of ``lang`` (``th`` or ``en``)."""
    return Translator(lang, catalog(lang))


def local_time(moment: dt.datetime) -> dt.datetime:
    """``moment`` in Thai time (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(BANGKOK)


def format_date(day: dt.date, lang: str) -> str:
    """``26 พ.ย. 2563`` (Buddhist era) in Thai, ``26 Nov 2020`` in English."""
    if isinstance(day, dt.datetime):
        day = local_time(day).date()
    return day_text(day, lang)


def format_datetime(moment: dt.datetime, lang: str) -> str:
    """Date and Thai local time: ``26 พ.ย. 2563 14:05 น.`` or ``26 Nov 2020 14:05 (UTC+7)``."""
    local = local_time(moment)
    clock = f"{local.hour:02d}:{local.minute:02d}"
    suffix = f"{clock} น." if lang == "th" else f"{clock} (UTC+7)"
    return f"{format_date(local.date(), lang)} {suffix}"


@dataclass(frozen=True)
class FiscalQuarter:
    """A quarter of the Thai government fiscal year, which starts on 1 October."""

    fiscal_year: int  # Gregorian year in which the fiscal year ends
    quarter: int  # 1..4; Q1 = October-December

    @classmethod
    def of(cls, day: dt.date) -> FiscalQuarter:
        """The fiscal quarter containing ``day``."""
        fiscal_year = day.year + 1 if day.month >= 10 else day.year
        return cls(fiscal_year, (day.month - 10) % 12 // 3 + 1)

    @property
    def first_month(self) -> tuple[int, int]:
        """(year, month) of the quarter's first month."""
        month = (self.quarter - 1) * 3 + 10
        return (self.fiscal_year - 1, month) if month <= 12 else (self.fiscal_year, month - 12)

    def label(self, lang: str) -> str:
        """``ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570`` or ``Q1 of fiscal year 2027``."""
        if lang == "th":
            be = self.fiscal_year + _BUDDHIST_ERA_OFFSET
            return f"ไตรมาส {self.quarter} ปีงบประมาณ พ.ศ. {be}"
        return f"Q{self.quarter} of fiscal year {self.fiscal_year}"

    def months(self, lang: str) -> str:
        """The calendar months it covers: ``ต.ค.–ธ.ค. 2569`` or ``Oct–Dec 2026``."""
        year, month = self.first_month
        names = _MONTHS[lang]
        shown = year + _BUDDHIST_ERA_OFFSET if lang == "th" else year
        return f"{names[month - 1]}–{names[month + 1]} {shown}"
