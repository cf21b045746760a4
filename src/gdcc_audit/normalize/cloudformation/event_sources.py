"""CloudFormation event source mappings (``normalize/event_sources.py``): an
``AWS::Lambda::EventSourceMapping`` (``EventSourceArn``, ``FunctionName``) or a SAM function
event of a queue or stream type (``SQS`` ``Queue``, ``Kinesis`` / ``DynamoDB`` / ``MSK``
``Stream``, ``MQ`` ``Broker``, ``DocumentDB`` ``Cluster``: the transform makes the mapping)
links the function to its source (reference ``EVENT_SOURCE``); a mapping whose source is not a
resource of the template is listed on the function (``EVENT_SOURCES_NOT_READ``).

Services that invoke a function with others' input are linked the same way (reference
``NOTIFIER``): an ``AWS::SNS::Subscription`` with ``Protocol: lambda`` (its ``TopicArn``), an
``AWS::S3::Bucket`` whose ``NotificationConfiguration.LambdaConfigurations`` name the function,
an ``AWS::Events::Rule`` target (its ``EventBusName``, default ``default``: an
``AWS::Events::EventBus`` of the template, which holds the grants of the policies naming it
(``mapper.link``), else the ``AWS::Events::EventBusPolicy`` resources of that bus name; a rule
with only a ``ScheduleExpression`` takes nobody's input), and the SAM events that make them
(``SNS`` ``Topic``, ``S3`` ``Bucket``, ``EventBridgeRule`` / ``CloudWatchEvent``
``EventBusName``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references
from gdcc_audit.normalize.event_sources import EVENT_SOURCE, EVENT_SOURCES_NOT_READ, NOTIFIER

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


#: Types read only for the functions they invoke (not mapped on their own).
NOTIFYING = ("AWS::SNS::Subscription", "AWS::Events::Rule")
#: SAM event types whose service invokes the function -> the property naming what notifies.
_SAM_NOTIFIERS = {"SNS": "Topic", "S3": "Bucket"}
_SAM_RULES = frozenset({"EventBridgeRule", "CloudWatchEvent"})
_BUS_POLICY = "AWS::Events::EventBusPolicy"
BUS = "AWS::Events::EventBus"


def bus_named(value: Any, resources: Mapping[str, Any], names: frozenset[str]) -> str | None:
    """The logical id of the template's event bus an ``EventBusName`` names: by ``Ref`` /
    ``GetAtt``, else by the same literal name written as one bus's ``Name``."""
    for ref in references(value, names):
        spec = resources.get(ref.target)
        if isinstance(spec, Mapping) and spec.get("Type") == BUS:
            return ref.target
    if not isinstance(value, str) or not value:
        return None
    name = value.rsplit("/", 1)[-1]
    found = [
        str(logical_id) for logical_id, spec in resources.items()
        if isinstance(spec, Mapping) and spec.get("Type") == BUS
        and isinstance(spec.get("Properties"), Mapping) and spec["Properties"].get("Name") == name
    ]
    return found[0] if len(found) == 1 else None


def _notifiers(
    resources: Mapping[str, Any], names: frozenset[str], by_id: Mapping[str, Pending]
) -> list[tuple[str, str | None, str]]:
    """Every (function, notifier, resource) of the template: topics, buckets and event bus
    policies whose notifications invoke a function (module docstring)."""
    found: list[tuple[str, str | None, str]] = []
    policies = _bus_policies(resources, names)
    for logical_id, spec in resources.items():
        if not isinstance(spec, Mapping) or not isinstance(spec.get("Properties"), Mapping):
            continue
        props, kind, label = spec["Properties"], spec.get("Type"), str(logical_id)
        if kind == "AWS::SNS::Subscription" and str(props.get("Protocol", "")).lower() == "lambda":
            topic = _source(props.get("TopicArn"), names, by_id, "AWS::SNS::Topic")
            found.extend((f, topic, label) for f in _targets(props.get("Endpoint"), names))
        elif kind == "AWS::S3::Bucket":
            configs = props.get("NotificationConfiguration")
            lambdas = configs.get("LambdaConfigurations") if isinstance(configs, Mapping) else None
            for config in lambdas if isinstance(lambdas, list) else ():
                if isinstance(config, Mapping):
                    found.extend(
                        (f, label, label) for f in _targets(config.get("Function"), names)
                    )
        elif kind == "AWS::Events::Rule":
            targets = props.get("Targets")
            for target in targets if isinstance(targets, list) else ():
                if isinstance(target, Mapping):
                    for f in _targets(target.get("Arn"), names):
                        found.extend(
                            (f, p, label)
                            for p in _rule_sources(props, policies, resources, names)
                        )
        elif kind == "AWS::Serverless::Function":
            events = props.get("Events")
            for name, event in (events.items() if isinstance(events, Mapping) else ()):
                if not isinstance(event, Mapping) or not isinstance(event.get("Type"), str):
                    continue
                given = event.get("Properties")
                given = given if isinstance(given, Mapping) else {}
                where = f"{logical_id} event {name}"
                if event["Type"] in _SAM_NOTIFIERS:
                    source = _source(given.get(_SAM_NOTIFIERS[event["Type"]]), names, by_id,
                                     "AWS::SNS::Topic", "AWS::S3::Bucket")
                    found.append((label, source, where))
                elif event["Type"] in _SAM_RULES:
                    found.extend(
                        (label, p, where)
                        for p in _rule_sources(given, policies, resources, names)
                    )
    return found


