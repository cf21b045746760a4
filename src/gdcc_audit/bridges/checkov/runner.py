"""Run checkov as a subprocess, offline, and read its JSON.

checkov is never imported: its pins (``networkx<2.7``, ``packaging<24``...), its 1.6-3 s import
and its changes to the root logger and the SIGINT handler stay out of this process. The job is
started before the native scan and collected after it, so both run at the same time.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from gdcc_audit.errors import ConfigError, GdccAuditError

#: checkov frameworks matching what gdcc-audit reads, plus secrets.
FRAMEWORKS = ("terraform", "terraform_plan", "cloudformation", "kubernetes", "secrets")
#: What to run when checkov is missing.
INSTALL_HINT = (
    "install it with: pip install 'gdcc-audit[checkov]'  "
    "(or keep it in its own virtual environment: python3 -m venv ~/.venvs/checkov && "
    "~/.venvs/checkov/bin/pip install checkov, then pass --checkov ~/.venvs/checkov/bin/checkov)"
)
#: Environment that keeps checkov offline and quiet: no PyPI update check, no guideline or
#: mapping downloads, no platform upload.
OFFLINE_ENV = {
    "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true",
    "BC_SKIP_MAPPING": "TRUE",
    "LOG_LEVEL": "WARNING",
    "PYTHONWARNINGS": "ignore",
}


class CheckovMissing(ConfigError):
    """checkov was asked for and cannot be found."""


class CheckovFailed(GdccAuditError):
    """checkov crashed, hung or printed something that is not its JSON report."""


def find_checkov(choice: str) -> str:
    """The checkov executable: ``auto`` looks next to this Python (the ``[checkov]`` extra),
    then on ``PATH``; anything else is a path to the executable or to its virtual environment."""
    if choice in ("", "auto"):
        beside = Path(sys.executable).parent / "checkov"
        if _is_executable(beside):
            return str(beside)
        found = shutil.which("checkov")
        if found:
            return found
        raise CheckovMissing(f"checkov bridge: checkov is not installed; {INSTALL_HINT}")
    path = Path(choice).expanduser()
    candidates = [path / "bin" / "checkov", path / "checkov"] if path.is_dir() else [path]
    for candidate in candidates:
        if _is_executable(candidate):
            return str(candidate)
    raise CheckovMissing(f"checkov bridge: no checkov executable at {choice}; {INSTALL_HINT}")


def _is_executable(path: Path) -> bool:
    return path.is_file() and os.access(path, os.X_OK)


def command(executable: str, paths: Sequence[str], *, files: bool) -> list[str]:
    """The checkov command line for folders (``-d``, one each) or files (``-f``): checkov
    refuses both in one run."""
    targets = ["-f", *paths] if files else [arg for path in paths for arg in ("-d", path)]
    return [
        executable,
        *targets,
        "--output",
        "json",
        "--compact",
        "--soft-fail",  # exit code 0 with failures: any other exit code is a crash
        "--skip-download",
        "--framework",
        ",".join(FRAMEWORKS),
    ]


@dataclass
class Job:
    """A running checkov process; its output goes to temporary files (never a pipe that could
    fill while the native scan runs)."""

    argv: list[str]
    paths: tuple[str, ...]
    timeout: float
    process: subprocess.Popen[bytes]
    stdout: IO[bytes]
    stderr: IO[bytes]
    started: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class Output:
    """checkov's reports (one per framework with results) and how long it took."""

    reports: list[dict[str, Any]]
    seconds: float
    version: str | None


