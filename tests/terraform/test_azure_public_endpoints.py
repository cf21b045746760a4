"""GDCC-NET-002 on Azure data services reads one thing, as on AWS and Google (stop 39): does the
service have a public endpoint? Public network access on is one, whatever its IP firewall
lists (AI Search ``allowed_ips``, Data Explorer ``allowed_ip_ranges``, Service Bus
``network_rule_set``, which turned it into a PASS); the firewall's ranges are named in the
FAIL and are what the service admits (``ingress``), judged by GDCC-GRAPH-004. A Service Bus
rule set written apart (``azurerm_servicebus_namespace_network_rule_set``) or as an AzAPI
``networkRuleSets`` child is read; an Azure cache injected in a subnet has no public
endpoint. SignalR, Web PubSub and IoT Hub (not mapped) are judged by GDCC-NET-004; AzAPI
Synapse workspaces and AI Search services (not judged) as their azurerm types."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

TF = """\
resource "azurerm_search_service" "listed" {
  name                = "listed"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "standard"
  allowed_ips         = ["203.0.113.0/24", "198.51.100.7"]
}
resource "azurerm_search_service" "open" {
  name                = "open"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "standard"
}
resource "azurerm_search_service" "closed" {
  name                          = "closed"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  sku                           = "standard"
  public_network_access_enabled = false
}
resource "azapi_resource" "kusto" {
  type      = "Microsoft.Kusto/clusters@2023-08-15"
  name      = "kusto"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku        = { name = "Standard_E2a_v4", tier = "Standard", capacity = 2 }
    properties = { allowedIpRangeList = ["203.0.113.0/24"] }
  }
}
resource "azurerm_servicebus_namespace" "apart_closed" {
  name                = "apart-closed"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Premium"
  capacity            = 1
}
resource "azurerm_servicebus_namespace_network_rule_set" "apart_closed" {
  namespace_id                  = azurerm_servicebus_namespace.apart_closed.id
  default_action                = "Deny"
  public_network_access_enabled = false
}
resource "azurerm_servicebus_namespace" "apart_listed" {
  name                = "apart-listed"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Premium"
  capacity            = 1
}
resource "azurerm_servicebus_namespace_network_rule_set" "apart_listed" {
  namespace_id   = azurerm_servicebus_namespace.apart_listed.id
  default_action = "Deny"
  ip_rules       = ["198.51.100.7"]
  network_rules {
    subnet_id = "/subscriptions/x/subnets/s"
  }
}
resource "azapi_resource" "bus_closed" {
  type      = "Microsoft.ServiceBus/namespaces@2022-10-01-preview"
  name      = "bus-closed"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku        = { name = "Premium" }
    properties = {}
  }
}
resource "azapi_resource" "bus_closed_rules" {
  type      = "Microsoft.ServiceBus/namespaces/networkRuleSets@2022-10-01-preview"
  name      = "default"
  parent_id = azapi_resource.bus_closed.id
  body = {
    properties = {
      defaultAction       = "Deny"
      publicNetworkAccess = "Disabled"
    }
  }
}
resource "azapi_resource" "bus_listed" {
  type      = "Microsoft.ServiceBus/namespaces@2022-10-01-preview"
  name      = "bus-listed"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku        = { name = "Premium" }
    properties = {}
  }
}
resource "azapi_resource" "bus_listed_rules" {
  type      = "Microsoft.ServiceBus/namespaces/networkRuleSets@2022-10-01-preview"
  name      = "default"
  parent_id = azapi_resource.bus_listed.id
  body = {
    properties = {
      defaultAction = "Deny"
      ipRules       = [{ ipMask = "203.0.113.9", action = "Allow" }]
    }
  }
}
resource "azurerm_redis_cache" "injected" {
  name                = "injected"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "P"
  sku_name            = "Premium"
  subnet_id           = "/subscriptions/x/subnets/redis"
}
resource "azurerm_redis_cache" "plain" {
  name                = "plain"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}
