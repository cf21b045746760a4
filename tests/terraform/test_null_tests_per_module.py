"""Which inputs a resource's arguments test against null (``module.null_tests``, for
``TfResource.alternatives``) is a function of the block's text: found once per module block
(``ModuleDef.null_tests``), not once per instance of the module (terraform-aws-vpc: its
15 example roots call the module, 41,906 walks of the same arguments, ~10 % of its scan)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.terraform.helpers import load, resources

from gdcc_audit.load.terraform import module

ROOT = """\
variable "unset" {}

module "a" {
  source = "./modules/queue"
  name   = var.unset
  kms    = var.unset
}

module "b" {
  source = "./modules/queue"
  name   = var.unset
  kms    = var.unset
}
"""

QUEUE = """\
variable "name" {}
variable "kms" {
  default = null
}

resource "aws_sqs_queue" "this" {
  name              = var.name
  kms_master_key_id = var.kms != null ? var.kms : null
}
"""


def test_null_tests_are_found_once_per_module_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "modules" / "queue").mkdir(parents=True)
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    (tmp_path / "modules" / "queue" / "main.tf").write_text(QUEUE, encoding="utf-8")
    real = module.null_tests
    asked: list[Any] = []

    def counted(body: Any, *rest: Any) -> list[str]:
        asked.append(body)
        return real(body, *rest)

    monkeypatch.setattr(module, "null_tests", counted)
    documents, _ = load(tmp_path)
    found = resources(documents)
    assert len(asked) == 1  # before: once per module instance (2)
    for address in ("module.a.aws_sqs_queue.this", "module.b.aws_sqs_queue.this"):
        alternatives = found[address].alternatives
        assert alternatives is not None
        assert alternatives[0] == f"{address.rsplit('.aws_', 1)[0]}.var.kms"
