"""Whether a Traefik HTTP router without TLS of its own (an ``IngressRoute`` without ``tls``,
an Ingress without ``router.tls``) serves plain HTTP.

- A router is attached to the entry points it names (an IngressRoute's ``entryPoints``, an
  Ingress's ``traefik.ingress.kubernetes.io/router.entrypoints``), else to every entry point
  (those marked ``asDefault`` when any is) (Traefik, Routing, EntryPoints; IngressRoute
  reference).
- An entry point with ``http.tls`` makes every router attached to it a TLS one, and one with
  ``http.redirections.entryPoint.to`` answers every request with a redirect (Traefik,
  EntryPoints, HTTP options). That is the static configuration: read from the flags of the
  Traefik controllers of the scan when each one's declare its entry points (``--entryPoints.
  NAME.address``) and name no configuration file; else only ``web``, the plain HTTP entry point
  of Traefik's Helm chart and of k3s, is taken as plain (the chart's ``websecure`` has
  ``http.tls``: an entry point of another name is not known).
- A ``redirectScheme`` middleware with ``scheme: https`` (also through a ``chain``) answers
  with a redirect (Traefik, Middlewares, RedirectScheme): a router whose every route uses
  one serves no plain content. A route names a middleware by ``name`` (and ``namespace``,
  its own by default) or by Traefik id (``<namespace>-<name>@kubernetescrd``, as an
  Ingress's ``router.middlewares`` does). A middleware the scan does not hold (another
  provider's, ``name@file``) or a ``redirectRegex`` to ``https`` may redirect: not known.
- An IngressRoute with ``parentRefs`` is a child router of other IngressRoutes (multi-layer
  routing): their entry points and TLS apply, not read: not known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from gdcc_audit.graph import kube
from gdcc_audit.graph.kube import name, namespace, object_kind
from gdcc_audit.load.kube_kinds import TRAEFIK_MIDDLEWARES
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.kubernetes.traefik_files import TRAEFIK_FILES

_WEB = "web"
_CRD = "@kubernetescrd"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


@dataclass(frozen=True)
class TraefikStatic:
    """The entry points of a Traefik controller of the scan, from its flags: declared
    (``address``), default (``asDefault``), with ``http.tls`` (or a ``http.tls.*`` option),
    redirecting (``http.redirections.entryPoint.to``); ``complete`` when the flags declare
    entry points and name no configuration file (they are then its static configuration)."""

    points: frozenset[str]
    defaults: frozenset[str]
    tls: frozenset[str]
    redirected: frozenset[str]
    complete: bool


#: Where Traefik looks for its static configuration file when no ``--configFile`` names one
#: (Traefik, Configuration Introduction: ``traefik.yml``, ``.yaml`` or ``.toml`` in
#: ``/etc/traefik/``, ``$XDG_CONFIG_HOME/``, ``$HOME/.config/`` and the working directory;
#: the last three are not read).
_DEFAULT_FILES = tuple(f"/etc/traefik/traefik.{suffix}" for suffix in ("yml", "yaml", "toml"))


def _mounted(workload: Resource, container: Mapping[str, Any], path: str
             ) -> tuple[str, str] | bool:
    """``(ConfigMap name, data key)`` of the file at ``path`` in the container, when a
    ConfigMap volume is mounted there; True when another volume is (its files are not
    known); False when none is."""
    volumes = kube.pod_volumes(workload)
    for mount in map(_map, _list(container.get("volumeMounts"))):
        where, sub = str(mount.get("mountPath") or "").rstrip("/"), mount.get("subPath")
        if isinstance(sub, str) and sub:
            if path != where:
                continue
            relative = sub
        elif path.startswith(where + "/"):
            relative = path[len(where) + 1:]
        else:
            continue
        source = _map(_map(volumes.get(str(mount.get("name")))).get("configMap"))
        named = source.get("name")
        if not isinstance(named, str):
            return True
        items = [_map(i) for i in _list(source.get("items"))]
        if not items:
            return named, relative
        keys = [i.get("key") for i in items if i.get("path") == relative]
        return (named, keys[0]) if keys and isinstance(keys[0], str) else False
    return False


def _file_static(workload: Resource, flags: Mapping[str, str],
                 config_maps: Sequence[Resource]) -> TraefikStatic | bool:
    """The static configuration of the file the controller loads, when the scan holds it
    (a ConfigMap mounted where ``--configFile`` names, else at a default path): the file
    wins over the flags (the static configuration has "three different, mutually
    exclusive" sources: file, flags, environment). False when no file is loaded (the flags
    are the configuration); True when one may be that the scan does not show."""
    container = kube.container_of(workload, "traefik", image="traefik") or {}
    named = next((v for k, v in flags.items() if k.lower() == "configfile" and v), None)
    for path in (named,) if named else _DEFAULT_FILES:
        found = _mounted(workload, container, path)
        if found is False:
            continue
        if found is True:
            return True
        held = [c for c in config_maps
                if kube.name(c) == found[0] and kube.namespace(c) == kube.namespace(workload)]
        if len(held) != 1:
            return True  # the ConfigMap is not in the scan
        points = _map(held[0].attributes.get(TRAEFIK_FILES)).get(found[1])
        if isinstance(points, Mapping):
            return _from_file(points)
        if named or found[1] in _list(_map(held[0].attributes.get("keys")).get("data")):
            return True  # a file the scan cannot read as a static configuration
    return named is not None


def _from_file(points: Mapping[str, Any]) -> TraefikStatic:
    def having(option: str) -> frozenset[str]:
        return frozenset(p for p, options in points.items() if option in _list(options))

    return TraefikStatic(having("address") or frozenset(points), having("asdefault"),
                         having("tls"), having("redirect"), True)


def _static(workload: Resource, config_maps: Sequence[Resource] = ()) -> TraefikStatic | None:
    """The controller's static configuration: its configuration file when the scan holds it,
    else its flags (``complete`` when they declare entry points and no file is loaded)."""
    flags = kube.container_flags(workload, "traefik", image="traefik")
    if flags is None:
        return None
    from_file = _file_static(workload, flags, config_maps)
    if isinstance(from_file, TraefikStatic):
        return from_file
    found: dict[str, set[str]] = {"address": set(), "asdefault": set(), "tls": set(),
                                  "redirect": set()}
    for key, value in flags.items():
        parts = key.lower().split(".")
        if len(parts) < 3 or parts[0] != "entrypoints":
            continue
        point, option = key.split(".")[1], ".".join(parts[2:])
        off = str(value).strip().lower() == "false"
        if option == "address":
            found["address"].add(point)
        elif option == "asdefault" and not off:
            found["asdefault"].add(point)
        elif (option == "http.tls" or option.startswith("http.tls.")) and not off:
            found["tls"].add(point)
        elif option == "http.redirections.entrypoint.to" and value:
            found["redirect"].add(point)
    complete = bool(found["address"]) and from_file is False
    return TraefikStatic(frozenset(found["address"]), frozenset(found["asdefault"]),
                         frozenset(found["tls"]), frozenset(found["redirect"]), complete)


def traefik_statics(workloads: Sequence[Resource], config_maps: Sequence[Resource] = (),
                    configs: Sequence[Resource] = ()) -> tuple[TraefikStatic, ...]:
    """The static configuration of each Traefik controller of the scan (its flags, or the
    file of ``config_maps`` it loads), and of each release of the traefik Helm chart among
    ``configs`` whose values the scan holds (k3s ``HelmChartConfig``, Flux ``HelmRelease``,
    Argo CD ``Application``: the entry points the chart renders from them)."""
    found = [_static(w, config_maps) for w in workloads]
    found += [_from_file(points) for c in configs
              if isinstance(points := _map(c.attributes.get(TRAEFIK_FILES)).get("values"),
                            Mapping)]
    return tuple(s for s in found if s is not None)


def web_redirects(statics: Sequence[TraefikStatic]) -> bool:
    """A Traefik controller of the scan redirects (or encrypts) its ``web`` entry point."""
    return any(_WEB in s.redirected or _WEB in s.tls for s in statics)


def _static_plain(points: Sequence[str], static: TraefikStatic) -> bool | None:
    """Whether the controller serves a router without TLS attached to ``points`` (none: its
    defaults) on a plain entry point; None when it has none of them (it does not serve it)."""
    bound = set(points) & static.points if points else (static.defaults or static.points)
    if not bound:
        return None
    return any(p not in static.tls and p not in static.redirected for p in bound)


def _entry_points_plain(points: Sequence[str], statics: Sequence[TraefikStatic]) -> bool | None:
    """Whether a router without TLS attached to ``points`` (none: the defaults) is served on a
    plain entry point; None when not known. The Traefik controllers of the scan decide when
    each one's flags are its whole static configuration and those serving the router agree
    (which one serves it, by ingress class, is not read)."""
    if statics and all(s.complete for s in statics):
        found = {_static_plain(points, s) for s in statics} - {None}
        return found.pop() if len(found) == 1 else None
    if points and _WEB not in points:
        return None  # their TLS is the static configuration, not in the scan
    return None if web_redirects(statics) else True


def _middleware(ref: str, middlewares: Sequence[Resource], depth: int = 0) -> bool | None:
    """Whether the middleware of Traefik id ``ref`` (``<namespace>-<name>``) redirects HTTP to
    HTTPS; None when the scan does not hold it or it may (a ``redirectRegex`` to ``https``)."""
    found = [m for m in middlewares if f"{namespace(m)}-{name(m)}" == ref]
    if len(found) != 1 or depth > 4:
        return None
    spec = _map(found[0].attributes.get("spec"))
    if str(_map(spec.get("redirectScheme")).get("scheme") or "").lower() == "https":
        return True
    if str(_map(spec.get("redirectRegex")).get("replacement") or "").lower().startswith("https"):
        return None
    chained = [_crd_id(_map(m).get("name"), _map(m).get("namespace"), namespace(found[0]))
               for m in _list(_map(spec.get("chain")).get("middlewares"))]
    links = [None if c is None else _middleware(c, middlewares, depth + 1) for c in chained]
    if any(link is True for link in links):
        return True
    return None if any(link is None for link in links) else False


def _crd_id(written: Any, where: Any, own: str) -> str | None:
    """The Traefik id (``<namespace>-<name>``) of an IngressRoute's (or chain's) middleware
    reference: ``name`` in ``namespace`` (its own when none), or ``<namespace>-<name>@
    kubernetescrd`` as written (the namespace is then ignored: ``resolveReference``); None
    for another provider's (``name@file``)."""
    if not isinstance(written, str) or not written:
        return None
    ref, at, provider = written.partition("@")
    if at:
        return ref if provider == _CRD[1:] else None
    return f"{where if isinstance(where, str) and where else own}-{ref}"


