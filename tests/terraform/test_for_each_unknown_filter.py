"""A resource's ``for_each`` filtered by a condition not known that tests no item
(terraform-aws-efs: ``{ for k, v in var.security_group_ingress_rules : k => v if ... &&
local.create_security_group }``, the local ``length(var.mount_targets) > 0`` of a map zipped
from another module's output) keeps every item or none. It made one instance with nothing
known, so GDCC-NET-001 on the group was UNKNOWN "cannot tell whether ports 22, ... are open",
though every rule opens NFS (2049, the ``optional()`` default) only. Its instances are now the
items, each one that may not be created (``EXISTS_MAYBE``), read as a ``count`` not known is:
a rule opening 22 to the internet FAILs, as it does with ``count = var.on ? 1 : 0``. A filter
that also tests the item (``if v.on && local.create``) is read as before (aws17)."""

from __future__ import annotations

from pathlib import Path

from tests.terraform.helpers import load, resources

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "mount_targets" {
  type    = map(object({ subnet_id = string }))
  default = {}
}
variable "rules" {
  type = map(object({
    on        = optional(bool, true)
    cidr_ipv4 = optional(string)
    from_port = optional(number, 2049)
    to_port   = optional(number, 2049)
  }))
  default = {}
}
locals {
  create_sg = length(var.mount_targets) > 0
}
resource "aws_security_group" "this" {
  count  = local.create_sg ? 1 : 0
  vpc_id = "vpc-123"
}
resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each          = { for k, v in var.rules : k => v if FILTER }
  security_group_id = aws_security_group.this[0].id
  cidr_ipv4         = each.value.cidr_ipv4
  from_port         = each.value.from_port
  to_port           = each.value.to_port
  ip_protocol       = "tcp"
}
"""
ROOT = """\
data "aws_availability_zones" "available" {}
variable "subnets" { type = list(string) }
variable "cidr" { type = string }
locals {
  targets = { for k, v in zipmap(data.aws_availability_zones.available.names, var.subnets) :
    k => { subnet_id = v } }
}
module "nfs" {
  source        = "./mod"
  mount_targets = local.targets
  rules = {
    vpc   = { cidr_ipv4 = var.cidr }
    world = { cidr_ipv4 = "0.0.0.0/0" }
  }
}
module "ssh" {
  source        = "./mod"
  mount_targets = local.targets
  rules         = { a = { cidr_ipv4 = "0.0.0.0/0", from_port = 22, to_port = 22 } }
}
module "item" {
  source        = "./item"
  mount_targets = local.targets
  rules         = { a = { cidr_ipv4 = "0.0.0.0/0" } }
}
"""


def test_a_filter_testing_no_item_gives_the_items(tmp_path: Path) -> None:
    for folder, condition in (
        ("mod", "var.rules != null && local.create_sg"), ("item", "v.on && local.create_sg")
    ):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "main.tf").write_text(
            MODULE.replace("FILTER", condition), encoding="utf-8"
        )
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    rule = f"{tmp_path / 'mod' / 'main.tf'}:21"
    assert found == {
        "module.nfs.aws_security_group.this": (
            Status.PASS, "Management ports are not open to the internet"
        ),
        "module.ssh.aws_security_group.this": (
            Status.FAIL,
            "port 22 is open to the whole internet (0.0.0.0/0); opened by "
            f'module.ssh.aws_vpc_security_group_ingress_rule.this["a"] at {rule}',
        ),
        "module.item.aws_security_group.this": (
            Status.UNKNOWN,
            "cannot tell whether ports 22, 23, 1433, 1521, 3306, 3389, 5432, 5985, 5986, "
            "6379, 9200, 27017 are open to the internet",
        ),
    }
    documents, _ = load(tmp_path)
    rules = {
        address: (r.index, r.maybe) for address, r in resources(documents).items()
        if r.type == "aws_vpc_security_group_ingress_rule"
    }
    assert {a: i for a, (_, i) in rules.items()} == {
        'module.nfs.aws_vpc_security_group_ingress_rule.this["vpc"]': True,
        'module.nfs.aws_vpc_security_group_ingress_rule.this["world"]': True,
        'module.ssh.aws_vpc_security_group_ingress_rule.this["a"]': True,
        # the filter tests the item: one instance not known, as before
        "module.item.aws_vpc_security_group_ingress_rule.this": False,
    }
