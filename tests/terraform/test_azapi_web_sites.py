"""App Service apps written with AzAPI (``Microsoft.Web/sites``, as
Azure/terraform-azurerm-avm-res-web-site writes every app) were not judged. They are read as
``azurerm_linux_web_app`` is (normalize/terraform/azapi_web.py): ``httpsOnly`` (false when left
out), ``siteConfig.minTlsVersion`` (1.2), ``remoteDebuggingEnabled`` (false),
``publicNetworkAccess`` and the access restrictions, with a ``Microsoft.Web/sites/config``
child named ``web`` read over ``siteConfig`` and an ``authsettingsV2`` child's
``requireHttps``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings

RULES = ("GDCC-CMP-008", "GDCC-CMP-009", "GDCC-CMP-010", "GDCC-NET-004")

AZURERM = """\
resource "azurerm_linux_web_app" "open" {
  name                = "open"
  resource_group_name = "rg"
  location            = "westeurope"
  service_plan_id     = "plan"
  site_config {}
}
resource "azurerm_linux_web_app" "closed" {
  name                          = "closed"
  resource_group_name           = "rg"
  location                      = "westeurope"
  service_plan_id               = "plan"
  https_only                    = true
  public_network_access_enabled = false
  site_config {
    minimum_tls_version      = "1.2"
    remote_debugging_enabled = false
  }
}
"""

AZAPI = """\
resource "azapi_resource" "open" {
  type      = "Microsoft.Web/sites@2024-04-01"
  name      = "open"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  location  = "westeurope"
  body = {
    kind       = "app,linux"
    properties = { serverFarmId = "plan" }
  }
}
resource "azapi_resource" "closed" {
  type      = "Microsoft.Web/sites@2024-04-01"
  name      = "closed"
  parent_id = "/subscriptions/s/resourceGroups/rg"
  location  = "westeurope"
  body = {
    kind = "app,linux"
    properties = {
      serverFarmId        = "plan"
      httpsOnly           = true
      publicNetworkAccess = "Disabled"
      siteConfig = {
        minTlsVersion          = "1.2"
        remoteDebuggingEnabled = false
      }
    }
  }
}
"""


def _verdicts(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], tuple[str, str]]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    return {
        (f.address.rsplit(".", 1)[-1], f.rule_id): (f.status.value, f.message.en)
        for f in result.findings
    }


def _statuses(found: dict[tuple[str, str], tuple[str, str]]) -> dict[tuple[str, str], str]:
    return {key: status for key, (status, _) in found.items()}


def test_azapi_sites_get_the_verdicts_of_azurerm_web_apps(tmp_path: Path) -> None:
    azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert _statuses(azapi) == _statuses(azurerm) == {
        ("open", "GDCC-CMP-008"): "FAIL",
        ("open", "GDCC-CMP-009"): "PASS",
        ("open", "GDCC-CMP-010"): "PASS",
        ("open", "GDCC-NET-004"): "FAIL",
        ("closed", "GDCC-CMP-008"): "PASS",
        ("closed", "GDCC-CMP-009"): "PASS",
        ("closed", "GDCC-CMP-010"): "PASS",
        ("closed", "GDCC-NET-004"): "PASS",
    }
    # the API's defaults, named with the api-version
    assert azapi[("open", "GDCC-CMP-008")][1] == (
        "unencrypted connections are accepted (provider default (api-version 2024-04-01): "
        "'properties.httpsOnly' not set)"
    )
    assert azapi[("open", "GDCC-NET-004")][1] == (
        "the endpoint is public (provider default (api-version 2024-04-01): "
        "'properties.publicNetworkAccess' not set)"
    )


def test_a_web_config_child_sets_the_site_configuration(tmp_path: Path) -> None:
    child = """\
