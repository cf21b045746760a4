"""A run of a selection of rules (``scan --rules ... --record``) is recorded as one: the
quarter's reports, trends and comparisons leave it out and say so (stop 51: it was the
quarter's audit, its 2 rules' grade the tenant's and every other rule's failure "fixed")."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli import run
from gdcc_audit.errors import StoreError
from gdcc_audit.history import Store, queries, record_run
from gdcc_audit.history.portfolio import build_portfolio
from gdcc_audit.history.quarterly import build_quarterly
from gdcc_audit.history.quarters import parse_quarter
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.i18n import translator
from gdcc_audit.settings import Settings

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "moph-health-platform"
RULES = ("GDCC-NET-001", "GDCC-DATA-003")


def _selection(day: dt.date, rules: tuple[str, ...] = RULES) -> AuditResult:
    now = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    return audit([EXAMPLE], Settings(now=now, rule_ids=rules))


def test_a_selection_is_recorded_and_left_out_of_the_quarter(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    between = _selection(dt.date(2026, 9, 1), ("GDCC-NET-001",))  # 2569Q4, after its audit
    later = _selection(dt.date(2026, 12, 1))  # 2570Q1, after its audit
    of = sum(p.rules for p in later.installed_packs)
    with Store(store_url) as store:
        for result in quarter_results.values():
            record_run(store, result)
        (middle,) = record_run(store, between)
        (partial,) = record_run(store, later)
        run5 = queries.get_run(store, partial.id)
        assert run5.partial
        assert run5.selection == {"by": ["rule_ids"], "rule_ids": list(RULES),
                                  "rules": sorted(RULES), "of": of}  # fmt: skip
        full = queries.run_in_quarter(store, "moph-health-platform", parse_quarter("2570Q1"))
        assert full.id < partial.id  # the quarter's audit is its last full run
        assert not full.partial
        assert queries.previous_run(store, full).id != middle.id

        t = translator("en")
        view = build_quarterly(store, "moph-health-platform", parse_quarter("2570Q1"), t,
                               charts=False)  # fmt: skip
        # as without the selections: the full runs' grade, 1 fixed (not 23), 25 + 1 waived
        assert view.grade_score == f"{quarter_results['2570Q1'].grades[0].score * 100:.0f}%"
        assert [(f.rule, f.resource) for f in view.fixed] == [("GDCC-IAM-002", "analyst-readonly")]
        assert (len(view.new_findings), len(view.still_open), len(view.waived)) == (1, 25, 1)
        # a run of other rules breaks no streak: open since 2569Q2, 276 days
        assert view.still_open[0].days == 276
        grades = [r.grades[0].score for r in quarter_results.values()]
        assert view.grade_row == [f"F ({g * 100:.0f}%)" for g in grades if g is not None]
        assert view.left_out == [f"run {partial.id} of 1 Dec 2026, 2 of the {of} rules, "
                                 "selected by rule id"]  # fmt: skip
        assert view.summary[-1] == (
            f"Left out: 1 run(s) of this quarter evaluated a selection of rules only (run "
            f"{partial.id} of 1 Dec 2026, 2 of the {of} rules, selected by rule id). This "
            "report, its trends and its comparison use full audits."
        )
        th = build_quarterly(store, "moph-health-platform", parse_quarter("2570Q1"),
                             translator("th"), charts=False)  # fmt: skip
        assert th.summary[-1] == (
            "ไม่นำมารวม: การตรวจ 1 ครั้งในไตรมาสนี้ใช้กฎเพียงบางข้อ (ครั้งที่ "
            f"{partial.id} วันที่ 1 ธ.ค. 2569 กฎ 2 จาก {of} ข้อ เลือกตามรหัสกฎ) รายงานนี้ "
            "แนวโน้ม และการเปรียบเทียบ ใช้เฉพาะการตรวจด้วยกฎทั้งหมด"
        )

        # the portfolio ranks the tenant by its full audit (it showed the selection's 29 %)
        (line,) = build_portfolio(store, t, charts=False).tenants
        assert (line.score, line.failing, line.waived) == (
            quarter_results["2570Q1"].grades[0].score, 26, 1
        )

        # a diff with the selection compares the rules it evaluated only (23 were "fixed")
        diff = queries.diff(store, queries.previous_run(store, run5), run5)
        assert diff.rules == frozenset(RULES)
        assert diff.fixed == []
        assert {o.finding.rule_id for o in diff.still_open} == set(RULES)


def test_a_quarter_with_only_a_selection_has_no_quarterly_or_portfolio(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    with Store(store_url) as store:
        record_run(store, quarter_results["2570Q1"])
        (partial,) = record_run(store, _selection(dt.date(2027, 1, 15)))  # 2570Q2
        with pytest.raises(StoreError, match=(
            rf"only runs of a selection of rules in 2570Q2 \(run {partial.id}\): a quarter's "
            "report compares full audits"
        )):  # fmt: skip
            build_quarterly(store, "moph-health-platform", parse_quarter("2570Q2"),
                            translator("en"), charts=False)  # fmt: skip
        with pytest.raises(StoreError, match=(
            r"no full audit recorded in 2570Q2, only runs of a selection of rules "
            r"\(moph-health-platform\)"
        )):  # fmt: skip
            build_portfolio(store, translator("en"), quarter=parse_quarter("2570Q2"),
                            charts=False)  # fmt: skip
        # by default the portfolio takes the latest quarter with a full audit
        assert build_portfolio(store, translator("en"), charts=False).quarter_code == "2570Q1"


def test_scan_record_with_rules_says_so_and_history_marks_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    assert run(["scan", str(EXAMPLE), "--now", "2026-11-23", "--record", "--db", db, "-q"]) == 1
    capsys.readouterr()
    assert run(["scan", str(EXAMPLE), "--now", "2026-12-01", "--rules", ",".join(RULES),
                "--record", "--db", db, "-q"]) == 1  # fmt: skip
    err = capsys.readouterr().err
    assert re.search(
        r"gdcc-audit: note: recorded as a run of a selection of rules \(2 of the \d+, chosen "
        r"by --rules\): history list marks it; quarterly and portfolio reports, their trends "
        r"and comparisons leave it out\n", err
    )
    assert run(["history", "list", "--db", db]) == 0
    rows = [line.split() for line in capsys.readouterr().out.splitlines()]
    assert rows[0][8] == "rules"
    assert rows[1][8] == "all"
    assert re.fullmatch(r"2 of \d+", " ".join(rows[2][8:11]))
    assert run(["history", "list", "--db", db, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [r["selection"] and r["selection"]["rules"] for r in listed] == [None, sorted(RULES)]
    assert run(["history", "diff", "2", "--db", db]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\ncompared on 2 rule\(s\) only: run 2 evaluated a selection of rules "
                     r"\(2 of \d+\)\n", out)  # fmt: skip
    assert "\nfixed: 0\n" in out
    assert run(["report", "quarterly", "--tenant", "moph-health-platform", "--quarter",
                "2570Q1", "--lang", "en", "--format", "json", "-o", str(tmp_path / "q.json"),
                "--db", db]) == 0  # fmt: skip
    data = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert data["scanned_iso"].startswith("2026-11-23")  # the full run, not the selection
    assert len(data["left_out"]) == 1
    assert re.fullmatch(r"run 2 of 1 Dec 2026, 2 of the \d+ rules.*", data["left_out"][0])


def test_the_portfolio_names_a_tenant_with_only_a_selection_apart(store_url: str) -> None:
    from gdcc_audit.history.render import render_html

    police = audit([EXAMPLE.parent / "police-region8"],
                   Settings(now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC)))  # fmt: skip
    with Store(store_url) as store:
        record_run(store, police)
        record_run(store, _selection(dt.date(2026, 12, 1)))  # MOPH: a selection only
        for lang, note in (
            ("en", "Tenants with only runs of a selection of rules in this quarter, not "
                   "ranked (their grade counts those rules only): moph-health-platform"),
            ("th", "หน่วยงานที่มีเพียงผลตรวจด้วยกฎบางข้อในไตรมาสนี้ ไม่จัดอันดับ "
                   "(ระดับผลการประเมินนับเฉพาะกฎเหล่านั้น): moph-health-platform"),
        ):  # fmt: skip
            view = build_portfolio(store, translator(lang), charts=False)
            assert [line.tenant for line in view.tenants] == ["police-region8"]
            assert (view.selection_only, view.not_audited) == (["moph-health-platform"], [])
            html = render_html("portfolio.html.j2", view, lang, media="screen")
            assert f'<p class="note">{note}</p>' in html