def _bus_policies(resources: Mapping[str, Any], names: frozenset[str]) -> dict[str, list[str]]:
    """Event bus name (``default`` when not written) -> its ``AWS::Events::EventBusPolicy``
    resources; a policy whose bus is not a plain name is listed under ``""`` (any bus). A policy
    naming a bus of the template is left out: folded into that bus (``mapper.link``)."""
    found: dict[str, list[str]] = {}
    for logical_id, spec in resources.items():
        if isinstance(spec, Mapping) and spec.get("Type") == _BUS_POLICY:
            props = spec.get("Properties")
            bus = props.get("EventBusName", "default") if isinstance(props, Mapping) else ""
            if bus_named(bus, resources, names) is not None:
                continue
            found.setdefault(bus if isinstance(bus, str) else "", []).append(str(logical_id))
    return found


def _rule_sources(
    props: Mapping[str, Any],
    policies: Mapping[str, list[str]],
    resources: Mapping[str, Any],
    names: frozenset[str],
) -> list[str | None]:
    """What decides who may put the events that reach a rule's targets: its bus when that is
    a bus of the template (holding its policies), else the bus policies of its bus name; none
    for a schedule-only rule; ``[None]`` when the rule's bus is not a plain name (not known)."""
    if props.get("EventPattern", props.get("Pattern")) is None and (
        props.get("ScheduleExpression") is not None or props.get("Schedule") is not None
    ):
        return []
    bus = props.get("EventBusName", "default")
    own = bus_named(bus, resources, names)
    if own is not None:
        return [own, *policies.get("", ())]
    if not isinstance(bus, str):
        return [None]
    return [*policies.get(bus.rsplit("/", 1)[-1], ()), *policies.get("", ())]


def _targets(value: Any, names: frozenset[str]) -> list[str]:
    """The logical ids ``value`` refers to (a function's ``Ref`` / ``GetAtt``)."""
    return [ref.target for ref in references(value, names)]


def _source(
    value: Any, names: frozenset[str], by_id: Mapping[str, Pending], *types: str
) -> str | None:
    """The logical id of the template's resource of ``types`` that ``value`` names."""
    for ref in references(value, names):
        target = by_id.get(ref.target)
        if target is not None and target.provider_type in types:
            return ref.target
    return None


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
    notified: dict[str, list[tuple[str | None, str]]] = {}
    for function, source, label in _notifiers(resources, names, by_id):
        notified.setdefault(function, []).append((source, label))
    linked = [(EVENT_SOURCE, f, m) for f, m in found.items()]
    linked += [(NOTIFIER, f, m) for f, m in notified.items()]
    for attribute, function, mappings in linked:
        item = by_id.get(function)
        if item is None or item.provider_type not in _FUNCTIONS:
            continue
        for source, mapping in mappings:
            if source is None:
                item.found.setdefault(EVENT_SOURCES_NOT_READ, []).append(mapping)
            else:
                # first: the graph keeps one attribute per target (a SAM event's own
                # reference to its queue, ``Events.X.Properties.Queue``, would hide this one)
                item.references.insert(0, Reference(target=source, attribute=attribute))


def _sources(value: Any, names: frozenset[str], by_id: Mapping[str, Pending]) -> str | None:
    """The logical id of the template's queue or stream ``value`` names, else None."""
    for ref in references(value, names):
        target = by_id.get(ref.target)
        if target is not None and target.provider_type in _SOURCES:
            return ref.target
    return None
