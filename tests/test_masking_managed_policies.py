"""AWS managed policy names are published by AWS, not secrets: one with a digit and 24
characters or more (``AmazonEC2ContainerRegistryReadOnly``,
``AmazonElasticMapReduceforEC2Role``) looked like a random token and was masked in findings
("it grants permissions by wildcard: "AWS managed ***REDACTED***": s3:* ..."), in its ARN
and in the label the statements of a listed policy carry. The EMR instance profile policy
(v3 of the AWS Managed Policy Reference) is now listed: a role naming it FAILs GDCC-IAM-005
(its service-wide wildcards), where it was UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.masking import MASK, redact_text
from gdcc_audit.report.redact import redact_finding
from gdcc_audit.settings import Settings


def test_managed_policy_arns_are_not_masked() -> None:
    for arn in (
        "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
        "arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceforEC2Role",
    ):
        assert redact_text(f"attached {arn} to the role") == f"attached {arn} to the role"
    # a customer policy's ARN is the customer's text: a random-looking name is still masked
    assert redact_text("arn:aws:iam::123456789012:policy/AbC123dEf456GhI789jKl012") == (
        f"arn:aws:iam::123456789012:{MASK}"
    )


def test_emr_instance_profile_policy_is_read(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
resource "aws_iam_role" "emr_ec2" {
  name = "emr-ec2"
  assume_role_policy = jsonencode({
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/service-role/AmazonElasticMapReduceforEC2Role"]
}
""",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-IAM-005",)))
    (finding,) = [redact_finding(f) for f in result.findings]
    assert finding.status is Status.FAIL
    assert finding.message.en.startswith(
        'it grants permissions by wildcard: "AWS managed AmazonElasticMapReduceforEC2Role": '
        "cloudwatch:*, dynamodb:*"
    )
