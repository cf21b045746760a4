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
from gdcc_audit.normalize.absent import HTTP_API_WAF
from gdcc_audit.normalize.api_gateway import (
    API_OUTSIDE,
    METHODS_IN_BODY,
    BodyAuth,
    body_methods,
    open_method,
)
from gdcc_audit.normalize.cloudformation import rest_api, sam_apis
from gdcc_audit.normalize.cloudformation.build import Pending
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, ResourceRef, all_true, dig

__all__ = ["METHOD_TYPES", "link_methods"]

#: Method / route types -> the property naming their API; a REST API's deployment (read for
#: the stage its ``StageName`` makes) is folded the same way.
DEPLOYMENT = "AWS::ApiGateway::Deployment"
METHOD_TYPES = {
    "AWS::ApiGateway::Method": "RestApiId",
    "AWS::ApiGatewayV2::Route": "ApiId",
    DEPLOYMENT: "RestApiId",
}
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


def _on_stages(names: list[str], http: bool = False) -> Text:
    listed = ", ".join(names)
    what = "an HTTP or WebSocket API" if http else "a REST API"
    what_th = "HTTP หรือ WebSocket API" if http else "REST API"
    return Text(
        en=f"{what} is served by its stages ({listed}): judged on them",
        th=f"{what_th} ให้บริการผ่าน stage ของตน ({listed}) จึงประเมินที่ stage เหล่านั้น",
    )


HTTP_API = "AWS::ApiGatewayV2::Api"
#: Why an HTTP or WebSocket API whose stages are not in its template is judged on TLS
#: (``api_gateway.HTTP_API_TLS_DOC``).
_ENFORCED_TLS = Text(
    en="API Gateway enforces TLS 1.2 on every endpoint of an HTTP or WebSocket API, "
    "whichever stage serves it",
    th="API Gateway บังคับใช้ TLS 1.2 กับทุก endpoint ของ HTTP หรือ WebSocket API "
    "ไม่ว่า stage ใดจะให้บริการ",
)
_QUICK_CREATE_LOGS = Text(
    en=(
        "the stage a quick-create API makes has the access log settings an "
        "AWS::ApiGatewayV2::ApiGatewayManagedOverrides gives it, which is not read"
    ),
    th=(
        "stage ที่ API แบบ quick create สร้างขึ้นมีการตั้งค่า access log ตามที่ "
        "AWS::ApiGatewayV2::ApiGatewayManagedOverrides กำหนด ซึ่งไม่ได้อ่าน"
    ),
)


def _api(item: Pending, prop: str, by_id: Mapping[str, Pending]) -> Pending | None:
    value = item.props.get(prop)
    return by_id.get(value.target) if isinstance(value, ResourceRef) else None


def _body(
    api: Pending, prop: str, found: dict[str, str], sam: BodyAuth | None = None
) -> bool:
    """Add the methods of the API's OpenAPI body (``prop``) to ``found``; False when they
    cannot be read."""
    body = api.props.get(prop)
    if body is None:
        return True
    methods = body_methods(body, f"{api.logical_id} {prop}", sam)
    if methods is None:
        return False
    found.update(methods)
    return True


def _methods(api: Pending, methods: list[Pending]) -> tuple[tuple[str, ...] | None, Text | None]:
    """The methods / routes of ``api`` any caller may invoke: its OpenAPI ``Body`` and the
    method / route resources naming it (a method of the template replaces the body's)."""
    props = api.props
    if props.get("BodyS3Location") is not None:
        return None, METHODS_IN_BODY
    found: dict[str, str] = {}
    if not _body(api, "Body", found):
        return None, METHODS_IN_BODY
    if props.get("Target") is not None:
        # quick create: "a default catch-all route" with no authorization (AWS::ApiGatewayV2::Api
        # Target), as aws_apigatewayv2_api's target in Terraform
        found["$default"] = f"$default ({api.logical_id}: quick-create target)"
    if not _resources(api, methods, found):
        return None, None
    return tuple(v for v in found.values() if v), None


