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
