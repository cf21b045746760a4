"""A secret written in the arguments of a module call whose module is not read (a registry
module ``terraform init`` has not downloaded: ``module "db" { source =
"terraform-aws-modules/rds/aws"  password = "..." }``) is a secret written in the
configuration: it had no finding at all (the call is listed among the modules not read, its
resources not assessed, and nothing read its arguments). The call is now a secret holder
judged by GDCC-SECRET-001 only, at the call's address and line. A call whose module is read
is judged through the module's resources (the argument's line as ``value set at``), as
before; an argument that names a secret's location, a variable without a value or a
placeholder is no secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

MAIN = """\
variable "db_password" {
  default = "Fr0m-A-Default-9"
}

variable "from_outside" {
  type = string
}

module "db" {
  source     = "terraform-aws-modules/rds/aws"
  version    = "6.0.0"
  identifier = "orders"
  username   = "app"
  password   = "Sup3r-S3cret-Pw"
}

module "cache" {
  source      = "git::https://example.com/modules/redis.git?ref=v1"
  auth_token  = var.db_password
  secret_name = "orders/redis/auth"
}

module "clean" {
  source              = "terraform-aws-modules/rds/aws"
  identifier          = "reports"
  password            = var.from_outside
  password_secret_arn = "arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:db-AbCdEf"
}

module "local" {
  source         = "./db"
  admin_password = "L0cal-Module-Pw"
}
"""

LOCAL = """\
variable "admin_password" {}

resource "aws_db_instance" "this" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
  username          = "admin"
  password          = var.admin_password
}
"""


def test_a_module_not_read_is_judged_for_the_secrets_given_to_it(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "main.tf").write_text(LOCAL, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {
        f.address: (f.status.value, f.evidence.get("paths"), f.location.start_line)
        for f in result.findings
    }
    assert found == {
        "module.db": ("FAIL", ["password"], 9),
        "module.cache": ("FAIL", ["auth_token"], 17),
        # the module is read: its database says where the value is set
        "module.local.aws_db_instance.this": ("FAIL", ["password"], 3),
    }
    assert {m.address for m in result.modules_not_read} == {
        "module.db", "module.cache", "module.clean"
    }
    (local,) = [f for f in result.findings if f.address == "module.local.aws_db_instance.this"]
    assert local.evidence["value_set_at"]["password"].endswith("main.tf:32")
