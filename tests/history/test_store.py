"""The history store on SQLite and PostgreSQL: recording, diffs, atomicity, migrations."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa

from gdcc_audit.errors import StoreError
from gdcc_audit.history import Store, queries, record_run, schema
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import AuditResult

TABLES = ("runs", "findings", "framework_scores", "control_results", "waivers", "evidence")


def _failing(result: AuditResult) -> dict[str, tuple[str, str]]:
    return {
        f.fingerprint: (f.rule_id, f.resource_name)
        for f in result.findings
        if f.status.value in ("FAIL", "ERROR")
    }


def _counts(url: str) -> dict[str, int]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return {
                t: connection.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in TABLES
            }
    finally:
        engine.dispose()


def test_two_quarters_give_new_fixed_and_open(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    q4, q1 = quarter_results["2569Q4"], quarter_results["2570Q1"]
    with Store(store_url) as store:
        (old,) = record_run(store, q4)
        (new,) = record_run(store, q1)
        assert (old.quarter, new.quarter) == ("2569Q4", "2570Q1")
        run = queries.get_run(store, new.id)
        diff = queries.diff(store, queries.previous_run(store, run), run)

    before, after = _failing(q4), _failing(q1)
    new_named = {(o.finding.rule_id, o.finding.resource_name) for o in diff.new_findings}
    fixed_named = {(f.rule_id, f.resource_name): status for f, status in diff.fixed}
    # The story of the example: the BCP exercise lapsed on 2026-08-20 (new), the analyst lost
    # the administrator rights (fixed, passes now).
    assert new_named == {("GDCC-EVD-004", "moph-health-platform")}
    assert fixed_named == {("GDCC-IAM-002", "analyst-readonly"): "PASS"}
    # ... and exactly the set algebra of the two results.
    assert {o.finding.fingerprint for o in diff.new_findings} == after.keys() - before.keys()
    assert {f.fingerprint for f, _ in diff.fixed} == before.keys() - after.keys()
    assert {o.finding.fingerprint for o in diff.still_open} == after.keys() & before.keys()
    assert len(diff.still_open) == 26
    # Open since the first run of the streak: the public snapshot appeared in 2569Q4.
    at = run.scanned_at
    days = {(o.finding.rule_id, o.finding.resource_name): o.days_open(at) for o in diff.still_open}
    assert (
        days[("GDCC-DATA-002", "hie-db-snapshot-vendor")]
        == (dt.date(2026, 11, 23) - dt.date(2026, 8, 20)).days
    )
    assert [o.days_open(at) for o in diff.new_findings] == [0]


def test_days_open_span_every_recorded_quarter(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    with Store(store_url) as store:
        for result in quarter_results.values():
            record_run(store, result)
        runs = queries.require_tenant(store, "moph-health-platform")
        assert [r.quarter_code for r in runs] == ["2569Q2", "2569Q3", "2569Q4", "2570Q1"]
        diff = queries.diff(store, runs[2], runs[3])
        # The 2569Q3 diff: a TLS 1.0 listener and a root container were fixed.
        fixed_q3 = queries.diff(store, runs[0], runs[1]).fixed
    days = {
        (o.finding.rule_id, o.finding.resource_name): o.days_open(runs[3].scanned_at)
        for o in diff.still_open
    }
    assert (
        days[("GDCC-ENC-005", "pacs-legacy-elb")]
        == (dt.date(2026, 11, 23) - dt.date(2026, 2, 20)).days
    )
    assert {(f.rule_id, f.resource_name, s) for f, s in fixed_q3} == {
        ("GDCC-ENC-005", "hie-lb", "PASS"),
        ("GDCC-K8S-002", "hie-gateway", "PASS"),
    }


def test_a_run_keeps_versions_digests_scores_waivers_and_evidence(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    result = quarter_results["2570Q1"]
    with Store(store_url) as store:
        (recorded,) = record_run(store, result)
        run = queries.get_run(store, recorded.id)
        scores = {s.framework: s for s in queries.framework_scores(store, run.id)}
        stored = queries.findings(store, run.id)
        waivers = {w.waiver_id: w for w in queries.rows(store, schema.waivers, run.id)}
        evidence = queries.rows(store, schema.evidence, run.id)
        controls = queries.rows(store, schema.control_results, run.id)
    assert run.tenant == "moph-health-platform"
    assert run.quarter_code == "2570Q1"
    assert run.scanned_at == dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
    # one pack, named once with its newest file's version
    assert run.rule_packs == {"gdcc-core": max(r.pack_version or "" for r in result.rules)}
    assert [(i["path"], i["sha256"]) for i in run.inputs] == [
        (i.path, i.sha256) for i in result.inputs
    ]
    assert [s["id"] for s in run.systems] == [s.id for s in result.tenants[0].systems]
    assert run.grade_letter == result.grades[0].letter
    assert run.grade_score == pytest.approx(result.grades[0].score)
    assert run.counts == {s.value: result.count(s) for s in Status if result.count(s)}
    assert run.counts["FAIL"] == 27
    iso = result.framework("ISO27001-2022")
    assert iso is not None
    assert scores["ISO27001-2022"].score == pytest.approx(iso.score)
    assert len(controls) == sum(len(f.controls) for f in result.frameworks)
    assert {(f.fingerprint, f.address) for f in stored} == {
        (f.fingerprint, f.address) for f in result.findings
    }
    assert any(f.address for f in stored)
    waived = [f for f in stored if f.waiver_id]
    assert [(f.rule_id, f.resource_name, f.waiver_id, f.waiver_expires) for f in waived] == [
        ("GDCC-DATA-003", "analytics-lake", "RA-2569-014", dt.date(2027, 3, 31))
    ]
    assert waivers["RA-2569-007"].state == "expired"
    assert waivers["RA-2569-014"].state == "active"
    bcp = next(e for e in evidence if e.type == "bcp_exercise")
    assert (bcp.dated, bcp.expires_on, bcp.valid) == (
        dt.date(2025, 8, 20),
        dt.date(2026, 8, 20),
        False,
    )


def test_failure_after_some_rows_leaves_the_store_unchanged(
    store_url: str, quarter_results: dict[str, AuditResult], monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdcc_audit.history import record

    with Store(store_url) as store:
        record_run(store, quarter_results["2569Q4"])
    before = _counts(store_url)

    def broken(*_args: object) -> list[dict[str, object]]:
        raise RuntimeError("disk full")

    # Runs, findings, scores, controls and waivers are inserted before the evidence rows.
    monkeypatch.setattr(record, "_evidence_rows", broken)
    with Store(store_url) as store, pytest.raises(RuntimeError, match="disk full"):
        record_run(store, quarter_results["2570Q1"])
    assert _counts(store_url) == before


_KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    import sqlalchemy as sa
    from gdcc_audit.history import Store, record_run
    from gdcc_audit.models.result import AuditResult

    result = AuditResult.model_validate_json(Path(sys.argv[2]).read_bytes())
    store = Store(sys.argv[1])
    inserted = []

    @sa.event.listens_for(store.engine, "after_cursor_execute")
    def die(conn, cursor, statement, parameters, context, executemany):
        inserted.append(statement)
        if statement.startswith("INSERT INTO control_results"):
            sys.stdout.write(f"{len(inserted)} statements\\n"); sys.stdout.flush()
            os.kill(os.getpid(), signal.SIGKILL)

    record_run(store, result)
    print("not killed")
    """
)


