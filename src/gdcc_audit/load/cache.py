"""Parse results cached on disk, keyed by content hash, so an unchanged file is parsed once.

An entry is ``<cache>/<key[:2]>/<key>``: a magic header, the sha256 of the payload and the
pickled parse result. The key hashes the file's bytes, its path (parsed trees carry it), the
parse options and a stamp of the parser's own source code and Python version, so a change of
any of them is a different key, never a stale entry.

Safe under concurrent runs: an entry is written to a temporary file in the same folder and
renamed into place (``os.replace`` is atomic), so a reader sees a whole entry or none. A
corrupt entry (truncated, wrong checksum, unreadable pickle, wrong type) is ignored, deleted
and rewritten after parsing. Cache problems never fail a scan: they only cost a parse.

The folder is the user's cache folder (``platformdirs``: ``~/.cache/gdcc-audit/parse`` on
Linux), or ``$GDCC_AUDIT_CACHE_DIR``; it is created private (mode 0700). Entries are pickles,
so the folder must not be writable by anyone the user does not trust (as for any cache of
executable state); ``--no-cache`` (``Settings(cache=False)``) turns the cache off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gdcc_audit.__about__ import __version__
from gdcc_audit.load.yamltree import LocatedDocument, parse_yaml
from gdcc_audit.settings import DEFAULT_MAX_DEPTH, DEFAULT_MAX_NODES

if TYPE_CHECKING:
    from gdcc_audit.settings import Settings

#: Environment variable naming the cache folder (tests and CI point it at a temporary one).
CACHE_ENV = "GDCC_AUDIT_CACHE_DIR"
_MAGIC = b"GDCCPC1\n"
_DIGEST = 32
#: Modules whose code decides what a parse returns: a change to any of them changes every key.
_PARSER_MODULES = (
    "load/terraform/parse.py",
    "load/terraform/ast.py",
    "load/yamltree.py",
    "load/interface.py",
    "load/cache.py",
)


def default_directory() -> Path:
    """``$GDCC_AUDIT_CACHE_DIR``, else the platform's user cache folder for gdcc-audit."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("gdcc-audit")) / "parse"


@lru_cache(maxsize=1)
def parser_stamp() -> str:
    """Hash of the tool version, the Python version and the parser modules' source."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"{__version__}\0{sys.version}".encode())
    for name in _PARSER_MODULES:
        try:
            digest.update((package / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


class ParseCache:
    """A folder of parse results; ``ParseCache(None)`` is a cache that keeps nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    @classmethod
    def for_settings(cls, settings: Settings) -> ParseCache:
        """The cache a scan with these settings uses (none with ``cache=False``)."""
        if not settings.cache:
            return cls(None)
        return cls(Path(settings.cache_dir) if settings.cache_dir else default_directory())

    @property
    def enabled(self) -> bool:
        """Whether entries are read and written."""
        return self.directory is not None

    @staticmethod
    def key(kind: str, *parts: str) -> str:
        """The entry name for a parse of kind ``kind`` (``hcl``, ``yaml``) over ``parts``."""
        digest = hashlib.sha256(f"{parser_stamp()}\0{kind}".encode())
        for part in parts:
            digest.update(b"\0" + part.encode("utf-8", "surrogateescape"))
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / key[:2] / key

    def get(self, key: str, expected: type | tuple[type, ...]) -> Any | None:
        """The cached value, or None when absent or unusable (a bad entry is deleted)."""
        if self.directory is None:
            return None
        path = self._path(key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        value = _decode(data, expected)
        if value is None:
            self.misses += 1
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.hits += 1
        return value

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` atomically; any failure (read-only disk, full disk) is ignored."""
        if self.directory is None:
            return
        path = self._path(key)
        try:
            payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # an unpicklable value is simply not cached
            return
        data = _MAGIC + hashlib.sha256(payload).digest() + payload
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError:
            return


def _decode(data: bytes, expected: type | tuple[type, ...]) -> Any | None:
    header = len(_MAGIC) + _DIGEST
    if len(data) < header or not data.startswith(_MAGIC):
        return None
    payload = data[header:]
    if hashlib.sha256(payload).digest() != data[len(_MAGIC) : header]:
        return None
    try:
        value = pickle.loads(payload)
    except Exception:
        return None
    return value if isinstance(value, expected) else None


def shipped_data_cache() -> ParseCache:
    """The cache for data files shipped with gdcc-audit and its plugins (rule packs, control
    catalogs): their parsed YAML is compiled once per content and read back on later runs."""
    return ParseCache(default_directory())


def parse_yaml_cached(
    text: str,
    path: str,
    cache: ParseCache,
    *,
    max_nodes: int = DEFAULT_MAX_NODES,
    cfn_tags: bool = False,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> list[LocatedDocument]:
    """:func:`parse_yaml`, with the result cached by path and content (errors are not cached:
    they are raised again, with their line, on every run)."""
    options = f"{max_nodes}\0{cfn_tags}\0{max_depth}"
    digest = hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()
    key = cache.key("yaml", path, digest, options)
    found: list[LocatedDocument] | None = cache.get(key, list)
    if found is not None and all(isinstance(d, LocatedDocument) for d in found):
        return found
    documents = parse_yaml(
        text, path, max_nodes=max_nodes, cfn_tags=cfn_tags, max_depth=max_depth
    )
    cache.put(key, documents)
    return documents
