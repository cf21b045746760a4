"""Traefik static configuration files kept in a ConfigMap (``traefik.yml`` / ``.yaml`` /
``.toml`` mounted into the Traefik container: ``graph/kube_traefik.py`` reads the file the
controller loads). Only the entry points are kept, each as the options that decide whether a
router on it serves plain HTTP: declared (``address``), ``asDefault``, ``http.tls`` (any TLS
option: ``tls: {}`` turns it on) and ``http.redirections.entryPoint.to``. Option names are
case-insensitive, as Traefik reads them (Traefik, EntryPoints; Configuration Introduction).
"""

from __future__ import annotations

import re
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


# -- the traefik Helm chart's values ---------------------------------------------------------

#: Objects that install a Helm chart with values: k3s's ``HelmChart`` / ``HelmChartConfig``
#: (``helm.cattle.io``: ``valuesContent``, k3s names its packaged chart's ``traefik``), Flux's
#: ``HelmRelease`` (``values``) and Argo CD's ``Application`` (``helm.valuesObject`` or
#: ``helm.values``).
_RELEASES = {
    ("helm.cattle.io", "HelmChartConfig"), ("helm.cattle.io", "HelmChart"),
    ("helm.toolkit.fluxcd.io", "HelmRelease"), ("argoproj.io", "Application"),
}
#: The traefik chart's entry points by default (its values.yaml ``ports``: ``web`` plain,
#: ``websecure`` with ``tls.enabled: true``; ``traefik`` and ``metrics`` not exposed).
_CHART_DEFAULTS: dict[str, list[str]] = {
    "traefik": ["address"], "web": ["address"], "websecure": ["address", "tls"],
    "metrics": ["address"],
}


_VERSIONED = re.compile(r"^(.*?)(?:-v?\d[\w.+-]*)?(?:\.tgz)?$")


def _chart_name(value: Any) -> bool:
    """The chart a release names is ``traefik`` (``traefik``, ``traefik/traefik``, an OCI
    reference, a ``traefik-25.0.0.tgz`` URL)."""
    last = str(value or "").strip().lower().rsplit("/", 1)[-1].split(":", 1)[0]
    found = _VERSIONED.match(last)
    return found is not None and found[1] == "traefik"


def _values(obj: Mapping[str, Any]) -> tuple[str, Mapping[str, Any] | None] | None:
    """``(qualified kind, values)`` of an object that installs the traefik chart; values None
    when they are not all written in it (a values file, ``valuesFrom``, parameters)."""
    api, kind = str(obj.get("apiVersion") or ""), obj.get("kind")
    group = api.rsplit("/", 1)[0] if "/" in api else ""
    if (group, kind) not in _RELEASES:
        return None
    spec = _lower(obj.get("spec"))
    metadata = _lower(obj.get("metadata"))
    qualified = f"{kind}.{group}"
    if kind in ("HelmChartConfig", "HelmChart"):
        if not (_chart_name(spec.get("chart")) if kind == "HelmChart"
                else metadata.get("name") == "traefik"):
            return None
        if spec.get("set") or spec.get("valuesfrom"):
            return qualified, None
        text = spec.get("valuescontent")
        return qualified, (_parsed("values.yaml", text) or {}) if isinstance(text, str) \
            else ({} if text is None else None)
    if kind == "HelmRelease":
        chart = _lower(_lower(_lower(spec.get("chart")).get("spec")))
        if not _chart_name(chart.get("chart")):
            return None
        # a chart from a Git repository or bucket is a copy whose own values.yaml, not the
        # published chart's, is what the release's values are merged over
        source = str(_lower(chart.get("sourceref")).get("kind") or "")
        if spec.get("valuesfrom") or source in ("GitRepository", "Bucket"):
            return qualified, None
        values = spec.get("values")
        return qualified, values if isinstance(values, Mapping) else ({} if values is None
                                                                      else None)
    sources = [_lower(s) for s in ([spec.get("source")] if spec.get("source") else [])
               + list(spec.get("sources") or [])]
    charts = [s for s in sources if _chart_name(s.get("chart"))]
    if len(charts) != 1:
        return None
    helm = _lower(charts[0].get("helm"))
    if helm.get("valuefiles") or helm.get("parameters") or helm.get("fileparameters"):
        return qualified, None
    if isinstance(helm.get("valuesobject"), Mapping):
        return qualified, helm["valuesobject"]
    text = helm.get("values")
    return qualified, (_parsed("values.yaml", text) or {}) if isinstance(text, str) else {}


def traefik_release(obj: Mapping[str, Any]) -> str | None:
    """The qualified kind of an object that installs the traefik chart; None for another."""
    found = _values(obj)
    return found[0] if found is not None else None


def _flag_options(points: dict[str, list[str]], arguments: Any) -> None:
    """Add the entry point options ``additionalArguments`` flags set."""
    for item in arguments if isinstance(arguments, list) else []:
        key, _, value = str(item).removeprefix("--").partition("=")
        parts = key.lower().split(".")
        if len(parts) < 3 or parts[0] != "entrypoints":
            continue
        point, option = key.split(".")[1], ".".join(parts[2:])
        options = points.setdefault(point, [])
        off = value.strip().lower() == "false"
        if option == "address":
            options.append("address")
        elif option == "asdefault" and not off:
            options.append("asdefault")
        elif (option == "http.tls" or option.startswith("http.tls.")) and not off:
            options.append("tls")
        elif option == "http.redirections.entrypoint.to" and value:
            options.append("redirect")


def chart_entry_points(obj: Mapping[str, Any]) -> dict[str, list[str]] | None:
    """The entry points the traefik chart renders with the object's values over its defaults
    (a port's ``asDefault``; ``tls.enabled`` / ``http.tls.enabled``; a redirect:
    ``redirectTo`` (a name or ``{port}``), ``redirections.entryPoint.to`` or
    ``http.redirections.entryPoint.to``; a port set to null is removed) and the flags of its
    ``additionalArguments``; None when the values are not all known from the object."""
    found = _values(obj)
    if found is None or found[1] is None:
        return None
    values = _lower(found[1])
    points = {name: list(options) for name, options in _CHART_DEFAULTS.items()}
    for name, written in _lower(values.get("ports")).items():
        if written is None or written is False:
            points.pop(name, None)
            continue
        port = _lower(written)
        options = points.setdefault(name, ["address"])
        tls = [_lower(port.get("tls")).get("enabled"),
               _lower(_lower(port.get("http")).get("tls")).get("enabled")]
        if True in tls and "tls" not in options:
            options.append("tls")
        elif False in tls and True not in tls and "tls" in options:
            options.remove("tls")
        redirects = [port.get("redirectto"),
                     _lower(_lower(port.get("redirections")).get("entrypoint")).get("to"),
                     _lower(_lower(_lower(port.get("http")).get("redirections"))
                            .get("entrypoint")).get("to")]
        if any(isinstance(r, (str, Mapping)) and r for r in redirects):
            options.append("redirect")
        if port.get("asdefault") is True:
            options.append("asdefault")
    _flag_options(points, values.get("additionalarguments"))
    return points
