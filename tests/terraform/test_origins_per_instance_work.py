"""Work the Terraform module evaluator does only where its result is used:

- where a block's values are written (``_block_origins``, ``_dynamic_origins``) is worked out
  only for a block that has an instance (or a left-out one evaluated as its first instance:
  ``RootResources.not_created``); terraform-aws-vpc's examples switch most features off, and
  1,123 of its 1,426 resource blocks had their origins walked for no instance;
- the ``same_value_key`` of each attribute of a called module's block (``TfResource.symbols``)
  is a function of its text: found once per module block (``ModuleDef.value_keys``), not
  once per root and instance of the module."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.terraform.helpers import load, resources

from gdcc_audit.load.terraform import module
from gdcc_audit.load.terraform.ast import Block
from gdcc_audit.load.terraform_model import TfDocument

ROOT = """\
variable "unset" {}

module "a" {
  source = "./modules/queue"
  name   = var.unset
}

module "b" {
  source = "./modules/queue"
  name   = var.unset
}
"""

QUEUE = """\
variable "name" {}
variable "dead_letter" {
  default = false
}

resource "aws_sqs_queue" "this" {
  name                    = var.name
  sqs_managed_sse_enabled = var.name
}

resource "aws_sqs_queue" "never" {
  count = 0
  name  = var.name
}

resource "aws_sqs_queue" "dead_letter" {
  count = var.dead_letter ? 1 : 0
  name  = var.name
}
"""


def _write(folder: Path) -> None:
    (folder / "modules" / "queue").mkdir(parents=True)
    (folder / "main.tf").write_text(ROOT, encoding="utf-8")
    (folder / "modules" / "queue" / "main.tf").write_text(QUEUE, encoding="utf-8")


def test_origins_are_worked_out_only_for_blocks_with_an_instance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path)
    real = module.ModuleInstance._block_origins
    asked: list[str] = []

    def counted(self: module.ModuleInstance, block: Block) -> Any:
        asked.append(self.prefix + ".".join(block.labels[:2]))
        return real(self, block)

    monkeypatch.setattr(module.ModuleInstance, "_block_origins", counted)
    documents, _ = load(tmp_path)
    found = resources(documents)
    # before: module.a.aws_sqs_queue.never and module.b.aws_sqs_queue.never too
    assert sorted(asked) == [
        "module.a.aws_sqs_queue.dead_letter",
        "module.a.aws_sqs_queue.this",
        "module.b.aws_sqs_queue.dead_letter",
        "module.b.aws_sqs_queue.this",
    ]
    assert sorted(found) == ["module.a.aws_sqs_queue.this", "module.b.aws_sqs_queue.this"]
    assert found["module.a.aws_sqs_queue.this"].origins == {
        "name": f"{tmp_path / 'main.tf'}:5", "sqs_managed_sse_enabled": f"{tmp_path / 'main.tf'}:5"
    }
    # the left-out dead-letter queue still says where it is written and what leaves it out
    data = documents[0].data
    assert isinstance(data, TfDocument)
    assert data.whole_root is not None
    left_out = {r.address: r for r in data.whole_root.not_created}
    assert sorted(left_out) == [
        "module.a.aws_sqs_queue.dead_letter[0]", "module.b.aws_sqs_queue.dead_letter[0]"
    ]
    queue = tmp_path / "modules" / "queue" / "main.tf"
    dead = left_out["module.a.aws_sqs_queue.dead_letter[0]"]
    assert dead.origins == {"name": f"{tmp_path / 'main.tf'}:5"}
    assert dead.not_created_by == (
        f"{tmp_path / 'main.tf'}:3 (module.a does not set dead_letter: default of module "
        f"input dead_letter at {queue}:3)"
    )


def test_value_keys_are_found_once_per_module_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path)
    real = module.same_value_key
    asked: list[Any] = []

    def counted(expr: Any) -> str | None:
        asked.append(expr)
        return real(expr)

    monkeypatch.setattr(module, "same_value_key", counted)
    documents, _ = load(tmp_path)
    found = resources(documents)
    # this queue's two attributes and the left-out dead-letter queue's name, once each;
    # before: once per module instance (6: module.a's three and module.b's)
    assert len(asked) == 3
    for address in ("module.a.aws_sqs_queue.this", "module.b.aws_sqs_queue.this"):
        assert found[address].symbols == {
            "name": "var.name", "sqs_managed_sse_enabled": "var.name"
        }