resource "azapi_resource" "web" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  name      = "web"
  parent_id = azapi_resource.closed.id
  body = {
    properties = { minTlsVersion = "1.0", remoteDebuggingEnabled = true }
  }
}
resource "azapi_resource" "settings" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  name      = "appsettings"
  parent_id = azapi_resource.closed.id
  body      = { properties = { A = "b" } }
}
"""
    folder = tmp_path / "child"
    folder.mkdir()
    (folder / "main.tf").write_text(AZAPI + child, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    found = {
        (f.address, f.rule_id): (f.status.value, f.message.en) for f in result.findings
    }
    assert found[("azapi_resource.closed", "GDCC-CMP-009")] == (
        "FAIL", "the minimum TLS version is 1.0; 1.2 or later required"
    )
    assert found[("azapi_resource.closed", "GDCC-CMP-010")] == ("FAIL", "remote debugging is on")
    # the web config is read by its site; app settings are no verdict's
    assert "azapi_resource (Microsoft.Web/sites/config)" in result.not_judged
    assert result.not_judged["azapi_resource (Microsoft.Web/sites/config)"] == 1
    assert "azapi_resource (Microsoft.Web/sites)" not in result.not_judged


def _restricted(restrictions: str, action: str = "") -> str:
    return AZAPI.replace(
        'publicNetworkAccess = "Disabled"', 'publicNetworkAccess = "Enabled"'
    ).replace(
        "remoteDebuggingEnabled = false",
        f"remoteDebuggingEnabled = false\n        ipSecurityRestrictions = {restrictions}"
        + (f'\n        ipSecurityRestrictionsDefaultAction = "{action}"' if action else ""),
    )


def test_access_restrictions_follow_the_unmatched_rule(tmp_path: Path) -> None:
    office = '[{ ipAddress = "203.0.113.0/24", action = "Allow", priority = 100 }]'
    everyone = '[{ ipAddress = "0.0.0.0/0", action = "Allow", priority = 100 }]'
    internet = '[{ ipAddress = "Internet", tag = "ServiceTag", action = "Allow" }]'
    cases = {
        "office": (_restricted(office), "PASS"),  # rules, no default action: Deny
        "allow": (_restricted(office, "Allow"), "FAIL"),
        "everyone": (_restricted(everyone), "FAIL"),
        "internet": (_restricted(internet), "FAIL"),
        "none": (_restricted("[]"), "FAIL"),
    }
    for name, (text, expected) in cases.items():
        found = _verdicts(tmp_path, name, text)
        assert found[("closed", "GDCC-NET-004")][0] == expected, name


def test_sign_in_settings_that_allow_http(tmp_path: Path) -> None:
    auth = """\
resource "azapi_resource" "auth" {
  type      = "Microsoft.Web/sites/config@2024-04-01"
  name      = "authsettingsV2"
  parent_id = azapi_resource.closed.id
  body = {
    properties = { httpSettings = { requireHttps = false } }
  }
}
"""
    found = _verdicts(tmp_path, "auth", AZAPI + auth)
    assert found[("closed", "GDCC-CMP-008")][0] == "FAIL"
    assert _verdicts(tmp_path, "kept", AZAPI + auth.replace("false", "true"))[
        ("closed", "GDCC-CMP-008")
    ][0] == "PASS"


def test_a_deployment_slot_and_its_config(tmp_path: Path) -> None:
    slot = """\
resource "azapi_resource" "staging" {
  type      = "Microsoft.Web/sites/slots@2024-04-01"
  name      = "staging"
  parent_id = azapi_resource.closed.id
  location  = "westeurope"
  body = {
    properties = { siteConfig = { remoteDebuggingEnabled = true } }
  }
}
resource "azapi_resource" "staging_web" {
  type      = "Microsoft.Web/sites/slots/config@2024-04-01"
  name      = "web"
  parent_id = azapi_resource.staging.id
  body      = { properties = { minTlsVersion = "1.1" } }
}
"""
    folder = tmp_path / "slot"
    folder.mkdir()
    (folder / "main.tf").write_text(AZAPI + slot, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    found = {(f.address, f.rule_id): f.status.value for f in result.findings}
    assert {rule: found[("azapi_resource.staging", rule)] for rule in RULES} == {
        "GDCC-CMP-008": "FAIL",  # httpsOnly left out
        "GDCC-CMP-009": "FAIL",  # 1.1 from its web config
        "GDCC-CMP-010": "FAIL",
        "GDCC-NET-004": "FAIL",
    }
    assert not any("Microsoft.Web" in kind for kind in result.not_judged)
