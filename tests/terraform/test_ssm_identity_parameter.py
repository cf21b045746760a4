"""A SecureString Systems Manager parameter holding a user name beside its password
(aws-samples/eks-workshop-v2's OpenSearch module: ``name = "${local.path}/user"``, ``value =
"admin"``) FAILed GDCC-SECRET-001 as "a secret written in plain text": ``value`` is a
sensitive argument, so any literal there was a secret. A parameter whose name's last word
names a user or a place, with a value that has no credential's shape, is judged as a
Kubernetes Secret's ``username`` key is (``detect.identity_key``): no secret. Its password
parameter, and a user parameter holding a login written whole, still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

MAIN = """\
variable "cluster" {
  type = string
}

locals {
  path = "/eksworkshop/${var.cluster}/opensearch"
}

resource "aws_ssm_parameter" "user" {
  name  = "${local.path}/user"
  type  = "SecureString"
  value = "admin"
}

resource "aws_ssm_parameter" "host" {
  name  = "/app/db/host"
  type  = "SecureString"
  value = "db.internal.example.com"
}

resource "aws_ssm_parameter" "password" {
  name  = "${local.path}/password"
  type  = "SecureString"
  value = "Xk9mQ2vLp7zR"
}

resource "aws_ssm_parameter" "login" {
  name  = "/app/db/user"
  type  = "SecureString"
  value = "admin:Xk9mQ2vLp7zR"
}
"""


def test_a_user_name_kept_as_a_secure_string_is_no_secret(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    assert sorted((f.address, f.status.value) for f in result.findings) == [
        ("aws_ssm_parameter.host", "PASS"),
        ("aws_ssm_parameter.login", "FAIL"),
        ("aws_ssm_parameter.password", "FAIL"),
        ("aws_ssm_parameter.user", "PASS"),
    ]
