"""GDCC-LOG-001 on a Terraform ``aws_cloudtrail`` was always "log retention is not known"
(nozaq/terraform-aws-secure-baseline's trail, whose audit bucket only moves objects to Glacier,
and every other trail). CloudTrail keeps its log files where it delivers them: the S3 bucket
(kept until deleted, unless a lifecycle rule expires them) and, with
``cloud_watch_logs_group_arn``, a log group too; the longer copy counts. A lifecycle rule with
a filter (which objects it covers is not read), a bucket outside the scan: still UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "aws_s3_bucket" "kept" { bucket = "trail-kept" }
resource "aws_s3_bucket_lifecycle_configuration" "kept" {
  bucket = aws_s3_bucket.kept.id
  rule {
    id     = "archive"
    status = "Enabled"
    filter {}
    transition {
      days          = 30
      storage_class = "GLACIER"
    }
    noncurrent_version_expiration { noncurrent_days = 30 }
  }
  rule {
    id     = "off"
    status = "Disabled"
    filter {}
    expiration { days = 1 }
  }
}
resource "aws_cloudtrail" "kept" {
  name           = "kept"
  s3_bucket_name = aws_s3_bucket.kept.id
}

resource "aws_s3_bucket" "short" { bucket = "trail-short" }
resource "aws_s3_bucket_lifecycle_configuration" "short" {
  bucket = aws_s3_bucket.short.id
  rule {
    id     = "expire"
    status = "Enabled"
    filter {}
    expiration { days = 30 }
  }
}
resource "aws_cloudtrail" "short" {
  name           = "short"
  s3_bucket_name = aws_s3_bucket.short.id
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "trail"
  retention_in_days = 400
}
resource "aws_cloudtrail" "grouped" {
  name                       = "grouped"
  s3_bucket_name             = aws_s3_bucket.short.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail"
}

resource "aws_s3_bucket" "filtered" { bucket = "trail-filtered" }
resource "aws_s3_bucket_lifecycle_configuration" "filtered" {
  bucket = aws_s3_bucket.filtered.id
  rule {
    id     = "tmp"
    status = "Enabled"
    filter { prefix = "tmp/" }
    expiration { days = 7 }
  }
}
resource "aws_cloudtrail" "filtered" {
  name           = "filtered"
  s3_bucket_name = aws_s3_bucket.filtered.id
}

resource "aws_cloudtrail" "elsewhere" {
  name           = "elsewhere"
  s3_bucket_name = "a-bucket-of-another-account"
}

resource "aws_s3_bucket" "inline" {
  bucket = "trail-inline"
  lifecycle_rule {
    enabled = true
    expiration { days = 60 }
  }
}
resource "aws_cloudtrail" "inline" {
  name           = "inline"
  s3_bucket_name = aws_s3_bucket.inline.bucket
}
resource "aws_cloudtrail" "no_group" {
  name                       = "no-group"
  s3_bucket_name             = aws_s3_bucket.short.id
  cloud_watch_logs_group_arn = ""
}
"""

KEPT = "Logs and traffic data are kept for at least 90 days"
NOT_KNOWN = ("UNKNOWN", "log retention is not known from the input")


def test_trail_kept_as_its_bucket_and_log_group_keep_it(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-001",)))
    found = {
        f.address: (f.status.value, f.message.en)
        for f in result.findings
        if f.provider_type == "aws_cloudtrail"
    }
    # every one was UNKNOWN on main
    assert found == {
        "aws_cloudtrail.kept": (
            "PASS",
            f"{KEPT} (its bucket aws_s3_bucket.kept has no lifecycle rule expiring objects: S3 "
            "keeps an object until it is deleted)",
        ),
        "aws_cloudtrail.short": (
            "FAIL",
            "log retention is 30 days; at least 90 days required (a lifecycle rule of its "
            "bucket aws_s3_bucket.short expires objects after 30 days)",
        ),
        "aws_cloudtrail.no_group": found["aws_cloudtrail.short"],
        "aws_cloudtrail.grouped": (
            "PASS",
            f"{KEPT} (its CloudWatch log group aws_cloudwatch_log_group.trail keeps the events "
            "it delivers)",
        ),
        "aws_cloudtrail.inline": (
            "FAIL",
            "log retention is 60 days; at least 90 days required (a lifecycle rule of its "
            "bucket aws_s3_bucket.inline expires objects after 60 days)",
        ),
        "aws_cloudtrail.filtered": NOT_KNOWN,
        "aws_cloudtrail.elsewhere": NOT_KNOWN,
    }


FLOW_LOGS = """\
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_s3_bucket" "flows" { bucket = "flows" }
resource "aws_flow_log" "kept" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "${aws_s3_bucket.flows.arn}/vpc/"
}
resource "aws_s3_bucket" "short" { bucket = "flows-short" }
resource "aws_s3_bucket_lifecycle_configuration" "short" {
  bucket = aws_s3_bucket.short.id
  rule {
    id     = "expire"
    status = "Enabled"
    expiration { days = 14 }
  }
}
resource "aws_flow_log" "short" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.short.arn
}
resource "aws_flow_log" "elsewhere" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::central-logs"
}
"""


def test_flow_logs_delivered_to_a_bucket(tmp_path: Path) -> None:
    """An ``aws_flow_log`` delivering to S3 was "log retention is not known" too."""
    (tmp_path / "main.tf").write_text(FLOW_LOGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found == {
        "aws_flow_log.kept": (
            "PASS",
            f"{KEPT} (its bucket aws_s3_bucket.flows has no lifecycle rule expiring objects: S3 "
            "keeps an object until it is deleted)",
        ),
        "aws_flow_log.short": (
            "FAIL",
            "log retention is 14 days; at least 90 days required (a lifecycle rule of its "
            "bucket aws_s3_bucket.short expires objects after 14 days)",
        ),
        "aws_flow_log.elsewhere": NOT_KNOWN,
    }
