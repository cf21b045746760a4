"""Cosmos DB accounts in the resource graph: what their firewall admits (GDCC-GRAPH-004).
With public network access on and neither an IP nor a virtual network filter, every address
("By default, an Azure Cosmos DB account is accessible from the internet"); else only the
``ip_range_filter`` entries (``0.0.0.0``: any Azure-hosted client) and the subnets of its
``virtual_network_rule`` blocks; with public access off, its private endpoints only. Before,
every account was UNKNOWN "filtering not known"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

ACCOUNTS = """\
resource "azurerm_virtual_network" "vnet" {
  name                = "vnet"
  location            = "southeastasia"
  resource_group_name = "rg"
  address_space       = ["10.0.0.0/16"]
}
resource "azurerm_subnet" "app" {
  name                 = "app"
  resource_group_name  = "rg"
  virtual_network_name = azurerm_virtual_network.vnet.name
  address_prefixes     = ["10.0.1.0/24"]
  service_endpoints    = ["Microsoft.AzureCosmosDB"]
}
resource "azurerm_cosmosdb_account" "open" {
  name                = "open"
  location            = "southeastasia"
  resource_group_name = "rg"
  offer_type          = "Standard"
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
resource "azurerm_cosmosdb_account" "closed" {
  name                          = "closed"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  offer_type                    = "Standard"
  public_network_access_enabled = false
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
resource "azurerm_cosmosdb_account" "office" {
  name                = "office"
  location            = "southeastasia"
  resource_group_name = "rg"
  offer_type          = "Standard"
  ip_range_filter     = ["203.0.113.0/24"]
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
resource "azurerm_cosmosdb_account" "subnet" {
  name                              = "subnet"
  location                          = "southeastasia"
  resource_group_name               = "rg"
  offer_type                        = "Standard"
  kind                              = "MongoDB"
  is_virtual_network_filter_enabled = true
  virtual_network_rule {
    id = azurerm_subnet.app.id
  }
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
resource "azurerm_cosmosdb_account" "azure" {
  name                = "azure"
  location            = "southeastasia"
  resource_group_name = "rg"
  offer_type          = "Standard"
  ip_range_filter     = ["0.0.0.0"]
  consistency_policy {
    consistency_level = "Session"
  }
  geo_location {
    location          = "southeastasia"
    failover_priority = 0
  }
}
"""

NOT_SEGMENTED = "the data tier is not segmented from the web tier: it admits"


def test_cosmos_accounts_admit_what_their_firewall_admits(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(ACCOUNTS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "azurerm_cosmosdb_account.open": (
            Status.FAIL, f"{NOT_SEGMENTED} any address on port(s) 443"
        ),
        # 0.0.0.0: "Accept connections from within public Azure datacenters": the FAIL says
        # what "any address" is there
        "azurerm_cosmosdb_account.azure": (
            Status.FAIL,
            f"{NOT_SEGMENTED} any address on port(s) 443 (azure admits all Azure services: any "
            "client hosted in Azure, other customers' included)",
        ),
        "azurerm_cosmosdb_account.closed": (
            Status.PASS,
            "the data tier admits no address: public network access is off and no private "
            "endpoint in the scan names it",
        ),
        # a public range of no scanned subnet: what it holds is not known
        "azurerm_cosmosdb_account.office": (
            Status.UNKNOWN,
            "cannot tell which addresses it admits: office allows 203.0.113.0/24 "
            "(no scanned subnet)",
        ),
        # the subnet of its virtual network rule (10.0.1.0/24) holds no web tier
        "azurerm_cosmosdb_account.subnet": (
            Status.PASS, "The data tier is segmented from the web tier"
        ),
    }


def test_private_endpoints_beyond_the_scan_keep_a_closed_account_unknown(
    tmp_path: Path,
) -> None:
    # a module that was not read may declare a private endpoint in the web tier's subnet
    (tmp_path / "main.tf").write_text(
        ACCOUNTS
        + 'module "endpoints" {\n  source  = "example/endpoints/azurerm"\n'
        '  version = "1.0.0"\n}\n'
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azurerm_cosmosdb_account.closed"] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: private endpoints of the account may be "
        "declared in what was not scanned (module.endpoints (example/endpoints/azurerm): "
        "remote source: not downloaded)",
    )
    # every address stays every address
    assert found["azurerm_cosmosdb_account.open"][0] == Status.FAIL


def test_every_address_names_the_account_ports_in_a_partial_scan(tmp_path: Path) -> None:
    # the rules that private endpoints declared elsewhere may add open the account's own
    # ports: the FAIL said "any address on port(s) all" (AVM documentdb-databaseaccount,
    # public-restricted-access example)
    (tmp_path / "main.tf").write_text(
        ACCOUNTS
        + 'module "endpoints" {\n  source  = "example/endpoints/azurerm"\n'
        '  version = "1.0.0"\n}\n'
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azurerm_cosmosdb_account.azure"] == (
        Status.FAIL,
        f"{NOT_SEGMENTED} any address on port(s) 443 (azure admits all Azure services: any "
        "client hosted in Azure, other customers' included)",
    )
    assert found["azurerm_cosmosdb_account.subnet"][1].startswith(
        "cannot tell which addresses it admits"
    )


def test_net_002_names_the_entries_of_the_firewall(tmp_path: Path) -> None:
    # the FAIL said only "the endpoint is public"; 0.0.0.0 is "Accept connections from within
    # public Azure datacenters" (learn.microsoft.com/azure/cosmos-db/how-to-configure-firewall),
    # never "no address"
    (tmp_path / "main.tf").write_text(ACCOUNTS)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-002",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    narrows = (
        ": a firewall narrows who reaches the public endpoint, it does not remove it; the "
        "addresses it admits are judged by GDCC-GRAPH-004)"
    )
    assert found == {
        "azurerm_cosmosdb_account.open": (Status.FAIL, "the endpoint is public"),
        "azurerm_cosmosdb_account.azure": (
            Status.FAIL,
            "the endpoint is public (its firewall admits 0.0.0.0 (every client in a public "
            f"Azure datacenter, other customers' subscriptions included){narrows}",
        ),
        "azurerm_cosmosdb_account.office": (
            Status.FAIL, f"the endpoint is public (its firewall admits 203.0.113.0/24{narrows}"
        ),
        "azurerm_cosmosdb_account.subnet": (
            Status.FAIL,
            f"the endpoint is public (its firewall admits subnet azurerm_subnet.app{narrows}",
        ),
        "azurerm_cosmosdb_account.closed": (
            Status.PASS, "Databases and message brokers are not reachable through a public endpoint"
        ),
    }


def test_an_azapi_account_admits_the_subnets_of_its_body(tmp_path: Path) -> None:
    # virtualNetworkRules[].id in the body of an AzAPI account: the subnet of the scan (was
    # UNKNOWN "rule sources not known")
    (tmp_path / "main.tf").write_text(ACCOUNTS + """
resource "azapi_resource" "body" {
  type      = "Microsoft.DocumentDB/databaseAccounts@2024-05-15"
  name      = "body"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      databaseAccountOfferType      = "Standard"
      locations                     = [{ locationName = "southeastasia", failoverPriority = 0 }]
      isVirtualNetworkFilterEnabled = true
      virtualNetworkRules           = [{ id = azurerm_subnet.app.id }]
    }
  }
}
""")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["azapi_resource.body"] == (
        Status.PASS, "The data tier is segmented from the web tier"
    )
