"""Rules evaluated in several processes give exactly the result of one process (findings,
their order, PASS/NOT_APPLICABLE counts, scores), and a child that fails costs only time.

The audits that fork run in a fresh interpreter: the test process may hold other threads
(left by earlier tests), and then no child is forked (``map_shares``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gdcc_audit.evaluate import split

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import datetime as dt, json, os, sys
from pathlib import Path
from gdcc_audit.api import audit
from gdcc_audit.evaluate import split
from gdcc_audit.load import parallel
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

ROOT = Path(sys.argv[1])
PATHS = [
    *sorted((ROOT / "examples").glob("*/tenant.yaml")),
    ROOT / "tests" / "fixtures" / "graph" / "terraform" / "exposed",
    ROOT / "tests" / "fixtures" / "terraform" / "basic",
]
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
split.MIN_RESOURCES, split.PER_PROCESS = 1, 3  # every audit split, 3 resources a share at least
PARENT = os.getpid()
forked = []
fork = os.fork

def counting_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid

os.fork = counting_fork
import gdcc_audit.api as api
evaluate_all = api.evaluate_all
in_evaluation = []

def counting_evaluate_all(*args, **kwargs):
    before = len(forked)
    try:
        return evaluate_all(*args, **kwargs)
    finally:
        in_evaluation.append(len(forked) - before)

api.evaluate_all = counting_evaluate_all
to_data = api.graph_export.to_data
exports = []

def counting_to_data(graph):
    exports.append(os.getpid())
    return to_data(graph)

api.graph_export.to_data = counting_to_data

def run(workers, grouped):
    in_evaluation.clear()
    exports.clear()
    settings = Settings(now=NOW, workers=workers, cache=False)
    result = audit(PATHS, settings, grouped=grouped)
    return {
        "json": result_to_json(result, full_findings=True, full_graph=True),
        "grouped": [g.model_dump(mode="json") for g in result.finding_groups],
        "findings": len(result.findings),
        "resources": len(result.resources),
        "forked": sum(in_evaluation),
        "exports": exports.count(PARENT),  # the graph exported once, here, in every case
    }

out = {}
for grouped in (False, True):
    out[f"one-{grouped}"] = run(1, grouped)
    out[f"four-{grouped}"] = run(4, grouped)

def broken(*args):
    if os.getpid() != PARENT:
        raise RuntimeError("a child's bug")
    raise AssertionError("this process never encodes its own share")

split._encode = broken
out["failing"] = run(3, True)
print(json.dumps(out))
"""


def _run() -> dict[str, dict[str, object]]:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": os.devnull + "-no-cache"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(ROOT)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    result: dict[str, dict[str, object]] = json.loads(done.stdout)
    return result


def test_process_count() -> None:
    assert split.process_count(0, split.MIN_RESOURCES - 1) == 1
    assert split.process_count(1, 100_000) == 1
    assert split.process_count(4, 100_000) == 4
    assert split.process_count(4, 25_000) == 2  # at least PER_PROCESS resources each
    assert split.process_count(0, 100_000) == min(len(os.sched_getaffinity(0)), 8, 10)


def test_several_processes_give_the_same_result_and_a_failed_child_costs_only_time() -> None:
    out = _run()
    for grouped in (False, True):
        one, four = out[f"one-{grouped}"], out[f"four-{grouped}"]
        assert one["forked"] == 0
        assert four["forked"] == 3  # four shares: three children
        assert isinstance(one["resources"], int)
        assert one["resources"] > 12
        assert four["json"] == one["json"]
        assert four["grouped"] == one["grouped"]
        assert four["findings"] == one["findings"]
        assert one["exports"] == four["exports"] == 1
    assert out["one-True"]["grouped"]  # PASS/NOT_APPLICABLE counted, and merged the same
    assert out["one-True"]["findings"] < out["one-False"]["findings"]
    failing = out["failing"]
    assert failing["forked"] == 2
    assert failing["exports"] == 1  # not again for the failed child's share
    assert failing["json"] == out["one-True"]["json"]
    assert failing["grouped"] == out["one-True"]["grouped"]
