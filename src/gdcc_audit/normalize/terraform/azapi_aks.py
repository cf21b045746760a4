"""AKS clusters written with AzAPI (``Microsoft.ContainerService/managedClusters``), read from
their ``body`` into the facets ``azurerm_kubernetes_cluster`` gives (``azurerm.aks`` and
``extras.aks``), so that the same configuration gets the same verdicts.

A property left out takes the ARM default (REST reference,
learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update, and the AKS pages cited
in :data:`_DOCS`), the same for every api-version: the API server is public
(``apiServerAccessProfile.enablePrivateCluster``), local accounts are on
(``disableLocalAccounts``), no node has a public IP (``enableNodePublicIP``), no network
policy is enforced (``networkProfile.networkPolicy``: "None ... the default value when
NetworkPolicy is not specified"), etcd is not encrypted with a Key Vault key
(``securityProfile.azureKeyVaultKms.enabled``). The node pools are the body's
``agentPoolProfiles`` and every AzAPI ``managedClusters/agentPools`` of the root whose
``parent_id`` is the cluster. The control-plane log is kept only when a diagnostic setting
sends it (``azurerm.aks_diagnostics`` reads those naming an AzAPI cluster too).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.defaults import DEFAULTS
from gdcc_audit.normalize.terraform import azure_diagnostics
from gdcc_audit.normalize.terraform.aks_automatic import AUTOMATIC_IDENTITY, AUTOMATIC_RBAC
from gdcc_audit.normalize.terraform.azapi_body import (
    absent,
    children,
    decoded,
    default,
    properties,
)
from gdcc_audit.normalize.terraform.context import Mapped, TfContext
from gdcc_audit.normalize.terraform.extras import CILIUM_POLICY
from gdcc_audit.normalize.terraform.uncertain import may_configure
from gdcc_audit.normalize.terraform.values import flag, is_set, string_list

CLUSTER = "Microsoft.ContainerService/managedClusters"
POOL = "Microsoft.ContainerService/managedClusters/agentPools"
_REST = "https://learn.microsoft.com/rest/api/aks/managed-clusters/create-or-update"
_DOCS = {
    # "By default, the API server uses a public IP address" (authorized IP ranges page)
    "public": "https://learn.microsoft.com/azure/aks/api-server-authorized-ip-ranges",
    # "By default, all AKS clusters are deployed with local accounts enabled"
    "local": "https://learn.microsoft.com/azure/aks/manage-local-accounts-managed-azure-ad",
    "node_ip": "https://learn.microsoft.com/azure/aks/use-node-public-ips",
    "policy": _REST + "#networkpolicy",
    "kms": "https://learn.microsoft.com/azure/aks/use-kms-etcd-encryption",
}
_INTERNET = {"*", "internet", "0.0.0.0/0", "0.0.0.0", "any", "::/0"}


def _read(
    r: TfResource, ctx: TfContext, values: Mapping[str, Any], path: str, facet: str,
    fallback: bool, doc: str, negated: bool = False,
) -> bool | None:
    """A boolean property at ``path``; absent: ``fallback``, recorded as the ARM default of
    ``facet`` (whose value is the property's, or its negation when ``negated``)."""
    if absent(values, path):
        default(r, ctx, facet, fallback != negated, f"properties.{path}", doc)
        return fallback
    return flag(values, path)


def _pools(r: TfResource, ctx: TfContext) -> list[Mapping[str, Any] | None]:
    """The properties of the cluster's node pools (None: a pool whose body is not known, or
    one that may be another cluster's)."""
    found: list[Mapping[str, Any] | None] = []
    listed = properties(r)
    written = None if listed is None else listed.get("agentPoolProfiles")
    if written is UNKNOWN or (written is not None and not isinstance(written, list)):
        found.append(None)
    elif isinstance(written, list):
        found.extend(item if isinstance(item, Mapping) else None for item in written)
    certain, maybe = children(r, ctx, POOL)
    found.extend(properties(pool) for pool in certain)
    found.extend(None for _pool in maybe)  # a pool that may be another cluster's
    if maybe:
        ctx.note(r, "node_public_ip", None, unknown=may_configure(maybe[0].address))
    return found


def _node_public_ip(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a node of any pool gets a public IP (``enableNodePublicIP``, off by default)."""
    seen: list[bool | None] = []
    pools = _pools(r, ctx)
    for pool in pools:
        if pool is None:
            seen.append(None)
        elif absent(pool, "enableNodePublicIP"):
            seen.append(False)
        else:
            seen.append(flag(pool, "enableNodePublicIP"))
    if True in seen:
        return True
    if None in seen:
        return None
    if all(absent(pool, "enableNodePublicIP") for pool in pools):
        default(r, ctx, "node_public_ip", False,
                "properties.agentPoolProfiles[].enableNodePublicIP", _DOCS["node_ip"])
    return False


#: AKS Automatic (``sku.name = "Automatic"``) runs the Cilium data plane unless told
#: otherwise: "AKS Automatic clusters use managed Virtual Network powered by Azure CNI Overlay
#: with Cilium" (learn.microsoft.com/azure/aks/intro-aks-automatic, "Networking").
_AUTOMATIC_CILIUM = Text(
    en="sku Automatic: AKS Automatic clusters use Azure CNI Overlay with Cilium "
    "(learn.microsoft.com/azure/aks/intro-aks-automatic), which enforces network policies "
    "without a separate engine (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium)",
    th="sku Automatic: คลัสเตอร์ AKS Automatic ใช้ Azure CNI Overlay กับ Cilium "
    "(learn.microsoft.com/azure/aks/intro-aks-automatic) ซึ่งบังคับใช้ network policy "
    "โดยไม่ต้องติดตั้ง engine แยก (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium)",
)


def _sku_name(r: TfResource) -> Any:
    """``body.sku.name`` of the cluster (``Base`` or ``Automatic``); None when not written."""
    body = decoded(r.values.get("body"))
    sku = body.get("sku") if isinstance(body, Mapping) else body
    return sku.get("name") if isinstance(sku, Mapping) else sku


def _network_policy(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> bool | None:
    """Whether a network policy engine is set (``azure``, ``calico``, ``cilium``), or the
    Cilium data plane (``networkProfile.networkDataplane``), which enforces network policies
    itself (``extras.CILIUM_POLICY``); an AKS Automatic cluster runs it when no data plane is
    written (:data:`_AUTOMATIC_CILIUM`)."""
    if absent(values, "networkProfile.networkPolicy"):
        profile = values.get("networkProfile")
        plane = profile.get("networkDataplane") if isinstance(profile, Mapping) else profile
        if isinstance(plane, str) and plane.strip().lower() == "cilium":
            ctx.note(r, "network_policy_enforced", True, because=CILIUM_POLICY)
            return True
        sku = _sku_name(r)
        if plane is None and isinstance(sku, str) and sku.strip().lower() == "automatic":
            ctx.note(r, "network_policy_enforced", True, because=_AUTOMATIC_CILIUM)
            return True
        if plane is None and sku is not None and not isinstance(sku, str):
            return None  # the SKU is not known: it may be Automatic
        if plane is not None and not isinstance(plane, str):
            return None  # a data plane not known may be Cilium
        return bool(default(r, ctx, "network_policy_enforced", False,
                            "properties.networkProfile.networkPolicy", _DOCS["policy"]))
    written = values["networkProfile"]["networkPolicy"]
    if not isinstance(written, str):
        return None
    return written.strip().lower() not in ("", "none")


def _control_plane_logging(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether an AzAPI diagnostic setting sends the audit log (``azure_diagnostics``; the
    azurerm ones are merged by ``azurerm.aks_diagnostics``); else False, labelled as
    azurerm's AKS default is (no diagnostic setting in the scan)."""
    sent = azure_diagnostics.arm_audit(r, ctx)
    if sent is not False:
        return sent
    found = next(d for d in DEFAULTS["azurerm_kubernetes_cluster"]
                 if d.facet == "control_plane_logging")
    ctx.note(r, "control_plane_logging", False, DefaultedFacet(
        attribute=found.attribute, doc=found.doc, unless=found.unless,
    ))
    return False


_NO_RBAC_DEFAULT = Text(
    en="properties.enableRBAC is not set and the REST reference states no default for it "
    "(azurerm's role_based_access_control_enabled defaults to true, the API's is not "
    "documented)",
    th="ไม่ได้กำหนด properties.enableRBAC และเอกสาร REST ไม่ได้ระบุค่าเริ่มต้น "
    "(role_based_access_control_enabled ของ azurerm มีค่าเริ่มต้นเป็น true แต่ของ API ไม่มีเอกสารระบุ)",
)
_NO_IDENTITY_DEFAULT = Text(
    en="securityProfile.workloadIdentity.enabled or oidcIssuerProfile.enabled is not set and "
    "the REST reference states no default for it",
    th="ไม่ได้กำหนด securityProfile.workloadIdentity.enabled หรือ oidcIssuerProfile.enabled "
    "และเอกสาร REST ไม่ได้ระบุค่าเริ่มต้น",
)


def _automatic(r: TfResource) -> bool | None:
    """Whether the cluster is of the ``Automatic`` SKU (None: the SKU is not known)."""
    sku = _sku_name(r)
    if sku is None:
        return False
    if not isinstance(sku, str):
        return None
    return sku.strip().lower() == "automatic"


_AUTOMATIC_LOCAL_ACCOUNTS = Text(
    en="properties.disableLocalAccounts is not set and the cluster is (or may be) of the "
    "Automatic SKU: AKS enables local accounts by default on its clusters and Microsoft does "
    "not document whether an Automatic cluster does (the Azure CLI disables them itself "
    "when it creates one)",
    th="ไม่ได้กำหนด properties.disableLocalAccounts และคลัสเตอร์เป็น (หรืออาจเป็น) SKU Automatic "
    "โดยปกติ AKS เปิด local account ไว้ และ Microsoft ไม่ได้ระบุว่าคลัสเตอร์ Automatic "
    "เป็นอย่างไร (Azure CLI ปิด local account เองเมื่อสร้างคลัสเตอร์ Automatic)",
)


def _rbac(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> bool | None:
    """``enableRBAC`` as written (GDCC-CLU-008); not written: on for an Automatic cluster
    (``aks_automatic.AUTOMATIC_RBAC``), else not known."""
    if absent(values, "enableRBAC"):
        if _automatic(r):
            ctx.note(r, "rbac_authorization", True, because=AUTOMATIC_RBAC)
            return True
        ctx.note(r, "rbac_authorization", None, unknown=_NO_RBAC_DEFAULT)
        return None
    return flag(values, "enableRBAC")


def _workload_identity(r: TfResource, ctx: TfContext, values: Mapping[str, Any]) -> bool | None:
    """Workload identity with the OIDC issuer it needs (GDCC-CLU-009): off when either is
    written off, on when both are written on or an Automatic cluster leaves them out
    (``aks_automatic.AUTOMATIC_IDENTITY``), else not known."""
    written = [
        None if absent(values, path) else flag(values, path)
        for path in ("securityProfile.workloadIdentity.enabled", "oidcIssuerProfile.enabled")
    ]
    if False in written:
        return False
    if all(written):
        return True
    if _automatic(r) and not any(
        item is None and not absent(values, path)
        for item, path in zip(written, (
            "securityProfile.workloadIdentity.enabled", "oidcIssuerProfile.enabled"
        ), strict=True)
    ):
        ctx.note(r, "workload_identity", True, because=AUTOMATIC_IDENTITY)
        return True
    if any(absent(values, path) for path in (
        "securityProfile.workloadIdentity.enabled", "oidcIssuerProfile.enabled"
    )):
        ctx.note(r, "workload_identity", None, unknown=_NO_IDENTITY_DEFAULT)
    return None


def managed_cluster(r: TfResource, ctx: TfContext) -> Mapped | None:
    """``Microsoft.ContainerService/managedClusters`` (module docstring)."""
    values = properties(r)
    if values is None:
        return "container.cluster", Facets(encrypted_at_rest=True)
    private = _read(r, ctx, values, "apiServerAccessProfile.enablePrivateCluster",
                    "public_endpoint", False, _DOCS["public"], negated=True)
    ranges = string_list(values, "apiServerAccessProfile.authorizedIPRanges")
    addons = values.get("addonProfiles")
    oms: Any = None
    if isinstance(addons, Mapping):
        oms = next((v for k, v in addons.items() if k.lower() == "omsagent"), None)
    monitored = (
        None if addons is UNKNOWN or oms is UNKNOWN
        else False if not isinstance(oms, Mapping) else flag(oms, "enabled", False)
    )
    kms = _read(r, ctx, values, "securityProfile.azureKeyVaultKms.enabled",
                "secrets_encryption", False, _DOCS["kms"])
    local_off: bool | None
    if absent(values, "disableLocalAccounts") and _automatic(r) is not False:
        # an Automatic cluster's default is not documented (aks_automatic)
        local_off = None
        ctx.note(r, "directory_auth", None, unknown=_AUTOMATIC_LOCAL_ACCOUNTS)
    else:
        local_off = _read(r, ctx, values, "disableLocalAccounts", "directory_auth", False,
                          _DOCS["local"])
    return "container.cluster", Facets(
        public_endpoint=None if private is None else not private,
        public_access=None
        if private is None or ranges is None
        else (not private) and (not ranges or any(x.lower() in _INTERNET for x in ranges)),
        access_logging=monitored,
        encrypted_at_rest=True,
        customer_managed_key=is_set(values, "diskEncryptionSetID"),
        control_plane_logging=_control_plane_logging(r, ctx),
        secrets_encryption=kms,
        network_policy_enforced=_network_policy(r, ctx, values),
        node_public_ip=_node_public_ip(r, ctx),
        directory_auth=local_off,
        rbac_authorization=_rbac(r, ctx, values),
        workload_identity=_workload_identity(r, ctx, values),
    )
