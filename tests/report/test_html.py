"""The HTML report: content, self-containment, escaping of untrusted names, the plugin hook."""

from __future__ import annotations

import io
import re
from typing import Any, ClassVar

import markupsafe
import pytest
from report_factory import INJECTION

from conftest import INJECTION_MANIFEST
from gdcc_audit.api import audit
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.models.result import AuditResult
from gdcc_audit.plugins import make_plugin_manager
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.templating import unbroken
from gdcc_audit.settings import Settings


def render(result: AuditResult, lang: str = "th", manager: Any = None) -> str:
    stream = io.StringIO()
    HtmlReporter(manager or make_plugin_manager(entry_points=False)).render(
        result, stream, ReportOptions(lang=lang)
    )
    return stream.getvalue()


def test_thai_report_has_every_section(sample: AuditResult) -> None:
    # Words a browser would cut are kept whole in spans (docs/reports.md "Thai text").
    # Addresses and paths may break after '.', '/', '_' (<wbr>: templating.breakable).
    page = re.sub(r'<span class="nobr">([^<]*)</span>', r"\1", render(sample, "th"))
    page = unbroken(page)
    for text in [
        '<html lang="th">',
        "รายงานผลการตรวจประเมินความมั่นคงปลอดภัยและการปฏิบัติตามมาตรฐาน",
        "สำนักงานปลัดกระทรวงสาธารณสุข",
        "Office of the Permanent Secretary, Ministry of Public Health",
        "ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570",
        "ต.ค.–ธ.ค. 2569",
        "23 พ.ย. 2569 10:30 น.",  # 03:30 UTC in Bangkok, Buddhist era
        "บทสรุปสำหรับผู้บริหาร",
        "ISO/IEC 27001:2022 ภาคผนวก A",
        "62 %",  # ISO score
        "55 %",  # ISO coverage
        "เป็นไปตามมาตรการบางส่วน",
        "ฐานข้อมูลที่มีข้อมูลส่วนบุคคลต้องเข้ารหัส",
        "iac/his/main.tf:11-16",
        "วิธีแก้ไขกฎ GDCC-DATA-002",
        "ต้องมีหลักฐานการทบทวนแผน",  # manual control's reason
        "docs/risk-2569.pdf",
        "iac/his/broken.tf:3:7",
        "unexpected &#39;}&#39;",
        "0d6e4079e36703ebd37c00722f5891d28b0e2811dc114b129215123adcce3605",  # sha256(b"main")
        "gdcc-core",
    ]:
        assert text in page, text
    assert ">C<" in page  # the grade letter


def test_english_report(sample: AuditResult) -> None:
    page = render(sample, "en")
    assert '<html lang="en">' in page
    assert "Q1 of fiscal year 2027" in page
    assert "23 Nov 2026 10:30 (UTC+7)" in unbroken(page)  # the date in a no-wrap span
    assert "Executive summary" in page
    assert "Partly met" in page
    assert "บทสรุป" not in page


def test_findings_are_grouped_by_severity_most_severe_first(sample: AuditResult) -> None:
    page = render(sample, "en")
    order = [page.index(f'id="severity-{s}"') for s in ("critical", "high", "medium", "low")]
    assert order == sorted(order)
    assert 'id="u-GDCC-LOG-003"' in page  # the UNKNOWN finding is listed as undecided


def test_self_contained_and_script_free(sample: AuditResult) -> None:
    page = render(sample)
    assert "<script" not in page.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "@import" not in page
    assert page.count("data:font/ttf;base64,") == 2
    # A restrictive Content-Security-Policy, first in <head> (before any style is parsed).
    head = page[page.index("<head>") : page.index("<style>")]
    assert (
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; font-src data:; img-src data:; base-uri 'none'; "
        "form-action 'none'\">"
    ) in head


_CHART_IMG = re.compile(
    r'<img class="chart" src="data:image/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"<>]*">'
)


def _without_charts(page: str) -> str:
    """The page less the report's own chart images (escaped alt text, data: URI)."""
    return _CHART_IMG.sub("", page)


def test_untrusted_names_are_escaped(hostile: AuditResult) -> None:
    page = _without_charts(render(hostile, "en"))
    assert INJECTION not in page
    assert "<script" not in page.lower()
    assert "<img" not in page.lower()
    assert str(markupsafe.escape(INJECTION)) in page


def test_scanned_manifest_with_injections_renders_inert(tmp_path: Any) -> None:
    result = audit([INJECTION_MANIFEST], Settings(now=None))
    for lang in ("th", "en"):
        page = _without_charts(render(result, lang))
        lowered = page.lower()
        for tag in ("<script", "<iframe", "<svg", "<img", "<b onmouseover", "</title><"):
            assert tag not in lowered, (lang, tag)
        assert "&lt;script&gt;alert(&#34;sg&#34;)&lt;/script&gt;" in page
        # The page footer text in CSS cannot be broken out of either.
        assert page.count("</style>") == 1
    assert "&lt;/title&gt;&lt;script&gt;" in render(result, "en")


class Rebrand:
    """A plugin that re-brands the report through the environment hook."""

    calls: ClassVar[list[str]] = []

    @hookimpl
    def prepare_report_environment(self, environment: Any, lang: str) -> None:
        Rebrand.calls.append(lang)
        environment.filters["upper"] = lambda value: f"[{value}]"


def test_prepare_report_environment_hook_is_called(sample: AuditResult) -> None:
    manager = make_plugin_manager(entry_points=False, plugins=(Rebrand(),))
    render(sample, "en", manager)
    assert Rebrand.calls == ["en"]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_html_of_a_result_without_frameworks(lang: str) -> None:
    from report_factory import build

    page = render(build(2, full=False), lang)
    assert ("ไม่มีผลรายมาตรฐาน" if lang == "th" else "No framework results") in page
