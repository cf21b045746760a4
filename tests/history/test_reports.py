"""Quarterly and portfolio reports from the history store (exact content, files, bad input)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.cli import run
from gdcc_audit.errors import StoreError
from gdcc_audit.history import Store, record_run
from gdcc_audit.history.portfolio import build_portfolio
from gdcc_audit.history.quarterly import build_quarterly
from gdcc_audit.history.quarters import parse_quarter
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.i18n import translator

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture
def four_quarters(store_url: str, quarter_results: dict[str, AuditResult]) -> str:
    with Store(store_url) as store:
        for result in quarter_results.values():
            record_run(store, result)
    return store_url


def test_quarterly_view_of_2570q1(
    four_quarters: str, quarter_results: dict[str, AuditResult]
) -> None:
    t = translator("en")
    with Store(four_quarters) as store:
        view = build_quarterly(store, "moph-health-platform", parse_quarter("2570Q1"), t,
                               charts=False)  # fmt: skip
    assert [(f.rule, f.resource, f.days) for f in view.new_findings] == [
        ("GDCC-EVD-004", "moph-health-platform", 0)
    ]
    assert [(f.rule, f.resource, f.now) for f in view.fixed] == [
        ("GDCC-IAM-002", "analyst-readonly", "Pass")
    ]
    # Counted as the audit report counts them (26 failed + 1 waived): 1 new + 25 still open,
    # the waived one apart (it was among the 26 still open until stop 51).
    assert len(view.still_open) == 25
    assert [(f.rule, f.resource, f.waiver, f.days) for f in view.waived] == [
        ("GDCC-DATA-003", "analytics-lake", "RA-2569-014", 276)
    ]
    assert not any(f.waiver for f in (*view.new_findings, *view.still_open))
    # Longest open first: in every quarter since 2569Q2 (2026-02-20 -> 2026-11-23).
    assert view.still_open[0].days == 276
    assert view.still_open[0].since == "20 Feb 2026"
    snapshot = [f for f in view.still_open if f.resource == "hie-db-snapshot-vendor"]
    assert {(f.rule, f.days) for f in snapshot} == {
        ("GDCC-DATA-001", 95), ("GDCC-DATA-002", 95), ("GDCC-ENC-001", 95),
        ("GDCC-ENC-002", 95),
    }  # fmt: skip
    assert view.trend_labels == ["FY2026 Q2", "FY2026 Q3", "FY2026 Q4", "FY2027 Q1"]
    assert [cell.split()[0] for cell in view.grade_row] == ["F", "F", "F", "F"]
    assert view.previous_period == "Q4 of fiscal year 2026"
    q4, q1 = quarter_results["2569Q4"].grades[0].score, quarter_results["2570Q1"].grades[0].score
    assert q4 is not None
    assert q1 is not None
    assert view.score_change == f"{round((q1 - q4) * 100):+d}"
    assert [w.id for w in view.granted] == []
    assert [w.id for w in view.expired] == ["RA-2569-007"]
    assert [w.id for w in view.expiring] == ["RA-2569-014"]  # expires 2027-03-31
    assert [(e.type, e.dated) for e in view.lapsed] == [
        ("Business continuity exercise", "20 Aug 2025")
    ]
    assert view.renewed == []
    assert (
        view.summary[2]
        == "Since the previous quarter: 1 new failing checks, 1 fixed, 25 still open; 1 more "
        "failing under a waiver (not counted, as in the audit report)."
    )
    # the audit report's 2 critical + 9 high, the waived high one apart
    assert view.summary[3] == "11 failing checks of critical or high severity are open."
    result = quarter_results["2570Q1"]
    assert len(view.new_findings) + len(view.still_open) == len(result.failures()) == 26
    assert len(view.waived) == len(result.waived) == 1
    assert [(f.rule, f.waiver) for f in view.waived] == [("GDCC-DATA-003", "RA-2569-014")]


def test_quarterly_view_of_2569q4_waivers_and_evidence(four_quarters: str) -> None:
    t = translator("en")
    with Store(four_quarters) as store:
        view = build_quarterly(store, "moph-health-platform", parse_quarter("2569Q4"), t,
                               charts=False)  # fmt: skip
    # Approved 2026-06-15, after the 2569Q3 audit (pending then): in force from 2569Q4.
    assert [w.id for w in view.granted] == ["RA-2569-007"]
    assert [(e.type, e.system, e.before, e.dated) for e in view.renewed] == [
        ("Incident response plan review", "–", "15 Jun 2025", "15 Jun 2026"),
        ("Penetration test", "telemedicine", "10 Jul 2025", "10 Jul 2026"),
    ]
    assert [(e.type, e.system) for e in view.lapsed] == [("Penetration test", "mor-prom")]
    assert {(f.rule, f.resource) for f in view.new_findings} == {
        ("GDCC-DATA-001", "hie-db-snapshot-vendor"), ("GDCC-DATA-002", "hie-db-snapshot-vendor"),
        ("GDCC-ENC-001", "hie-db-snapshot-vendor"), ("GDCC-ENC-002", "hie-db-snapshot-vendor"),
        ("GDCC-IAM-002", "analyst-readonly"), ("GDCC-EVD-005", "mor-prom"),
        ("GDCC-K8S-002", "fhir-ingest"),
    }  # fmt: skip


def test_quarterly_cli_writes_html_pdf_and_json(
    tmp_path: Path, quarter_results: dict[str, AuditResult], capsys: pytest.CaptureFixture[str]
) -> None:
    from pypdf import PdfReader

    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    with Store(db) as store:
        for result in quarter_results.values():
            record_run(store, result)
    out = tmp_path / "out"
    assert run(["report", "quarterly", "--tenant", "moph-health-platform", "--quarter", "2570Q1",
                "--format", "html,pdf,json", "--lang", "th", "--officer", "นายปกรณ์ รักษ์ดี",
                "-o", str(out), "--db", db]) == 0  # fmt: skip
    stem = out / "moph-health-platform-2570Q1-quarterly"
    html = stem.with_suffix(".html").read_text(encoding="utf-8")
    assert "รายงานความมั่นคงปลอดภัยและการปฏิบัติตามมาตรฐานรายไตรมาส" in html
    # the era year kept whole on a line (templating.whole_dates)
    assert 'ไตรมาส 1 ปีงบประมาณ <span class="nobr">พ.ศ. 2570</span>' in html
    assert "นายปกรณ์ รักษ์ดี" in html
    assert html.count('<img class="chart" src="data:image/svg+xml;base64,') == 3
    # the audit report's reading: 25 still open + 1 waived, the waived one in its own table
    assert ('<p class="big">25 <a class="beside" href="#waived">+ ยกเว้น 1</a></p>') in html
    assert '<h2 id="waived">รายการไม่ผ่านที่ได้รับการยกเว้น (1)</h2>' in html
    assert ("ยังไม่ได้แก้ไข 25 รายการ และไม่ผ่านแต่ได้รับการยกเว้นอีก 1 รายการ "
            "(ไม่นับรวม เช่นเดียวกับรายงานผลการตรวจ)") in html  # fmt: skip
    reader = PdfReader(stem.with_suffix(".pdf"))
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers
    assert list(reader.attachments) == ["moph-health-platform-2570Q1-quarterly.json"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "GDCC-EVD-004" in text
    assert "RA-2569-007" in text
    if shutil.which("pdftotext"):  # copied or extracted Thai is the Thai written (ำ included)
        extracted = subprocess.run(
            ["pdftotext", "-raw", str(stem.with_suffix(".pdf")), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        assert "บทสรุปสำหรับผู้บริหาร" in extracted
        assert "ตำแหน่ง" in extracted
        assert "รายการไม่ผ่านที่ได้รับการยกเว้น (1)" in extracted
    data = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["quarter_code"] == "2570Q1"
    assert (len(data["new_findings"]), len(data["still_open"])) == (1, 25)
    assert [(f["rule"], f["waiver"]) for f in data["waived"]] == [
        ("GDCC-DATA-003", "RA-2569-014")
    ]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--tenant", "moph-health-platform", "--quarter", "2568Q1"], "no run recorded in 2568Q1"),
        (["--tenant", "nope", "--quarter", "2570Q1"], "tenant 'nope' is not in the history store"),
        (["--tenant", "moph-health-platform", "--quarter", "soon"], "is not a fiscal quarter"),
    ],
)
def test_quarterly_bad_input_exits_2_writing_nothing(
    tmp_path: Path, quarter_results: dict[str, AuditResult], capsys: pytest.CaptureFixture[str],
    argv: list[str], message: str,
) -> None:  # fmt: skip
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    with Store(db) as store:
        record_run(store, quarter_results["2570Q1"])
    out = tmp_path / "out"
    out.mkdir()
    assert run(["report", "quarterly", *argv, "--format", "html,pdf", "-o", str(out),
                "--db", db]) == 2  # fmt: skip
    assert message in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_report_result_json_still_works_beside_the_subcommands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = tmp_path / "r.json"
    assert run(["scan", str(EXAMPLES / "eec-oss"), "--now", "2026-11-23", "--format", "json",
                "-o", str(saved), "-q"]) == 1  # fmt: skip
    assert run(["report", str(saved), "--format", "csv", "--lang", "en"]) == 0
    assert saved.with_suffix(".csv").is_file()
    assert run(["report", "--format", "sarif", str(saved)]) == 0
    assert saved.with_suffix(".sarif").is_file()
    capsys.readouterr()
    assert run(["report", "--help"]) == 0
    helptext = capsys.readouterr().out
    assert "quarterly" in helptext
    assert "portfolio" in helptext


def test_portfolio_ranks_tenants_counts_grades_and_failed_controls(
    four_quarters: str, quarter_results: dict[str, AuditResult]
) -> None:
    import datetime as dt

    from gdcc_audit.api import audit
    from gdcc_audit.settings import Settings

    others = audit([EXAMPLES / "eec-oss", EXAMPLES / "neic"],
                   Settings(now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))  # fmt: skip
    t = translator("en")
    with Store(four_quarters) as store:
        record_run(store, others)
        view = build_portfolio(store, t, charts=False)
        moph_only = build_portfolio(store, t, ministry="ministry of public health", charts=False)
        thai = build_portfolio(store, t, framework="TH-NCSC-2564", charts=False)
        with pytest.raises(StoreError, match="no tenant of ministry 'Mars'"):
            build_portfolio(store, t, ministry="Mars")
        with pytest.raises(StoreError, match=r"no run recorded in 2568Q1"):
            build_portfolio(store, t, quarter=parse_quarter("2568Q1"))
    assert view.quarter_code == "2570Q1"
    grades = {g.tenant: g.score for g in (*others.grades, *quarter_results["2570Q1"].grades)}
    expected = sorted(grades, key=lambda name: -(grades[name] or 0))
    assert [line.tenant for line in view.tenants] == expected
    assert [line.rank for line in view.tenants] == [1, 2, 3]
    assert sum(view.distribution.values()) == 3
    # MOPH fell from 2569Q4; the others have no earlier quarter.
    assert [(line.tenant, line.previous_quarter) for line in view.fell] == [
        ("moph-health-platform", "2569Q4")
    ]
    assert view.fell[0].change == pytest.approx(
        (quarter_results["2570Q1"].grades[0].score - quarter_results["2569Q4"].grades[0].score)
        * 100, abs=0.1,
    )  # fmt: skip
    # The most-failed controls, counted from the results themselves.
    failing: dict[tuple[str, str], set[str]] = {}
    for result in (others, quarter_results["2570Q1"]):
        for framework in result.frameworks:
            for control in framework.controls:
                if control.status.value in ("FAIL", "PARTIAL"):
                    failing.setdefault((framework.framework, control.control), set()).add(
                        framework.tenant or ""
                    )
    top = max(len(v) for v in failing.values())
    assert view.most_failed[0].tenants == top
    assert {(c.framework, c.control) for c in view.most_failed if c.tenants == top} <= {
        k for k, v in failing.items() if len(v) == top
    }
    assert [line.tenant for line in moph_only.tenants] == ["moph-health-platform"]
    assert {c.framework for c in thai.most_failed} == {"TH-NCSC-2564"}
    assert thai.most_failed[0].tenants == max(
        len(v) for k, v in failing.items() if k[0] == "TH-NCSC-2564"
    )


def test_portfolio_cli_csv(
    tmp_path: Path, quarter_results: dict[str, AuditResult], capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    with Store(db) as store:
        record_run(store, quarter_results["2569Q4"])
        record_run(store, quarter_results["2570Q1"])
    target = tmp_path / "p.csv"
    assert run(["report", "portfolio", "--format", "csv", "--lang", "en", "-o", str(target),
                "--db", db]) == 0  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [(r["rank"], r["tenant"], r["quarter"], r["previous_quarter"]) for r in rows] == [
        ("1", "moph-health-platform", "2570Q1", "2569Q4")
    ]
    assert float(rows[0]["change_points"]) < 0
    # Failed checks as the tenant's audit report counts them: waived ones beside, not inside
    # (the row said 27 where the report says 26 + 1 waived).
    result = quarter_results["2570Q1"]
    failed = [f for f in result.findings if f.is_failure]
    waived = [f.rule_id for f in failed if f.is_waived]
    assert waived == ["GDCC-DATA-003"]
    assert (rows[0]["failing_checks"], rows[0]["waived_checks"]) == (
        str(len(failed) - 1), "1"
    )
    from gdcc_audit.history.render import render_html

    with Store(db) as store:
        view = build_portfolio(store, translator("th"), charts=False)
    html = render_html("portfolio.html.j2", view, "th", media="screen")
    waived_cell = '<br><span class="muted small">+ ยกเว้น 1</span></td>'
    assert f'<td class="num">{len(failed) - 1}{waived_cell}' in html
    assert run(["report", "portfolio", "--ministry", "Mars", "--format", "csv", "-o",
                str(tmp_path / "x.csv"), "--db", db]) == 2  # fmt: skip
    assert not (tmp_path / "x.csv").exists()


def test_reports_carry_the_highest_classification_marking(tmp_path: Path) -> None:
    import datetime as dt

    from gdcc_audit.api import audit
    from gdcc_audit.history.render import render_html
    from gdcc_audit.settings import Settings

    police = audit([EXAMPLES / "police-region8"],
                   Settings(now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))  # fmt: skip
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    t = translator("th")
    with Store(db) as store:
        record_run(store, police)
        view = build_quarterly(store, "police-region8", parse_quarter("2570Q1"), t, charts=False)
        portfolio = build_portfolio(store, t, charts=False)
    # The case and intelligence system is classified ลับ (confidential).
    assert (view.marking_key, view.marking) == ("confidential", "ลับ · CONFIDENTIAL")
    assert portfolio.marking_key == "confidential"
    html = render_html("quarterly.html.j2", view, "th", media="print")
    assert '@page { @top-center { content: "' in html
    assert "ลับ · CONFIDENTIAL" in html


def test_quarterly_lists_what_the_auditor_excluded(store_url: str, tmp_path: Path) -> None:
    """An input left out by --exclude is in the quarter's input list as excluded, not as a
    file without a hash."""
    import datetime as dt

    from gdcc_audit.api import audit
    from gdcc_audit.settings import Settings

    folder = tmp_path / "moph"
    (folder / "drafts").mkdir(parents=True)
    for name in ("tenant.yaml", "waivers.yaml"):
        (folder / name).write_bytes((EXAMPLES / "moph-health-platform" / name).read_bytes())
    (folder / "drafts" / "next.yaml").write_text("not: [valid", encoding="utf-8")
    now = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    result = audit([folder], Settings(now=now, exclude=("drafts",)))
    assert result.not_assessed == []
    with Store(store_url) as store:
        record_run(store, result)
        view = build_quarterly(store, "moph-health-platform", parse_quarter("2570Q1"),
                               translator("en"), charts=False)  # fmt: skip
    rows = {Path(path).name: digest for path, digest in view.inputs}
    assert rows["drafts"] == "excluded by the auditor"
    assert rows["tenant.yaml"] == hashlib.sha256((folder / "tenant.yaml").read_bytes()).hexdigest()


def test_portfolio_lists_failed_controls_in_catalog_order(four_quarters: str) -> None:
    """Ties were sorted as text in SQL, then cut: the MOPH quarter's CIS v8 controls read
    11.2, 12.7, 13.4, 18.2, 3.10, 3.11, 3.3, ... and 8.5 was left out for 18.2."""
    with Store(four_quarters) as store:
        view = build_portfolio(store, translator("th"), framework="CIS-v8", charts=False)
    assert [(c.control, c.tenants) for c in view.most_failed] == [
        (control, 1)
        for control in (
            "3.3", "3.10", "3.11", "4.1", "5.3", "5.4", "6.5", "7.5", "8.2", "8.3", "8.5",
            "8.10", "11.2", "12.7", "13.4",
        )
    ]  # fmt: skip
    # 16 CIS controls fail: the one left out (18.2) is counted under the table. All 16 are
    # failed by the one tenant: the note says that the cut falls inside that tie.
    from gdcc_audit.history.render import render_html

    assert view.most_failed_more == 1
    assert (view.most_failed_tie, view.most_failed_tied_shown, view.most_failed_tied_more) == (
        1, 15, 1,
    )  # fmt: skip
    html = render_html("portfolio.html.j2", view, "th", media="screen")
    assert (
        '<p class="note">ไม่ได้แสดงมาตรการที่ไม่ผ่านอีก 1 รายการ '
        "รายการข้างต้นหยุดที่ 15 รายการกลางกลุ่มที่มีจำนวนเท่ากัน: มาตรการที่ไม่ได้แสดง 1 รายการ"
        "ไม่ผ่านใน 1 หน่วยงาน เท่ากับ 15 รายการสุดท้ายที่แสดง "
        "(มาตรการที่มีจำนวนเท่ากันเรียงตามกรอบมาตรฐาน แล้วตามเลขมาตรการ)</p>"
    ) in html.replace('<span class="nobr">', "").replace("</span>", "")


def _cut(
    monkeypatch: pytest.MonkeyPatch, four_quarters: str, counts: list[int], lang: str
) -> tuple[Any, str]:
    """The portfolio of a store whose failed controls are failed by ``counts`` tenants."""
    from gdcc_audit.history import portfolio
    from gdcc_audit.history.render import render_html

    lines = [portfolio.ControlLine("CIS-v8", f"{n}.1", count) for n, count in enumerate(counts)]
    monkeypatch.setattr(portfolio, "_most_failed", lambda *_: lines)
    with Store(four_quarters) as store:
        view = build_portfolio(store, translator(lang), charts=False)
    html = render_html("portfolio.html.j2", view, lang, media="screen")
    return view, html.replace('<span class="nobr">', "").replace("</span>", "")


def test_portfolio_says_when_the_most_failed_cut_falls_inside_a_tie(
    monkeypatch: pytest.MonkeyPatch, four_quarters: str
) -> None:
    """The 15th control listed and the 16th, left out, were failed by as many tenants: the
    note said the list shows 'the 15 failed by the most tenants', as if none left out
    equalled them."""
    view, html = _cut(monkeypatch, four_quarters, [5] * 10 + [3] * 7 + [2] * 3, "en")
    assert [c.tenants for c in view.most_failed] == [5] * 10 + [3] * 5
    assert (view.most_failed_more, view.most_failed_tie) == (5, 3)
    assert (view.most_failed_tied_shown, view.most_failed_tied_more) == (5, 2)
    assert (
        '<p class="note">5 more failed control(s) not listed. The list stops at 15 inside a '
        "tie: 2 of the controls not listed are failed by 3 tenant(s), as are the last 5 listed "
        "(tied controls are listed by framework, then by control number).</p>"
    ) in html
    assert "failed by the most tenants" not in html


def test_portfolio_cut_between_two_counts_keeps_its_note(
    monkeypatch: pytest.MonkeyPatch, four_quarters: str
) -> None:
    view, html = _cut(monkeypatch, four_quarters, [4] * 15 + [2] * 3, "en")
    assert (view.most_failed_more, view.most_failed_tie) == (3, 0)
    assert (
        '<p class="note">3 more failed control(s) not listed: the list shows the 15 failed by '
        "the most tenants.</p>"
    ) in html
    assert "inside a tie" not in html
    view, html = _cut(monkeypatch, four_quarters, [4] * 15, "en")
    assert (view.most_failed_more, view.most_failed_tie) == (0, 0)
    assert "not listed" not in html


@pytest.mark.parametrize(("lang", "shown"), [("th", "Q4/2569"), ("en", "FY2026 Q4")])
def test_portfolio_names_the_previous_quarter_as_its_trend_charts_do(
    four_quarters: str, lang: str, shown: str
) -> None:
    """The 'score fell' table showed the store's code (2569Q4) in both languages; the CSV
    keeps it."""
    from gdcc_audit.history.portfolio import portfolio_csv
    from gdcc_audit.history.render import render_html

    with Store(four_quarters) as store:
        view = build_portfolio(store, translator(lang), charts=False)
    (line,) = view.fell
    assert (line.previous_quarter, line.previous_label) == ("2569Q4", shown)
    html = render_html("portfolio.html.j2", view, lang, media="screen")
    assert re.search(rf"<td>{re.escape(shown)} \(\d+%\)</td>", html)
    assert "2569Q4" not in html
    assert ",2569Q4," in portfolio_csv(view)


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "One small chart per framework, all on the 0–100 % scale"),
        ("th", "แผนภูมิย่อยหนึ่งแผนภูมิต่อกรอบมาตรฐาน ใช้มาตราส่วน 0–100% เดียวกัน"),
    ],
)
def test_quarterly_draws_ten_thai_frameworks_as_small_multiples(
    four_quarters: str, lang: str, note: str
) -> None:
    """The Thai-laws trend chart had ten crossing lines and a legend of ten; the quarter's
    four international frameworks stay one line chart."""
    from gdcc_audit.history.render import render_html

    t = translator(lang)
    with Store(four_quarters) as store:
        view = build_quarterly(store, "moph-health-platform", parse_quarter("2570Q1"), t)
    charts = {caption: (img, text) for caption, img, text in view.charts}
    assert list(charts) == [
        t("quarterly.chart_grade"), t("quarterly.chart_international"), t("quarterly.chart_thai")
    ]
    assert charts[t("quarterly.chart_grade")][1] == ""
    assert charts[t("quarterly.chart_international")][1] == ""
    assert charts[t("quarterly.chart_thai")][1].startswith(note)
    html = render_html("quarterly.html.j2", view, lang, media="print")
    assert html.count(f'<p class="note">{note}') == 1


def test_quarterly_keeps_dates_whole_and_breaks_resources_between_parts(
    four_quarters: str, quarter_results: dict[str, AuditResult]
) -> None:
    """The Thai quarterly PDF broke its waiver table's dates (``31 มี.ค.`` / ``2570``) and
    resources at any letter (``aws_storage_bucket.a`` / ``nalytics-lake``), and named the
    rule pack with its first file's version (``gdcc-core 2026.11``)."""
    from gdcc_audit.history.render import render_html

    with Store(four_quarters) as store:
        view = build_quarterly(store, "moph-health-platform", parse_quarter("2570Q1"),
                               translator("th"), charts=False)  # fmt: skip
    html = render_html("quarterly.html.j2", view, "th", media="print")
    expiring = html.split('id="waivers"')[1]
    row = expiring[expiring.index("RA-2569-014") :].split("</tr>")[0]
    # named as the finding tables name it (stop 52: the waiver's aws_storage_bucket.analytics-
    # lake), its system under it
    assert (
        '<span class="code"><span class="brk"><span class="seg">analytics-lake</span></span>'
        '</span><br><span class="muted small">disease-analytics</span>'
    ) in row
    assert row.endswith(  # labelled on a phone only (stop 52)
        '<td class="q-inline"><span class="phone-only muted">วันที่อนุมัติ: </span>'
        '<span class="nobr">1 เม.ย. 2569</span></td>'
        '<td class="q-inline"><span class="phone-only muted">วันหมดอายุ: </span>'
        '<span class="nobr">31 มี.ค. 2570</span></td>'
    )
    (pack,) = quarter_results["2570Q1"].rule_packs
    assert view.rule_packs == f"gdcc-core {pack.version}"
    assert pack.version == max(pack.file_versions, key=lambda v: [int(p) for p in v.split(".")])
