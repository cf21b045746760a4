"""``azurerm_kubernetes_automatic_cluster`` (azurerm 4.81 and later): an AKS cluster of the
``Automatic`` SKU, read into the facets ``azurerm_kubernetes_cluster`` gives, so that the
managed-Kubernetes rules judge it too.

The resource writes little (registry docs, kubernetes_automatic_cluster: ``identity``,
``api_server_access``, ``hosted_system``, ``private_cluster``, ``web_app_routing_ingress``,
``service_mesh``); the provider sends the SKU ``Automatic``, the API server access profile
(``enablePrivateCluster`` true exactly when a ``private_cluster`` block is written) and those
blocks, nothing else (provider source, kubernetes_automatic_cluster_resource.go, Create). The
rest is what AKS Automatic configures itself ("Preconfigured features are always enabled and
you can't disable or change their settings", learn.microsoft.com/azure/aks/intro-aks-automatic):

- network policy: "AKS Automatic clusters use managed Virtual Network powered by Azure CNI
  Overlay with Cilium" (intro-aks-automatic), and Cilium enforces network policies itself
  (``extras.CILIUM_POLICY``);
- authorization: "Azure RBAC for Kubernetes authorization" is preconfigured
  (intro-aks-automatic; concepts-identity: "In AKS Automatic, Azure RBAC for Kubernetes
  authorization is preconfigured");
- workload identity: "AKS Automatic includes workload identity and OIDC issuer as
  preconfigured defaults" (learn.microsoft.com/azure/aks/concepts-identity);
- the API server: public unless private ("When an AKS Automatic cluster is created as a
  private cluster, the API server endpoint has no public IP address",
  quick-automatic-private-custom-network; "By default, the API server uses a public IP
  address", api-server-authorized-ip-ranges), limited by ``authorized_ip_ranges``;
- KMS etcd encryption: not enabled (the resource has no setting for it, and AKS Automatic
  does not list it among its preconfigured features);
- node public IPs: none (nodes are provisioned by node autoprovisioning; ``enableNodePublicIP``
  is off by default, learn.microsoft.com/azure/aks/use-node-public-ips);
- control-plane log: none until a diagnostic setting sends it, as for any AKS cluster
  (``azurerm.aks_diagnostics``).

Local accounts are not known: the resource has no setting and sends none, AKS documents
"local accounts are enabled by default" for clusters in general, and no Microsoft page states
what an Automatic cluster does (the Azure CLI disables them itself when it creates one).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform import azure_diagnostics
from gdcc_audit.normalize.terraform.context import Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, string_list

AUTOMATIC = "azurerm_kubernetes_automatic_cluster"
_DOCS = {
    "public": "https://learn.microsoft.com/azure/aks/automatic/quick-automatic-private-custom-network",
}
_INTERNET = {"*", "internet", "0.0.0.0/0", "0.0.0.0", "any", "::/0"}

#: Why network policies are enforced on an Automatic cluster.
AUTOMATIC_CILIUM = Text(
    en="AKS Automatic clusters use Azure CNI Overlay with Cilium "
    "(learn.microsoft.com/azure/aks/intro-aks-automatic), which enforces network policies "
    "without a separate engine (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium)",
    th="คลัสเตอร์ AKS Automatic ใช้ Azure CNI Overlay กับ Cilium "
    "(learn.microsoft.com/azure/aks/intro-aks-automatic) ซึ่งบังคับใช้ network policy "
    "โดยไม่ต้องติดตั้ง engine แยก (learn.microsoft.com/azure/aks/azure-cni-powered-by-cilium)",
)
#: Why an Automatic cluster authorizes with RBAC.
AUTOMATIC_RBAC = Text(
    en="AKS Automatic preconfigures Azure RBAC for Kubernetes authorization, which cannot be "
    "turned off (learn.microsoft.com/azure/aks/intro-aks-automatic)",
    th="AKS Automatic กำหนด Azure RBAC สำหรับการอนุญาตสิทธิ์ใน Kubernetes ไว้ล่วงหน้า "
    "และปิดไม่ได้ (learn.microsoft.com/azure/aks/intro-aks-automatic)",
)
#: Why an Automatic cluster has workload identity.
AUTOMATIC_IDENTITY = Text(
    en="AKS Automatic preconfigures workload identity and the OIDC issuer "
    "(learn.microsoft.com/azure/aks/concepts-identity)",
    th="AKS Automatic กำหนด workload identity และ OIDC issuer ไว้ล่วงหน้า "
    "(learn.microsoft.com/azure/aks/concepts-identity)",
)
#: Why an Automatic cluster's local accounts are not known.
AUTOMATIC_LOCAL_ACCOUNTS = Text(
    en="it has no setting for local accounts; AKS enables them by default on its clusters "
    "and Microsoft does not document whether an Automatic cluster does (the Azure CLI "
    "disables them itself when it creates one)",
    th="ไม่มีการตั้งค่าสำหรับ local account โดยปกติ AKS เปิด local account ไว้ "
    "และ Microsoft ไม่ได้ระบุว่าคลัสเตอร์ Automatic เป็นอย่างไร "
    "(Azure CLI ปิด local account เองเมื่อสร้างคลัสเตอร์ Automatic)",
)


#: Why an Automatic cluster's Secrets are not encrypted with a Key Vault key.
AUTOMATIC_NO_KMS = Text(
    en="azurerm_kubernetes_automatic_cluster has no KMS setting and AKS Automatic does not "
    "turn KMS etcd encryption on (learn.microsoft.com/azure/aks/intro-aks-automatic)",
    th="azurerm_kubernetes_automatic_cluster ไม่มีการตั้งค่า KMS และ AKS Automatic "
    "ไม่ได้เปิดการเข้ารหัส etcd ด้วย KMS ให้ (learn.microsoft.com/azure/aks/intro-aks-automatic)",
)
#: Why an Automatic cluster's nodes have no public IP addresses.
AUTOMATIC_NODES = Text(
    en="AKS provisions an Automatic cluster's nodes (node autoprovisioning) without public "
    "IP addresses: the resource has no setting for them and enableNodePublicIP is off by "
    "default (learn.microsoft.com/azure/aks/use-node-public-ips)",
    th="AKS สร้าง node ของคลัสเตอร์ Automatic เอง (node autoprovisioning) โดยไม่มี public IP "
    "ทรัพยากรนี้ไม่มีการตั้งค่าดังกล่าว และ enableNodePublicIP ปิดอยู่โดยค่าเริ่มต้น "
    "(learn.microsoft.com/azure/aks/use-node-public-ips)",
)


def _private(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether the API server is private: a ``private_cluster`` block is written (the
    provider then sends ``enablePrivateCluster = true``); none: public, the default."""
    found = blocks(r.values, "private_cluster")
    if found is None:
        return None
    if not found:
        ctx.note(r, "public_endpoint", True,
                 DefaultedFacet(attribute="private_cluster", doc=_DOCS["public"]))
    return bool(found)


