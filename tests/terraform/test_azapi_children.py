"""AzAPI child resources were not judged, and their parent was judged without them: an
``azurerm_network_security_group`` opened to the internet by an AzAPI ``securityRules``
child PASSed GDCC-NET-001, an ``azurerm_mssql_server`` opened by an AzAPI ``firewallRules``
child was judged without that rule, an AKS cluster whose audit log an AzAPI diagnostic
setting sends FAILed GDCC-CLU-003. A child is now read with its parent (``parent_id``), as
the azurerm resource it equals, and no longer listed as not judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

NSG = """\
resource "azurerm_network_security_group" "nsg" {
  name                = "nsg"
  location            = "southeastasia"
  resource_group_name = "rg"
}
"""
RULE_BODY = """\
  body = {
    properties = {
      priority                 = 100
      direction                = "Inbound"
      access                   = "Allow"
      protocol                 = "Tcp"
      sourceAddressPrefix      = "*"
      sourcePortRange          = "*"
      destinationAddressPrefix = "*"
      destinationPortRange     = "22"
    }
  }
"""
AZAPI_RULE = f"""\
resource "azapi_resource" "ssh" {{
  type      = "Microsoft.Network/networkSecurityGroups/securityRules@2023-09-01"
  name      = "ssh"
  parent_id = azurerm_network_security_group.nsg.id
{RULE_BODY}}}
"""
AZURERM_RULE = """\
resource "azurerm_network_security_rule" "ssh" {
  name                        = "ssh"
  resource_group_name         = "rg"
  network_security_group_name = azurerm_network_security_group.nsg.name
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_address_prefix       = "*"
  source_port_range           = "*"
  destination_address_prefix  = "*"
  destination_port_range      = "22"
}
"""


def _scan(
    tmp_path: Path, name: str, text: str, rules: list[str]
) -> tuple[dict[str, str], dict[str, int]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=rules))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = {f"{addresses[f.resource_id]} {f.rule_id}": f.status.value for f in result.findings}
    return found, dict(result.not_judged)


def test_an_azapi_rule_opens_its_azurerm_nsg(tmp_path: Path) -> None:
    """Was PASS (the rule not read): a wrong PASS."""
    azapi, not_judged = _scan(tmp_path, "azapi", NSG + AZAPI_RULE, ["GDCC-NET-001"])
    azurerm, _ = _scan(tmp_path, "azurerm", NSG + AZURERM_RULE, ["GDCC-NET-001"])
    assert azapi == {"azurerm_network_security_group.nsg GDCC-NET-001": "FAIL"}
    assert azurerm == azapi
    assert not any("securityRules" in name for name in not_judged)


def test_an_azapi_nsg_is_read_with_its_rules(tmp_path: Path) -> None:
    inline = """\
