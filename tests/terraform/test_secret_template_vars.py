"""GDCC-SECRET-001 and a literal secret given to a template: ``user_data =
templatefile("init.sh", {db_password = "Hunter22pw"})`` renders ``export DB_PASS=Hunter22pw``,
where no name or credential shape shows the secret, so the instance PASSed though the
password is written in the configuration (in the call, or as a variable's default); so did
a launch template's ``base64encode(templatefile(...))``. A value not known (a sensitive
variable without a value) or a resource's name (``aws_ssm_parameter.p.name``) is no
literal."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.secrets.detect import detect_secrets, redact
from gdcc_audit.secrets.pointer import SecretBearing
from gdcc_audit.settings import Settings

RULE = "GDCC-SECRET-001"

MAIN = """\
variable "pw" {
  type      = string
  sensitive = true
}
variable "default_pw" {
  default = "Hunter22pw"
}
resource "aws_instance" "literal" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", { db_password = "Hunter22pw" })
}
resource "aws_launch_template" "encoded" {
  name      = "encoded"
  user_data = base64encode(templatefile("${path.module}/init.sh", { db_password = var.default_pw }))
}
resource "aws_instance" "sensitive" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", { db_password = var.pw })
}
resource "aws_instance" "named" {
  ami           = "ami-12345678"
  instance_type = "t3.micro"
  user_data     = templatefile("${path.module}/init.sh", { db_password = aws_ssm_parameter.p.name })
}
resource "aws_ssm_parameter" "p" {
  name  = "/app/db/password"
  type  = "SecureString"
  value = var.pw
}
"""
INIT = "#!/bin/bash\nexport DB_PASS=${db_password}\n/opt/app/start\n"


def test_a_literal_secret_given_to_a_template(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "init.sh").write_text(INIT)
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    found = {f.address: (f.status, f.evidence.get("paths")) for f in result.findings}
    assert found == {
        "aws_instance.literal": (Status.FAIL, ["user_data"]),
        "aws_launch_template.encoded": (Status.FAIL, ["user_data"]),
        "aws_instance.sensitive": (Status.PASS, None),
        "aws_instance.named": (Status.PASS, None),
        "aws_ssm_parameter.p": (Status.PASS, None),
    }


def test_rendered_text_is_a_secret_and_redacted() -> None:
    text = SecretBearing("export DB_PASS=Hunter22pw\n")
    assert detect_secrets({"user_data": text}) == ("user_data",)
    assert redact({"user_data": text}) == {"user_data": "<redacted>"}
