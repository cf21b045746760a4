"""Text in the other language carries its own ``lang`` in the HTML and PDF reports."""

from __future__ import annotations

import io
import re

from gdcc_audit.models.result import AuditResult
from gdcc_audit.plugins import make_plugin_manager
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.templating import in_language, render_html, written_in
from gdcc_audit.report.thai_segment import keep_words_whole


def _spans(result: AuditResult, lang: str) -> list[str]:
    stream = io.StringIO()
    HtmlReporter(make_plugin_manager(entry_points=False)).render(
        result, stream, ReportOptions(lang=lang)
    )
    page = stream.getvalue()
    assert f'<html lang="{lang}">' in page
    return re.findall(r'<span lang="[a-z]+">[^<]*</span>', page)


def test_english_names_in_a_thai_report_are_marked_english(sample: AuditResult) -> None:
    assert _spans(sample, "th") == [
        '<span lang="en">Office of the Permanent Secretary, Ministry of Public Health</span>',
        '<span lang="en">Hospital information system</span>',
        '<span lang="en">Citizen portal</span>',
        # a file reader's error, English in the Thai report's files not assessed
        '<span lang="en">unexpected &#39;}&#39;</span>',
    ]


def test_thai_names_in_an_english_report_are_marked_thai(sample: AuditResult) -> None:
    assert _spans(sample, "en") == [
        '<span lang="th">สำนักงานปลัดกระทรวงสาธารณสุข</span>',
        '<span lang="th">ระบบสารสนเทศโรงพยาบาล</span>',
        '<span lang="th">เว็บท่าบริการประชาชน</span>',
        '<span lang="th">นางสาวสมหญิง ใจดี</span>',  # the evidence's attestor
    ]


def test_in_lang_marks_only_the_other_language_and_escapes() -> None:
    thai, english = in_language("th"), in_language("en")
    assert str(thai("Ministry <b>")) == '<span lang="en">Ministry &lt;b&gt;</span>'
    assert str(thai("นายปกรณ์ รักษ์ดี (CISO)")) == "นายปกรณ์ รักษ์ดี (CISO)"
    assert str(english("นายปกรณ์ รักษ์ดี (CISO)")) == (
        '<span lang="th">นายปกรณ์ รักษ์ดี (CISO)</span>'
    )
    assert str(english("2569-007")) == "2569-007"
    assert str(thai("a\x1b[31m")) == '<span lang="en">a\\x1b[31m</span>'
    assert [written_in(t) for t in ("ลับ", "secret", "2569 / 07", "")] == [
        "th", "en", None, None,
    ]  # fmt: skip


def test_browser_keeps_thai_words_whole_on_screen_only(sample: AuditResult) -> None:
    screen = render_html(sample, "th", media="screen")
    # Chromium's dictionary cuts คลาวด์ (คลา|วด์): the screen page keeps it on one line.
    assert (
        '<p class="kicker">ผู้ใช้บริการระบบ<span class="nobr">คลาวด์</span>กลางภาครัฐ (GDCC)</p>'
        in screen
    )
    assert ".nobr { white-space: nowrap; }" in screen
    # On a phone a table scrolls sideways rather than squeezing a column to one letter a line
    # (in its own container: tests/report/test_phone_layout.py).
    assert (
        "@media screen and (max-width: 44rem) {\n  table:not(.facts) { min-width: 42rem; }"
        in screen
    )
    # WeasyPrint breaks Thai with libthai, which keeps such words: the PDF's page is as written.
    printed = render_html(sample, "th", media="print")
    assert '<p class="kicker">ผู้ใช้บริการระบบคลาวด์กลางภาครัฐ (GDCC)</p>' in printed
    # (an address in a message or evidence keeps its no-wrap span, and so does a date, a
    # month and year or an era year, ``templating.whole_dates``: no Thai word has one)
    held = re.findall('<span class="nobr">([^<]*[\u0e01-\u0e5b][^<]*)</span>', printed)
    assert held
    date = r"(?:\d{1,2} )?\S+\. \d{4}|พ\.ศ\. \d{4}"
    assert all(re.fullmatch(date, text) for text in held), held


def test_keep_words_whole_touches_only_text() -> None:
    page = (
        '<p title="คลาวด์">ระบบคลาวด์ &amp; ไฮบริด</p><style>p>b { content: "คลาวด์" }</style>'
        "<title>คลาวด์</title>x<y"
    )
    assert keep_words_whole(page) == (
        '<p title="คลาวด์">ระบบ<span class="nobr">คลาวด์</span> &amp; '
        '<span class="nobr">ไฮบริด</span></p><style>p>b { content: "คลาวด์" }</style>'
        "<title>คลาวด์</title>x<y"
    )
    assert keep_words_whole("<td>ข้อมูลส่วนบุคคล</td>") == "<td>ข้อมูลส่วนบุคคล</td>"