def _resources(api: Pending, methods: list[Pending], found: dict[str, str]) -> bool:
    """Add the method / route resources of the template naming ``api`` to ``found``; False
    when one cannot be read."""
    websocket = api.props.get("ProtocolType") == "WEBSOCKET"
    for method in methods:
        p = method.props
        if method.provider_type == "AWS::ApiGatewayV2::Route":
            key = p.get("RouteKey")
            if not isinstance(key, str):
                return False
            if websocket and key != "$connect":
                continue
            verb: Any = key.split(" ", 1)[0]
            label = f"{key} ({method.logical_id})"
            where = key
        else:
            verb = p.get("HttpMethod")
            label = f"{verb if isinstance(verb, str) else '?'} ({method.logical_id})"
            where = method.logical_id
        opened = open_method(
            p.get("AuthorizationType", "NONE"), verb, label, p.get("ApiKeyRequired", False)
        )
        if opened is None:
            return False
        found[where] = str(opened) if opened else ""
    return True


def _sam_auth(api: Pending) -> tuple[Mapping[str, Any], Any, Any]:
    """A SAM API's ``Auth``, its default authorizer and whether it asks for API keys."""
    auth = _mapping(api.props.get("Auth"))
    return auth, auth.get("DefaultAuthorizer"), auth.get("ApiKeyRequired", False)


def _authorizer(value: Any) -> Any:
    """An event's authorizer as ``open_method`` reads it: NONE, SET, or not known."""
    if value is None:
        return "NONE"
    if isinstance(value, str):
        return "NONE" if value.upper() == "NONE" else "SET"
    return value


def _sam_methods(
    api: Pending, owners: Mapping[str, Mapping[str, Any]], methods: list[Pending]
) -> tuple[tuple[str, ...] | None, Text | None]:
    """The methods of a SAM ``AWS::Serverless::Api`` / ``AWS::Serverless::HttpApi`` any caller
    may invoke: those of its ``DefinitionBody`` (with its ``DefaultAuthorizer`` and
    ``ApiKeyRequired`` added to every method that names no authorizer, as the transform
    does), then the ``Api`` / ``HttpApi`` events of the template's functions and state machines
    naming it (or naming none, for the implicit API), each replacing the body's method, and
    the ``AWS::ApiGateway::Method`` / ``AWS::ApiGatewayV2::Route`` resources naming it (the
    transform leaves them as written: an open route added so was judged "all authenticated")."""
    http = api.provider_type == sam_apis.HTTP
    props = api.props
    if props.get("DefinitionUri") is not None:
        return None, METHODS_IN_BODY
    auth, default, api_key = _sam_auth(api)
    if http:
        api_key = False  # HTTP APIs have no API keys
    named = _mapping(auth.get("Authorizers"))
    sam = BodyAuth(
        default_authorizer=default is not None and _authorizer(default) != "NONE",
        api_key=api_key is True,
        schemes={**dict.fromkeys(map(str, named), "auth"), "AWS_IAM": "auth", "api_key": "key"},
    )
    found: dict[str, str] = {}
    if not _body(api, "DefinitionBody", found, sam):
        return None, METHODS_IN_BODY
    for owner_id, owner in owners.items():
        for name, p in sam_apis.api_events(owner, api.provider_type, api.logical_id):
            own = _mapping(p.get("Auth"))
            authorizer = _authorizer(own.get("Authorizer", default))
            verb, path = p.get("Method"), p.get("Path")
            text = f"{str(verb).upper()} {path}"
            if http and verb is None and path is None:
                verb, text = "ANY", "$default"  # "a default API path" for any other request
            label = f"{text} ({owner_id}.Events.{name})"
            key = own.get("ApiKeyRequired", api_key) if not http else False
            opened = open_method(authorizer, verb, label, key)
            if opened is None:
                return None, None
            found[text] = str(opened) if opened else ""
    if not _resources(api, methods, found):
        return None, None
    return tuple(v for v in found.values() if v), None


