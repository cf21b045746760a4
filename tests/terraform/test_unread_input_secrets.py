"""A literal secret written for an input that reaches no resource is still a credential
committed to the repository: an unused variable's ``default``, a variable only an output
reads, a ``.tfvars`` line for a variable nothing reads or that no variable declares, a
``.tfvars`` file Terraform does not load by itself (``prod.tfvars``), a value given to a
``sensitive = true`` variable. Each had no finding (a secret was reported only where a
resource uses it); each now FAILs GDCC-SECRET-001 as ``var.NAME`` at its own line. A secret
a resource reads is reported once, on that resource; empty values, references and a
sensitive variable with no default stay clean."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

MAIN = """\
variable "db_password" {
  type    = string
  default = "Sup3r-S3cret-Pw"
}

variable "api_token" {
  default = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"
}

variable "used_password" {
  default = "An0ther-S3cret-Pw"
}

variable "output_password" {
  default = "0utput-S3cret-Pw"
}

variable "local_password" {
  default = "L0cal-S3cret-Pw"
}

variable "license" {
  type      = string
  sensitive = true
}

variable "empty_password" {
  default = ""
}

variable "region" {
  default = "ap-southeast-1"
}

locals {
  master = var.local_password
}

resource "aws_db_instance" "db" {
  engine   = "mysql"
  username = "app"
  password = var.used_password
}

resource "aws_rds_cluster" "c" {
  engine          = "aurora-mysql"
  master_username = "app"
  master_password = local.master
}

output "o" {
  value     = var.output_password
  sensitive = true
}
"""

TFVARS = """\
license        = "LIC-8f3a-22b1-9c0d"
unknown_secret = "Undecl4red-S3cret"
used_password  = "Fr0m-Tfvars-Pw"
region         = "ap-southeast-7"
"""

PROD = """\
used_password = "Pr0d-Only-Pw"
"""


def test_a_secret_that_reaches_no_resource_fails_at_its_own_line(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text(TFVARS, encoding="utf-8")
    (tmp_path / "prod.tfvars").write_text(PROD, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {
        (Path(f.location.file).name, f.address): (
            f.status.value,
            f.evidence.get("paths"),
            f.location.start_line,
            Path(f.evidence["value_set_at"][f.evidence["paths"][0]]).name,
        )
        for f in result.findings
    }
    assert found == {
        # read by resources: reported there, at the value the root takes
        ("main.tf", "aws_db_instance.db"): ("FAIL", ["password"], 39, "terraform.tfvars:3"),
        ("main.tf", "aws_rds_cluster.c"): ("FAIL", ["master_password"], 45, "main.tf:19"),
        # read by nothing / by an output only
        ("main.tf", "var.db_password"): ("FAIL", ["db_password"], 1, "main.tf:3"),
        ("main.tf", "var.api_token"): ("FAIL", ["api_token"], 6, "main.tf:7"),
        ("main.tf", "var.output_password"): ("FAIL", ["output_password"], 14, "main.tf:15"),
        # a default the root's terraform.tfvars replaces
        ("main.tf", "var.used_password"): ("FAIL", ["used_password"], 10, "main.tf:11"),
        # a sensitive variable's value, whatever it is called; a name nothing declares
        ("terraform.tfvars", "var.license"): ("FAIL", ["license"], 1, "terraform.tfvars:1"),
        ("terraform.tfvars", "var.unknown_secret"): (
            "FAIL", ["unknown_secret"], 2, "terraform.tfvars:2"
        ),
        # a file Terraform loads only when told to (-var-file)
        ("prod.tfvars", "var.used_password"): ("FAIL", ["used_password"], 1, "prod.tfvars:1"),
    }
    held = [r for r in result.resources if r.address == "var.db_password"]
    assert [(r.kind, r.provider_type) for r in held] == [
        ("other.secret_holder", "terraform_variable")
    ]


def test_a_called_module_s_default_its_output_passes_on_is_no_second_finding(
    tmp_path: Path,
) -> None:
    (tmp_path / "main.tf").write_text(
        'module "db" {\n  source = "./db"\n}\n\n'
        'resource "aws_db_instance" "db" {\n  engine   = "mysql"\n'
        '  password = module.db.password\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "main.tf").write_text(
        'variable "password" {\n  default = "Ch1ld-Default-Pw"\n}\n\n'
        'variable "spare_token" {\n  default = "Sp4re-T0ken-Value-9"\n}\n\n'
        'output "password" {\n  value = var.password\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    assert {(f.address, f.status.value) for f in result.findings} == {
        ("aws_db_instance.db", "FAIL"),
        ("module.db.var.spare_token", "FAIL"),
    }


def test_a_tfvars_json_file_is_read(tmp_path: Path) -> None:
    """A ``.tfvars.json`` file (Terraform loads ``terraform.tfvars.json`` as it loads
    ``terraform.tfvars``) was not recognised: its secrets had no finding, and its value for
    a variable a resource reads is where that resource's secret is set."""
    (tmp_path / "main.tf").write_text(
        'variable "db_password" {\n  default = ""\n}\n\n'
        'resource "aws_db_instance" "db" {\n  engine   = "mysql"\n'
        '  password = var.db_password\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "terraform.tfvars.json").write_text(
        '{\n  "db_password": "Fr0m-Json-Tfvars",\n'
        '  "unused_token": "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n}\n',
        encoding="utf-8",
    )
    (tmp_path / "prod.tfvars.json").write_text(
        '{\n  "db_password": "Pr0d-Json-S3cret"\n}\n', encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {
        (Path(f.location.file).name, f.address): (
            f.status.value,
            Path(f.evidence["value_set_at"][f.evidence["paths"][0]]).name,
        )
        for f in result.findings
    }
    assert found == {
        ("main.tf", "aws_db_instance.db"): ("FAIL", "terraform.tfvars.json:2"),
        ("terraform.tfvars.json", "var.unused_token"): ("FAIL", "terraform.tfvars.json:3"),
        ("prod.tfvars.json", "var.db_password"): ("FAIL", "prod.tfvars.json:2"),
    }
    assert {Path(i.path).name: i.status.value for i in result.inputs} == {
        "main.tf": "assessed", "terraform.tfvars.json": "assessed",
        "prod.tfvars.json": "assessed",
    }


def test_a_password_generator_s_character_set_is_no_secret(tmp_path: Path) -> None:
    """terraform-aws-secrets-manager's ``random_password_override_special`` (read by an
    ``ephemeral "random_password"`` block, which is not a resource) FAILed as a password
    written in plain text: its value lists the special characters a generated password may
    use. A value with no letter and no digit under a character set's name is none; the
    same name holding letters or digits still FAILs."""
    (tmp_path / "main.tf").write_text(
        'variable "random_password_override_special" {\n'
        '  default = "!@#$%&*()-_=+[]{}<>:?"\n}\n\n'
        'variable "admin_password_chars" {\n  default = "Adm1n-P4ss!"\n}\n\n'
        'ephemeral "random_password" "this" {\n  length           = 32\n'
        '  override_special = var.random_password_override_special\n}\n',
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    assert {(f.address, f.status.value) for f in result.findings} == {
        ("var.admin_password_chars", "FAIL"),
    }