def _annotation_refs(value: Any) -> list[str | None]:
    """The Traefik ids of an Ingress's ``router.middlewares`` (``<namespace>-<name>@
    kubernetescrd``, comma separated); None for another provider's."""
    return [ref.removesuffix(_CRD) if ref.endswith(_CRD) else None
            for ref in (item.strip() for item in str(value or "").split(",")) if ref]


def _routes_redirect(chains: Sequence[Sequence[str | None]],
                     middlewares: Sequence[Resource]) -> bool | None:
    """Whether every route redirects through one of its middlewares; None when one may."""
    if not chains:
        return False
    verdicts = []
    for chain in chains:
        links = [None if r is None else _middleware(r, middlewares) for r in chain]
        verdicts.append(True if any(v is True for v in links)
                        else None if any(v is None for v in links) else False)
    if all(v is True for v in verdicts):
        return True
    return None if any(v is None for v in verdicts) else False


def _decide(points: Sequence[str], chains: Sequence[Sequence[str | None]],
            configs: Sequence[Resource], statics: Sequence[TraefikStatic]) -> bool | None:
    """Whether a router without TLS of its own encrypts (True: every entry point of it is TLS
    or redirects, or every route redirects); None when not known."""
    plain = _entry_points_plain(points, statics)
    if plain is False:
        return True
    middlewares = [c for c in configs if object_kind(c) in TRAEFIK_MIDDLEWARES]
    redirects = _routes_redirect(chains, middlewares)
    if redirects is True:
        return True
    return None if plain is None or redirects is None else False


