"""OpenTofu provider configurations with ``for_each`` (OpenTofu 1.9,
https://opentofu.org/docs/language/providers/configuration/#for_each): a resource or module
call naming one instance (``aws.by_region["sg"]``, ``aws.by_region[each.key]``) was read as
using the default ``aws`` configuration: a bucket of confidential data in Singapore PASSed
GDCC-DATA-003 on the default configuration's Thai region. Now the instance's region decides,
and an instance not known leaves the region not known (never the default's)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
provider "aws" {
  region = "ap-southeast-7"
}

variable "regions" {
  type    = map(string)
  default = { sg = "ap-southeast-1", th = "ap-southeast-7" }
}

variable "picked" {
  type = string
}

provider "aws" {
  alias    = "by_region"
  for_each = var.regions
  region   = each.value
}

resource "aws_s3_bucket" "named" {
  provider = aws.by_region["sg"]
  bucket   = "named"
  tags     = { DataClassification = "confidential" }
}

resource "aws_s3_bucket" "each" {
  for_each = var.regions
  provider = aws.by_region[each.key]
  bucket   = "each-${each.key}"
  tags     = { DataClassification = "confidential" }
}

resource "aws_s3_bucket" "picked" {
  provider = aws.by_region[var.picked]
  bucket   = "picked"
  tags     = { DataClassification = "confidential" }
}

module "store" {
  source   = "./store"
  for_each = var.regions
  providers = {
    aws = aws.by_region[each.key]
  }
}
"""

STORE = """\
resource "aws_s3_bucket" "this" {
  bucket = "store"
  tags   = { DataClassification = "confidential" }
}
"""


def test_an_instance_of_a_provider_with_for_each_decides_the_region(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "main.tf").write_text(STORE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    singapore = (
        "FAIL",
        "confidential data is stored in aws region ap-southeast-1, outside Thailand",
    )
    thailand = ("PASS", "Non-public and personal data is stored in Thailand")
    assert found == {
        "aws_s3_bucket.named": singapore,
        'aws_s3_bucket.each["sg"]': singapore,
        'aws_s3_bucket.each["th"]': thailand,
        "aws_s3_bucket.picked": ("UNKNOWN", "the region is not known"),
        'module.store["sg"].aws_s3_bucket.this': singapore,
        'module.store["th"].aws_s3_bucket.this': thailand,
    }


JSON = """\
{
  "provider": [
    {"aws": {"region": "ap-southeast-7"}},
    {"aws": {"alias": "by_region", "for_each": "${var.regions}", "region": "${each.value}"}}
  ],
  "variable": {"regions": {"default": {"sg": "ap-southeast-1", "th": "ap-southeast-7"}}},
  "resource": {"aws_s3_bucket": {
    "each": {"for_each": "${var.regions}", "provider": "aws.by_region[each.key]",
             "bucket": "e", "tags": {"DataClassification": "confidential"}}
  }},
  "module": {"store": {"source": "./store", "for_each": "${var.regions}",
                       "providers": {"aws": "aws.by_region[each.key]"}}}
}
"""


def test_json_provider_references_name_an_instance(tmp_path: Path) -> None:
    """In JSON syntax ``"provider"`` and a module's ``"providers"`` hold reference expressions
    as strings; read as quoted text, ``"aws.by_region[each.key]"`` named no configuration
    and the default's Thai region PASSed GDCC-DATA-003 for the Singapore instance."""
    (tmp_path / "main.tf.json").write_text(JSON)
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "main.tf").write_text(STORE)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-003",)))
    found = {f.address: f.status.value for f in result.findings}
    assert found == {
        'aws_s3_bucket.each["sg"]': "FAIL",
        'aws_s3_bucket.each["th"]': "PASS",
        'module.store["sg"].aws_s3_bucket.this': "FAIL",
        'module.store["th"].aws_s3_bucket.this': "PASS",
    }
