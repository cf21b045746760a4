"""What common Azure built-in roles grant by wildcard, for role assignments that name them.

GDCC-IAM-005 judges a built-in role as it judges a custom role (``azurerm_role_definition``)
with the same permissions: an action or data action holding ``*`` grants by wildcard
(:func:`models.resource.wildcard_action`). The table lists, per role, wildcard entries of its
``Actions`` and ``DataActions`` as the Azure built-in roles reference writes them (the
entries the finding names, not always every one)
(learn.microsoft.com/azure/role-based-access-control/built-in-roles and its category pages:
general, storage, networking, security, containers, compute, monitor, databases, AI +
machine learning, integration, identity, analytics; the JSON definitions there, e.g.
"Virtual Machine Contributor" 9980e02c-..., "Azure Kubernetes Service RBAC Writer"
a7ffa36f-...); ``()``: the role names every action it grants.
A role not listed is *not known* (``None``), never "grants nothing by wildcard".

Role names are the ``roleName`` Azure writes (``role_definition_name`` compares them without
case); ids are the role definition GUIDs of the same pages (the same in every cloud).
"""

from __future__ import annotations

_AUTH_READ = "Microsoft.Authorization/*/read"
_ALERTS = "Microsoft.Insights/alertRules/*"
_DEPLOYMENTS = "Microsoft.Resources/deployments/*"
_SUPPORT = "Microsoft.Support/*"
#: The control-plane wildcards most "... Contributor" roles carry besides their service's.
_MANAGE = (_AUTH_READ, _ALERTS, _DEPLOYMENTS, _SUPPORT)

