"""The azurerm type each ARM type that an AzAPI resource is read as stands for
(``normalize/terraform/azapi*.py``): what the azurerm type lacks (``normalize.absent``) or has
a setting for (``normalize.data_tls``) holds for the AzAPI resource too."""

from __future__ import annotations

from typing import Any

#: ARM type (lower case) -> azurerm type.
ARM_EQUIVALENTS = {
    "microsoft.storage/storageaccounts": "azurerm_storage_account",
    "microsoft.keyvault/vaults": "azurerm_key_vault",
    "microsoft.containerservice/managedclusters": "azurerm_kubernetes_cluster",
    "microsoft.network/applicationgateways": "azurerm_application_gateway",
    "microsoft.apimanagement/service": "azurerm_api_management",
    "microsoft.app/containerapps": "azurerm_container_app",
    "microsoft.dbforpostgresql/flexibleservers": "azurerm_postgresql_flexible_server",
    "microsoft.dbformysql/flexibleservers": "azurerm_mysql_flexible_server",
    "microsoft.servicebus/namespaces": "azurerm_servicebus_namespace",
    "microsoft.eventhub/namespaces": "azurerm_eventhub_namespace",
    "microsoft.cache/redis": "azurerm_redis_cache",
    "microsoft.documentdb/databaseaccounts": "azurerm_cosmosdb_account",
    "microsoft.sql/servers": "azurerm_mssql_server",
    "microsoft.synapse/workspaces": "azurerm_synapse_workspace",
    "microsoft.cdn/profiles/afdendpoints": "azurerm_cdn_frontdoor_endpoint",
    "microsoft.network/dnszones": "azurerm_dns_zone",
    "microsoft.network/privatednszones": "azurerm_private_dns_zone",
    "microsoft.network/frontdoors": "azurerm_frontdoor",
    "microsoft.kusto/clusters": "azurerm_kusto_cluster",
    "microsoft.search/searchservices": "azurerm_search_service",
    "microsoft.cognitiveservices/accounts": "azurerm_cognitive_account",
    "microsoft.containerregistry/registries": "azurerm_container_registry",
    "microsoft.batch/batchaccounts": "azurerm_batch_account",
    "microsoft.datafactory/factories": "azurerm_data_factory",
    "microsoft.appconfiguration/configurationstores": "azurerm_app_configuration",
}


def azurerm_equivalent(provider_type: str, written: Any) -> str | None:
    """The azurerm type an ``azapi_resource`` whose ``type`` is ``written`` is read as."""
    if provider_type != "azapi_resource" or not isinstance(written, str):
        return None
    return ARM_EQUIVALENTS.get(written.split("@", 1)[0].lower())


