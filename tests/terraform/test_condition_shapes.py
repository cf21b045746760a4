"""Conditions on inputs not known, of shapes other than ``var.x ? a : b``
(``test_condition_cases``): ``length(var.l) > 0 ? ...``, ``var.x != null ? ...`` in a
nested block, ``try(...) ? ...``, and a ``dynamic`` block over a list not known (written 0,
1 and 2 times). A fact every case gives holds; a fact the cases disagree on is not known,
and the UNKNOWN names the input it differs with (``load.terraform.branches``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

INPUTS = """\
variable "ips" {
  type = list(string)
}

variable "name" {
  type = string
}

variable "settings" {
  type = any
}

"""

VAULT = """\
resource "azurerm_key_vault" "v" {
  name                = "v"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000001"
  sku_name            = "standard"

  dynamic "network_acls" {
    for_each = %s
    content {
      default_action = "%s"
      bypass         = "AzureServices"
    }
  }
}
"""


def _vault(tmp_path: Path, for_each: str, action: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(INPUTS + VAULT % (for_each, action), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
    [finding] = result.findings
    return finding.status.value, finding.message.en


@pytest.mark.parametrize(
    "for_each",
    [
        "length(var.ips) > 0 ? [1] : []",
        "var.name != null ? [1] : []",
        'try(var.settings.acls, false) ? ["x"] : []',
        "var.ips",
    ],
    ids=["length", "not_null_nested", "try", "over_list"],
)
def test_every_case_opens_the_vault(tmp_path: Path, for_each: str) -> None:
    """With the block, ``default_action = "Allow"``; without it, the vault's default (public
    network access): public whatever the input is. Was UNKNOWN."""
    assert _vault(tmp_path, for_each, "Allow") == ("FAIL", "the endpoint is public")


@pytest.mark.parametrize(
    ("for_each", "cases"),
    [("length(var.ips) > 0 ? [1] : []",
      "PASS when the condition on var.ips holds; FAIL when the condition on var.ips does not "
      "hold (the endpoint is public)"),
     ("var.ips",
      'FAIL with no "network_acls" block from var.ips (the endpoint is public); '
      'PASS with 1 "network_acls" block from var.ips; '
      'PASS with 2 "network_acls" blocks from var.ips'),
     ('try(var.settings.acls, false) ? ["x"] : []',
      "PASS when the condition on var.settings holds; FAIL when the condition on "
      "var.settings does not hold (the endpoint is public)")],
    ids=["length", "over_list", "try"],
)
def test_cases_that_disagree_name_the_input(tmp_path: Path, for_each: str, cases: str) -> None:
    """Each case's verdict is named, with the input it reads (``engine.judge_cases``)."""
    assert _vault(tmp_path, for_each, "Deny") == (
        "UNKNOWN", f"the verdict depends on an input that is not known: {cases}"
    )


TOPIC = """\
resource "aws_kms_key" "a" {
  enable_key_rotation = true
}

resource "aws_kms_key" "b" {
  enable_key_rotation = true
}

resource "aws_sns_topic" "t" {
  name              = "t"
  kms_master_key_id = %s
}
"""


def _topic(tmp_path: Path, key: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(INPUTS + TOPIC % key, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-MSG-001",)))
    [finding] = result.findings
    return finding.status.value, finding.message.en


def test_every_case_names_a_key(tmp_path: Path) -> None:
    """Either key is one resource's id: the topic is encrypted in both cases. Was UNKNOWN."""
    assert _topic(tmp_path, "length(var.ips) > 0 ? aws_kms_key.a.id : aws_kms_key.b.id") == (
        "PASS", "Queues, topics and streams are encrypted at rest"
    )


def test_one_case_without_a_key_stays_unknown(tmp_path: Path) -> None:
    assert _topic(tmp_path, "length(var.ips) > 0 ? aws_kms_key.a.id : null") == (
        "UNKNOWN",
        "the verdict depends on an input that is not known: PASS when the condition on "
        "var.ips holds; FAIL when the condition on var.ips does not hold (encryption at "
        "rest is off)",
    )


def test_a_dynamic_block_reading_its_key_is_not_split(tmp_path: Path) -> None:
    """A copy's key would be a number in place of the map's key: not split."""
    text = VAULT % ("var.settings", "${network_acls.key}")
    (tmp_path / "main.tf").write_text(INPUTS + text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
    [finding] = result.findings
    assert (finding.status.value, finding.message.en) == (
        "UNKNOWN", "whether the endpoint is public is not known from the input"
    )
