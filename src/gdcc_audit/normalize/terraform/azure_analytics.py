"""Azure Databricks and Azure Machine Learning workspaces.

- ``azurerm_databricks_workspace``: Apache Spark clusters on VMs that Databricks creates in the
  workspace's managed (or injected) virtual network, used through the workspace's web app and
  REST API with Microsoft Entra ID sign-in. A cluster (as a Dataproc cluster is) whose nodes
  have public IP addresses unless ``custom_parameters.no_public_ip`` ("secure cluster
  connectivity") is true: its default changed with the provider ("The property
  ``custom_parameters.no_public_ip`` now defaults to ``true``", azurerm 4.0 upgrade guide;
  "Defaults to ``false``" on the 3.x page), so ``normalize.versioned_defaults`` decides it
  for the versions the root runs with. The workspace answers every network unless
  ``public_network_access_enabled`` is false ("Defaults to ``true``"). It is no Kubernetes
  cluster (no Secrets, NetworkPolicy, control-plane log or local accounts: ``absent``).
- ``azurerm_machine_learning_workspace``: its endpoint answers every network unless
  ``public_network_access_enabled`` is false. "The property ``public_network_access_enabled``
  now defaults to ``true``" (azurerm 4.0 upgrade guide); no page states what 3.x sent
  (``versioned_defaults``: UNKNOWN for a root that allows 3.x).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, flag, is_set

DATABRICKS = "azurerm_databricks_workspace"
MACHINE_LEARNING = "azurerm_machine_learning_workspace"


def databricks_workspace(r: TfResource, ctx: TfContext) -> Mapped:
    """A Databricks workspace (module docstring). ``no_public_ip`` not written: the
    newest provider's default (true: no node public IP), which ``versioned_defaults``
    replaces with the default of the versions the root runs with."""
    v = r.values
    params = block(v, "custom_parameters")
    no_public_ip = None if params is None else flag(params, "no_public_ip", True)
    return "container.cluster", Facets(
        public_endpoint=flag(v, "public_network_access_enabled", True),
        node_public_ip=None if no_public_ip is None else not no_public_ip,
        # used through the workspace with Entra ID sign-in: no grant to everyone
        public_access=False,
        public_grants=(),
        customer_managed_key=_cmk(r),
    )


def _cmk(r: TfResource) -> bool | None:
    """``customer_managed_key_enabled`` ("Defaults to ``false``") or a managed services /
    disk key written."""
    v = r.values
    if any(is_set(v, name) for name in ("managed_services_cmk_key_vault_key_id",
                                        "managed_disk_cmk_key_vault_key_id")):
        return True
    return flag(v, "customer_managed_key_enabled", False)


def machine_learning_workspace(r: TfResource, ctx: TfContext) -> Mapped:
    """A Machine Learning workspace (module docstring): its public network access; the
    newest provider's default when not written (``versioned_defaults`` decides it)."""
    v = r.values
    encryption = block(v, "encryption")
    return "analytics.workspace", Facets(
        public_endpoint=flag(v, "public_network_access_enabled", True),
        customer_managed_key=None if encryption is None else is_set(encryption, "key_id"),
    )


MAPPINGS: dict[str, MapFn] = {
    DATABRICKS: databricks_workspace,
    MACHINE_LEARNING: machine_learning_workspace,
}
