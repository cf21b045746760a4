"""The command line's bytecode, kept in the start-up cache folder when Python may not keep it
beside the source.

Python compiles each module it imports from source unless a current ``.pyc`` sits in the
``__pycache__`` folder beside it, and writes one there unless ``PYTHONDONTWRITEBYTECODE`` is
set (``sys.dont_write_bytecode``) or the folder is not writable. An install that brought no
bytecode (``uv pip install`` compiles none unless asked, ``--compile-bytecode``; an editable
install of a changed tree) then compiles some 600 modules on every run: terragoat's scan
1.05 -> 2.3 s CPU, the pre-commit hook 0.63 -> 1.6 s (``benchmarks/README.md``, perf21).
Container images often set ``PYTHONDONTWRITEBYTECODE=1``.

:func:`keep_bytecode` then points Python at a folder of the start-up cache
(``sys.pycache_prefix``, the mechanism of ``PYTHONPYCACHEPREFIX``) and lets it write there: the
first run compiles as before, later runs read the bytecode back. Nothing is written beside
the source. An install whose bytecode is current, or a prefix the user chose, is left as it
is. Only the command line does this (importing ``gdcc_audit`` changes no interpreter setting);
like the rest of the cache folder (private, mode 0700), the folder holds executable state.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import struct
import sys
from pathlib import Path

#: A module of the package every command imports: its bytecode stands for the package's.
_SENTINEL = Path(__file__).resolve().parent / "api.py"


def bytecode_folder() -> Path:
    """The folder the command line keeps its bytecode in: in the start-up cache folder,
    named for this interpreter."""
    from gdcc_audit.diskcache import STARTUP_FOLDER, default_directory  # (not for --version)

    tag = hashlib.sha256(f"{sys.version}\0{sys.flags.optimize}".encode()).hexdigest()[:16]
    return default_directory() / STARTUP_FOLDER / f"bytecode-{tag}"


def current_bytecode(source: Path) -> bool:
    """Whether ``source`` has a current ``.pyc`` beside it (``__pycache__``), as Python checks
    one: the source's modification time and size as recorded in the file's header (a hash-based
    ``.pyc`` counts as current)."""
    try:
        cached = Path(importlib.util.cache_from_source(str(source)))
        with cached.open("rb") as stream:
            header = stream.read(16)
        stat = source.stat()
    except (OSError, NotImplementedError, ValueError):
        return False
    if len(header) < 16 or header[:4] != importlib.util.MAGIC_NUMBER:
        return False
    flags, mtime, size = (int(n) for n in struct.unpack("<III", header[4:16]))
    if flags & 0b1:
        return True
    return mtime == int(stat.st_mtime) & 0xFFFFFFFF and size == stat.st_size & 0xFFFFFFFF


def keep_bytecode(sentinel: Path = _SENTINEL) -> Path | None:
    """Have Python keep bytecode in :func:`bytecode_folder` when it may not keep it beside the
    source and ``sentinel`` (a module of the package) has none that is current; the folder, or
    None when nothing changed."""
    if sys.pycache_prefix is not None or current_bytecode(sentinel):
        return None
    beside = sentinel.parent / "__pycache__"
    writable = os.access(beside if beside.is_dir() else sentinel.parent, os.W_OK)
    if not sys.dont_write_bytecode and writable:
        return None  # Python writes it beside the source on this run
    folder = bytecode_folder()
    with contextlib.suppress(OSError):
        for level in (folder.parent.parent, folder.parent, folder):
            level.mkdir(exist_ok=True, mode=0o700)  # private, as the cache folder
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return None
    # (``cache_from_source`` and the import system read both at each import)
    sys.pycache_prefix = str(folder)
    sys.dont_write_bytecode = False
    return folder
