"""A bucket's verdict decided by a companion points at the line deciding it: the four S3
public-access-block settings (each one that is off, from a module argument, a ``.tfvars``
line or written in the companion), the encryption configuration's algorithm, a policy
written in place. Before, only ``aws_s3_bucket_acl`` / ``aws_s3_bucket_versioning`` set
from a variable did: GDCC-DATA-006 said no line."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
variable "block" {}

module "site" {
  source              = "./modules/site"
  block_public_acls   = true
  block_public_policy = false
  ignore_public_acls  = true
  restrict            = false
  sse                 = "AES256"
}

resource "aws_s3_bucket" "tfvars" {
  bucket = "tfvars"
}

resource "aws_s3_bucket_public_access_block" "tfvars" {
  bucket                  = aws_s3_bucket.tfvars.id
  block_public_acls       = var.block
  block_public_policy     = var.block
  ignore_public_acls      = var.block
  restrict_public_buckets = var.block
}

resource "aws_s3_bucket" "literal" {
  bucket = "literal"
}

resource "aws_s3_bucket_public_access_block" "literal" {
  bucket                  = aws_s3_bucket.literal.id
  block_public_acls       = true
  block_public_policy     = false
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket" "on" {
  bucket = "on"
}

resource "aws_s3_bucket_public_access_block" "on" {
  bucket                  = aws_s3_bucket.on.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""

MODULE = """\
variable "block_public_acls" { default = true }
variable "block_public_policy" { default = true }
variable "ignore_public_acls" { default = true }
variable "restrict" { default = true }
variable "sse" { default = "aws:kms" }

resource "aws_s3_bucket" "this" {
  bucket = "site"
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.sse
    }
  }
}
"""


def test_public_access_block_settings_point_at_the_ones_off(tmp_path: Path) -> None:
    (tmp_path / "modules" / "site").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "modules" / "site" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text("# off\nblock = false\n", encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-006",)))
    finally:
        os.chdir(cwd)
    found = {
        f.address: (f.status, f.message.en if f.message else None)
        for f in result.findings
    }
    assert found == {
        # the two settings the caller turns off, not the two it leaves on
        "module.site.aws_s3_bucket.this": (
            Status.FAIL,
            "public-access prevention is off (value set at ./main.tf:6, ./main.tf:8)",
        ),
        "aws_s3_bucket.tfvars": (
            Status.FAIL,
            "public-access prevention is off (value set at ./terraform.tfvars:2)",
        ),
        # written in the companion: its line, not the bucket's
        "aws_s3_bucket.literal": (
            Status.FAIL,
            "public-access prevention is off (value set at ./main.tf:31)",
        ),
        "aws_s3_bucket.on": (
            Status.PASS,
            "The platform's public-access prevention is on for each bucket (value set at "
            "./main.tf:42, ./main.tf:43, ./main.tf:44, ./main.tf:45)",
        ),
    }


KEYED_ROOT = """\
module "site" {
  source = "./modules/site"
  sse    = "AES256"
}
"""

KEYED_MODULE = """\
variable "sse" { default = "aws:kms" }

resource "aws_s3_bucket" "this" {
  bucket = "site"
  tags   = { gdcc_system = "payments" }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = var.sse
    }
  }
}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: keys}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac: [main.tf]
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_encryption_configuration_algorithm_points_at_the_caller(tmp_path: Path) -> None:
    (tmp_path / "modules" / "site").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(KEYED_ROOT, encoding="utf-8")
    (tmp_path / "modules" / "site" / "main.tf").write_text(KEYED_MODULE, encoding="utf-8")
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path("tenant.yaml")], Settings(rule_ids=("GDCC-ENC-002",)))
    finally:
        os.chdir(cwd)
    (finding,) = result.findings
    assert (finding.address, finding.status) == ("module.site.aws_s3_bucket.this", Status.FAIL)
    assert finding.evidence["value_set_at"] == {
        "customer_managed_key": f"{tmp_path / 'main.tf'}:3"
    }