def automatic_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``azurerm_kubernetes_automatic_cluster`` (module docstring)."""
    private = _private(r, ctx)
    access = block(r.values, "api_server_access")
    ranges = None if access is None else string_list(access, "authorized_ip_ranges")
    ctx.note(r, "network_policy_enforced", True, because=AUTOMATIC_CILIUM)
    ctx.note(r, "rbac_authorization", True, because=AUTOMATIC_RBAC)
    ctx.note(r, "workload_identity", True, because=AUTOMATIC_IDENTITY)
    ctx.note(r, "directory_auth", None, unknown=AUTOMATIC_LOCAL_ACCOUNTS)
    ctx.note(r, "secrets_encryption", False, because=AUTOMATIC_NO_KMS)
    ctx.note(r, "node_public_ip", False, because=AUTOMATIC_NODES)
    return "container.cluster", Facets(
        public_endpoint=None if private is None else not private,
        public_access=None
        if private is None or ranges is None
        else (not private) and (not ranges or any(x.lower() in _INTERNET for x in ranges)),
        encrypted_at_rest=True,
        customer_managed_key=False,
        # unless a diagnostic setting sends it: AzAPI ones here, azurerm ones merged by
        # azurerm.aks_diagnostics
        control_plane_logging=azure_diagnostics.arm_audit(r, ctx),
        secrets_encryption=False,
        network_policy_enforced=True,
        node_public_ip=False,
        directory_auth=None,
        rbac_authorization=True,
        workload_identity=True,
    )
