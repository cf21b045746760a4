"""AzAPI network security groups, their rules and diagnostic settings, read by the azurerm
mappings of the resources they equal (``azapi_children`` translates the bodies):

- ``Microsoft.Network/networkSecurityGroups``: its ``properties.securityRules`` and its AzAPI
  ``securityRules`` children (and ``azurerm_network_security_rule`` resources naming it), as
  ``azurerm_network_security_group`` (GDCC-NET-001, the default ``AllowVnetInBound``);
- ``Microsoft.Network/networkSecurityGroups/securityRules``: read by its NSG; without its NSG in
  the root, judged alone as ``azurerm_network_security_rule`` is;
- ``Microsoft.Insights/diagnosticSettings``: as ``azurerm_monitor_diagnostic_setting`` (the
  subscription's activity log, GDCC-LOG-002; a resource's own logs);
- ``Microsoft.Network/virtualNetworks`` and ``.../subnets`` (Azure Verified Modules'
  network-virtualnetwork writes both so): as ``azurerm_virtual_network`` / ``azurerm_subnet``,
  a network and a subnet of the resource graph (what the graph reads of them:
  :mod:`normalize.terraform.azapi_subnets`);
- ``Microsoft.Network/networkWatchers/flowLogs``: as ``azurerm_network_watcher_flow_log``
  (``enabled``, ``retentionPolicy``), the flow log of its ``targetResourceId``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azapi_body as body
from gdcc_audit.normalize.terraform import azure_diagnostics, azurerm
from gdcc_audit.normalize.terraform.azapi_children import inline_rules, nsg_rule, parent_of
from gdcc_audit.normalize.terraform.context import Mapped, TfContext

FLOW_LOG = "Microsoft.Network/networkWatchers/flowLogs"


def security_group(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Network/networkSecurityGroups``."""
    rules = inline_rules(r)
    if rules is None:
        return "network.security_group", Facets()
    translated = dataclasses.replace(
        r, type="azurerm_network_security_group", values={"security_rule": rules}
    )
    return azurerm.security_group(translated, ctx)


def security_rule(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Network/networkSecurityGroups/securityRules``: None when its NSG reads it."""
    if parent_of(r, ctx) is not None:
        return None
    return azurerm.standalone_rule(nsg_rule(r), ctx)


def diagnostic_setting(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Insights/diagnosticSettings``."""
    return azurerm.diagnostic_setting(azure_diagnostics.as_azurerm(r), ctx)


def virtual_network(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Network/virtualNetworks``: a network, as ``azurerm_virtual_network``."""
    return azurerm.virtual_network(r, ctx)


def subnet(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Network/virtualNetworks/subnets``: a subnet, as ``azurerm_subnet``."""
    return azurerm.subnet(r, ctx)


def flow_log(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.Network/networkWatchers/flowLogs``: ``enabled`` as written (None when not),
    retention as ``azurerm_network_watcher_flow_log``'s ``retention_policy``."""
    properties = body.properties(r)
    if properties is None:
        return "logging.flow_log", Facets()
    policy = properties.get("retentionPolicy")
    values: dict[str, Any] = {"enabled": properties.get("enabled", UNKNOWN)}
    if isinstance(policy, Mapping):
        values["retention_policy"] = {"enabled": policy.get("enabled", False),
                                      "days": policy.get("days", 0)}
    elif policy is not None:
        values["retention_policy"] = UNKNOWN
    return azurerm.flow_log(dataclasses.replace(r, values=values), ctx)
