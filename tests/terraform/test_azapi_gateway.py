"""Application gateways written with AzAPI (``Microsoft.Network/applicationGateways``) were
judged by no rule and were no entry point of the resource graph; they are read from their
``body`` and get the verdicts ``azurerm_application_gateway`` gets on the same configuration,
a gateway without ``sslPolicy`` taking the TLS policy its api-version defaults to."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings
from iac_helpers import audit_keeping_graph, id_of

RULES = ["GDCC-ENC-004", "GDCC-ENC-005", "GDCC-NET-003"]

NETWORK = """\
resource "azurerm_public_ip" "pip" {
  name                = "pip"
  location            = "southeastasia"
  resource_group_name = "rg"
  allocation_method   = "Static"
  sku                 = "Standard"
}
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "gw" {
  name                 = "gw"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.0.0/24"]
}
"""

# an HTTP listener on a public frontend, TLS 1.0 policy, no WAF
AZURERM = NETWORK + """\
resource "azurerm_application_gateway" "gw" {
  name                = "gw"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "Standard_v2"
    tier     = "Standard_v2"
    capacity = 1
  }
  gateway_ip_configuration {
    name      = "ip"
    subnet_id = azurerm_subnet.gw.id
  }
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = azurerm_public_ip.pip.id
  }
  frontend_port {
    name = "http"
    port = 80
  }
  ssl_policy {
    policy_type = "Predefined"
    policy_name = "AppGwSslPolicy20150501"
  }
  http_listener {
    name                           = "web"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }
  backend_address_pool {
    name         = "pool"
    ip_addresses = ["10.0.1.4"]
  }
  backend_http_settings {
    name                  = "settings"
    port                  = 8080
    protocol              = "Http"
    cookie_based_affinity = "Disabled"
  }
  request_routing_rule {
    name                       = "rule"
    rule_type                  = "Basic"
    priority                   = 10
    http_listener_name         = "web"
    backend_address_pool_name  = "pool"
    backend_http_settings_name = "settings"
  }
}
"""

AZAPI = NETWORK + """\
locals {
  gw_id = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw"
}
resource "azapi_resource" "gw" {
  type      = "Microsoft.Network/applicationGateways@2024-05-01"
  name      = "gw"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      sku = { name = "Standard_v2", tier = "Standard_v2", capacity = 1 }
      gatewayIPConfigurations = [{
        name = "ip", properties = { subnet = { id = azurerm_subnet.gw.id } }
      }]
      frontendIPConfigurations = [{
        name = "public", properties = { publicIPAddress = { id = azurerm_public_ip.pip.id } }
      }]
      frontendPorts = [{ name = "http", properties = { port = 80 } }]
      sslPolicy     = { policyType = "Predefined", policyName = "AppGwSslPolicy20150501" }
      httpListeners = [{
        name = "web"
        properties = {
          frontendIPConfiguration = { id = "${local.gw_id}/frontendIPConfigurations/public" }
          frontendPort            = { id = "${local.gw_id}/frontendPorts/http" }
          protocol                = "Http"
        }
      }]
      backendAddressPools = [{
        name = "pool", properties = { backendAddresses = [{ ipAddress = "10.0.1.4" }] }
      }]
      backendHttpSettingsCollection = [{
        name = "settings"
        properties = { port = 8080, protocol = "Http", cookieBasedAffinity = "Disabled" }
      }]
      requestRoutingRules = [{
        name = "rule"
        properties = {
          ruleType            = "Basic"
          priority            = 10
          httpListener        = { id = "${local.gw_id}/httpListeners/web" }
          backendAddressPool  = { id = "${local.gw_id}/backendAddressPools/pool" }
          backendHttpSettings = { id = "${local.gw_id}/backendHttpSettingsCollection/settings" }
        }
      }]
    }
  }
}
"""


def _verdicts(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[str, str]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return {(names[f.resource_id], f.rule_id): (f.status.value, f.message.en)
            for f in result.findings if names[f.resource_id] == "gw"}


def test_azapi_gateways_get_the_azurerm_verdicts(tmp_path: Path) -> None:
    azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert {k: v[0] for k, v in azapi.items()} == {k: v[0] for k, v in azurerm.items()}
    assert {k: v[0] for k, v in azapi.items()} == {
        ("gw", "GDCC-ENC-004"): "FAIL",  # an HTTP listener
        ("gw", "GDCC-ENC-005"): "FAIL",  # TLS 1.0
        ("gw", "GDCC-NET-003"): "FAIL",  # public, no WAF
    }


@pytest.mark.parametrize(("text", "address"), [
    (AZURERM, "azurerm_application_gateway.gw"), (AZAPI, "azapi_resource.gw"),
])
def test_the_gateway_is_an_entry_point_on_its_listener_ports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, address: str
) -> None:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    graph = audit_keeping_graph(tmp_path, monkeypatch, Settings(rule_ids=RULES))[1]
    gw = id_of(graph, address)
    edge = graph.reach.edge("internet", gw)
    assert (str(edge["ports"]), edge["certain"]) == ("80", True)


def test_the_default_tls_policy_follows_the_api_version(tmp_path: Path) -> None:
    no_policy = AZAPI.replace(
        '      sslPolicy     = { policyType = "Predefined", '
        'policyName = "AppGwSslPolicy20150501" }\n',
        "",
    )
    new = _verdicts(tmp_path, "new", no_policy)
    assert new[("gw", "GDCC-ENC-005")][0] == "PASS"
    old = _verdicts(tmp_path, "old", no_policy.replace("@2024-05-01", "@2022-09-01"))
    assert old[("gw", "GDCC-ENC-005")][0] == "FAIL"
    assert "provider default (api-version 2022-09-01): 'properties.sslPolicy' not set" in (
        old[("gw", "GDCC-ENC-005")][1]
    )
    # an empty sslPolicy chooses no policy: the default applies
    empty = no_policy.replace(
        "      frontendPorts =", "      sslPolicy = {}\n      frontendPorts ="
    )
    assert _verdicts(tmp_path, "empty", empty)[("gw", "GDCC-ENC-005")][0] == "PASS"
    assert _verdicts(tmp_path, "empty-old", empty.replace("@2024-05-01", "@2022-09-01"))[
        ("gw", "GDCC-ENC-005")][0] == "FAIL"


def test_a_waf_policy_of_the_scan_decides_the_waf(tmp_path: Path) -> None:
    waf = AZAPI.replace(
        "      frontendPorts =",
        "      firewallPolicy = { id = azapi_resource.waf.id }\n      frontendPorts =",
    ) + """\
