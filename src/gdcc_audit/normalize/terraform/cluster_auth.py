"""Who a managed Kubernetes cluster lets act, and with which cloud credentials.

- ``rbac_authorization`` (GDCC-CLU-008): Kubernetes RBAC authorizes API requests, not legacy
  ABAC (GKE ``enable_legacy_abac``, "Defaults to false"), and RBAC is not switched off (AKS
  ``role_based_access_control_enabled``, "Defaults to true" since azurerm 2.99; before, the
  ``role_based_access_control { enabled }`` block, none sending RBAC off: a versioned
  default, ``normalize.versioned_defaults``). EKS authorizes with Kubernetes RBAC and EKS
  access policies and has no other mode to choose; CCE's ``authentication_mode`` "Defaults
  to rbac" (RBAC also in authenticating_proxy, not in x509).
- ``workload_identity`` (GDCC-CLU-009): pods get cloud credentials of their own (GKE
  Workload Identity Federation, AKS workload identity, EKS IRSA or Pod Identity) instead of
  the node's. GKE: ``workload_identity_config`` on the cluster and no node pool exposing
  the Compute Engine metadata server (``workload_metadata_config.mode = "GCE_METADATA"``);
  Autopilot always has it. AKS: ``workload_identity_enabled`` with ``oidc_issuer_enabled``
  (both "Defaults to false"). EKS: an IAM OIDC provider for the cluster's issuer, the
  ``eks-pod-identity-agent`` add-on or a pod identity association in the scan; none found
  is not known (they may be made elsewhere: eksctl, another root).
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN_TEXT, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.magnum import NO_AUTHORIZATION_SETTING
from gdcc_audit.normalize.terraform.context import TfContext, may_be_beyond
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.gke_nodes import node_configs
from gdcc_audit.normalize.terraform.uncertain import may_configure
from gdcc_audit.normalize.terraform.values import block, flag, text

_AUTOPILOT_WI = Text(
    en="enable_autopilot = true: in Autopilot, Workload Identity Federation for GKE is always "
    "enabled (cloud.google.com/kubernetes-engine/docs/how-to/workload-identity)",
    th="enable_autopilot = true: คลัสเตอร์ Autopilot เปิด Workload Identity Federation for GKE เสมอ "
    "(cloud.google.com/kubernetes-engine/docs/how-to/workload-identity)",
)
_EKS_RBAC = Text(
    en="EKS authorizes Kubernetes API requests with Kubernetes RBAC and EKS access policies; "
    "its API server's authorization modes cannot be changed, so legacy ABAC cannot be "
    "switched on (docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html)",
    th="EKS อนุญาตคำขอ API ของ Kubernetes ด้วย Kubernetes RBAC และ access policy ของ EKS "
    "ผู้ใช้เปลี่ยนโหมดการอนุญาตของ API server ไม่ได้ จึงเปิด ABAC แบบเดิมไม่ได้ "
    "(docs.aws.amazon.com/eks/latest/userguide/grant-k8s-access.html)",
)
_EKS_NOT_FOUND = Text(
    en="no IAM OIDC provider for the cluster's issuer (IRSA), eks-pod-identity-agent add-on or "
    "pod identity association names the cluster in the scanned configuration; they may be "
    "made outside it (eksctl, another Terraform root)",
    th="ไม่พบ IAM OIDC provider ของ issuer ของคลัสเตอร์ (IRSA), add-on eks-pod-identity-agent "
    "หรือ pod identity association ที่อ้างถึงคลัสเตอร์ในการตั้งค่าที่ตรวจ ซึ่งอาจสร้างไว้นอกชุดที่ตรวจ "
    "(eksctl หรือ Terraform root อื่น)",
)
#: CCE: "When creating a cluster, set the cluster authentication mode to RBAC or Enhanced
#: authentication" (authenticating_proxy) to use Kubernetes RBAC (CCE API reference, RBAC,
#: support.huaweicloud.com/en-us/api-cce/cce_02_0284.html); x509 (Kubernetes 1.11 and
#: earlier) is neither.
_CCE_RBAC_MODES = frozenset({"rbac", "authenticating_proxy"})
_CCE_X509 = Text(
    en="authentication_mode = x509: CCE applies Kubernetes RBAC only in the rbac and "
    "authenticating_proxy (enhanced authentication) modes",
    th="authentication_mode = x509: CCE ใช้ Kubernetes RBAC เฉพาะในโหมด rbac และ "
    "authenticating_proxy (enhanced authentication)",
)
#: Node metadata modes that keep the Compute Engine metadata server (and the node's service
#: account credentials) open to pods: ``GCE_METADATA`` (``EXPOSE`` / ``SECURE`` of the old
#: ``node_metadata`` field: concealment hides some metadata, not the credentials).
_NODE_CREDENTIALS = frozenset({"GCE_METADATA", "EXPOSE", "SECURE", "UNSPECIFIED"})


def _pods_use_node_credentials(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a pool of the cluster lets its pods use the node's credentials
    (``workload_metadata_config`` set to the Compute Engine metadata server); a pool that
    does not write it takes the cluster's Workload Identity (the API fills ``GKE_METADATA``
    in a cluster with a workload pool). None when a pool's mode is not known."""
    pools = node_configs(r, ctx)
    if pools is None:
        return None
    unknown = False
    for pool in pools:
        if pool.config is None:
            unknown = True
            continue
        metadata = block(pool.config, "workload_metadata_config")
        if metadata is None:
            unknown = True
            continue
        raw = metadata.get("mode")
        mode = text(metadata, "mode" if raw is not None else "node_metadata")
        if mode is None and (raw is not None or metadata.get("node_metadata") is not None):
            unknown = True
        elif mode is not None and mode.upper() in _NODE_CREDENTIALS and pool.maybe:
            # a pool that may be another cluster's
            ctx.note(r, "workload_identity", None, unknown=may_configure(pool.name))
            unknown = True
        elif mode is not None and mode.upper() in _NODE_CREDENTIALS:
            why = Text(
                en=f"{pool.name} sets workload_metadata_config mode {mode}: its pods reach the "
                "Compute Engine metadata server and the node's service account",
                th=f"{pool.name} กำหนด workload_metadata_config mode เป็น {mode} pod "
                "บนโหนดจึงเข้าถึง metadata server ของ Compute Engine และ service account ของโหนดได้",
            )
            ctx.note(r, "workload_identity", False, because=why)
            return True
    return None if unknown else False


