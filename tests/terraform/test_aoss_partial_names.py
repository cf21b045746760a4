"""OpenSearch Serverless collections whose names are known in part (terraform-aws-modules/
opensearch examples/collection: ``name = "${local.name}-private"`` through a module input,
``local.name`` from ``path.cwd``) were GDCC-NET-002 UNKNOWN "whether network policy ...
(public) covers the collection is not known", although the public policies' patterns
(``collection/${var.name}`` = ``collection/ex-…-public``, ``…-group``) can never match a name
ending ``-private``. Names and patterns are now matched on their written ends
(``aoss.Shape``): a pattern whose written start or end the name cannot have covers nothing
(PASS, naming the private policy that may cover it), a written prefix pattern the name starts
with covers it (FAIL); where the match depends on the part not known it stays UNKNOWN."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize import aoss
from gdcc_audit.settings import Settings

MODULE = """\
variable "name" {
  type = string
}

variable "public" {
  type    = bool
  default = true
}

resource "aws_opensearchserverless_security_policy" "encryption" {
  name = "${var.name}-encryption"
  type = "encryption"
  policy = jsonencode({
    Rules       = [{ Resource = ["collection/${var.name}"], ResourceType = "collection" }]
    AWSOwnedKey = true
  })
}

resource "aws_opensearchserverless_security_policy" "network" {
  name = "${var.name}-network"
  type = "network"
  policy = jsonencode([{
    Rules = [
      { Resource = ["collection/${var.name}"], ResourceType = "collection" },
      { Resource = ["collection/${var.name}"], ResourceType = "dashboard" },
    ]
    AllowFromPublic = var.public
  }])
}

resource "aws_opensearchserverless_collection" "this" {
  name = var.name
  type = "SEARCH"
}
"""

ROOT = """\
variable "prefix" {
  type = string
}

locals {
  name = "ex-${var.prefix}"
}

module "public" {
  source = "./collection"
  name   = "${local.name}-public"
}

module "private" {
  source = "./collection"
  name   = "${local.name}-private"
  public = false
}

resource "aws_opensearchserverless_security_policy" "every_ex" {
  name = "every-ex"
  type = "network"
  policy = jsonencode([{
    Rules           = [{ Resource = ["collection/ex-*"], ResourceType = "collection" }]
    AllowFromPublic = true
  }])
}

resource "aws_opensearchserverless_collection" "ex" {
  name = "ex-${var.prefix}"
  type = "SEARCH"
}
"""


def _found(tmp_path: Path) -> dict[str, tuple[Status, str]]:
    (tmp_path / "collection").mkdir()
    (tmp_path / "collection" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_a_public_pattern_the_name_cannot_match_covers_nothing(tmp_path: Path) -> None:
    # the root's "collection/ex-*" covers every collection here: judged without it
    (tmp_path / "collection").mkdir()
    (tmp_path / "collection" / "main.tf").write_text(MODULE, encoding="utf-8")
    root = ROOT.partition('resource "aws_opensearchserverless_security_policy" "every_ex"')[0]
    (tmp_path / "main.tf").write_text(root, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["module.private.aws_opensearchserverless_collection.this"] == (
        Status.PASS,
        "Databases and message brokers are not reachable through a public endpoint (no "
        "network policy of the scan that allows public access can cover the collection "
        "(network policy module.private.aws_opensearchserverless_security_policy.network, "
        "which may, allows private access only))",
    )
    assert found["module.public.aws_opensearchserverless_collection.this"] == (
        Status.UNKNOWN,
        "whether the endpoint is public is not known from the input: whether network policy "
        "module.public.aws_opensearchserverless_security_policy.network (public) covers the "
        "collection is not known",
    )


def test_a_written_prefix_the_name_starts_with_covers_it(tmp_path: Path) -> None:
    found = _found(tmp_path)
    for address in (
        "aws_opensearchserverless_collection.ex",
        "module.private.aws_opensearchserverless_collection.this",
        "module.public.aws_opensearchserverless_collection.this",
    ):
        assert found[address] == (
            Status.FAIL,
            "the endpoint is public (network policy aws_opensearchserverless_security_policy."
            "every_ex allows access from public networks (AllowFromPublic: true))",
        ), address


def test_written_ends_decide_only_what_they_can() -> None:
    def shape(text: str) -> aoss.Shape:
        return aoss.Shape(text, "<?>")

    private = shape("ex-<?>-private")
    assert aoss._matches("collection/ex-x-public", "collection", private) is False
    assert aoss._matches(shape("collection/ex-<?>-public"), "collection", private) is False
    assert aoss._matches(shape("collection/<?>"), "collection", private) is None
    assert aoss._matches(shape("<?>"), "collection", private) is None
    assert aoss._matches("collection/ex-*", "collection", private) is True
    assert aoss._matches("collection/ab*", "collection", private) is False
    assert aoss._matches("index/ex-*/*", "index", private) is True
    assert aoss._matches(shape("index/ex-<?>-public/*"), "index", "ex-a-private") is None
    assert aoss._matches(shape("index/ab<?>/*"), "index", "ex-a-private") is False