SAM_WEBSOCKET = "AWS::Serverless::WebSocketApi"


def _sam_websocket(api: Pending) -> tuple[tuple[str, ...] | None, Text | None]:
    """A SAM ``AWS::Serverless::WebSocketApi`` (was not mapped): as for a WebSocket API's
    routes, only ``$connect`` takes an authorization, the API's ``Auth.AuthType`` (``NONE``,
    ``AWS_IAM`` or ``CUSTOM``; no ``Auth``: none), which the transform writes on its
    ``$connect`` route."""
    routes = api.props.get("Routes")
    if not isinstance(routes, Mapping):
        return None, None
    if "$connect" not in routes:
        return (), None
    auth = _mapping(api.props.get("Auth")).get("AuthType", "NONE")
    opened = open_method(auth, "$connect", f"$connect ({api.logical_id}.Routes)")
    if opened is None:
        return None, None
    return ((str(opened),) if opened else ()), None


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _set(item: Pending, found: tuple[tuple[str, ...] | None, Text | None]) -> None:
    methods, why = found
    item.mapped.facets["unauthenticated_methods"] = methods
    if methods is None and why is not None:
        item.mapped.unknown["unauthenticated_methods"] = why


def link_methods(
    items: list[Pending], owners: Mapping[str, Mapping[str, Any]] | None = None
) -> list[Pending]:
    """Give each API stage (and API without one) the methods any caller may invoke; the
    method and route resources are folded (not listed). ``owners``: the SAM functions and
    state machines of the template (logical id -> resolved properties), whose events are
    the methods of its SAM APIs."""
    by_id = {item.logical_id: item for item in items}
    methods: dict[str, list[Pending]] = {}
    deployments: dict[str, list[Pending]] = {}
    for item in items:
        prop = METHOD_TYPES.get(item.provider_type)
        api = None if prop is None else _api(item, prop, by_id)
        if api is not None:
            kept = deployments if item.provider_type == DEPLOYMENT else methods
            kept.setdefault(api.logical_id, []).append(item)
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
        if item.provider_type == "AWS::ApiGatewayV2::Stage" and (
            _is_http(api) or api.props.get("ProtocolType") == "WEBSOCKET"
        ):
            # no WAF can protect an HTTP or WebSocket API (HTTP_API_WAF; a WebSocket one's
            # stages were UNKNOWN)
            item.mapped.facets["waf_enabled"] = HTTP_API_WAF
    for item in items:
        if item.provider_type == SAM_WEBSOCKET:
            _set(item, _sam_websocket(item))
        elif item.provider_type in (sam_apis.REST, sam_apis.HTTP):
            _set(item, _sam_methods(item, owners or {}, methods.get(item.logical_id, [])))
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
            _deployed_stage(item, deployments.get(item.logical_id, []))
            _set(item, _methods(item, methods.get(item.logical_id, [])))
        elif item.provider_type == HTTP_API:
            _http_api(item, served.get(item.logical_id), methods.get(item.logical_id, []))
    return [item for item in items if item.provider_type not in METHOD_TYPES]


_NO_STAGE = Text(
    en=(
        "no stage of this REST API is in the template (no AWS::ApiGateway::Stage, no "
        "AWS::ApiGateway::Deployment with StageName): the access logs and web ACL of the "
        "stage that serves it are set where that stage is"
    ),
    th=(
        "ไม่มี stage ของ REST API นี้ในเทมเพลต (ไม่มี AWS::ApiGateway::Stage หรือ "
        "AWS::ApiGateway::Deployment ที่มี StageName) access log และ web ACL ของ stage "
        "ที่ให้บริการกำหนดไว้ที่ stage นั้น"
    ),
)


