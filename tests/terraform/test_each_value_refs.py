"""A ``for_each`` item known only after apply carries the resources it reads to whatever
reads ``each.value``; an attribute reading one attribute of an item written as an object
(``cidr_block = each.value.cidr``) holds only that attribute's references. Before, every
reference of the item (its security group, its NAT gateway) was counted as a reference of
``cidr_block`` too. A read whose attribute is not named by a literal (``each.value``
whole, ``lookup(each.value, ...)``, ``each.value[var.k]``) keeps every reference."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.load.discover import discover
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.settings import Settings

MAIN = """\
variable "k" {
  type = string
}
resource "aws_vpc" "v" {
  cidr_block = "10.0.0.0/16"
}
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.v.id
}
resource "aws_eip" "nat" {
  domain = "vpc"
}
locals {
  nat = { allocation = aws_eip.nat.id, name = "nat-web" }
  tiers = {
    web = {
      group = aws_security_group.web.id
      cidr  = "10.0.1.0/24"
      nat   = local.nat
    }
  }
}
resource "aws_subnet" "s" {
  for_each          = local.tiers
  vpc_id            = aws_vpc.v.id
  cidr_block        = each.value.cidr
  availability_zone = each.value["cidr"]
  # attributes chosen only to hold each read apart
  ipv6_cidr_block          = each.value.group
  outpost_arn              = each.value.nat.allocation
  customer_owned_ipv4_pool = each.value.nat.name
  availability_zone_id     = lookup(each.value, "cidr", "")
  ipv6_native              = each.value[var.k]
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


def test_an_attribute_of_the_item_holds_only_its_own_references(tmp_path: Path) -> None:
    refs = _references(tmp_path)['aws_subnet.s["web"]']
    held = {attribute for attribute, _ in refs}
    # "10.0.1.0/24" reads nothing: neither the item's security group nor its NAT address
    assert "cidr_block" not in held
    assert "availability_zone" not in held
    assert ("vpc_id", "aws_vpc.v") in refs
    assert [t for a, t in refs if a == "ipv6_cidr_block"] == ["aws_security_group.web"]
    # an attribute of a local value the item names
    assert [t for a, t in refs if a == "outpost_arn"] == ["aws_eip.nat"]
    assert "customer_owned_ipv4_pool" not in held


def test_a_read_naming_no_known_attribute_keeps_every_reference(tmp_path: Path) -> None:
    refs = _references(tmp_path)['aws_subnet.s["web"]']
    for attribute in ("availability_zone_id", "ipv6_native"):
        assert [t for a, t in refs if a == attribute] == ["aws_eip.nat", "aws_security_group.web"]
