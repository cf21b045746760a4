"""A resource that configures a bucket by name is linked to it when both write the name as
the same unknown input or local (``bucket = var.bucket_name``): the same value, whatever it
is. Two buckets with that name are ambiguous and neither is linked (never a guessed PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "bucket_name" {}
variable "other_name" {}
variable "shared_name" {}

locals {
  logs_name = var.other_name
}

resource "aws_s3_bucket" "by_variable" {
  bucket = var.bucket_name
}

resource "aws_s3_bucket_versioning" "by_variable" {
  bucket = var.bucket_name
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "by_local" {
  bucket = local.logs_name
}

resource "aws_s3_bucket_versioning" "by_local" {
  bucket = "${local.logs_name}"
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "twin_a" {
  bucket = var.shared_name
}

resource "aws_s3_bucket" "twin_b" {
  bucket = var.shared_name
}

resource "aws_s3_bucket_versioning" "twins" {
  bucket = var.shared_name
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "unrelated" {
  bucket = "unrelated"
}
"""


def test_companion_linked_by_the_same_unknown_input(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",)))
    assert {f.address: f.status for f in result.findings} == {
        "aws_s3_bucket.by_variable": Status.PASS,
        "aws_s3_bucket.by_local": Status.PASS,
        "aws_s3_bucket.twin_a": Status.FAIL,
        "aws_s3_bucket.twin_b": Status.FAIL,
        "aws_s3_bucket.unrelated": Status.FAIL,
    }
