"""A folder of pickled values keyed by hash: the store behind the parse cache and the
compiled start-up cache (rule packs, control catalogs, installed plugins).

An entry is ``<folder>/<key[:2]>/<key>``: a magic header, the sha256 of the payload and the
pickled value. Safe under concurrent runs: an entry is written to a temporary file in the same
folder and renamed into place (``os.replace`` is atomic), so a reader sees a whole entry or
none. A corrupt entry (truncated, wrong checksum, unreadable pickle, wrong type) is ignored and
deleted, and the caller rebuilds and rewrites it. Cache problems never fail a run: they only
cost the work the entry would have saved.

The folder is the user's cache folder (``platformdirs``: ``~/.cache/gdcc-audit/parse`` on
Linux), or ``$GDCC_AUDIT_CACHE_DIR``; it is created private (mode 0700). Entries are pickles,
so the folder must not be writable by anyone the user does not trust (as for any cache of
executable state).

This module imports nothing heavy (no pydantic, no YAML): the model package uses it before
its first model class is built.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import IO, Any, TypeVar, cast

from gdcc_audit.__about__ import __version__

#: Environment variable naming the cache folder (tests and CI point it at a temporary one).
CACHE_ENV = "GDCC_AUDIT_CACHE_DIR"
_MAGIC = b"GDCCPC1\n"
#: Subfolder of the cache folder that holds the compiled start-up cache.
STARTUP_FOLDER = "startup"
_DIGEST = 32
_PACKAGE = Path(__file__).resolve().parent
T = TypeVar("T")


def default_directory() -> Path:
    """``$GDCC_AUDIT_CACHE_DIR``, else the platform's user cache folder for gdcc-audit."""
    return _directory(os.environ.get(CACHE_ENV) or None)


@lru_cache(maxsize=8)
def _directory(configured: str | None) -> Path:
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gdcc-audit")) / "parse"


@lru_cache(maxsize=32)
def code_stamp(modules: tuple[str, ...]) -> str:
    """Hash of the tool version, the Python version and the source of ``modules`` (paths in
    the package; a folder means every ``.py`` file in it): a change to any of them changes
    every key built on the stamp, so an entry never outlives the code that made it."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    for name in modules:
        path = _PACKAGE / name
        files = sorted(path.glob("*.py")) if path.is_dir() else [path]
        for file in files:
            digest.update(b"\0" + file.name.encode())
            try:
                digest.update(file.read_bytes())
            except OSError:
                digest.update(b"?")
    return digest.hexdigest()


def key_of(*parts: str) -> str:
    """An entry name: the sha256 of ``parts``."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()


