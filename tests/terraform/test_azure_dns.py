"""Azure DNS zones were not judged (``azurerm_dns_zone``, ``azurerm_private_dns_zone`` and
their AzAPI forms listed as "not judged"), and a private zone's GDCC-DNS-001 PASS (any rule
passed by its second alternative) said only the rule's title. A public Azure zone is now
unsigned unless an AzAPI ``dnssecConfigs`` child signs it (azurerm has no DNSSEC resource),
a private one PASSes saying it is private."""

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
resource "azurerm_dns_zone" "public" {
  name                = "agency.go.th"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azurerm_dns_zone" "signed" {
  name                = "signed.go.th"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azapi_resource" "dnssec" {
  type      = "Microsoft.Network/dnsZones/dnssecConfigs@2023-07-01-preview"
  name      = "default"
  parent_id = azurerm_dns_zone.signed.id
}
resource "azurerm_private_dns_zone" "private" {
  name                = "privatelink.blob.core.windows.net"
  resource_group_name = azurerm_resource_group.rg.name
}
resource "azapi_resource" "zone" {
  type      = "Microsoft.Network/dnsZones@2018-05-01"
  name      = "other.go.th"
  parent_id = azurerm_resource_group.rg.id
  location  = "global"
  body      = { properties = {} }
}
resource "azapi_resource" "legacy_private" {
  type      = "Microsoft.Network/dnsZones@2018-05-01"
  name      = "legacy.internal"
  parent_id = azurerm_resource_group.rg.id
  location  = "global"
  body      = { properties = { zoneType = "Private" } }
}
resource "azapi_resource" "private_zone" {
  type      = "Microsoft.Network/privateDnsZones@2018-09-01"
  name      = "internal.example"
  parent_id = azurerm_resource_group.rg.id
  location  = "global"
}
"""
_UNSIGNED = (
    "the zone is public and DNSSEC signing is off (no DNSSEC configuration of the scan signs "
    "the zone and an Azure DNS zone is unsigned until one is created "
    "(learn.microsoft.com/azure/dns/dnssec); the azurerm provider has no resource for it: "
    "AzAPI Microsoft.Network/dnsZones/dnssecConfigs)"
)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Finding], dict[str, int]]:
    folder = tmp_path_factory.mktemp("dns")
    (folder / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-DNS-001"]))
    addresses = {r.id: str(r.address) for r in result.resources}
    return {addresses[f.resource_id]: f for f in result.findings}, dict(result.not_judged)


@pytest.mark.parametrize("address", ["azurerm_dns_zone.public", "azapi_resource.zone"])
def test_a_public_zone_no_dnssec_configuration_signs_fails(
    scanned: tuple[dict[str, Finding], dict[str, int]], address: str
) -> None:
    found = scanned[0][address]
    assert (found.status, found.message.en) == (Status.FAIL, _UNSIGNED)


def test_an_azapi_dnssec_configuration_signs_its_zone(
    scanned: tuple[dict[str, Finding], dict[str, int]],
) -> None:
    found = scanned[0]["azurerm_dns_zone.signed"]
    assert (found.status, found.message.en) == (
        Status.PASS, "DNSSEC signing is on (signed by azapi_resource.dnssec)"
    )


@pytest.mark.parametrize("address", [
    "azurerm_private_dns_zone.private", "azapi_resource.legacy_private",
    "azapi_resource.private_zone",
])
def test_a_private_zone_passes_saying_it_is_private(
    scanned: tuple[dict[str, Finding], dict[str, int]], address: str
) -> None:
    found = scanned[0][address]
    assert (found.status, found.message.en) == (Status.PASS, "the zone is private")


def test_zones_and_the_dnssec_child_are_judged(
    scanned: tuple[dict[str, Finding], dict[str, int]],
) -> None:
    assert not {name for name in scanned[1] if "dns" in name.lower()}
