"""GDCC-NET-005: a public API stage whose methods or routes let anyone in (authorization
``NONE``) FAILs, naming each method; the fixture ``tests/rules/GDCC-NET-005`` covers the
statuses, this file the exact evidence and what a CloudFormation REST API shows (was UNKNOWN on
five rules: now judged on its stages, or standing for its deployment's stage)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURE = Path(__file__).parent / "rules" / "GDCC-NET-005"


def test_evidence_names_each_open_method(tmp_path: Path) -> None:
    result = audit(
        [FIXTURE / "main.tf", FIXTURE / "template.yaml"], Settings(rule_ids=("GDCC-NET-005",))
    )
    found = {(f.address or "", f.status): f.evidence for f in result.findings}
    assert found[("aws_api_gateway_stage.open", Status.FAIL)] == {
        "public_endpoint": True,
        "unauthenticated_methods": [
            "GET /items (aws_api_gateway_method.list) (API key only: an API key is no "
            "authentication)"
        ],
    }
    assert found[("aws_apigatewayv2_stage.http", Status.FAIL)] == {
        "public_endpoint": True,
        "unauthenticated_methods": ["GET /items (aws_apigatewayv2_route.get)"],
    }
    assert found[("aws_api_gateway_stage.signed", Status.PASS)] == {
        "public_endpoint": True,
        "unauthenticated_methods": [],
    }
    assert found[("OrdersStage", Status.FAIL)]["unauthenticated_methods"] == ["GET (OrdersGet)"]
    assert found[("Sam", Status.FAIL)]["unauthenticated_methods"] == [
        "GET /health (Handler.Events.Health)"
    ]
    assert found[("Signed", Status.PASS)]["unauthenticated_methods"] == []


def test_cloudformation_rest_api_is_judged_on_its_stages(tmp_path: Path) -> None:
    resources, errors, _ = run(FIXTURE / "template.yaml")
    assert errors == []
    # methods are folded into what serves them
    assert "OrdersGet" not in resources
    assert "SignedPost" not in resources
    orders = resources["Orders"]
    assert orders.absent["tls_min_version"].en == (
        "a REST API is served by its stages (OrdersStage): judged on them"
    )
    assert orders.facets.unauthenticated_methods is None
    # no stage: it stands for its deployment's stage (edge-optimised, TLS 1.0 by default)
    signed = resources["Signed"]
    assert (signed.facets.public_endpoint, signed.facets.tls_min_version) == (True, "1.0")
    assert signed.facets.encrypted_in_transit is True
    assert signed.defaults["tls_min_version"].attribute == "SecurityPolicy"
    result = audit([FIXTURE / "template.yaml"], Settings(rule_ids=("GDCC-ENC-005",)))
    statuses = {f.address: f.status for f in result.findings}
    assert statuses == {
        "Orders": Status.NOT_APPLICABLE,  # judged on OrdersStage
        "OrdersStage": Status.FAIL,
        "Signed": Status.FAIL,
        "Sam": Status.FAIL,
    }


def test_api_outside_the_scan_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        'resource "aws_api_gateway_stage" "s" {\n'
        '  rest_api_id   = "abc123"\n  deployment_id = "d"\n  stage_name    = "prod"\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-005",)))
    (finding,) = result.findings
    assert finding.status is Status.UNKNOWN
    assert finding.evidence["unknown_because"] == {
        "unauthenticated_methods": "the stage's API is not in the scan: its methods are not known"
    }
