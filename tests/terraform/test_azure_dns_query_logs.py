"""GDCC-DNS-002 on Azure DNS zones (``normalize/terraform/azure_dns.py``). Before, the rule
was limited to AWS and Google: no Azure zone had a verdict. A public zone has no query log
(NOT_APPLICABLE, saying why); a private zone is judged by the DNS security policies of the
virtual networks linked to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_virtual_network" "hub" {
  name                = "hub"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_virtual_network" "spoke" {
  name                = "spoke"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  address_space       = ["10.1.0.0/16"]
}
resource "azurerm_dns_zone" "public" {
  name                = "example.com"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azurerm_private_dns_zone" "logged" {
  name                = "logged.internal"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azurerm_private_dns_zone" "dark" {
  name                = "dark.internal"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azurerm_private_dns_zone_virtual_network_link" "logged_hub" {
  name                  = "hub"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.logged.name
  virtual_network_id    = azurerm_virtual_network.hub.id
}
resource "azurerm_private_dns_zone_virtual_network_link" "dark_spoke" {
  name                  = "spoke"
  resource_group_name   = azurerm_resource_group.rg.name
  private_dns_zone_name = azurerm_private_dns_zone.dark.name
  virtual_network_id    = azurerm_virtual_network.spoke.id
}
resource "azapi_resource" "dns_policy" {
  type      = "Microsoft.Network/dnsResolverPolicies@2025-05-01"
  parent_id = azurerm_resource_group.rg.id
  name      = "dns-policy"
  location  = "southeastasia"
  body      = {}
}
resource "azapi_resource" "dns_policy_hub" {
  type      = "Microsoft.Network/dnsResolverPolicies/virtualNetworkLinks@2025-05-01"
  parent_id = azapi_resource.dns_policy.id
  name      = "hub"
  location  = "southeastasia"
  body = {
    properties = {
      virtualNetwork = { id = azurerm_virtual_network.hub.id }
    }
  }
}
resource "azurerm_log_analytics_workspace" "logs" {
  name                = "logs"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
}
resource "azurerm_monitor_diagnostic_setting" "dns_policy" {
  name                       = "dns"
  target_resource_id         = azapi_resource.dns_policy.id
  log_analytics_workspace_id = azurerm_log_analytics_workspace.logs.id
  enabled_log {
    category = "DnsResponse"
  }
}
"""


def _scan(folder: Path, text: str) -> dict[str, Finding]:
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-DNS-002"]))
    addresses = {r.id: r.address for r in result.resources}
    return {str(addresses[f.resource_id]): f for f in result.findings}


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    return _scan(tmp_path_factory.mktemp("dns"), TERRAFORM)


def test_a_public_zone_has_no_query_log_to_turn_on(findings: dict[str, Finding]) -> None:
    found = findings["azurerm_dns_zone.public"]
    assert found.status is Status.NOT_APPLICABLE
    assert "an Azure public DNS zone has no query log to turn on" in found.message.en


def test_a_private_zone_whose_network_has_a_logging_policy_passes(
    findings: dict[str, Finding],
) -> None:
    found = findings["azurerm_private_dns_zone.logged"]
    assert found.status is Status.PASS
    assert found.evidence["decided_by"] == {"access_logging": (
        "the DNS queries of its linked virtual networks are logged: "
        "azurerm_virtual_network.hub: azapi_resource.dns_policy (the diagnostic setting "
        "azurerm_monitor_diagnostic_setting.dns_policy sends its access log (DnsResponse))"
    )}


def test_a_private_zone_whose_network_no_policy_logs_fails(
    findings: dict[str, Finding],
) -> None:
    found = findings["azurerm_private_dns_zone.dark"]
    assert found.status is Status.FAIL
    assert found.evidence["decided_by"] == {"access_logging": (
        "no DNS security policy of the scanned configuration logs the queries of "
        "azurerm_virtual_network.spoke, a virtual network linked to the zone; Azure logs DNS "
        "queries only through one (learn.microsoft.com/azure/dns/dns-security-policy)"
    )}


