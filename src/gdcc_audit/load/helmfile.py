"""Helmfile: the values files a ``helmfile.yaml`` gives its releases and environments.

Helmfile installs each release of its ``releases`` list with the chart it names and the values
files its ``values`` list names, relative to the helmfile (helmfile docs, "The Helmfile
configuration": ``releases[].values``, ``environments.NAME.values``, ``helmfiles[].values``).
Those files may have any name (``config/app-prod.yaml``, ``environments/prod/env.yaml``): a
literal password written there is deployed as a chart value, as one in a chart's
``values.yaml`` is. The helmfile itself holds values too (a ``values`` item written as a
mapping, a ``set`` list of ``{name, value}``, a repository's ``password``): it is read for
secrets the same way (:mod:`gdcc_audit.load.kubernetes`).

Not followed: a name with a template action (``values/{{ .Release.Name }}.yaml``), a remote
one (``git::...``, ``https://...``), a ``.gotmpl`` file (a Go template, not YAML as written),
and ``secrets`` lists (SOPS-encrypted files, decrypted by helm-secrets). A helmfile that is a
template itself (``{{ .Values.x }}`` in it) is set aside as such.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

__all__ = ["is_helmfile", "named_values"]

#: The names helmfile reads as its configuration; every ``.yaml`` of a ``helmfile.d`` folder.
_NAMES = frozenset({"helmfile.yaml", "helmfile.yml"})
#: Top-level keys only a helmfile has (one of them, beside ``releases``, marks one).
_KEYS = frozenset({"releases", "helmfiles", "environments", "repositories", "helmDefaults",
                   "bases"})  # fmt: skip


def helmfile_name(path: Path) -> bool:
    """Whether ``path`` is named as helmfile's configuration."""
    if path.name in _NAMES:
        return True
    return path.parent.name == "helmfile.d" and path.suffix in (".yaml", ".yml")


def is_helmfile(path: Path, documents: list[Any]) -> bool:
    """A helmfile: named as one, its documents mappings (one at least) of helmfile's keys
    (a ``releases`` list, ``environments`` ...), no Kubernetes object among them."""
    data = [d for d in documents if d is not None]
    return (
        helmfile_name(path)
        and bool(data)
        and all(isinstance(d, Mapping) and "apiVersion" not in d for d in data)
        and any(bool(_KEYS & set(d)) for d in data)
    )


def _files(items: Any) -> Iterator[str]:
    """The file names of a ``values`` list (its mappings are values written in place)."""
    for item in items if isinstance(items, list) else ():
        if not isinstance(item, str) or not item.strip():
            continue
        name = item.strip()
        if "{{" in name or "://" in name or name.startswith("git::"):
            continue
        if name.endswith((".yaml", ".yml")):
            yield name


def _chart_folder(folder: Path, chart: Any) -> Path | None:
    """A release's chart when it is a folder of the repository (``./charts/app``)."""
    if not isinstance(chart, str) or not chart.startswith(("./", "../")):
        return None
    found = folder / chart
    return found if (found / "Chart.yaml").is_file() else None


def named_values(path: Path, documents: list[Any]) -> dict[str, Path | None]:
    """The values files (normalised paths) a helmfile's documents name, each with its
    release's chart folder when the release names a local chart (its templates say which
    values are a Secret's name), else None."""
    folder = path.parent
    found: dict[str, Path | None] = {}

    def add(items: Any, chart: Path | None) -> None:
        for name in _files(items):
            target = os.path.normpath(str(folder / name))
            if found.get(target) is None:
                found[target] = chart

    for data in documents:
        if not isinstance(data, Mapping):
            continue
        for release in data.get("releases") or []:
            if isinstance(release, Mapping):
                add(release.get("values"), _chart_folder(folder, release.get("chart")))
        environments = data.get("environments")
        for environment in (environments or {}).values() if isinstance(
            environments, Mapping
        ) else ():
            if isinstance(environment, Mapping):
                add(environment.get("values"), None)
        for nested in data.get("helmfiles") or []:
            if isinstance(nested, Mapping):
                add(nested.get("values"), None)
    return found
