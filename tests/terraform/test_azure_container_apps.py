"""Azure Container Apps (``azurerm_container_app`` and the AzAPI ``Microsoft.App/containerApps``)
were judged by no rule; they are ``compute.function`` judged alike: public with external
ingress in an environment with a public address and no Allow-only IP restrictions, HTTPS
unless insecure connections are allowed, TLS 1.2 at the ingress."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.settings import Settings
from iac_helpers import run

RULES = ["GDCC-NET-004", "GDCC-CMP-008", "GDCC-CMP-009", "GDCC-CMP-010"]

AZURERM = """\
resource "azurerm_container_app_environment" "env" {
  name                = "env"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_container_app" "public" {
  name                         = "public"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg"
  revision_mode                = "Single"
  template {
    container {
      name   = "web"
      image  = "nginx:1.27"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
  ingress {
    external_enabled           = true
    target_port                = 80
    allow_insecure_connections = true
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
  }
}
resource "azurerm_container_app" "narrow" {
  name                         = "narrow"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg"
  revision_mode                = "Single"
  template {
    container {
      name   = "web"
      image  = "nginx:1.27"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
  ingress {
    external_enabled = true
    target_port      = 80
    traffic_weight {
      latest_revision = true
      percentage      = 100
    }
    ip_security_restriction {
      name             = "office"
      action           = "Allow"
      ip_address_range = "203.0.113.0/24"
    }
  }
}
resource "azurerm_container_app" "worker" {
  name                         = "worker"
  container_app_environment_id = azurerm_container_app_environment.env.id
  resource_group_name          = "rg"
  revision_mode                = "Single"
  template {
    container {
      name   = "job"
      image  = "busybox:1.36"
      cpu    = 0.25
      memory = "0.5Gi"
    }
  }
}
"""

AZAPI = """\
resource "azapi_resource" "env" {
  type      = "Microsoft.App/managedEnvironments@2025-01-01"
  name      = "env"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body      = { properties = {} }
}
resource "azapi_resource" "public" {
  type      = "Microsoft.App/containerApps@2025-01-01"
  name      = "public"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      managedEnvironmentId = azapi_resource.env.id
      configuration = {
        ingress = { external = true, targetPort = 80, allowInsecure = true }
      }
      template = { containers = [{ name = "web", image = "nginx:1.27" }] }
    }
  }
}
resource "azapi_resource" "narrow" {
  type      = "Microsoft.App/containerApps@2025-01-01"
  name      = "narrow"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      managedEnvironmentId = azapi_resource.env.id
      configuration = {
        ingress = {
          external   = true
          targetPort = 80
          ipSecurityRestrictions = [
            { name = "office", action = "Allow", ipAddressRange = "203.0.113.0/24" }
          ]
        }
      }
      template = { containers = [{ name = "web", image = "nginx:1.27" }] }
    }
  }
}
resource "azapi_resource" "worker" {
  type      = "Microsoft.App/containerApps@2025-01-01"
  name      = "worker"
  location  = "southeastasia"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  body = {
    properties = {
      managedEnvironmentId = azapi_resource.env.id
      template = { containers = [{ name = "job", image = "busybox:1.36" }] }
    }
  }
}
"""


def _verdicts(tmp_path: Path, name: str, text: str) -> dict[tuple[str, str], str]:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=RULES))
    names = {r.id: r.address.rsplit(".", 1)[-1] for r in result.resources if r.address}
    return {(names[f.resource_id], f.rule_id): f.status.value for f in result.findings
            if names[f.resource_id] != "env"}


def test_azurerm_and_azapi_container_apps_get_the_same_verdicts(tmp_path: Path) -> None:
    azurerm = _verdicts(tmp_path, "azurerm", AZURERM)
    azapi = _verdicts(tmp_path, "azapi", AZAPI)
    assert azapi == azurerm
    assert azurerm == {
        ("public", "GDCC-NET-004"): "FAIL",  # external ingress, public environment
        ("public", "GDCC-CMP-008"): "FAIL",  # insecure connections allowed
        ("public", "GDCC-CMP-009"): "PASS",  # TLS 1.2 at the ingress
        ("public", "GDCC-CMP-010"): "NOT_APPLICABLE",  # no remote debugging setting
        ("narrow", "GDCC-NET-004"): "PASS",  # Allow rules only: every other address denied
        ("narrow", "GDCC-CMP-008"): "PASS",  # HTTP redirected to HTTPS by default
        ("narrow", "GDCC-CMP-009"): "PASS",
        ("narrow", "GDCC-CMP-010"): "NOT_APPLICABLE",
        ("worker", "GDCC-NET-004"): "PASS",  # no ingress: serves nothing
        ("worker", "GDCC-CMP-008"): "PASS",
        ("worker", "GDCC-CMP-009"): "PASS",
        ("worker", "GDCC-CMP-010"): "NOT_APPLICABLE",
    }


def test_an_internal_environment_or_one_not_in_the_scan(tmp_path: Path) -> None:
    internal = AZAPI.replace(
        "body      = { properties = {} }",
        'body      = { properties = { vnetConfiguration = { internal = true, '
        'infrastructureSubnetId = "/subscriptions/x/subnets/apps" } } }',
    )
    assert _verdicts(tmp_path, "internal", internal)[("public", "GDCC-NET-004")] == "PASS"
    outside = AZAPI.replace("azapi_resource.env.id", '"/subscriptions/x/managedEnvironments/e"')
    assert _verdicts(tmp_path, "outside", outside)[("public", "GDCC-NET-004")] == "UNKNOWN"


def test_external_ingress_off_by_default_is_labelled(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(AZAPI.replace("external = true, ", ""), encoding="utf-8")
    resources, errors, _ = run(tmp_path)
    assert not errors
    found = resources["azapi_resource.public"]
    assert found.facets.public_endpoint is False
    assert found.defaults["public_endpoint"].attribute == (
        "properties.configuration.ingress.external"
    )


def test_allow_rules_that_cover_the_internet_keep_the_app_public(tmp_path: Path) -> None:
    """Only the literal 0.0.0.0/0 counted as the internet: Allow rules for 0.0.0.0/1 and
    128.0.0.0/1 (every address) PASSed GDCC-NET-004; now FAIL, for both providers."""
    wide = AZAPI.replace(
        '{ name = "office", action = "Allow", ipAddressRange = "203.0.113.0/24" }',
        '{ name = "low", action = "Allow", ipAddressRange = "0.0.0.0/1" },\n'
        '            { name = "high", action = "Allow", ipAddressRange = "128.0.0.0/1" }',
    )
    assert _verdicts(tmp_path, "wide", wide)[("narrow", "GDCC-NET-004")] == "FAIL"
    wide_rm = AZURERM.replace(
        '''      ip_address_range = "203.0.113.0/24"''', '''      ip_address_range = "0.0.0.0/1"
    }
    ip_security_restriction {
      name             = "high"
      action           = "Allow"
      ip_address_range = "128.0.0.0/1"''')
    assert _verdicts(tmp_path, "wide_rm", wide_rm)[("narrow", "GDCC-NET-004")] == "FAIL"