#: azurerm type -> the ARM type it manages (the ``Microsoft.<Provider>/<type>`` each azurerm
#: resource page's "API Providers" section names; registry.terraform.io/providers/hashicorp/
#: azurerm/latest/docs), for what a role's actions reach (``graph/azure_grants.py``). Types
#: not listed have no ARM type here (a grant limited to some namespaces may or may not reach
#: them).
AZURERM_ARM_TYPES: dict[str, str] = {
    **{azurerm: arm for arm, azurerm in ARM_EQUIVALENTS.items()},
    **dict.fromkeys(
        ("azurerm_linux_virtual_machine", "azurerm_windows_virtual_machine",
         "azurerm_virtual_machine"), "microsoft.compute/virtualmachines"),
    **dict.fromkeys(
        ("azurerm_linux_virtual_machine_scale_set", "azurerm_windows_virtual_machine_scale_set",
         "azurerm_orchestrated_virtual_machine_scale_set", "azurerm_virtual_machine_scale_set"),
        "microsoft.compute/virtualmachinescalesets"),
    "azurerm_virtual_machine_extension": "microsoft.compute/virtualmachines/extensions",
    "azurerm_managed_disk": "microsoft.compute/disks",
    "azurerm_availability_set": "microsoft.compute/availabilitysets",
    "azurerm_virtual_network": "microsoft.network/virtualnetworks",
    "azurerm_subnet": "microsoft.network/virtualnetworks/subnets",
    "azurerm_network_security_group": "microsoft.network/networksecuritygroups",
    "azurerm_network_security_rule": "microsoft.network/networksecuritygroups/securityrules",
    "azurerm_network_interface": "microsoft.network/networkinterfaces",
    "azurerm_public_ip": "microsoft.network/publicipaddresses",
    "azurerm_lb": "microsoft.network/loadbalancers",
    "azurerm_firewall": "microsoft.network/azurefirewalls",
    "azurerm_firewall_policy": "microsoft.network/firewallpolicies",
    "azurerm_route_table": "microsoft.network/routetables",
    "azurerm_nat_gateway": "microsoft.network/natgateways",
    "azurerm_private_endpoint": "microsoft.network/privateendpoints",
    "azurerm_bastion_host": "microsoft.network/bastionhosts",
    "azurerm_frontdoor_firewall_policy":
        "microsoft.network/frontdoorwebapplicationfirewallpolicies",
    "azurerm_web_application_firewall_policy":
        "microsoft.network/applicationgatewaywebapplicationfirewallpolicies",
    "azurerm_virtual_network_gateway": "microsoft.network/virtualnetworkgateways",
    "azurerm_network_watcher": "microsoft.network/networkwatchers",
    "azurerm_storage_container": "microsoft.storage/storageaccounts/blobservices/containers",
    "azurerm_storage_share": "microsoft.storage/storageaccounts/fileservices/shares",
    "azurerm_storage_queue": "microsoft.storage/storageaccounts/queueservices/queues",
    "azurerm_key_vault_secret": "microsoft.keyvault/vaults/secrets",
    "azurerm_key_vault_key": "microsoft.keyvault/vaults/keys",
    "azurerm_key_vault_certificate": "microsoft.keyvault/vaults/certificates",
    "azurerm_container_registry": "microsoft.containerregistry/registries",
    "azurerm_user_assigned_identity": "microsoft.managedidentity/userassignedidentities",
    **dict.fromkeys(
        ("azurerm_linux_web_app", "azurerm_windows_web_app", "azurerm_app_service",
         "azurerm_linux_function_app", "azurerm_windows_function_app", "azurerm_function_app"),
        "microsoft.web/sites"),
    "azurerm_service_plan": "microsoft.web/serverfarms",
    "azurerm_mssql_database": "microsoft.sql/servers/databases",
    "azurerm_mysql_flexible_server": "microsoft.dbformysql/flexibleservers",
    "azurerm_log_analytics_workspace": "microsoft.operationalinsights/workspaces",
    "azurerm_cognitive_account": "microsoft.cognitiveservices/accounts",
    "azurerm_search_service": "microsoft.search/searchservices",
    "azurerm_role_assignment": "microsoft.authorization/roleassignments",
    "azurerm_role_definition": "microsoft.authorization/roledefinitions",
    "azurerm_monitor_diagnostic_setting": "microsoft.insights/diagnosticsettings",
    "azurerm_automation_account": "microsoft.automation/automationaccounts",
    "azurerm_logic_app_workflow": "microsoft.logic/workflows",
    "azurerm_container_group": "microsoft.containerinstance/containergroups",
    "azurerm_eventgrid_topic": "microsoft.eventgrid/topics",
    "azurerm_data_factory": "microsoft.datafactory/factories",
    "azurerm_databricks_workspace": "microsoft.databricks/workspaces",
}


def arm_type_of(provider_type: str, attributes: Any) -> str | None:
    """The ARM type (lower case) of an azurerm resource (:data:`AZURERM_ARM_TYPES`) or of an
    ``azapi_resource`` (its ``type``); None when not known."""
    if provider_type == "azapi_resource":
        written = attributes.get("type") if hasattr(attributes, "get") else None
        return written.split("@", 1)[0].lower() if isinstance(written, str) else None
    return AZURERM_ARM_TYPES.get(provider_type)
