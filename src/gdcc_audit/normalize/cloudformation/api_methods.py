"""Which methods of a CloudFormation API let any caller in (``unauthenticated_methods``), as
``aws_api_gateway_stage`` reads its REST API's ``aws_api_gateway_method`` resources in
Terraform (``normalize.api_gateway.open_method`` decides one method).

- ``AWS::ApiGateway::Stage`` serves the ``AWS::ApiGateway::Method`` resources whose
  ``RestApiId`` names its REST API; ``AWS::ApiGatewayV2::Stage`` the ``AWS::ApiGatewayV2::Route``
  resources of its API (``AuthorizationType`` defaults to NONE; a WebSocket API authorizes on
  ``$connect`` only). An API outside the template, or defined by an OpenAPI body, leaves them
  unknown. Methods and routes are folded into the stages (not listed on their own).
- An ``AWS::ApiGateway::RestApi`` with stages in the template is judged on them: its own
  exposure, TLS, WAF, logs and methods are its stages' (was UNKNOWN on five rules). Without a
  stage (a ``Deployment`` with ``StageName`` makes one) it stands for that stage: exposure and
  TLS of its default endpoint (``rest_api.endpoint``), HTTPS only, and its methods.
- ``AWS::Serverless::Api`` is its REST API and stage: the ``Api`` events of the template's
  ``AWS::Serverless::Function`` resources whose ``RestApiId`` names it are its methods. An event
  is open when its ``Auth.Authorizer`` is ``NONE``, or when it names none and the API has no
  ``Auth.DefaultAuthorizer`` (SAM ``ApiFunctionAuth``; ``ApiKeyRequired`` is no authentication).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.normalize.api_gateway import (
    API_OUTSIDE,
    METHODS_IN_BODY,
    open_method,
)
from gdcc_audit.normalize.cloudformation import rest_api
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import ResourceRef

__all__ = ["METHOD_TYPES", "link_methods"]

#: Method / route types -> the property naming their API.
METHOD_TYPES = {"AWS::ApiGateway::Method": "RestApiId", "AWS::ApiGatewayV2::Route": "ApiId"}
_STAGES = {"AWS::ApiGateway::Stage": "RestApiId", "AWS::ApiGatewayV2::Stage": "ApiId"}
_STAGE_FACETS = frozenset(
    {
        "encrypted_in_transit",
        "tls_min_version",
        "waf_enabled",
        "access_logging",
        "public_endpoint",
        "unauthenticated_methods",
    }
)


def _on_stages(names: list[str]) -> Text:
    listed = ", ".join(names)
    return Text(
        en=f"a REST API is served by its stages ({listed}): judged on them",
        th=f"REST API ให้บริการผ่าน stage ของตน ({listed}) จึงประเมินที่ stage เหล่านั้น",
    )


def _api(item: Pending, prop: str, by_id: Mapping[str, Pending]) -> Pending | None:
    value = item.props.get(prop)
    return by_id.get(value.target) if isinstance(value, ResourceRef) else None


def _methods(api: Pending, methods: list[Pending]) -> tuple[tuple[str, ...] | None, Text | None]:
    """The methods / routes of ``api`` any caller may invoke."""
    props = api.props
    if props.get("Body") is not None or props.get("BodyS3Location") is not None or (
        props.get("Target") is not None
    ):
        return None, METHODS_IN_BODY
    websocket = props.get("ProtocolType") == "WEBSOCKET"
    found: list[str] = []
    for method in methods:
        p = method.props
        if method.provider_type == "AWS::ApiGatewayV2::Route":
            key = p.get("RouteKey")
            if not isinstance(key, str):
                return None, None
            if websocket and key != "$connect":
                continue
            verb: Any = key.split(" ", 1)[0]
            label = f"{key} ({method.logical_id})"
        else:
            verb = p.get("HttpMethod")
            label = f"{verb if isinstance(verb, str) else '?'} ({method.logical_id})"
        opened = open_method(
            p.get("AuthorizationType", "NONE"), verb, label, p.get("ApiKeyRequired", False)
        )
        if opened is None:
            return None, None
        if opened:
            found.append(str(opened))
    return tuple(found), None


def _sam_methods(
    api: Pending, functions: list[Pending]
) -> tuple[tuple[str, ...] | None, Text | None]:
    """The ``Api`` events naming a SAM ``AWS::Serverless::Api`` that any caller may invoke."""
    props = api.props
    if props.get("DefinitionBody") is not None or props.get("DefinitionUri") is not None:
        return None, METHODS_IN_BODY
    auth = _mapping(props.get("Auth"))
    default = auth.get("DefaultAuthorizer")
    api_key = auth.get("ApiKeyRequired", False)
    found: list[str] = []
    for function in functions:
        events = function.props.get("Events")
        if not isinstance(events, Mapping):
            continue
        for name, event in events.items():
            if not isinstance(event, Mapping) or event.get("Type") != "Api":
                continue
            p = event.get("Properties")
            if not isinstance(p, Mapping):
                continue
            target = p.get("RestApiId")
            if not (isinstance(target, ResourceRef) and target.target == api.logical_id):
                continue
            own = _mapping(p.get("Auth"))
            authorizer = own.get("Authorizer", default)
            if authorizer is None:
                authorizer = "NONE"
            elif isinstance(authorizer, str) and authorizer.upper() != "NONE":
                authorizer = "SET"
            verb = p.get("Method")
            path = p.get("Path")
            label = f"{str(verb).upper()} {path} ({function.logical_id}.Events.{name})"
            opened = open_method(authorizer, verb, label, own.get("ApiKeyRequired", api_key))
            if opened is None:
                return None, None
            if opened:
                found.append(str(opened))
    return tuple(found), None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _set(item: Pending, found: tuple[tuple[str, ...] | None, Text | None]) -> None:
    methods, why = found
    item.mapped.facets["unauthenticated_methods"] = methods
    if methods is None and why is not None:
        item.mapped.unknown["unauthenticated_methods"] = why


def link_methods(items: list[Pending]) -> list[Pending]:
    """Give each API stage (and REST API without one) the methods any caller may invoke;
    the method and route resources are folded (not listed)."""
    by_id = {item.logical_id: item for item in items}
    methods: dict[str, list[Pending]] = {}
    for item in items:
        prop = METHOD_TYPES.get(item.provider_type)
        api = None if prop is None else _api(item, prop, by_id)
        if api is not None:
            methods.setdefault(api.logical_id, []).append(item)
    served: dict[str, list[str]] = {}
    for item in items:
        prop = _STAGES.get(item.provider_type)
        if prop is None:
            continue
        api = _api(item, prop, by_id)
        if api is None:
            _set(item, (None, API_OUTSIDE))
            continue
        served.setdefault(api.logical_id, []).append(item.logical_id)
        _set(item, _methods(api, methods.get(api.logical_id, [])))
    functions = [i for i in items if i.provider_type == "AWS::Serverless::Function"]
    for item in items:
        if item.provider_type == "AWS::Serverless::Api":
            _set(item, _sam_methods(item, functions))
        elif item.provider_type == "AWS::ApiGateway::RestApi":
            stages = served.get(item.logical_id)
            if stages:
                reason = _on_stages(stages)
                item.mapped.absent.update(dict.fromkeys(_STAGE_FACETS, reason))
                continue
            # no stage of the template: it stands for the one its deployment makes
            found = rest_api.endpoint(item.props)
            facets = item.mapped.facets
            facets.update(
                encrypted_in_transit=True, public_endpoint=found.public, tls_min_version=found.tls
            )
            item.mapped.defaults.update(found.defaults)
            item.mapped.unknown.update(found.unknown)
            _set(item, _methods(item, methods.get(item.logical_id, [])))
    return [item for item in items if item.provider_type not in METHOD_TYPES]
