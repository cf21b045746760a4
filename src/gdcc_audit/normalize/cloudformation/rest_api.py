"""The default (``execute-api``) endpoint of a CloudFormation REST API, as its stages answer on
it: exposure and minimum TLS version, read as ``aws_api_gateway_stage`` reads its
``aws_api_gateway_rest_api`` in Terraform (``normalize.terraform.aws_network``).

- ``AWS::ApiGateway::Stage`` takes the ``AWS::ApiGateway::RestApi`` of the template its
  ``RestApiId`` names (``mapper.link``); a REST API outside the template leaves both unknown.
- ``AWS::Serverless::Api`` is its own REST API and stage (SAM ``EndpointConfiguration.Type``,
  ``DisableExecuteApiEndpoint``, ``DefinitionBody`` / ``DefinitionUri``).

Exposure: public unless the endpoint type is ``PRIVATE``; without ``EndpointConfiguration``
the API is edge-optimised, the default endpoint type (``REST_API_ENDPOINT_DOC``). TLS: the
``SecurityPolicy`` (``TLS_1_0``, ``TLS_1_2``, ``SecurityPolicy_TLS13_…``), else the documented
default of the endpoint type (``REST_API_TLS_DOC``: TLS 1.0 for edge-optimised and Regional,
1.2 for private). Not known, with the reason: a default endpoint turned off
(``DisableExecuteApiEndpoint``: clients come through custom domain names), an OpenAPI body that
sets the policy or turns the endpoint off, or a body kept in S3.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.api_gateway import (
    DEFAULT_ENDPOINT_OFF,
    POLICY_IN_BODY,
    REST_API_ENDPOINT_DOC,
    REST_API_TLS_DOC,
    api_gateway_policy_tls,
)
from gdcc_audit.normalize.cloudformation.values import UNKNOWN, as_bool, is_known

#: OpenAPI extensions that change the default endpoint's policy or turn it off.
_BODY_KEYS = ("x-amazon-apigateway-security-policy", "disableExecuteApiEndpoint")


@dataclass
class Endpoint:
    """What a REST API's default endpoint gives its stages."""

    public: bool | None = None
    tls: str | None = None
    defaults: dict[str, DefaultedFacet] = field(default_factory=dict)
    unknown: dict[str, Text] = field(default_factory=dict)


def _types(value: Any) -> list[str] | None:
    listed = value if isinstance(value, list) else [value]
    if not listed or not all(isinstance(t, str) for t in listed):
        return None
    return [t.upper() for t in listed]


def _body_sets_policy(body: Any) -> bool:
    """Whether an OpenAPI body may set the security policy or turn the endpoint off: it names
    one of the extensions, or it is not known as a whole (an ``AWS::Include`` transform). A
    value inside it that is not known (an integration URI) does not hide a top-level key."""
    if not is_known(body) or (isinstance(body, Mapping) and "Fn::Transform" in body):
        return True
    text = body if isinstance(body, str) else json.dumps(body, default=str)
    return any(key in text for key in _BODY_KEYS)


def endpoint(props: Mapping[str, Any], sam: bool = False) -> Endpoint:
    """The default endpoint of a REST API (``AWS::ApiGateway::RestApi`` properties, or those of
    an ``AWS::Serverless::Api`` when ``sam``)."""
    found = Endpoint()
    config = props.get("EndpointConfiguration")
    if config is None:
        types: list[str] | None = ["EDGE"]
        found.defaults["public_endpoint"] = DefaultedFacet(
            attribute="EndpointConfiguration", doc=REST_API_ENDPOINT_DOC
        )
    elif sam:
        # SAM: EndpointConfiguration: {Type: REGIONAL} or the type as a string; a mapping
        # without Type is not a type SAM can write (not known)
        written = config.get("Type") if isinstance(config, Mapping) else config
        types = None if written is None or isinstance(written, list) else _types(written)
    else:
        written = config.get("Types") if isinstance(config, Mapping) else UNKNOWN
        types = ["EDGE"] if written is None else _types(written)
    found.public = None if types is None else "PRIVATE" not in types
    disabled = props.get("DisableExecuteApiEndpoint")
    off = False if disabled is None else as_bool(disabled)
    if off is not False:
        if off is True:
            found.unknown["tls_min_version"] = DEFAULT_ENDPOINT_OFF
        return found
    policy = props.get("SecurityPolicy")
    if policy is not None:
        found.tls = api_gateway_policy_tls(policy) if is_known(policy) else None
        return found
    body_props = ("DefinitionBody", "DefinitionUri") if sam else ("Body", "BodyS3Location")
    body, location = (props.get(name) for name in body_props)
    if location is not None or (body is not None and _body_sets_policy(body)):
        found.unknown["tls_min_version"] = POLICY_IN_BODY
        return found
    if types is None:
        return found
    found.tls = "1.2" if "PRIVATE" in types else "1.0"
    found.defaults["tls_min_version"] = DefaultedFacet(
        attribute="SecurityPolicy", doc=REST_API_TLS_DOC
    )
    return found
