"""The APIs of a SAM template as the transform makes them.

- ``Globals: Api:`` / ``Globals: HttpApi:`` (and ``Function:`` / ``SimpleTable:``) are merged
  into every ``AWS::Serverless::Api`` / ``AWS::Serverless::HttpApi`` (function, table) (maps
  merged with the resource's keys winning, lists appended,
  other values replaced by the resource's: samtranslator ``plugins/globals/globals.py``; the
  Globals section of a SAM template,
  https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html).
  A ``Globals.Api.Auth.DefaultAuthorizer``, ``EndpointConfiguration`` or ``AccessLogSetting``
  was not read: an API it protects was judged open, public or without logs.
- A function's (or state machine's) ``Api`` event without ``RestApiId`` is served by the
  implicit ``AWS::Serverless::Api`` ``ServerlessRestApi`` ("If not defined, a default
  AWS::Serverless::Api resource is created using a generated OpenApi document", RestApiId,
  sam-property-function-api.html); an ``HttpApi`` event without ``ApiId`` by the implicit
  ``AWS::Serverless::HttpApi`` ``ServerlessHttpApi`` (ApiId, sam-property-function-httpapi.html).
  Both take the ``Globals`` (the transform's implicit API plugins run before its globals
  plugin). They were not in the scan at all: such a template's public API had no finding.
- ``RestApiId`` / ``ApiId`` may name the API by ``Ref`` or by its logical id as text
  (``ApiId: MyHttpApi``; samtranslator takes the ``Ref`` target or the string): an event naming
  it as text added no method, so an open route PASSed GDCC-NET-005.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.load.yamltree import escape
from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import Resolver, references
from gdcc_audit.normalize.cloudformation.origins import parameter_origins
from gdcc_audit.normalize.cloudformation.types import TypeMapper
from gdcc_audit.normalize.cloudformation.values import (
    NO_VALUE,
    ResourceRef,
    declared_at,
    tag_dict,
)

REST = "AWS::Serverless::Api"
HTTP = "AWS::Serverless::HttpApi"
#: SAM API type -> its ``Globals`` section, its implicit API's logical id, the event type that
#: names it and the event property naming the API.
_APIS = {
    REST: ("Api", "ServerlessRestApi", "Api", "RestApiId"),
    HTTP: ("HttpApi", "ServerlessHttpApi", "HttpApi", "ApiId"),
}
#: The SAM types whose ``Events`` may add API methods (a state machine takes ``Api`` events).
OWNERS = ("AWS::Serverless::Function", "AWS::Serverless::StateMachine")

__all__ = [
    "GLOBALS",
    "HTTP",
    "OWNERS",
    "REST",
    "api_events",
    "implicit_apis",
    "implicit_ids",
    "merge_globals",
    "resolved_globals",
]


def merge_globals(globals_: Any, props: Any) -> Any:
    """``props`` with the ``globals_`` they inherit, as the SAM globals plugin merges them."""
    if isinstance(globals_, Mapping) and isinstance(props, Mapping):
        merged = dict(globals_)
        for key, value in props.items():
            merged[key] = merge_globals(globals_[key], value) if key in globals_ else value
        return merged
    if isinstance(globals_, list) and isinstance(props, list):
        return [*globals_, *props]
    return props


#: SAM type -> its ``Globals`` section (the section lists the types it serves).
GLOBALS = {
    **{kind: section for kind, (section, *_rest) in _APIS.items()},
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::SimpleTable": "SimpleTable",
    "AWS::Serverless::WebSocketApi": "WebSocketApi",
}


def resolved_globals(document: Document, resolver: Resolver) -> dict[str, Any]:
    """SAM type -> its resolved ``Globals`` section (absent types left out)."""
    section = document.data.get("Globals")
    found: dict[str, Any] = {}
    if not isinstance(section, Mapping):
        return found
    for kind, name in GLOBALS.items():
        value = section.get(name)
        if isinstance(value, Mapping):
            resolver.current = ("Globals", f"/Globals/{name}")
            found[kind] = resolver.resolve(value)
    return found


def api_events(
    owner: Mapping[str, Any], kind: str, api_id: str
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The ``(name, properties)`` of the events of a SAM function or state machine (its
    resolved properties ``owner``) that add methods to the SAM API ``api_id`` of type
    ``kind``: those naming it, or, for an implicit API, those naming none."""
    _section, implicit, event_type, prop = _APIS[kind]
    events = owner.get("Events")
    if not isinstance(events, Mapping):
        return
    for name, event in events.items():
        if not isinstance(event, Mapping) or event.get("Type") != event_type:
            continue
        p = event.get("Properties")
        p = p if isinstance(p, Mapping) else {}
        target = p.get(prop)
        # a Ref, or the API's logical id written as text: the transform takes either
        # (samtranslator reads ``{"Ref": id}`` or a string as the API's logical id)
        named = (target.target if isinstance(target, ResourceRef) else target) == api_id
        if named or (target in (None, NO_VALUE) and api_id == implicit):
            yield str(name), p


