"""A MySQL flexible server's public access is ``public_network_access`` (``Enabled`` /
``Disabled``, azurerm 4.x), not ``public_network_access_enabled`` (PostgreSQL's name).

Azure Verified Modules' MySQL flexible server writes ``public_network_access =
var.public_network_access``, whose default is ``"Disabled"``: every example's server FAILed
GDCC-NET-002 "the endpoint is public" (6 findings of avm-res-dbformysql-flexibleserver),
the attribute not being read. Not written, Azure's default is ``Enabled`` unless the server
is delegated to a subnet (VNet integration sets it ``Disabled``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MODULE = """\
variable "public_network_access" {
  type    = string
  default = "Disabled"
}
variable "delegated_subnet_id" {
  type    = string
  default = null
}
resource "azurerm_mysql_flexible_server" "this" {
  name                  = "mysql"
  resource_group_name   = "rg"
  location              = "southeastasia"
  sku_name              = "GP_Standard_D2ds_v4"
  public_network_access = var.public_network_access
  delegated_subnet_id   = var.delegated_subnet_id
}
"""

ROOT = """\
variable "access" {
  type = string
}
module "default" {
  source = "./mysql"
}
module "enabled" {
  source                = "./mysql"
  public_network_access = "Enabled"
}
module "not_known" {
  source                = "./mysql"
  public_network_access = var.access
}
module "delegated" {
  source                = "./mysql"
  public_network_access = var.access
  delegated_subnet_id   = local.subnet
}
locals {
  subnet = join("/", [
    "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network",
    "virtualNetworks/vnet/subnets/mysql",
  ])
}
resource "azurerm_mysql_flexible_server" "plain" {
  name                = "plain"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku_name            = "GP_Standard_D2ds_v4"
}
"""


def test_public_network_access_of_mysql_flexible_servers(tmp_path: Path) -> None:
    (tmp_path / "mysql").mkdir()
    (tmp_path / "mysql" / "main.tf").write_text(MODULE, encoding="utf-8")
    (tmp_path / "main.tf").write_text(ROOT, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",)))
    found = {f.address: (f.status, f.message.en) for f in report.findings}
    public = (Status.FAIL, "the endpoint is public")
    private = (
        Status.PASS, "Databases and message brokers are not reachable through a public endpoint"
    )
    assert found == {
        "module.default.azurerm_mysql_flexible_server.this": private,  # the module's "Disabled"
        "module.enabled.azurerm_mysql_flexible_server.this": public,
        "module.not_known.azurerm_mysql_flexible_server.this": (
            Status.UNKNOWN, "whether the endpoint is public is not known from the input"
        ),
        # VNet integration: Disabled whatever is written
        "module.delegated.azurerm_mysql_flexible_server.this": private,
        # not written, not delegated: Azure's Enabled
        "azurerm_mysql_flexible_server.plain": public,
    }
