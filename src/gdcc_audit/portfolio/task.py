"""One tenant's audit: the unit of work of a portfolio run (a Dask task, or a plain call).

Runs in a worker process. Plugins, rule packs and catalogs are prepared once per process and
settings (:data:`_PREPARED`), not once per task. A tenant whose audit raises or runs past its
time limit becomes a *failed* outcome naming the error; it never takes the run down.
"""

from __future__ import annotations

import os
import threading
import time
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from gdcc_audit.portfolio.spec import Tenant

if TYPE_CHECKING:
    from gdcc_audit.api import Prepared
    from gdcc_audit.models.result import AuditResult
    from gdcc_audit.settings import Settings

#: Prepared audits of this process, by settings (JSON). Filled on a worker's first task.
_PREPARED: dict[str, Prepared] = {}
_LOCK = threading.Lock()


class TenantStatus(StrEnum):
    """How one tenant's audit ended."""

    DONE = "done"
    FAILED = "failed"
    SKIPPED = "skipped"


class TenantOutcome(BaseModel):
    """What a worker hands back for one tenant (the result itself when the client records)."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    tenant: str
    status: TenantStatus
    labels: dict[str, str] = {}
    error: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    worker_pid: int | None = None
    worker_peak_mb: float | None = None
    prepared_here: bool = False
    stuck: bool = False
    input_digest: str | None = None
    grade: str | None = None
    score: float | None = None
    failed_findings: int = 0
    input_errors: int = 0
    recorded_run: int | str | None = None
    result: Any = None  # AuditResult when the client records it; None otherwise


def prepared_for(settings: Settings) -> tuple[Prepared, bool]:
    """This process's prepared audit for ``settings``, and whether this call prepared it."""
    from gdcc_audit.api import prepare

    key = settings.model_dump_json()
    with _LOCK:
        found = _PREPARED.get(key)
        if found is not None:
            return found, False
        made = prepare(settings)
        _PREPARED[key] = made
        return made, True


def audit_tenant(
    tenant: Tenant,
    settings: Settings,
    *,
    timeout: float | None = None,
    input_digest: str | None = None,
    keep_result: bool = True,
    record: Any = None,
) -> TenantOutcome:
    """Audit one tenant; never raises for what the tenant's inputs or the audit do.

    ``record(result, tenant, digest)`` (optional) stores the result from the worker itself and
    returns the run id (used with PostgreSQL, which takes concurrent writers).
    """
    started = time.perf_counter()
    prepared, prepared_here = prepared_for(settings)
    box: dict[str, Any] = {}

    def work() -> None:
        from gdcc_audit.api import audit

        cpu = time.thread_time()
        try:
            box["result"] = audit(tenant.paths, settings, prepared=prepared)
        except BaseException as exc:
            box["error"] = exc
        box["cpu"] = time.thread_time() - cpu

    runner = threading.Thread(target=work, name=f"gdcc-audit {tenant.id}", daemon=True)
    runner.start()
    runner.join(timeout)
    base = {
        "tenant": tenant.id,
        "labels": dict(tenant.labels),
        "worker_pid": os.getpid(),
        "worker_peak_mb": _peak_mb(),
        "prepared_here": prepared_here,
        "input_digest": input_digest,
    }
    if runner.is_alive():
        return TenantOutcome(
            status=TenantStatus.FAILED,
            error=f"audit exceeded the task timeout of {timeout:g} s",
            seconds=time.perf_counter() - started,
            stuck=True,
            **base,
        )
    if "error" in box:
        exc = box["error"]
        return TenantOutcome(
            status=TenantStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}",
            seconds=time.perf_counter() - started,
            **base,
        )
    result: AuditResult = box["result"]
    try:
        summary = summarise(result)
        recorded = record(result, tenant, input_digest) if record is not None else None
    except Exception as exc:
        return TenantOutcome(
            status=TenantStatus.FAILED,
            error=f"recording failed: {type(exc).__name__}: {exc}",
            seconds=time.perf_counter() - started,
            **base,
        )
    return TenantOutcome(
        status=TenantStatus.DONE,
        seconds=time.perf_counter() - started,
        cpu_seconds=box.get("cpu", 0.0),
        recorded_run=recorded,
        result=result if keep_result else None,
        **base,
        **summary,
    )


def _peak_mb() -> float | None:
    """Peak resident memory of this process so far, in MB (for planning worker memory)."""
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def summarise(result: AuditResult) -> dict[str, Any]:
    """Grade, score and counts of a result, for the portfolio table."""
    grade = result.grade
    return {
        "grade": grade.letter if grade is not None else None,
        "score": grade.score if grade is not None else None,
        "failed_findings": sum(1 for f in result.failures() if not f.is_waived),
        "input_errors": len(result.not_assessed),
    }
