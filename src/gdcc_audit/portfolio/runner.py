"""Running a portfolio: one task per tenant on Dask (local cluster or an existing scheduler),
or in this process when the ``[dask]`` extra is not installed."""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from gdcc_audit.errors import ConfigError
from gdcc_audit.portfolio.digest import tenant_digest
from gdcc_audit.portfolio.spec import Portfolio, Tenant, load_portfolio
from gdcc_audit.portfolio.task import TenantOutcome, TenantStatus, audit_tenant
from gdcc_audit.settings import Settings

#: Environment variable naming an existing Dask scheduler (as Dask itself reads it).
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
#: Seconds to wait for a named scheduler before giving up (never a silent local fall-back).
CONNECT_TIMEOUT = 10.0


class ResultSink(Protocol):
    """Where finished tenant audits go (the history store)."""

    def last_digest(self, tenant: str) -> str | None:
        """Input digest of the tenant's latest recorded run, if any."""

    def record(self, result: Any, tenant: Tenant, digest: str | None) -> int | str | None:
        """Store one tenant's result from the client process; returns the run id."""

    def record_failure(self, outcome: TenantOutcome) -> None:
        """Store that a tenant's audit failed, with its error."""

    def worker_recorder(self) -> Callable[[Any, Tenant, str | None], int | str | None] | None:
        """A picklable function workers call to store results themselves (a store that
        takes concurrent writers, such as PostgreSQL), or None to record in the client."""


