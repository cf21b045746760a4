"""A ``dynamic`` block whose ``for_each`` wraps one input in a list of one (``var.x !=
null ? [var.x] : []``, terraform-aws-modules' ``metadata_options`` of instances and launch
templates) points its block's values at the input's items (GDCC-CMP-002: the caller's
``http_tokens`` line; an item the caller leaves to the type's default: the argument). A
conditional ``cond ? null : var.x`` whose instance took ``var.x`` points at ``var.x``'s line,
not the condition's (cloudposse's ``associate_public_ip_address =
var.external_network_interface_enabled ? null : var.associate_public_ip_address``)."""

from __future__ import annotations

import os
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
module "optional" {
  source = "./m"
  metadata_options = {
    http_endpoint = "enabled"
    http_tokens   = "optional"
  }
  public = true
}

module "left_out" {
  source = "./m"
  metadata_options = {
    http_endpoint = "enabled"
  }
}
"""

MODULE = """\
variable "metadata_options" {
  type = object({
    http_endpoint = optional(string, "enabled")
    http_tokens   = optional(string, "optional")
  })
  default = null
}

variable "eni" {
  default = false
}

variable "public" {
  default = false
}

resource "aws_instance" "this" {
  ami                         = "ami-123"
  instance_type               = "t3.micro"
  associate_public_ip_address = var.eni ? null : var.public

  dynamic "metadata_options" {
    for_each = var.metadata_options != null ? [var.metadata_options] : []
    content {
      http_endpoint = metadata_options.value.http_endpoint
      http_tokens   = metadata_options.value.http_tokens
    }
  }
}
"""


def test_a_wrapped_input_and_a_taken_branch_point_at_their_lines(tmp_path: Path) -> None:
    (tmp_path / "m").mkdir()
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "m" / "main.tf").write_text(MODULE, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-CMP-002", "GDCC-CMP-001")))
    finally:
        os.chdir(cwd)
    found = {
        (f.address, f.rule_id): (f.status, f.evidence.get("value_set_at"))
        for f in result.findings
        if f.status in (Status.PASS, Status.FAIL)
    }
    assert found[("module.optional.aws_instance.this", "GDCC-CMP-002")] == (
        Status.FAIL, {"metadata_tokens_required": "./main.tf:5"}
    )
    # http_tokens from the type's default: the caller's argument, where it is to be added
    assert found[("module.left_out.aws_instance.this", "GDCC-CMP-002")] == (
        Status.FAIL, {"metadata_tokens_required": "./main.tf:12"}
    )
    # var.public's line (the caller's argument), not var.eni's default
    assert found[("module.optional.aws_instance.this", "GDCC-CMP-001")][1] == {
        "public_endpoint": "./main.tf:7"
    }


EACH_MAIN = """\
module "outer" {
  source = "./outer"
  groups = {
    a = {}
  }
}
"""

EACH_OUTER = """\
variable "groups" {
  type = map(object({
    encrypted = optional(bool, false)
  }))
}

variable "create" {
  default = true
}

module "vol" {
  for_each  = var.create ? var.groups : {}
  source    = "../vol"
  encrypted = each.value.encrypted
}
"""

EACH_VOLUME = """\
variable "encrypted" {}

resource "aws_ebs_volume" "this" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = var.encrypted
}
"""


def test_an_entry_without_the_key_names_no_argument_line(tmp_path: Path) -> None:
    """``encrypted = each.value.encrypted`` of a ``for_each`` no entry can be told for
    (``var.create ? var.groups : {}``, terraform-aws-eks's node groups), the entry not
    writing ``encrypted`` (the type's optional default gives it): no line (before: the
    argument's line inside the module, outer/main.tf:14, the same for every instance)."""
    for name, text in (("outer", EACH_OUTER), ("vol", EACH_VOLUME)):
        (tmp_path / name).mkdir()
        (tmp_path / name / "main.tf").write_text(text, encoding="utf-8")
    (tmp_path / "main.tf").write_text(EACH_MAIN, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-ENC-001",)))
    finally:
        os.chdir(cwd)
    found = [(f.address, f.status, f.evidence.get("value_set_at")) for f in result.findings]
    assert found == [('module.outer.module.vol["a"].aws_ebs_volume.this', Status.FAIL, None)]
