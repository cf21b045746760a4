"""A small repository's files shared between this process and forked children
(``gdcc_audit.load.parallel.map_shares``): same results, and every failure of a child is
made good here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load import parallel
from gdcc_audit.load.parallel import (
    SHARE_MIN_BYTES,
    balanced_shares,
    map_shares,
    share_count,
)
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

NOW = "2026-11-23T00:00:00Z"
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")


def _square_with_pid(share: list[int]) -> tuple[list[int], int]:
    return [n * n for n in share], os.getpid()


#: The fork tests run in a fresh interpreter: the test process may hold other threads (left by
#: earlier tests), and then map_shares rightly does not fork.
_CHILDREN = """
import json, os, sys
from gdcc_audit.load.parallel import map_shares

PARENT = os.getpid()

def square_with_pid(share):
    return [n * n for n in share], os.getpid()

def fails(share):
    if os.getpid() != PARENT:
        raise RuntimeError("a child's bug")
    return [n + 1 for n in share]

def killed(share):
    if os.getpid() != PARENT:
        os._exit(9)
    return [n + 1 for n in share]

def unpicklable(share):
    if os.getpid() != PARENT:
        return lambda: share  # cannot be pickled: the child sends nothing
    return [n + 1 for n in share]

def parent_fails(share):
    if share == [0]:
        raise ValueError("here")
    return share

out = {}
results = map_shares(square_with_pid, [[1, 2], [3], [4, 5, 6]])
out["values"] = [values for values, _ in results]
pids = [pid for _, pid in results]
out["first_here"] = pids[0] == PARENT
out["children"] = len(set(pids[1:])) if PARENT not in pids[1:] else 0
out["made_good"] = [map_shares(f, [[1], [2, 3]]) for f in (fails, killed, unpicklable)]
try:
    map_shares(parent_fails, [[0], [1], [2]])
except ValueError:
    try:
        os.waitpid(-1, os.WNOHANG)
        out["reaped"] = False
    except ChildProcessError:
        out["reaped"] = True  # no child left behind, finished or not
print(json.dumps(out))
"""


def test_shares_run_in_forked_children_and_every_failure_is_made_good_here() -> None:
    done = subprocess.run(
        [sys.executable, "-c", _CHILDREN], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {
        "values": [[1, 4], [9], [16, 25, 36]],
        "first_here": True,
        "children": 2,  # each share after the first in a child of its own
        # a child that raises, is killed, or sends what cannot be pickled: redone here
        "made_good": [[[2], [3, 4]]] * 3,
        "reaped": True,  # an exception here stops and reaps the children
    }


def test_sharing_imports_no_multiprocessing() -> None:
    """A process where ``multiprocessing`` was never imported is no daemonic worker: shares are
    forked without importing it (it costs ~5 ms of a small scan's start)."""
    code = (
        "import json, os, sys\n"
        "from gdcc_audit.load.parallel import map_shares\n"
        "pids = map_shares(lambda share: os.getpid(), [[1], [2]])\n"
        "print(json.dumps([pids[0] == os.getpid(), pids[1] != os.getpid(),"
        " 'multiprocessing' in sys.modules]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == [True, True, False]


def test_no_fork_while_other_threads_run() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        results = map_shares(_square_with_pid, [[1], [2]])
    finally:
        stop.set()
        other.join()
    assert [pid for _, pid in results] == [os.getpid(), os.getpid()]


def test_share_count_and_balance() -> None:
    assert share_count(0, [SHARE_MIN_BYTES - 1]) == 1  # one file: nothing to share
    assert share_count(0, [SHARE_MIN_BYTES // 4] * 3) == 1  # too little work to share
    assert share_count(1, [SHARE_MIN_BYTES] * 8) == 1  # --workers 1
    many = share_count(0, [SHARE_MIN_BYTES] * 8)
    assert many == min(parallel.available_cpus(), 8)
    assert balanced_shares([5, 1, 1, 1, 1, 1], 2) == [[0], [1, 2, 3, 4, 5]]
    assert balanced_shares([3, 3], 4) == [[0], [1]]  # no empty share


def _tenant(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for index in range(12):
        (folder / f"part{index}.tf").write_text(
            "".join(
                f'resource "aws_security_group" "web_{index}_{n}" {{\n'
                f'  name = "web-{index}-{n}"\n'
                "  ingress {\n    from_port   = 22\n    to_port     = 22\n"
                '    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
                for n in range(40)
            )
        )
    (folder / "broken.tf").write_text('resource "aws_s3_bucket" "b" {\n  bucket = \n')
    return folder


def test_a_shared_parse_gives_the_same_result_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tenant = _tenant(tmp_path / "t")
    assert share_count(0, [p.stat().st_size for p in tenant.iterdir()]) == min(
        parallel.available_cpus(), 8
    )
    shared_calls: list[int] = []
    real = parallel.map_shares

    def counted(function: object, shares: list[object]) -> object:
        shared_calls.append(len(shares))
        return real(function, shares)  # type: ignore[arg-type]

    from gdcc_audit.load.terraform import loader

    monkeypatch.setattr(loader, "map_shares", counted)
    settings = {"now": NOW, "cache": True, "cache_dir": str(tmp_path / "cache")}
    one = audit([tenant], Settings(**settings, workers=1))  # type: ignore[arg-type]
    assert shared_calls == []
    (tmp_path / "cache").rename(tmp_path / "cache-one")
    shared = audit([tenant], Settings(**settings))  # type: ignore[arg-type]
    if parallel.available_cpus() > 1:
        assert shared_calls == [min(parallel.available_cpus(), 8)]
    assert result_to_json(shared, full_findings=True) == result_to_json(one, full_findings=True)
    assert len(shared.resources) == 480
    broken = [(i.path.rsplit("/", 1)[-1], i.status.value, i.line) for i in shared.not_assessed]
    assert broken == [("broken.tf", "partially_assessed", 1)]
    # the children wrote their parses to the cache, as this process does
    entries = sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert entries == sorted(p.name for p in (tmp_path / "cache-one").rglob("*") if p.is_file())
