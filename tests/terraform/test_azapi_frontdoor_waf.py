"""AzAPI Azure Front Door: Standard/Premium endpoints are judged by the AzAPI security policies
that put them behind a WAF policy (``Microsoft.Cdn/profiles/securityPolicies``), and classic
``Microsoft.Network/frontDoors`` are read as ``azurerm_frontdoor`` (``azapi_frontdoor``).
Before, GDCC-NET-003 was UNKNOWN "the security policies ... are not read" for every AzAPI
endpoint, and classic AzAPI Front Doors were not judged at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

STANDARD = """\
resource "azapi_resource" "rg" {
  type     = "Microsoft.Resources/resourceGroups@2020-06-01"
  name     = "rg"
  location = "westeurope"
}
resource "azapi_resource" "profile" {
  type      = "Microsoft.Cdn/profiles@2023-05-01"
  parent_id = azapi_resource.rg.id
  name      = "afd"
  location  = "global"
  body = {
    sku = { name = "Premium_AzureFrontDoor" }
  }
}
resource "azapi_resource" "blocking" {
  type      = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2022-05-01"
  parent_id = azapi_resource.rg.id
  name      = "blocking"
  location  = "global"
  body = {
    properties = {
      policySettings = { mode = "Prevention" }
    }
    sku = { name = "Premium_AzureFrontDoor" }
  }
}
resource "azapi_resource" "watching" {
  type      = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2022-05-01"
  parent_id = azapi_resource.rg.id
  name      = "watching"
  location  = "global"
  body = {
    properties = {
      policySettings = { enabledState = "Enabled", mode = "Detection" }
    }
    sku = { name = "Premium_AzureFrontDoor" }
  }
}
resource "azapi_resource" "shop" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "shop"
  location  = "global"
  body = { properties = { enabledState = "Enabled" } }
}
resource "azapi_resource" "blog" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "blog"
  location  = "global"
  body = { properties = { enabledState = "Enabled" } }
}
resource "azapi_resource" "docs" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "docs"
  location  = "global"
  body = { properties = { enabledState = "Enabled" } }
}
resource "azapi_resource" "protect_shop" {
  type      = "Microsoft.Cdn/profiles/securityPolicies@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "shop"
  body = {
    properties = {
      parameters = {
        type      = "WebApplicationFirewall"
        wafPolicy = { id = azapi_resource.blocking.id }
        associations = [{
          domains         = [{ id = azapi_resource.shop.id }]
          patternsToMatch = ["/*"]
        }]
      }
    }
  }
}
resource "azapi_resource" "watch_blog" {
  type      = "Microsoft.Cdn/profiles/securityPolicies@2023-05-01"
  parent_id = azapi_resource.profile.id
  name      = "blog"
  body = {
    properties = {
      parameters = {
        type      = "WebApplicationFirewall"
        wafPolicy = { id = azapi_resource.watching.id }
        associations = [{
          domains         = [{ id = azapi_resource.blog.id }]
          patternsToMatch = ["/*"]
        }]
      }
    }
  }
}
"""

CLASSIC = """\
resource "azapi_resource" "rg" {
  type     = "Microsoft.Resources/resourceGroups@2020-06-01"
  name     = "rg"
  location = "westeurope"
}
resource "azapi_resource" "waf" {
  type      = "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies@2020-11-01"
  parent_id = azapi_resource.rg.id
  name      = "waf"
  location  = "global"
  body = {
    properties = {
      policySettings = { enabledState = "Enabled", mode = "Detection" }
    }
  }
}
resource "azapi_resource" "fd" {
  type      = "Microsoft.Network/frontDoors@2020-05-01"
  parent_id = azapi_resource.rg.id
  name      = "fd"
  location  = "global"
  body = {
    properties = {
      enabledState = "Enabled"
      frontendEndpoints = [{
        name = "fe"
        properties = {
          hostName = "fd.azurefd.net"
          webApplicationFirewallPolicyLink = { id = azapi_resource.waf.id }
        }
      }]
      routingRules = [{
        name = "web"
        properties = {
          acceptedProtocols = ["Http", "Https"]
          enabledState      = "Enabled"
          patternsToMatch   = ["/*"]
          routeConfiguration = {
            "@odata.type"     = "#Microsoft.Azure.FrontDoor.Models.FrontdoorForwardingConfiguration"
            forwardingProtocol = "HttpsOnly"
          }
        }
      }]
    }
  }
}
resource "azapi_resource" "fd_redirect" {
  type      = "Microsoft.Network/frontDoors@2020-05-01"
  parent_id = azapi_resource.rg.id
  name      = "fd-redirect"
  location  = "global"
  body = {
    properties = {
      frontendEndpoints = [{
        name       = "fe"
        properties = { hostName = "fd-redirect.azurefd.net" }
      }]
      routingRules = [{
        name = "redirect"
        properties = {
          acceptedProtocols = ["Http"]
          patternsToMatch   = ["/*"]
          routeConfiguration = {
            "@odata.type"    = "#Microsoft.Azure.FrontDoor.Models.FrontdoorRedirectConfiguration"
            redirectProtocol = "HttpsOnly"
            redirectType     = "Moved"
          }
        }
      }, {
        name = "secure"
        properties = {
          acceptedProtocols = ["Https"]
          patternsToMatch   = ["/*"]
        }
      }]
    }
  }
}
"""

_DETECTION = (
    "is in Detection mode: it logs the requests its rules match and blocks none "
    "(https://learn.microsoft.com/azure/web-application-firewall/ag/ag-overview)"
)


def _scan(folder: Path, text: str, rules: list[str]) -> dict[tuple[str, str], Finding]:
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=rules))
    addresses = {r.id: r.address for r in result.resources}
    return {(f.rule_id, str(addresses[f.resource_id])): f for f in result.findings}


@pytest.fixture(scope="module")
def standard(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    return _scan(tmp_path_factory.mktemp("afd"), STANDARD, ["GDCC-NET-003"])


@pytest.fixture(scope="module")
def classic(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    return _scan(tmp_path_factory.mktemp("classic"), CLASSIC,
                 ["GDCC-NET-003", "GDCC-ENC-004", "GDCC-ENC-005", "GDCC-GRAPH-013"])


def test_an_endpoint_behind_a_blocking_waf_policy_passes(
    standard: dict[tuple[str, str], Finding],
) -> None:
    found = standard[("GDCC-NET-003", "azapi_resource.shop")]
    assert found.status is Status.PASS
    assert found.evidence == {"public_endpoint": True, "waf_enabled": True}


def test_an_endpoint_behind_a_detection_mode_policy_fails(
    standard: dict[tuple[str, str], Finding],
) -> None:
    found = standard[("GDCC-NET-003", "azapi_resource.blog")]
    assert found.status is Status.FAIL
    assert found.message.en == (
        "a public entry point without a web application firewall (the WAF policy "
        f"azapi_resource.watching {_DETECTION})"
    )


def test_an_endpoint_no_security_policy_names_has_no_waf(
    standard: dict[tuple[str, str], Finding],
) -> None:
    found = standard[("GDCC-NET-003", "azapi_resource.docs")]
    assert found.status is Status.FAIL
    assert found.message.en == "a public entry point without a web application firewall"


def test_a_policy_naming_a_domain_outside_the_scan_leaves_others_unknown(
    tmp_path: Path,
) -> None:
    text = STANDARD.replace(
        "domains         = [{ id = azapi_resource.blog.id }]",
        "domains         = [{ id = var.domain_id }]",
    ) + 'variable "domain_id" {\n  type = string\n}\n'
    found = _scan(tmp_path, text, ["GDCC-NET-003"])[("GDCC-NET-003", "azapi_resource.docs")]
    assert found.status is Status.UNKNOWN
    assert found.evidence["unknown_because"] == {"waf_enabled": (
        "a security policy of the scan associates a domain that is not in the scan with a "
        "WAF policy: it may be this endpoint"
    )}


def test_a_classic_front_door_is_judged(classic: dict[tuple[str, str], Finding]) -> None:
    waf = classic[("GDCC-NET-003", "azapi_resource.fd")]
    assert waf.status is Status.FAIL
    assert waf.message.en.endswith(f"(the WAF policy azapi_resource.waf {_DETECTION})")
    assert classic[("GDCC-NET-003", "azapi_resource.fd_redirect")].status is Status.FAIL
    plain = classic[("GDCC-ENC-004", "azapi_resource.fd")]
    assert plain.status is Status.FAIL
    assert plain.message.en == (
        "unencrypted connections are accepted (routing rule web serves plain HTTP (it "
        "accepts Http and does not redirect it to HTTPS))"
    )
    redirect = classic[("GDCC-ENC-004", "azapi_resource.fd_redirect")]
    assert redirect.status is Status.PASS
    assert redirect.evidence["decided_by"] == {"encrypted_in_transit": (
        "routing rule redirect redirects HTTP to HTTPS; routing rule secure accepts HTTPS only"
    )}
    assert classic[("GDCC-ENC-005", "azapi_resource.fd")].status is Status.PASS
    entry = classic[("GDCC-GRAPH-013", "azapi_resource.fd")]
    assert entry.status is Status.FAIL
    assert entry.evidence["path"] == "internet → fd:80,443"
