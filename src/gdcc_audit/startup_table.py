"""Tables kept in the start-up cache folder across runs of the command line
(:mod:`gdcc_audit.classcode`, :mod:`gdcc_audit.patterncode`).

A table file is a magic line naming its format, the SHA-256 of the payload, then the payload: a
``dict`` in ``marshal`` format. A file that is absent, damaged, of another format or of another
shape reads as an empty table (it only costs the compilations it would have saved); writing is
atomic and any failure is ignored for the same reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gdcc_audit.atomic import atomic_write

_DIGEST = 32


def read_table(path: Path, magic: bytes, keep: Callable[[Any, Any], bool]) -> dict[Any, Any]:
    """The items of the table in ``path`` that ``keep`` accepts; empty when the file is
    absent, damaged or not a table of format ``magic``."""
    try:
        data = path.read_bytes()
    except OSError:
        return {}
    header = len(magic) + _DIGEST
    payload = data[header:]
    if not data.startswith(magic) or hashlib.sha256(payload).digest() != data[len(magic) : header]:
        return {}
    try:
        table = marshal.loads(payload)
    except Exception:
        return {}
    if not isinstance(table, dict):
        return {}
    return {k: v for k, v in table.items() if keep(k, v)}


def write_table(path: Path, magic: bytes, table: dict[Any, Any]) -> None:
    """Write ``table`` to ``path`` in format ``magic`` (the folder private, mode 0700); a
    failure is ignored."""
    with contextlib.suppress(Exception):
        payload = marshal.dumps(table)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with atomic_write(path, binary=True) as stream:
            stream.write(magic + hashlib.sha256(payload).digest() + payload)
