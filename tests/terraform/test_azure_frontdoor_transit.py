"""Azure Front Door endpoints were UNKNOWN on GDCC-ENC-004 / ENC-005 (their routes and the
service's TLS floor were not read), were no internet entry of the graph (GDCC-GRAPH-013
UNKNOWN "the only path rests on something not known"), and an AzAPI ``afdEndpoints`` was not
judged. Front Door accepts TLS 1.2 at least (TLS 1.0 / 1.1 minimums disallowed since March
2025); HTTPS only comes from the routes: one accepting Http without an HTTPS redirect FAILs."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TERRAFORM = """\
resource "azurerm_resource_group" "rg" {
  name     = "rg"
  location = "southeastasia"
}
resource "azurerm_cdn_frontdoor_profile" "fd" {
  name                = "fd"
  resource_group_name = azurerm_resource_group.rg.name
  sku_name            = "Standard_AzureFrontDoor"
}
resource "azurerm_cdn_frontdoor_endpoint" "plain" {
  name                     = "plain"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
}
resource "azurerm_cdn_frontdoor_endpoint" "redirected" {
  name                     = "redirected"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
}
resource "azurerm_cdn_frontdoor_endpoint" "lonely" {
  name                     = "lonely"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
}
resource "azurerm_cdn_frontdoor_origin_group" "og" {
  name                     = "og"
  cdn_frontdoor_profile_id = azurerm_cdn_frontdoor_profile.fd.id
  load_balancing {}
}
resource "azurerm_cdn_frontdoor_route" "plain" {
  name                          = "plain"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.plain.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.og.id
  cdn_frontdoor_origin_ids      = []
  supported_protocols           = ["Http", "Https"]
  https_redirect_enabled        = false
  patterns_to_match             = ["/*"]
}
resource "azurerm_cdn_frontdoor_route" "redirected" {
  name                          = "redirected"
  cdn_frontdoor_endpoint_id     = azurerm_cdn_frontdoor_endpoint.redirected.id
  cdn_frontdoor_origin_group_id = azurerm_cdn_frontdoor_origin_group.og.id
  cdn_frontdoor_origin_ids      = []
  supported_protocols           = ["Http", "Https"]
  patterns_to_match             = ["/*"]
}
resource "azurerm_frontdoor" "classic" {
  name                = "classic"
  resource_group_name = azurerm_resource_group.rg.name
  routing_rule {
    name               = "http"
    accepted_protocols = ["Http", "Https"]
    patterns_to_match  = ["/*"]
    frontend_endpoints = ["fe"]
    forwarding_configuration {
      forwarding_protocol = "MatchRequest"
      backend_pool_name   = "pool"
    }
  }
  routing_rule {
    name               = "redirect"
    accepted_protocols = ["Http"]
    patterns_to_match  = ["/*"]
    frontend_endpoints = ["fe"]
    redirect_configuration {
      redirect_protocol = "HttpsOnly"
      redirect_type     = "Moved"
    }
  }
  frontend_endpoint {
    name      = "fe"
    host_name = "classic.azurefd.net"
  }
}
resource "azapi_resource" "profile" {
  type      = "Microsoft.Cdn/profiles@2021-06-01"
  parent_id = azurerm_resource_group.rg.id
  name      = "p"
  location  = "global"
  body      = { sku = { name = "Standard_AzureFrontDoor" } }
}
resource "azapi_resource" "afdEndpoint" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2021-06-01"
  parent_id = azapi_resource.profile.id
  name      = "e"
  location  = "global"
  body      = { properties = { enabledState = "Enabled" } }
}
resource "azapi_resource" "route" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints/routes@2021-06-01"
  parent_id = azapi_resource.afdEndpoint.id
  name      = "r"
  body = {
    properties = {
      httpsRedirect      = "Enabled"
      supportedProtocols = ["Https", "Http"]
    }
  }
}
resource "azapi_resource" "bareEndpoint" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints@2021-06-01"
  parent_id = azapi_resource.profile.id
  name      = "bare"
  location  = "global"
  body      = { properties = { enabledState = "Enabled" } }
}
resource "azapi_resource" "bareRoute" {
  type      = "Microsoft.Cdn/profiles/afdEndpoints/routes@2021-06-01"
  parent_id = azapi_resource.bareEndpoint.id
  name      = "bare"
  body = {
    properties = {
      originGroup = { id = "og" }
    }
  }
}
"""
_TLS = (
    "TLS 1.2 or later is the minimum protocol version (Azure Front Door accepts TLS 1.2 and "
    "1.3 only: a TLS 1.0 or 1.1 minimum is disallowed since 1 March 2025 and Front Door "
    "(classic) keeps TLS 1.2 "
    "(https://learn.microsoft.com/azure/frontdoor/standard-premium/tls-policy))"
)
_ENDPOINTS = (
    "azurerm_cdn_frontdoor_endpoint.plain", "azurerm_cdn_frontdoor_endpoint.redirected",
    "azurerm_cdn_frontdoor_endpoint.lonely", "azurerm_frontdoor.classic",
    "azapi_resource.afdEndpoint",
)


@pytest.fixture(scope="module")
def findings(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("frontdoor")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(
        rule_ids=["GDCC-ENC-004", "GDCC-ENC-005", "GDCC-GRAPH-013", "GDCC-NET-003"]
    ))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {(f.rule_id, addresses[f.resource_id]): f for f in result.findings}


@pytest.mark.parametrize("address", _ENDPOINTS)
def test_front_door_accepts_tls_1_2_at_least(
    findings: dict[tuple[str, str], Finding], address: str
) -> None:
    found = findings[("GDCC-ENC-005", address)]
    assert (found.status, found.message.en) == (Status.PASS, _TLS)


@pytest.mark.parametrize(("address", "status", "why"), [
    ("azurerm_cdn_frontdoor_endpoint.plain", Status.FAIL,
     "azurerm_cdn_frontdoor_route.plain serves plain HTTP (it accepts Http and does not "
     "redirect it to HTTPS)"),
    ("azurerm_cdn_frontdoor_endpoint.redirected", Status.PASS,
     "azurerm_cdn_frontdoor_route.redirected redirects HTTP to HTTPS"),
    ("azurerm_cdn_frontdoor_endpoint.lonely", Status.UNKNOWN,
     "no route of the scanned configuration serves it"),
    ("azurerm_frontdoor.classic", Status.FAIL,
     "routing rule http serves plain HTTP (it accepts Http and does not redirect it to HTTPS)"),
    ("azapi_resource.afdEndpoint", Status.PASS, "azapi_resource.route redirects HTTP to HTTPS"),
    # stop 36: the REST API's defaults (both HTTP and HTTPS, no redirect); was UNKNOWN
    ("azapi_resource.bareEndpoint", Status.FAIL,
     "azapi_resource.bareRoute (not written, the REST API default: supportedProtocols "
     "[Http, Https], httpsRedirect Disabled; "),
])
def test_https_only_comes_from_the_routes(
    findings: dict[tuple[str, str], Finding], address: str, status: Status, why: str
) -> None:
    found = findings[("GDCC-ENC-004", address)]
    assert found.status is status
    assert why in found.message.en


@pytest.mark.parametrize("address", _ENDPOINTS)
def test_a_front_door_endpoint_is_an_internet_entry(
    findings: dict[tuple[str, str], Finding], address: str
) -> None:
    found = findings[("GDCC-GRAPH-013", address)]
    assert found.status is Status.FAIL
    assert found.message.en.startswith("it is reachable from the internet: internet → ")


def test_an_azapi_endpoint_no_security_policy_names_has_no_waf(
    findings: dict[tuple[str, str], Finding],
) -> None:
    """Stop 35: AzAPI security policies are read (``azapi_frontdoor``); none names this
    endpoint and every domain they associate is known: no WAF (was UNKNOWN "not read")."""
    found = findings[("GDCC-NET-003", "azapi_resource.afdEndpoint")]
    assert found.status is Status.FAIL
    assert found.message.en == "a public entry point without a web application firewall"
