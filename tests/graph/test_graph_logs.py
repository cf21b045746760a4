"""GDCC-GRAPH-014: the evidence names the workload, role, policy, statement and action; ARN
patterns and managed policies are matched as IAM does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.arns import covers
from gdcc_audit.models import Resource, SourceLocation
from gdcc_audit.models.aws_managed_policies import managed_permissions
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "rules" / "GDCC-GRAPH-014"
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def findings() -> dict[str, Finding]:
    result = audit(sorted(FIXTURE.glob("manifest*.yaml")),
                   Settings(rule_ids=("GDCC-GRAPH-014",), now=NOW))
    return {f.resource_id.rsplit(".", 1)[-1].rsplit(":", 1)[-1]: f for f in result.findings}


def test_a_failing_workload_names_role_policy_statement_and_action(
    findings: dict[str, Finding],
) -> None:
    tamper = findings["tamper"]
    assert tamper.status.value == "FAIL"
    assert {k: tamper.evidence[k] for k in (
        "workload", "role", "policy", "statement", "action", "log_store", "recorder"
    )} == {
        "workload": "tamper",
        "role": "tamper",
        "policy": "uploads",
        "statement": 'statement "Uploads"',
        "action": "s3:PutObject",
        "log_store": "flow-logs-archive",
        "recorder": "to_bucket",
    }
    assert tamper.message.en == (
        "tamper can alter the logs that record it: s3:PutObject on flow-logs-archive (written "
        'by to_bucket) through role tamper, policy uploads, statement "Uploads"'
    )
    assert tamper.message.th == (
        "tamper สามารถแก้ไขหรือลบล็อกที่บันทึกตัวเองได้: s3:PutObject บน flow-logs-archive "
        '(บันทึกโดย to_bucket) ผ่าน role tamper นโยบาย uploads statement "Uploads"'
    )
    agent = findings["agent"]
    assert (agent.evidence["action"], agent.evidence["statement"]) == (
        "logs:PutRetentionPolicy", 'statement "AWS managed CloudWatchAgentServerPolicy"'
    )
    cfn = findings["CfnTamper"]
    assert (cfn.evidence["role"], cfn.evidence["action"], cfn.evidence["log_store"]) == (
        "TamperRole", "s3:DeleteObject", "TrailBucket"
    )


def test_what_is_not_known_is_said(findings: dict[str, Finding]) -> None:
    assert findings["borrowed"].evidence["not_known"] == [
        "iam_instance_profile shared-ops-profile (not in the scan)"
    ]
    assert findings["CfnBilling"].evidence["not_known"] == [
        "permissions of BillingRole not known (a managed policy not listed, or a policy that "
        "cannot be read)"
    ]


_TYPES = {"storage.bucket": "aws_s3_bucket", "logging.log_group": "aws_cloudwatch_log_group"}


def _store(kind: str, **attributes: str) -> Resource:
    return Resource(id=f"x/{kind}", kind=kind, name="s", provider="aws", provider_type=_TYPES[kind],
                    attributes=attributes, location=SourceLocation(file="main.tf"))


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("arn:aws:logs:ap-southeast-7:123456789012:log-group:/vpc/flow:*", True),
        ("arn:aws:logs:*:*:log-group:/vpc/*", True),
        ("arn:aws:logs:*:*:log-group:/app/*", False),
        ("arn:aws:s3:::flow-logs-archive/*", False),  # another service
        ("*", True),
    ],
)
def test_log_group_arn_patterns(pattern: str, expected: bool) -> None:
    assert covers(pattern, _store("logging.log_group", name="/vpc/flow")) is expected


def test_a_generated_bucket_name_makes_a_named_pattern_uncertain() -> None:
    assert covers("arn:aws:s3:::flow-*/*", _store("storage.bucket")) is None
    assert covers("arn:aws:s3:::*", _store("storage.bucket")) is True
    assert covers("arn:aws:s3:::flow-*/*", _store("storage.bucket", bucket="flow-x"))


def test_an_unlisted_managed_policy_is_not_known_not_empty() -> None:
    assert managed_permissions(["arn:aws:iam::aws:policy/SomethingNew"]) is None
    assert managed_permissions(None) == ()
