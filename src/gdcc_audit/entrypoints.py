"""Which installed distributions declare entry points of the groups gdcc-audit reads, cached.

Scanning the entry points of every installed distribution reads one metadata file per
distribution (~25 ms for 140 packages, more in a big environment) and used to run twice per
start: pluggy's ``gdcc_audit`` plugins and pydantic's own plugins. The answer is cached (see
``diskcache.startup_cache``) under a key of the import path and, for each of its folders, its
modification time and the names of the ``.dist-info``/``.egg-info`` entries in it. Installing,
upgrading or removing a distribution creates or renames those entries (and so changes the
folder's modification time), so a pack installed later is found on the next run.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache

from gdcc_audit.diskcache import key_of, startup_cache

#: The entry-point groups whose members are recorded.
GROUPS = ("gdcc_audit", "pydantic")
_METADATA = (".dist-info", ".egg-info")


def fingerprint() -> list[str]:
    """What the key of the cached answer is made of (one string per import-path entry)."""
    parts = [sys.version]
    for entry in sys.path:
        folder = entry or os.getcwd()
        try:
            stat = os.stat(folder)
        except OSError:
            parts.append(f"{entry}\0missing")
            continue
        names: list[str] = []
        if os.path.isdir(folder):
            try:
                names = sorted(n for n in os.listdir(folder) if n.endswith(_METADATA))
            except OSError:
                names = ["?"]
        parts.append(f"{entry}\0{stat.st_mtime_ns}\0{stat.st_size}\0" + "\0".join(names))
    return parts


def _scan() -> dict[str, tuple[tuple[str, str], ...]]:
    from importlib.metadata import entry_points

    found = entry_points()
    return {
        group: tuple((ep.name, ep.value) for ep in found.select(group=group)) for group in GROUPS
    }


@lru_cache(maxsize=1)
def declared() -> dict[str, tuple[tuple[str, str], ...]]:
    """``group -> ((name, value), ...)`` for each group of ``GROUPS``, from the installed
    distributions (cached; see the module docstring)."""
    cache = startup_cache()
    key = key_of("entry-points", *GROUPS, *fingerprint())
    found = cache.get(key, dict)
    if found is not None and set(found) == set(GROUPS):
        return dict(found)
    scanned = _scan()
    cache.put(key, scanned)
    return scanned


def has_plugins(group: str) -> bool:
    """Whether any installed distribution declares an entry point of ``group``."""
    return bool(declared().get(group, True))


def skip_empty_pydantic_plugin_scan() -> None:
    """When no installed distribution declares a pydantic plugin, record that answer in
    pydantic's own plugin cache, so its first model build does not scan entry points again.
    Only an empty answer is recorded (pydantic loads real plugins itself), and nothing is
    touched when pydantic already loaded its plugins or has no such cache."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS"):
        return
    try:
        from pydantic.plugin import _loader
    except ImportError:  # pragma: no cover - a pydantic without plugin support
        return
    if getattr(_loader, "_plugins", ()) is None and not has_plugins("pydantic"):
        _loader._plugins = {}