def _implicit_events(resources: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """SAM API type -> ``(owner logical id, event name)`` of the written events that make its
    implicit API (read before intrinsics: an event's type and API are written as is)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping) or spec.get("Type") not in OWNERS:
            continue
        props = spec.get("Properties")
        events = props.get("Events") if isinstance(props, Mapping) else None
        if not isinstance(events, Mapping):
            continue
        for name, event in events.items():
            if not isinstance(event, Mapping):
                continue
            for kind, (_section, _implicit, event_type, prop) in _APIS.items():
                p = event.get("Properties")
                if event.get("Type") == event_type and not (
                    isinstance(p, Mapping) and prop in p
                ):
                    found.setdefault(kind, []).append((str(logical_id), str(name)))
    return found


def implicit_ids(resources: Mapping[str, Any]) -> frozenset[str]:
    """Logical ids of the implicit APIs the transform adds to the template (so that a ``Ref``
    or ``Fn::Sub`` naming ``ServerlessRestApi`` is read as that resource)."""
    return frozenset(
        _APIS[kind][1] for kind in _implicit_events(resources) if _APIS[kind][1] not in resources
    )


def _globals(globals_: Mapping[str, Any], kind: str) -> dict[str, Any]:
    props = globals_.get(kind)
    return dict(props) if isinstance(props, Mapping) else {}


def implicit_apis(
    document: Document,
    resolver: Resolver,
    kept: Mapping[str, Pending | None],
    globals_: Mapping[str, Any],
    mappers: Mapping[str, TypeMapper],
) -> list[Pending]:
    """The implicit APIs of the template whose events belong to a function or state machine
    it creates (``kept``: logical id -> its pending resource, ``None`` for a state machine),
    each located at the first event that makes it."""
    found: list[Pending] = []
    resources = document.data["Resources"]
    for kind, written in _implicit_events(resources).items():
        section, logical_id, _event, _prop = _APIS[kind]
        mapper = mappers.get(kind)
        events = [(owner, name) for owner, name in written if owner in kept]
        mapped = None if mapper is None else mapper(props := _globals(globals_, kind))
        if logical_id in resources or mapped is None or not events:
            continue
        owner, name = events[0]
        section_raw = document.data.get("Globals")
        raw = section_raw.get(section) if isinstance(section_raw, Mapping) else None
        raw = raw if isinstance(raw, Mapping) else {}
        pointer = f"/Resources/{escape(owner)}/Properties/Events/{escape(name)}"
        found.append(
            Pending(
                logical_id=logical_id,
                provider="aws",
                provider_type=kind,
                mapped=mapped,
                props=props,
                raw=raw,
                pointer=pointer,
                references=list(references(raw, resolver.resources)),
                tags=tag_dict(props.get("Tags")),
                origins=parameter_origins(document, raw, resolver.condition),
                at=declared_at(document, pointer),
            )
        )
        for owner_id in dict.fromkeys(o for o, _n in events):
            item = kept[owner_id]
            if item is not None:  # the function calls on the API's events
                item.references.append(Reference(target=logical_id, attribute="Events"))
    return found
