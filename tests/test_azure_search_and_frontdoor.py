"""Azure AI Search services are judged as search clusters (GDCC-NET-002: public network
access on by default, a public endpoint whatever ``allowed_ips`` lists (stop 39: the list is
named and judged by GDCC-GRAPH-004); GDCC-DB-001: API keys only by default),
classic Front Doors and Front Door Standard/Premium endpoints as public entry points
(GDCC-NET-003: a WAF policy that is on in front of every endpoint). All were not mapped."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

SEARCH = """\
resource "azurerm_search_service" "default" {
  name                = "s1"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "standard"
}

resource "azurerm_search_service" "narrowed" {
  name                = "s2"
  resource_group_name = "rg"
  location            = "southeastasia"
  sku                 = "standard"
  allowed_ips         = ["203.0.113.0/24"]
}

resource "azurerm_search_service" "world" {
  name                          = "s3"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  sku                           = "standard"
  public_network_access_enabled = true
  allowed_ips                   = ["0.0.0.0/0"]
}

resource "azurerm_search_service" "private" {
  name                          = "s4"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  sku                           = "standard"
  public_network_access_enabled = false
  local_authentication_enabled  = false
}

resource "azurerm_search_service" "both" {
  name                          = "s5"
  resource_group_name           = "rg"
  location                      = "southeastasia"
  sku                           = "standard"
  public_network_access_enabled = false
  authentication_failure_mode   = "http403"
}
"""

FRONT_DOORS = """\
resource "azurerm_frontdoor_firewall_policy" "on" {
  name                = "on"
  resource_group_name = "rg"
}

resource "azurerm_frontdoor_firewall_policy" "off" {
  name                = "off"
  resource_group_name = "rg"
  enabled             = false
}

resource "azurerm_frontdoor" "protected" {
  name                = "protected"
  resource_group_name = "rg"
  frontend_endpoint {
    name                                    = "a"
    host_name                               = "protected.azurefd.net"
    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.on.id
  }
}

resource "azurerm_frontdoor" "disabled_policy" {
  name                = "disabled"
  resource_group_name = "rg"
  frontend_endpoint {
    name                                    = "a"
    host_name                               = "disabled.azurefd.net"
    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.off.id
  }
}

resource "azurerm_frontdoor" "one_open" {
  name                = "one-open"
  resource_group_name = "rg"
  frontend_endpoint {
    name                                    = "a"
    host_name                               = "one-open.azurefd.net"
    web_application_firewall_policy_link_id = azurerm_frontdoor_firewall_policy.on.id
  }
  frontend_endpoint {
    name      = "b"
    host_name = "www.example.go.th"
  }
}

resource "azurerm_frontdoor" "policy_elsewhere" {
  name                = "elsewhere"
  resource_group_name = "rg"
  frontend_endpoint {
    name                                    = "a"
    host_name                               = "elsewhere.azurefd.net"
    web_application_firewall_policy_link_id = var.waf_policy_id
  }
}

resource "azurerm_cdn_frontdoor_profile" "p" {
  name                = "p"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
}

resource "azurerm_cdn_frontdoor_firewall_policy" "waf" {
  name                = "waf"
  resource_group_name = "rg"
  sku_name            = "Premium_AzureFrontDoor"
  mode                = "Prevention"
}

resource "azurerm_cdn_frontdoor_endpoint" "shielded" {
  name                     = "shielded"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
}

resource "azurerm_cdn_frontdoor_endpoint" "bare" {
  name                     = "bare"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
}