def test_a_policy_without_the_query_log_category_does_not_log(tmp_path: Path) -> None:
    text = TERRAFORM.replace('category = "DnsResponse"', 'category = "Other"')
    found = _scan(tmp_path, text)["azurerm_private_dns_zone.logged"]
    assert found.status is Status.FAIL
    assert "(its policies send no DnsResponse log)" in found.evidence["decided_by"][
        "access_logging"
    ]


def test_a_zone_linked_to_a_network_not_known_is_unknown(tmp_path: Path) -> None:
    text = TERRAFORM.replace(
        "virtual_network_id    = azurerm_virtual_network.spoke.id",
        "virtual_network_id    = var.spoke_id",
    ) + 'variable "spoke_id" {\n  type = string\n}\n'
    found = _scan(tmp_path, text)["azurerm_private_dns_zone.dark"]
    assert found.status is Status.UNKNOWN
    assert found.evidence["unknown_because"] == {"access_logging": (
        "the virtual networks linked to the zone, whose DNS security policies would log its "
        "queries, are not known: azurerm_private_dns_zone_virtual_network_link.dark_spoke"
    )}


def test_a_network_with_dns_servers_of_its_own_may_log_elsewhere(tmp_path: Path) -> None:
    """Custom DNS servers (an Azure Firewall DNS proxy, a DNS VM) take the network's queries
    and may log them: not known, never a FAIL."""
    text = TERRAFORM.replace(
        'address_space       = ["10.1.0.0/16"]',
        'address_space       = ["10.1.0.0/16"]\n  dns_servers         = ["10.0.0.4"]',
    )
    found = _scan(tmp_path, text)["azurerm_private_dns_zone.dark"]
    assert found.status is Status.UNKNOWN
    assert found.evidence["unknown_because"]["access_logging"].endswith(
        "it sends its queries to DNS servers of its own (dns_servers), which may log them "
        "(an Azure Firewall DNS proxy, a DNS server VM)"
    )


def test_a_network_looked_up_is_managed_elsewhere(tmp_path: Path) -> None:
    text = TERRAFORM.replace(
        "virtual_network_id    = azurerm_virtual_network.spoke.id",
        "virtual_network_id    = data.azurerm_virtual_network.shared.id",
    ) + """\
data "azurerm_virtual_network" "shared" {
  name                = "shared"
  resource_group_name = "network"
}
"""
    found = _scan(tmp_path, text)["azurerm_private_dns_zone.dark"]
    assert found.status is Status.UNKNOWN
    assert found.evidence["unknown_because"] == {"access_logging": (
        "data.azurerm_virtual_network.shared, a virtual network linked to the zone, is looked "
        "up: it is managed elsewhere, where a DNS security policy may be linked to it"
    )}


def test_a_network_holding_a_firewall_may_log_forwarded_queries(tmp_path: Path) -> None:
    """Hub and spoke: the spokes send their queries to the hub's Azure Firewall DNS proxy,
    which resolves them in the hub (the network linked to the zone) and may log them."""
    text = TERRAFORM + """\
resource "azurerm_subnet" "firewall" {
  name                 = "AzureFirewallSubnet"
  resource_group_name  = azurerm_resource_group.rg.name
  virtual_network_name = azurerm_virtual_network.spoke.name
  address_prefixes     = ["10.1.0.0/26"]
}
resource "azurerm_firewall" "hub" {
  name                = "hub"
  resource_group_name = azurerm_resource_group.rg.name
  location            = "southeastasia"
  sku_name            = "AZFW_VNet"
  sku_tier            = "Standard"
  ip_configuration {
    name      = "ip"
    subnet_id = azurerm_subnet.firewall.id
  }
}
"""
    found = _scan(tmp_path, text)["azurerm_private_dns_zone.dark"]
    assert found.status is Status.UNKNOWN
    assert "but azurerm_firewall.hub in it forwards other networks' queries" in (
        found.evidence["unknown_because"]["access_logging"]
    )
