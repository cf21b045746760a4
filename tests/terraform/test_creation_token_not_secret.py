"""An EFS ``creation_token`` is "a unique name ... used as reference when creating the
Elastic File System to ensure idempotent file system creation" (AWS provider docs; EFS API
``CreationToken``), not a credential. Passed to a registry module that was not downloaded
(terraform-aws-modules/atlantis' ``module "efs" { creation_token = var.name }``), the module
call FAILed GDCC-SECRET-001 "a secret is written in plain text at 'creation_token'": only the
``aws_efs_file_system`` argument was known as a name. The name says what it is wherever it is
written; a credential's shape there, and a real token beside it, still FAIL."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
variable "name" {
  type    = string
  default = "ci-runner"
}

module "storage" {
  source  = "terraform-aws-modules/efs/aws"
  version = "2.0.0"

  name           = var.name
  creation_token = var.name
}

module "cache" {
  source  = "terraform-aws-modules/elasticache/aws"
  version = "1.0.0"

  creation_token = "ci-runner-cache"
  auth_token     = "Zq8vR2mK7pX4tW9n"
}
"""


def test_a_creation_token_is_no_secret(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    # a module call is judged for the secrets its inputs may carry: with none named so and
    # none shaped so, there is nothing to judge (it FAILed)
    assert "module.storage" not in found
    assert found["module.cache"] == (
        Status.FAIL, "a secret is written in plain text at 'auth_token'"
    )