resource "azapi_resource" "nsg" {
  type      = "Microsoft.Network/networkSecurityGroups@2023-09-01"
  name      = "nsg"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      securityRules = [{
        name = "ssh"
        properties = {
          priority = 100, direction = "Inbound", access = "Allow", protocol = "Tcp"
          sourceAddressPrefix = "Internet", sourcePortRange = "*"
          destinationAddressPrefix = "*", destinationPortRange = "22"
        }
      }]
    }
  }
}
"""
    found, _ = _scan(tmp_path, "inline", inline, ["GDCC-NET-001"])
    assert found == {"azapi_resource.nsg GDCC-NET-001": "FAIL"}
    closed = inline.replace('access = "Allow"', 'access = "Deny"')
    assert _scan(tmp_path, "closed", closed, ["GDCC-NET-001"])[0] == {
        "azapi_resource.nsg GDCC-NET-001": "PASS"
    }
    child = closed + AZAPI_RULE.replace(
        "azurerm_network_security_group.nsg.id", "azapi_resource.nsg.id"
    ).replace("priority                 = 100", "priority                 = 90")
    assert _scan(tmp_path, "child", child, ["GDCC-NET-001"])[0] == {
        "azapi_resource.nsg GDCC-NET-001": "FAIL"
    }


def test_a_rule_without_its_nsg_is_judged_alone(tmp_path: Path) -> None:
    alone = AZAPI_RULE.replace(
        "azurerm_network_security_group.nsg.id", '"/subscriptions/x/networkSecurityGroups/n"'
    )
    found, _ = _scan(tmp_path, "alone", alone, ["GDCC-NET-001"])
    assert found == {"azapi_resource.ssh GDCC-NET-001": "FAIL"}


SQL = """\
resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "admin"
  administrator_login_password = var.password
}
variable "password" {
  type      = string
  sensitive = true
}
resource "azapi_resource" "all" {
  type      = "Microsoft.Sql/servers/firewallRules@2021-11-01"
  name      = "all"
  parent_id = azurerm_mssql_server.sql.id
  body = {
    properties = { startIpAddress = "0.0.0.0", endIpAddress = "255.255.255.255" }
  }
}
"""


def test_an_azapi_firewall_rule_is_read_with_its_azurerm_server(tmp_path: Path) -> None:
    folder = tmp_path / "sql"
    folder.mkdir()
    (folder / "main.tf").write_text(SQL, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-NET-002"]))
    finding = next(f for f in result.findings)
    assert finding.status.value == "FAIL"
    assert "azapi_resource.all admits every address (0.0.0.0-255.255.255.255)" in (
        finding.message.en
    )


AKS = """\
resource "azurerm_kubernetes_cluster" "aks" {
  name                = "aks"
  location            = "southeastasia"
  resource_group_name = "rg"
  dns_prefix          = "aks"
  default_node_pool {
    name       = "default"
    node_count = 1
    vm_size    = "Standard_D2_v2"
  }
  identity {
    type = "SystemAssigned"
  }
}
resource "azapi_resource" "diag" {
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag"
  parent_id = azurerm_kubernetes_cluster.aks.id
  body = {
    properties = {
      workspaceId = "/subscriptions/x/workspaces/w"
      logs        = [{ category = "kube-audit-admin", enabled = true }]
    }
  }
}
"""


def test_an_azapi_diagnostic_setting_sends_the_aks_audit_log(tmp_path: Path) -> None:
    """Was FAIL (only azurerm settings were read)."""
    found, not_judged = _scan(tmp_path, "aks", AKS, ["GDCC-CLU-003"])
    assert found["azurerm_kubernetes_cluster.aks GDCC-CLU-003"] == "PASS"
    off = AKS.replace("enabled = true", "enabled = false")
    assert _scan(tmp_path, "off", off, ["GDCC-CLU-003"])[0][
        "azurerm_kubernetes_cluster.aks GDCC-CLU-003"] == "FAIL"
    assert not any("diagnosticSettings" in name for name in not_judged)


STORAGE = """\
resource "azapi_resource" "account" {
  type      = "Microsoft.Storage/storageAccounts@2023-01-01"
  name      = "account"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    kind = "StorageV2"
    sku  = { name = "Standard_LRS" }
    properties = { minimumTlsVersion = "TLS1_2" }
  }
}
resource "azapi_resource" "blob" {
  type      = "Microsoft.Storage/storageAccounts/blobServices@2023-01-01"
  name      = "default"
  parent_id = azapi_resource.account.id
  body      = { properties = {} }
}
resource "azapi_resource" "public" {
  type      = "Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01"
  name      = "public"
  parent_id = azapi_resource.blob.id
  body      = { properties = { publicAccess = "Container" } }
}
"""


def test_a_public_container_under_the_blob_service_opens_the_account(tmp_path: Path) -> None:
    """Was PASS: a container whose parent is the account's ``blobServices`` (not the account
    itself) was not read. A wrong PASS."""
    found, not_judged = _scan(tmp_path, "storage", STORAGE, ["GDCC-DATA-001"])
    assert found["azapi_resource.account GDCC-DATA-001"] == "FAIL"
    assert not any("blobServices" in name for name in not_judged)
    looked_up = STORAGE.replace('resource "azapi_resource" "blob"', 'data "azapi_resource" "blob"')
    looked_up = looked_up.replace("azapi_resource.blob.id", "data.azapi_resource.blob.id")
    found, _ = _scan(tmp_path, "looked-up", looked_up, ["GDCC-DATA-001"])
    assert found["azapi_resource.account GDCC-DATA-001"] == "FAIL"


def test_an_aks_setting_that_may_name_another_resource_is_not_known(tmp_path: Path) -> None:
    """Was PASS: ``var.on ? cluster.id : vault.id`` counted for the cluster."""
    text = AKS.replace(
        'resource "azapi_resource" "diag" {', 'resource "azapi_resource" "unused" {'
    ) + """\
resource "azurerm_key_vault" "kv" {
  name = "kv"
}
variable "on" {
  type = bool
}
resource "azurerm_monitor_diagnostic_setting" "diag" {
  name                       = "diag"
  target_resource_id         = var.on ? azurerm_kubernetes_cluster.aks.id : azurerm_key_vault.kv.id
  log_analytics_workspace_id = "/subscriptions/x/workspaces/w"
  enabled_log {
    category = "kube-audit"
  }
}
"""
    text = text.replace(
        'category = "kube-audit-admin", enabled = true', 'category = "x", enabled = true'
    )
    found, _ = _scan(tmp_path, "either", text, ["GDCC-CLU-003"])
    assert found["azurerm_kubernetes_cluster.aks GDCC-CLU-003"] == "UNKNOWN"