resource "azurerm_cdn_frontdoor_security_policy" "sp" {
  name                     = "sp"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.p.id
  security_policies {
    firewall {
      cdn_frontdoor_firewall_policy_id = azurerm_cdn_frontdoor_firewall_policy.waf.id
      association {
        domain {
          cdn_frontdoor_domain_id = azurerm_cdn_frontdoor_endpoint.shielded.id
        }
        patterns_to_match = ["/*"]
      }
    }
  }
}
"""


def _run(tmp_path: Path, text: str, *rules: str) -> dict[tuple[str, str], Finding]:
    (tmp_path / "main.tf").write_text(text)
    result = audit([tmp_path], Settings(rule_ids=rules, cache=False))
    return {(f.address or "", f.rule_id): f for f in result.findings}


def test_search_service_public_endpoint_and_sign_in(tmp_path: Path) -> None:
    found = _run(tmp_path, SEARCH, "GDCC-NET-002", "GDCC-DB-001", "GDCC-DB-002", "GDCC-BCK-001")
    statuses = {key: f.status for key, f in found.items()}
    for name in ("default", "narrowed", "world", "private", "both"):
        address = f"azurerm_search_service.{name}"
        # patched by Microsoft and not a primary data store: no upgrade or backup setting
        assert statuses[(address, "GDCC-DB-002")] == Status.NOT_APPLICABLE
        assert statuses[(address, "GDCC-BCK-001")] == Status.NOT_APPLICABLE
    assert {a: s for (a, r), s in statuses.items() if r == "GDCC-NET-002"} == {
        "azurerm_search_service.default": Status.FAIL,
        # public network access on: a public endpoint, its allow-list named (was PASS)
        "azurerm_search_service.narrowed": Status.FAIL,
        "azurerm_search_service.world": Status.FAIL,
        "azurerm_search_service.private": Status.PASS,
        "azurerm_search_service.both": Status.PASS,
    }
    assert {a: s for (a, r), s in statuses.items() if r == "GDCC-DB-001"} == {
        "azurerm_search_service.default": Status.FAIL,
        "azurerm_search_service.narrowed": Status.FAIL,
        "azurerm_search_service.world": Status.FAIL,
        "azurerm_search_service.private": Status.PASS,
        "azurerm_search_service.both": Status.PASS,
    }
    default = found[("azurerm_search_service.default", "GDCC-NET-002")]
    assert default.message.en == (
        "the endpoint is public "
        "(provider default: 'public_network_access_enabled' not set)"
    )
    assert default.evidence["defaults"]["public_endpoint"]["attribute"] == (
        "public_network_access_enabled"
    )
    assert "defaults" not in found[("azurerm_search_service.world", "GDCC-NET-002")].evidence


def test_front_door_waf(tmp_path: Path) -> None:
    found = _run(tmp_path, FRONT_DOORS, "GDCC-NET-003")
    assert {a: f.status for (a, _), f in found.items()} == {
        "azurerm_frontdoor.protected": Status.PASS,
        "azurerm_frontdoor.disabled_policy": Status.FAIL,
        "azurerm_frontdoor.one_open": Status.FAIL,
        "azurerm_frontdoor.policy_elsewhere": Status.UNKNOWN,
        "azurerm_cdn_frontdoor_endpoint.shielded": Status.PASS,
        "azurerm_cdn_frontdoor_endpoint.bare": Status.FAIL,
    }
    bare = found[("azurerm_cdn_frontdoor_endpoint.bare", "GDCC-NET-003")]
    assert bare.evidence == {"public_endpoint": True, "waf_enabled": False}
    assert bare.message.en == "a public entry point without a web application firewall"


def test_a_custom_domain_association_leaves_other_endpoints_unknown(tmp_path: Path) -> None:
    text = FRONT_DOORS.replace(
        "azurerm_cdn_frontdoor_endpoint.shielded.id", "azurerm_cdn_frontdoor_custom_domain.www.id"
    )
    found = _run(tmp_path, text, "GDCC-NET-003")
    # the policy protects a domain the input does not resolve to an endpoint: either
    # endpoint may serve it
    assert found[("azurerm_cdn_frontdoor_endpoint.bare", "GDCC-NET-003")].status == (
        Status.UNKNOWN
    )
    assert found[("azurerm_cdn_frontdoor_endpoint.shielded", "GDCC-NET-003")].status == (
        Status.UNKNOWN
    )
