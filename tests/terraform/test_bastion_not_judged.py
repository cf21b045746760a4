"""An Azure Bastion host was counted in ``not_judged`` with no word of why, like a type no
mapping reads yet. It is judged by no rule by decision (``normalize/not_judged.py``): the
result says why, and that the graph does not take it as an internet path to its VMs."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

MAIN = """\
variable "bastion_subnet_id" {
  type = string
}
variable "public_ip_id" {
  type = string
}
resource "azurerm_bastion_host" "jump" {
  name                = "jump"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  tunneling_enabled   = true
  ip_configuration {
    name                 = "config"
    subnet_id            = var.bastion_subnet_id
    public_ip_address_id = var.public_ip_id
  }
}
"""


def test_a_bastion_host_says_why_it_is_not_judged(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings())
    assert result.not_judged == {"azurerm_bastion_host": 1}
    why = result.not_judged_why["azurerm_bastion_host"]
    assert why.en.startswith(
        "an Azure Bastion host is a managed remote-access gateway: its users sign in with "
        "Microsoft Entra ID"
    )
    assert "the graph does not take it as an internet path to the VMs of its network" in why.en
    assert "are asked for by no GDCC rule" in why.en
