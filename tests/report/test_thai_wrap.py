"""The console wraps Thai between words (report/thai_text.py), English as rich always did."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

import pytest
from report_factory import build
from rich.console import Console, Group
from rich.measure import Measurement
from rich.text import Text as RichText

from gdcc_audit.models import AuditResult
from gdcc_audit.models.common import Text
from gdcc_audit.report import thai_segment
from gdcc_audit.report.console import ConsoleReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.thai_segment import segment
from gdcc_audit.report.thai_text import ThaiText, pieces

#: GDCC-EVD-004's Thai message, as the rule words it.
DRILL = "การซ้อมแผนความต่อเนื่องทางธุรกิจครั้งล่าสุดลงวันที่ 2025-08-20 และหมดอายุเมื่อ 2026-08-20"
#: GDCC-DATA-001's Thai message: one phrase, longer than a narrow column.
PUBLIC = "บุคคลใดบนอินเทอร์เน็ตก็อ่านข้อมูลในที่จัดเก็บนี้ได้"
PUBLIC_EN = "Anyone on the internet can read the data in this storage"
DRILL_EN = "The last business continuity exercise was on 2025-08-20 and expired on 2026-08-20"


def _lines(renderable: object, width: int) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(renderable)
    return [line.rstrip() for line in console.export_text().splitlines()]


def test_segment_cuts_a_phrase_into_the_lists_words() -> None:
    assert segment("การซ้อมแผนความต่อเนื่องทางธุรกิจครั้งล่าสุดลงวันที่") == (
        "การ", "ซ้อม", "แผน", "ความ", "ต่อ", "เนื่อง", "ทาง", "ธุรกิจ", "ครั้ง", "ล่าสุด",
        "ลง", "วัน", "ที่",
    )  # fmt: skip
    assert segment(PUBLIC) == (
        "บุคคล", "ใด", "บน", "อินเทอร์เน็ต", "ก็", "อ่าน", "ข้อมูล", "ใน", "ที่", "จัด", "เก็บ",
        "นี้", "ได้",
    )  # fmt: skip
    # ๆ stays with its word.
    assert segment("ต่างๆนี้") == ("ต่างๆ", "นี้")


def test_libthai_lumps_of_a_loanword_and_a_word_are_cut() -> None:
    """libthai keeps a loanword it does not know with the word after it (อิน|สแตนซ์แบบ,
    ทราฟฟิกจาก, พ็อดใช้): the list held those lumps, so no line broke between the two words.
    scripts/build_thai_words.py now cuts them where ICU cuts before a dictionary word."""
    assert segment("อินสแตนซ์แบบ") == ("อิน", "สแตนซ์", "แบบ")
    assert segment("ทราฟฟิกจากภายนอก") == ("ทราฟฟิก", "จาก", "ภายนอก")
    assert segment("พ็อดใช้") == ("พ็อด", "ใช้")
    # a word libthai knows whole stays whole
    assert segment("ตรวจสอบ") == ("ตรวจสอบ",)


def test_letters_that_match_no_word_stay_together() -> None:
    # ฌฆฑ is no word: kept whole between the words around it, never split into letters.
    assert segment("ข้อมูลฌฆฑข้อมูล") == ("ข้อมูล", "ฌฆฑ", "ข้อมูล")
    # ข้อมูล is not taken where it would leave a vowel sign (ี) to start a line.
    assert segment("ข้อมูลี") == ("ข้อ", "มูลี")


def test_between_cuts_into_as_many_words_the_one_both_libraries_agree_on_wins() -> None:
    # ICU, not knowing ป้องกัน before มัลแวร์, gave ป้อ and งกันมัลแวร์: as few words as
    # การ|ป้องกัน|มัลแวร์, and the console broke lines inside ป้องกัน (ป้อ|งกัน).
    assert segment("การป้องกันมัลแวร์") == ("การ", "ป้องกัน", "มัลแวร์")
    # and inside กระทำ (กระ|ทำความ) in the Computer Crime Act's title
    assert segment("ว่าด้วยการกระทำความผิดเกี่ยวกับคอมพิวเตอร์") == (
        "ว่าด้วย", "การ", "กระทำ", "ความ", "ผิด", "เกี่ยว", "กับ", "คอมพิวเตอร์",
    )  # fmt: skip
    assert segment("กิจกรรมการบำรุงรักษา")[:2] == ("กิจกรรม", "การ")


def test_segment_prefers_fewer_unmatched_letters_then_words_then_one_library_words(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    request.addfinalizer(segment.cache_clear)  # no cut from this made-up list stays cached

    def dictionary(words: set[str], weak: set[str]) -> None:
        segment.cache_clear()
        entry = (frozenset(words), frozenset(weak), max(map(len, words)))
        monkeypatch.setattr(thai_segment, "_dictionary", lambda: entry)

    words = {"กข", "คงจ", "กขค", "งจ", "กขคงจ"}
    dictionary(words - {"กขคงจ"}, {"กขค", "งจ"})
    assert segment("กขคงจ") == ("กข", "คงจ")
    dictionary(words - {"กขคงจ"}, {"กข", "คงจ"})
    assert segment("กขคงจ") == ("กขค", "งจ")
    # fewer words first, even when that word is one library's only
    dictionary(words, {"กขคงจ"})
    assert segment("กขคงจ") == ("กขคงจ",)
    # fewer unmatched letters first: a one-library word beats letters no word matches
    dictionary({"กขค"}, {"กขค"})
    assert segment("กขคงจ") == ("กขค", "งจ")


def test_pieces_keep_rich_words_and_break_after_a_slash_before_thai() -> None:
    assert list(pieces("ผ่าน/ไม่ผ่าน  log ok")) == [
        (0, "ผ่าน/"),
        (5, "ไม่"),
        (8, "ผ่าน  "),
        (14, "log "),
        (18, "ok"),
    ]


def test_a_long_thai_phrase_breaks_between_words_in_a_narrow_console() -> None:
    assert _lines(Group(ThaiText(DRILL)), 30) == [
        "การซ้อมแผนความต่อเนื่องทางธุรกิจครั้ง",
        "ล่าสุดลงวันที่ 2025-08-20 และหมดอายุ",
        "เมื่อ 2026-08-20",
    ]
    assert _lines(Group(ThaiText(DRILL)), 24) == [
        "การซ้อมแผนความต่อเนื่องทาง",
        "ธุรกิจครั้งล่าสุดลงวันที่",
        "2025-08-20 และหมดอายุเมื่อ",
        "2026-08-20",
    ]
    # rich alone folds the phrase where the column ends, in the middle of a word.
    assert _lines(RichText(DRILL), 30)[:2] == [
        "การซ้อมแผนความต่อเนื่องทางธุรกิจครั้งล่",
        "าสุดลงวันที่ 2025-08-20",
    ]
    assert _lines(RichText(DRILL), 24)[:2] == [
        "การซ้อมแผนความต่อเนื่องทางธุร",
        "กิจครั้งล่าสุดลงวันที่",
    ]


def test_findings_table_wraps_the_thai_message_between_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "105")
    text = _render(_result(), "th")
    rows = [line for line in text.splitlines() if line.startswith("│")]
    assert [row.split("│")[5].strip() for row in rows] == [
        "บุคคลใดบนอินเทอร์เน็ตก็อ่านข้อมูลในที่",
        "จัดเก็บนี้ได้",
        "การซ้อมแผนความต่อเนื่องทางธุรกิจครั้ง",
        "ล่าสุดลงวันที่ 2025-08-20 และหมด",
        "อายุเมื่อ 2026-08-20",
    ]


def test_one_finding_per_line_group_wraps_thai_between_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    lines = _render(_result(), "th").splitlines()
    start = lines.index("ข้อผิดพลาด/ต่ำ  GDCC-IAM-004  his/crash-sg")
    assert lines[start : start + 4] == [
        "ข้อผิดพลาด/ต่ำ  GDCC-IAM-004  his/crash-sg",
        "  iac/his/main.tf:10-15",
        "  การซ้อมแผนความต่อเนื่องทางธุรกิจครั้งล่าสุดลงวันที่ 2025-08-20 และหมด",
        "  อายุเมื่อ 2026-08-20",  # indented as the line it continues
    ]
    # the files line breaks between its counts (console._listed): it broke inside a count's
    # words, "0 ไม่ใช่รูปแบบที่" / "รองรับ; 1 ทรัพยากร"
    assert lines[2:4] == [
        "ไฟล์: 2 ตรวจแล้ว, 0 ตรวจได้บางส่วน, 1 ตรวจไม่ได้,",
        "0 ไม่ใช่รูปแบบที่รองรับ; 1 ทรัพยากร",
    ]


def test_english_wraps_as_rich_wraps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    for width in (12, 30, 45):
        assert _lines(Group(ThaiText(DRILL_EN)), width) == _lines(RichText(DRILL_EN), width)
    monkeypatch.setenv("COLUMNS", "105")
    text = _render(_result(), "en")
    rows = [line for line in text.splitlines() if line.startswith("│")]
    assert [row.split("│")[5].strip() for row in rows] == [
        "Anyone on the internet can read",
        "the data in this storage",
        "The last business continuity",
        "exercise was on 2025-08-20 and",
        "expired on 2026-08-20",
    ]


def test_a_thai_column_is_only_as_narrow_as_its_longest_word() -> None:
    console = Console(width=80, file=io.StringIO())
    header = "ผ่าน/ไม่ผ่าน/บางส่วน/รอประเมิน"
    # Pieces: ผ่าน/ ไม่ ผ่าน/ บาง ส่วน/ รอ ประเมิน; the widest, ประเมิน, is 6 cells.
    assert Measurement.get(console, console.options, ThaiText(header)) == Measurement(6, 25)
    assert Measurement.get(console, console.options, RichText(header)) == Measurement(25, 25)


def test_the_word_list_loads_only_when_thai_is_printed() -> None:
    code = (
        "import io, json, sys; sys.path.insert(0, 'tests/report');"
        "from report_factory import build;"
        "from gdcc_audit.report.console import ConsoleReporter;"
        "from gdcc_audit.report.interface import ReportOptions;"
        "ConsoleReporter().render(build(3, full=False), io.StringIO(),"
        " ReportOptions(color=False, lang=sys.argv[1]));"
        "print(json.dumps('gdcc_audit.report.thai_text' in sys.modules))"
    )
    loaded = {
        lang: json.loads(
            subprocess.run(
                [sys.executable, "-c", code, lang],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "COLUMNS": "80"},
            ).stdout
        )
        for lang in ("en", "th")
    }
    assert loaded == {"en": False, "th": True}


def _result() -> AuditResult:
    result = build(1, full=False)
    messages = iter([Text(en=PUBLIC_EN, th=PUBLIC), Text(en=DRILL_EN, th=DRILL)])
    findings = [
        f.model_copy(update={"message": next(messages)}) if f.is_failure else f
        for f in result.findings
    ]
    return result.model_copy(update={"findings": findings})


def _render(result: AuditResult, lang: str) -> str:
    stream = io.StringIO()
    ConsoleReporter().render(result, stream, ReportOptions(color=False, lang=lang))
    return stream.getvalue()
