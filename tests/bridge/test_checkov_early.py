"""``scan --checkov`` starts checkov as soon as its arguments are read (before the pipeline is
imported), hands the running session to the audit, and stops it on every error path."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.bridges import checkov as bridge
from gdcc_audit.bridges.checkov import CheckovSession
from gdcc_audit.bridges.checkov.runner import Job
from gdcc_audit.cli.app import run
from gdcc_audit.errors import ConfigError
from gdcc_audit.models import Severity
from gdcc_audit.settings import Settings

from .conftest import CHECKOV_FIXTURES, ROOT

IAC = CHECKOV_FIXTURES / "iac"

#: Run in a fresh interpreter: which heavy modules were imported when checkov was started.
#: Once checkov runs, the native scan keeps the probe's priority: behind checkov (nice +10,
#: tested in this process below) it got almost no CPU at load 18-30, and the probe took minutes.
PROBE = """
import json, sys
from gdcc_audit.bridges import checkov as bridge
real = bridge.start
seen = []
def start(*args, **kwargs):
    seen.append(sorted(m for m in ("gdcc_audit.api", "gdcc_audit.models", "pydantic")
                       if m in sys.modules))
    job = real(*args, **kwargs)
    import gdcc_audit.api
    gdcc_audit.api.NATIVE_NICENESS = 0
    return job
bridge.start = start
from gdcc_audit.cli.app import run
code = run(sys.argv[1:])
print(json.dumps({"code": code, "seen": seen}))
"""


#: CPU seconds a probe may use (RLIMIT_CPU; about 2.5 s on a quiet machine): a runaway probe
#: is stopped by what it does, not by how busy the machine is.
PROBE_CPU_SECONDS = 60

#: Wall-clock guard for a probe that hangs without using the CPU. On two cores at load 30 a
#: probe takes about 15 times its CPU time; the old 120 s limit failed the test at load 18-30.
PROBE_WALL_SECONDS = 900


def _probe(argv: list[str], cwd: Path | None = None) -> tuple[dict[str, Any], list[str]]:
    """Run ``PROBE`` with ``argv`` in a fresh interpreter: its result and its other stdout lines."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with subprocess.Popen(
        [sys.executable, "-c", PROBE, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    ) as child:
        limit = (PROBE_CPU_SECONDS, PROBE_CPU_SECONDS + 5)  # SIGXCPU, then SIGKILL
        resource.prlimit(child.pid, resource.RLIMIT_CPU, limit)
        try:
            out, err = child.communicate(timeout=PROBE_WALL_SECONDS)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            pytest.fail(f"the probe hung: no result after {PROBE_WALL_SECONDS} s")
    assert child.returncode not in (-signal.SIGXCPU, -signal.SIGKILL), (
        f"the probe used more than {PROBE_CPU_SECONDS} s of CPU"
    )
    assert child.returncode == 0, err
    *lines, last = out.splitlines()
    return json.loads(last), lines


