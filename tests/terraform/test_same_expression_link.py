"""A resource that configures another by a name written as the same expression, not known
statically, is linked to it: two attributes of one module instance written
``length(var.domain_name) > 0 ? var.domain_name : var.fallback_name`` hold the same value.
cloudposse's Elasticsearch module names its domain and the domain's
``aws_elasticsearch_domain_policy`` so: the policy was judged alone (UNKNOWN) and the domain,
outside any VPC, PASSed GDCC-DATA-001 "Storage is not publicly readable" whatever its policy
allowed. An expression that differs per instance (``count.index``) or per call
(``timestamp()``) links nothing; two candidates are ambiguous (none is linked)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.module import same_value_key
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
variable "domain_name" {
  type = string
}

variable "fallback_name" {
  type = string
}

resource "aws_elasticsearch_domain" "open" {
  domain_name = length(var.domain_name) > 0 ? var.domain_name : var.fallback_name
}

resource "aws_elasticsearch_domain_policy" "open" {
  domain_name = length(var.domain_name) > 0 ? var.domain_name : var.fallback_name
  access_policies = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Anyone"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "es:ESHttpGet"
      Resource  = "*"
    }]
  })
}

resource "aws_elasticsearch_domain" "stamped" {
  domain_name = "logs-${timestamp()}"
}

resource "aws_elasticsearch_domain_policy" "stamped" {
  domain_name = "logs-${timestamp()}"
  access_policies = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "es:*", Resource = "*" }]
  })
}
"""


def _key(source: str) -> str | None:
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    return same_value_key(parsed.body.attributes["x"].expr)


def test_same_value_keys() -> None:
    assert _key("var.name") == "var.name"
    assert _key('"${local.name}"') == "local.name"
    assert _key("var.a != null ? var.a : module.label.id") == _key(
        "var.a != null ? var.a : module.label.id"
    )
    assert _key("var.a != null ? var.a : module.label.id") != _key(
        "var.a != null ? var.a : module.other.id"
    )
    assert _key('"name"') is None
    assert _key('"logs-${count.index}"') is None
    assert _key("each.key") is None
    assert _key("uuid()") is None
    assert _key('"logs-${timestamp()}"') is None


def test_policy_linked_by_the_same_expression(tmp_path: Path) -> None:
    main = tmp_path / "main.tf"
    main.write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-001",)))
    found = {(f.address or ""): (f.status, f.message.en) for f in result.findings}
    # was PASS "Storage is not publicly readable", its policy judged alone
    assert found["aws_elasticsearch_domain.open"] == (
        Status.FAIL,
        "anyone on the internet can read this store: statement \"Anyone\" allows everyone by "
        f"aws_elasticsearch_domain_policy.open at {main}:13",
    )
    assert "aws_elasticsearch_domain_policy.open" not in found
    # a name that differs at each call is no link: the policy stays judged alone
    assert found["aws_elasticsearch_domain_policy.stamped"][0] is Status.UNKNOWN
    assert found["aws_elasticsearch_domain.stamped"][0] is Status.PASS
