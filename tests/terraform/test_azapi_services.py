"""AzAPI Azure AI services, container registries, Data Explorer clusters, Batch accounts, Data
Factory and App Configuration stores (``normalize/terraform/azapi_services.py``) were "Not
judged" (``azapi_resource (Microsoft.CognitiveServices/accounts)``, the way Azure Verified
Modules write an Azure OpenAI account): their reach is judged as the azurerm types' is, with
the service's documented default (public) where ``publicNetworkAccess`` is not written, and
not known where no page states it."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

BODIES = """\
resource "azapi_resource" "cog" {
  type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name      = "cog"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    kind = "OpenAI"
    sku  = { name = "S0" }
    properties = { customSubDomainName = "cog" }
  }
}
resource "azapi_resource" "cog_closed" {
  type      = "Microsoft.CognitiveServices/accounts@2024-10-01"
  name      = "cog2"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    kind = "OpenAI"
    sku  = { name = "S0" }
    properties = { publicNetworkAccess = "Disabled" }
  }
}
resource "azapi_resource" "acr" {
  type      = "Microsoft.ContainerRegistry/registries@2023-07-01"
  name      = "acr"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = { name = "Premium" }
    properties = {
      anonymousPullEnabled = true
      networkRuleSet = {
        defaultAction = "Deny"
        ipRules       = [{ action = "Allow", value = "203.0.113.0/24" }]
      }
    }
  }
}
resource "azapi_resource" "kusto" {
  type      = "Microsoft.Kusto/clusters@2023-08-15"
  name      = "kusto"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = { name = "Standard_D13_v2", tier = "Standard", capacity = 2 }
    properties = {}
  }
}
resource "azapi_resource" "adf" {
  type      = "Microsoft.DataFactory/factories@2018-06-01"
  name      = "adf"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = { properties = {} }
}
resource "azapi_resource" "appconfig" {
  type      = "Microsoft.AppConfiguration/configurationStores@2024-05-01"
  name      = "appconfig"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = { sku = { name = "standard" }, properties = { publicNetworkAccess = "Disabled" } }
}
resource "azapi_resource" "batch" {
  type      = "Microsoft.Batch/batchAccounts@2024-02-01"
  name      = "batch"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      publicNetworkAccess = "Enabled"
      networkProfile = {
        accountAccess = {
          defaultAction = "Deny"
          ipRules       = [{ action = "Allow", value = "0.0.0.0/0" }]
        }
      }
    }
  }
}
"""


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("azapi")
    (folder / "main.tf").write_text(BODIES, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-NET-002", "GDCC-NET-004",
                                                  "GDCC-DATA-001", "GDCC-BCK-001"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(str(addresses[f.resource_id]), f.rule_id): f for f in result.findings}


@pytest.mark.parametrize(
    ("address", "rule", "status", "message"),
    [
        # no publicNetworkAccess, no networkAcls: "accept connections from clients on any
        # network"
        ("azapi_resource.cog", "GDCC-NET-004", Status.FAIL, "the endpoint is public"),
        ("azapi_resource.cog_closed", "GDCC-NET-004", Status.PASS, None),
        # Deny with one narrow range; anonymous pull on a Premium registry
        ("azapi_resource.acr", "GDCC-NET-004", Status.PASS, None),
        # anonymous pull, behind the registry's firewall (Deny, one range): not "anyone on
        # the internet" (stop 43)
        ("azapi_resource.acr", "GDCC-DATA-001", Status.FAIL,
         "anyone on the networks its network rules admit can read this store without "
         "signing in (its endpoint is closed to the rest of the internet)"),
        ("azapi_resource.kusto", "GDCC-NET-002", Status.FAIL, "the endpoint is public"),
        ("azapi_resource.kusto", "GDCC-DATA-001", Status.PASS, None),
        # no backup setting (azurerm_kusto_cluster's reason, through the ARM type)
        ("azapi_resource.kusto", "GDCC-BCK-001", Status.NOT_APPLICABLE, None),
        ("azapi_resource.adf", "GDCC-NET-004", Status.UNKNOWN,
         "whether the endpoint is public is not known from the input: publicNetworkAccess is "
         "not written and the REST API reference states no default for it: whether the "
         "service answers every network is not known"),
        ("azapi_resource.appconfig", "GDCC-NET-004", Status.PASS, None),
        # accountAccess Deny, but an ipRules value open to the internet
        ("azapi_resource.batch", "GDCC-NET-004", Status.FAIL, "the endpoint is public"),
    ],
)
def test_azapi_service_reach(
    found: dict[tuple[str, str], Finding], address: str, rule: str, status: Status,
    message: str | None,
) -> None:
    finding = found[(address, rule)]
    assert finding.status is status, finding.message.en
    if message is not None:
        assert finding.message.en == message