TRY_MODULE = """\
variable "versioning" {
  type    = map(string)
  default = {}
}

resource "aws_s3_bucket" "this" {
  bucket = "tried"
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = try(
      var.versioning["enabled"] ? "Enabled" : "Suspended",
      tobool(var.versioning["status"]) ? "Enabled" : "Suspended",
      title(lower(var.versioning["status"])),
      "Enabled",
    )
  }
}
"""

TRY_ROOT = """\
module "by_enabled" {
  source = "./modules/tried"
  versioning = {
    enabled = false
  }
}

module "by_status" {
  source = "./modules/tried"
  versioning = {
    status = false
  }
}
"""


def test_the_argument_try_takes_points_at_its_key(tmp_path: Path) -> None:
    """``try(var.v["enabled"] ? ..., tobool(var.v["status"]) ? ..., ...)`` (the
    terraform-aws-modules S3 bucket's versioning): the first argument whose key the caller
    writes decides, and that key's line is the one to change (before: no line)."""
    (tmp_path / "modules" / "tried").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(TRY_ROOT, encoding="utf-8")
    (tmp_path / "modules" / "tried" / "main.tf").write_text(TRY_MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-005",)))
    finally:
        os.chdir(cwd)
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        "module.by_enabled.aws_s3_bucket.this": (Status.FAIL, {"versioning": "./main.tf:4"}),
        "module.by_status.aws_s3_bucket.this": (Status.FAIL, {"versioning": "./main.tf:11"}),
    }


COUNTED_MODULE = """\
variable "versioning" {
  type    = map(string)
  default = {}
}

variable "block" {
  default = false
}

resource "aws_s3_bucket" "this" {
  bucket = "counted"
}

resource "aws_s3_bucket_versioning" "this" {
  count  = length(keys(var.versioning)) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "this" {
  count                   = var.block ? 1 : 0
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""

COUNTED_ROOT = """\
module "default" {
  source = "./modules/counted"
}

module "passed" {
  source     = "./modules/counted"
  versioning = {}
}
"""


def test_a_companion_an_input_leaves_out_points_at_that_input(tmp_path: Path) -> None:
    """``count = length(keys(var.versioning)) > 0 ? 1 : 0``: no versioning companion, so
    versioning is off: the line to change is where ``var.versioning`` is written (the
    caller's argument, or the module's default when the caller writes none); before, no
    line. A companion left out that would change nothing (a public access block all on,
    already AWS's default for a new bucket) names no line."""
    (tmp_path / "modules" / "counted").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(COUNTED_ROOT, encoding="utf-8")
    (tmp_path / "modules" / "counted" / "main.tf").write_text(COUNTED_MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-005", "GDCC-DATA-006")))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
    }
    assert found == {
        ("module.default.aws_s3_bucket.this", "GDCC-DATA-005"): (
            Status.FAIL,
            # the caller writes none: its module block first, then the default's line
            {
                "versioning": "./main.tf:1 (module.default does not set versioning: default "
                "of module input versioning at modules/counted/main.tf:3)"
            },
        ),
        ("module.passed.aws_s3_bucket.this", "GDCC-DATA-005"): (
            Status.FAIL,
            {"versioning": "./main.tf:7"},
        ),
        ("module.default.aws_s3_bucket.this", "GDCC-DATA-006"): (Status.PASS, None),
        ("module.passed.aws_s3_bucket.this", "GDCC-DATA-006"): (Status.PASS, None),
    }


AZURE = """\
variable "action" {
  default = "Allow"
}

resource "azurerm_storage_account" "sa" {
  name                     = "sa"
  resource_group_name      = "rg"
  location                 = "southeastasia"
  account_tier             = "Standard"
  account_replication_type = "LRS"
}

resource "azurerm_storage_account_network_rules" "rules" {
  storage_account_id = azurerm_storage_account.sa.id
  default_action     = var.action
}
"""


def test_a_storage_firewall_written_apart_points_at_its_input(tmp_path: Path) -> None:
    """``azurerm_storage_account_network_rules`` with ``default_action = var.action``: the
    account's public endpoint points at that variable's value (before: no line)."""
    (tmp_path / "main.tf").write_text(AZURE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-NET-004",)))
    finally:
        os.chdir(cwd)
    (finding,) = result.findings
    assert finding.status == Status.FAIL
    assert finding.evidence["value_set_at"] == {"public_endpoint": "./main.tf:2"}
