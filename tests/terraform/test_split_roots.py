"""Terraform roots evaluated in several processes give exactly what one process gives (the
loader's documents and errors, in order, and the audit's result), and a child that fails
costs only time.

The loads that fork run in a fresh interpreter: the test process may hold other threads
(left by earlier tests), and then no child is forked (``map_shares``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

_SCRIPT = """
import datetime as dt, json, os, sys
from pathlib import Path
from gdcc_audit.api import audit
from gdcc_audit.load.terraform import loader
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

ROOT, SCANNED = Path(sys.argv[1]), Path(sys.argv[2])
FIXTURES = ROOT / "tests" / "fixtures"
PATHS = [FIXTURES / "terraform", FIXTURES / "graph" / "terraform", SCANNED]
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
loader.SPLIT_MIN_BYTES, loader.SPLIT_PER_PROCESS = 1, 1  # every load split
PARENT = os.getpid()
forked = []
fork = os.fork

def counting_fork():
    pid = fork()
    if pid:
        forked.append(pid)
    return pid

os.fork = counting_fork
evaluate_roots = loader._evaluate_roots
seen = {"forked": 0, "roots": 0}

def counting_evaluate_roots(roots, workspace):
    before = len(forked)
    try:
        return evaluate_roots(roots, workspace)
    finally:
        seen["forked"] += len(forked) - before
        seen["roots"] = max(seen["roots"], len(roots))

loader._evaluate_roots = counting_evaluate_roots
load = loader.TerraformLoader.load
items = []

def recording_load(self, claims, settings):
    for item in load(self, claims, settings):
        if isinstance(item, Exception):
            items.append(["error", str(item)])
        else:
            data = item.data
            items.append([
                item.path, item.sha256, repr(item.meta), data.root,
                repr(data.resources), repr(data.providers), repr(data.unexpanded_modules),
                len(data.root_resources),
            ])
        yield item

loader.TerraformLoader.load = recording_load

def run(workers):
    items.clear()
    seen.update(forked=0, roots=0)
    settings = Settings(now=NOW, workers=workers, cache=False)
    result = audit(PATHS, settings)
    return {
        "json": result_to_json(result, full_findings=True, full_graph=True),
        "items": list(items),
        "forked": seen["forked"],
        "roots": seen["roots"],
    }

out = {"one": run(1), "three": run(3)}
evaluate = loader._evaluate

def broken(root, workspace):
    if os.getpid() != PARENT:
        raise RuntimeError("a child's bug")
    return evaluate(root, workspace)

loader._evaluate = broken
out["failing"] = run(2)
print(json.dumps(out))
"""


_SHARED_MODULE = """\
resource "aws_s3_bucket" "data" {
  bucket = var.name
}

resource "aws_s3_bucket" "data" {
  bucket = "twice"
}

variable "name" {}
"""


def _root(name: str) -> str:
    return (
        f'module "store" {{\n  source = "../../shared/store"\n  name = "{name}"\n}}\n'
        f'resource "aws_ebs_volume" "{name}" {{\n  size = 8\n}}\n'
    )


def test_roots_evaluated_in_several_processes_give_the_same_documents(tmp_path: Path) -> None:
    # Roots calling a module outside the scanned folder: only their evaluation reads it (in
    # a child, then here too), and its duplicate block is an error of its file.
    (tmp_path / "shared" / "store").mkdir(parents=True)
    (tmp_path / "shared" / "store" / "main.tf").write_text(_SHARED_MODULE)
    for name in ("one", "two", "three"):
        (tmp_path / "scan" / name).mkdir(parents=True)
        (tmp_path / "scan" / name / "main.tf").write_text(_root(name))
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": os.devnull + "-no-cache"}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(ROOT), str(tmp_path / "scan")],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    out = json.loads(done.stdout)
    one, three, failing = out["one"], out["three"], out["failing"]
    assert one["forked"] == 0
    assert three["roots"] >= 3
    assert three["forked"] == 2  # three shares of roots: two children
    assert failing["forked"] == 1
    assert len(one["items"]) > 20
    assert any(item[0] == "error" for item in one["items"])  # broken/main.tf and others
    shared = [i for i in one["items"] if "shared/store/main.tf" in i[0] + i[1]]
    assert any(i[0] == "error" and "aws_s3_bucket.data" in i[1] for i in shared)
    assert any(i[0] != "error" for i in shared)  # its resources, in its own document
    for other in (three, failing):
        assert other["items"] == one["items"]
        assert other["json"] == one["json"]
