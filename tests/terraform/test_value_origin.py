"""When the failing value is written elsewhere (a module argument, a variable default), the
finding points at that line: the one the user must change."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
variable "acl" {
  default = "public-read"
}

module "db" {
  source    = "./modules/db"
  encrypted = false
}

resource "aws_s3_bucket" "site" {
  bucket = "site"
  acl    = var.acl
}
"""

MODULE = """\
variable "encrypted" {
  default = true
}

resource "aws_ebs_volume" "this" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = var.encrypted
}
"""


def test_value_set_at_module_argument_and_variable_default(tmp_path: Path) -> None:
    (tmp_path / "modules" / "db").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "modules" / "db" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-ENC-001", "GDCC-DATA-001")))
    finally:
        os.chdir(cwd)
    found = {
        f.address: (f.status, f.message.en, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert found == {
        "module.db.aws_ebs_volume.this": (
            Status.FAIL,
            "encryption at rest is off (value set at ./main.tf:7)",
            {"encrypted_at_rest": "./main.tf:7"},
        ),
        "aws_s3_bucket.site": (
            Status.FAIL,
            "anyone on the internet can read this store (value set at ./main.tf:2)",
            {"public_access": "./main.tf:2"},
        ),
    }


TFVARS_ROOT = """\
variable "acl" {}

variable "public_api" {
  default = false
}

variable "trail_validation" {}

resource "aws_s3_bucket" "site" {
  bucket = "site"
  acl    = var.acl
}

resource "aws_eks_cluster" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/eks"
  vpc_config {
    subnet_ids             = ["subnet-1"]
    endpoint_public_access = var.public_api
  }
}

resource "aws_cloudtrail" "trail" {
  name                       = "trail"
  s3_bucket_name             = "logs"
  enable_log_file_validation = "${var.trail_validation}"
}
"""


def test_value_set_in_tfvars_and_nested_attributes(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TFVARS_ROOT, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text(
        '# shared settings\nacl        = "private"\npublic_api = true\n', encoding="utf-8"
    )
    # a later file wins, as in Terraform: the line to change is in the auto file
    (tmp_path / "prod.auto.tfvars").write_text('\nacl = "public-read"\n', encoding="utf-8")
    (tmp_path / "trail.auto.tfvars.json").write_text(
        '{\n  "trail_validation": false\n}\n', encoding="utf-8"
    )
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        rules = ("GDCC-DATA-001", "GDCC-CLU-002", "GDCC-LOG-003")
        result = audit([Path(".")], Settings(rule_ids=rules))
    finally:
        os.chdir(cwd)
    failed = [f for f in result.findings if f.status == Status.FAIL]
    found = {f.address: f.evidence.get("value_set_at") for f in failed}
    assert found == {
        "aws_s3_bucket.site": {"public_access": "./prod.auto.tfvars:2"},
        "aws_eks_cluster.main": {"public_endpoint": "./terraform.tfvars:3"},
        "aws_cloudtrail.trail": {"log_integrity": "./trail.auto.tfvars.json:2"},
    }


COMPANION_MODULE = """\
variable "public" {
  default = false
}

variable "versioning" {
  default = "Enabled"
}

variable "acl" {
  default = "private"
}

resource "aws_s3_bucket" "chosen" {
  bucket = "chosen"
}

resource "aws_s3_bucket_acl" "chosen" {
  bucket = aws_s3_bucket.chosen.id
  acl    = var.public ? "public-read" : "private"
}

resource "aws_s3_bucket_versioning" "chosen" {
  bucket = aws_s3_bucket.chosen.id
  versioning_configuration {
    status = var.versioning
  }
}

resource "aws_s3_bucket" "literal" {
  bucket = "literal"
  acl    = var.acl
}

resource "aws_s3_bucket_acl" "literal" {
  bucket = aws_s3_bucket.literal.id
  acl    = "public-read"
}

variable "branch_acl" {
  default = "public-read"
}

locals {
  grants = []
}

resource "aws_s3_bucket" "branch" {
  bucket = "branch"
}

resource "aws_s3_bucket_acl" "branch" {
  bucket = aws_s3_bucket.branch.id
  acl    = length(local.grants) == 0 ? var.branch_acl : null
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = var.public ? "Sup3r-S3cret-Pw" : "0ther-S3cret-Pw"
  storage_encrypted = !var.public ? true : false
}
"""

COMPANION_ROOT = """\
module "site" {
  source     = "./modules/site"
  public     = true
  versioning = "Suspended"
}
"""


def test_value_set_at_through_companions_and_conditionals(tmp_path: Path) -> None:
    """A bucket's ACL and versioning written in companions (``aws_s3_bucket_acl``,
    ``aws_s3_bucket_versioning``, the AWS provider 4+ way) from a variable, or chosen by a
    conditional on one (``var.public ? "public-read" : "private"``), point at the module
    argument; they pointed nowhere; so does a conditional one of whose results is the
    variable (``length(local.grants) == 0 ? var.branch_acl : null``). A companion's literal
    decides over the bucket's own ``acl = var.acl``: that variable's line is not the one to
    change, the companion's is. A secret literal in a conditional's branch is written in the
    resource: it is not "set at" the condition."""
    (tmp_path / "modules" / "site").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(COMPANION_ROOT, encoding="utf-8")
    (tmp_path / "modules" / "site" / "main.tf").write_text(COMPANION_MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        rules = ("GDCC-DATA-001", "GDCC-DATA-005", "GDCC-ENC-001", "GDCC-SECRET-001")
        result = audit([Path(".")], Settings(rule_ids=rules))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert found == {
        ("module.site.aws_s3_bucket.chosen", "GDCC-DATA-001"): (
            Status.FAIL,
            {"public_access": "./main.tf:3"},
        ),
        ("module.site.aws_s3_bucket.chosen", "GDCC-DATA-005"): (
            Status.FAIL,
            {"versioning": "./main.tf:4"},
        ),
        # the companion's literal: its line (the bucket's own var.acl is not the one)
        ("module.site.aws_s3_bucket.literal", "GDCC-DATA-001"): (
            Status.FAIL,
            {"public_access": "modules/site/main.tf:36"},
        ),
        ("module.site.aws_s3_bucket.literal", "GDCC-DATA-005"): (Status.FAIL, None),
        ("module.site.aws_s3_bucket.branch", "GDCC-DATA-001"): (
            Status.FAIL,
            # the root does not pass it: its module block first, then the default's line
            {
                "public_access": "./main.tf:1 (module.site does not set branch_acl: "
                "default of module input branch_acl at modules/site/main.tf:40)"
            },
        ),
        ("module.site.aws_s3_bucket.branch", "GDCC-DATA-005"): (Status.FAIL, None),
        ("module.site.aws_db_instance.db", "GDCC-ENC-001"): (
            Status.FAIL,
            {"encrypted_at_rest": "./main.tf:3"},
        ),
        ("module.site.aws_db_instance.db", "GDCC-SECRET-001"): (Status.FAIL, None),
    }
    chosen = next(
        f
        for f in result.findings
        if f.address == "module.site.aws_s3_bucket.chosen" and f.rule_id == "GDCC-DATA-001"
    )
    assert chosen.message is not None
    assert chosen.message.en == (
        "anyone on the internet can read this store (value set at ./main.tf:3)"
    )
