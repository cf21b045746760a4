"""Portfolio runs recorded in the history store, on SQLite (client writes) and PostgreSQL
(workers write): runs and task rows, failed tenants, skipping unchanged tenants."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from gdcc_audit.cli import run
from gdcc_audit.history import Store, queries
from gdcc_audit.portfolio import TenantStatus, audit_portfolio
from gdcc_audit.portfolio.history import HistorySink
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
pytest.importorskip("distributed", reason="the [dask] extra is installed by scripts/setup.sh")


def _portfolio(tmp_path: Path) -> Path:
    for name, example in (("neic", "neic"), ("eec", "eec-oss"), ("broken", "neic")):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(ROOT / "examples" / example / "tenant.yaml", folder / "tenant.yaml")
    (tmp_path / "broken" / "cm.yaml").write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {a\n")
    path = tmp_path / "portfolio.yaml"
    path.write_text(
        "apiVersion: gdcc-audit/v1\nkind: Portfolio\nmetadata: {name: energy}\ntenants:\n"
        "  - id: neic\n    iac: [neic]\n    labels: {ministry: energy}\n"
        "  - id: eec\n    iac: [eec]\n"
        "  - id: broken\n    iac: [broken]\n",
        encoding="utf-8",
    )
    return path


def _tasks(url: str) -> list[tuple[str, str, str | None, bool]]:
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(
                "SELECT tenant, status, error, run_uid IS NOT NULL FROM portfolio_tasks ORDER BY id"
            )
        ).all()
    engine.dispose()
    return [(r[0], r[1], r[2], bool(r[3])) for r in rows]


@pytest.mark.parametrize("dask", [False, True], ids=["in-process", "local-cluster"])
def test_portfolio_runs_are_recorded_and_unchanged_tenants_skipped(
    store_url: str,
    tmp_path: Path,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
    dask: bool,
) -> None:
    if not dask:
        monkeypatch.setitem(sys.modules, "distributed", None)
    path = _portfolio(tmp_path)
    sink = HistorySink(store_url, "energy")
    assert (sink.worker_recorder() is not None) == (not store_url.startswith("sqlite"))
    first = audit_portfolio(path, settings, sink=sink, workers=2)
    assert [(o.tenant, o.status) for o in first.outcomes] == [
        ("neic", TenantStatus.DONE),
        ("eec", TenantStatus.DONE),
        ("broken", TenantStatus.DONE),
    ]
    assert first.outcomes[2].input_errors == 1
    # With several writers the rows are in the order tenants finished: compare them sorted.
    assert sorted(_tasks(store_url)) == [
        ("broken", "incomplete", "not recorded: 1 input(s) could not be assessed", False),
        ("eec", "done", None, True),
        ("neic", "done", None, True),
    ]
    with Store(store_url) as store:
        runs = queries.list_runs(store)
        assert sorted(r.tenant for r in runs) == ["eec-oss", "neic"]
        uids = {r.uid for r in runs}
    assert {o.recorded_run for o in first.outcomes[:2]} == uids

    second = audit_portfolio(path, settings, sink=sink, workers=2)
    assert [o.status for o in second.outcomes] == [
        TenantStatus.SKIPPED,
        TenantStatus.SKIPPED,
        TenantStatus.DONE,  # incomplete last time: audited again
    ]
    forced = audit_portfolio(path, settings, sink=sink, workers=2, force=True)
    assert [o.status for o in forced.outcomes] == [TenantStatus.DONE] * 3
    sink.close()
    with Store(store_url) as store:
        assert sorted(r.tenant for r in queries.list_runs(store)) == [
            "eec-oss", "eec-oss", "neic", "neic",
        ]  # fmt: skip


def test_failed_tenants_get_a_task_row_with_the_error(
    store_url: str, tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portfolio_runs.tasks import faulty

    monkeypatch.setitem(sys.modules, "distributed", None)
    for name in ("crash-me", "fine"):
        folder = tmp_path / name
        folder.mkdir()
        shutil.copy(ROOT / "examples" / "neic" / "tenant.yaml", folder / "tenant.yaml")
    path = tmp_path / "p.yaml"
    path.write_text(
        "apiVersion: gdcc-audit/v1\nkind: Portfolio\nmetadata: {name: f}\ntenants:\n"
        "  - id: crash-me\n    iac: [crash-me]\n  - id: fine\n    iac: [fine]\n",
        encoding="utf-8",
    )
    sink = HistorySink(store_url, "f")
    result = audit_portfolio(path, settings, sink=sink, task=faulty)
    assert [o.status for o in result.outcomes] == [TenantStatus.FAILED, TenantStatus.DONE]
    # A failed tenant is not skipped next time, even with unchanged inputs.
    assert sink.last_digest("crash-me") is None
    assert sink.last_digest("fine") == result.outcomes[1].input_digest
    sink.close()
    assert _tasks(store_url) == [
        ("crash-me", "failed", "RuntimeError: boom in the audit", False),
        ("fine", "done", None, True),
    ]


def test_cli_records_and_history_lists_the_tenants(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    path = _portfolio(tmp_path)
    code = run(
        ["portfolio", "scan", str(path), "--record", "--db", url, "--workers", "1", "-q",
         "--now", "2026-11-23"]
    )  # fmt: skip
    assert code == 2  # the broken tenant has an input not assessed
    assert run(["portfolio", "scan", str(path), "--record", "--db", url, "-q"]) == 2
    err = capsys.readouterr().err
    assert "3 tenants" in err
    assert sorted(row[:2] for row in _tasks(url)) == [
        ("broken", "incomplete"), ("broken", "incomplete"), ("eec", "done"), ("neic", "done"),
    ]  # fmt: skip


def test_the_portfolio_report_reads_a_recorded_portfolio_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    url = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    for name in ("neic", "eec-oss"):
        (tmp_path / name).mkdir()
        shutil.copy(ROOT / "examples" / name / "tenant.yaml", tmp_path / name / "tenant.yaml")
    path = tmp_path / "portfolio.yaml"
    path.write_text(
        "apiVersion: gdcc-audit/v1\nkind: Portfolio\nmetadata: {name: p}\ntenants:\n"
        "  - id: neic\n    iac: [neic]\n  - id: eec-oss\n    iac: [eec-oss]\n",
        encoding="utf-8",
    )
    scanned = run(
        ["portfolio", "scan", str(path), "--record", "--db", url, "-q", "--now", "2026-11-23",
         "--output", str(tmp_path / "portfolio-result.json")]
    )  # fmt: skip
    assert scanned == 1  # both example tenants have high findings
    grades = {
        o["tenant"]: (o["grade"], o["score"])
        for o in json.loads((tmp_path / "portfolio-result.json").read_text())["outcomes"]
    }
    out = tmp_path / "portfolio.csv"
    code = run(
        ["report", "portfolio", "--db", url, "--quarter", "2570Q1", "--format", "csv",
         "--output", str(out)]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["tenant"]: (r["grade"], round(float(r["score"]), 4)) for r in rows} == {
        tenant: (grade, round(score, 4)) for tenant, (grade, score) in grades.items()
    }