def start(
    executable: str, paths: Sequence[str], *, files: bool, timeout: float, cwd: str | None = None
) -> Job:
    """Start checkov on ``paths`` in the background."""
    # Absolute paths: with a relative -d, checkov's file_abs_path is wrong (the folder twice).
    paths = [os.path.abspath(p) for p in paths]
    argv = command(executable, paths, files=files)
    env = {**os.environ, **OFFLINE_ENV}
    stdout = tempfile.TemporaryFile()  # noqa: SIM115 - closed in collect()
    stderr = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            env=env,
            cwd=cwd,
            start_new_session=True,  # a timeout kills checkov's worker processes too
        )
    except OSError as exc:
        stdout.close()
        stderr.close()
        raise CheckovMissing(
            f"checkov bridge: cannot run {executable}: {exc.strerror}; {INSTALL_HINT}"
        ) from exc
    return Job(argv, tuple(paths), timeout, process, stdout, stderr)


def collect(job: Job) -> Output:
    """Wait for checkov (up to its timeout) and parse its JSON; CheckovFailed otherwise."""
    try:
        remaining = max(0.0, job.timeout - (time.monotonic() - job.started))
        try:
            code = _wait(job.process, remaining)
        except subprocess.TimeoutExpired:
            _kill(job.process)
            raise CheckovFailed(
                f"checkov did not finish within {job.timeout:g} s (timeout; it was stopped)"
            ) from None
        seconds = time.monotonic() - job.started
        job.stdout.seek(0)
        raw = job.stdout.read()
        job.stderr.seek(0)
        errors = job.stderr.read().decode("utf-8", "replace")
    finally:
        job.stdout.close()
        job.stderr.close()
    if code != 0:
        raise CheckovFailed(f"checkov crashed (exit code {code}): {_last_line(errors)}")
    reports = parse_reports(raw)
    versions = [r.get("summary", {}).get("checkov_version") for r in reports]
    version = next((str(v) for v in versions if v), None)
    return Output(reports, seconds, version)


def _wait(process: subprocess.Popen[bytes], timeout: float) -> int:
    """``process.wait(timeout)``, woken the moment the process ends: Popen's own wait with a
    timeout polls, sleeping up to 50 ms between looks, and every bridged scan paid that
    sleep after checkov. Linux: a pidfd becomes readable when the process exits. Elsewhere
    (or where pidfds are refused) Popen's polling wait."""
    if process.returncode is not None:
        return process.returncode
    try:
        pidfd = os.pidfd_open(process.pid)
    except (AttributeError, OSError):
        return process.wait(timeout=timeout)
    try:
        ready, _, _ = select.select([pidfd], [], [], timeout)
    finally:
        os.close(pidfd)
    if not ready:
        raise subprocess.TimeoutExpired(process.args, timeout)
    return process.wait()


def parse_reports(raw: bytes) -> list[dict[str, Any]]:
    """checkov's JSON: one report (a dict) for one framework, a list for several, a bare
    summary when nothing was scanned. Anything else is CheckovFailed."""
    text = raw.decode("utf-8", "replace").strip()
    if not text:
        raise CheckovFailed("checkov printed no JSON report (empty output)")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CheckovFailed(
            f"checkov printed malformed JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    items = data if isinstance(data, list) else [data]
    reports: list[dict[str, Any]] = []
    for item in items:
        if not isinstance(item, dict):
            raise CheckovFailed(f"checkov printed unexpected JSON: a {type(item).__name__}")
        if "results" not in item:
            if "summary" in item or "passed" in item:
                continue  # nothing scanned: a bare summary
            raise CheckovFailed("checkov printed unexpected JSON: no 'results' in a report")
        results = item["results"]
        if not isinstance(results, dict) or not all(
            isinstance(results.get(k, []), list) for k in ("failed_checks", "passed_checks")
        ):
            raise CheckovFailed("checkov printed unexpected JSON: 'results' is not a check list")
        reports.append(item)
    return reports


def stop(jobs: list[Job]) -> None:
    """Stop every job still running (the audit failed before collecting them)."""
    for job in jobs:
        if job.process.poll() is None:
            _kill(job.process)
        for stream in (job.stdout, job.stderr):
            if not stream.closed:
                stream.close()


def _kill(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.wait()


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no message"