def test_a_process_killed_mid_write_leaves_the_store_unchanged(
    store_url: str, quarter_results: dict[str, AuditResult], tmp_path: Path
) -> None:
    with Store(store_url) as store:
        record_run(store, quarter_results["2569Q4"])
    before = _counts(store_url)
    saved = tmp_path / "result.json"
    saved.write_text(quarter_results["2570Q1"].model_dump_json(), encoding="utf-8")
    child = subprocess.run(
        [sys.executable, "-c", _KILLER, store_url, str(saved)],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert child.returncode == -9, child.stderr
    # The run, its findings and its framework scores were sent before the kill.
    assert "statements" in child.stdout
    with Store(store_url) as store:
        assert [r.quarter_code for r in queries.list_runs(store)] == ["2569Q4"]
    assert _counts(store_url) == before


def test_several_tenants_in_one_result_are_separate_runs(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    from gdcc_audit.api import audit
    from gdcc_audit.settings import Settings

    root = Path(__file__).resolve().parents[2] / "examples"
    result = audit(
        [root / "eec-oss", root / "neic"],
        Settings(now=dt.datetime(2026, 11, 23, tzinfo=dt.UTC)),
    )
    with Store(store_url) as store:
        recorded = record_run(store, result)
        assert sorted(r.tenant for r in recorded) == ["eec-oss", "neic"]
        for item in recorded:
            stored = queries.findings(store, item.id)
            assert stored
            assert all(f.resource_id.startswith(item.tenant + "/") for f in stored)
    assert sum(r.findings for r in recorded) == len(result.findings)


def test_a_result_without_tenant_is_not_recorded(store_url: str) -> None:
    empty = AuditResult(tool_version="0", scanned_at=dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    with Store(store_url) as store, pytest.raises(StoreError, match="no tenant"):
        record_run(store, empty)
    assert _counts(store_url)["runs"] == 0


def test_missing_tenant_and_quarter_are_clear_errors(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    from gdcc_audit.history.quarters import parse_quarter

    with Store(store_url) as store:
        record_run(store, quarter_results["2570Q1"])
        with pytest.raises(StoreError, match=r"tenant 'nope' is not in the history store.*"
                           r"tenants recorded: moph-health-platform"):  # fmt: skip
            queries.run_in_quarter(store, "nope", parse_quarter("2570Q1"))
        with pytest.raises(StoreError, match=r"no run recorded in 2569Q3 \(quarters recorded: "
                           r"2570Q1\)"):  # fmt: skip
            queries.run_in_quarter(store, "moph-health-platform", parse_quarter("2569Q3"))


def test_a_result_read_from_1_0_or_1_1_json_is_recorded_the_same(store_url: str) -> None:
    from gdcc_audit.report.json import result_to_json

    legacy_file = Path(__file__).resolve().parents[1] / "fixtures" / "results"
    old = AuditResult.model_validate_json((legacy_file / "moph-health-v1.0.json").read_bytes())
    new = AuditResult.model_validate_json(result_to_json(old, full_graph=True))
    assert new.schema_version == "1.1"
    with Store(store_url) as store:
        (first,) = record_run(store, old)
        (second,) = record_run(store, new)
        runs = [queries.get_run(store, first.id), queries.get_run(store, second.id)]
        diff = queries.diff(store, runs[0], runs[1])
        assert not diff.new_findings
        assert not diff.fixed
        assert len(diff.still_open) == len(_failing(old)) > 0

        def content(run_id: int, table: sa.Table) -> list[tuple[object, ...]]:
            skip = {"id", "run_id", "uid", "recorded_at", "result_schema"}
            keep = [c.name for c in table.columns if c.name not in skip]
            found = queries.rows(store, table, run_id)
            return sorted(tuple(repr(getattr(r, k)) for k in keep) for r in found)

        for name in ("findings", "framework_scores", "control_results", "waivers"):
            table = getattr(schema, name)
            assert content(first.id, table) == content(second.id, table), name


def test_a_run_of_selected_rules_stores_the_installed_pack_s_version(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    """--rules with rules of gdcc-core's 2026.11 files only: the store kept 2026.11 (the
    newest of the evaluated rules' files), an older release than the one that ran."""
    result = quarter_results["2570Q1"]
    old = tuple(r for r in result.rules if r.pack_version == "2026.11")[:3]
    installed = result.rule_packs[0]
    assert installed.version == "2026.12"
    selected = result.model_copy(
        update={
            "rules": old,
            "installed_packs": (installed,),
            "settings": {**result.settings, "rule_ids": [r.id for r in old]},
        }
    )
    with Store(store_url) as store:
        (recorded,) = record_run(store, selected)
        run = queries.get_run(store, recorded.id)
    assert run.rule_packs == {"gdcc-core": "2026.12"}
