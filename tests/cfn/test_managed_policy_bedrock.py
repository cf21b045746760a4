"""AWS managed AmazonBedrockFullAccess is read (GDCC-IAM-005, GDCC-GRAPH-006).

aws-samples/serverless-samples' Bedrock agent roles attach
``arn:aws:iam::aws:policy/AmazonBedrockFullAccess``; it was not listed, so both rules were
UNKNOWN "the permissions of BedrockAgentRole (managed policy ...) are not known". Its default
version (v11, zoph-io/MAMIP's copy) allows ``bedrock:*`` and ``bedrock-mantle:*`` on ``*``:
FAIL, naming the policy.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  BedrockAgentRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: bedrock.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AmazonBedrockFullAccess
"""
GRANTS = '"AWS managed AmazonBedrockFullAccess": bedrock:*, bedrock-mantle:* on *'


def test_the_bedrock_full_access_policy_grants_by_wildcard(tmp_path: Path) -> None:
    # it was: UNKNOWN for both rules ("... managed policy ... are not known from the input")
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005", "GDCC-GRAPH-006")))
    assert {f.rule_id: (f.status, f.message.en) for f in result.findings} == {
        "GDCC-IAM-005": (Status.FAIL, f"it grants permissions by wildcard: {GRANTS}"),
        "GDCC-GRAPH-006": (
            Status.FAIL,
            "a wildcard permission may act on every resource of services aws-marketplace, "
            f"bedrock, bedrock-mantle, none of them in the scan: {GRANTS}",
        ),
    }
