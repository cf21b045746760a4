"""CloudFormation event source mappings (``normalize/event_sources.py``): an
``AWS::Lambda::EventSourceMapping`` (``EventSourceArn``, ``FunctionName``) or a SAM function
event of a queue or stream type (``SQS`` ``Queue``, ``Kinesis`` / ``DynamoDB`` / ``MSK``
``Stream``, ``MQ`` ``Broker``, ``DocumentDB`` ``Cluster``: the transform makes the mapping)
links the function to its source (reference ``EVENT_SOURCE``); a mapping whose source is not a
resource of the template is listed on the function (``EVENT_SOURCES_NOT_READ``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references
from gdcc_audit.normalize.event_sources import EVENT_SOURCE, EVENT_SOURCES_NOT_READ

MAPPING = "AWS::Lambda::EventSourceMapping"
_FUNCTIONS = frozenset({"AWS::Lambda::Function", "AWS::Serverless::Function"})
_SOURCES = frozenset({
    "AWS::SQS::Queue", "AWS::Kinesis::Stream", "AWS::DynamoDB::Table",
    "AWS::DynamoDB::GlobalTable", "AWS::MSK::Cluster", "AWS::MSK::ServerlessCluster",
    "AWS::AmazonMQ::Broker", "AWS::DocDB::DBCluster",
})  # fmt: skip
#: SAM event types -> the property naming their source (AWS SAM specification, EventSource).
_SAM_EVENTS = {
    "SQS": "Queue", "Kinesis": "Stream", "DynamoDB": "Stream", "MSK": "Stream",
    "MQ": "Broker", "DocumentDB": "Cluster",
}  # fmt: skip


def link_event_sources(
    items: list[Pending], resources: Mapping[str, Any], names: frozenset[str]
) -> None:
    """Add to each function of the template a reference to the source of every event source
    mapping that invokes it (``resources``: the template's ``Resources``; ``names``: its
    logical ids)."""
    by_id = {item.logical_id: item for item in items}
    found: dict[str, list[tuple[str | None, str]]] = {}
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping) or not isinstance(spec.get("Properties"), Mapping):
            continue
        props = spec["Properties"]
        if spec.get("Type") == MAPPING:
            sources = _sources(props.get("EventSourceArn"), names, by_id)
            for ref in references(props.get("FunctionName"), names):
                found.setdefault(ref.target, []).append((sources, str(logical_id)))
        elif spec.get("Type") == "AWS::Serverless::Function":
            events = props.get("Events")
            for name, event in (events.items() if isinstance(events, Mapping) else ()):
                kind = event.get("Type") if isinstance(event, Mapping) else None
                key = _SAM_EVENTS.get(kind) if isinstance(kind, str) else None
                given = event.get("Properties") if key is not None else None
                if isinstance(given, Mapping):
                    sources = _sources(given.get(key), names, by_id)
                    found.setdefault(str(logical_id), []).append(
                        (sources, f"{logical_id} event {name}")
                    )
    for function, mappings in found.items():
        item = by_id.get(function)
        if item is None or item.provider_type not in _FUNCTIONS:
            continue
        for source, mapping in mappings:
            if source is None:
                item.found.setdefault(EVENT_SOURCES_NOT_READ, []).append(mapping)
            else:
                # first: the graph keeps one attribute per target (a SAM event's own
                # reference to its queue, ``Events.X.Properties.Queue``, would hide this one)
                item.references.insert(0, Reference(target=source, attribute=EVENT_SOURCE))


def _sources(value: Any, names: frozenset[str], by_id: Mapping[str, Pending]) -> str | None:
    """The logical id of the template's queue or stream ``value`` names, else None."""
    for ref in references(value, names):
        target = by_id.get(ref.target)
        if target is not None and target.provider_type in _SOURCES:
            return ref.target
    return None