def _deployed_stage(api: Pending, deployments: list[Pending]) -> None:
    """A REST API without a stage resource stands for the stages its deployments make
    (``StageName``): access logs when every one's ``StageDescription.AccessLogSetting`` names
    a destination, none otherwise (as for a stage's ``AccessLogSetting``, ``aws_ops``); no WAF
    unless a web ACL association of the template names it (``mapper.link``). Without such a
    deployment the stage is made elsewhere: both stay unknown."""
    staged = [d for d in deployments if d.props.get("StageName") not in (None, "")]
    if not staged:
        api.mapped.unknown.update(dict.fromkeys(("access_logging", "waf_enabled"), _NO_STAGE))
        return
    logs: list[bool | None] = []
    for deployment in staged:
        setting = dig(deployment.props, "StageDescription", "AccessLogSetting")
        destination = dig(setting, "DestinationArn")
        logs.append(
            False if destination in (None, "") else None if destination is UNKNOWN else True
        )
    facets = api.mapped.facets
    facets["access_logging"] = all_true(logs)
    facets["waf_enabled"] = False


def _is_http(api: Pending) -> bool:
    """An HTTP API (``AWS::ApiGatewayV2::Api`` with ``ProtocolType: HTTP``, or a SAM one):
    no WAF can protect it (``normalize.absent.HTTP_API_WAF``). An API imported from an OpenAPI
    ``Body`` / ``BodyS3Location`` takes no ``ProtocolType`` ("Required unless you specify an
    OpenAPI definition for Body or S3BodyLocation", AWS::ApiGatewayV2::Api) and is an HTTP API
    (only HTTP APIs are imported from OpenAPI; the SAM transform writes its HttpApi so): its
    stages were UNKNOWN on GDCC-NET-003."""
    if api.provider_type == sam_apis.HTTP:
        return True
    protocol = api.props.get("ProtocolType")
    if protocol is None:
        return any(api.props.get(key) is not None for key in ("Body", "BodyS3Location"))
    return bool(protocol == "HTTP")


def _http_api(item: Pending, stages: list[str] | None, routes: list[Pending]) -> None:
    """An ``AWS::ApiGatewayV2::Api``: judged on its stages of the template; a quick-create
    one (``Target``) without them stands for the ``$default`` stage it makes ("Quick create
    produces an API with an integration, a default catch-all route, and a default stage that
    is configured to automatically deploy changes", AWS::ApiGatewayV2::Api Target): public,
    TLS 1.2 (``HTTP_API_TLS_DOC``, ``HTTP_API_ENDPOINTS_DOC``), its routes. Without either
    it serves nothing of the template: its stages are in another template (an ``ApiId``
    parameter there, aws-samples/retail-demo-store's ``apigateway-deploy.yaml``) or not in
    the input, so exposure, logging and methods stay not known; the TLS of an HTTP or
    WebSocket API is not the stage's to choose: "API Gateway enforces a security policy of
    TLS_1_2 for all HTTP API endpoints" (``HTTP_API_TLS_DOC``; the same for WebSocket APIs)."""
    if stages:
        item.mapped.absent.update(dict.fromkeys(_STAGE_FACETS, _on_stages(stages, http=True)))
        return
    if item.props.get("Target") is None:
        if _is_http(item) or item.props.get("ProtocolType") == "WEBSOCKET":
            item.mapped.facets.update(encrypted_in_transit=True, tls_min_version="1.2")
            for facet in ("encrypted_in_transit", "tls_min_version"):
                item.mapped.because[facet] = _ENFORCED_TLS
        return
    item.mapped.facets.update(
        encrypted_in_transit=True, public_endpoint=True, tls_min_version="1.2"
    )
    if _is_http(item):
        item.mapped.facets["waf_enabled"] = HTTP_API_WAF
    item.mapped.unknown["access_logging"] = _QUICK_CREATE_LOGS
    _set(item, _methods(item, routes))