def files_digest(paths: Iterable[Path]) -> str:
    """sha256 over the paths and bytes of ``paths`` (a missing file counts as empty)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode("utf-8", "surrogateescape") + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError:
            digest.update(b"missing")
    return digest.hexdigest()


class DiskCache:
    """A folder of pickled values; ``DiskCache(None)`` is a cache that keeps nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        """Whether entries are read and written."""
        return self.directory is not None

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / key

    def has(self, key: str) -> bool:
        """Whether an entry ``key`` exists (not whether it is good: :meth:`get` checks)."""
        return self.directory is not None and self._path(key).is_file()

    def get(self, key: str, expected: type | tuple[type, ...]) -> Any | None:
        """The cached value, or None when absent or unusable (a bad entry is deleted)."""
        return self._read(key, lambda data: _decode(data, expected))

    def put(self, key: str, value: Any, *, memo: bool = True) -> None:
        """Store ``value`` atomically; any failure (read-only disk, full disk, a value that
        cannot be pickled) is ignored.

        The pickle is written straight to the file (its checksum after it), never held in
        memory. ``memo=False`` pickles without the memo (an object used twice is written
        twice): the memo holds an entry per object, 400 MB for the syntax tree of 19 MB of
        dense HCL. A large value is better cut into parts (:meth:`put_parts`).
        """

        def dump(stream: IO[bytes]) -> None:
            pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.fast = not memo
            pickler.dump(value)

        self._write(key, dump)

    def put_parts(self, key: str, parts: Iterable[Any]) -> None:
        """Store ``parts`` as one entry (read back with :meth:`get_parts`), each pickled with
        a memo of its own: the memo stays as small as one part, while objects shared within
        a part (classes, strings) are still written once. Without the memo, the syntax tree
        of a 20 MB file pickles to 2.8 times the bytes and loads 2.2 times slower (each node
        names its class again). Failures as in :meth:`put`."""

        def dump(stream: IO[bytes]) -> None:
            for part in parts:
                pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL).dump(part)

        self._write(key, dump)

    def _write(self, key: str, dump: Callable[[IO[bytes]], None]) -> None:
        if self.directory is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "w+b") as stream:
                stream.write(_MAGIC + bytes(_DIGEST))
                dump(stream)
                stream.seek(len(_MAGIC) + _DIGEST)
                digest = hashlib.sha256()
                while chunk := stream.read(1 << 20):
                    digest.update(chunk)
                stream.seek(len(_MAGIC))
                stream.write(digest.digest())
            os.replace(temporary, path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt, SystemExit
            # OSError (disk full, read-only) or an unpicklable value: simply not cached

    def get_parts(self, key: str, expected: type | tuple[type, ...]) -> list[Any] | None:
        """The parts stored by :meth:`put_parts`, or None when absent or unusable (a bad
        entry, or one whose first part is not ``expected``, is deleted)."""

        def decode(data: bytes) -> list[Any] | None:
            parts = _decode_parts(data)
            return parts if parts and isinstance(parts[0], expected) else None

        return self._read(key, decode)

    def _read(self, key: str, decode: Callable[[bytes], T | None]) -> T | None:
        """The entry ``key`` as ``decode`` reads it; a miss when absent, and a bad entry
        (``decode`` gives None) is deleted and counted as a miss."""
        if self.directory is None:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = decode(data)
        if value is None:
            self.misses += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return value


def _payload(data: bytes) -> bytes | None:
    """The pickled bytes of an entry, or None when its header or checksum is wrong."""
    header = len(_MAGIC) + _DIGEST
    if len(data) < header or not data.startswith(_MAGIC):
        return None
    payload = data[header:]
    if hashlib.sha256(payload).digest() != data[len(_MAGIC) : header]:
        return None
    return payload


def _decode_parts(data: bytes) -> list[Any] | None:
    payload = _payload(data)
    if payload is None:
        return None
    stream = io.BytesIO(payload)
    parts: list[Any] = []
    try:
        while stream.tell() < len(payload):
            parts.append(pickle.Unpickler(stream).load())  # a memo of its own, as written
    except Exception:
        return None
    return parts


def _decode(data: bytes, expected: type | tuple[type, ...]) -> Any | None:
    payload = _payload(data)
    if payload is None:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:
        return None
    return value if isinstance(value, expected) else None


def startup_cache() -> DiskCache:
    """The cache for what every run computes before it reads any input: rule packs and
    control catalogs compiled from their files, the installed plugins. It is used even with
    ``--no-cache``, which is about the scanned files. Its entries live in the ``startup``
    subfolder, apart from the scanned files' parses: clearing one leaves the other."""
    return DiskCache(default_directory() / STARTUP_FOLDER)


def compiled_key(kind: str, sources: Sequence[Path], code: tuple[str, ...]) -> str:
    """The start-up cache's entry name for what :func:`compiled` builds from these."""
    return key_of("compiled", kind, code_stamp(code), files_digest(sources))


def compiled(
    kind: str,
    sources: Sequence[Path],
    code: tuple[str, ...],
    build: Callable[[], T],
    expected: type[T],
) -> T:
    """``build()``, cached under a key of ``kind``, the bytes of ``sources`` and the source of
    the ``code`` that builds it (see ``code_stamp``). A failing build raises and is not
    cached; a corrupt or foreign entry is ignored, and rebuilt and rewritten."""
    cache = startup_cache()
    key = compiled_key(kind, sources, code)
    found = cache.get(key, expected)
    if found is not None:
        return cast(T, found)
    value = build()
    cache.put(key, value)
    return value
