"""The parse cache (content-hash keyed, atomic, corrupt entries rewritten) and parallel parsing."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.load.cache import ParseCache
from gdcc_audit.load.terraform import ast
from gdcc_audit.load.terraform.loader import read_hcl_file
from gdcc_audit.load.terraform.parse import ParsedHcl, parse_hcl
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

MAIN_TF = """
resource "aws_s3_bucket" "logs" {
  bucket = "agency-logs"
}

resource "aws_security_group" "web" {
  name = "web"
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""
NOW = "2026-11-23T00:00:00Z"


def _tenant(folder: Path, files: int = 1) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(files):
        body = MAIN_TF.replace('"logs"', f'"logs_{index}"').replace('"web"', f'"web_{index}"')
        (folder / f"part{index}.tf").write_text(body)
    return folder


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in cache.rglob("*") if p.is_file())


def test_second_read_comes_from_the_cache_and_equals_a_parse(tmp_path: Path) -> None:
    path = str(_tenant(tmp_path / "t") / "part0.tf")
    cache = ParseCache(tmp_path / "cache")
    first = read_hcl_file(path, Settings(), cache)
    second = read_hcl_file(path, Settings(), cache)
    assert first is not None
    assert second is not None
    assert (cache.misses, cache.hits) == (1, 1)
    assert second.parsed == first.parsed == parse_hcl(path, Path(path).read_bytes())
    assert second.sha256 == first.sha256
    assert [b.labels for b in second.parsed.body.blocks] == [
        ("aws_s3_bucket", "logs_0"),
        ("aws_security_group", "web_0"),
    ]


def test_a_changed_file_is_a_different_key(tmp_path: Path) -> None:
    path = _tenant(tmp_path / "t") / "part0.tf"
    cache = ParseCache(tmp_path / "cache")
    read_hcl_file(str(path), Settings(), cache)
    path.write_text(MAIN_TF.replace("agency-logs", "agency-audit-logs"))
    changed = read_hcl_file(str(path), Settings(), cache)
    assert changed is not None
    assert changed.parsed is not None
    assert (cache.misses, cache.hits) == (2, 0)
    bucket = changed.parsed.body.blocks[0].body.attributes["bucket"].expr
    assert bucket == ast.Lit("agency-audit-logs")
    assert len(_entries(tmp_path / "cache")) == 2


