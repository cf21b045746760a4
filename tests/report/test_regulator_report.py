"""The regulator-grade parts of the HTML/PDF report on the health example: one failure count
with the waived ones beside it, SVG charts with text alternatives, Markdown in rule texts,
no page for an empty "files not assessed" section."""

from __future__ import annotations

import base64
import io
import re
from functools import cache
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.i18n import Translator, catalog
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.templating import markdown_inline
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moph-health-platform" / "tenant.yaml"


@cache
def example() -> AuditResult:
    import datetime as dt

    return audit([EXAMPLE], Settings(now=dt.date(2026, 11, 23)))


@cache
def page(lang: str) -> str:
    stream = io.StringIO()
    HtmlReporter().render(example(), stream, ReportOptions(lang=lang))
    return stream.getvalue()


def _translator(lang: str) -> Translator:
    return Translator(lang, catalog(lang, reports_dir() / "i18n"))


def test_one_failure_count_with_the_waived_beside_it() -> None:
    result = example()
    unwaived = [f for f in result.findings if f.is_failure and not f.is_waived]
    waived = [f for f in result.findings if f.is_failure and f.is_waived]
    assert (len(unwaived), len(waived)) == (26, 1)
    html = page("en")
    assert '<p class="big">26 <a class="beside" href="#waivers">+ 1 waived</a></p>' in html
    # the results chart counts the same 26 failures, and the waived one on its own bar
    view = build_view(result, _translator("en"))
    status = next(f for f in view.figures if f.key == "status")
    fails = sum(1 for f in unwaived if f.status == Status.FAIL)
    errors = sum(1 for f in unwaived if f.status == Status.ERROR)
    assert f"Fail {fails}" in status.alt
    assert fails + errors == 26
    assert status.alt.endswith("; Waived 1")
    assert "Fail 27" not in html
    # a result saved with PASS/NOT_APPLICABLE as counts per rule gives the same chart
    grouped = build_view(result.grouped(), _translator("en"))
    assert next(f for f in grouped.figures if f.key == "status").alt == status.alt
    assert f"Pass {result.count(Status.PASS)};" in status.alt
    assert result.count(Status.PASS) > 0


@pytest.mark.parametrize("lang", ["th", "en"])
def test_summary_charts_are_svg_images_with_alt_text(lang: str) -> None:
    view = build_view(example(), _translator(lang))
    assert [f.key for f in view.figures] == ["scores", "controls", "severity", "status"]
    html = page(lang)
    images = re.findall(
        r'<img class="chart" src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="([^"]*)">',
        html,
    )
    assert len(images) == 4
    for data, alt in images:
        svg = base64.b64decode(data).decode()
        assert svg.startswith("<svg")
        assert "<text" not in svg  # Thai as outlines, never WeasyPrint-laid SVG text
        assert alt
    scores = next(f for f in view.figures if f.key == "scores")
    iso = next(fw for fw in example().frameworks if fw.framework == "ISO27001-2022")
    word = "Score" if lang == "en" else "คะแนน"
    assert f"ISO27001-2022: {word} {iso.score * 100:.0f}%" in scores.alt  # type: ignore[operator]
    # the old CSS bars are gone
    assert 'class="bar"' not in html
    assert 'class="meter' not in html


def test_markdown_in_rule_texts_is_rendered_safely() -> None:
    assert str(markdown_inline("Set `runAsNonRoot: true` and **never** <b>x</b>")) == (
        'Set <code class="code">runAsNonRoot: true</code> and <b>never</b> &lt;b&gt;x&lt;/b&gt;'
    )
    assert str(markdown_inline("see [NCSC](https://x.example/a)")) == (
        'see NCSC (<span class="code">https://x.example/a</span>)'
    )
    assert str(markdown_inline("`<script>`")) == '<code class="code">&lt;script&gt;</code>'
    html = page("en")
    findings = html.split('id="findings"')[1]
    assert "`" not in re.sub(r"<[^>]+>", "", findings.split('id="waivers"')[0])
    assert '<code class="code">' in findings


def test_empty_not_assessed_section_is_a_line_not_a_page() -> None:
    result = example().model_copy(update={"inputs": ()})
    stream = io.StringIO()
    HtmlReporter().render(result, stream, ReportOptions(lang="en"))
    html = stream.getvalue()
    # no section (it would take a page in print): one line in the appendix, no contents entry
    assert '<section class="not-assessed' not in html
    assert '<p id="not-assessed">Every input file was assessed.</p>' in html
    assert 'href="#not-assessed"' not in html


def test_document_control_and_blank_signoff_lines() -> None:
    from gdcc_audit.report.document import build_document, document_id

    result = example()
    document = build_document(result, _translator("en"))
    assert re.fullmatch(r"GDCC-AUD-moph-health-platform-20261123-[0-9A-F]{8}", document.id)
    assert document.id == document_id(result)  # stable for the same result
    later = result.model_copy(update={"scanned_at": result.scanned_at.replace(hour=9)})
    assert document_id(later) != document.id
    assert document.version == "1.0"
    # the example's systems are internal at most: the report is marked internal
    assert document.marking == "ใช้ภายใน · INTERNAL"
    assert [(r.role, r.name, r.date) for r in document.signoff] == [
        ("Assessor", None, None),
        ("Reviewer", None, None),
        ("Approver", None, None),
    ]
    html = page("en")
    assert html.count('<p class="marking marking-internal" role="note">') == 2
    assert "@top-center { content: " in html
    assert html.count('<span class="blank"></span>') == 6  # name and signature, three roles
    for heading in ("Scope, method and limitations", "How scores and grades are computed",
                    "Limitations", "Sign-off", "Document control"):
        assert heading in html


def test_signoff_and_marking_from_the_manifest() -> None:
    import datetime as dt

    from gdcc_audit.models.common import Classification
    from gdcc_audit.models.tenant import ReportControl, Signatory
    from gdcc_audit.report.document import build_document

    result = example()
    tenant = result.tenants[0]
    secret_system = tenant.systems[0].model_copy(
        update={"data_classification": Classification.SECRET}
    )
    signed = tenant.model_copy(
        update={
            "systems": (secret_system, *tenant.systems[1:]),
            "report": ReportControl(
                version="2.1",
                assessor=Signatory(
                    name="Somchai K.", position="Auditor", date=dt.date(2026, 11, 24)
                ),
                approver=Signatory(name="Dr. Suda P."),
            ),
        }
    )
    document = build_document(result.model_copy(update={"tenants": (signed,)}), _translator("th"))
    assert document.version == "2.1"
    assert document.marking == "ลับมาก · SECRET"
    assert [(r.role, r.name, r.position, r.date) for r in document.signoff] == [
        ("ผู้ตรวจประเมิน", "Somchai K.", "Auditor", "24 พ.ย. 2569"),
        ("ผู้สอบทาน", None, None, None),
        ("ผู้อนุมัติ", "Dr. Suda P.", None, None),
    ]


def test_css_strings_keep_the_space_after_an_escape() -> None:
    from gdcc_audit.report.templating import css_string

    # each escape ends with the space CSS swallows, so the real space after "·" survives
    assert str(css_string("a · B")) == '"a \\0000b7  B"'
    assert str(css_string('x"}')) == '"x\\000022 \\00007d "'
