"""Azure and Google data, AI and registry services that can be reached from the internet by a
setting were not judged (their types were "Not judged", or a registry's endpoint was not
read): Azure Data Explorer (Kusto), Azure AI services / OpenAI accounts, Data Factory, Batch
accounts, App Configuration stores, container registries' network access, Container Instances
groups, Service Bus firewalls, AlloyDB instances.
Each absent setting takes the provider's documented default."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

AZURE = """\
resource "azurerm_kusto_cluster" "open" {
  name                = "open"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku {
    name     = "Standard_D13_v2"
    capacity = 2
  }
}
resource "azurerm_kusto_cluster" "listed" {
  name                = "listed"
  location            = "southeastasia"
  resource_group_name = "rg"
  allowed_ip_ranges   = ["10.0.0.0/8"]
  sku {
    name     = "Standard_D13_v2"
    capacity = 2
  }
}
resource "azurerm_kusto_cluster" "everyone" {
  name                = "everyone"
  location            = "southeastasia"
  resource_group_name = "rg"
  allowed_ip_ranges   = ["0.0.0.0/0"]
  sku {
    name     = "Standard_D13_v2"
    capacity = 2
  }
}
resource "azurerm_cognitive_account" "openai" {
  name                = "openai"
  location            = "southeastasia"
  resource_group_name = "rg"
  kind                = "OpenAI"
  sku_name            = "S0"
}
resource "azurerm_cognitive_account" "denied" {
  name                  = "denied"
  location              = "southeastasia"
  resource_group_name   = "rg"
  kind                  = "OpenAI"
  sku_name              = "S0"
  custom_subdomain_name = "denied"
  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_cognitive_account" "allowed" {
  name                  = "allowed"
  location              = "southeastasia"
  resource_group_name   = "rg"
  kind                  = "CognitiveServices"
  sku_name              = "S0"
  custom_subdomain_name = "allowed"
  network_acls {
    default_action = "Allow"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_data_factory" "adf" {
  name                = "adf"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_data_factory" "private" {
  name                   = "private"
  location               = "southeastasia"
  resource_group_name    = "rg"
  public_network_enabled = false
}
resource "azurerm_batch_account" "batch" {
  name                = "batch"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_batch_account" "narrowed" {
  name                = "narrowed"
  location            = "southeastasia"
  resource_group_name = "rg"
  network_profile {
    account_access {
      ip_rule {
        ip_range = "203.0.113.0/24"
      }
    }
  }
}
resource "azurerm_app_configuration" "automatic" {
  name                = "automatic"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_app_configuration" "linked" {
  name                = "linked"
  location            = "southeastasia"
  resource_group_name = "rg"
}
resource "azurerm_private_endpoint" "linked" {
  name                = "linked"
  location            = "southeastasia"
  resource_group_name = "rg"
  subnet_id           = "/subscriptions/x/subnets/s"
  private_service_connection {
    name                           = "linked"
    private_connection_resource_id = azurerm_app_configuration.linked.id
    is_manual_connection           = false
    subresource_names              = ["configurationStores"]
  }
}
resource "azurerm_app_configuration" "enabled" {
  name                  = "enabled"
  location              = "southeastasia"
  resource_group_name   = "rg"
  public_network_access = "Enabled"
}
resource "azurerm_container_registry" "acr" {
  name                = "acr"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Premium"
}
resource "azurerm_container_registry" "denied" {
  name                = "denied"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Premium"
  network_rule_set {
    default_action = "Deny"
    ip_rule {
      action   = "Allow"
      ip_range = "203.0.113.0/24"
    }
  }
}
resource "azurerm_servicebus_namespace" "denied" {
  name                         = "denied"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  network_rule_set {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_servicebus_namespace" "allowed" {
  name                         = "allowed"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  network_rule_set {
    ip_rules = ["203.0.113.0/24"]
  }
}
resource "azurerm_servicebus_namespace" "everyone" {
  name                         = "everyone"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  network_rule_set {
    default_action = "Deny"
    ip_rules       = ["0.0.0.0/0"]
  }
}
resource "azurerm_container_group" "public" {
  name                = "public"
  location            = "southeastasia"
  resource_group_name = "rg"
  os_type             = "Linux"
  container {
    name   = "web"
    image  = "nginx"
    cpu    = 1
    memory = 1
    ports {
      port     = 80
      protocol = "TCP"
    }
  }
}
resource "azurerm_container_group" "private" {
  name                = "private"
  location            = "southeastasia"
  resource_group_name = "rg"
  os_type             = "Linux"
  ip_address_type     = "Private"
  subnet_ids          = ["/subscriptions/x/subnets/s"]
  container {
    name   = "web"
    image  = "nginx"
    cpu    = 1
    memory = 1
  }
}
resource "azurerm_servicebus_namespace" "deny_nothing_listed" {
  name                         = "deny-nothing"
  location                     = "southeastasia"
  resource_group_name          = "rg"
  sku                          = "Premium"
  capacity                     = 1
  premium_messaging_partitions = 1
  network_rule_set {
    default_action = "Deny"
  }
}
resource "azurerm_servicebus_namespace" "standard_subnets" {
  name                = "standard-subnets"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  network_rule_set {
    default_action = "Deny"
    network_rules {
      subnet_id = "/subscriptions/x/subnets/s"
    }
  }
}
resource "azurerm_servicebus_namespace" "basic_listed" {
  name                = "basic-listed"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Basic"
  network_rule_set {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_eventhub_namespace" "deny_nothing_listed" {
  name                = "hub-deny-nothing"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  network_rulesets {
    default_action = "Deny"
  }
}
resource "azurerm_eventhub_namespace" "basic_listed" {
  name                = "hub-basic"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Basic"
  network_rulesets {
    default_action = "Deny"
    ip_rule {
      ip_mask = "203.0.113.0/24"
    }
  }
}
resource "azurerm_eventhub_namespace" "standard_listed" {
  name                = "hub-standard"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku                 = "Standard"
  network_rulesets {
    default_action = "Deny"
    ip_rule {
      ip_mask = "203.0.113.0/24"
    }
  }
}
resource "azurerm_ai_services" "open" {
  name                = "ai-open"
  location            = "southeastasia"
  resource_group_name = "rg"
  sku_name            = "S0"
}
resource "azurerm_ai_services" "denied" {
  name                  = "ai-denied"
  location              = "southeastasia"
  resource_group_name   = "rg"
  sku_name              = "S0"
  custom_subdomain_name = "ai-denied"
  network_acls {
    default_action = "Deny"
    ip_rules       = ["203.0.113.0/24"]
  }
}
resource "azurerm_ai_foundry" "hub" {
  name                = "hub"
  location            = "southeastasia"
  resource_group_name = "rg"
  storage_account_id  = "/subscriptions/x/storageAccounts/sa"
  key_vault_id        = "/subscriptions/x/vaults/kv"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_purview_account" "catalogue" {
  name                = "catalogue"
  location            = "southeastasia"
  resource_group_name = "rg"
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_purview_account" "private" {
  name                   = "private-catalogue"
  location               = "southeastasia"
  resource_group_name    = "rg"
  public_network_enabled = false
  identity {
    type = "SystemAssigned"
  }
}
resource "azurerm_container_registry" "closed" {
  name                          = "closed"
  location                      = "southeastasia"
  resource_group_name           = "rg"
  sku                           = "Premium"
  public_network_access_enabled = false
}
"""

GOOGLE = """\
resource "google_alloydb_instance" "private" {
  cluster       = "projects/p/locations/asia-southeast1/clusters/c"
  instance_id   = "private"
  instance_type = "PRIMARY"
}
resource "google_alloydb_instance" "everyone" {
  cluster       = "projects/p/locations/asia-southeast1/clusters/c"
  instance_id   = "everyone"
  instance_type = "PRIMARY"
  network_config {
    enable_public_ip = true
    authorized_external_networks {
      cidr_range = "0.0.0.0/0"
    }
  }
}
resource "google_alloydb_instance" "connectors" {
  cluster       = "projects/p/locations/asia-southeast1/clusters/c"
  instance_id   = "connectors"
  instance_type = "PRIMARY"
  network_config {
    enable_public_ip = true
  }
  client_connection_config {
    ssl_config {
      ssl_mode = "ALLOW_UNENCRYPTED_AND_ENCRYPTED"
    }
  }
}
"""

_DEFAULT = "the endpoint is public (provider default: 'public_network_access_enabled' not set)"
_NARROWS = "a firewall narrows who reaches the public endpoint, it does not remove it"
_GRAPH = "the addresses it admits are judged by GDCC-GRAPH-004"


def _findings(folder: Path, text: str, rules: list[str]) -> dict[tuple[str, str], Finding]:
    (folder / "main.tf").write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=rules))
    addresses = {r.id: r.address for r in result.resources}
    return {(str(addresses[f.resource_id]), f.rule_id): f for f in result.findings}


@pytest.fixture(scope="module")
def azure(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("azure")
    return _findings(folder, AZURE, ["GDCC-NET-002", "GDCC-NET-004", "GDCC-DATA-001",
                                     "GDCC-DB-001", "GDCC-CMP-008"])


@pytest.mark.parametrize(
    ("address", "rule", "status", "message"),
    [
        ("azurerm_kusto_cluster.open", "GDCC-NET-002", Status.FAIL, _DEFAULT),
        # public network access on is a public endpoint whatever the firewall lists (stop
        # 39: the listed ranges PASSed); the ranges are named, GDCC-GRAPH-004 judges them
        ("azurerm_kusto_cluster.listed", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 10.0.0.0/8: {_NARROWS}; {_GRAPH})"),
        ("azurerm_kusto_cluster.everyone", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 0.0.0.0/0: {_NARROWS}; {_GRAPH})"),
        # every request carries an Entra ID token: no anonymous reading, directory sign-in
        ("azurerm_kusto_cluster.open", "GDCC-DATA-001", Status.PASS, None),
        ("azurerm_kusto_cluster.open", "GDCC-DB-001", Status.PASS, None),
        ("azurerm_cognitive_account.openai", "GDCC-NET-004", Status.FAIL, _DEFAULT),
        ("azurerm_cognitive_account.denied", "GDCC-NET-004", Status.PASS, None),
        # Allow by default: the listed ranges narrow nothing
        ("azurerm_cognitive_account.allowed", "GDCC-NET-004", Status.FAIL, _DEFAULT),
        ("azurerm_data_factory.adf", "GDCC-NET-004", Status.FAIL,
         "the endpoint is public (provider default: 'public_network_enabled' not set)"),
        ("azurerm_data_factory.private", "GDCC-NET-004", Status.PASS, None),
        ("azurerm_batch_account.batch", "GDCC-NET-004", Status.FAIL, _DEFAULT),
        # account_access: default_action "Defaults to Deny"
        ("azurerm_batch_account.narrowed", "GDCC-NET-004", Status.PASS, None),
        ("azurerm_app_configuration.automatic", "GDCC-NET-004", Status.UNKNOWN,
         "whether the endpoint is public is not known from the input: public_network_access "
         "is not written: the store is created with 'Automatic' access, public unless a "
         "private endpoint connects to it (which may be outside the input)"),
        ("azurerm_app_configuration.linked", "GDCC-NET-004", Status.PASS, None),
        ("azurerm_app_configuration.enabled", "GDCC-NET-004", Status.FAIL,
         "the endpoint is public"),
        ("azurerm_container_registry.acr", "GDCC-NET-004", Status.FAIL, _DEFAULT),
        ("azurerm_container_registry.denied", "GDCC-NET-004", Status.PASS, None),
        ("azurerm_container_registry.closed", "GDCC-NET-004", Status.PASS, None),
        ("azurerm_ai_services.open", "GDCC-NET-004", Status.FAIL,
         "the endpoint is public (provider default: 'public_network_access' not set)"),
        ("azurerm_ai_services.denied", "GDCC-NET-004", Status.PASS, None),
        ("azurerm_ai_foundry.hub", "GDCC-NET-004", Status.FAIL,
         "the endpoint is public (provider default: 'public_network_access' not set)"),
        ("azurerm_purview_account.catalogue", "GDCC-NET-004", Status.FAIL,
         "the endpoint is public (provider default: 'public_network_enabled' not set)"),
        ("azurerm_purview_account.private", "GDCC-NET-004", Status.PASS, None),
        # Container Instances: ip_address_type "Defaults to Public"
        ("azurerm_container_group.public", "GDCC-NET-004", Status.FAIL,
         "the endpoint is public (provider default: 'ip_address_type' not set)"),
        ("azurerm_container_group.private", "GDCC-NET-004", Status.PASS, None),
        # no HTTPS setting of its own (was not judged at all)
        ("azurerm_container_group.public", "GDCC-CMP-008", Status.NOT_APPLICABLE, None),
        # Service Bus: a rule set that denies by default narrows who reaches the public
        # endpoint, named in the FAIL (stop 38 PASSed it; stop 39: one reading of NET-002)
        ("azurerm_servicebus_namespace.denied", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 203.0.113.0/24: {_NARROWS})"),
        # default_action "Defaults to Allow": the listed ranges narrow nothing
        ("azurerm_servicebus_namespace.allowed", "GDCC-NET-002", Status.FAIL, _DEFAULT),
        ("azurerm_servicebus_namespace.everyone", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 0.0.0.0/0: {_NARROWS})"),
        # "If there are no IP and virtual network rules, the namespace can be accessed over
        # the public internet": Deny alone narrows nothing (Service Bus and Event Hubs; the
        # Event Hubs one was a wrong PASS)
        ("azurerm_servicebus_namespace.deny_nothing_listed", "GDCC-NET-002", Status.FAIL,
         _DEFAULT),
        ("azurerm_eventhub_namespace.deny_nothing_listed", "GDCC-NET-004", Status.FAIL,
         _DEFAULT),
        ("azurerm_servicebus_namespace.standard_subnets", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 1 subnet not in the scan: {_NARROWS})"),
        # the tier no longer matters: public network access on is a public endpoint (was
        # UNKNOWN, "the tier (sku) is not known or is Basic")
        ("azurerm_servicebus_namespace.basic_listed", "GDCC-NET-002", Status.FAIL,
         f"{_DEFAULT} (its firewall admits 203.0.113.0/24: {_NARROWS})"),
        # an Event Hubs firewall "isn't supported in the basic tier" (was a wrong PASS)
        ("azurerm_eventhub_namespace.basic_listed", "GDCC-NET-004", Status.FAIL, _DEFAULT),
        ("azurerm_eventhub_namespace.standard_listed", "GDCC-NET-004", Status.PASS, None),
    ],
)
def test_azure_service_reach(
    azure: dict[tuple[str, str], Finding], address: str, rule: str, status: Status,
    message: str | None,
) -> None:
    found = azure[(address, rule)]
    assert found.status is status, found.message.en
    if message is not None:
        assert found.message.en == message


@pytest.fixture(scope="module")
def google(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Finding]:
    folder = tmp_path_factory.mktemp("google")
    return _findings(folder, GOOGLE, ["GDCC-NET-002", "GDCC-ENC-004", "GDCC-GRAPH-004",
                                      "GDCC-BCK-001"])


@pytest.mark.parametrize(
    ("address", "rule", "status", "message"),
    [
        ("google_alloydb_instance.private", "GDCC-NET-002", Status.PASS, None),
        ("google_alloydb_instance.everyone", "GDCC-NET-002", Status.FAIL,
         "the endpoint is public"),
        ("google_alloydb_instance.connectors", "GDCC-NET-002", Status.FAIL,
         "the endpoint is public"),
        # authorised 0.0.0.0/0: any address on the PostgreSQL port
        ("google_alloydb_instance.everyone", "GDCC-GRAPH-004", Status.FAIL,
         "the data tier is not segmented from the web tier: it admits any address on "
         "port(s) 5432"),
        # ssl_mode not set: ENCRYPTED_ONLY
        ("google_alloydb_instance.everyone", "GDCC-ENC-004", Status.PASS, None),
        ("google_alloydb_instance.connectors", "GDCC-ENC-004", Status.FAIL, None),
        # backups are the cluster's
        ("google_alloydb_instance.private", "GDCC-BCK-001", Status.NOT_APPLICABLE, None),
    ],
)
def test_alloydb_reach(
    google: dict[tuple[str, str], Finding], address: str, rule: str, status: Status,
    message: str | None,
) -> None:
    found = google[(address, rule)]
    assert found.status is status, found.message.en
    if message is not None:
        assert found.message.en == message