resource "azapi_resource" "waf" {
  type      = "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2024-05-01"
  name      = "waf"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      policySettings = { state = "STATE", mode = "Prevention" }
      managedRules   = { managedRuleSets = [{ ruleSetType = "OWASP", ruleSetVersion = "3.2" }] }
    }
  }
}
"""
    on = _verdicts(tmp_path, "on", waf.replace("STATE", "Enabled"))
    assert on[("gw", "GDCC-NET-003")][0] == "PASS"
    off = _verdicts(tmp_path, "off", waf.replace("STATE", "Disabled"))
    assert off[("gw", "GDCC-NET-003")][0] == "FAIL"
    unwritten = _verdicts(tmp_path, "unwritten", waf.replace('state = "STATE", ', ""))
    assert unwritten[("gw", "GDCC-NET-003")][0] == "UNKNOWN"


def test_an_ssl_profile_with_an_older_policy_lowers_the_minimum(tmp_path: Path) -> None:
    """Before, only the gateway's ``ssl_policy`` was read: a listener whose SSL profile
    allows TLS 1.0 PASSed GDCC-ENC-005 (azurerm too); now FAIL."""
    azurerm = AZURERM.replace('"AppGwSslPolicy20150501"', '"AppGwSslPolicy20220101"')
    azapi = AZAPI.replace('"AppGwSslPolicy20150501"', '"AppGwSslPolicy20220101"')
    profiled = {
        "azurerm": azurerm.replace("  http_listener {", """  ssl_profile {
    name = "legacy"
    ssl_policy {
      policy_type          = "Custom"
      min_protocol_version = "TLSv1_0"
      cipher_suites        = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
    }
  }
  http_listener {"""),
        "azapi": azapi.replace("      httpListeners = [{", """      sslProfiles = [{
        name = "legacy"
        properties = {
          sslPolicy = {
            policyType         = "Custom"
            minProtocolVersion = "TLSv1_0"
            cipherSuites       = ["TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"]
          }
        }
      }]
      httpListeners = [{"""),
    }
    for name, text in (("azurerm", azurerm), ("azapi", azapi)):
        assert _verdicts(tmp_path, name, text)[("gw", "GDCC-ENC-005")][0] == "PASS", name
        found = _verdicts(tmp_path, f"{name}-profiled", profiled[name])
        assert found[("gw", "GDCC-ENC-005")][0] == "FAIL", name
