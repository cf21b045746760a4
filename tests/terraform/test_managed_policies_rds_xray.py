"""Two AWS managed policies the terraform-aws-modules rds-aurora and lambda modules attach
were not listed (``models/aws_managed_policies.py``), so what they grant was not known:

- ``service-role/AmazonRDSEnhancedMonitoringRole`` (rds-aurora's enhanced monitoring role,
  its ARN written with ``data.aws_partition``): GDCC-IAM-005 and GDCC-GRAPH-006 were UNKNOWN
  "not known from the input"; the policy (v1) grants log actions on ``RDS*`` log groups only;
- ``AWSXrayReadOnlyAccess`` beside an inline ``xray:*`` on ``*`` (lambda's complete
  example): the role's permissions were not known, so its wildcard was taken as reaching
  everything ("a wildcard or administrator permission reaches all 3 aws resources"); it
  reaches X-Ray only (v8: X-Ray reads), a FAIL said as it is."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MONITORING = """\
data "aws_partition" "current" {}

locals {
  policies = "arn:${data.aws_partition.current.partition}:iam::aws:policy"
}

resource "aws_iam_role" "monitoring" {
  name = "rds-monitoring"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole"
      Principal = { Service = "monitoring.rds.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = aws_iam_role.monitoring.name
  policy_arn = "${local.policies}/service-role/AmazonRDSEnhancedMonitoringRole"
}
"""

TRACING = """\
resource "aws_iam_role" "fn" {
  name = "fn"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}

resource "aws_iam_role_policy" "tracing" {
  name = "tracing"
  role = aws_iam_role.fn.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["xray:*"], Resource = ["*"] }]
  })
}

resource "aws_iam_role_policy_attachment" "xray_read" {
  role       = aws_iam_role.fn.name
  policy_arn = "arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess"
}

resource "aws_s3_bucket" "data" {
  bucket = "data"
}
"""


def _findings(tmp_path: Path, text: str, *rules: str) -> list[tuple[str, str | None, str, str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=rules))
    return sorted((f.rule_id, f.address, f.status.value, f.message.en) for f in result.findings)


def test_the_enhanced_monitoring_role_grants_no_wildcard(tmp_path: Path) -> None:
    assert _findings(tmp_path, MONITORING, "GDCC-IAM-005", "GDCC-GRAPH-006") == [
        ("GDCC-GRAPH-006", "aws_iam_role.monitoring", "PASS",
         "A workload identity's permissions stay within its own system"),
        ("GDCC-IAM-005", "aws_iam_role.monitoring", "PASS",
         "Permission policies do not grant actions by wildcard"),
    ]


def test_xray_read_only_beside_a_service_wildcard(tmp_path: Path) -> None:
    found = _findings(tmp_path, TRACING, "GDCC-GRAPH-006")
    assert found == [
        ("GDCC-GRAPH-006", "aws_iam_role.fn", "FAIL",
         "a wildcard permission may act on every resource of service xray, none of them in "
         "the scan: xray:* on *"),
    ]
