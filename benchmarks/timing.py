"""Running a command under GNU ``/usr/bin/time -v``: wall and CPU seconds, peak RSS, exit code.

Shared by the benchmarks. Peak RSS is the largest single process (worker processes are not
summed)."""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Timed:
    """One run of a command."""

    wall_s: float
    cpu_s: float
    peak_rss_mb: float
    exit_code: int


def run_timed(command: list[str], env: dict[str, str]) -> Timed:
    """Run ``command`` (output discarded) and read what ``/usr/bin/time -v`` measured."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as report:
        completed = subprocess.run(
            ["/usr/bin/time", "-v", "-o", report.name, *command],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        text = Path(report.name).read_text()
    wall = re.search(r"Elapsed \(wall clock\) time .*: (?:(\d+):)?(\d+):([\d.]+)", text)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    user = re.search(r"User time \(seconds\): ([\d.]+)", text)
    system = re.search(r"System time \(seconds\): ([\d.]+)", text)
    if wall is None or rss is None or user is None or system is None:
        raise RuntimeError(f"cannot read /usr/bin/time output for {command[0]}:\n{text}")
    hours, minutes, seconds = int(wall.group(1) or 0), int(wall.group(2)), float(wall.group(3))
    return Timed(
        wall_s=hours * 3600 + minutes * 60 + seconds,
        cpu_s=float(user.group(1)) + float(system.group(1)),
        peak_rss_mb=int(rss.group(1)) / 1024,
        exit_code=completed.returncode,
    )
