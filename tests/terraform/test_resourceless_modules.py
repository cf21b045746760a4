"""Registry modules that declare no resource a rule reads (``load/terraform/known_modules``:
Azure/naming/azurerm, Azure/regions/azurerm, Azure/avm-utl-regions/azurerm,
Azure/avm-utl-interfaces/azure, cloudposse/label/null) hide nothing when not downloaded.

Every Azure Verified Modules example calls ``module "naming"`` (and often a regions module)
from the registry. Not downloaded, each left its root with a gap, so every rule looking for a
companion resource was UNKNOWN 'may be declared in a part of the configuration not scanned
(module.naming (Azure/naming/azurerm): remote source: not downloaded)': a virtual network's
flow log (GDCC-LOG-005, 12 virtual networks of avm-res-network-applicationgateway's examples),
an application gateway's diagnostic setting (GDCC-LOG-007 / GRAPH-013), a private DNS zone's
DNS security policy (GDCC-DNS-002). Those modules make only names (random_string) or read
regions (data sources): the root is whole. They are still listed among the modules not read
(their outputs stay UNKNOWN); any other module not downloaded is a gap as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.known_modules import resourceless
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ROOT = """\
module "naming" {
  source  = "Azure/naming/azurerm"
  version = "0.4.0"
}
module "regions" {
  source  = "registry.terraform.io/Azure/avm-utl-regions/azurerm"
  version = "0.5.0"
}
resource "azurerm_virtual_network" "vnet" {
  name                = module.naming.virtual_network.name_unique
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_private_dns_zone" "kv" {
  name                = "privatelink.vaultcore.azure.net"
  resource_group_name = "rg"
}
resource "azurerm_private_dns_zone_virtual_network_link" "kv" {
  name                  = "kv"
  resource_group_name   = "rg"
  private_dns_zone_name = azurerm_private_dns_zone.kv.name
  virtual_network_id    = azurerm_virtual_network.vnet.id
}
"""

#: a registry module that declares resources (a network watcher, flow logs may be among them)
OTHER = """\
module "watcher" {
  source  = "Azure/avm-res-network-networkwatcher/azurerm"
  version = "0.3.0"
}
"""


def _verdicts(tmp_path: Path, text: str) -> tuple[dict[str, tuple[Status, str]], list[str]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    report = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-005", "GDCC-DNS-002")))
    found = {f.rule_id: (f.status, f.message.en) for f in report.findings}
    return found, [m.address for m in report.modules_not_read]


def test_naming_and_regions_modules_leave_the_root_whole(tmp_path: Path) -> None:
    found, not_read = _verdicts(tmp_path, ROOT)
    assert found == {
        "GDCC-LOG-005": (
            Status.FAIL, "no flow log records this network; the whole configuration was scanned"
        ),
        "GDCC-DNS-002": (
            Status.FAIL,
            "access logging is off (no DNS security policy of the scanned configuration logs "
            "the queries of azurerm_virtual_network.vnet, a virtual network linked to the "
            "zone; Azure logs DNS queries only through one "
            "(learn.microsoft.com/azure/dns/dns-security-policy))",
        ),
    }
    # still named as modules not read: their outputs are not known
    assert not_read == ["module.naming", "module.regions"]


def test_another_module_not_downloaded_is_still_a_gap(tmp_path: Path) -> None:
    found, not_read = _verdicts(tmp_path, ROOT + OTHER)
    assert not_read == ["module.naming", "module.regions", "module.watcher"]
    assert found["GDCC-LOG-005"] == (
        Status.UNKNOWN,
        "no flow log records this network in the scanned input, but part of it was not "
        "available: module.watcher (Azure/avm-res-network-networkwatcher/azurerm): remote "
        "source: not downloaded",
    )
    assert found["GDCC-DNS-002"][0] is Status.UNKNOWN
    assert "module.watcher" in found["GDCC-DNS-002"][1]
    assert "module.naming" not in found["GDCC-DNS-002"][1]


#: the naming module called with a constraint that admits releases after the newest read
LOOSE = ROOT.replace('version = "0.4.0"', 'version = "~> 0.4"')


def test_a_constraint_admitting_later_releases_keeps_the_gap(tmp_path: Path) -> None:
    # "~> 0.4" may install a 0.5 that declares a resource (a flow log, a DNS security
    # policy): the root is not whole, and the reason says why the module is not taken as
    # declaring none
    found, not_read = _verdicts(tmp_path, LOOSE)
    assert not_read == ["module.naming", "module.regions"]
    assert found["GDCC-LOG-005"] == (
        Status.UNKNOWN,
        "no flow log records this network in the scanned input, but part of it was not "
        "available: module.naming (Azure/naming/azurerm): remote source: not downloaded; "
        'version "~> 0.4" admits releases after 0.4.3, the newest known to declare no resource',
    )
    report = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-005",), lang="th"))
    assert (
        'เวอร์ชัน "~> 0.4" ยอมรับรุ่นที่ออกหลัง 0.4.3 ซึ่งเป็นรุ่นล่าสุดที่ทราบว่าไม่ได้ประกาศทรัพยากรใด'
        in report.findings[0].message.th
    )


@pytest.mark.parametrize(
    ("source", "version", "expected"),
    [
        ("Azure/naming/azurerm", "0.4.3", True),
        ("azure/NAMING/azurerm", "0.4.2", True),  # registry addresses are case-insensitive
        ("Azure/naming/azurerm", ">= 0.3, <= 0.4.3", True),
        ("Azure/naming/azurerm", "~> 0.4.0", False),  # 0.4.4 would not have been read
        ("Azure/naming/azurerm", "~> 0.4", False),
        ("Azure/naming/azurerm", "0.4.4", False),  # not published when read
        ("Azure/naming/azurerm", None, False),  # init installs the newest
        ("registry.terraform.io/Azure/regions/azurerm", "0.8.2", True),
        ("registry.opentofu.org/Azure/avm-utl-regions/azurerm", "0.12.0", True),
        ("Azure/avm-utl-regions/azurerm", ">= 0.12.0", False),
        ("Azure/avm-utl-interfaces/azure", "0.7.0", True),
        ("cloudposse/label/null", "0.25.0", True),
        ("git::https://github.com/cloudposse/terraform-null-label.git?ref=tags/0.25.0", None, True),
        ("git::https://github.com/cloudposse/terraform-null-label.git?ref=main", None, False),
        ("Azure/naming/azurerm//modules/x", "0.4.3", False),  # a submodule: not the one read
        ("git::https://github.com/Azure/terraform-azurerm-naming.git", None, False),
        ("Azure/avm-utl-sku-finder/azapi", "0.3.0", False),  # keeps a cache blob
        ("Azure/avm-res-network-virtualnetwork/azurerm", "0.7.1", False),
        (None, None, False),
    ],
)
def test_which_sources_are_resourceless(
    source: str | None, version: str | None, expected: bool
) -> None:
    assert resourceless(source, version) is expected
