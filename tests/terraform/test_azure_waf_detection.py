"""A WAF in Detection mode logs the requests its rules match and blocks none, yet GDCC-NET-003
("Public web entry points have a web application firewall": a WAF that blocks attacks before
they reach the code) PASSed an application gateway, a classic Front Door and a Front Door
endpoint behind one (wrong PASS). Detection mode now counts as no WAF, saying so; Prevention
(azurerm's default where a default exists) still PASSes."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

_GATEWAY = """\
resource "azurerm_application_gateway" "{name}" {{
  name                = "{name}"
  resource_group_name = "rg"
  location            = "southeastasia"
  firewall_policy_id  = {policy}
  sku {{
    name     = "WAF_v2"
    tier     = "WAF_v2"
    capacity = 1
  }}
  frontend_ip_configuration {{
    name                 = "public"
    public_ip_address_id = "{ip}"
  }}
  {waf}
}}
"""
_POLICY = """\
resource "azurerm_web_application_firewall_policy" "{name}" {{
  name                = "{name}"
  resource_group_name = "rg"
  location            = "southeastasia"
  policy_settings {{
    {mode}
  }}
  managed_rules {{
    managed_rule_set {{
      version = "3.2"
    }}
  }}
}}
"""
_IP = "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/publicIPAddresses/ip"
TERRAFORM = "".join([
    _GATEWAY.format(name="inline_detection", policy="null", ip=_IP, waf="""waf_configuration {
    enabled          = true
    firewall_mode    = "Detection"
    rule_set_version = "3.2"
  }"""),
    _GATEWAY.format(name="inline_prevention", policy="null", ip=_IP, waf="""waf_configuration {
    enabled          = true
    firewall_mode    = "Prevention"
    rule_set_version = "3.2"
  }"""),
    _POLICY.format(name="detecting", mode='mode = "Detection"'),
    _POLICY.format(name="defaulted", mode=""),
    _GATEWAY.format(name="policy_detection", ip=_IP,
                    policy="azurerm_web_application_firewall_policy.detecting.id", waf=""),
    _GATEWAY.format(name="policy_default", ip=_IP,
                    policy="azurerm_web_application_firewall_policy.defaulted.id", waf=""),
]) + """\
resource "azurerm_frontdoor_firewall_policy" "classic" {
  name                = "classic"
  resource_group_name = "rg"
  mode                = "Detection"
}
resource "azurerm_frontdoor" "classic" {
  name                = "classic"
  resource_group_name = "rg"
  frontend_endpoint {
    name                                    = "a"
    host_name                               = "classic.azurefd.net"
    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.classic.id
  }
}
resource "azurerm_cdn_frontdoor_profile" "p" {
  name                = "p"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
}
resource "azurerm_cdn_frontdoor_firewall_policy" "watching" {
  name                = "watching"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Detection"
}
resource "azurerm_cdn_frontdoor_endpoint" "watched" {
  name                     = "watched"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
}
resource "azurerm_cdn_frontdoor_security_policy" "sp" {
  name                     = "sp"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.watching.id
      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.watched.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
"""
_DOC = "https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview"


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Finding]:
    folder: Path = tmp_path_factory.mktemp("waf")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-NET-003"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {addresses[f.resource_id]: f for f in result.findings}


@pytest.mark.parametrize(("address", "by"), [
    ("azurerm_application_gateway.inline_detection",
     "azurerm_application_gateway.inline_detection waf_configuration"),
    ("azurerm_application_gateway.policy_detection",
     "the WAF policy azurerm_web_application_firewall_policy.detecting"),
    ("azurerm_frontdoor.classic", "the WAF policy azurerm_frontdoor_firewall_policy.classic"),
    ("azurerm_cdn_frontdoor_endpoint.watched",
     "the WAF policy azurerm_cdn_frontdoor_firewall_policy.watching"),
])
def test_a_waf_in_detection_mode_is_no_waf(
    findings: dict[str, Finding], address: str, by: str
) -> None:
    found = findings[address]
    assert found.status is Status.FAIL
    assert found.message.en == (
        f"a public entry point without a web application firewall ({by} is in Detection "
        f"mode: it logs the requests its rules match and blocks none ({_DOC}))"
    )


@pytest.mark.parametrize("address", [
    "azurerm_application_gateway.inline_prevention", "azurerm_application_gateway.policy_default",
])
def test_prevention_mode_passes(findings: dict[str, Finding], address: str) -> None:
    assert findings[address].status is Status.PASS
