"""A value that reaches a resource through local values (``local.a = var.b``, ``local.c =
local.a ? "x" : "y"``, ``local.settings.acl``) is pointed at where it is written: the
variable's value line (caller argument, ``.tfvars``, default), or the local when the value
is written there. Before, only ``var.X`` itself was followed."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
variable "public" {
  default = true
}

locals {
  from_var = var.public
  chosen   = local.from_var ? "public-read" : "private"
  settings = {
    versioning = "Enabled"
    acl        = "public-read"
  }
  password = "Sup3r-S3cret-Pw"
  enc      = false
  aliased  = local.settings
}

module "db" {
  source    = "./modules/db"
  encrypted = local.enc
}

resource "aws_s3_bucket" "chosen" {
  bucket = "chosen"
  acl    = local.chosen
}

resource "aws_s3_bucket" "keyed" {
  bucket = "keyed"
  acl    = local.settings["acl"]
}

resource "aws_s3_bucket" "aliased" {
  bucket = "aliased"
  acl    = local.aliased.acl
}

resource "aws_db_instance" "db" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "app"
  password          = local.password
  storage_encrypted = true
}
"""

MODULE = """\
variable "encrypted" {
  default = true
}

locals {
  encrypted = var.encrypted
}

resource "aws_ebs_volume" "this" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = local.encrypted
}
"""


def test_values_through_locals_point_at_where_they_are_written(tmp_path: Path) -> None:
    (tmp_path / "modules" / "db").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "modules" / "db" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        rules = ("GDCC-DATA-001", "GDCC-ENC-001", "GDCC-SECRET-001")
        result = audit([Path(".")], Settings(rule_ids=rules))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): f.evidence.get("value_set_at")
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert found == {
        # local.chosen = local.from_var ? ...; local.from_var = var.public: its default
        ("aws_s3_bucket.chosen", "GDCC-DATA-001"): {"public_access": "./main.tf:2"},
        # the item of an object written in a local: its own line
        ("aws_s3_bucket.keyed", "GDCC-DATA-001"): {"public_access": "./main.tf:10"},
        ("aws_s3_bucket.aliased", "GDCC-DATA-001"): {"public_access": "./main.tf:10"},
        # a secret written in a local: the literal's line, not the resource's
        ("aws_db_instance.db", "GDCC-SECRET-001"): {"password": "./main.tf:12"},
        # module argument local.enc -> the local's literal; inside, local.encrypted = var
        ("module.db.aws_ebs_volume.this", "GDCC-ENC-001"): {"encrypted_at_rest": "./main.tf:13"},
    }
    secret = next(f for f in result.findings if f.rule_id == "GDCC-SECRET-001")
    assert secret.message is not None
    assert secret.message.en.endswith("(value set at ./main.tf:12)")


OBJECT_ROOT = """\
variable "acl" {
  default = "public-read"
}

module "store" {
  source = "./modules/store"
  settings = {
    size      = 10
    encrypted = false
  }
  bucket = {
    acl = var.acl
  }
}
"""

OBJECT_MODULE = """\
variable "settings" {}
variable "bucket" {}

resource "aws_ebs_volume" "this" {
  availability_zone = "ap-southeast-7a"
  size              = var.settings.size
  encrypted         = var.settings.encrypted
}

resource "aws_s3_bucket" "this" {
  bucket = "store"
  acl    = var.bucket["acl"]
}
"""


def test_an_item_of_an_object_argument_points_at_its_line(tmp_path: Path) -> None:
    """``var.settings.encrypted`` given ``settings = { encrypted = false }``: the item's
    line in the caller (before: none); an item that is itself ``var.acl``: followed."""
    (tmp_path / "modules" / "store").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(OBJECT_ROOT, encoding="utf-8")
    (tmp_path / "modules" / "store" / "main.tf").write_text(OBJECT_MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-001", "GDCC-ENC-001")))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): f.evidence.get("value_set_at")
        for f in result.findings
        if f.status == Status.FAIL
    }
    assert found == {
        ("module.store.aws_ebs_volume.this", "GDCC-ENC-001"): {
            "encrypted_at_rest": "./main.tf:9"
        },
        ("module.store.aws_s3_bucket.this", "GDCC-DATA-001"): {"public_access": "./main.tf:2"},
    }
