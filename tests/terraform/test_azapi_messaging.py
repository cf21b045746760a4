"""Service Bus / Event Hubs namespaces and Redis caches written with AzAPI were judged by no
rule; their body is read as the azurerm resource's and gets the same verdicts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

AZURERM = """\
resource "azurerm_servicebus_namespace" "bus" {
  name                = "bus"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  local_auth_enabled  = false
}
resource "azurerm_eventhub_namespace" "hub" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  minimum_tls_version = "1.0"
  network_rulesets {
    default_action = "Deny"
    ip_rule {
      ip_mask = "203.0.113.0/24"
    }
  }
}
resource "azurerm_redis_cache" "cache" {
  name                          = "cache"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  capacity                      = 1
  family                        = "C"
  sku_name                      = "Standard"
  non_ssl_port_enabled          = true
  minimum_tls_version           = "1.2"
  public_network_access_enabled = false
}
"""

AZAPI = """\
resource "azapi_resource" "bus" {
  type      = "Microsoft.ServiceBus/namespaces@2022-10-01-preview"
  name      = "bus"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    sku        = { name = "Standard" }
    properties = { disableLocalAuth = true }
  }
}
resource "azapi_resource" "hub" {
  type      = "Microsoft.EventHub/namespaces@2024-01-01"
  name      = "hub"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    sku        = { name = "Standard" }
    properties = { minimumTlsVersion = "1.0" }
  }
}
resource "azapi_resource" "hub_rules" {
  type      = "Microsoft.EventHub/namespaces/networkRuleSets@2024-01-01"
  name      = "default"
  parent_id = azapi_resource.hub.id
  body = {
    properties = {
      defaultAction = "Deny"
      ipRules       = [{ ipMask = "203.0.113.0/24", action = "Allow" }]
    }
  }
}
resource "azapi_resource" "cache" {
  type      = "Microsoft.Cache/redis@2024-03-01"
  name      = "cache"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      sku                 = { name = "Standard", family = "C", capacity = 1 }
      enableNonSslPort    = true
      minimumTlsVersion   = "1.2"
      publicNetworkAccess = "Disabled"
    }
  }
}
"""
RULES = ["GDCC-NET-002", "GDCC-NET-004", "GDCC-MSG-001", "GDCC-MSG-002", "GDCC-MSG-003",
         "GDCC-MSG-004", "GDCC-ENC-004", "GDCC-DATA-009", "GDCC-DB-001"]


def _verdicts(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], str]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return {(names[f.resource_id], f.rule_id): f.status.value for f in result.findings
            if names[f.resource_id] != "hub_rules"}


def test_azapi_namespaces_and_caches_get_the_azurerm_verdicts(tmp_path: Path) -> None:
    azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert azapi == azurerm
    judged = {k: v for k, v in azapi.items() if v != "NOT_APPLICABLE"}
    assert judged[("bus", "GDCC-MSG-003")] == "PASS"  # TLS 1.2: the service's floor
    assert judged[("bus", "GDCC-MSG-004")] == "PASS"  # local auth off
    assert judged[("bus", "GDCC-NET-002")] == "FAIL"  # public network access by default
    assert judged[("hub", "GDCC-MSG-003")] == "FAIL"  # TLS 1.0 written
    assert judged[("hub", "GDCC-NET-004")] == "PASS"  # the rule set denies by default
    assert judged[("hub", "GDCC-MSG-004")] == "FAIL"  # SAS keys on by default
    assert judged[("cache", "GDCC-ENC-004")] == "FAIL"  # the non-TLS port is open
    assert judged[("cache", "GDCC-NET-002")] == "PASS"


def _messages(tmp_path: Path, name: str, text: str, rule: str) -> dict[str, tuple[str, Any]]:
    """Resource name -> (status, the default that decided ``tls_min_version``)."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=[rule]))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return {
        names[f.resource_id]: (
            f.status.value, (f.evidence.get("defaults") or {}).get("tls_min_version")
        )
        for f in result.findings
    }