#: Built-in role -> its wildcard actions and data actions (module docstring).
WILDCARDS: dict[str, tuple[str, ...]] = {
    # general
    "Owner": ("*",),
    "Contributor": ("*",),
    "Reader": ("*/read",),
    "User Access Administrator": ("*/read", "Microsoft.Authorization/*", _SUPPORT),
    "Role Based Access Control Administrator": ("*/read", _SUPPORT),
    # networking
    "Network Contributor": (*_MANAGE, "Microsoft.Network/*"),
    "DNS Zone Contributor": (*_MANAGE, "Microsoft.Network/dnsZones/*"),
    "Private DNS Zone Contributor": (
        *_MANAGE, "Microsoft.Network/privateDnsZones/*",
        "Microsoft.Network/privateDnsOperationResults/*",
        "Microsoft.Network/privateDnsOperationStatuses/*",
    ),
    # storage
    "Storage Account Contributor": (
        *_MANAGE, "Microsoft.Insights/diagnosticSettings/*",
        "Microsoft.Storage/storageAccounts/*",
    ),
    "Storage Blob Data Owner": (
        "Microsoft.Storage/storageAccounts/blobServices/containers/*",
        "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/*",
    ),
    "Storage Blob Data Contributor": (),
    "Storage Blob Data Reader": (),
    "Storage Queue Data Contributor": (),
    "Storage Queue Data Reader": (),
    "Storage Queue Data Message Sender": (),
    "Storage Queue Data Message Processor": (),
    "Storage Table Data Contributor": (),
    "Storage Table Data Reader": (),
    "Storage File Data SMB Share Contributor": (),
    "Storage File Data SMB Share Reader": (),
    "Storage File Data Privileged Contributor": (),
    "Storage File Data Privileged Reader": (),
    # security
    "Key Vault Administrator": (*_MANAGE, "Microsoft.KeyVault/vaults/*"),
    "Key Vault Contributor": (*_MANAGE, "Microsoft.KeyVault/*"),
    "Key Vault Secrets Officer": (*_MANAGE, "Microsoft.KeyVault/vaults/secrets/*"),
    "Key Vault Crypto Officer": (*_MANAGE, "Microsoft.KeyVault/vaults/keys/*"),
    "Key Vault Certificates Officer": (*_MANAGE, "Microsoft.KeyVault/vaults/certificates/*"),
    "Key Vault Reader": (*_MANAGE, "Microsoft.KeyVault/vaults/*/read"),
    "Key Vault Secrets User": (),
    "Key Vault Crypto User": (),
    "Key Vault Certificate User": (),
    "Key Vault Crypto Service Encryption User": (),
    # containers
    "AcrPull": (),
    "AcrPush": (),
    "Azure Kubernetes Service Cluster User Role": (),
    "Azure Kubernetes Service Cluster Admin Role": (),
    "Azure Kubernetes Service RBAC Cluster Admin": (
        _AUTH_READ, _ALERTS, "Microsoft.ContainerService/managedClusters/*",
    ),
    "Azure Kubernetes Service RBAC Admin": (
        _AUTH_READ, _ALERTS, "Microsoft.ContainerService/managedClusters/*",
    ),
    "Azure Kubernetes Service RBAC Reader": (_AUTH_READ,),
    "Azure Kubernetes Service RBAC Writer": (
        _AUTH_READ,
        *(f"Microsoft.ContainerService/managedClusters/{kind}/*" for kind in (
            "apps/daemonsets", "apps/deployments", "apps/replicasets", "apps/statefulsets",
            "autoscaling/horizontalpodautoscalers", "batch/cronjobs", "batch/jobs",
            "configmaps", "endpoints", "events", "extensions/daemonsets",
            "extensions/deployments", "extensions/ingresses", "extensions/networkpolicies",
            "extensions/replicasets", "networking.k8s.io/ingresses",
            "networking.k8s.io/networkpolicies", "persistentvolumeclaims", "pods",
            "policy/poddisruptionbudgets", "replicationcontrollers", "secrets",
            "serviceaccounts", "services",
        )),
    ),
    # compute
    "Virtual Machine Contributor": (
        _AUTH_READ, "Microsoft.Compute/availabilitySets/*", "Microsoft.Compute/locations/*",
        "Microsoft.Compute/virtualMachines/*", "Microsoft.Compute/virtualMachineScaleSets/*",
        "Microsoft.Compute/cloudServices/*", "Microsoft.DevTestLab/schedules/*", _ALERTS,
        "Microsoft.Network/locations/*", "Microsoft.Network/networkInterfaces/*",
        "Microsoft.RecoveryServices/locations/*",
        "Microsoft.RecoveryServices/Vaults/backupFabrics/protectionContainers/"
        "protectedItems/*/read",
        _DEPLOYMENTS, "Microsoft.SqlVirtualMachine/*", _SUPPORT,
    ),
    "Virtual Machine Administrator Login": (
        "Microsoft.Compute/virtualMachines/*/read", "Microsoft.HybridCompute/machines/*/read",
    ),
    "Virtual Machine User Login": (
        "Microsoft.Compute/virtualMachines/*/read", "Microsoft.HybridCompute/machines/*/read",
    ),
    "Disk Backup Reader": (_AUTH_READ,),
    "Disk Snapshot Contributor": (_AUTH_READ,),
    # identity
    "Managed Identity Operator": (
        *_MANAGE, "Microsoft.ManagedIdentity/userAssignedIdentities/*/read",
        "Microsoft.ManagedIdentity/userAssignedIdentities/*/assign/action",
    ),
    "Managed Identity Contributor": _MANAGE,
    # monitor
    "Monitoring Reader": ("*/read", _SUPPORT),
    "Monitoring Contributor": ("*/read", _SUPPORT),
    "Monitoring Metrics Publisher": (_SUPPORT,),
    "Log Analytics Reader": ("*/read", _SUPPORT),
    "Log Analytics Contributor": ("*/read", _SUPPORT),
    # web, databases, integration, AI
    "Website Contributor": (*_MANAGE, "Microsoft.Web/sites/*"),
    "Web Plan Contributor": (*_MANAGE, "Microsoft.Web/serverFarms/*"),
    "SQL Server Contributor": (*_MANAGE, "Microsoft.Sql/servers/*"),
    "SQL DB Contributor": (*_MANAGE, "Microsoft.Sql/servers/databases/*"),
    "Cosmos DB Operator": (*_MANAGE, "Microsoft.DocumentDb/databaseAccounts/*"),
    "Azure Service Bus Data Owner": ("Microsoft.ServiceBus/*",),
    "Azure Service Bus Data Sender": ("Microsoft.ServiceBus/*/queues/read",),
    "Azure Service Bus Data Receiver": ("Microsoft.ServiceBus/*/queues/read",),
    "Azure Event Hubs Data Owner": ("Microsoft.EventHub/*",),
    "Azure Event Hubs Data Sender": ("Microsoft.EventHub/*/eventhubs/read",),
    "Azure Event Hubs Data Receiver": ("Microsoft.EventHub/*/eventhubs/consumergroups/read",),
    "API Management Service Reader Role": ("Microsoft.ApiManagement/service/*/read",),
    "API Management Service Contributor": (*_MANAGE, "Microsoft.ApiManagement/service/*"),
    "Search Service Contributor": (*_MANAGE, "Microsoft.Search/searchServices/*"),
    "Search Index Data Contributor": ("Microsoft.Search/searchServices/indexes/documents/*",),
    "Search Index Data Reader": (),
    "Cognitive Services User": (
        "Microsoft.CognitiveServices/*/read", "Microsoft.CognitiveServices/*",
    ),
    "Cognitive Services Contributor": (*_MANAGE, "Microsoft.CognitiveServices/*"),
    "Cognitive Services OpenAI User": ("Microsoft.CognitiveServices/*/read",),
    "Cognitive Services OpenAI Contributor": ("Microsoft.CognitiveServices/*/read",),
    "Azure AI Developer": (
        _AUTH_READ, _DEPLOYMENTS, "Microsoft.MachineLearningServices/workspaces/*/read",
    ),
    # integration (App Configuration), compute (Azure Virtual Desktop): stop 36
    "App Configuration Data Owner": (
        "Microsoft.AppConfiguration/configurationStores/*/read",
        "Microsoft.AppConfiguration/configurationStores/*/write",
        "Microsoft.AppConfiguration/configurationStores/*/delete",
        "Microsoft.AppConfiguration/configurationStores/*/action",
    ),
    "App Configuration Data Reader": ("Microsoft.AppConfiguration/configurationStores/*/read",),
    "Desktop Virtualization User": (),
}