_ENTRYPOINTS = "traefik.ingress.kubernetes.io/router.entrypoints"
_MIDDLEWARES = "traefik.ingress.kubernetes.io/router.middlewares"


def ingress_route_tls(entry: Resource, configs: Sequence[Resource],
                      statics: Sequence[TraefikStatic]) -> bool | None:
    """Whether a Traefik ``IngressRoute`` without ``tls`` encrypts (see the module)."""
    spec = _map(entry.attributes.get("spec"))
    points = [str(p) for p in _list(spec.get("entryPoints"))]
    own = namespace(entry)
    if spec.get("parentRefs"):
        return None  # a child router of other IngressRoutes: theirs decide (not read)
    chains = [[_crd_id(_map(m).get("name"), _map(m).get("namespace"), own)
               for m in _list(_map(route).get("middlewares"))]
              for route in _list(spec.get("routes"))]
    return _decide(points, chains, configs, statics)


def ingress_tls(entry: Resource, configs: Sequence[Resource],
                statics: Sequence[TraefikStatic]) -> bool | None:
    """Whether an Ingress Traefik serves without a TLS router encrypts: its
    ``router.entrypoints`` and ``router.middlewares`` annotations (see the module)."""
    annotations = _map(_map(entry.attributes.get("metadata")).get("annotations"))
    points = [p.strip() for p in str(annotations.get(_ENTRYPOINTS) or "").split(",")
              if p.strip()]
    written = annotations.get(_MIDDLEWARES)
    chains = [_annotation_refs(written)] if written else []
    return _decide(points, chains, configs, statics)
