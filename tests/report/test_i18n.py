"""Every report string exists in Thai and English; dates and fiscal quarters."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from gdcc_audit.errors import ReportError
from gdcc_audit.models.common import Classification, Level, Severity
from gdcc_audit.models.finding import Status
from gdcc_audit.models.framework import ControlStatus
from gdcc_audit.models.result import InputStatus
from gdcc_audit.models.tenant import EvidenceType
from gdcc_audit.models.waiver import WaiverState
from gdcc_audit.report import view
from gdcc_audit.report.i18n import (
    FiscalQuarter,
    Translator,
    catalog,
    format_date,
    format_datetime,
    i18n_dir,
)
from gdcc_audit.resources import reports_dir

_STATIC_KEY = re.compile(r"""\bt\(\s*['"]([a-z_]+\.[A-Za-z_.]+)['"]""")
_DYNAMIC = {
    "severity": [s.value for s in Severity],
    "status": [s.value for s in Status],
    "control_status": [s.value for s in ControlStatus],
    "level": [v.value for v in Level],
    "classification": [c.value for c in Classification],
    "input_status": [s.value for s in InputStatus],
    "evidence_type": [e.value for e in EvidenceType],
    "waiver_state": [w.value for w in WaiverState],
}


def used_keys() -> set[str]:
    sources = [p.read_text(encoding="utf-8") for p in (reports_dir() / "templates").glob("*.j2")]
    sources.append(Path(view.__file__).read_text(encoding="utf-8"))
    keys = {m for text in sources for m in _STATIC_KEY.findall(text)}
    keys |= {f"{group}.{value}" for group, values in _DYNAMIC.items() for value in values}
    return keys


def test_both_languages_have_the_same_keys() -> None:
    th, en = catalog("th"), catalog("en")
    assert set(th) - set(en) == set()
    assert set(en) - set(th) == set()
    assert all(value.strip() for value in [*th.values(), *en.values()])


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_key_used_by_templates_and_view_exists(lang: str) -> None:
    keys = used_keys()
    assert len(keys) > 100
    assert keys - set(catalog(lang)) == set()


def test_placeholders_match_between_languages() -> None:
    th, en = catalog("th"), catalog("en")
    fields = re.compile(r"\{(\w+)\}")
    for key in en:
        assert set(fields.findall(th[key])) == set(fields.findall(en[key])), key


def test_a_missing_key_is_an_error_not_a_blank() -> None:
    t = Translator("en", {"a.b": "x"})
    assert t("a.b") == "x"
    with pytest.raises(ReportError, match=r"'a\.c' is missing for language 'en'"):
        t("a.c")


def test_a_missing_translation_file_key_fails_the_key_check(tmp_path: Path) -> None:
    # The same comparison as above, on a deliberately incomplete copy.
    (tmp_path / "th.yaml").write_text("a: {b: x}\n", encoding="utf-8")
    (tmp_path / "en.yaml").write_text("a: {b: x, c: y}\n", encoding="utf-8")
    th, en = catalog("th", tmp_path), catalog("en", tmp_path)
    assert set(en) - set(th) == {"a.c"}


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ReportError, match="unknown report language 'fr'"):
        catalog("fr")
    assert (i18n_dir() / "th.yaml").is_file()


def test_dates_in_the_buddhist_era() -> None:
    assert format_date(dt.date(2020, 11, 26), "th") == "26 พ.ย. 2563"
    assert format_date(dt.date(2020, 11, 26), "en") == "26 Nov 2020"
    # 20:00 UTC is 03:00 the next day in Bangkok.
    moment = dt.datetime(2020, 11, 26, 20, 0, tzinfo=dt.UTC)
    assert format_datetime(moment, "th") == "27 พ.ย. 2563 03:00 น."
    assert format_datetime(moment, "en") == "27 Nov 2020 03:00 (UTC+7)"


@pytest.mark.parametrize(
    ("day", "th", "en", "months_th", "months_en"),
    [
        (dt.date(2026, 10, 1), "ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570", "Q1 of fiscal year 2027",
         "ต.ค.–ธ.ค. 2569", "Oct–Dec 2026"),
        (dt.date(2026, 12, 31), "ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570", "Q1 of fiscal year 2027",
         "ต.ค.–ธ.ค. 2569", "Oct–Dec 2026"),
        (dt.date(2027, 1, 1), "ไตรมาส 2 ปีงบประมาณ พ.ศ. 2570", "Q2 of fiscal year 2027",
         "ม.ค.–มี.ค. 2570", "Jan–Mar 2027"),
        (dt.date(2027, 6, 30), "ไตรมาส 3 ปีงบประมาณ พ.ศ. 2570", "Q3 of fiscal year 2027",
         "เม.ย.–มิ.ย. 2570", "Apr–Jun 2027"),
        (dt.date(2027, 9, 30), "ไตรมาส 4 ปีงบประมาณ พ.ศ. 2570", "Q4 of fiscal year 2027",
         "ก.ค.–ก.ย. 2570", "Jul–Sep 2027"),
    ],
)  # fmt: skip
def test_thai_fiscal_quarters(
    day: dt.date, th: str, en: str, months_th: str, months_en: str
) -> None:
    quarter = FiscalQuarter.of(day)
    assert (quarter.label("th"), quarter.label("en")) == (th, en)
    assert (quarter.months("th"), quarter.months("en")) == (months_th, months_en)