def gke(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_container_cluster``: legacy ABAC, Workload Identity."""
    v = r.values
    abac = flag(v, "enable_legacy_abac", False)
    identity: bool | None
    if flag(v, "enable_autopilot", False):
        identity = True
        ctx.note(r, "workload_identity", True, because=_AUTOPILOT_WI)
    else:
        config = block(v, "workload_identity_config")
        # workload_pool; identity_namespace before google provider 4.0
        name = "workload_pool"
        if config is not None and config.get(name) is None:
            name = "identity_namespace"
        pool = None if config is None else text(config, name)
        # a pool written in part ("${var.project_id}.svc.id.goog") is never empty
        shape = r.shapes.get(f"workload_identity_config.0.{name}", "")
        if pool is None and shape.replace(UNKNOWN_TEXT, ""):
            pool = shape
        if config is None or (pool is None and config.get(name) is not None):
            identity = None  # the block or the pool not known before apply
        else:
            identity = bool(pool)
        if identity:
            exposed = _pods_use_node_credentials(r, ctx)
            identity = None if exposed is None else not exposed
        if identity is False and flag(v, "enable_autopilot", False) is None:
            identity = None  # an Autopilot cluster (not known) always has it
    return {
        "rbac_authorization": None if abac is None else not abac,
        "workload_identity": identity,
    }


def aks(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``azurerm_kubernetes_cluster``: Kubernetes RBAC (3.x+ attribute, or the 2.x block),
    workload identity (with the OIDC issuer it needs)."""
    v = r.values
    rbac = flag(v, "role_based_access_control_enabled", True)
    if v.get("role_based_access_control_enabled") is None:
        legacy = block(v, "role_based_access_control")
        if legacy is None or legacy:
            # the azurerm < 2.99 block decides: no provider default (versioned_defaults)
            ctx.written_by_another(r, "rbac_authorization")
            rbac = None if legacy is None else flag(legacy, "enabled", False)
    workload = flag(v, "workload_identity_enabled", False)
    issuer = flag(v, "oidc_issuer_enabled", False)
    identity: bool | None
    if workload is False or issuer is False:
        identity = False
    elif workload is None or issuer is None:
        identity = None
    else:
        identity = True
    return {"rbac_authorization": rbac, "workload_identity": identity}


def _names_cluster(item: TfResource, attribute: str, cluster: TfResource, ctx: TfContext) -> bool:
    return ctx.referenced(item, attribute, [cluster.type]) is cluster


def eks(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``aws_eks_cluster``: always RBAC; workload identity when the scan gives its pods a way
    to their own credentials (IRSA or Pod Identity)."""
    ctx.note(r, "rbac_authorization", True, because=_EKS_RBAC)
    found: str | None = None
    for provider in ctx.related(["aws_iam_openid_connect_provider"]):
        # only a Terraform reference to the cluster's issuer: a URL written alone may be
        # any cluster's
        # (certainly: not one of several issuers, nor an input a value may choose instead)
        named = [t.address for t in ctx.referenced_all(provider, "url", [r.type])]
        if named == [r.address] and not may_be_beyond(provider, "url"):
            found = f"{provider.address} trusts the cluster's OIDC issuer (IRSA)"
    for association in ctx.related(["aws_eks_pod_identity_association"]):
        if _names_cluster(association, "cluster_name", r, ctx):
            found = f"{association.address} gives pods an IAM role (EKS Pod Identity)"
    for addon in ctx.related(["aws_eks_addon"]):
        if text(addon.values, "addon_name") == "eks-pod-identity-agent" and _names_cluster(
            addon, "cluster_name", r, ctx
        ):
            found = f"{addon.address} runs the EKS Pod Identity agent"
    if found is None:
        ctx.note(r, "workload_identity", None, unknown=_EKS_NOT_FOUND)
        return {"rbac_authorization": True}
    ctx.note(r, "workload_identity", True, because=Text(en=found, th=found))
    return {"rbac_authorization": True, "workload_identity": True}


def cce(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``huaweicloud_cce_cluster``: ``authentication_mode`` "Defaults to rbac"; RBAC applies
    in the rbac and authenticating_proxy modes, not in x509."""
    mode = text(r.values, "authentication_mode", "rbac")
    if mode is None:
        return {}
    if mode.lower() in _CCE_RBAC_MODES:
        return {"rbac_authorization": True}
    if mode.lower() == "x509":
        ctx.note(r, "rbac_authorization", False, because=_CCE_X509)
        return {"rbac_authorization": False}
    return {}


def magnum(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``openstack_containerinfra_cluster_v1``: the authorization mode is not configured
    (not known, with the reason)."""
    ctx.note(r, "rbac_authorization", None, unknown=NO_AUTHORIZATION_SETTING)
    return {}


EXTRAS: dict[str, ExtraFn] = {
    "openstack_containerinfra_cluster_v1": magnum,
    "google_container_cluster": gke,
    "azurerm_kubernetes_cluster": aks,
    "aws_eks_cluster": eks,
    "huaweicloud_cce_cluster": cce,
}
