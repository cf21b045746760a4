"""Compiled methods of dataclasses, kept across runs of the command line.

``dataclasses`` writes each method it adds to a class (``__init__``, ``__repr__``, ``__eq__``,
``__setattr__`` of a frozen class ...) as Python source and compiles it with ``exec``: about
800 compilations while a scan imports its modules and pydantic's, 8 % of the instructions of a
small scan (callgrind, terragoat: 2.619 -> 2.401 G). :func:`reuse_class_code` makes the
``exec`` that ``dataclasses`` calls take each source's code object from a table kept in the
start-up cache folder. A code object is what ``exec`` compiles there: the same source, file
name ``<string>``, no ``__future__`` flag (``dataclasses`` has none) and the interpreter's
optimisation level, so every class gets the same methods. A source not in the table is
compiled as before and added; the table is written back once, at exit, when it grew. One table
per interpreter build and optimisation level (bytecode and the ``marshal`` format change
between Python versions); a damaged table is ignored and rewritten.

The same table keeps the code of ``typing.ForwardRef``'s expressions: pydantic and
``typing`` read every annotation written as a string (``from __future__ import annotations``
in the models, ``pydantic_core.core_schema``'s TypedDicts) through a ``ForwardRef``, which
compiles its text with ``compile(text, "<string>", "eval")``: 1,331 compilations of 318 texts
in a pre-commit hook run, ~20 ms of its CPU. :func:`reuse_class_code` makes that ``compile``
take the code object from the table (what ``compile`` returns there: ``typing`` has no
``__future__`` flag either); any other call of ``typing``'s ``compile`` is passed on as it is.

Only the command line installs it: importing ``gdcc_audit`` changes no module of the
standard library. Like the rest of the cache folder (private, mode 0700), the table holds
executable state: the folder must not be writable by anyone the user does not trust.
"""

from __future__ import annotations

import atexit
import builtins
import dataclasses
import hashlib
import os
import sys
import typing
from pathlib import Path
from types import CodeType
from typing import Any

from gdcc_audit.diskcache import STARTUP_FOLDER, default_directory
from gdcc_audit.startup_table import read_table, write_table

_MAGIC = b"GDCCDC1\n"
#: Past this many sources the table keeps only those this run used (sources of older code
#: would otherwise pile up).
MAX_ENTRIES = 4000

_TABLE: dict[str, CodeType] = {}
_USED: set[str] = set()
_STATE: dict[str, Any] = {}


def table_path() -> Path:
    """The table's file: in the start-up cache folder, named for this interpreter."""
    tag = hashlib.sha256(f"{sys.version}\0{sys.flags.optimize}".encode()).hexdigest()[:16]
    return default_directory() / STARTUP_FOLDER / f"dataclass-code-{tag}"


def reuse_class_code() -> None:
    """Have ``dataclasses`` take compiled methods from the table (once per process)."""
    if _STATE:
        return
    path = table_path()
    _STATE.update(path=path, pid=os.getpid(), grown=False)
    _TABLE.update(_read(path))
    vars(dataclasses)["exec"] = _exec
    vars(typing)["compile"] = _compile
    atexit.register(_write)


def _exec(source: Any, namespace: Any = None, local: Any = None, /) -> None:
    """``exec`` as ``dataclasses`` calls it, a source string's code object from the table."""
    if namespace is None:
        namespace = vars(dataclasses)  # what exec would use: its caller's globals
    if isinstance(source, str):
        code = _TABLE.get(source)
        if code is None:
            code = compile(source, "<string>", "exec", dont_inherit=True)
            _TABLE[source] = code
            _STATE["grown"] = True
        _USED.add(source)
        source = code
    builtins.exec(source, namespace, local)


#: Key prefix of an expression's code (``typing.ForwardRef``) in the table; a dataclass
#: method's source starts with ``def``.
_EVAL = "\0eval\0"


def _compile(source: Any, filename: Any, mode: Any, *args: Any, **kwargs: Any) -> Any:
    """``compile`` as ``typing.ForwardRef`` calls it, an expression's code from the table."""
    if args or kwargs or mode != "eval" or filename != "<string>" or not isinstance(source, str):
        return builtins.compile(source, filename, mode, *args, **kwargs)
    key = _EVAL + source
    code = _TABLE.get(key)
    if code is None:
        code = builtins.compile(source, filename, mode, dont_inherit=True)
        _TABLE[key] = code
        _STATE["grown"] = True
    _USED.add(key)
    return code


def _read(path: Path) -> dict[str, CodeType]:
    """The table in ``path``; empty when absent, damaged or of another shape."""
    return read_table(path, _MAGIC, lambda k, v: isinstance(k, str) and isinstance(v, CodeType))


def _write() -> None:
    """Write the table back when this run compiled a source it did not hold (not from a
    forked child); any failure only costs the compilations next time."""
    if not _STATE.get("grown") or _STATE.get("pid") != os.getpid():
        return
    table = _TABLE if len(_TABLE) <= MAX_ENTRIES else {s: _TABLE[s] for s in _USED}
    write_table(_STATE["path"], _MAGIC, table)
    _STATE["grown"] = False
