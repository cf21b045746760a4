"""Documents mapped in several processes give exactly the result of one process (resources,
errors, duplicates, what mappers record in ``Document.meta``), and a child that fails costs
only time.

The audits that fork run in a fresh interpreter: the test process may hold other threads
(left by earlier tests), and then no child is forked (``map_shares``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gdcc_audit.load.parallel import contiguous_shares
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import Facets, Resource
from gdcc_audit.normalize import split
from gdcc_audit.normalize.share import FacetsPool

ROOT = Path(__file__).resolve().parent.parent

_SCRIPT = """
import datetime as dt, json, os, sys
from pathlib import Path
import gdcc_audit.api as api
from gdcc_audit.api import audit
from gdcc_audit.normalize import split
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

ROOT, EXTRA = Path(sys.argv[1]), Path(sys.argv[2])
FIXTURES = ROOT / "tests" / "fixtures"
PATHS = [
    *sorted((ROOT / "examples").glob("*/tenant.yaml")),
    FIXTURES / "graph" / "terraform" / "exposed",
    FIXTURES / "terraform" / "basic",
    FIXTURES / "terraform" / "cross-file",
    FIXTURES / "terraform" / "broken",
    FIXTURES / "kubernetes" / "workloads.yaml",
    FIXTURES / "cloudformation" / "storage.yaml",
    FIXTURES / "heat" / "stack.yaml",
    EXTRA,
]
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
split.MIN_RESOURCES, split.PER_PROCESS = 1, 1  # every audit split
PARENT = os.getpid()
forked = []
fork = os.fork

def counting_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid

os.fork = counting_fork
normalize = api._normalize
seen = {}

def recording_normalize(run, *args):
    before = len(forked)
    try:
        return normalize(run, *args)
    finally:
        seen["forked"] = len(forked) - before
        seen["meta"] = [
            (d.path, json.dumps(d.meta, sort_keys=False, default=str)) for d in run.documents
        ]

api._normalize = recording_normalize

def run(workers):
    settings = Settings(now=NOW, workers=workers, cache=False)
    result = audit(PATHS, settings)
    return {
        "json": result_to_json(result, full_findings=True, full_graph=True),
        "resources": len(result.resources),
        "errors": [(i.path, i.error, list(i.additional_errors)) for i in result.inputs],
        "forked": seen["forked"],
        "meta": seen["meta"],
    }

out = {"one": run(1), "four": run(4)}
map_one = split.map_one

def broken(job, pool):
    if os.getpid() != PARENT:
        raise RuntimeError("a child's bug")
    return map_one(job, pool)

split.map_one = broken
out["failing"] = run(3)
print(json.dumps(out))
"""

_DUPLICATE = """\
apiVersion: v1
kind: Namespace
metadata:
  name: twice
---
apiVersion: v1
kind: Namespace
metadata:
  name: twice
"""


def _run(extra: Path) -> dict[str, dict[str, object]]:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": os.devnull + "-no-cache"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(ROOT), str(extra)],
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
    assert split.process_count(4, 3 * split.PER_PROCESS) == 3  # PER_PROCESS resources each
    assert split.process_count(0, 100_000) == min(len(os.sched_getaffinity(0)), 8)


def test_contiguous_shares_cut_by_weight() -> None:
    assert contiguous_shares([1, 1, 1, 1], 2) == [range(0, 2), range(2, 4)]
    assert contiguous_shares([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2) == [
        range(0, 1),
        range(1, 11),
    ]
    assert contiguous_shares([5], 4) == [range(0, 1)]
    assert contiguous_shares([1, 1, 1], 3) == [range(0, 1), range(1, 2), range(2, 3)]
    assert contiguous_shares([1, 2, 3, 4, 5, 6], 1) == [range(0, 6)]


def test_contiguous_shares_give_the_first_share_more_when_asked() -> None:
    # This process's share (the first) is ``first`` times each child's.
    assert contiguous_shares([1] * 10, 2, 1.5) == [range(0, 6), range(6, 10)]
    assert contiguous_shares([1] * 100, 2, 1.25) == [range(0, 56), range(56, 100)]
    assert contiguous_shares([1] * 9, 3, 2.0) == [range(0, 5), range(5, 7), range(7, 9)]
    assert contiguous_shares([1] * 10, 2, 1.0) == [range(0, 5), range(5, 10)]
    assert contiguous_shares([1, 1], 2, 5.0) == [range(0, 2)]  # nothing left for a child


def test_several_processes_give_the_same_result_and_a_failed_child_costs_only_time(
    tmp_path: Path,
) -> None:
    (tmp_path / "twice.yaml").write_text(_DUPLICATE)
    out = _run(tmp_path / "twice.yaml")
    one, four, failing = out["one"], out["four"], out["failing"]
    assert one["forked"] == 0
    assert four["forked"] == 3  # four shares: three children
    assert failing["forked"] == 2
    assert isinstance(one["resources"], int)
    assert one["resources"] > 20
    for other in (four, failing):
        assert other["json"] == one["json"]
        assert other["errors"] == one["errors"]
        assert other["meta"] == one["meta"]
    errors = one["errors"]
    assert isinstance(errors, list)
    duplicate = [e for e in errors if e[0].endswith("twice.yaml")]
    assert duplicate
    assert "duplicate resource id" in duplicate[0][1]
    assert any(e[0].endswith("broken/main.tf") and e[1] for e in errors)
    meta = one["meta"]
    assert isinstance(meta, list)
    assert any('"root_scope"' in m for _, m in meta)  # recorded by the Terraform mapper


def _resource(name: str, facets: Facets) -> Resource:
    return Resource(
        id=name,
        kind="storage.bucket",
        name=name,
        provider="aws",
        provider_type="aws_s3_bucket",
        facets=facets,
        location=SourceLocation(file="main.tf", start_line=1),
    )


def test_remembered_facets_are_judged_once_and_kept_alive() -> None:
    pool = FacetsPool()
    first = pool.share(_resource("a", Facets(encrypted_at_rest=True)))
    # Two resources holding one object (as unpickled together), equal to the pooled one.
    together = Facets(encrypted_at_rest=True)
    b = pool.share(_resource("b", together), remember=True)
    c = pool.share(_resource("c", together), remember=True)
    assert b.facets is first.facets
    assert c.facets is first.facets
    # An object equal in value but judged apart is pooled too; a different one is its own.
    other = pool.share(_resource("d", Facets(encrypted_at_rest=False)), remember=True)
    assert other.facets is not first.facets
    assert other.facets.encrypted_at_rest is False
    # A facet holding 1 where another holds True is never merged (exact types).
    one = pool.share(_resource("e", Facets(public_access=False, log_retention_days=1)))
    true = Facets.model_construct(public_access=False, log_retention_days=True)
    assert pool.share(_resource("f", true), remember=True).facets is not one.facets
