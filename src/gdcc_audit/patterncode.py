"""Compiled regular expressions, kept across runs of the command line.

``re.compile`` parses each pattern and turns it into the instruction list of the regular
expression engine (``_sre``) in Python code: about 600 patterns while a scan imports its
modules (pydantic's, PyYAML's, the secret detector's ...) and reads its files, 25-30 ms of
the CPU of a small scan (kubernetes-goat: 380 -> 350 ms). :func:`reuse_pattern_code` makes
``re`` take each pattern's instruction list from a table kept in the start-up cache folder
and hand it to ``_sre.compile``, as ``re._compiler.compile`` does after compiling it; the
engine validates the list it is given, as always. A pattern not in the table is compiled as
before and added; the table is written back once, at exit, when it grew. One table per
interpreter build and ``_sre`` version (the instruction set changes between Python versions);
a damaged table is ignored and rewritten.

Only the command line installs it (beside :mod:`gdcc_audit.classcode`): importing
``gdcc_audit`` changes no module of the standard library. The table lives in the private
cache folder (mode 0700) like the rest of the start-up cache.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import array
import atexit
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from re import _compiler, _parser  # type: ignore[attr-defined]
from typing import Any

from gdcc_audit.diskcache import STARTUP_FOLDER, default_directory
from gdcc_audit.startup_table import read_table, write_table

_MAGIC = b"GDCCRE2\n"
#: Past this many patterns the table keeps only those this run used (patterns made at run
#: time, such as the globs of IAM actions, would otherwise pile up).
MAX_ENTRIES = 2000
#: How an instruction list is kept: as the bytes of an array of ``_sre.CODESIZE``-byte
#: unsigned ints (``marshal`` reads bytes ~40 times faster than a list of ints: 0.3 against
#: 13 ms for 700 patterns), made a list again only for a pattern a run compiles.
_CODE_TYPE = "I"
#: ``re``'s debug flag: such a pattern prints its code when compiled, so it is never taken
#: from the table.
_DEBUG = 128

#: (pattern, flags) -> the arguments of ``_sre.compile`` after the pattern: flags, code (as
#: bytes, see ``_CODE_TYPE``), number of groups, group index, index group.
_Entry = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
_TABLE: dict[tuple[str | bytes, int], _Entry] = {}
_USED: set[tuple[str | bytes, int]] = set()
_STATE: dict[str, Any] = {}


def table_path() -> Path:
    """The table's file: in the start-up cache folder, named for this interpreter."""
    tag = hashlib.sha256(
        f"{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}".encode()
    ).hexdigest()[:16]
    return default_directory() / STARTUP_FOLDER / f"pattern-code-{tag}"


def reuse_pattern_code() -> None:
    """Have ``re`` take compiled patterns from the table (once per process)."""
    if _STATE or array.array(_CODE_TYPE).itemsize != _sre.CODESIZE:
        return
    path = table_path()
    original: Callable[..., Any] = _compiler.compile
    _STATE.update(path=path, pid=os.getpid(), grown=False, original=original)
    _TABLE.update(_read(path))
    _compiler.compile = _compile
    atexit.register(_write)


def _compile(p: Any, flags: int = 0) -> Any:
    """``re._compiler.compile``, a pattern's code from the table when it holds it."""
    if not isinstance(p, (str, bytes)) or flags & _DEBUG:
        return _STATE["original"](p, flags)
    key = (p, int(flags))
    entry = _TABLE.get(key)
    if entry is None:
        entry = _entry(p, int(flags))
        _TABLE[key] = entry
        _STATE["grown"] = True
    _USED.add(key)
    final, code, groups, groupindex, indexgroup = entry
    return _sre.compile(
        p, final, array.array(_CODE_TYPE, code).tolist(), groups, groupindex, indexgroup
    )


def _entry(pattern: str | bytes, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands ``_sre.compile`` for ``pattern`` (plain values, so
    that ``marshal`` can write it)."""
    parsed = _parser.parse(pattern, flags)
    code = array.array(_CODE_TYPE, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (
        int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex,
        tuple(indexgroup),
    )


def _read(path: Path) -> dict[tuple[str | bytes, int], _Entry]:
    """The table in ``path``; empty when absent, damaged or of another shape."""
    return read_table(path, _MAGIC, _valid)


def _valid(key: Any, entry: Any) -> bool:
    """Whether a table item has the shape :func:`_compile` expects."""
    return (
        isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], (str, bytes))
        and isinstance(key[1], int)
        and isinstance(entry, tuple) and len(entry) == 5 and isinstance(entry[0], int)
        and isinstance(entry[1], bytes) and len(entry[1]) % _sre.CODESIZE == 0
        and isinstance(entry[2], int)
        and isinstance(entry[3], dict) and isinstance(entry[4], tuple)
    )


def _write() -> None:
    """Write the table back when this run compiled a pattern it did not hold (not from a
    forked child); any failure only costs the compilations next time."""
    if not _STATE.get("grown") or _STATE.get("pid") != os.getpid():
        return
    table = _TABLE if len(_TABLE) <= MAX_ENTRIES else {k: _TABLE[k] for k in _USED}
    write_table(_STATE["path"], _MAGIC, table)
    _STATE["grown"] = False