class PortfolioResult(BaseModel):
    """The outcome of a portfolio run: one line per tenant, and how the run went."""

    model_config = ConfigDict(frozen=True)

    name: str
    file: str
    mode: str
    workers: int
    started_at: dt.datetime
    seconds: float
    startup_seconds: float = 0.0
    outcomes: tuple[TenantOutcome, ...]

    def count(self, status: TenantStatus) -> int:
        """How many tenants ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def task_seconds(self) -> float:
        """Time spent inside tenant audits, summed over tenants that ran."""
        return sum(o.seconds for o in self.outcomes if o.status != TenantStatus.SKIPPED)


Progress = Callable[[TenantOutcome, int, int], None]


@dataclass
class _Executor:
    mode: str
    workers: int
    client: Any = None


def audit_portfolio(
    portfolio: Portfolio | str | Path,
    settings: Settings | None = None,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    task_timeout: float | None = None,
    sink: ResultSink | None = None,
    force: bool = False,
    progress: Progress | None = None,
    keep_results: bool = False,
    connect_timeout: float = CONNECT_TIMEOUT,
    task: Callable[..., TenantOutcome] = audit_tenant,
) -> PortfolioResult:
    """Audit every tenant of a portfolio, one task per tenant.

    Default: a Dask ``LocalCluster`` of ``workers`` processes (default: one per core).
    ``scheduler`` (or ``DASK_SCHEDULER_ADDRESS``) uses an existing cluster; one that cannot be
    reached is a ConfigError, never a silent local run. Without Dask installed, tenants run in
    this process, one after the other (``mode`` says so). With a ``sink``, tenants whose input
    digest equals their latest recorded run are skipped (``force`` re-runs them) and results
    are recorded as tasks finish. ``keep_results`` keeps each AuditResult in its outcome.
    ``task`` replaces the per-tenant function (same signature as :func:`audit_tenant`; it must
    be importable by the workers), e.g. to add site-specific steps around each audit.
    """
    spec = portfolio if isinstance(portfolio, Portfolio) else load_portfolio(portfolio)
    settings = settings or Settings()
    started_at = dt.datetime.now(dt.UTC)
    clock = time.perf_counter()
    outcomes: list[TenantOutcome] = []
    total = len(spec.tenants)

    def finished(outcome: TenantOutcome) -> None:
        if sink is not None and outcome.status == TenantStatus.FAILED:
            sink.record_failure(outcome)
        if sink is not None and outcome.result is not None and outcome.recorded_run is None:
            tenant = next(t for t in spec.tenants if t.id == outcome.tenant)
            run_id = sink.record(outcome.result, tenant, outcome.input_digest)
            outcome = outcome.model_copy(update={"recorded_run": run_id})
        if not keep_results and outcome.result is not None:
            outcome = outcome.model_copy(update={"result": None})
        outcomes.append(outcome)
        if progress is not None:
            progress(outcome, len(outcomes), total)

    todo: list[tuple[Tenant, str]] = []
    for tenant in spec.tenants:
        digest = tenant_digest(tenant, settings)
        if sink is not None and not force and sink.last_digest(tenant.id) == digest:
            finished(
                TenantOutcome(
                    tenant=tenant.id,
                    status=TenantStatus.SKIPPED,
                    labels=dict(tenant.labels),
                    input_digest=digest,
                    error=None,
                )
            )
        else:
            todo.append((tenant, digest))

    recorder = sink.worker_recorder() if sink is not None else None
    keep = (sink is not None and recorder is None) or keep_results
    with _executor(scheduler, workers, connect_timeout) as executor:
        ready = time.perf_counter()
        if executor.client is None:
            for tenant, digest in todo:
                finished(
                    task(
                        tenant,
                        settings,
                        timeout=task_timeout,
                        input_digest=digest,
                        keep_result=keep,
                        record=recorder,
                    )
                )
        else:
            _run_on_dask(
                executor.client, task, todo, settings, task_timeout, keep, recorder, finished
            )
    order = {t.id: i for i, t in enumerate(spec.tenants)}
    return PortfolioResult(
        name=spec.name,
        file=spec.file,
        mode=executor.mode,
        workers=executor.workers,
        started_at=started_at,
        seconds=time.perf_counter() - clock,
        startup_seconds=ready - clock,
        outcomes=tuple(sorted(outcomes, key=lambda o: order[o.tenant])),
    )


def _run_on_dask(
    client: Any,
    task: Callable[..., TenantOutcome],
    todo: list[tuple[Tenant, str]],
    settings: Settings,
    timeout: float | None,
    keep: bool,
    recorder: Any,
    finished: Callable[[TenantOutcome], None],
) -> None:
    as_completed: Any = importlib.import_module("distributed").as_completed

    futures = {}
    for tenant, digest in todo:
        future = client.submit(
            task,
            tenant,
            settings,
            timeout=timeout,
            input_digest=digest,
            keep_result=keep,
            record=recorder,
            key=f"gdcc-audit-tenant-{tenant.id}-{digest[:12]}",
            pure=False,
        )
        futures[future] = (tenant, digest)
    for future in as_completed(list(futures), loop=client.loop):
        tenant, digest = futures[future]
        try:
            outcome: TenantOutcome = future.result()
        except Exception as exc:
            outcome = TenantOutcome(
                tenant=tenant.id,
                status=TenantStatus.FAILED,
                labels=dict(tenant.labels),
                input_digest=digest,
                error=f"{type(exc).__name__}: {exc}",
            )
        else:
            if outcome.stuck:
                # The audit thread still runs on that worker: restart the worker to free it.
                # A worker slow to come back (Dask waits 120 s; seen at load 16 on two
                # cores) is left to Dask, which removes it: raising here lost every result.
                holders = client.who_has(future).get(future.key, ())
                if holders:
                    client.restart_workers(list(holders), raise_for_error=False)
        future.release()
        finished(outcome)


@contextmanager
def _executor(
    scheduler: str | None, workers: int | None, connect_timeout: float
) -> Iterator[_Executor]:
    address = scheduler or os.environ.get(SCHEDULER_ENV) or None
    try:
        distributed: Any = importlib.import_module("distributed")
    except ImportError:
        if address:
            raise ConfigError(
                f"a Dask scheduler ({address}) was named but Dask is not installed: "
                "pip install 'gdcc-audit[dask]'"
            ) from None
        yield _Executor("in-process (Dask not installed: pip install 'gdcc-audit[dask]')", 1)
        return
    if address:
        try:
            client = distributed.Client(address, timeout=connect_timeout, set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        try:
            count = len(client.scheduler_info().get("workers", {}))
            yield _Executor(f"dask scheduler {address}", count, client)
        finally:
            client.close()
        return
    count = workers or os.cpu_count() or 1
    cluster = distributed.LocalCluster(
        n_workers=count,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=":0",  # loopback (host), a free port: runs never collide
        silence_logs=logging.ERROR,
    )
    try:
        client = distributed.Client(cluster, set_as_default=False)
        try:
            yield _Executor(f"dask LocalCluster ({count} worker processes)", count, client)
        finally:
            client.close()
    finally:
        cluster.close()
