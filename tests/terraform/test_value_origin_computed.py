"""A deciding value computed from one input alone (``storage_encrypted = var.kms_key_id !=
null``, ``publicly_accessible = !var.private``) points at where that input is written
(before: no line); a document written in place that merely names an input (a bucket
policy's ``Resource`` built from ``var.bucket``) keeps pointing at the document."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "kms_key_id" {
  default = null
}

variable "private" {
  default = false
}

resource "aws_db_instance" "db" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  allocated_storage   = 20
  username            = "app"
  manage_master_user_password = true
  storage_encrypted   = var.kms_key_id != null
  kms_key_id          = var.kms_key_id
  publicly_accessible = !var.private
}

variable "bucket" {
  default = "site"
}

resource "aws_s3_bucket" "site" {
  bucket = var.bucket
}

resource "aws_s3_bucket_policy" "site" {
  bucket = aws_s3_bucket.site.id
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::${var.bucket}/*"
    }]
  })
}
"""


def test_a_value_computed_from_one_input_points_at_it(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        rules = ("GDCC-ENC-001", "GDCC-NET-002", "GDCC-DATA-001")
        result = audit([Path(".")], Settings(rule_ids=rules))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert found == {
        ("aws_db_instance.db", "GDCC-ENC-001"): (
            Status.FAIL, {"encrypted_at_rest": "./main.tf:2"}
        ),
        ("aws_db_instance.db", "GDCC-NET-002"): (Status.FAIL, {"public_endpoint": "./main.tf:6"}),
        ("aws_s3_bucket.site", "GDCC-DATA-001"): (Status.FAIL, {"public_access": "./main.tf:30"}),
    }
