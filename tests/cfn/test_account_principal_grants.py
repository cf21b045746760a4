"""A grant to the account itself (``Principal: !Ref AWS::AccountId``) is not everyone.

aws-samples/sessions-with-aws-sam lambda-layers/layers-repo shares each layer with its own
account: ``AWS::Lambda::LayerVersionPermission`` ``Principal: !Ref AWS::AccountId``. The
account id is known only at deployment, so GDCC-DATA-001 was UNKNOWN "public access is not
known: Principal or OrganizationId not known"; an ``AWS::Events::EventBusPolicy`` so written
was UNKNOWN for GDCC-MSG-002 alike. Text of pseudo parameters with no wildcard written is some
account's id or ARN, never ``*``: PASS. ``Principal: "*"`` still FAILs (guard).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

LAYER = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  BaseLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layer/
  BaseLayerPermission:
    Type: AWS::Lambda::LayerVersionPermission
    Properties:
      Action: lambda:GetLayerVersion
      LayerVersionArn: !Ref BaseLayer
      Principal: PRINCIPAL
"""
BUS = """\
Resources:
  BusPolicy:
    Type: AWS::Events::EventBusPolicy
    Properties:
      EventBusName: shared
      StatementId: allow
      Action: events:PutEvents
      Principal: PRINCIPAL
"""


def _found(tmp_path: Path, text: str, rule: str) -> list[tuple[str, Status, str]]:
    (tmp_path / "template.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=(rule,)))
    return [(f.address or "", f.status, f.message.en) for f in result.findings]


@pytest.mark.parametrize("principal", [
    "!Ref AWS::AccountId", '!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"'
])
def test_a_layer_shared_with_the_account_is_not_public(tmp_path: Path, principal: str) -> None:
    # it was: UNKNOWN "public access is not known: Principal or OrganizationId not known"
    assert _found(tmp_path, LAYER.replace("PRINCIPAL", principal), "GDCC-DATA-001") == [
        ("BaseLayerPermission", Status.PASS, "Storage is not publicly readable")
    ]


def test_a_bus_policy_for_the_account_is_not_public(tmp_path: Path) -> None:
    # it was: UNKNOWN "... Principal not known"
    found = _found(tmp_path, BUS.replace("PRINCIPAL", "!Ref AWS::AccountId"), "GDCC-MSG-002")
    assert found == [
        ("BusPolicy", Status.PASS, "Queue and topic policies do not grant access to everyone")
    ]


def test_a_layer_shared_with_everyone_is_public(tmp_path: Path) -> None:
    # (a guard: the same on main)
    ((address, status, _),) = _found(tmp_path, LAYER.replace("PRINCIPAL", "'*'"), "GDCC-DATA-001")
    assert (address, status) == ("BaseLayerPermission", Status.FAIL)
