"""An address range written in part (``"${data.http.ip.response_body}/32"``, the AVM key vault
examples' "my IP") is one host whatever the address: a firewall that denies by default and
lists it does not let every network in (GDCC-NET-004 was UNKNOWN "not known"). A range whose
written prefix is /16 or wider, or whose prefix is not written, stays not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform_model import UNKNOWN_TEXT
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.terraform.values import narrow_shape
from gdcc_audit.settings import Settings

U = UNKNOWN_TEXT


@pytest.mark.parametrize(
    ("shape", "narrow"),
    [
        (f"{U}/32", True),
        (f"{U}/24", True),
        (f"10.{U}.0/17", True),
        (f"{U}/64", True),  # IPv6: narrower than /16
        (f"{U}/16", False),  # a public IPv6 /16 counts as the internet
        (f"{U}/0", False),
        (f"{U}", False),
        (f"10.0.0.0/{U}", False),
        (f"{U}/32{U}", False),
        ("10.0.0.0/32", False),  # no part unknown: read as written, not here
        (None, False),
    ],
)
def test_narrow_shapes(shape: str | None, narrow: bool) -> None:
    assert narrow_shape(shape) is narrow


TF = """\
data "http" "ip" {
  url = "https://api.ipify.org/"
}

resource "azurerm_key_vault" "mine" {
  name                = "mine"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    bypass         = "AzureServices"
    default_action = "Deny"
    ip_rules       = ["${data.http.ip.response_body}/32"]
  }
}

resource "azurerm_key_vault" "wide" {
  name                = "wide"
  location            = "southeastasia"
  resource_group_name = "rg"
  tenant_id           = "00000000-0000-0000-0000-000000000000"
  sku_name            = "standard"
  network_acls {
    bypass         = "AzureServices"
    default_action = "Deny"
    ip_rules       = ["${data.http.ip.response_body}/${var.prefix}"]
  }
}

variable "prefix" {
  type = string
}
"""


def test_a_vault_open_to_one_host_written_in_part_is_not_open_to_all(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-004",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azurerm_key_vault.mine"] == (
        Status.PASS,
        "Key vaults, storage accounts, web apps, disks, snapshots, event hubs, registries and "
        "AI, data and machine learning services do not accept connections from every network "
        "(its firewall denies other networks; bypass AzureServices lets only trusted Microsoft "
        "services through, each still signing in with Microsoft Entra ID and authorized by the "
        "vault's access policies or Azure RBAC, not every client hosted in Azure "
        "(learn.microsoft.com/azure/key-vault/general/overview-vnet-service-endpoints))",
    )
    assert found["azurerm_key_vault.wide"][0] is Status.UNKNOWN
