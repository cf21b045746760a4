"""GDCC-ENC-004 / ENC-005 on an ``AWS::ApiGatewayV2::Api`` whose stages are not in its template
(aws-samples/retail-demo-store: ``apigateway.yaml`` makes the HTTP API, ``apigateway-deploy.yaml``
its stage through an ``ApiId`` parameter): UNKNOWN "not known from the input", though API
Gateway enforces TLS 1.2 on every endpoint of an HTTP or WebSocket API whatever the stage
(http-api-ciphers.html, websocket-api-ciphers.html). Exposure, WAF, logging and methods depend
on the stage and stay UNKNOWN."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.models.finding import Status

_TEMPLATE = """\
AWSTemplateFormatVersion: 2010-09-09
Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: shop-api
      ProtocolType: {protocol}
{extra}"""

_STAGE = """\
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: prod
"""

_RULES = ("GDCC-ENC-004", "GDCC-ENC-005", "GDCC-LOG-007")


def _found(tmp_path: Path, protocol: str, extra: str = "") -> dict[str, tuple[Status, str]]:
    text = _TEMPLATE.format(protocol=protocol, extra=extra)
    (tmp_path / "api.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=_RULES))
    return {f.rule_id: (f.status, f.message.en) for f in result.findings if f.address == "Api"}


@pytest.mark.parametrize("protocol", ["HTTP", "WEBSOCKET"])
def test_tls_is_enforced_whatever_the_stage(tmp_path: Path, protocol: str) -> None:
    found = _found(tmp_path, protocol)
    why = (" (API Gateway enforces TLS 1.2 on every endpoint of an HTTP or WebSocket API, "
           "whichever stage serves it)")
    assert found == {
        "GDCC-ENC-004": (
            Status.PASS, "Traffic to load balancers, gateways and databases is encrypted" + why
        ),
        "GDCC-ENC-005": (Status.PASS, "TLS 1.2 or later is the minimum protocol version" + why),
        "GDCC-LOG-007": (
            Status.UNKNOWN, "whether access logging is on is not known from the input"
        ),
    }


def test_an_api_with_its_stage_is_still_judged_on_the_stage(tmp_path: Path) -> None:
    found = _found(tmp_path, "HTTP", _STAGE)
    assert {rule: status for rule, (status, _) in found.items()} == dict.fromkeys(
        _RULES, Status.NOT_APPLICABLE
    )
