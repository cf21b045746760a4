"""A ``for_each`` item known only after apply, written as a tuple or as ``merge(...)``, now
gives what each index or attribute reads: ``each.value.rules[0].cidr`` holds only that
item's references, ``each.value.cidr`` of ``merge(local.base, { group = ... })`` only the
attribute's. Before, only an item written as an object (or a local value naming one) did,
and a tuple or a ``merge`` kept every reference of the item (cloud22's leftover in
``designation._item_refs``). An argument of ``merge`` not written as an object may replace
any attribute: an attribute written before it may read what it reads too."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.load.discover import discover
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform_model import TfDocument
from gdcc_audit.settings import Settings

MAIN = """\
variable "extra" {
  type = map(string)
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
  base = { cidr = "10.0.1.0/24", zone = "a" }
  tiers = {
    web = {
      rules = [
        { cidr = "10.0.2.0/24", group = aws_security_group.web.id },
        { cidr = "10.0.3.0/24", group = aws_eip.nat.id },
      ]
      merged = merge(local.base, { group = aws_security_group.web.id })
      open   = merge({ cidr = "10.0.4.0/24", nat = aws_eip.nat.id }, var.extra, { zone = "b" })
    }
  }
}
resource "aws_subnet" "s" {
  for_each   = local.tiers
  vpc_id     = aws_vpc.v.id
  cidr_block = each.value.rules[0].cidr
  # attributes chosen only to hold each read apart
  ipv6_cidr_block          = each.value.rules[0].group
  outpost_arn              = each.value.rules[1].group
  availability_zone        = each.value.merged.cidr
  availability_zone_id     = each.value.merged.group
  customer_owned_ipv4_pool = each.value.open.zone
  ipv6_native              = each.value.open.nat
  map_public_ip_on_launch  = each.value.rules
}
"""


def _references(tmp_path: Path) -> list[tuple[str, str]]:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    loader, settings = TerraformLoader(), Settings()
    found = discover([tmp_path], [loader], settings)
    for item in loader.load(found.claims.get(loader.name, []), settings):
        assert isinstance(item.data, TfDocument)
        for r in item.data.resources:
            if r.address == 'aws_subnet.s["web"]':
                return sorted((ref.attribute, ref.target) for ref in r.references)
    raise AssertionError("no subnet")


def _targets(refs: list[tuple[str, str]], attribute: str) -> list[str]:
    return sorted(t for a, t in refs if a == attribute)


def test_an_index_of_a_tuple_item_holds_only_its_references(tmp_path: Path) -> None:
    refs = _references(tmp_path)
    assert _targets(refs, "cidr_block") == []
    assert _targets(refs, "ipv6_cidr_block") == ["aws_security_group.web"]
    assert _targets(refs, "outpost_arn") == ["aws_eip.nat"]
    # the whole tuple keeps everything it reads
    assert _targets(refs, "map_public_ip_on_launch") == ["aws_eip.nat", "aws_security_group.web"]


def test_an_attribute_of_a_merge_holds_only_its_references(tmp_path: Path) -> None:
    refs = _references(tmp_path)
    assert _targets(refs, "availability_zone") == []
    assert _targets(refs, "availability_zone_id") == ["aws_security_group.web"]
    # written after var.extra: only its own; written before it: may be replaced, but
    # var.extra reads no resource
    assert _targets(refs, "customer_owned_ipv4_pool") == []
    assert _targets(refs, "ipv6_native") == ["aws_eip.nat"]
