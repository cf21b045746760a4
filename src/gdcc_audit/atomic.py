"""Atomic file writes: a report file is either the previous one or the complete new one.

The new content goes to a temporary file in the target's folder (same file system), is
flushed and fsynced, and then renamed over the target (``os.replace`` is atomic on POSIX and
Windows). A run killed or crashing at any moment leaves the previous file intact and at most
a ``.NAME.*.tmp`` file behind (removed when the write fails inside Python). A target that
exists and is not a regular file (``/dev/null``, a FIFO) is written to directly.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def atomic_write(target: Path, binary: bool = False) -> Iterator[IO[Any]]:
    """A temporary file to write (UTF-8 text with ``\\n`` lines, or bytes); when the block
    ends without an exception it replaces ``target`` in one step. A symbolic link is followed
    (its target is replaced); a target that is not a regular file (``/dev/null``, a FIFO, a
    terminal) is written directly: replacing it would destroy the device."""
    target = Path(os.path.realpath(target))
    if target.exists() and not target.is_file():
        with _direct(target, binary) as direct:
            yield direct
        return
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        mode = 0o666 & ~_umask()
        if target.exists():
            mode = target.stat().st_mode & 0o777
        os.fchmod(handle, mode)
        stream: IO[Any]
        if binary:
            stream = os.fdopen(handle, "wb")
        else:
            stream = os.fdopen(handle, "w", encoding="utf-8", newline="\n")
        with stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _direct(target: Path, binary: bool) -> IO[Any]:
    if binary:
        return target.open("wb")
    return target.open("w", encoding="utf-8", newline="\n")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
