"""GDCC-LOG-007 of Azure gateways was UNKNOWN whatever the configuration said: Azure keeps no
access log of an application gateway, API Management service or Front Door unless a
diagnostic setting (``azurerm_monitor_diagnostic_setting`` or an AzAPI
``Microsoft.Insights/diagnosticSettings``) sends the access-log category. Now a setting of
the gateway with the category (or ``allLogs``) PASSes, none in a wholly scanned root FAILs,
and a setting whose target or categories are not known, a lost block, another root of the
scan or a module not read leave it UNKNOWN, saying which."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RULES = ["GDCC-LOG-007"]

GATEWAY = """\
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
    subnet_id = "/subscriptions/x/resourceGroups/rg/subnets/gw"
  }
  frontend_ip_configuration {
    name                 = "public"
    public_ip_address_id = "/subscriptions/x/publicIPAddresses/p"
  }
  frontend_port {
    name = "http"
    port = 80
  }
  http_listener {
    name                           = "web"
    frontend_ip_configuration_name = "public"
    frontend_port_name             = "http"
    protocol                       = "Http"
  }
  backend_address_pool {
    name = "pool"
  }
  backend_http_settings {
    name                  = "settings"
    port                  = 80
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

AZAPI_GATEWAY = """\
resource "azapi_resource" "gw" {
  type      = "Microsoft.Network/applicationGateways@2024-05-01"
  name      = "gw"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      sku           = { name = "Standard_v2", tier = "Standard_v2", capacity = 1 }
      frontendPorts = [{ name = "http", properties = { port = 80 } }]
    }
  }
}
"""


def _setting(target: str, logs: str) -> str:
    return f"""\
resource "azurerm_monitor_diagnostic_setting" "diag" {{
  name                       = "diag"
  target_resource_id         = {target}
  log_analytics_workspace_id = "/subscriptions/x/workspaces/w"
{logs}
}}
"""


def _arm_setting(target: str, logs: str) -> str:
    return f"""\
resource "azapi_resource" "diag" {{
  type      = "Microsoft.Insights/diagnosticSettings@2021-05-01-preview"
  name      = "diag"
  parent_id = {target}
  body = {{
    properties = {{
      workspaceId = "/subscriptions/x/workspaces/w"
      logs        = [{logs}]
    }}
  }}
}}
"""


ACCESS = '  enabled_log {\n    category = "ApplicationGatewayAccessLog"\n  }'
ALL = '  enabled_log {\n    category_group = "allLogs"\n  }'
FIREWALL = '  enabled_log {\n    category = "ApplicationGatewayFirewallLog"\n  }'
ARM_ACCESS = '{ category = "ApplicationGatewayAccessLog", enabled = true }'
ARM_OFF = '{ category = "ApplicationGatewayAccessLog", enabled = false }'
ARM_ALL = '{ categoryGroup = "allLogs", enabled = true }'


def _verdict(tmp_path: Path, text: str, name: str = "gw") -> tuple[str, str]:
    folder = tmp_path / "root"
    folder.mkdir(exist_ok=True)
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    addresses = {r.id: str(r.address) for r in result.resources}
    found = [f for f in result.findings if addresses[f.resource_id].endswith(f".{name}")]
    assert len(found) == 1, found
    return found[0].status.value, found[0].message.en


@pytest.mark.parametrize(("gateway", "ref"), [
    (GATEWAY, "azurerm_application_gateway.gw.id"), (AZAPI_GATEWAY, "azapi_resource.gw.id"),
])
@pytest.mark.parametrize(("setting", "status"), [
    (lambda t: _setting(t, ACCESS), "PASS"),
    (lambda t: _setting(t, ALL), "PASS"),
    (lambda t: _setting(t, FIREWALL), "FAIL"),
    (lambda t: _arm_setting(t, ARM_ACCESS), "PASS"),
    (lambda t: _arm_setting(t, ARM_ALL), "PASS"),
    (lambda t: _arm_setting(t, ARM_OFF), "FAIL"),
])
def test_a_setting_of_the_gateway_decides(
    tmp_path: Path, gateway: str, ref: str, setting: object, status: str
) -> None:
    text = gateway + setting(ref)  # type: ignore[operator]
    assert _verdict(tmp_path, text)[0] == status


@pytest.mark.parametrize("gateway", [GATEWAY, AZAPI_GATEWAY])
def test_no_setting_fails_saying_azure_keeps_none(tmp_path: Path, gateway: str) -> None:
    status, message = _verdict(tmp_path, gateway)
    assert status == "FAIL"
    assert message == (
        "access logs are not written (no diagnostic setting of the scanned configuration sends "
        "its access log (ApplicationGatewayAccessLog or the allLogs group) and the whole "
        "Terraform root was scanned; Azure keeps none by default "
        "(learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings))"
    )


def test_a_setting_of_another_resource_fails(tmp_path: Path) -> None:
    other = _setting(
        '"/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"', ALL
    )
    assert _verdict(tmp_path, GATEWAY + other)[0] == "FAIL"
    literal = _setting(
        '"/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw"',
        ACCESS,
    )
    assert _verdict(tmp_path, GATEWAY + literal)[0] == "PASS"


def test_a_setting_whose_target_is_not_known_leaves_it_unknown(tmp_path: Path) -> None:
    text = GATEWAY + 'variable "target" {\n  type = string\n}\n' + _setting("var.target", ALL)
    status, message = _verdict(tmp_path, text)
    assert status == "UNKNOWN"
    assert "diagnostic settings whose target is not known may send its access log: " \
        "azurerm_monitor_diagnostic_setting.diag" in message
    # one that sends only other categories cannot be its access log
    text = GATEWAY + 'variable "target" {\n  type = string\n}\n' + _setting(
        "var.target", FIREWALL.replace("ApplicationGatewayFirewallLog", "AuditEvent")
    )
    assert _verdict(tmp_path, text)[0] == "FAIL"


def test_categories_not_known_leave_it_unknown(tmp_path: Path) -> None:
    logs = (
        '  dynamic "enabled_log" {\n    for_each = var.categories\n'
        "    content {\n      category = enabled_log.value\n    }\n  }"
    )
    text = GATEWAY + 'variable "categories" {\n  type = list(string)\n}\n' + _setting(
        "azurerm_application_gateway.gw.id", logs
    )
    status, message = _verdict(tmp_path, text)
    assert status == "UNKNOWN"
    assert "azurerm_monitor_diagnostic_setting.diag" in message


def test_a_module_not_read_leaves_it_unknown(tmp_path: Path) -> None:
    text = GATEWAY + (
        'module "diag" {\n  source  = "claranet/diagnostic-settings/azurerm"\n'
        "  resource_id = azurerm_application_gateway.gw.id\n}\n"
    )
    status, message = _verdict(tmp_path, text)
    assert status == "UNKNOWN"
    assert "may be declared in a part of the configuration not scanned" in message


def test_another_root_looking_the_gateway_up_leaves_it_unknown(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "main.tf").write_text(GATEWAY, encoding="utf-8")
    (tmp_path / "ops").mkdir()
    (tmp_path / "ops" / "main.tf").write_text(
        'data "azurerm_application_gateway" "gw" {\n  name = "gw"\n'
        '  resource_group_name = "rg"\n}\n'
        + _setting("data.azurerm_application_gateway.gw.id", ACCESS),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=RULES))
    finding = next(f for f in result.findings)
    assert finding.status.value == "UNKNOWN"
    assert "azurerm_monitor_diagnostic_setting.diag (ops)" in finding.message.en


