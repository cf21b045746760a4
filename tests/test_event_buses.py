"""EventBridge buses (``aws_cloudwatch_event_bus``, ``AWS::Events::EventBus``) are
``messaging.topic``: always encrypted at rest, with an AWS owned key unless a customer-managed
key is named (GDCC-ENC-002 FAILs a personal-data bus labelled default), and judged by
GDCC-MSG-002 for the bus policies and permissions that name them (folded into the bus, the
deciding grant named). A policy whose bus is not in the scan is judged on its own, as before;
a rule target on a bus of the scan is reached through the bus."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.normalize.defaults import EVENTBRIDGE_KEY_DOC
from gdcc_audit.settings import Settings

TF = """\
resource "aws_cloudwatch_event_bus" "orders" {
  name = "orders"
  tags = { "gdcc:personal-data" = "true" }
}

resource "aws_cloudwatch_event_bus" "audit" {
  name = "audit"
  tags = { "gdcc:personal-data" = "true" }
}

resource "aws_cloudwatch_event_bus" "keyed" {
  name               = "keyed"
  kms_key_identifier = aws_kms_key.bus.arn
  tags               = { "gdcc:personal-data" = "true" }
}

resource "aws_kms_key" "bus" {
  enable_key_rotation = true
}

resource "aws_cloudwatch_event_bus_policy" "open" {
  event_bus_name = aws_cloudwatch_event_bus.orders.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneSends"
      Effect    = "Allow"
      Principal = "*"
      Action    = "events:PutEvents"
      Resource  = aws_cloudwatch_event_bus.orders.arn
    }]
  })
}

resource "aws_cloudwatch_event_permission" "partner" {
  event_bus_name = "keyed"
  principal      = "444455556666"
  statement_id   = "Partner"
}

resource "aws_cloudwatch_event_permission" "default_bus" {
  principal    = "*"
  statement_id = "EveryAccount"
}
"""


def _run(tmp_path: Path, name: str, text: str, *rules: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / name).write_text(text)
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or f.resource_name, f.rule_id): f for f in result.findings}


def test_terraform_buses_key_and_policies(tmp_path: Path) -> None:
    found = _run(tmp_path, "main.tf", TF, "GDCC-MSG-001", "GDCC-MSG-002", "GDCC-ENC-002")
    status = {key: f.status for key, f in found.items()}
    assert status == {
        ("aws_cloudwatch_event_bus.orders", "GDCC-MSG-001"): Status.PASS,
        ("aws_cloudwatch_event_bus.keyed", "GDCC-MSG-001"): Status.PASS,
        ("aws_cloudwatch_event_bus.audit", "GDCC-MSG-001"): Status.PASS,
        # the policy naming the bus is folded into it
        ("aws_cloudwatch_event_bus.orders", "GDCC-MSG-002"): Status.FAIL,
        ("aws_cloudwatch_event_bus.keyed", "GDCC-MSG-002"): Status.PASS,
        ("aws_cloudwatch_event_bus.audit", "GDCC-MSG-002"): Status.PASS,
        ("aws_cloudwatch_event_bus.orders", "GDCC-ENC-002"): Status.FAIL,
        ("aws_cloudwatch_event_bus.keyed", "GDCC-ENC-002"): Status.PASS,
        ("aws_cloudwatch_event_bus.audit", "GDCC-ENC-002"): Status.FAIL,
        # the default bus is not in the scan: its permission is judged on its own
        ("aws_cloudwatch_event_permission.default_bus", "GDCC-MSG-001"): Status.NOT_APPLICABLE,
        ("aws_cloudwatch_event_permission.default_bus", "GDCC-MSG-002"): Status.FAIL,
        ("aws_cloudwatch_event_permission.default_bus", "GDCC-ENC-002"): Status.NOT_APPLICABLE,
    }
    where = tmp_path / "main.tf"
    assert found["aws_cloudwatch_event_bus.orders", "GDCC-MSG-002"].evidence["granted_by"] == [
        f'statement "AnyoneSends" allows everyone by aws_cloudwatch_event_bus_policy.open at '
        f"{where}:21"
    ]
    key = found["aws_cloudwatch_event_bus.audit", "GDCC-ENC-002"]
    assert key.message.en == (
        "encrypted with a provider-managed key, not a customer-managed key "
        "(provider default: 'kms_key_identifier' not set)"
    )
    assert key.evidence["defaults"]["customer_managed_key"]["attribute"] == "kms_key_identifier"
    assert key.evidence["defaults"]["customer_managed_key"]["documentation"] == EVENTBRIDGE_KEY_DOC


TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Orders:
    Type: AWS::Events::EventBus
    Properties:
      Name: orders
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  Keyed:
    Type: AWS::Events::EventBus
    Properties:
      Name: keyed
      KmsKeyIdentifier: !GetAtt Key.Arn
      Tags: [{Key: "gdcc:personal-data", Value: "true"}]
  Inline:
    Type: AWS::Events::EventBus
    Properties:
      Name: inline
      Policy:
        Version: "2012-10-17"
        Statement:
          - Sid: AnyoneSends
            Effect: Allow
            Principal: "*"
            Action: events:PutEvents
            Resource: "*"
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: true
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: "arn:aws:iam::111122223333:root"}
            Action: "kms:*"
            Resource: "*"
  OpenOrders:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: !Ref Orders
      StatementId: open
      Statement:
        Sid: AnyoneSends
        Effect: Allow
        Principal: "*"
        Action: events:PutEvents
        Resource: !GetAtt Orders.Arn
  LegacyKeyed:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: keyed
      StatementId: partner
      Action: events:PutEvents
      Principal: "444455556666"
  DefaultBus:
    Type: AWS::Events::EventBusPolicy
    Properties:
      StatementId: legacy
      Action: events:PutEvents
      Principal: "*"
"""


def test_cloudformation_buses_key_and_policies(tmp_path: Path) -> None:
    found = _run(tmp_path, "template.yaml", TEMPLATE, "GDCC-MSG-002", "GDCC-ENC-002")
    status = {key: f.status for key, f in found.items()}
    assert status == {
        ("Orders", "GDCC-MSG-002"): Status.FAIL,
        ("Keyed", "GDCC-MSG-002"): Status.PASS,
        ("Inline", "GDCC-MSG-002"): Status.FAIL,
        ("DefaultBus", "GDCC-MSG-002"): Status.FAIL,
        ("Orders", "GDCC-ENC-002"): Status.FAIL,
        ("Keyed", "GDCC-ENC-002"): Status.PASS,
        ("Inline", "GDCC-ENC-002"): Status.NOT_APPLICABLE,
        ("DefaultBus", "GDCC-ENC-002"): Status.NOT_APPLICABLE,
    }
    where = tmp_path / "template.yaml"
    assert found["Orders", "GDCC-MSG-002"].evidence["granted_by"] == [
        f'statement "AnyoneSends" allows everyone in OpenOrders at {where}:37'
    ]
    assert found["Inline", "GDCC-MSG-002"].evidence["granted_by"] == [
        'statement "AnyoneSends" allows everyone in Policy'
    ]
    assert found["DefaultBus", "GDCC-MSG-002"].evidence["granted_by"] == [
        'Principal "*" without a Condition allows every AWS account'
    ]
    key = found["Orders", "GDCC-ENC-002"]
    assert key.message.en == (
        "encrypted with a provider-managed key, not a customer-managed key "
        "(provider default: 'KmsKeyIdentifier' not set)"
    )
    assert key.evidence["defaults"]["customer_managed_key"]["documentation"] == (
        EVENTBRIDGE_KEY_DOC
    )
