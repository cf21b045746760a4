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

import importlib
import os
import sys
import types
from functools import lru_cache
from typing import Any

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
    """When no installed distribution declares a pydantic plugin, tell pydantic so before its
    first model build, so that it neither scans entry points again nor imports
    ``importlib.metadata`` (with ``email``, ~15 ms of every start) to do it.

    pydantic asks ``pydantic.plugin._loader.get_plugins()`` when it builds a validator; that
    module imports ``importlib.metadata`` at its top. When it is not imported yet, a stand-in
    module answers "no plugins" (what the real one would answer) and imports the real module
    the moment anything else of it is asked for. When it is already imported, its own cache is
    set to the empty answer. Only an empty answer is ever recorded: real plugins are loaded by
    pydantic itself, and ``PYDANTIC_DISABLE_PLUGINS`` leaves everything to pydantic."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS"):
        return
    loaded = sys.modules.get(_PYDANTIC_LOADER)
    if loaded is not None:
        if getattr(loaded, "_plugins", ()) is None and not has_plugins("pydantic"):
            vars(loaded)["_plugins"] = {}
        return
    if has_plugins("pydantic"):
        return
    try:
        import pydantic.plugin as package
    except ImportError:  # pragma: no cover - a pydantic without plugin support
        return
    stand_in = _NoPydanticPlugins(_PYDANTIC_LOADER)
    sys.modules[_PYDANTIC_LOADER] = stand_in
    package._loader = stand_in  # type: ignore[attr-defined]


#: The pydantic module that finds pydantic plugins (see ``skip_empty_pydantic_plugin_scan``).
_PYDANTIC_LOADER = "pydantic.plugin._loader"


class _NoPydanticPlugins(types.ModuleType):
    """Stands for ``pydantic.plugin._loader`` when no distribution declares a pydantic plugin:
    ``get_plugins()`` answers none; any other name imports the real module (its plugin cache
    set to the same empty answer) and is read from it."""

    @staticmethod
    def get_plugins() -> tuple[()]:
        """No pydantic plugins are installed (checked by ``has_plugins``)."""
        return ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asks for __path__, __spec__...
            raise AttributeError(name)
        if sys.modules.get(_PYDANTIC_LOADER) is self:
            del sys.modules[_PYDANTIC_LOADER]
        real = importlib.import_module(_PYDANTIC_LOADER)
        if getattr(real, "_plugins", ()) is None:
            vars(real)["_plugins"] = {}
        import pydantic.plugin as package

        package._loader = real  # type: ignore[attr-defined]
        return getattr(real, name)
