"""API Gateway stages invoke the Lambda functions their API's integrations name: an
``AWS::ApiGatewayV2::Integration`` (``IntegrationUri``) or an ``AWS::ApiGateway::Method``
(``Integration.Uri``) of the same API refers to the function (``Fn::GetAtt`` or ``${Fn.Arn}``
in ``Fn::Sub``). The stage and the API get a reference ``integration`` to each, which the
resource graph follows (``graph/network.py``: a stage forwards to its integrations); a
function only one branch of an ``Fn::If`` not decided names gets ``integration_maybe`` (it may
be invoked: the graph's edge is not certain)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gdcc_audit.models.resource import INTEGRATION, INTEGRATION_MAYBE, Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references

#: A template's named conditions: True, False, or None when inputs not known decide.
Decide = Callable[[str], "bool | None"]

#: Integration types -> (the property naming their API, the property calling the backend).
_INTEGRATIONS = {
    "AWS::ApiGatewayV2::Integration": ("ApiId", "IntegrationUri"),
    "AWS::ApiGateway::Method": ("RestApiId", "Integration"),
}
#: Stages -> the property naming their API.
_STAGES = {"AWS::ApiGatewayV2::Stage": "ApiId", "AWS::ApiGateway::Stage": "RestApiId"}
_APIS = frozenset({"AWS::ApiGatewayV2::Api", "AWS::ApiGateway::RestApi"})
_FUNCTIONS = frozenset({"AWS::Lambda::Function", "AWS::Serverless::Function"})


def link_api_functions(items: list[Pending], resources: Mapping[str, Any],
                       names: frozenset[str], decide: Decide | None = None) -> None:
    """Add to each API and stage of the template a reference to the functions its
    integrations invoke (``resources``: the template's ``Resources``; ``names``: its
    logical ids; ``decide``: the value of a named condition, None when not known)."""
    by_id = {item.logical_id: item for item in items}
    invoked: dict[str, dict[str, bool]] = {}
    for spec in resources.values():
        if not isinstance(spec, Mapping) or spec.get("Type") not in _INTEGRATIONS:
            continue
        api_key, uri_key = _INTEGRATIONS[spec["Type"]]
        props = spec.get("Properties")
        if not isinstance(props, Mapping):
            continue
        apis = {r.target for r in references(props.get(api_key), names)}
        sure, every = reference_choices(props.get(uri_key), names, decide or (lambda _n: None))
        functions = [
            f for f in every if f in by_id and by_id[f].provider_type in _FUNCTIONS
        ]
        for api in apis:
            called = invoked.setdefault(api, {})
            for function in functions:
                called[function] = called.get(function, False) or function in sure
    if not invoked:
        return
    for item in items:
        if item.provider_type in _APIS:
            api = item.logical_id
        elif item.provider_type in _STAGES:
            found = [r.target for r in item.references
                     if r.attribute == _STAGES[item.provider_type]]
            api = found[0] if found else ""
        else:
            continue
        for function, certain in invoked.get(api, {}).items():
            item.references.append(Reference(
                target=function, attribute=INTEGRATION if certain else INTEGRATION_MAYBE
            ))


def reference_choices(value: Any, names: frozenset[str], decide: Decide,
                      depth: int = 0, **links: Any) -> tuple[set[str], set[str]]:
    """The resources ``value`` certainly refers to, and every one it may: an ``Fn::If`` whose
    condition ``decide`` knows is its branch; one it does not know refers for certain only to
    what both branches do. ``links``: the resolver's ``outputs``, ``parameters`` and
    ``imported`` (``intrinsics.references``), which name other templates' resources by
    canonical id (``!GetAtt Net.Outputs.SubnetId``)."""
    if depth > 40 or not has_if(value, depth):
        found = {r.target for r in references(value, names, **links)}
        return found, found
    if isinstance(value, Mapping) and len(value) == 1 and "Fn::If" in value:
        branches = value["Fn::If"]
        if isinstance(branches, list) and len(branches) == 3:
            taken = decide(branches[0]) if isinstance(branches[0], str) else None
            if taken is not None:
                return reference_choices(
                    branches[1 if taken else 2], names, decide, depth + 1, **links
                )
            sure_a, all_a = reference_choices(branches[1], names, decide, depth + 1, **links)
            sure_b, all_b = reference_choices(branches[2], names, decide, depth + 1, **links)
            return sure_a & sure_b, all_a | all_b
    sure: set[str] = set()
    every: set[str] = set()
    for item in value.values() if isinstance(value, Mapping) else value:
        one, all_ = reference_choices(item, names, decide, depth + 1, **links)
        sure |= one
        every |= all_
    return sure, every


def has_if(value: Any, depth: int = 0) -> bool:
    """Whether ``value`` holds an ``Fn::If``."""
    if depth > 40:
        return False
    if isinstance(value, Mapping):
        return "Fn::If" in value or any(has_if(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(has_if(v, depth + 1) for v in value)
    return False
