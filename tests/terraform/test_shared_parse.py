"""A small repository's files shared between this process and forked children
(``gdcc_audit.load.parallel.map_shares``): same results, and every failure of a child is
made good here."""

from __future__ import annotations

import os
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


def test_each_share_after_the_first_is_computed_in_a_child_and_comes_back_in_order() -> None:
    results = map_shares(_square_with_pid, [[1, 2], [3], [4, 5, 6]])
    assert [values for values, _ in results] == [[1, 4], [9], [16, 25, 36]]
    pids = [pid for _, pid in results]
    assert pids[0] == os.getpid()
    assert len({*pids[1:]}) == 2
    assert os.getpid() not in pids[1:]


def _fails_in_children(share: list[int]) -> list[int]:
    if os.getpid() != PARENT:
        raise RuntimeError("a child's bug")
    return [n + 1 for n in share]


def _killed_in_children(share: list[int]) -> list[int]:
    if os.getpid() != PARENT:
        os._exit(9)
    return [n + 1 for n in share]


def _unpicklable_in_children(share: list[int]) -> object:
    if os.getpid() != PARENT:
        return lambda: share  # cannot be pickled: the child sends nothing
    return [n + 1 for n in share]


#: This (the test) process: the functions above behave differently in a forked child.
PARENT = os.getpid()


@pytest.mark.parametrize(
    "function", [_fails_in_children, _killed_in_children, _unpicklable_in_children]
)
def test_a_share_whose_child_fails_is_computed_here(function: object) -> None:
    assert map_shares(function, [[1], [2, 3]]) == [[2], [3, 4]]  # type: ignore[arg-type]


def test_an_exception_here_stops_and_reaps_the_children() -> None:
    def parent_fails(share: list[int]) -> list[int]:
        if share == [0]:
            raise ValueError("here")
        return share

    with pytest.raises(ValueError, match="here"):
        map_shares(parent_fails, [[0], [1], [2]])
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left behind, finished or not


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
