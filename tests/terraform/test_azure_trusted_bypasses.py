"""The trusted-services bypasses of Event Hubs (``trusted_service_access_enabled``), Service
Bus (``trusted_services_allowed``), Cosmos DB (``network_acl_bypass_for_azure_services``) and
AI Search (``network_rule_bypass_option = "AzureServices"``) were not worded (storage's and
Key Vault's were): a finding now says what the bypass lets through (the services Microsoft
lists, still authenticated; not every client hosted in Azure). Verdicts are unchanged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "azurerm_eventhub_namespace" "hub" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  network_rulesets {
    default_action                 = "Deny"
    trusted_service_access_enabled = true
    ip_rule {
      ip_mask = "203.0.113.0/24"
    }
  }
}
resource "azurerm_servicebus_namespace" "bus" {
  name                         = "bus"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  network_rule_set {
    default_action           = "Deny"
    ip_rules                 = ["198.51.100.7"]
    trusted_services_allowed = true
  }
}
resource "azurerm_cosmosdb_account" "db" {
  name                                  = "db"
  location                              = "southeastasia"
  resource_group_name                   = "rg"
  offer_type                            = "Standard"
  ip_range_filter                       = ["203.0.113.0/24"]
  network_acl_bypass_for_azure_services = true
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
resource "azurerm_search_service" "search" {
  name                       = "search"
  resource_group_name        = "rg"
  location                   = "southeastasia"
  sku                        = "standard"
  allowed_ips                = ["203.0.113.7"]
  network_rule_bypass_option = "AzureServices"
}
"""


def test_trusted_bypasses_are_worded(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002", "GDCC-NET-004")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    bus = found[("azurerm_servicebus_namespace.bus", "GDCC-NET-002")]
    assert bus.status is Status.FAIL
    assert "its firewall admits 198.51.100.7, and trusted Microsoft services " \
        "(trusted_services_allowed): only those Microsoft lists for Service Bus, each still " \
        "authenticated (keys or Microsoft Entra ID), not every client hosted in Azure" \
        in bus.message.en
    assert "บริการที่ Microsoft รับรอง (trusted_services_allowed)" in bus.message.th
    db = found[("azurerm_cosmosdb_account.db", "GDCC-NET-002")]
    assert "203.0.113.0/24, and Azure services allowed to bypass its firewall checks " \
        "(network_acl_bypass_for_azure_services; network_acl_bypass_ids names the " in db.message.en
    search = found[("azurerm_search_service.search", "GDCC-NET-002")]
    assert "203.0.113.7, and Azure trusted services (network_rule_bypass_option " \
        "AzureServices), still authenticated" in search.message.en
    hub = found[("azurerm_eventhub_namespace.hub", "GDCC-NET-004")]
    assert hub.status is Status.PASS
    assert "its firewall denies other networks; it lets in trusted Microsoft services " \
        "(trusted_service_access_enabled)" in hub.model_dump_json()
