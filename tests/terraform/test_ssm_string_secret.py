"""A ``String`` Systems Manager parameter whose name reads as a secret's
(``rds.dev.master_password``, ``/app/db-password``) with a password written as its value
holds that password in plain text (in the configuration, and unencrypted in Parameter Store):
GDCC-SECRET-001 FAILs it, pointing at where the value is written. Before, a non-SecureString
parameter was not mapped and had no finding (public repositories keep a map of parameters,
``{ type = "String", value = "..." }``, beside the SecureString ones). CloudFormation's
``AWS::SSM::Parameter`` was already judged so; a host name or a path under another name is
configuration."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "params" {
  default = {
    "rds.dev.master_username" = { type = "String", value = "devadmin" }
    "rds.dev.master_password" = { type = "String", value = "roboshop1234" }
    "rds.dev.endpoint"        = { type = "String", value = "dev.cjewe4ou21g2.rds.amazonaws.com" }
    "rds.dev.password_param"  = { type = "String", value = "/rds/dev/password" }
  }
}

resource "aws_ssm_parameter" "mapped" {
  for_each = var.params
  name     = each.key
  type     = each.value.type
  value    = each.value.value
}

resource "aws_ssm_parameter" "literal" {
  name  = "/app/db-password"
  type  = "String"
  value = "Hunter22pw"
}
"""


def test_a_string_parameter_named_for_a_password_holds_one(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    assert found == {
        'aws_ssm_parameter.mapped["rds.dev.master_password"]': (
            Status.FAIL,
            f"a secret is written in plain text at 'value' (value set at {tmp_path}/main.tf:4)",
        ),
        "aws_ssm_parameter.literal": (Status.FAIL, "a secret is written in plain text at 'value'"),
    }
