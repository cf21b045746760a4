"""A managed policy named by ARN grants what it allows: a listed AWS managed policy is read
(AmazonEC2FullAccess allows ec2:* on *: GDCC-IAM-005 FAILs; it PASSed as granting nothing),
any other (a customer policy outside the scan, an AWS policy not listed) is not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TRUST = (
    'jsonencode({Statement = [{Effect = "Allow", Action = "sts:AssumeRole", '
    'Principal = {Service = "ec2.amazonaws.com"}}]})'
)

TF = f"""\
resource "aws_iam_role" "ec2_full" {{
  name               = "ec2_full"
  assume_role_policy = {TRUST}
}}

resource "aws_iam_role_policy_attachment" "ec2_full" {{
  role       = aws_iam_role.ec2_full.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEC2FullAccess"
}}

resource "aws_iam_role" "customer" {{
  name                = "customer"
  assume_role_policy  = {TRUST}
  managed_policy_arns = ["arn:aws:iam::123456789012:policy/team-policy"]
}}

resource "aws_iam_role" "logs" {{
  name                = "logs"
  assume_role_policy  = {TRUST}
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"]
}}
"""

CFN = """\
Resources:
  Queues:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ec2.amazonaws.com}}
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonSQSFullAccess]
  Custom:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - {Effect: Allow, Action: sts:AssumeRole, Principal: {Service: ec2.amazonaws.com}}
      ManagedPolicyArns: [arn:aws:iam::123456789012:policy/team-policy]
"""


def test_managed_policies_named_by_arn_are_read_or_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "roles.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    verdicts = {f.address: f.status.value for f in result.findings}
    assert verdicts == {
        "aws_iam_role.ec2_full": "FAIL",
        "aws_iam_role.customer": "UNKNOWN",
        "aws_iam_role.logs": "PASS",
        "Queues": "FAIL",
        "Custom": "UNKNOWN",
    }


PARTITION_TF = f"""\
data "aws_partition" "current" {{}}

locals {{
  prefix   = "arn:${{data.aws_partition.current.partition}}:iam::aws:policy"
  policies = {{ admin = "${{local.prefix}}/AdministratorAccess" }}
}}

resource "aws_iam_role" "attached" {{
  name               = "attached"
  assume_role_policy = {TRUST}
}}

resource "aws_iam_role_policy_attachment" "attached" {{
  for_each   = {{ for k, v in merge(local.policies, {{}}) : k => v if var.create }}
  role       = aws_iam_role.attached.name
  policy_arn = each.value
}}

resource "aws_iam_role" "named" {{
  name                = "named"
  assume_role_policy  = {TRUST}
  managed_policy_arns = [
    "arn:${{data.aws_partition.current.partition}}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
  ]
}}

resource "aws_iam_role" "other" {{
  name                = "other"
  assume_role_policy  = {TRUST}
  managed_policy_arns = [
    "arn:${{data.aws_partition.current.partition}}:iam::${{var.account}}:policy/x",
  ]
}}

variable "account" {{
  type = string
}}

variable "create" {{
  type    = bool
  default = true
}}
"""


def test_managed_policy_arns_with_a_computed_partition_are_read(tmp_path: Path) -> None:
    """``arn:${data.aws_partition.current.partition}:iam::aws:policy/NAME`` in an attachment's
    ``policy_arn`` or a role's ``managed_policy_arns`` names that AWS managed policy whatever
    the partition (terraform-aws-modules eks and iam write them so, the attachments' for_each a
    ``for`` over a ``merge``): GDCC-IAM-005 was UNKNOWN "not known" for AdministratorAccess. A
    customer policy stays not known."""
    (tmp_path / "main.tf").write_text(PARTITION_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    verdicts = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert verdicts["aws_iam_role.attached"] == (
        "FAIL", 'it grants permissions by wildcard: "AWS managed AdministratorAccess": * on *'
    )
    assert verdicts["aws_iam_role.named"][0] == "PASS"
    assert verdicts["aws_iam_role.other"][0] == "UNKNOWN"
