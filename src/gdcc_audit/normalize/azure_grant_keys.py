"""Names shared by the Terraform mapper, which notes an Azure role assignment's grant
(``normalize.terraform.azure_grant_scope``), and the graph, which follows it
(``graph.azure_grants``): kept here so the graph does not import the Terraform mapper."""

from __future__ import annotations

GRANT_WILDCARDS = "azure_grant_wildcards"
GRANT_SCOPE = "azure_grant_scope"
GRANT_ROLE = "azure_grant_role"
GRANT_AT = "azure_grant_at"
GRANT_ESCALATES = "azure_grant_escalates"
#: Reference attribute from an assignment at a resource group to a resource in the group.
IN_SCOPE = "in_scope"
