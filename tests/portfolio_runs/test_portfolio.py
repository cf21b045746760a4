"""Portfolio runs: the portfolio file, Dask local cluster, faults, skipping unchanged tenants."""

from __future__ import annotations

import os
import shutil
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli import run
from gdcc_audit.errors import ConfigError, InputError
from gdcc_audit.portfolio import (
    Portfolio,
    Tenant,
    TenantStatus,
    audit_portfolio,
    load_portfolio,
)
from gdcc_audit.settings import Settings

from .tasks import faulty, slow

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
pytest.importorskip("distributed", reason="the [dask] extra is installed by scripts/setup.sh")


def write_portfolio(folder: Path, body: str) -> Path:
    path = folder / "portfolio.yaml"
    path.write_text(
        "apiVersion: gdcc-audit/v1\nkind: Portfolio\nmetadata: {name: test}\n" + body,
        encoding="utf-8",
    )
    return path


def tenant_folder(root: Path, name: str, example: str = "neic") -> Path:
    folder = root / name
    folder.mkdir()
    shutil.copy(EXAMPLES / example / "tenant.yaml", folder / "tenant.yaml")
    return folder


def example_portfolio(tmp_path: Path, names: tuple[str, ...]) -> Path:
    lines = ["tenants:"]
    for name in names:
        lines += [f"  - id: {name}", f"    manifest: {EXAMPLES / name / 'tenant.yaml'}"]
        lines += ["    labels: {ministry: test}"]
    return write_portfolio(tmp_path, "\n".join(lines) + "\n")


def failing(result: Any) -> set[tuple[str, str]]:
    return {(f.rule_id, f.fingerprint) for f in result.failures()}


# --- the portfolio file ---------------------------------------------------------------------


def test_portfolio_file_paths_are_relative_to_it(tmp_path: Path) -> None:
    folder = tenant_folder(tmp_path, "t1")
    path = write_portfolio(
        tmp_path,
        "tenants:\n  - id: t1\n    manifest: t1/tenant.yaml\n    iac: [t1]\n"
        "    labels: {ministry: MOPH}\n",
    )
    spec = load_portfolio(path)
    assert spec.name == "test"
    assert spec.tenants == (
        Tenant(
            id="t1",
            paths=(str(folder / "tenant.yaml"), str(folder)),
            labels={"ministry": "MOPH"},
            line=5,
        ),
    )


@pytest.mark.parametrize(
    ("body", "message", "line", "field"),
    [
        (
            "tenants:\n  - id: a\n    manifest: missing/tenant.yaml\n",
            "tenant 'a': manifest path 'missing/tenant.yaml' does not exist",
            6,
            "tenants[0].manifest",
        ),
        (
            "tenants:\n  - id: a\n    iac: [.]\n  - id: a\n    iac: [.]\n",
            "duplicate tenant id 'a' (first at tenants[0])",
            7,
            "tenants[1].id",
        ),
        (
            "tenants:\n  - id: a\n    iac: [.]\n  - id: b\n    iac: [.]\n    ministry: X\n",
            "tenant 'b': invalid portfolio file: line 9: tenants[1].ministry: unknown field",
            9,
            "tenants[1].ministry",
        ),
        (
            "tenants:\n  - id: a\n    iac: [., nowhere]\n",
            "tenant 'a': iac path 'nowhere' does not exist",
            6,
            "tenants[0].iac[1]",
        ),
        ("tenants:\n  - id: a\n", "tenant 'a': names no manifest and no iac path", 5, "tenants[0]"),
    ],
)
def test_bad_portfolio_names_the_entry(
    tmp_path: Path, body: str, message: str, line: int, field: str
) -> None:
    with pytest.raises(InputError) as caught:
        load_portfolio(write_portfolio(tmp_path, body))
    assert (caught.value.message, caught.value.line, caught.value.field) == (message, line, field)


