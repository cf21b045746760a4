"""A condition on an input not known (``var.on ? [1] : []``) is judged in both cases, as a
null test is (``test_null_cases``): what both give holds whatever the input is. checkov's
``azurerm_key_vault.fail5`` makes its ``network_acls`` with ``dynamic`` over
``var.nacls_enabled ? [1] : []``: with the block, ``default_action = "Allow"``; without it,
the vault's default (public network access, no ACL). Both leave the vault open: GDCC-NET-004
FAILs (was UNKNOWN). When the cases disagree the fact stays not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

VAULT = """\
variable "nacls_enabled" {
  type = bool
}

resource "azurerm_key_vault" "v" {
  name                = "v"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000001"
  sku_name            = "standard"

  dynamic "network_acls" {
    for_each = %s ? [1] : []
    content {
      default_action = "%s"
      bypass         = "AzureServices"
    }
  }
}
"""


def _verdict(tmp_path: Path, condition: str, action: str) -> tuple[str, str]:
    (tmp_path / "main.tf").write_text(VAULT % (condition, action), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
    [finding] = result.findings
    return finding.status.value, finding.message.en


def test_both_branches_open_the_vault(tmp_path: Path) -> None:
    assert _verdict(tmp_path, "var.nacls_enabled", "Allow") == ("FAIL", "the endpoint is public")


def test_a_negated_condition_too(tmp_path: Path) -> None:
    assert _verdict(tmp_path, "!var.nacls_enabled", "Allow") == ("FAIL", "the endpoint is public")


def test_branches_that_disagree_stay_unknown(tmp_path: Path) -> None:
    assert _verdict(tmp_path, "var.nacls_enabled", "Deny") == (
        "UNKNOWN",
        "the verdict depends on an input that is not known: PASS when var.nacls_enabled "
        "is true; FAIL when var.nacls_enabled is false (the endpoint is public)",
    )


def test_an_input_no_block_declares(tmp_path: Path) -> None:
    """checkov's fixture does not declare ``var.nacls_enabled`` (Terraform refuses it):
    either value it could be given still opens the vault."""
    text = VAULT.split("\n", 4)[4]
    (tmp_path / "main.tf").write_text(text % ("var.nacls_enabled", "Allow"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
    assert [(f.status.value, f.message.en) for f in result.findings] == [
        ("FAIL", "the endpoint is public")
    ]


COMPARED = """\
variable "env" {
  type = string
}

resource "azurerm_key_vault" "v" {
  name                = "v"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000001"
  sku_name            = "standard"

  dynamic "network_acls" {
    for_each = %s ? [1] : []
    content {
      default_action = "%s"
      bypass         = "AzureServices"
    }
  }
}
"""


def test_a_condition_comparing_an_input_with_a_value(tmp_path: Path) -> None:
    """``var.env == "prod"``: judged with the input that value, then with any other."""
    for condition in ('var.env == "prod"', '"prod" != var.env'):
        (tmp_path / "main.tf").write_text(COMPARED % (condition, "Allow"), encoding="utf-8")
        result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
        assert [(f.status.value, f.message.en) for f in result.findings] == [
            ("FAIL", "the endpoint is public")
        ]
    (tmp_path / "main.tf").write_text(COMPARED % ('var.env == "prod"', "Deny"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
    assert [f.status.value for f in result.findings] == ["UNKNOWN"]
