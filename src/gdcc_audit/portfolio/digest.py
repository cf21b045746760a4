"""Input digests: a tenant is re-audited only when what it would read has changed."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from gdcc_audit.__about__ import __version__
from gdcc_audit.portfolio.spec import Tenant
from gdcc_audit.settings import Settings

_SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "__pycache__"})
_CHUNK = 1 << 20


def tenant_digest(tenant: Tenant, settings: Settings) -> str:
    """sha256 over every input file (relative path and content), the settings and the tool
    version: equal digests mean the same audit would be run again."""
    digest = hashlib.sha256()
    digest.update(f"gdcc-audit {__version__}\0".encode())
    digest.update(settings.model_dump_json(exclude={"now"}).encode())
    for index, root in enumerate(tenant.paths):
        for relative, path in _files(Path(root)):
            digest.update(f"\0{index}:{relative}\0".encode())
            digest.update(_file_hash(path))
    return digest.hexdigest()


def _files(root: Path) -> list[tuple[str, Path]]:
    if root.is_file():
        return [(root.name, root)]
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS)
        for name in files:
            path = Path(folder) / name
            if path.is_file():
                found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def _file_hash(path: Path) -> bytes:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
    except OSError as exc:  # unreadable: the audit will report it; the digest must differ
        digest.update(f"unreadable: {exc.strerror}".encode())
    return digest.digest()
