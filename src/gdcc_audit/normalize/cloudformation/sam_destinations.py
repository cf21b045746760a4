"""The SNS topics and SQS queues the SAM transform creates for a function's asynchronous
invocation destinations.

An ``AWS::Serverless::Function`` whose ``EventInvokeConfig.DestinationConfig.OnSuccess`` or
``OnFailure`` has ``Type: SNS`` or ``SQS`` and no ``Destination`` gets a topic or queue made
"with defaults" (samtranslator ``SamFunction._validate_and_inject_resource``: "if the user has
not specified a destination ARN for SQS/SNS, SAM auto creates a SQS and SNS resource with
defaults"), logical id ``<Function>EventInvokeConfig<OnSuccess|OnFailure>Topic`` (``Queue``),
with no properties. They were not in the scan: a topic that the provider leaves unencrypted
had no finding. Each is judged as that topic or queue with no properties, pointing at the
destination it comes from.
https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-eventinvokedestinationconfiguration.html
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from gdcc_audit.load.interface import Document
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.types import Mapped
from gdcc_audit.normalize.cloudformation.values import NO_VALUE, declared_at

FUNCTION = "AWS::Serverless::Function"
#: Destination type -> (logical id suffix, the type the transform creates).
CREATED = {"SNS": ("Topic", "AWS::SNS::Topic"), "SQS": ("Queue", "AWS::SQS::Queue")}
_EVENTS = ("OnSuccess", "OnFailure")


def _created(logical_id: str, props: Any) -> Iterator[tuple[str, str, str]]:
    """(logical id, type, event) of each topic or queue the transform creates for the
    function ``logical_id`` of properties ``props``."""
    config = props.get("EventInvokeConfig") if isinstance(props, Mapping) else None
    destinations = config.get("DestinationConfig") if isinstance(config, Mapping) else None
    if not isinstance(destinations, Mapping):
        return
    for event in _EVENTS:
        destination = destinations.get(event)
        if not isinstance(destination, Mapping) or destination.get("Type") not in CREATED:
            continue
        if destination.get("Destination") not in (None, NO_VALUE):
            continue
        suffix, kind = CREATED[str(destination["Type"])]
        yield f"{logical_id}EventInvokeConfig{event}{suffix}", kind, event


def generated_ids(resources: Mapping[str, Any]) -> frozenset[str]:
    """Logical ids of the topics and queues the transform may add (as written: so that a
    ``Ref`` or ``Fn::GetAtt`` to one is read as that resource)."""
    return frozenset(
        name
        for logical_id, spec in resources.items()
        if isinstance(spec, Mapping) and spec.get("Type") == FUNCTION
        for name, _, _ in _created(str(logical_id), spec.get("Properties"))
        if name not in resources
    )


def created_resources(
    document: Document,
    logical_id: str,
    props: Any,
    pointer: str,
    mapper: Callable[[str], Callable[[dict[str, Any]], Mapped | None] | None],
) -> list[Pending]:
    """The topics and queues the transform creates for the function ``logical_id`` (its
    resolved ``props``, Globals merged), mapped by ``mapper(type)`` with no properties."""
    found: list[Pending] = []
    for name, kind, event in _created(logical_id, props):
        if name in document.data["Resources"]:
            continue
        type_mapper = mapper(kind)
        mapped = type_mapper({}) if type_mapper is not None else None
        if mapped is None:
            continue
        at = f"{pointer}/Properties/EventInvokeConfig/DestinationConfig/{event}"
        if document.lines is None or document.lines.span_of(at) is None:
            at = pointer  # written in the Globals: the function that inherits it
        found.append(
            Pending(
                logical_id=name,
                provider="aws",
                provider_type=kind,
                mapped=mapped,
                props={},
                raw={},
                pointer=at,
                at=declared_at(document, at),
            )
        )
    return found
