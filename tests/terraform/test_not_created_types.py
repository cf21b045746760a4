"""A resource ``count`` makes 0 is evaluated as its first instance would be only when a
mapper reads it (``RootResources.not_created``): the Terraform mapper reads companions alone
(the input leaving a versioning companion out is the line to change), so the scan tells the
loader those types (``LoadOptions``). Before, every such resource was evaluated (module
repositories' examples switch most features off: terraform-aws-vpc 363 of them, 207 not
companions, read by nothing)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.errors import InputError
from gdcc_audit.load.discover import discover
from gdcc_audit.load.interface import Document, LoadOptions
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.terraform import registry
from gdcc_audit.settings import Settings

MAIN = """\
variable "versioning" {
  default = false
}

resource "aws_s3_bucket" "this" {
  bucket = "logs"
}

resource "aws_s3_bucket_versioning" "this" {
  count  = var.versioning ? 1 : 0
  bucket = aws_s3_bucket.this.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_instance" "bastion" {
  count         = var.versioning ? 1 : 0
  ami           = "ami-123"
  instance_type = "t3.micro"
}
"""


def _not_created(folder: Path, loader: TerraformLoader) -> dict[str, str]:
    settings = Settings()
    found = discover([folder], [loader], settings)
    documents = [
        item
        for item in loader.load(found.claims[loader.name], settings)
        if isinstance(item, Document)
    ]
    data = documents[0].data
    assert isinstance(data, TfDocument)
    assert data.whole_root is not None
    return {
        r.address: os.path.relpath(r.not_created_by, folder) for r in data.whole_root.not_created
    }


def test_the_loader_evaluates_only_the_types_asked(tmp_path: Path) -> None:
    """Told the companion types, the loader leaves the instance out (not evaluated); the
    companion still names the input that leaves it out. Alone (no options), every type,
    as before."""
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    asked = LoadOptions(not_created_types=frozenset({"aws_s3_bucket_versioning"}))
    assert _not_created(tmp_path, TerraformLoader(asked)) == {
        "aws_s3_bucket_versioning.this[0]": "main.tf:2",
    }
    assert _not_created(tmp_path, TerraformLoader()) == {
        "aws_s3_bucket_versioning.this[0]": "main.tf:2",
        "aws_instance.bastion[0]": "main.tf:2",
    }


def test_the_scan_asks_for_the_companion_types(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scan builds the options from the Terraform mapper (its companion types): the
    bastion is not evaluated, the bucket's versioning FAIL still says where it is set."""
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    given: list[LoadOptions] = []
    real = TerraformLoader.load

    def spy(self: TerraformLoader, *args: Any) -> Iterator[Document | InputError]:
        given.append(self.options)
        return real(self, *args)

    monkeypatch.setattr(TerraformLoader, "load", spy)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-005",)))
    finally:
        os.chdir(cwd)
    assert given == [LoadOptions(not_created_types=frozenset(registry.COMPANIONS))]
    assert "aws_instance" not in (given[0].not_created_types or ())
    assert [(f.address, f.status, f.evidence.get("value_set_at")) for f in result.findings] == [
        ("aws_s3_bucket.this", Status.FAIL, {"versioning": "./main.tf:2"}),
    ]


def test_options_join_what_either_reads() -> None:
    some = LoadOptions(frozenset({"a"}))
    assert some.joined(LoadOptions(frozenset({"b"}))) == LoadOptions(frozenset({"a", "b"}))
    assert some.joined(LoadOptions()) == LoadOptions()


def test_a_companion_left_out_is_asked_once_per_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a companion left out would contribute is a function of the root: asked once,
    not once per file of the root (before: once per document), with the same finding."""
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    (tmp_path / "other.tf").write_text('resource "aws_sqs_queue" "q" {}\n', encoding="utf-8")
    (tmp_path / "third.tf").write_text('resource "aws_sns_topic" "t" {}\n', encoding="utf-8")
    real = registry.COMPANIONS["aws_s3_bucket_versioning"]
    asked: list[str] = []

    def counted(resource: Any, ctx: Any) -> Any:
        if resource.not_created_by:
            asked.append(resource.address)
        return real(resource, ctx)

    monkeypatch.setitem(registry.COMPANIONS, "aws_s3_bucket_versioning", counted)
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-005",), workers=1))
    finally:
        os.chdir(cwd)
    assert asked == ["aws_s3_bucket_versioning.this[0]"]
    assert [(f.address, f.status, f.evidence.get("value_set_at")) for f in result.findings] == [
        ("aws_s3_bucket.this", Status.FAIL, {"versioning": "./main.tf:2"}),
    ]