resource "azapi_resource" "cache" {
  type      = "Microsoft.Cache/redis@2023-08-01"
  name      = "cache"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      sku      = { name = "Premium", family = "P", capacity = 1 }
      subnetId = "/subscriptions/x/subnets/redis"
    }
  }
}
"""

_PUBLIC = "the endpoint is public"
_DEFAULT = f"{_PUBLIC} (provider default: 'public_network_access_enabled' not set)"
_NARROWS = "a firewall narrows who reaches the public endpoint, it does not remove it"
_GRAPH = "the addresses it admits are judged by GDCC-GRAPH-004"
_INJECTED = "injected in a virtual network by subnet_id: such a cache is not publicly addressable"


@pytest.fixture(scope="module")
def found(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("azure_public")
    (folder / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-NET-002", "GDCC-GRAPH-004"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(str(addresses[f.resource_id]), f.rule_id): f for f in result.findings}


@pytest.mark.parametrize(
    ("address", "rule", "status", "message"),
    [
        # AI Search: listed addresses PASSed NET-002
        ("azurerm_search_service.listed", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 203.0.113.0/24, 198.51.100.7: {_NARROWS}; {_GRAPH})"),
        ("azurerm_search_service.open", "GDCC-NET-002", Status.FAIL, _DEFAULT),
        ("azurerm_search_service.closed", "GDCC-NET-002", Status.PASS, None),
        # its allow-list is its ingress on HTTPS (GDCC-GRAPH-004 was UNKNOWN "filtering not
        # known" on every service)
        ("azurerm_search_service.open", "GDCC-GRAPH-004", Status.FAIL,
         "the data tier is not segmented from the web tier: it admits any address on "
         "port(s) 443"),
        ("azurerm_search_service.listed", "GDCC-GRAPH-004", Status.UNKNOWN,
         "cannot tell which addresses it admits: listed allows 203.0.113.0/24 (no scanned "
         "subnet)"),
        ("azurerm_search_service.closed", "GDCC-GRAPH-004", Status.PASS, None),
        # AzAPI Data Explorer: allowedIpRangeList PASSed NET-002
        ("azapi_resource.kusto", "GDCC-NET-002", Status.FAIL,
         f"{_PUBLIC} (its firewall admits 203.0.113.0/24: {_NARROWS}; {_GRAPH})"),
        # a Service Bus rule set written apart was not read (FAIL whatever it said)
        ("azurerm_servicebus_namespace.apart_closed", "GDCC-NET-002", Status.PASS, None),
        ("azurerm_servicebus_namespace.apart_listed", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 198.51.100.7 and 1 subnet not in the scan: "
         f"{_NARROWS})"),
        # nor was an AzAPI networkRuleSets child
        ("azapi_resource.bus_closed", "GDCC-NET-002", Status.PASS, None),
        ("azapi_resource.bus_listed", "GDCC-NET-002", Status.FAIL,
         f"{_PUBLIC} (its firewall admits 203.0.113.9: {_NARROWS})"),
        # a cache injected in a subnet is not publicly addressable (FAILed on the default)
        ("azurerm_redis_cache.injected", "GDCC-NET-002", Status.PASS,
         f"Databases and message brokers are not reachable through a public endpoint "
         f"({_INJECTED})"),
        ("azapi_resource.cache", "GDCC-NET-002", Status.PASS, None),
        ("azurerm_redis_cache.plain", "GDCC-NET-002", Status.FAIL, _PUBLIC),
    ],
)
def test_public_endpoint(
    found: dict[tuple[str, str], Finding], address: str, rule: str, status: Status,
    message: str | None,
) -> None:
    finding = found[(address, rule)]
    assert finding.status is status, finding.message.en
    if message is not None:
        assert finding.message.en == message


def test_firewall_named_in_evidence_and_thai(found: dict[tuple[str, str], Finding]) -> None:
    finding = found[("azurerm_search_service.listed", "GDCC-NET-002")]
    assert finding.evidence["decided_by"] == {
        "public_endpoint": f"its firewall admits 203.0.113.0/24, 198.51.100.7: {_NARROWS}; "
        f"{_GRAPH}"
    }
    assert "ไฟร์วอลล์อนุญาต 203.0.113.0/24, 198.51.100.7" in finding.message.th
    assert "ตรวจโดย GDCC-GRAPH-004" in finding.message.th
    bus = found[("azurerm_servicebus_namespace.apart_listed", "GDCC-NET-002")]
    assert "ไฟร์วอลล์อนุญาต 198.51.100.7 และ subnet ที่ไม่อยู่ในชุดที่ตรวจ 1 รายการ" in bus.message.th
    injected = found[("azurerm_redis_cache.injected", "GDCC-NET-002")]
    assert "ติดตั้งอยู่ใน virtual network ด้วย subnet_id" in injected.message.th


REALTIME = """\
resource "azurerm_signalr_service" "open" {
  name                = "open"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "Standard_S1"
    capacity = 1
  }
}
resource "azurerm_signalr_service" "closed" {
  name                          = "closed"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  public_network_access_enabled = false
  sku {
    name     = "Standard_S1"
    capacity = 1
  }
}
resource "azurerm_signalr_service" "acl" {
  name                = "acl"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "Standard_S1"
    capacity = 1
  }
}
resource "azurerm_signalr_service_network_acl" "acl" {
  signalr_service_id = azurerm_signalr_service.acl.id
  default_action     = "Deny"
  public_network {}
  private_endpoint {
    id                    = "/subscriptions/x/privateEndpoints/pe"
    allowed_request_types = ["ClientConnection", "ServerConnection"]
  }
}
resource "azurerm_signalr_service" "acl_client" {
  name                = "aclclient"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "Standard_S1"
    capacity = 1
  }
}
resource "azurerm_signalr_service_network_acl" "acl_client" {
  signalr_service_id = azurerm_signalr_service.acl_client.id
  default_action     = "Deny"
  public_network {
    allowed_request_types = ["ClientConnection"]
  }
}
resource "azurerm_web_pubsub" "open" {
  name                = "wps"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard_S1"
}
resource "azurerm_web_pubsub" "denied" {
  name                = "wpsdenied"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard_S1"
}
resource "azurerm_web_pubsub_network_acl" "denied" {
  web_pubsub_id = azurerm_web_pubsub.denied.id
  public_network {
    denied_request_types = ["ClientConnection"]
  }
}
resource "azurerm_iothub" "open" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "S1"
    capacity = 1
  }
}
resource "azurerm_iothub" "listed" {
  name                = "hublisted"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "S1"
    capacity = 1
  }
  network_rule_set {
    ip_rule {
      name    = "office"
      ip_mask = "203.0.113.0/24"
    }
  }
}
resource "azurerm_iothub" "allow" {
  name                = "huballow"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "S1"
    capacity = 1
  }
  network_rule_set {
    default_action = "DefaultActionAllow"
  }
}
resource "azurerm_iothub" "closed" {
  name                = "hubclosed"
  location            = "southeastasia"
  resource_group_name = "rg"
  public_network_access_enabled = false
  sku {
    name     = "S1"
    capacity = 1
  }
}
resource "azurerm_iothub" "classic" {
  name                = "hubclassic"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "S1"
    capacity = 1
  }
  ip_filter_rule {
    name    = "office"
    ip_mask = "203.0.113.0/24"
    action  = "Accept"
  }
}
"""

_ENDPOINT_DEFAULT = f"{_PUBLIC} (provider default: 'public_network_access_enabled' not set)"


@pytest.fixture(scope="module")
def realtime(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("azure_realtime")
    (folder / "main.tf").write_text(REALTIME, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-NET-004"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(str(addresses[f.resource_id]), f.rule_id): f for f in result.findings}


@pytest.mark.parametrize(
    ("address", "status", "message"),
    [
        # public network access "Defaults to true" (SignalR, Web PubSub)
        ("azurerm_signalr_service.open", Status.FAIL, _ENDPOINT_DEFAULT),
        ("azurerm_signalr_service.closed", Status.PASS, None),
        # a network ACL that lets the public network make no request closes it
        ("azurerm_signalr_service.acl", Status.PASS,
         "Key vaults, storage accounts, web apps, disks, snapshots, event hubs, registries and "
         "AI, data and machine learning services do not accept connections from every network "
         "(its network ACL lets the public network make no request)"),
        ("azurerm_signalr_service.acl_client", Status.FAIL, _ENDPOINT_DEFAULT),
        ("azurerm_web_pubsub.open", Status.FAIL, _ENDPOINT_DEFAULT),
        # Web PubSub ACL default_action "Deny": denying ClientConnection leaves nothing
        ("azurerm_web_pubsub.denied", Status.PASS, None),
        # IoT Hub: public endpoint by default; network_rule_set Deny (its default) narrows
        ("azurerm_iothub.open", Status.FAIL, _ENDPOINT_DEFAULT),
        ("azurerm_iothub.listed", Status.PASS, None),
        ("azurerm_iothub.allow", Status.FAIL, _ENDPOINT_DEFAULT),
        ("azurerm_iothub.closed", Status.PASS, None),
        ("azurerm_iothub.classic", Status.UNKNOWN,
         "whether the endpoint is public is not known from the input: it lists classic "
         "ip_filter_rule entries (an ordered accept / reject list retired by Azure for the "
         "network_rule_set IP filter): what they let in is not read"),
    ],
)
def test_realtime_and_iot_reach(
    realtime: dict[tuple[str, str], Finding], address: str, status: Status,
    message: str | None,
) -> None:
    finding = realtime[(address, "GDCC-NET-004")]
    assert finding.status is status, finding.message.en
    if message is not None:
        assert finding.message.en == message


SYNAPSE = """\
resource "azapi_resource" "syn" {
  type      = "Microsoft.Synapse/workspaces@2021-06-01"
  name      = "syn"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      publicNetworkAccess = "Enabled"
      defaultDataLakeStorage = { accountUrl = "https://a.dfs.core.windows.net", filesystem = "fs" }
    }
  }
}
resource "azapi_resource" "syn_all" {
  type      = "Microsoft.Synapse/workspaces/firewallRules@2021-06-01"
  name      = "allowAll"
  parent_id = azapi_resource.syn.id
  body = {
    properties = { startIpAddress = "0.0.0.0", endIpAddress = "255.255.255.255" }
  }
}
resource "azapi_resource" "syn_private" {
  type      = "Microsoft.Synapse/workspaces@2021-06-01"
  name      = "synp"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {
      publicNetworkAccess       = "Disabled"
      azureADOnlyAuthentication = true
    }
  }
}
resource "azapi_resource" "syn_unwritten" {
  type      = "Microsoft.Synapse/workspaces@2021-06-01"
  name      = "synu"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    properties = {}
  }
}
resource "azapi_resource" "search" {
  type      = "Microsoft.Search/searchServices@2023-11-01"
  name      = "search"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = { name = "standard" }
    properties = {
      networkRuleSet = { ipRules = [{ value = "203.0.113.0/24" }] }
    }
  }
}
resource "azapi_resource" "search_private" {
  type      = "Microsoft.Search/searchServices@2023-11-01"
  name      = "searchp"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = { name = "standard" }
    properties = {
      publicNetworkAccess = "disabled"
      disableLocalAuth    = true
    }
  }
}
resource "azurerm_private_endpoint" "pe" {
  name                = "pe"
  location            = "southeastasia"
  resource_group_name = "rg"
  subnet_id           = "/subscriptions/x/subnets/s"
  private_service_connection {
    name                           = "pe"
    private_connection_resource_id = azapi_resource.search_private.id
    is_manual_connection           = false
    subresource_names              = ["searchService"]
  }
}
resource "azapi_resource" "search_closed" {
  type      = "Microsoft.Search/searchServices@2023-11-01"
  name      = "searchc"
  parent_id = "/subscriptions/x/resourceGroups/rg"
  location  = "southeastasia"
  body = {
    sku = { name = "standard" }
    properties = {
      publicNetworkAccess = "disabled"
    }
  }
}
"""


@pytest.fixture(scope="module")
def synapse(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("azapi_synapse")
    (folder / "main.tf").write_text(SYNAPSE, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=["GDCC-NET-002", "GDCC-GRAPH-004", "GDCC-DB-001"]))
    addresses = {r.id: r.address for r in result.resources}
    return {(str(addresses[f.resource_id]), f.rule_id): f for f in result.findings}


@pytest.mark.parametrize(
    ("address", "rule", "status", "message"),
    [
        # its AzAPI firewallRules child admitting every address is named, as for azurerm
        ("azapi_resource.syn", "GDCC-NET-002", Status.FAIL,
         "the endpoint is public (firewall rule azapi_resource.syn_all admits every address "
         "(0.0.0.0-255.255.255.255))"),
        ("azapi_resource.syn", "GDCC-GRAPH-004", Status.FAIL,
         "the data tier is not segmented from the web tier: it admits any address on "
         "port(s) 1433"),
        ("azapi_resource.syn", "GDCC-DB-001", Status.FAIL, None),
        ("azapi_resource.syn_private", "GDCC-NET-002", Status.PASS, None),
        ("azapi_resource.syn_private", "GDCC-DB-001", Status.PASS, None),
        # no REST default for publicNetworkAccess: not known, saying so
        ("azapi_resource.syn_unwritten", "GDCC-NET-002", Status.UNKNOWN,
         "whether the endpoint is public is not known from the input: "
         "properties.publicNetworkAccess is not written and the Synapse REST reference gives "
         "no default for it"),
        # AzAPI AI Search: publicNetworkAccess "enabled" when not written; ipRules named
        ("azapi_resource.search", "GDCC-NET-002", Status.FAIL,
         f"{_PUBLIC} (its firewall admits 203.0.113.0/24: {_NARROWS}; {_GRAPH})"),
        ("azapi_resource.search", "GDCC-DB-001", Status.FAIL, None),
        ("azapi_resource.search_private", "GDCC-NET-002", Status.PASS, None),
        ("azapi_resource.search_private", "GDCC-DB-001", Status.PASS, None),
        # its private endpoint admits addresses not read: not "segmented"
        ("azapi_resource.search_private", "GDCC-GRAPH-004", Status.UNKNOWN, None),
        ("azapi_resource.search_closed", "GDCC-GRAPH-004", Status.PASS, None),
    ],
)
def test_azapi_synapse(
    synapse: dict[tuple[str, str], Finding], address: str, rule: str, status: Status,
    message: str | None,
) -> None:
    finding = synapse[(address, rule)]
    assert finding.status is status, finding.message.en
    if message is not None:
        assert finding.message.en == message
