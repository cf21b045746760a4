"""Dates as the reports write them: ``20 ส.ค. 2568`` (Buddhist era) in Thai, ``20 Aug 2025``
in English. A leaf module (datetime only), so rule checks can word a Thai message's date as
the Thai report does without loading the report package."""

from __future__ import annotations

import datetime as dt

BUDDHIST_ERA_OFFSET = 543

MONTHS = {
    "th": (
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    ),
    "en": (
        "Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ),
}  # fmt: skip


def day_text(day: dt.date, lang: str) -> str:
    """``20 ส.ค. 2568`` in Thai, ``20 Aug 2025`` in English (a calendar date, no time zone)."""
    year = day.year + BUDDHIST_ERA_OFFSET if lang == "th" else day.year
    return f"{day.day} {MONTHS[lang][day.month - 1]} {year}"


def thai_date(day: dt.date) -> str:
    """``20 ส.ค. 2568``: a date inside a Thai message (the English message keeps ISO
    ``2025-08-20``, as the manifest and the evidence write it)."""
    return day_text(day, "th")
