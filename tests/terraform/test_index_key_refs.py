"""A known index key only chooses which instance (or item) is read: what the key itself
read is not what the argument holds. ``subnet_id = aws_subnet.s[local.first].id``, the key
taken from a map whose values read a security group, refers to that subnet alone; before,
the security group (and, in Azure Verified Modules' VM, ``module.naming`` and the subnet of
the caller's ``network_interfaces`` map) were counted as references of the argument. A key
that is not known keeps its references: they may decide which instance."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.load.discover import discover
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.v.id
}
locals {
  tiers  = { web = { group = aws_security_group.web.id, cidr = "10.0.1.0/24" } }
  first  = keys(local.tiers)[0]
  groups = { web = aws_security_group.web.id }
  tags   = { web = "front" }
}
resource "aws_subnet" "s" {
  for_each   = local.tiers
  vpc_id     = aws_vpc.v.id
  cidr_block = "10.0.1.0/24"
}
resource "aws_instance" "picked" {
  ami                    = "ami-1"
  subnet_id              = aws_subnet.s[local.first].id
  vpc_security_group_ids = [local.groups[local.first]]
  tags                   = { tier = local.tags[local.first] }
}
resource "aws_instance" "unknown" {
  ami       = "ami-1"
  subnet_id = aws_subnet.s[aws_vpc.v.id].id
}
"""


def _references(tmp_path: Path) -> dict[str, list[tuple[str, str]]]:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    loader, settings = TerraformLoader(), Settings()
    found = discover([tmp_path], [loader], settings)
    refs: dict[str, list[tuple[str, str]]] = {}
    for item in loader.load(found.claims.get(loader.name, []), settings):
        assert isinstance(item.data, TfDocument)
        for r in item.data.resources:
            refs[r.address] = sorted((ref.attribute, ref.target) for ref in r.references)
    return refs


def test_a_known_key_chooses_and_is_not_held(tmp_path: Path) -> None:
    refs = _references(tmp_path)
    assert refs["aws_instance.picked"] == [
        ("subnet_id", 'aws_subnet.s["web"]'),
        # the item of the map read: its own reference, not the key's
        ("vpc_security_group_ids", "aws_security_group.web"),
    ]


def test_a_key_not_known_keeps_what_it_reads(tmp_path: Path) -> None:
    refs = _references(tmp_path)
    assert refs["aws_instance.unknown"] == [
        ("subnet_id", "aws_subnet.s"), ("subnet_id", "aws_vpc.v")
    ]