#: Built-in role name by role definition id (same pages).
BY_ID: dict[str, str] = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "acdd72a7-3385-48ef-bd42-f606fba81ae7": "Reader",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
    "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
    "4d97b98b-1d4f-4787-a291-c67834d212e7": "Network Contributor",
    "befefa01-2a29-4197-83a8-272ff33ce314": "DNS Zone Contributor",
    "b12aa53e-6015-4669-85d0-8515ebb3ae7f": "Private DNS Zone Contributor",
    "17d1049b-9a84-46fb-8f53-869881c3d3ab": "Storage Account Contributor",
    "b7e6dc6d-f1e8-4753-8033-0f276bb0955b": "Storage Blob Data Owner",
    "ba92f5b4-2d11-453d-a403-e96b0029c9fe": "Storage Blob Data Contributor",
    "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1": "Storage Blob Data Reader",
    "974c5e8b-45b9-4653-ba55-5f855dd0fb88": "Storage Queue Data Contributor",
    "19e7f393-937e-4f77-808e-94535e297925": "Storage Queue Data Reader",
    "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a": "Storage Queue Data Message Sender",
    "8a0f0c08-91a1-4084-bc3d-661d67233fed": "Storage Queue Data Message Processor",
    "0c867c2a-1d8c-454a-a3db-ab2ea1bdc8bb": "Storage File Data SMB Share Contributor",
    "aba4ae5f-2193-4029-9191-0cb91df5e314": "Storage File Data SMB Share Reader",
    "f25e0fa2-a7c8-4377-a976-54943a77a395": "Key Vault Contributor",
    "00482a5a-887f-4fb3-b363-3b7fe8e74483": "Key Vault Administrator",
    "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
    "b86a8fe4-44ce-4948-aee5-eccb2c155cd7": "Key Vault Secrets Officer",
    "14b46e9e-c2b7-41b4-b07b-48a6ebf60603": "Key Vault Crypto Officer",
    "e147488a-f6f5-4113-8e2d-b22465e65bf6": "Key Vault Crypto Service Encryption User",
    "7f951dda-4ed3-4680-a7ca-43fe172d538d": "AcrPull",
    "8311e382-0749-4cb8-b61a-304f252e45ec": "AcrPush",
    "4abbcc35-e782-43d8-92c5-2d3f1bd2253f": "Azure Kubernetes Service Cluster User Role",
    "0ab0b1a8-8aac-4efd-b8c2-3ee1fb270be8": "Azure Kubernetes Service Cluster Admin Role",
    "f1a07417-d97a-45cb-824c-7a7467783830": "Managed Identity Operator",
    "e40ec5ca-96e0-45a2-b4ff-59039f2c2b59": "Managed Identity Contributor",
    "92aaf0da-9dab-42b6-94a3-d43ce8d16293": "Log Analytics Contributor",
    "73c42c96-874c-492b-b04d-ab87d138a893": "Log Analytics Reader",
    "de139f84-1756-47ae-9be6-808fbbe84772": "Website Contributor",
    "2cc479cb-7b4d-49a8-b449-8c00fd0f0a4b": "Web Plan Contributor",
    "6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437": "SQL Server Contributor",
    "9b7fa17d-e63e-47b0-bb0a-15c516ac86ec": "SQL DB Contributor",
    "230815da-be43-4aae-9cb4-875f7bd000aa": "Cosmos DB Operator",
    "090c5cfd-751d-490a-894a-3ce6f1109419": "Azure Service Bus Data Owner",
    "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39": "Azure Service Bus Data Sender",
    "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0": "Azure Service Bus Data Receiver",
    "f526a384-b230-433a-b45c-95f59c4a2dec": "Azure Event Hubs Data Owner",
    "2b629674-e913-4c01-ae53-ef4638d8f975": "Azure Event Hubs Data Sender",
    "a638d3c7-ab3a-418d-83e6-5f17a39d4fde": "Azure Event Hubs Data Receiver",
    "71522526-b88f-4d52-b57f-d31fc3546d0d": "API Management Service Reader Role",
    "312a565d-c81f-4fd8-895a-4e21e48d571c": "API Management Service Contributor",
    "7ca78c08-252a-4471-8644-bb5ff32d4ba0": "Search Service Contributor",
    "a97b65f3-24c7-4388-baec-2e87135dc908": "Cognitive Services User",
    "25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68": "Cognitive Services Contributor",
    "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3": "Storage Table Data Contributor",
    "76199698-9eea-4c19-bc75-cec21354c6b6": "Storage Table Data Reader",
    "12338af0-0e69-4776-bea7-57ae8d297424": "Key Vault Crypto User",
    "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba": "Key Vault Certificate User",
    "3498e952-d568-435e-9b2c-8d77e338d7f7": "Azure Kubernetes Service RBAC Admin",
    "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b": "Azure Kubernetes Service RBAC Cluster Admin",
    "7f6c6a51-bcf8-42ba-9220-52d62157d7db": "Azure Kubernetes Service RBAC Reader",
    "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb": "Azure Kubernetes Service RBAC Writer",
    "9980e02c-c2be-4d73-94e8-173b1dc7cf3c": "Virtual Machine Contributor",
    "1c0163c0-47e6-4577-8991-ea5c82e286e4": "Virtual Machine Administrator Login",
    "fb879df8-f326-4884-b1cf-06f3ad86be52": "Virtual Machine User Login",
    "3e5e47e6-65f7-47ef-90b5-e5dd4d455f24": "Disk Backup Reader",
    "7efff54f-a5b4-42b5-a1c5-5411624893ce": "Disk Snapshot Contributor",
    "5ae67dd6-50cb-40e7-96ff-dc2bfa4b606b": "App Configuration Data Owner",
    "516239f1-63e1-4d78-a4de-a74fb236a071": "App Configuration Data Reader",
    "1d18fff3-a72a-46b5-b4a9-0b38a3cd7e63": "Desktop Virtualization User",
}

_BY_NAME = {name.lower(): name for name in WILDCARDS}


def canonical(name: str) -> str:
    """The role's name as the table writes it (``role_definition_name`` is compared without
    case), or ``name`` unchanged when it is not listed."""
    return _BY_NAME.get(name.lower(), name)


def wildcards(name: str) -> tuple[str, ...] | None:
    """The wildcard actions and data actions of built-in role ``name``; None when the role is
    not in the table."""
    return WILDCARDS.get(canonical(name))