def test_cli_bad_portfolio_exits_2_and_runs_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_portfolio(tmp_path, "tenants:\n  - id: a\n    manifest: gone.yaml\n")
    assert run(["portfolio", "scan", str(path), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.strip() == (
        f"gdcc-audit: error: {path}:6: [tenants[0].manifest] tenant 'a': manifest path "
        "'gone.yaml' does not exist"
    )


# --- running --------------------------------------------------------------------------------


def test_without_dask_runs_in_process_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = audit_portfolio(
        example_portfolio(tmp_path, ("neic", "eec-oss")), settings, keep_results=True
    )
    assert result.mode == "in-process (Dask not installed: pip install 'gdcc-audit[dask]')"
    assert [(o.tenant, o.status) for o in result.outcomes] == [
        ("neic", TenantStatus.DONE),
        ("eec-oss", TenantStatus.DONE),
    ]
    for outcome, example in zip(result.outcomes, ("neic", "eec-oss"), strict=True):
        direct = audit([EXAMPLES / example / "tenant.yaml"], settings)
        assert failing(outcome.result) == failing(direct)
        assert outcome.grade == direct.grade.letter  # type: ignore[union-attr]
    with pytest.raises(ConfigError, match="Dask is not installed"):
        audit_portfolio(example_portfolio(tmp_path, ("neic",)), scheduler="tcp://127.0.0.1:9")


def test_in_process_crash_and_timeout_fail_only_their_tenant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    for name in ("crash-me", "hang-me", "fine"):
        tenant_folder(tmp_path, name)
    spec = Portfolio(
        name="faults",
        file="faults.yaml",
        tenants=tuple(
            Tenant(id=n, paths=(str(tmp_path / n),)) for n in ("crash-me", "hang-me", "fine")
        ),
    )
    result = audit_portfolio(spec, settings, task=faulty, task_timeout=1.0)
    assert [(o.tenant, o.status, o.error) for o in result.outcomes] == [
        ("crash-me", TenantStatus.FAILED, "RuntimeError: boom in the audit"),
        ("hang-me", TenantStatus.FAILED, "audit exceeded the task timeout of 1 s"),
        ("fine", TenantStatus.DONE, None),
    ]
    assert result.outcomes[1].stuck


def test_local_cluster_matches_direct_audits_and_prepares_once_per_worker(
    tmp_path: Path, settings: Settings
) -> None:
    names = ("neic", "eec-oss", "police-region8", "smart-bus-terminal")
    result = audit_portfolio(
        example_portfolio(tmp_path, names), settings, workers=2, keep_results=True
    )
    assert result.mode == "dask LocalCluster (2 worker processes)"
    assert [o.tenant for o in result.outcomes] == list(names)
    for outcome, name in zip(result.outcomes, names, strict=True):
        assert outcome.status == TenantStatus.DONE
        assert outcome.labels == {"ministry": "test"}
        assert failing(outcome.result) == failing(
            audit([EXAMPLES / name / "tenant.yaml"], settings)
        )
    pids = {o.worker_pid for o in result.outcomes}
    assert pids
    assert os.getpid() not in pids
    # Rule packs and catalogs are prepared once per worker process, not once per task.
    assert sum(o.prepared_here for o in result.outcomes) == len(pids)


def _faults(tmp_path: Path) -> Portfolio:
    names = ("crash-me", "hang-me", "fine-1", "fine-2")
    for name in names:
        tenant_folder(tmp_path, name)
    return Portfolio(
        name="faults",
        file="faults.yaml",
        tenants=tuple(Tenant(id=n, paths=(str(tmp_path / n),)) for n in names),
    )


#: The fault tests' outcomes. The healthy tenants run with a generous timeout (tasks.faulty):
#: with the test's 3 s, a worker's first audit overran it at load 14-20 on two cores.
FAULTS = [
    ("crash-me", TenantStatus.FAILED, "RuntimeError: boom in the audit"),
    ("hang-me", TenantStatus.FAILED, "audit exceeded the task timeout of 3 s"),
    ("fine-1", TenantStatus.DONE, None),
    ("fine-2", TenantStatus.DONE, None),
]


def test_local_cluster_faults_fail_only_their_tenant(tmp_path: Path, settings: Settings) -> None:
    result = audit_portfolio(_faults(tmp_path), settings, workers=2, task=faulty, task_timeout=3.0)
    assert [(o.tenant, o.status, o.error) for o in result.outcomes] == FAULTS
    assert result.outcomes[1].stuck


def test_a_worker_slow_to_come_back_after_its_restart_loses_no_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    """The hung tenant's worker is restarted; at load 16 it had not come back after Dask's
    120 s, Dask raised TimeoutError, and the whole run ended with it, every result lost."""
    import distributed

    restarted: list[list[str]] = []

    def slow_restart(
        self: Any, workers: list[str], timeout: Any = None, raise_for_error: bool = True
    ) -> dict[str, str]:
        restarted.append(workers)
        if raise_for_error:  # what Dask raised
            raise TimeoutError(
                f"Waited for {len(workers)} worker(s) to reconnect after restarting but, "
                "after 120s, 1 have not returned."
            )
        return dict.fromkeys(workers, "timed out")

    monkeypatch.setattr(distributed.Client, "restart_workers", slow_restart)
    result = audit_portfolio(_faults(tmp_path), settings, workers=2, task=faulty, task_timeout=3.0)
    assert [(o.tenant, o.status, o.error) for o in result.outcomes] == FAULTS
    assert len(restarted) == 1  # the hung tenant's worker, once


def test_a_killed_worker_has_its_task_retried_elsewhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    marks = tmp_path / "marks"
    marks.mkdir()
    monkeypatch.setenv("GDCC_TEST_TASK_DIR", str(marks))
    monkeypatch.setenv("GDCC_TEST_TASK_SLEEP", "2")
    names = ("neic", "eec-oss", "police-region8")
    killed: list[tuple[str, int]] = []

    def kill_first_started() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            started = sorted(marks.glob("start-*"))
            if started:
                tenant, pid = started[0].name.removeprefix("start-").rsplit("-", 1)
                killed.append((tenant, int(pid)))
                os.kill(int(pid), signal.SIGKILL)
                return
            time.sleep(0.05)

    watcher = threading.Thread(target=kill_first_started)
    watcher.start()
    result = audit_portfolio(example_portfolio(tmp_path, names), settings, workers=2, task=slow)
    watcher.join()
    assert killed, "no task started"
    victim, pid = killed[0]
    assert [(o.tenant, o.status) for o in result.outcomes] == [
        (n, TenantStatus.DONE) for n in names
    ]
    outcome = next(o for o in result.outcomes if o.tenant == victim)
    assert outcome.worker_pid != pid  # it finished on another (or a restarted) worker
    assert len(list(marks.glob(f"start-{victim}-*"))) >= 2  # started twice: retried


def test_unreachable_scheduler_is_an_error_not_a_local_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = example_portfolio(tmp_path, ("neic",))
    with pytest.raises(
        ConfigError, match=r"cannot reach the Dask scheduler at tcp://127\.0\.0\.1:9"
    ):
        audit_portfolio(path, scheduler="tcp://127.0.0.1:9", connect_timeout=1.0)
    code = run(
        [
            "portfolio",
            "scan",
            str(path),
            "--scheduler",
            "tcp://127.0.0.1:9",
            "--connect-timeout",
            "1",
            "-q",
        ]
    )
    assert code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in capsys.readouterr().err


# --- skipping unchanged tenants ---------------------------------------------------------------


class MemorySink:
    """A history store in memory: the latest digest per tenant, results recorded in order."""

    def __init__(self) -> None:
        self.digests: dict[str, str] = {}
        self.recorded: list[str] = []

    def last_digest(self, tenant: str) -> str | None:
        return self.digests.get(tenant)

    def record(self, result: Any, tenant: Tenant, digest: str | None) -> int:
        assert result.tenant is not None
        self.recorded.append(tenant.id)
        if digest:
            self.digests[tenant.id] = digest
        return len(self.recorded)

    def record_failure(self, outcome: Any) -> None:
        self.recorded.append(f"failed {outcome.tenant}")

    def worker_recorder(self) -> None:
        return None


def test_rerun_skips_tenants_whose_inputs_are_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Settings
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    for name in ("a", "b"):
        tenant_folder(tmp_path, name)
    path = write_portfolio(tmp_path, "tenants:\n  - id: a\n    iac: [a]\n  - id: b\n    iac: [b]\n")
    sink = MemorySink()
    first = audit_portfolio(path, settings, sink=sink)
    assert [(o.status, o.recorded_run) for o in first.outcomes] == [
        (TenantStatus.DONE, 1),
        (TenantStatus.DONE, 2),
    ]
    second = audit_portfolio(path, settings, sink=sink)
    assert [o.status for o in second.outcomes] == [TenantStatus.SKIPPED, TenantStatus.SKIPPED]
    manifest = tmp_path / "b" / "tenant.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    third = audit_portfolio(path, settings, sink=sink)
    assert [o.status for o in third.outcomes] == [TenantStatus.SKIPPED, TenantStatus.DONE]
    forced = audit_portfolio(path, settings, sink=sink, force=True)
    assert [o.status for o in forced.outcomes] == [TenantStatus.DONE, TenantStatus.DONE]
    assert sink.recorded == ["a", "b", "b", "a", "b"]
