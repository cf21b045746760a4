"""GDCC-IAM-005 names what grants by wildcard: each statement's wildcard actions with the
resources it covers, and for a role each attached policy that grants by wildcard. The message
was only "wildcard_permissions is true", so the user could not tell which statement to fix."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.resource import PolicyStatement, wildcard_action
from gdcc_audit.settings import Settings

TRUST = (
    'jsonencode({Statement = [{Effect = "Allow", Action = "sts:AssumeRole", '
    'Principal = {Service = "ec2.amazonaws.com"}}]})'
)

TF = f"""\
resource "aws_iam_policy" "scoped" {{
  name   = "scoped"
  policy = jsonencode({{
    Statement = [
      {{ Sid = "ReadReports", Effect = "Allow", Action = ["s3:Get*", "s3:ListBucket"],
        Resource = ["arn:aws:s3:::reports", "arn:aws:s3:::reports/*"] }},
      {{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }},
    ]
  }})
}}

resource "aws_iam_policy" "exact" {{
  name   = "exact"
  policy = jsonencode({{
    Statement = [{{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }}]
  }})
}}

resource "aws_iam_role" "app" {{
  name                = "app"
  assume_role_policy  = {TRUST}
  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSQSFullAccess"]
}}

resource "aws_iam_role_policy" "not_iam" {{
  role   = aws_iam_role.app.id
  policy = jsonencode({{
    Statement = [{{ Sid = "NotIam", Effect = "Allow", NotAction = ["iam:*"], Resource = "*" }}]
  }})
}}

resource "aws_iam_role_policy_attachment" "scoped" {{
  role       = aws_iam_role.app.name
  policy_arn = aws_iam_policy.scoped.arn
}}
"""

CFN = """\
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      KeySchema: [{AttributeName: id, KeyType: HASH}]
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: lambda.amazonaws.com}}
      Policies:
        - PolicyName: table
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: ["dynamodb:?etItem", "dynamodb:Query"]
                Resource: !GetAtt Table.Arn
"""


def _findings(tmp_path: Path) -> dict[str, tuple[str, list[str] | None, str]]:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    return {
        f.address or "": (
            f.status.value,
            f.evidence.get("statements"),
            f.message.en if f.message is not None else "",
        )
        for f in result.findings
    }


def test_failing_policies_name_their_wildcard_statements(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    assert found["aws_iam_policy.scoped"][:2] == (
        "FAIL",
        ['"ReadReports": s3:Get* on arn:aws:s3:::reports, arn:aws:s3:::reports/*'],
    )
    assert found["aws_iam_policy.scoped"][2] == (
        "it grants permissions by wildcard: "
        '"ReadReports": s3:Get* on arn:aws:s3:::reports, arn:aws:s3:::reports/*'
    )
    assert found["aws_iam_policy.exact"][:2] == ("PASS", None)
    assert found["aws_iam_role_policy.not_iam"][:2] == (
        "FAIL",
        ['"NotIam": every action except iam:* on *'],
    )
    # "?" is an IAM wildcard too; a resource of the template is named by its logical id
    assert found["Worker"][:2] == ("FAIL", ["dynamodb:?etItem on Table"])


def test_a_role_names_every_policy_that_grants_by_wildcard(tmp_path: Path) -> None:
    status, statements, _ = _findings(tmp_path)["aws_iam_role.app"]
    assert status == "FAIL"
    assert statements is not None
    assert sorted(statements) == [
        '"AWS managed AmazonSQSFullAccess": sqs:* on *',
        'policy aws_iam_policy.scoped: "ReadReports": s3:Get* on arn:aws:s3:::reports, '
        "arn:aws:s3:::reports/*",
        'policy aws_iam_role_policy.not_iam: "NotIam": every action except iam:* on *',
    ]


def test_wildcard_actions_and_grants() -> None:
    assert [a for a in ("*", "s3:*", "s3:Get*", "s3:?etObject", "s3:GetObject") if
            wildcard_action(a)] == ["*", "s3:*", "s3:Get*", "s3:?etObject"]
    assert PolicyStatement(actions=("s3:GetObject",), resources=("*",)).wildcard_grant() is None
    assert PolicyStatement(actions=("logs:*",), resources=None).wildcard_grant() == (
        "logs:* on resources not known"
    )
    assert PolicyStatement(
        sid="S", actions=("kms:*",), resources=("<unknown>", "ref:aws_kms_key.k")
    ).wildcard_grant() == '"S": kms:* on a resource computed at apply time, aws_kms_key.k'
