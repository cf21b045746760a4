"""History-store fixtures: every store test runs on SQLite and on a real PostgreSQL server.

PostgreSQL comes from ``GDCC_AUDIT_TEST_PG`` (``scripts/pg-throwaway.sh`` starts one; ``.ci/run``
does it for CI). Without it the PostgreSQL cases are skipped locally, and FAIL in CI
(``CI=true`` or ``GDCC_AUDIT_REQUIRE_PG=1``): a missing server must never look like a pass.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import sys
import uuid
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PG_ENV = "GDCC_AUDIT_TEST_PG"


def _pg_required() -> bool:
    return os.environ.get("CI", "").lower() == "true" or os.environ.get(
        "GDCC_AUDIT_REQUIRE_PG", ""
    ) not in ("", "0")


@cache
def quarters_script() -> ModuleType:
    """examples/history/moph_quarters.py, the four-quarter MOPH history."""
    path = ROOT / "examples" / "history" / "moph_quarters.py"
    spec = importlib.util.spec_from_file_location("moph_quarters", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def quarter_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, AuditResult]:
    """The audit result of each of the four MOPH quarters, by code (2569Q2 ... 2570Q1)."""
    from gdcc_audit.api import audit

    script = quarters_script()
    base = tmp_path_factory.mktemp("quarters")
    results = {}
    for quarter in script.QUARTERS:
        folder = script.materialise(quarter, base / quarter.code / script.TENANT)
        now = dt.datetime.combine(quarter.now, dt.time(), tzinfo=dt.UTC)
        results[quarter.code] = audit([folder], Settings(now=now))
    return results


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store: a SQLite file, or a fresh database on the PostgreSQL test server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'history.sqlite3'}"
        return
    server = os.environ.get(PG_ENV)
    if not server:
        message = f"{PG_ENV} is not set: no PostgreSQL server (scripts/pg-throwaway.sh)"
        if _pg_required():
            pytest.fail(message)
        pytest.skip(message)
    import sqlalchemy as sa

    name = f"gdcc_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as exc:
        pytest.fail(f"PostgreSQL test server {server} is not reachable: {exc}")
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