#: Ways a cache entry gets damaged (also used by tests/test_startup_cache.py).
CORRUPTIONS = [
    lambda data: data[: len(data) // 2],  # truncated
    lambda data: data[:-1] + bytes([data[-1] ^ 0xFF]),  # a flipped byte: checksum fails
    lambda data: b"not a cache entry at all",
    lambda data: b"",
]


@pytest.mark.parametrize("damage", CORRUPTIONS)
def test_a_corrupt_entry_is_ignored_and_rewritten(tmp_path: Path, damage: object) -> None:
    path = str(_tenant(tmp_path / "t") / "part0.tf")
    cache = ParseCache(tmp_path / "cache")
    good = read_hcl_file(path, Settings(), cache)
    (entry,) = _entries(tmp_path / "cache")
    entry.write_bytes(damage(entry.read_bytes()))  # type: ignore[operator]
    again = read_hcl_file(path, Settings(), cache)
    assert again is not None
    assert good is not None
    assert again.parsed == good.parsed
    assert (cache.misses, cache.hits) == (2, 0)
    assert ParseCache(tmp_path / "cache").get(entry.name, ParsedHcl) == good.parsed  # rewritten


def test_an_entry_of_the_wrong_type_is_not_used(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    key = cache.key("hcl", "x.tf", "0" * 64)
    cache.put(key, {"not": "a parse"})
    assert cache.get(key, ParsedHcl) is None
    assert _entries(tmp_path / "cache") == []


def _hammer(directory: str, key: str, rounds: int) -> list[str]:
    cache = ParseCache(Path(directory))
    value = parse_hcl("x.tf", MAIN_TF.encode())
    seen = []
    for _ in range(rounds):
        cache.put(key, value)
        found = cache.get(key, ParsedHcl)
        seen.append("ok" if found == value else "missing" if found is None else "WRONG")
    return seen


def test_concurrent_writers_never_leave_a_partial_entry(tmp_path: Path) -> None:
    key = ParseCache.key("hcl", "x.tf", "1" * 64)
    context = multiprocessing.get_context("fork")
    with context.Pool(4) as pool:
        results = pool.starmap(_hammer, [(str(tmp_path), key, 40)] * 4)
    flat = [r for rs in results for r in rs]
    assert "WRONG" not in flat
    assert flat.count("ok") >= len(flat) - 4  # a reader may rarely find none, never half
    assert [p.name for p in _entries(tmp_path)] == [key]  # no temporary files left behind


def test_every_syntax_tree_class_pickles_by_its_fields() -> None:
    parsed = parse_hcl("main.tf", MAIN_TF.encode())
    assert pickle.loads(pickle.dumps(parsed)) == parsed
    import dataclasses

    classes = [
        c
        for c in vars(ast).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == ast.__name__
    ]
    assert classes
    for cls in classes:
        assert "__reduce__" in vars(cls), f"{cls.__name__}: decorate it with fast_pickle"


def test_no_cache_writes_nothing_and_cache_writes_entries(tmp_path: Path) -> None:
    tenant = _tenant(tmp_path / "t")
    cache = tmp_path / "cache"
    for flag in ("--no-cache",):
        out = tmp_path / "off.json"
        args = ["scan", str(tenant), "-q", "--now", "2026-11-23", "--format", "json"]
        run([*args, "-o", str(out), "--fail-on", "none", flag])
    assert not cache.exists()
    off = json.loads((tmp_path / "off.json").read_text())

    settings = Settings(now=NOW, cache_dir=str(cache))  # type: ignore[arg-type]
    on_cold = audit([tenant], settings)
    assert len(_entries(cache)) == 1
    on_warm = audit([tenant], settings)
    assert result_to_json(on_warm) == result_to_json(on_cold)
    assert json.loads(result_to_json(on_warm))["findings"] == off["findings"]
    assert "cache" not in off["settings"]  # how a run is done is not part of the result


def test_parallel_parsing_gives_the_same_result_as_one_process(tmp_path: Path) -> None:
    tenant = _tenant(tmp_path / "t", files=30)
    serial = audit([tenant], Settings(now=NOW, cache=False, workers=1))  # type: ignore[arg-type]
    parallel = audit([tenant], Settings(now=NOW, cache=False, workers=2))  # type: ignore[arg-type]
    assert result_to_json(parallel, full_findings=True) == result_to_json(
        serial, full_findings=True
    )
    assert len(serial.resources) == 60


def test_worker_count_stays_one_for_a_few_files() -> None:
    from gdcc_audit.load.parallel import MIN_FILES, worker_count

    assert worker_count(0, [10_000] * (MIN_FILES - 1)) == 1
    assert worker_count(0, [10] * 1000) == 1  # many tiny files: not worth a process
    assert worker_count(3, [10]) == 3  # asked for
    assert worker_count(0, [100_000] * 200) >= 1


def test_yaml_parses_are_cached_and_errors_are_not(tmp_path: Path) -> None:
    from gdcc_audit.errors import InputError
    from gdcc_audit.load.cache import parse_yaml_cached

    cache = ParseCache(tmp_path / "cache")
    text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n"
    first = parse_yaml_cached(text, "a.yaml", cache)
    second = parse_yaml_cached(text, "a.yaml", cache)
    assert (cache.misses, cache.hits) == (1, 1)
    assert second[0].data == first[0].data == {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "a"},
    }
    assert second[0].line_of("/metadata/name") == 4
    with pytest.raises(InputError, match="duplicate"):
        parse_yaml_cached("a: 1\na: 2\n", "b.yaml", cache)
    with pytest.raises(InputError, match="duplicate"):
        parse_yaml_cached("a: 1\na: 2\n", "b.yaml", cache)  # raised again, never cached
    assert len(_entries(tmp_path / "cache")) == 1


def test_a_parse_pickled_without_the_memo_reads_back_equal(tmp_path: Path) -> None:
    # Large parses are written without the pickle memo (straight to the file, checksum after).
    block = 'resource "aws_s3_bucket" "b{0}" {{\n  bucket = "x{0}"\n}}\n'
    source = "".join(block.format(i) for i in range(50))
    parsed = parse_hcl("main.tf", source.encode())
    cache = ParseCache(tmp_path / "cache")
    cache.put(cache.key("hcl", "main.tf", "a"), parsed, memo=False)
    cache.put(cache.key("hcl", "main.tf", "b"), parsed)
    assert cache.get(cache.key("hcl", "main.tf", "a"), ParsedHcl) == parsed
    assert cache.get(cache.key("hcl", "main.tf", "b"), ParsedHcl) == parsed


def test_an_unpicklable_value_leaves_nothing_behind(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path / "cache")
    cache.put(cache.key("hcl", "x", "y"), lambda: None)  # lambdas cannot be pickled
    assert cache.get(cache.key("hcl", "x", "y"), object) is None
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()] == []


