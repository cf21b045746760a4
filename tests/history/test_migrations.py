"""Schema history: up from an empty database, up from revision 0001, newer schemas refused."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from gdcc_audit.errors import StoreError
from gdcc_audit.history import Store, queries, record_run
from gdcc_audit.history.store import head_revision
from gdcc_audit.models.result import AuditResult


def _tables(url: str) -> set[str]:
    engine = sa.create_engine(url)
    try:
        return set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_an_empty_database(store_url: str) -> None:
    with Store(store_url) as store:
        assert store.revision() == head_revision() == "0004"
    assert _tables(store_url) == {
        "alembic_version", "runs", "findings", "framework_scores", "control_results",
        "waivers", "evidence", "portfolio_tasks",
    }  # fmt: skip


def test_upgrade_from_revision_0001_keeps_recorded_runs(
    store_url: str, quarter_results: dict[str, AuditResult]
) -> None:
    with Store(store_url, upgrade=False) as store:
        store.upgrade("0001")
        assert store.revision() == "0001"
    assert "waivers" not in _tables(store_url)
    # A run as gdcc-audit wrote it at 0001 (no address, no waiver expiry, no register).
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO runs (uid, tenant, scanned_at, recorded_at, fiscal_year, quarter,"
                " tool_version, result_schema, rule_packs, inputs, systems, counts,"
                " grade_letter, grade_score) VALUES ('old-run', 'moph-health-platform',"
                " :at, :at, 2026, 4, '0.0.9', '1.0', '{}', '[]', '[]', '{\"FAIL\": 1}', 'D', 0.4)"
            ),
            {"at": dt.datetime(2026, 8, 20, tzinfo=dt.UTC)},
        )
        run_id = connection.execute(sa.text("SELECT id FROM runs")).scalar_one()
        connection.execute(
            sa.text(
                "INSERT INTO findings (run_id, fingerprint, rule_id, resource_id, resource_name,"
                " status, severity, message_en, message_th, waiver_id) VALUES (:run,"
                " 'aaaaaaaaaaaaaaaaaaaa', 'GDCC-NET-001', 'moph-health-platform/x', 'x',"
                " 'FAIL', 'high', 'open', 'เปิด', 'RA-1')"
            ),
            {"run": run_id},
        )
    engine.dispose()

    with Store(store_url) as store:  # opening upgrades to the newest revision
        assert store.revision() == "0004"
        old = queries.get_run(store, run_id)
        assert (old.quarter_code, old.grade_letter, old.tool_version) == ("2569Q4", "D", "0.0.9")
        assert (old.selection, old.partial) == (None, False)  # 0004: a full audit
        (finding,) = queries.findings(store, run_id)
        assert (finding.waiver_id, finding.waiver_expires, finding.address) == ("RA-1", None, None)
        (new,) = record_run(store, quarter_results["2570Q1"])
        diff = queries.diff(store, old, queries.get_run(store, new.id))
    assert [(f.rule_id, status) for f, status in diff.fixed] == [("GDCC-NET-001", None)]
    assert len(diff.new_findings) == 27


def test_a_newer_schema_is_refused_and_left_alone(store_url: str) -> None:
    Store(store_url).close()
    engine = sa.create_engine(store_url)
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    with pytest.raises(StoreError, match=r"schema revision 0099, newer than this gdcc-audit"):
        Store(store_url)
    engine = sa.create_engine(store_url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [
            ("0099",)
        ]
    engine.dispose()