def test_a_cache_without_a_minimum_tls_takes_tls_1_2(tmp_path: Path) -> None:
    """Was UNKNOWN: new caches default to TLS 1.2 and TLS 1.0 / 1.1 are retired."""
    found = _messages(
        tmp_path, "tls", AZAPI.replace('      minimumTlsVersion   = "1.2"\n', ""), "GDCC-DATA-009"
    )
    assert found["cache"] == ("PASS", {
        "attribute": "properties.minimumTlsVersion", "value": "default",
        "documentation": "https://learn.microsoft.com/azure/azure-cache-for-redis/"
        "cache-remove-tls-10-11",
        "provider_version": "api-version 2024-03-01",
    })


COSMOS_AZURERM = """\
resource "azurerm_cosmosdb_account" "db" {
  name                          = "db"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  offer_type                    = "Standard"
  minimal_tls_version           = "Tls12"
  local_authentication_disabled = true
  ip_range_filter               = ["203.0.113.10"]
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
  backup {
    type               = "Periodic"
    retention_in_hours = 720
  }
}
"""
COSMOS_AZAPI = """\
resource "azapi_resource" "db" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "db"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    kind = "GlobalDocumentDB"
    properties = {
      databaseAccountOfferType = "Standard"
      minimalTlsVersion        = "Tls12"
      disableLocalAuth         = true
      ipRules                  = [{ ipAddressOrRange = "203.0.113.10" }]
      consistencyPolicy        = { defaultConsistencyLevel = "Session" }
      locations                = [{ locationName = "southeastasia", failoverPriority = 0 }]
      backupPolicy = {
        type                   = "Periodic"
        periodicModeProperties = { backupRetentionIntervalInHours = 720 }
      }
    }
  }
}
"""


def test_an_azapi_cosmos_account_gets_the_azurerm_verdicts(tmp_path: Path) -> None:
    rules = ["GDCC-NET-002", "GDCC-DATA-009", "GDCC-DB-001", "GDCC-BCK-001", "GDCC-ENC-004",
             "GDCC-GRAPH-001"]
    found = {}
    for name, text in (("azurerm", COSMOS_AZURERM), ("azapi", COSMOS_AZAPI)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "main.tf").write_text(text, encoding="utf-8")
        result = audit([folder], Settings(rule_ids=rules))
        found[name] = {f.rule_id: f.status.value for f in result.findings}
        db = next(r for r in result.resources if r.address and r.address.endswith(".db"))
        assert db.kind == "database.instance"
    assert found["azapi"] == found["azurerm"]
    assert found["azapi"]["GDCC-DB-001"] == "PASS"  # local (key) auth off
    assert found["azapi"]["GDCC-DATA-009"] == "PASS"
    assert found["azapi"]["GDCC-NET-002"] == "FAIL"  # public network access on


def test_a_cosmos_account_without_a_minimum_tls_takes_tls_1_2(tmp_path: Path) -> None:
    """Was UNKNOWN for AzAPI and azurerm 3.x: Azure's default for new accounts is Tls12 and
    TLS 1.0 / 1.1 are retired (azurerm 3.x sent none or an empty value)."""
    azapi = _messages(
        tmp_path, "azapi",
        COSMOS_AZAPI.replace('      minimalTlsVersion        = "Tls12"\n', ""), "GDCC-DATA-009",
    )
    assert azapi["db"][0] == "PASS"
    assert azapi["db"][1]["attribute"] == "properties.minimalTlsVersion"
    assert azapi["db"][1]["documentation"].endswith("self-serve-minimum-tls-enforcement")
    pinned = (
        'terraform {\n  required_providers {\n    azurerm = {\n      source  = "hashicorp/azurerm"'
        '\n      version = "~> 3.100"\n    }\n  }\n}\n'
    )
    azurerm = _messages(
        tmp_path, "azurerm3",
        pinned + COSMOS_AZURERM.replace('  minimal_tls_version           = "Tls12"\n', ""),
        "GDCC-DATA-009",
    )
    assert azurerm["db"][0] == "PASS"
    assert azurerm["db"][1]["documentation"].endswith("self-serve-minimum-tls-enforcement")