#: Run in a fresh interpreter: the test process may hold other threads, and then no child is
#: forked (the entry is written here, as the last test checks).
_WRITER = """
import json, os, sys
from pathlib import Path
from gdcc_audit.load.cache import ParseCache
from gdcc_audit.load.interface import Claim
from gdcc_audit.load.terraform import loader, parse
from gdcc_audit.settings import Settings

loader._WRITE_BESIDE = 100  # every file of this size is written by a child
loader._PARTS_FROM = 100  # in parts
forks = []
real_fork = os.fork
def counting_fork():
    pid = real_fork()
    if pid:
        forks.append(pid)
    return pid
os.fork = counting_fork
folder, cache = Path(sys.argv[1]), Path(sys.argv[2])
settings = Settings(cache_dir=str(cache), workers=1)
items = list(loader.TerraformLoader().load([Claim(folder / "main.tf")], settings))
try:
    os.waitpid(-1, os.WNOHANG)
    reaped = False
except ChildProcessError:
    reaped = True
path = str(folder / "main.tf")
again = loader.read_hcl_file(path, settings, ParseCache(cache), parse=False)
print(json.dumps({
    "forks": len(forks),
    "reaped": reaped,
    "cached": again is not None and again.parsed == parse.parse_hcl(path, Path(path).read_bytes()),
    "resources": sum(len(i.data.resources) for i in items if hasattr(i, "data")),
}))
"""


def test_a_large_parse_is_written_by_a_forked_child(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _tenant(tmp_path / "t")
    (folder / "part0.tf").rename(folder / "main.tf")
    done = subprocess.run(
        [sys.executable, "-c", _WRITER, str(folder), str(tmp_path / "cache")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) == {
        "forks": 1,  # one child wrote the entry
        "reaped": True,  # and was waited for before the loader returned
        "cached": True,  # a whole entry, equal to a parse
        "resources": 2,
    }


def test_without_a_fork_the_entry_is_written_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdcc_audit.load import parallel
    from gdcc_audit.load.terraform import loader

    monkeypatch.setattr(loader, "_WRITE_BESIDE", 100)
    monkeypatch.setattr(parallel, "_may_fork", lambda: False)
    path = str(_tenant(tmp_path / "t") / "part0.tf")
    cache = ParseCache(tmp_path / "cache")
    writers: list[int] = []
    first = read_hcl_file(path, Settings(), cache, writers=writers)
    assert writers == []
    again = read_hcl_file(path, Settings(), cache, parse=False)
    assert first is not None
    assert again is not None
    assert again.parsed == first.parsed


def test_a_large_parse_is_cached_in_parts_and_reads_back_equal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Large parses are written as the file's attributes and issues, then its top-level blocks
    # a few at a time, each part pickled with a memo of its own.
    from gdcc_audit import diskcache
    from gdcc_audit.load.terraform import loader

    monkeypatch.setattr(loader, "_PARTS_FROM", 100)
    monkeypatch.setattr(loader, "_BLOCKS_PER_PART", 3)
    block = 'resource "aws_s3_bucket" "b{0}" {{\n  bucket = "x{0}"\n}}\n'
    source = 'top = "level"\n' + "".join(block.format(i) for i in range(10)) + "broken = \n"
    path = tmp_path / "main.tf"
    path.write_text(source)
    cache = ParseCache(tmp_path / "cache")
    first = read_hcl_file(str(path), Settings(), cache)
    assert first is not None
    assert first.parsed == parse_hcl(str(path), source.encode())
    assert first.parsed is not None
    assert len(first.parsed.body.blocks) == 10
    assert first.parsed.issues  # the broken line
    [entry] = _entries(tmp_path / "cache")
    parts = diskcache._decode_parts(entry.read_bytes())
    assert parts is not None
    assert [len(part) for part in parts[1:]] == [3, 3, 3, 1]
    assert parts[0].body.blocks == []
    assert list(parts[0].body.attributes) == ["top"]
    second = read_hcl_file(str(path), Settings(), cache)
    assert second is not None
    assert (cache.misses, cache.hits) == (1, 1)
    assert second.parsed == first.parsed
    assert [str(e) for e in second.errors] == [str(e) for e in first.errors]
    # A cut entry is ignored, deleted and written again.
    entry.write_bytes(entry.read_bytes()[:-20])
    third = read_hcl_file(str(path), Settings(), cache)
    assert third is not None
    assert third.parsed == first.parsed
    assert (cache.misses, cache.hits) == (2, 1)
    assert diskcache._decode_parts(entry.read_bytes()) == parts


def test_the_tf_json_translation_is_part_of_the_cache_stamp() -> None:
    """A ``.tf.json`` is cached as the HCL parse of its translation to native syntax
    (json_syntax.py), keyed by the file's bytes: a fix of the translation (stop 32: CDKTF
    ``"//"`` properties, expressions with strings) was not seen by a cache written before,
    whose entry kept the file partially assessed."""
    from gdcc_audit.load import cache

    assert "load/terraform/json_syntax.py" in cache._PARSER_MODULES
