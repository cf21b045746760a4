"""What a kustomize ``secretGenerator`` / ``configMapGenerator`` puts in the object it makes,
read as kustomize reads it: each ``literals`` item (``KEY=VALUE``, matching quotes around the
value removed), each line of an ``envs`` file (``KEY=VALUE``; blank lines and ``#`` comments
skipped; a bare ``KEY`` takes its value from the environment kustomize runs in, so nothing is
written) and each ``files`` item (``[KEY=]PATH``, the key defaulting to the file's name, the
file's whole text the value). kubectl kustomize, "secretGenerator" / "configMapGenerator":
https://kubectl.docs.kubernetes.io/references/kustomize/kustomization/secretgenerator/

Each value is given with the place it is written (``file:line``: the literal's line in the
kustomization, the ``envs`` file's line, a ``files`` file's first line), the line a user
changes. A file that is not in the scanned tree (generated at deploy time) gives nothing; one
that cannot be read as text, or larger than a Secret can hold, gives no text (``None``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

#: A Secret or ConfigMap holds at most 1 MiB ("Secrets", "ConfigMaps": Kubernetes
#: documentation): a larger file is not read.
_MAX_FILE = 1024 * 1024


@dataclass(frozen=True)
class Source:
    """One key of the generated object: ``label`` is the path findings give
    (``literals.KEY``, ``envs.FILE.KEY``, ``files.KEY``), ``key`` the data key, ``value`` the
    text (``None``: a file that could not be read as text); where the value is written: the
    ``pointer`` of a literal in the kustomization, or ``place`` (``file:line``) in a file."""

    label: str
    key: str
    value: str | None
    pointer: str | None = None
    place: str | None = None


def _unquoted(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _read(path: str) -> str | None:
    """The text of ``path``; None when it is too large or not UTF-8 text."""
    try:
        if os.path.getsize(path) > _MAX_FILE:
            return None
        with open(path, "rb") as handle:
            raw = handle.read(_MAX_FILE + 1)
        return raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def generator_sources(
    generator: Mapping[str, Any], pointer: str, folder: str, scope: Callable[[str], str]
) -> list[Source]:
    """The keys generator ``generator`` (at ``pointer`` in a kustomization of ``folder``)
    writes, with their values and where each is written; ``scope`` gives a file's path as a
    finding names it. Empty values are left out (no secret is written there)."""
    found: list[Source] = []
    literals = generator.get("literals")
    for index, item in enumerate(literals if isinstance(literals, list) else []):
        if isinstance(item, str) and "=" in item:
            key, value = item.split("=", 1)
            value = _unquoted(value.strip())
            if key.strip() and value.strip():
                found.append(Source(f"literals.{key.strip()}", key.strip(), value,
                                    pointer=f"{pointer}/literals/{index}"))
    envs = generator.get("envs")
    for item in envs if isinstance(envs, list) else []:
        if isinstance(item, str) and item.strip():
            found.extend(_env_file(item.strip(), folder, scope))
    files = generator.get("files")
    for item in files if isinstance(files, list) else []:
        if not isinstance(item, str) or not item.strip():
            continue
        key, _, source = item.rpartition("=")
        source = source.strip()
        path = os.path.join(folder, source)
        if not source or not os.path.isfile(path):
            continue
        key = key.strip() or os.path.basename(source)
        text = _read(path)
        if text is None or text.strip():
            found.append(Source(f"files.{key}", key, text, place=f"{scope(path)}:1"))
    return found


def _env_file(source: str, folder: str, scope: Callable[[str], str]) -> list[Source]:
    """The ``KEY=VALUE`` lines of the ``envs`` file ``source``; a file that cannot be read as
    text is one value (``None``) under its name."""
    path = os.path.join(folder, source)
    if not os.path.isfile(path):
        return []
    where = scope(path)
    text = _read(path)
    if text is None:
        return [Source(f"envs.{source}", os.path.basename(source), None, place=f"{where}:1")]
    found = []
    for number, written in enumerate(text.splitlines(), 1):
        line = written.lstrip()
        if not line or line.startswith("#") or "=" not in line:
            continue  # a bare KEY: its value comes from kustomize's environment
        key, value = line.split("=", 1)
        value = _unquoted(value.strip())
        if key.strip() and value.strip():
            found.append(Source(f"envs.{source}.{key.strip()}", key.strip(), value,
                                place=f"{where}:{number}"))
    return found
