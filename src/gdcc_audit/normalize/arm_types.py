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
    "microsoft.cdn/profiles/afdendpoints": "azurerm_cdn_frontdoor_endpoint",
    "microsoft.network/dnszones": "azurerm_dns_zone",
    "microsoft.network/privatednszones": "azurerm_private_dns_zone",
}


def azurerm_equivalent(provider_type: str, written: Any) -> str | None:
    """The azurerm type an ``azapi_resource`` whose ``type`` is ``written`` is read as."""
    if provider_type != "azapi_resource" or not isinstance(written, str):
        return None
    return ARM_EQUIVALENTS.get(written.split("@", 1)[0].lower())
