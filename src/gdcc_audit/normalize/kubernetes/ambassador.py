"""Ambassador / Emissary-ingress configuration written in a Service's (or an Ingress's)
``getambassador.io/config`` annotation: a YAML stream of objects, each with ``apiVersion``,
``kind`` and ``name`` and its fields beside them (no ``metadata`` / ``spec``), in the
annotated object's namespace. Emissary reads a ``Mapping`` / ``TCPMapping`` written so as
the custom resource ("The getambassador.io/config annotation can be provided on the Ingress
resource, just as on a Service", Emissary-ingress, Ingress controller; Ambassador 1.x,
Mappings in annotations)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The annotation Emissary reads its configuration from.
ANNOTATION = "getambassador.io/config"
#: The API groups of Ambassador's objects (``ambassador/v0`` / ``v1`` before
#: ``getambassador.io/v1`` ...).
_GROUPS = frozenset({"ambassador", "getambassador.io"})
#: The kinds that publish Services (the others configure Emissary: Module, TLSContext,
#: AuthService ...).
_ROUTES = frozenset({"Mapping", "TCPMapping"})
#: The version the objects are read under (one Emissary serves its Mapping custom resource as).
_API = "getambassador.io/v2"


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def annotation_routes(obj: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The Mappings and TCPMappings of the object's ``getambassador.io/config`` annotation,
    as custom resources (``metadata.name`` / ``namespace``, the other fields in ``spec``);
    an annotation that is not YAML yields none (Emissary refuses it too)."""
    metadata = _map(obj.get("metadata"))
    text = _map(metadata.get("annotations")).get(ANNOTATION)
    if not isinstance(text, str):
        return []
    import yaml  # only for an annotated object: PyYAML costs ~13 ms on the hook's path

    try:
        documents = list(yaml.safe_load_all(text))
    except yaml.YAMLError:
        return []
    where = str(metadata.get("namespace") or "default")
    found: list[dict[str, Any]] = []
    for item in map(_map, documents):
        api, kind, name = item.get("apiVersion"), item.get("kind"), item.get("name")
        if not isinstance(api, str) or api.split("/", 1)[0] not in _GROUPS \
                or kind not in _ROUTES or not isinstance(name, str) or not name:
            continue
        spec = {k: v for k, v in item.items() if k not in ("apiVersion", "kind", "name")}
        place = item.get("namespace")
        found.append({
            "apiVersion": _API, "kind": kind,
            "metadata": {"name": name, "namespace": place if isinstance(place, str) and place
                         else where},
            "spec": spec,
        })
    return found