def _started(monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """The checkov jobs the bridge starts from now on."""
    jobs: list[Job] = []
    real = bridge.start

    def start(*args: Any, **kwargs: Any) -> Job:
        job = real(*args, **kwargs)
        jobs.append(job)
        return job

    monkeypatch.setattr(bridge, "start", start)
    return jobs


def test_scan_starts_checkov_before_it_imports_the_pipeline(
    fake_checkov: Path, tmp_path: Path
) -> None:
    out = tmp_path / "result.json"
    argv = ["scan", str(IAC), f"--checkov={fake_checkov}", "--format", "json", "-o", str(out)]
    probe, _ = _probe([*argv, "-q"])
    assert probe["code"] == 1  # high-severity findings, nothing wrong
    assert probe["seen"] == [[]]  # started once, with no model, pydantic or pipeline loaded
    assert len(Path(os.environ["FAKE_CHECKOV_ARGS"]).read_text().splitlines()) == 1
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["checkov"]["error"] is None
    assert any(f["rule_id"] == "CKV_AWS_51" for f in result["findings"])


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--format", "nope"], "unknown format(s) nope"),
        (["--framework", "NOPE"], "NOPE"),
    ],
)
def test_an_error_after_checkov_started_stops_it_and_exits_2(
    fake_checkov: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    option: list[str],
    message: str,
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV", "hang")
    jobs = _started(monkeypatch)
    code = run(["scan", str(IAC), f"--checkov={fake_checkov}", "-q", *option])
    assert code == 2
    assert message in capsys.readouterr().err
    (job,) = jobs
    # Stopped (killed and reaped), not left hanging for its 60 s.
    assert job.process.returncode is not None
    assert job.process.returncode != 0
    assert job.stdout.closed
    assert job.stderr.closed


def test_audit_uses_a_session_started_before_it(
    fake_checkov: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = Settings(checkov=str(fake_checkov))
    reference = audit([IAC], settings)
    log = Path(os.environ["FAKE_CHECKOV_ARGS"])
    log.unlink()
    jobs = _started(monkeypatch)
    session = CheckovSession(checkov=str(fake_checkov), timeout=60)
    session.start([IAC])
    result = audit([IAC], settings, checkov_session=session)
    assert len(jobs) == 1  # the audit started no other checkov
    assert len(log.read_text().splitlines()) == 1
    assert session.settings is settings
    assert result.checkov is not None
    assert reference.checkov is not None
    assert result.checkov.bridged == reference.checkov.bridged > 0
    assert [(f.rule_id, f.resource_id, f.status) for f in result.findings] == [
        (f.rule_id, f.resource_id, f.status) for f in reference.findings
    ]


def test_a_failing_audit_stops_the_session_it_was_given(
    fake_checkov: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV", "hang")
    session = CheckovSession(checkov=str(fake_checkov), timeout=60)
    session.start([IAC])
    (job,) = session.jobs
    with pytest.raises(ConfigError):
        audit(
            [IAC],
            Settings(checkov=str(fake_checkov), frameworks=("NOPE",)),
            checkov_session=session,
        )
    assert job.process.returncode is not None
    assert job.process.returncode != 0


def test_finish_needs_the_audit_settings(fake_checkov: Path) -> None:
    session = CheckovSession(checkov=str(fake_checkov))
    with pytest.raises(ValueError, match="bind the audit's settings first"):
        session.finish([], [], [], [], lambda meta: True)


def test_scan_severity_choices_are_the_severities() -> None:
    from gdcc_audit.cli.scan import SEVERITIES

    assert tuple(s.value for s in Severity) == SEVERITIES


def test_the_native_scan_runs_behind_checkov_at_a_lower_priority(
    fake_checkov: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from gdcc_audit import api

    seen: list[tuple[str, int, int]] = []
    real = api._scan_native

    def spy(*args: Any, **kwargs: Any) -> Any:
        me = threading.get_native_id()
        seen.append(
            (
                threading.current_thread().name,
                os.getpriority(os.PRIO_PROCESS, me),
                os.getpriority(os.PRIO_PROCESS, os.getpid()),  # the main thread's
            )
        )
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "_scan_native", spy)
    before = os.getpriority(os.PRIO_PROCESS, os.getpid())
    bridged = audit([IAC], Settings(checkov=str(fake_checkov)))
    native = audit([IAC], Settings())
    (behind, alone) = seen
    assert behind == ("gdcc-audit-native", min(19, before + api.NATIVE_NICENESS), before)
    assert alone[0] == threading.main_thread().name
    assert os.getpriority(os.PRIO_PROCESS, os.getpid()) == before  # the caller's unchanged
    # Same native verdicts either way (native wins over checkov: none is dropped).
    native_ids = {(f.rule_id, f.resource_id, f.status) for f in native.findings}
    assert native_ids <= {(f.rule_id, f.resource_id, f.status) for f in bridged.findings}


def test_an_error_in_the_native_scan_reaches_the_caller_and_stops_checkov(
    fake_checkov: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdcc_audit import api

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("native scan broke")

    monkeypatch.setenv("FAKE_CHECKOV", "hang")
    monkeypatch.setattr(api, "_scan_native", broken)
    session = CheckovSession(checkov=str(fake_checkov), timeout=60)
    session.start([IAC])
    (job,) = session.jobs
    with pytest.raises(RuntimeError, match="native scan broke"):
        audit([IAC], Settings(checkov=str(fake_checkov)), checkov_session=session)
    assert job.process.returncode is not None
    assert job.process.returncode != 0


def test_hook_starts_checkov_before_it_imports_the_pipeline(
    fake_checkov: Path, tmp_path: Path
) -> None:
    argv = ["hook", "main.tf", "--root", str(IAC), f"--checkov={fake_checkov}"]
    probe, lines = _probe(argv, cwd=IAC)
    assert probe["code"] == 1  # high-severity findings, nothing wrong
    assert probe["seen"] == [[]]  # started once, with no model, pydantic or pipeline loaded
    (args,) = Path(os.environ["FAKE_CHECKOV_ARGS"]).read_text().splitlines()
    assert args.startswith(f"-f {os.path.realpath(IAC / 'main.tf')} --output json")
    # checkov's results are merged into the hook's lines.
    assert "main.tf:7 aws_security_group.ssh CKV_AWS_23 " in "\n".join(lines)


def test_hook_stops_checkov_when_it_fails_after_starting_it(
    fake_checkov: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("FAKE_CHECKOV", "hang")
    jobs = _started(monkeypatch)
    code = run(["hook", "--root", str(IAC), f"--checkov={fake_checkov}", "--rules", "NOPE-1"])
    assert code == 2
    assert "NOPE-1" in capsys.readouterr().err
    (job,) = jobs
    assert job.process.returncode is not None
    assert job.process.returncode != 0
    assert job.stdout.closed
