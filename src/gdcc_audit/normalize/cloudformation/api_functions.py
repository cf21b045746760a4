"""API Gateway stages invoke the Lambda functions their API's integrations name: an
``AWS::ApiGatewayV2::Integration`` (``IntegrationUri``) or an ``AWS::ApiGateway::Method``
(``Integration.Uri``) of the same API refers to the function (``Fn::GetAtt`` or ``${Fn.Arn}``
in ``Fn::Sub``). The stage and the API get a reference ``integration`` to each, which the
resource graph follows (``graph/network.py``: a stage forwards to its integrations)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.resource import Reference
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.intrinsics import references

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
                       names: frozenset[str]) -> None:
    """Add to each API and stage of the template a reference to the functions its
    integrations invoke (``resources``: the template's ``Resources``; ``names``: its
    logical ids)."""
    by_id = {item.logical_id: item for item in items}
    invoked: dict[str, list[str]] = {}
    for spec in resources.values():
        if not isinstance(spec, Mapping) or spec.get("Type") not in _INTEGRATIONS:
            continue
        api_key, uri_key = _INTEGRATIONS[spec["Type"]]
        props = spec.get("Properties")
        if not isinstance(props, Mapping):
            continue
        apis = {r.target for r in references(props.get(api_key), names)}
        functions = [
            r.target for r in references(props.get(uri_key), names)
            if r.target in by_id and by_id[r.target].provider_type in _FUNCTIONS
        ]
        for api in apis:
            invoked.setdefault(api, []).extend(functions)
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
        for function in dict.fromkeys(invoked.get(api, ())):
            item.references.append(Reference(target=function, attribute="integration"))
