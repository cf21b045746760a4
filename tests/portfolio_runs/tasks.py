"""Per-tenant task functions for fault tests: importable by Dask worker processes.

They wrap the real :func:`audit_tenant`; the behaviour is chosen by the input folder, and what a
task did is written into the folder named by ``GDCC_TEST_TASK_DIR`` (workers inherit it).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import gdcc_audit.api
from gdcc_audit.portfolio.spec import Tenant
from gdcc_audit.portfolio.task import TenantOutcome, audit_tenant
from gdcc_audit.settings import Settings


def _mark(tenant: Tenant, what: str) -> None:
    folder = os.environ.get("GDCC_TEST_TASK_DIR")
    if folder:
        Path(folder, f"{what}-{tenant.id}-{os.getpid()}").touch()


def slow(tenant: Tenant, settings: Settings, **options: Any) -> TenantOutcome:
    """Announce the start (pid in the file name), take a while, then audit for real."""
    _mark(tenant, "start")
    time.sleep(float(os.environ.get("GDCC_TEST_TASK_SLEEP", "1.5")))
    return audit_tenant(tenant, settings, **options)


#: The task timeout the healthy tenants of the fault tests get, whatever the test passes: a
#: tenant of one example manifest audits in well under a second on a quiet machine, but a
#: worker's first audit took more than 3 s at load 18-30 on two cores, and the healthy tenant
#: then failed its test. The hung tenant keeps the test's (short) timeout.
HEALTHY_TIMEOUT = 600.0

#: How long ``hang-me`` hangs: longer than any timeout the tests give it.
HANG_SECONDS = 3600.0


def faulty(tenant: Tenant, settings: Settings, **options: Any) -> TenantOutcome:
    """A tenant whose folder is named ``crash-me`` raises in the audit; ``hang-me`` hangs past
    any timeout (the task timeout it is given applies); the others are audited for real, with a
    timeout of at least ``HEALTHY_TIMEOUT`` so that a loaded machine cannot fail them."""
    real = gdcc_audit.api.audit
    names = {Path(p).name for p in tenant.paths}
    if not names & {"crash-me", "hang-me"} and options.get("timeout") is not None:
        options["timeout"] = max(options["timeout"], HEALTHY_TIMEOUT)

    def patched(paths: Any, *args: Any, **kwargs: Any) -> Any:
        names = {Path(p).name for p in paths}
        if "crash-me" in names:
            raise RuntimeError("boom in the audit")
        if "hang-me" in names:
            time.sleep(HANG_SECONDS)
        return real(paths, *args, **kwargs)

    gdcc_audit.api.audit = patched  # type: ignore[assignment]
    try:
        return audit_tenant(tenant, settings, **options)
    finally:
        gdcc_audit.api.audit = real  # type: ignore[assignment]
