"""AzAPI network security groups, their rules and diagnostic settings, read by the azurerm
mappings of the resources they equal (``azapi_children`` translates the bodies):

- ``Microsoft.Network/networkSecurityGroups``: its ``properties.securityRules`` and its AzAPI
  ``securityRules`` children (and ``azurerm_network_security_rule`` resources naming it), as
  ``azurerm_network_security_group`` (GDCC-NET-001, the default ``AllowVnetInBound``);
- ``Microsoft.Network/networkSecurityGroups/securityRules``: read by its NSG; without its NSG in
  the root, judged alone as ``azurerm_network_security_rule`` is;
- ``Microsoft.Insights/diagnosticSettings``: as ``azurerm_monitor_diagnostic_setting`` (the
  subscription's activity log, GDCC-LOG-002; a resource's own logs).
"""

from __future__ import annotations

import dataclasses

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform import azure_diagnostics, azurerm
from gdcc_audit.normalize.terraform.azapi_children import inline_rules, nsg_rule, parent_of
from gdcc_audit.normalize.terraform.context import Mapped, TfContext


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
