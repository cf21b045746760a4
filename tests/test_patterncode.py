"""The command line's table of compiled regular expressions (gdcc_audit.patterncode)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from gdcc_audit import patterncode

#: Compiles patterns of several shapes (named groups, flags, bytes, look-behind, Unicode)
#: through the table and with ``re``'s own compiler, and prints whether every pattern
#: matches, groups and reports itself the same; then whether the table held every pattern
#: (``hits``).
SCRIPT = r"""
import re
from re import _compiler
from gdcc_audit import patterncode
patterncode.reuse_pattern_code()
held = set(patterncode._TABLE)
original = patterncode._STATE["original"]
cases = [
    (r"(?P<key>[a-z_]+)\s*=\s*(?P<value>\S+)", 0, "name = value x"),
    (r"^\s*(?:password|secret)\b", re.IGNORECASE | re.MULTILINE, "a\n  PASSWORD: x"),
    (rb"\x00(?P<b>[\x80-\xff]+)", 0, b"\x00\x81\x82"),
    (r"(?<=[a-z0-9])(?=[A-Z])", 0, "camelCaseName"),
    (r"[ก-๙]+|\w+", 0, "ค่าเริ่มต้น default"),
    (r"(a)|(b)(?:c)?", re.VERBOSE, "bc"),
]
same = True
for text, flags, subject in cases:
    mine, theirs = re.compile(text, flags), original(text, int(flags))
    same &= (mine.flags, mine.groups, mine.groupindex) == (
        theirs.flags, theirs.groups, theirs.groupindex)
    found = [m.groups() for m in mine.finditer(subject)]
    same &= found == [m.groups() for m in theirs.finditer(subject)] and bool(found)
    same &= mine.sub(lambda m: m.group(0) * 2, subject) == theirs.sub(
        lambda m: m.group(0) * 2, subject)
used = {(t, int(f)) for t, f, _ in cases}
print("same", same)
print("hits", used <= held)
print("bytes", all(isinstance(e[1], bytes) for e in patterncode._TABLE.values()))
"""


def _run(tmp_path: Path) -> list[str]:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout.splitlines()


def test_patterns_from_the_table_match_as_compiled_ones(tmp_path: Path) -> None:
    # compiled, then written; each instruction list kept as bytes (marshal reads a table of
    # lists of ints ~40 times slower: 13 ms for 700 patterns, more than they save)
    assert _run(tmp_path) == ["same True", "hits False", "bytes True"]
    assert len(list((tmp_path / "startup").glob("pattern-code-*"))) == 1
    assert _run(tmp_path) == ["same True", "hits True", "bytes True"]  # read, not compiled


def test_a_damaged_table_is_ignored_and_rewritten(tmp_path: Path) -> None:
    _run(tmp_path)
    (table,) = (tmp_path / "startup").glob("pattern-code-*")
    table.write_bytes(b"GDCCRE2\n" + b"\0" * 40)
    assert _run(tmp_path)[:2] == ["same True", "hits False"]
    assert _run(tmp_path)[:2] == ["same True", "hits True"]


def test_a_table_past_its_size_keeps_what_the_run_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "table"
    old = {(f"old{n}", 0): patterncode._entry(f"old{n}", 0) for n in range(3)}
    new = {(f"new{n}", 0): patterncode._entry(f"new{n}", 0) for n in range(2)}
    monkeypatch.setattr(patterncode, "_TABLE", {**old, **new})
    monkeypatch.setattr(patterncode, "_USED", set(new))
    monkeypatch.setattr(patterncode, "_STATE", {"grown": True, "pid": os.getpid(), "path": path})
    monkeypatch.setattr(patterncode, "MAX_ENTRIES", 4)
    patterncode._write()
    assert patterncode._read(path) == new  # patterns made at run time do not pile up


def test_the_command_line_reads_the_table(tmp_path: Path) -> None:
    env = {**os.environ, "GDCC_AUDIT_CACHE_DIR": str(tmp_path)}
    empty = tmp_path / "empty"
    empty.mkdir()
    command = [sys.executable, "-m", "gdcc_audit", "scan", str(empty), "-q", "--format", "json"]
    subprocess.run(command, env=env, capture_output=True, check=True)
    (table,) = (tmp_path / "startup").glob("pattern-code-*")
    written = table.stat().st_mtime_ns
    assert table.stat().st_size > 10_000  # the patterns of the modules a scan imports
    subprocess.run(command, env=env, capture_output=True, check=True)
    assert table.stat().st_mtime_ns == written  # every pattern held: not written again


def test_importing_the_package_changes_no_standard_module() -> None:
    code = (
        "import re._compiler as c; f = c.compile; import gdcc_audit.api; "
        "print(c.compile is f)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "True"
