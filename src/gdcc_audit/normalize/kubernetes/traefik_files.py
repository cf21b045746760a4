"""Traefik static configuration files kept in a ConfigMap (``traefik.yml`` / ``.yaml`` /
``.toml`` mounted into the Traefik container: ``graph/kube_traefik.py`` reads the file the
controller loads). Only the entry points are kept, each as the options that decide whether a
router on it serves plain HTTP: declared (``address``), ``asDefault``, ``http.tls`` (any TLS
option: ``tls: {}`` turns it on) and ``http.redirections.entryPoint.to``. Option names are
case-insensitive, as Traefik reads them (Traefik, EntryPoints; Configuration Introduction).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from typing import Any

#: The ConfigMap attribute: ``{data key: {entry point: [options]}}``.
TRAEFIK_FILES = "traefik_files"
_SUFFIXES = (".yml", ".yaml", ".toml")


def _lower(value: Any) -> dict[str, Any]:
    return {str(k).lower(): v for k, v in value.items()} if isinstance(value, Mapping) else {}


def _parsed(key: str, text: str) -> Mapping[str, Any] | None:
    if key.lower().endswith(".toml"):
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            return None
    import yaml  # only for a ConfigMap that may hold a Traefik file

    try:
        found = yaml.safe_load(text)
    except yaml.YAMLError:
        return None
    return found if isinstance(found, Mapping) else None


def entry_points(static: Mapping[str, Any]) -> dict[str, list[str]] | None:
    """The entry points of a static configuration and their options (``address``,
    ``asdefault``, ``tls``, ``redirect``); None when it declares none."""
    points = _lower(static).get("entrypoints")
    if not isinstance(points, Mapping) or not points:
        return None
    found: dict[str, list[str]] = {}
    for name, written in points.items():
        point = _lower(written)
        http = _lower(point.get("http"))
        options = ["address"] if point.get("address") else []
        if point.get("asdefault") is True:
            options.append("asdefault")
        if "tls" in http and http["tls"] is not False:
            options.append("tls")
        if _lower(_lower(http.get("redirections")).get("entrypoint")).get("to"):
            options.append("redirect")
        found[str(name)] = options
    return found


def traefik_files(obj: Mapping[str, Any]) -> dict[str, dict[str, list[str]]]:
    """The Traefik static configuration files of a ConfigMap's ``data``, by key."""
    data = obj.get("data")
    found: dict[str, dict[str, list[str]]] = {}
    for key, text in (data.items() if isinstance(data, Mapping) else ()):
        if not isinstance(text, str) or not str(key).lower().endswith(_SUFFIXES) \
                or "entrypoints" not in text.lower():
            continue
        static = _parsed(str(key), text)
        points = entry_points(static) if static is not None else None
        if points is not None:
            found[str(key)] = points
    return found
