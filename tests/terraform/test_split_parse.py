"""A large file parsed by several processes: the same syntax tree, issues and cap as one."""

from __future__ import annotations

import concurrent.futures
from typing import Any

import pytest

from gdcc_audit.load import parallel
from gdcc_audit.load.terraform import loader, parse
from gdcc_audit.load.terraform.parse import ParsedHcl, _parser, chunks, parse_hcl

BLOCK = (
    'resource "aws_s3_bucket" "b{i}" {{\n'
    '  bucket = "tenant-${{var.env}}-{i}"\n'
    '  tags   = merge(local.tags, {{ Name = "b{i}", N = {i} }})\n'
    "}}\n\n"
)


@pytest.fixture(autouse=True)
def _small_pieces(monkeypatch: pytest.MonkeyPatch) -> None:
    # 512 KiB pieces and 4 MiB files in real use: the same code on small inputs.
    monkeypatch.setattr(parse, "CHUNK_BYTES", 2_048)
    monkeypatch.setattr(parse, "SPLIT_BYTES", 8_192)


def _source(count: int, broken: int | None = None) -> bytes:
    text = "".join(BLOCK.format(i=i) for i in range(count))
    if broken is not None:  # one block cut short in the middle of the file
        marker = f'resource "aws_s3_bucket" "b{broken}" {{\n'
        text = text.replace(marker, marker + '  acl = "private\n  oops = = \n', 1)
    return text.encode()


def _both(source: bytes, **limits: int) -> tuple[ParsedHcl, ParsedHcl]:
    serial = parse_hcl("big.tf", source, workers=1, **limits)
    split = parse_hcl("big.tf", source, workers=2, **limits)
    return serial, split


@pytest.fixture
def splits(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of groups of each split parse (one per process)."""
    calls: list[int] = []
    original = parallel.map_shares

    def spy(function: Any, items: Any) -> Any:
        calls.append(len(items))
        return original(function, items)

    monkeypatch.setattr(parallel, "map_shares", spy)
    return calls


def test_split_parse_equals_one_process(splits: list[int]) -> None:
    source = _source(600)
    assert len(list(chunks(source, 2_048))) > 20
    serial, split = _both(source)
    assert splits == [2]  # one group here, one in a worker process
    assert split == serial
    assert len(split.body.blocks) == 600
    assert split.issues == []
    last = split.body.blocks[-1]
    assert (last.labels, last.start_line, last.end_line) == (("aws_s3_bucket", "b599"), 2996, 2999)


def test_split_parse_reports_a_broken_block_on_its_line() -> None:
    source = _source(600, broken=450)
    serial, split = _both(source)
    assert split == serial
    names = {b.labels[1] for b in split.body.blocks}
    # The broken block takes the rest of its piece with it, as in one process.
    assert sorted(f"b{i}" for i in range(600) if f"b{i}" not in names) == [
        "b450",
        "b451",
        "b452",
        "b453",
        "b454",
        "b455",
    ]
    (issue,) = split.issues
    assert issue.line == 2254  # in the second group: lines counted from the file's start
    # Where the lost block starts, in the file (it was the line within its piece), and the
    # lines the recovery took with it (b451-b455: it named b450 alone before stop 40).
    assert issue.message.endswith(
        "block resource aws_s3_bucket b450 (line 2251, never closed: lines 2251-2282 with "
        "every block in them) skipped"
    )


@pytest.mark.parametrize("share", [0.05, 0.45, 0.6, 0.9, 2.0])
def test_node_cap_stops_at_the_same_block(share: float) -> None:
    """The cap crossed in the first group, in a later one, or never: the same blocks kept,
    the same issue on the same line."""
    source = _source(600)
    cap = int(_parser().parse(source).root_node.descendant_count * share)
    serial, split = _both(source, max_nodes=cap)
    assert split == serial
    kept = len(split.body.blocks)
    assert kept == 600 if share > 1 else kept == pytest.approx(600 * share, abs=10)
    if share < 1:
        (issue,) = split.issues
        assert issue.line == kept * 5 + 1
        assert issue.message.startswith(f"more than {cap:,} syntax nodes")


def test_no_worker_process_falls_back_to_one(monkeypatch: pytest.MonkeyPatch) -> None:
    class Refused:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError("no processes here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Refused)
    source = _source(300, broken=200)
    serial, split = _both(source)
    assert split == serial
    assert len(split.body.blocks) == 299


@pytest.mark.parametrize("workers", [0, 2])
def test_scan_of_a_large_file_is_the_same_with_one_or_two_processes(
    tmp_path: Any, settings: Any, monkeypatch: pytest.MonkeyPatch, workers: int, splits: list[int]
) -> None:
    from gdcc_audit import audit

    monkeypatch.setattr(loader, "available_cpus", lambda: 2)  # workers=0: the CPUs
    (tmp_path / "main.tf").write_bytes(_source(400, broken=123))
    results = [
        audit([tmp_path], settings.model_copy(update={"workers": n, "cache": False}))
        for n in (1, workers)
    ]
    assert splits == [2]  # the second scan parsed the file in two processes
    one, two = (r.model_dump(exclude={"scanned_at"}) for r in results)
    assert one == two
    (item,) = results[1].inputs
    assert len(results[1].resources) == 397
    assert item.line == 619
    assert item.error is not None
    # 397 of 400 read: b124 and b125 were lost with b123, and the error says so
    assert item.error.endswith(
        "block resource aws_s3_bucket b123 (line 616, never closed: lines 616-632 with every "
        "block in them) skipped"
    )


def _in_daemon(queue: Any, source: bytes) -> None:
    try:
        queue.put(parse_hcl("big.tf", source, workers=2))
    except BaseException as exc:  # reported to the test instead of dying silently
        queue.put(repr(exc))


def test_a_daemonic_process_parses_in_one(monkeypatch: pytest.MonkeyPatch) -> None:
    """A Dask worker (``portfolio scan``) is a daemonic process, which may not start worker
    processes (``AssertionError``): a large file is parsed there in one process."""
    import multiprocessing

    source = _source(300, broken=200)
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    child = context.Process(target=_in_daemon, args=(queue, source), daemon=True)
    child.start()
    got = queue.get(timeout=60)
    child.join(timeout=60)
    assert got == parse_hcl("big.tf", source, workers=1)
    assert parallel.map_files(abs, [-1, -2, -3], 2) == [1, 2, 3]  # here: not daemonic
