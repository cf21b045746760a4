"""Portfolio results in the history store: each tenant's run, and a task row per tenant.

With PostgreSQL (which takes concurrent writers) the workers record their tenants themselves;
with SQLite the client records them one at a time as tasks finish. Either way a tenant's run
and its task row are written in one transaction. Failed tenants get a task row with the error.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from gdcc_audit.history import schema
from gdcc_audit.history.record import RecordedRun, record_run
from gdcc_audit.history.store import Store
from gdcc_audit.models.result import AuditResult
from gdcc_audit.portfolio.spec import Tenant
from gdcc_audit.portfolio.task import TenantOutcome, TenantStatus

#: Stores opened by this (worker) process, by URL.
_STORES: dict[str, Store] = {}


class HistorySink:
    """A result sink writing to the history store at ``url`` (default: the user's store)."""

    def __init__(self, url: str | None, portfolio: str) -> None:
        self.store = Store(url)
        self.portfolio = portfolio

    def close(self) -> None:
        """Release the store's connections."""
        self.store.close()

    def last_digest(self, tenant: str) -> str | None:
        """The input digest of the tenant's latest task, when that task succeeded."""
        table = schema.portfolio_tasks
        query = (
            sa.select(table.c.status, table.c.input_digest)
            .where(table.c.portfolio == self.portfolio, table.c.tenant == tenant)
            .order_by(table.c.id.desc())
            .limit(1)
        )
        with self.store.engine.connect() as connection:
            row = connection.execute(query).first()
        if row is None or row.status != TenantStatus.DONE.value:
            return None
        return str(row.input_digest) if row.input_digest else None

    def record(self, result: AuditResult, tenant: Tenant, digest: str | None) -> str | None:
        """Record one tenant's result and its task row, in one transaction."""
        return record_tenant(self.store, self.portfolio, result, tenant, digest)

    def record_failure(self, outcome: TenantOutcome) -> None:
        """A task row for a tenant whose audit failed (crash, timeout, lost worker)."""
        with self.store.engine.begin() as connection:
            connection.execute(
                sa.insert(schema.portfolio_tasks),
                _task_row(self.portfolio, outcome.tenant, outcome.labels, outcome.input_digest)
                | {"status": TenantStatus.FAILED.value, "error": outcome.error},
            )

    def worker_recorder(self) -> Callable[[Any, Tenant, str | None], str | None] | None:
        """Workers record themselves on PostgreSQL; SQLite is written by the client only."""
        if self.store.engine.dialect.name == "sqlite":
            return None
        url = self.store.engine.url.render_as_string(hide_password=False)
        return functools.partial(_record_in_worker, url, self.portfolio)


def record_tenant(
    store: Store, portfolio: str, result: AuditResult, tenant: Tenant, digest: str | None
) -> str | None:
    """Store ``result`` and the tenant's task row together; returns the run's uid.

    A result with inputs not assessed is not stored as a run (its missing findings would read
    as fixed in the next quarterly report, as for ``scan --record``): its task row says
    ``incomplete``, and the tenant is audited again on the next portfolio run.
    """
    if result.not_assessed:
        with store.engine.begin() as connection:
            connection.execute(
                sa.insert(schema.portfolio_tasks),
                _task_row(portfolio, tenant.id, tenant.labels, digest)
                | {
                    "status": "incomplete",
                    "error": f"not recorded: {len(result.not_assessed)} input(s) could not be "
                    "assessed",
                },
            )
        return None

    def task_row(connection: sa.Connection, recorded: list[RecordedRun]) -> None:
        connection.execute(
            sa.insert(schema.portfolio_tasks),
            _task_row(portfolio, tenant.id, tenant.labels, digest)
            | {
                "status": TenantStatus.DONE.value,
                "run_uid": recorded[0].uid if recorded else None,
            },
        )

    recorded = record_run(store, result, also=task_row)
    return recorded[0].uid if recorded else None


def _record_in_worker(
    url: str, portfolio: str, result: AuditResult, tenant: Tenant, digest: str | None
) -> str | None:
    store = _STORES.get(url)
    if store is None:
        store = _STORES[url] = Store(url)
    return record_tenant(store, portfolio, result, tenant, digest)


def _task_row(
    portfolio: str, tenant: str, labels: dict[str, str], digest: str | None
) -> dict[str, Any]:
    return {
        "portfolio": portfolio,
        "tenant": tenant,
        "status": None,
        "error": None,
        "input_digest": digest,
        "run_uid": None,
        "labels": dict(sorted(labels.items())),
        "recorded_at": dt.datetime.now(dt.UTC),
    }
