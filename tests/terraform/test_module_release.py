"""A root's module instances were held in reference cycles (a child names its parent, its
inputs are closures over the caller), with their caches and the parsed files only they kept:
terraform-aws-eks left 96,191 objects for the cyclic collector, which is paused during a scan
(``gcpause``), so a scan of 5,000 resources or more ran one collection over the whole heap
(0.25 s for one 20 MB file, 0.8 s for 100,000 resources). The tree is released once the root
is collected (``ModuleInstance.release``): reference counting frees it, and a Terraform-only
scan runs no collection."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gdcc_audit import api
from gdcc_audit.settings import Settings

ROOT = """\
variable "name" {
  default = "logs"
}

module "a" {
  source = "./modules/queue"
  name   = "${var.name}-a"
}

module "b" {
  source   = "./modules/queue"
  for_each = toset(["x", "y"])
  name     = each.key
}
"""

QUEUE = """\
variable "name" {}

module "dlq" {
  source = "../dlq"
  name   = "${var.name}-dlq"
}

resource "aws_sqs_queue" "this" {
  name              = var.name
  kms_master_key_id = var.name != "" ? "alias/aws/sqs" : null
}
"""

DLQ = """\
variable "name" {}

resource "aws_sqs_queue" "dlq" {
  name = var.name
}
"""

#: Objects of the loader's evaluation and of the files it read.
_LOADER = ("ModuleInstance", "ModuleDef", "Evaluation", "_File", "ParsedHcl", "Block", "Body")


def _tree(tmp_path: Path) -> None:
    for folder, text in (("", ROOT), ("modules/queue", QUEUE), ("modules/dlq", DLQ)):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "main.tf").write_text(text, encoding="utf-8")


def test_the_module_tree_leaves_no_cycle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    left: list[str] = []
    graph = api.ResourceGraph

    def collecting(*args: object, **kwargs: object) -> object:
        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            gc.collect()
            left.extend(
                type(o).__name__ for o in gc.garbage
                if type(o).__name__ in _LOADER
                and type(o).__module__.startswith("gdcc_audit.load.terraform")
            )
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        return graph(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(api, "ResourceGraph", collecting)
    gc.collect()  # what earlier tests left
    result = api.audit([tmp_path], Settings(workers=1, cache=False))
    queues = sorted(r.address for r in result.resources if r.provider_type == "aws_sqs_queue")
    assert queues == [
        "module.a.aws_sqs_queue.this",
        "module.a.module.dlq.aws_sqs_queue.dlq",
        'module.b["x"].aws_sqs_queue.this',
        'module.b["x"].module.dlq.aws_sqs_queue.dlq',
        'module.b["y"].aws_sqs_queue.this',
        'module.b["y"].module.dlq.aws_sqs_queue.dlq',
    ]
    assert left == []  # before: 7 ModuleInstance, 3 ModuleDef, 3 _File, 8 Block, ...


def test_a_large_terraform_scan_runs_no_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    calls: list[int] = []
    monkeypatch.setattr(api, "COLLECT_FROM", 1)
    monkeypatch.setattr(api.gc, "collect", lambda *a: calls.append(1) or 0)
    result = api.audit([tmp_path], Settings(workers=1, cache=False))
    assert len(result.resources) == 6
    assert calls == []  # before: one collection over the whole heap
