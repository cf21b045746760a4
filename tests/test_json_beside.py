"""The findings of a large JSON result are written in part by a forked child: the text is
exactly what one process writes (both layouts, grouped and full), and a child that fails
costs only time.

The writes that fork run in a fresh interpreter: the test process may hold other threads
(left by earlier tests), and then no child is forked."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import datetime as dt, json, os, sys
from pathlib import Path
from gdcc_audit.api import audit
from gdcc_audit.report import json as report_json
from gdcc_audit.settings import Settings

ROOT = Path(sys.argv[1])
PATHS = [
    *sorted((ROOT / "examples").glob("*/tenant.yaml")),
    ROOT / "tests" / "fixtures" / "graph" / "terraform" / "exposed",
    ROOT / "tests" / "fixtures" / "kubernetes" / "workloads.yaml",
]
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
result = audit(PATHS, Settings(now=NOW, cache=False))
PARENT = os.getpid()
forked = []
fork = os.fork

def counting_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid

os.fork = counting_fork

def texts(workers=0):
    out = {}
    for layout in ("1.1", "1.0"):
        for full in (False, True):
            before = len(forked)
            pieces = report_json.iter_result_json(
                result, full_findings=full, layout=layout, workers=workers
            )
            text = "".join(pieces)
            out[f"{layout}-{full}"] = [text, len(forked) - before]
    return out

report_json._BATCH = 3  # several batches in each part
one = texts()
report_json.SPLIT_FINDINGS = 1
split = texts()
alone = texts(workers=1)  # --workers 1: this process only
pieces = report_json._pieces

def broken(findings, start, stop, compactor):
    if os.getpid() != PARENT:
        raise RuntimeError("a child's bug")
    return pieces(findings, start, stop, compactor)

report_json._pieces = broken
failing = texts()
count = len(result.findings)
print(json.dumps(
    {"one": one, "split": split, "alone": alone, "failing": failing, "findings": count}
))
"""


def test_findings_written_beside_give_the_same_text() -> None:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": os.devnull + "-no-cache"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    out = json.loads(done.stdout)
    assert out["findings"] > 20
    for key, (text, forked) in out["one"].items():
        assert forked == 0
        assert out["split"][key] == [text, 1]
        assert out["alone"][key] == [text, 0]
        assert out["failing"][key] == [text, 1]
        data = json.loads(text)
        assert data["findings"]
        if key.startswith("1.1"):
            assert data["messages"]  # numbered up front, the same numbers


_CLI = """
import os, sys
from gdcc_audit.cli import main
from gdcc_audit.report import json as report_json

report_json.SPLIT_FINDINGS = 1
report_json._BATCH = 3
forked = []
fork = os.fork

def counting_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid

os.fork = counting_fork
try:
    main(["scan", *sys.argv[1:], "--format", "json", "--fail-on", "none", "-q"])
except SystemExit:
    pass
print(len(forked), file=sys.stderr)
"""


def test_scan_workers_1_writes_the_json_in_this_process(tmp_path: Path) -> None:
    """``scan --workers 1`` forks no JSON child for a large result; the default does, and
    the file is the same."""
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": os.devnull + "-no-cache"}
    folder = ROOT / "tests" / "fixtures" / "graph" / "terraform" / "exposed"
    out: dict[str, tuple[str, int]] = {}
    for workers in ("0", "1"):
        target = tmp_path / f"w{workers}.json"
        args = [str(folder), "-o", str(target), "--workers", workers, "--now", "2026-11-23"]
        done = subprocess.run(
            [sys.executable, "-c", _CLI, *args], capture_output=True, text=True, env=env, check=True
        )
        out[workers] = (target.read_text(), int(done.stderr.strip().splitlines()[-1]))
    assert out["0"][1] >= 1
    assert out["1"] == (out["0"][0], 0)
