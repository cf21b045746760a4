"""Values taken per instance from a ``for_each`` map (``each.value.acl``,
``try(each.value.acl, ...)``, a conditional on ``each.value.encrypted``, a module's argument
``each.value.encrypted``) point at that key's entry: the line a user changes for that
instance (before: no line at all). A map given in ``terraform.tfvars`` points at the entry's
line there; an entry whose key is not found on one line alone names no entry line."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
variable "buckets" {
  default = {
    logs = {
      acl = "private"
    }
    site = {
      acl = "public-read"
    }
  }
}

resource "aws_s3_bucket" "this" {
  for_each = var.buckets
  bucket   = each.key
  acl      = try(each.value.acl, "private")
}

locals {
  volumes = {
    data = { encrypted = true }
    scratch = {
      size      = 5
      encrypted = false
    }
  }
}

module "vol" {
  for_each  = local.volumes
  source    = "./modules/vol"
  encrypted = each.value.encrypted
}

variable "disks" {}

resource "aws_ebs_volume" "d" {
  for_each          = var.disks
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = each.value.encrypted ? true : false
}
"""

TFVARS = """\
disks = {
  a = {
    encrypted = true
  }
  b = {
    encrypted = false
  }
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


def test_each_instance_points_at_its_own_entry(tmp_path: Path) -> None:
    (tmp_path / "modules" / "vol").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text(TFVARS, encoding="utf-8")
    (tmp_path / "modules" / "vol" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-001", "GDCC-ENC-001")))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
        and (f.rule_id == "GDCC-DATA-001") == ("aws_s3_bucket" in (f.address or ""))
    }
    assert found == {
        ('aws_s3_bucket.this["logs"]', "GDCC-DATA-001"): (
            Status.PASS, {"public_access": "./main.tf:4"}
        ),
        ('aws_s3_bucket.this["site"]', "GDCC-DATA-001"): (
            Status.FAIL, {"public_access": "./main.tf:7"}
        ),
        ('aws_ebs_volume.d["a"]', "GDCC-ENC-001"): (
            Status.PASS, {"encrypted_at_rest": "./terraform.tfvars:3"}
        ),
        ('aws_ebs_volume.d["b"]', "GDCC-ENC-001"): (
            Status.FAIL, {"encrypted_at_rest": "./terraform.tfvars:6"}
        ),
        # a module called with for_each: the argument each.value.encrypted, per key
        ('module.vol["data"].aws_ebs_volume.this', "GDCC-ENC-001"): (
            Status.PASS, {"encrypted_at_rest": "./main.tf:20"}
        ),
        ('module.vol["scratch"].aws_ebs_volume.this', "GDCC-ENC-001"): (
            Status.FAIL, {"encrypted_at_rest": "./main.tf:23"}
        ),
    }


LOOKUP = """\
variable "settings" {
  default = {
    versioning = false
    acl        = "public-read"
  }
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
  acl    = lookup(var.settings, "acl", "private")

  versioning {
    enabled = lookup(var.settings, "versioning", true)
  }
}
"""


def test_lookup_of_an_input_points_at_the_key(tmp_path: Path) -> None:
    """``lookup(var.settings, "acl", "private")`` reads the item ``acl`` of the input (as
    ``try(var.settings["acl"], "private")``): its line (before: none)."""
    (tmp_path / "main.tf").write_text(LOOKUP, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-001", "GDCC-DATA-005")))
    finally:
        os.chdir(cwd)
    found = {
        f.rule_id: (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
    }
    assert found == {
        "GDCC-DATA-001": (Status.FAIL, {"public_access": "./main.tf:4"}),
        "GDCC-DATA-005": (Status.FAIL, {"versioning": "./main.tf:3"}),
    }


GCS_MODULE = """\
variable "names" {
  type = list(string)
}

variable "versioning" {
  type    = map(bool)
  default = {}
}

resource "google_storage_bucket" "buckets" {
  for_each = toset(var.names)
  name     = each.value
  location = "ASIA-SOUTHEAST1"

  versioning {
    enabled = lookup(var.versioning, lower(each.value), false)
  }
}
"""

GCS_ROOT = """\
module "gcs" {
  source = "./modules/gcs"
  names  = ["first", "second", "third"]
  versioning = {
    first  = true
    second = false
  }
}
"""


def test_lookup_by_each_key_points_at_that_instances_key(tmp_path: Path) -> None:
    """``for_each = toset(var.names)`` with ``lookup(var.versioning, lower(each.value),
    false)`` (the Google modules' pattern): each bucket points at its own key in the
    caller's map (before: no line); a name the map leaves out takes the module's literal
    ``false`` and names no line."""
    (tmp_path / "modules" / "gcs").mkdir(parents=True)
    (tmp_path / "modules" / "gcs" / "main.tf").write_text(GCS_MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(GCS_ROOT, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-005",)))
    finally:
        os.chdir(cwd)
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        'module.gcs.google_storage_bucket.buckets["first"]': (
            Status.PASS, {"versioning": "./main.tf:5"}
        ),
        'module.gcs.google_storage_bucket.buckets["second"]': (
            Status.FAIL, {"versioning": "./main.tf:6"}
        ),
        'module.gcs.google_storage_bucket.buckets["third"]': (Status.FAIL, None),
    }
