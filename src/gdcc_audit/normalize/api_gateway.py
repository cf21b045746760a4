"""API Gateway facts shared by the Terraform and CloudFormation mappers: the minimum TLS
version of a REST API's default endpoint and of HTTP / WebSocket APIs, and their exposure."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text

#: "For an API using a default endpoint, API Gateway uses the following security policy: For
#: edge-optimized APIs: TLS-1-0, For Regional APIs: TLS-1-0, For private APIs: TLS-1-2".
REST_API_TLS_DOC = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
    "apigateway-custom-domain-tls-version.html"
)
#: "API Gateway enforces a security policy of TLS_1_2 for all HTTP API endpoints" (and, in
#: the same words, "for all WebSocket API endpoints", websocket-api-ciphers.html).
HTTP_API_TLS_DOC = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-ciphers.html"
)
#: Endpoint types: HTTP APIs are Regional only, with no private endpoint ("Private ... REST API
#: Yes, HTTP API No"); "WebSocket APIs ... there is no private endpoint type available"
#: (Best Practices for Designing Amazon API Gateway Private APIs, AWS whitepaper).
HTTP_API_ENDPOINTS_DOC = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-vs-rest.html"
)
_LEGACY_POLICY = re.compile(r"^TLS_1_([0-3])$")
#: Enhanced policies: SecurityPolicy_TLS13_1_3_2025_09 accepts TLS 1.3 only,
#: SecurityPolicy_TLS13_1_2_... TLS 1.2 and 1.3, SecurityPolicy_TLS12_... TLS 1.2
#: (apigateway-security-policies.html; the SecurityPolicy enum of the API Gateway API).
_ENHANCED_POLICY = re.compile(r"^SecurityPolicy_TLS1(?:3_1_([23])|2)_")
DEFAULT_ENDPOINT_OFF = Text(
    en=(
        "the REST API's default endpoint is disabled (disable_execute_api_endpoint, "
        "DisableExecuteApiEndpoint): clients "
        "reach this stage through custom domain names, whose security policy is not known here"
    ),
    th=(
        "ปิด endpoint เริ่มต้นของ REST API (disable_execute_api_endpoint, "
        "DisableExecuteApiEndpoint) ผู้ใช้เข้าถึง stage นี้ผ่าน "
        "custom domain name ซึ่งไม่ทราบ security policy จากข้อมูลนี้"
    ),
)
POLICY_IN_BODY = Text(
    en=(
        "the REST API is defined by an OpenAPI body that can set its security policy or turn "
        "its default endpoint off: the minimum TLS version is not known"
    ),
    th=(
        "REST API กำหนดด้วย OpenAPI body ซึ่งอาจกำหนด security policy หรือปิด endpoint เริ่มต้น "
        "จึงไม่ทราบเวอร์ชัน TLS ขั้นต่ำ"
    ),
)


def api_gateway_policy_tls(name: Any) -> str | None:
    """The minimum TLS version of an API Gateway security policy (``TLS_1_0``, ``TLS_1_2``,
    ``SecurityPolicy_TLS13_1_3_2025_09`` ...); ``None`` for a name not known."""
    if not isinstance(name, str):
        return None
    legacy = _LEGACY_POLICY.match(name.strip())
    if legacy:
        return f"1.{legacy.group(1)}"
    enhanced = _ENHANCED_POLICY.match(name.strip())
    if enhanced:
        return f"1.{enhanced.group(1) or '2'}"
    return None


#: "Edge-optimized API endpoints ... This is the default endpoint type for API Gateway REST
#: APIs" (API endpoint types for REST APIs in API Gateway).
REST_API_ENDPOINT_DOC = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-endpoint-types.html"
)

#: "You can only specify a security policy for a custom domain": API Gateway's pages give the
#: policy of a default endpoint, none for a custom domain name created without one
#: (docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-custom-domain-tls-version.html).
DOMAIN_POLICY_UNSET = Text(
    en=(
        "security_policy is not written and API Gateway does not document the policy a "
        "custom domain name gets without one"
    ),
    th="ไม่ได้กำหนด security_policy และ API Gateway ไม่ได้ระบุนโยบายที่ custom domain name ได้รับเมื่อไม่กำหนด",
)

__all__ = [
    "DEFAULT_ENDPOINT_OFF",
    "DOMAIN_POLICY_UNSET",
    "HTTP_API_ENDPOINTS_DOC",
    "HTTP_API_TLS_DOC",
    "POLICY_IN_BODY",
    "REST_API_ENDPOINT_DOC",
    "REST_API_TLS_DOC",
    "BodyAuth",
    "api_gateway_policy_tls",
    "body_methods",
]


#: "NONE for open access" (Method, authorizationType, API Gateway REST API reference); an API
#: key is no authentication: "Don't use API keys for authentication or authorization to
#: control access to your APIs" (API Gateway developer guide, usage plans). HTTP API routes:
#: "Supported values are NONE for open access, JWT ..., AWS_IAM ..., and CUSTOM" (Route,
#: authorizationType, API Gateway V2 API reference).
#: https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html
API_KEYS_DOC = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-usage-plans.html"
)
METHODS_IN_BODY = Text(
    en=(
        "the API is defined by an OpenAPI body (or a quick-create target) whose methods are "
        "not read: whether each asks for credentials is not known"
    ),
    th=(
        "API กำหนดด้วย OpenAPI body (หรือ target แบบ quick create) ซึ่งไม่ได้อ่าน method "
        "จึงไม่ทราบว่าแต่ละ method ต้องยืนยันตัวตนหรือไม่"
    ),
)
API_OUTSIDE = Text(
    en="the stage's API is not in the scan: its methods are not known",
    th="API ของ stage นี้ไม่อยู่ในสิ่งที่สแกน จึงไม่ทราบ method ของ API",
)


def rest_api_outside(named: str) -> Text:
    """Why a REST API stage's exposure is not known: its API (``named``) is not in the scan,
    so whether its endpoint type is ``PRIVATE`` is not known (EDGE and REGIONAL are public)."""
    return Text(
        en=f"its REST API {named} is not in the scan: whether its endpoint is PRIVATE (not "
        "public) or EDGE / REGIONAL (public) is not known",
        th=f"REST API {named} ของ stage นี้ไม่อยู่ในสิ่งที่สแกน จึงไม่ทราบว่า endpoint เป็น "
        "PRIVATE (ไม่สาธารณะ) หรือ EDGE / REGIONAL (สาธารณะ)",
    )


def open_method(
    authorization: Any, verb: Any, label: str, api_key: Any = False
) -> str | bool | None:
    """``label`` with why, when a REST method / HTTP route lets any caller in (authorization
    ``NONE``); ``False`` when it asks for credentials or is a CORS ``OPTIONS`` preflight
    (which browsers send without credentials); ``None`` when not known."""
    if isinstance(verb, str) and verb.upper() == "OPTIONS":
        return False
    if not isinstance(authorization, str):
        return None
    if authorization.upper() != "NONE":
        return False
    if api_key is True:
        return f"{label} (API key only: an API key is no authentication)"
    return label


#: OpenAPI operations of a path item; ``x-amazon-apigateway-any-method`` is API Gateway's
#: catch-all method (ANY), "x-amazon-apigateway-any-method object" in the API Gateway
#: developer guide (api-gateway-swagger-extensions-any-method.html).
_OPERATIONS = {
    "get": "GET", "put": "PUT", "post": "POST", "delete": "DELETE", "options": "OPTIONS",
    "head": "HEAD", "patch": "PATCH", "x-amazon-apigateway-any-method": "ANY",
}  # fmt: skip
#: "x-amazon-apigateway-authtype ... the term awsSigv4 is a reserved term, along with any term
#: prefixed by aws" (IAM authorization); a Lambda or Cognito authorizer is a security scheme
#: with ``x-amazon-apigateway-authorizer`` (API Gateway developer guide,
#: api-gateway-swagger-extensions-authtype.html, api-gateway-swagger-extensions-authorizer.html).
OPENAPI_AUTH_DOC = (
    "https://docs.aws.amazon.com/apigateway/latest/developerguide/"
    "api-gateway-swagger-extensions-authtype.html"
)
#: An API key scheme: "type: apiKey, name: x-api-key, in: header" is how an OpenAPI definition
#: asks API Gateway for an API key (api-gateway-swagger-extensions-api-key-source.html).
_API_KEY_HEADER = "x-api-key"


def _scheme(scheme: Any, name: str, extra: Mapping[str, str]) -> str | None:
    """``auth`` (a caller must authenticate), ``key`` (an API key only) or ``None`` (not
    known) for the security scheme ``name``; ``extra`` names schemes defined outside the body
    (the authorizers a SAM API adds)."""
    if name in extra:
        return extra[name]
    if not isinstance(scheme, Mapping):
        return None
    if scheme.get("x-amazon-apigateway-authorizer") is not None:
        return "auth"
    kind = scheme.get("x-amazon-apigateway-authtype")
    if isinstance(kind, str) and kind.lower().startswith("aws"):
        return "auth"
    header = scheme.get("name")
    if (
        kind is None
        and scheme.get("type") == "apiKey"
        and scheme.get("in") == "header"
        and isinstance(header, str)
        and header.lower() == _API_KEY_HEADER
    ):
        return "key"
    return None


def _requirements(
    security: Any, schemes: Mapping[str, Any], extra: Mapping[str, str]
) -> str | None:
    """What a method's ``security`` asks of a caller: ``open``, ``key``, ``auth`` or ``None``
    (not known). API Gateway reads each listed requirement as a setting of the method (the
    SAM transform writes ``[{api_key: []}, {MyAuthorizer: []}]`` for a method that asks for
    both), so one scheme that authenticates makes the method ask for credentials; an empty
    requirement beside one is not known (read as "or nothing" by OpenAPI)."""
    if security is None:
        return "open"
    if not isinstance(security, list):
        return None
    kinds: set[str | None] = set()
    for requirement in security:
        if not isinstance(requirement, Mapping):
            return None
        if "NONE" in requirement:
            return "open"
        kinds |= {_scheme(schemes.get(str(n)), str(n), extra) for n in requirement} or {"open"}
    if None in kinds:
        return None
    if "auth" in kinds:
        return None if "open" in kinds else "auth"
    return "key" if "key" in kinds else "open"


@dataclass(frozen=True)
class BodyAuth:
    """What a SAM API adds to every method of its OpenAPI body: a default authorizer
    (``DefaultAuthorizer`` other than NONE), a required API key, the authorizers it defines."""

    default_authorizer: bool = False
    api_key: bool = False
    schemes: Mapping[str, str] = field(default_factory=dict)


def body_methods(body: Any, label: str, sam: BodyAuth | None = None) -> dict[str, str] | None:
    """The methods of an OpenAPI ``body`` (a REST API's ``Body``, a SAM ``DefinitionBody``)
    that let any caller in: ``"VERB /path"`` -> the label of an open method (API key only
    said so); a method that asks for credentials maps to ``""``. ``None`` when the body or a
    method's security cannot be read (an ``AWS::Include`` transform, an unknown scheme).

    A method without ``security`` lets anyone in (one under a body-wide ``security`` is not
    known: API Gateway does not document applying it); an alternative with no scheme lets anyone
    in; ``x-amazon-apigateway-authorizer`` or an ``aws``-prefixed ``x-amazon-apigateway-authtype``
    asks for credentials (``OPENAPI_AUTH_DOC``); an ``x-api-key`` header scheme is an API key
    (no authentication, ``API_KEYS_DOC``). A SAM API's ``DefaultAuthorizer`` is added to every
    method that names no authorizer and no ``NONE`` (samtranslator
    ``SwaggerEditor.set_path_default_authorizer``)."""
    if not isinstance(body, Mapping):
        return None
    paths = body.get("paths")
    if paths is None:
        return {}
    if not isinstance(paths, Mapping):
        return None
    components = body.get("components")
    schemes: Any = body.get("securityDefinitions") or (
        components.get("securitySchemes") if isinstance(components, Mapping) else None
    ) or {}
    if not isinstance(schemes, Mapping):
        return None
    auth = sam or BodyAuth()
    found: dict[str, str] = {}
    for path, item in paths.items():
        if not isinstance(item, Mapping):
            return None
        for key, operation in item.items():
            verb = _OPERATIONS.get(str(key).lower())
            if verb is None or verb == "OPTIONS":
                continue
            if not isinstance(operation, Mapping):
                return None
            security = operation.get("security")
            if security is None and body.get("security") not in (None, []):
                # whether API Gateway applies a body-wide security requirement to a method
                # that names none is not documented: not known
                return None
            state = _requirements(security, schemes, auth.schemes)
            if state is None:
                return None
            named_none = isinstance(security, list) and any(
                isinstance(r, Mapping) and "NONE" in r for r in security
            )
            if state in ("open", "key") and auth.default_authorizer and not named_none:
                state = "auth"
            if state == "open" and auth.api_key:
                state = "key"
            where = f"{verb} {path} ({label})"
            if state == "auth":
                found[f"{verb} {path}"] = ""
            elif state == "key":
                found[f"{verb} {path}"] = f"{where} (API key only: an API key is no authentication)"
            else:
                found[f"{verb} {path}"] = where
    return found
