"""A value that is not null compared with null is unequal whatever unknowns it holds (cty
``Value.Equals``): ``var.vpc != null ? var.vpc : {}`` with ``vpc = { main = { vpc_id =
module.vpc.vpc_id } }`` is the map, so the zone's ``dynamic "vpc"`` block exists and the zone
is private. It was UNKNOWN (the comparison looked inside the map): terraform-aws-route53's
private zones were GDCC-DNS-001 UNKNOWN "whether the zone is public is not known"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _value(source: str, **names: Any) -> Any:
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    return evaluate_or_unknown(parsed.body.attributes["x"].expr, Context(ConstantScope(), names))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("m != null", True),
        ("m == null", False),
        ("null == l", False),
        ('{ a = u } != null', True),
        ("u == null", UNKNOWN),
        ("u != null", UNKNOWN),
        ("m == { a = 1 }", UNKNOWN),
        ("null == null", True),
    ],
)
def test_null_against_a_partly_known_value(source: str, expected: Any) -> None:
    result = _value(source, u=UNKNOWN, m={"main": {"vpc_id": UNKNOWN}}, l=[UNKNOWN])
    assert result is expected


MAIN = """\
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
}

locals {
  vpcs = { main = { vpc_id = module.vpc.vpc_id } }
}

resource "aws_route53_zone" "private" {
  name = "internal.example.com"

  dynamic "vpc" {
    for_each = local.vpcs != null ? local.vpcs : {}
    content {
      vpc_id = vpc.value.vpc_id
    }
  }
}
"""


def test_private_zone_with_a_vpc_not_known(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DNS-001",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    # was UNKNOWN "whether the zone is public is not known from the input"
    # (the rule passes a private zone: only public zones need DNSSEC)
    assert found == {
        "aws_route53_zone.private": (Status.PASS, "the zone is private")
    }