def test_a_lookup_of_resources_of_any_type_leaves_it_unknown(tmp_path: Path) -> None:
    """``data "azurerm_resources"`` by type, and a setting for each: may be the gateway's."""
    text = GATEWAY + (
        'data "azurerm_resources" "gws" {\n  resource_group_name = "rg"\n'
        '  type = "Microsoft.Network/applicationGateways"\n}\n'
    ) + _setting("data.azurerm_resources.gws.resources[0].id", ACCESS)
    assert _verdict(tmp_path, text)[0] == "UNKNOWN"


def test_an_id_written_in_part_is_read_by_its_type_and_name(tmp_path: Path) -> None:
    rg = 'resource "azurerm_resource_group" "rg" {\n  name = "rg"\n  location = "x"\n}\n'
    built = (
        '"${azurerm_resource_group.rg.id}/providers/Microsoft.Network/applicationGateways/gw"'
    )
    assert _verdict(tmp_path, GATEWAY + rg + _setting(built, ACCESS))[0] == "PASS"
    vault = '"${azurerm_resource_group.rg.id}/providers/Microsoft.KeyVault/vaults/kv"'
    assert _verdict(tmp_path, GATEWAY + rg + _setting(vault, ALL))[0] == "FAIL"


FRONT_DOOR = """\
resource "azurerm_cdn_frontdoor_profile" "fd" {
  name                = "fd"
  resource_group_name = "rg"
  sku_name            = "Standard_AzureFrontDoor"
}
resource "azurerm_cdn_frontdoor_endpoint" "ep" {
  name                     = "ep"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
}
"""


def test_a_front_door_endpoint_is_logged_by_its_profile(tmp_path: Path) -> None:
    logs = '  enabled_log {\n    category = "FrontDoorAccessLog"\n  }'
    assert _verdict(
        tmp_path, FRONT_DOOR + _setting("azurerm_cdn_frontdoor_profile.fd.id", logs), "ep"
    )[0] == "PASS"
    status, message = _verdict(tmp_path, FRONT_DOOR, "ep")
    assert status == "FAIL"
    assert "(its profile azurerm_cdn_frontdoor_profile.fd)" in message


APIM = """\
resource "azurerm_api_management" "apim" {
  name                = "apim"
  location            = "southeastasia"
  resource_group_name = "rg"
  publisher_name      = "p"
  publisher_email     = "p@example.com"
  sku_name            = "Developer_1"
}
"""


def test_api_management_logs_through_application_insights(tmp_path: Path) -> None:
    diagnostic = """\
resource "azurerm_api_management_diagnostic" "ai" {
  identifier               = "applicationinsights"
  resource_group_name      = "rg"
  api_management_name      = azurerm_api_management.apim.name
  api_management_logger_id = "/subscriptions/x/loggers/ai"
}
"""
    assert _verdict(tmp_path, APIM, "apim")[0] == "FAIL"
    assert _verdict(tmp_path, APIM + diagnostic, "apim")[0] == "PASS"
    none = diagnostic.replace('  identifier', '  sampling_percentage = 0\n  identifier')
    assert _verdict(tmp_path, APIM + none, "apim")[0] == "UNKNOWN"
    gateway_logs = '  enabled_log {\n    category = "GatewayLogs"\n  }'
    assert _verdict(
        tmp_path, APIM + _setting("azurerm_api_management.apim.id", gateway_logs), "apim"
    )[0] == "PASS"


def test_a_target_chosen_by_a_condition_is_not_known(tmp_path: Path) -> None:
    """One of two resources (``var.on ? gateway : vault``): may not be the gateway."""
    vault = 'resource "azurerm_key_vault" "kv" {\n  name = "kv"\n}\n'
    text = GATEWAY + vault + 'variable "on" {\n  type = bool\n}\n' + _setting(
        "var.on ? azurerm_application_gateway.gw.id : azurerm_key_vault.kv.id", ACCESS
    )
    assert _verdict(tmp_path, text)[0] == "UNKNOWN"
