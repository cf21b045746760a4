"""API Gateway facts shared by the Terraform and CloudFormation mappers: the minimum TLS
version of a REST API's default endpoint and of HTTP / WebSocket APIs, and their exposure."""

from __future__ import annotations

import re
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
    "api_gateway_policy_tls",
]


#: "NONE for open access" (Method, authorizationType, API Gateway REST API reference); an API
#: key is no authentication: "Don't use API keys for authentication or authorization to
#: control access to your APIs" (API Gateway developer guide, usage plans). HTTP API routes:
#: "Supported values are NONE for open access, JWT ..., AWS_IAM ..., and CUSTOM" (Route,
#: authorizationType, API Gateway V2 API reference).
METHOD_AUTH_DOC = "https://docs.aws.amazon.com/apigateway/latest/api/API_Method.html"
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
