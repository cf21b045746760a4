"""GDCC-ENC-004 on DynamoDB: the Deny on ``aws:SecureTransport`` must name the table itself
(``normalize/dynamodb_transport.covers_table``). A resource policy takes effect only for an
ARN in ``Resource`` that matches the resource it is attached to (DynamoDB developer guide,
rbac-examples); a Deny on the table's indexes alone leaves the table served over HTTP. Before,
the statement's ``Resource`` was not read: a Deny on ``.../index/*`` or on another table's
ARN PASSed (wrong PASS), and so did a Deny on an ARN from an input without a value."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "dynamodb_policy_resource"
RULES = Settings(rule_ids=("GDCC-ENC-004",))
NOT_SET = (
    "unencrypted connections are accepted (provider default: 'a resource policy denying "
    "aws:SecureTransport false' not set)"
)


def _verdicts(name: str) -> dict[str, tuple[Status, str]]:
    result = audit([FIXTURES / name], RULES)
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_terraform_deny_must_name_the_table() -> None:
    found = _verdicts("main.tf")
    # the table's own ARN, computed at apply time or written
    assert found["aws_dynamodb_table.own"][0] is Status.PASS
    assert found["aws_dynamodb_table.named"][0] is Status.PASS
    # its indexes only, or another table: HTTP still reaches the table
    assert found["aws_dynamodb_table.indexes"] == (Status.FAIL, NOT_SET)
    assert found["aws_dynamodb_table.elsewhere"] == (Status.FAIL, NOT_SET)
    # an ARN from an input without a value may or may not be the table's
    assert found["aws_dynamodb_table.input"][0] is Status.UNKNOWN


def test_cloudformation_deny_must_name_the_table() -> None:
    found = _verdicts("template.yaml")
    assert found["Named"][0] is Status.PASS  # Fn::Sub around the Region and account
    assert found["Indexes"] == (Status.FAIL, NOT_SET)
    assert found["Elsewhere"] == (Status.FAIL, NOT_SET)
