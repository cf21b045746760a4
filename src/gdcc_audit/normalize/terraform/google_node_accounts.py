"""The service account Google Cloud clusters' nodes run as (GDCC-CMP-006, facet
``default_service_account``): GKE clusters (each node pool), Cloud Composer environments,
Dataproc clusters and the Dataproc clusters Cloud Data Fusion creates.

Each of them runs its VMs as the Compute Engine default service account unless another is
written, and that account "is automatically granted the Editor role" on its project in most
organisations (cloud.google.com/compute/docs/access/service-accounts#default_service_account):
every workload on such a node can change almost anything in the project. The documented
defaults:

- GKE ``node_config.service_account``: "The service account to be used by the Node VMs. If not
  specified, the "default" service account is used" (google provider, container_cluster /
  container_node_pool); an Autopilot cluster's nodes take
  ``cluster_autoscaling.auto_provisioning_defaults.service_account``, "default" unless written
  ("By default, Kubernetes Engine nodes use the Compute Engine default service account", CIS
  GKE 5.2.1; GKE "Node service accounts").
- Composer ``config.node_config.service_account``: "If a service account is not specified, the
  "default" Compute Engine service account is used" (google provider, composer_environment):
  Airflow's workers and scheduler run as it, in Composer 3 too.
- Dataproc ``cluster_config.gce_cluster_config.service_account``: "The Compute Engine default
  service account ... is used as the Dataproc VM service account unless you specify a
  user-managed VM service account when you create a cluster"
  (cloud.google.com/dataproc/docs/concepts/configuring-clusters/service-accounts).
- Data Fusion ``dataproc_service_account``: the account set on the Dataproc clusters its
  pipelines run on; left out, which account they use is not documented on the resource: not
  known (UNKNOWN), never PASS.

A value not known before apply is the default account when it is the
``google_compute_default_service_account`` data source, not when it is a
``google_service_account`` of the scan (a user-managed account) or an e-mail written
``...@...iam.gserviceaccount.com`` (``google_emails``: ``...-compute@developer...`` is the
default), else not known.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.terraform.context import TfContext, may_be_unset
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.gke_nodes import node_configs
from gdcc_audit.normalize.terraform.google_emails import note_written_account
from gdcc_audit.normalize.terraform.values import block, blocks, flag, text

FACET = "default_service_account"
_DOCS = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
_GKE_DOC = _DOCS + "container_cluster#service_account"
_COMPOSER_DOC = _DOCS + "composer_environment#service_account"
_DATAPROC_DOC = (
    "https://cloud.google.com/dataproc/docs/concepts/configuring-clusters/service-accounts"
)
#: The default compute account's e-mail, and the API's name for it.
_DEFAULT_SUFFIX = "-compute@developer.gserviceaccount.com"

_POOLS_ELSEWHERE = Text(
    en="every node pool of the cluster is outside the scan (the default pool removed): the "
    "service account its nodes run as is not known",
    th="node pool ทั้งหมดของคลัสเตอร์อยู่นอกการสแกน (ลบ default pool แล้ว) "
    "จึงไม่ทราบว่าโหนดทำงานด้วย service account ใด",
)
_POOLS_NOT_KNOWN = Text(
    en="the cluster's node pools are not known before apply (a dynamic node_pool block or "
    "remove_default_node_pool from a variable)",
    th="ไม่ทราบ node pool ของคลัสเตอร์ก่อน apply (บล็อก node_pool แบบ dynamic หรือ "
    "remove_default_node_pool มาจากตัวแปร)",
)
_AUTOPILOT_NOT_KNOWN = Text(
    en="enable_autopilot is not known: an Autopilot cluster's nodes take "
    "cluster_autoscaling.auto_provisioning_defaults.service_account, a Standard cluster's "
    "each node pool's node_config.service_account",
    th="ไม่ทราบค่า enable_autopilot: โหนดของคลัสเตอร์ Autopilot ใช้ "
    "cluster_autoscaling.auto_provisioning_defaults.service_account ส่วนคลัสเตอร์ Standard ใช้ "
    "node_config.service_account ของแต่ละ node pool",
)
_FUSION_NOT_READ = Text(
    en="dataproc_service_account is not written: the account of the Dataproc clusters Data "
    "Fusion creates for its pipelines is not documented on the resource",
    th="ไม่ได้กำหนด dataproc_service_account: เอกสารของ resource ไม่ได้ระบุ service account "
    "ของคลัสเตอร์ Dataproc ที่ Data Fusion สร้างเพื่อรัน pipeline",
)


def _referenced(r: TfResource, path: str, ctx: TfContext) -> bool | None:
    """A value not known before apply at ``path``: the default account when it is the
    ``google_compute_default_service_account`` data source, not when it is a user-managed
    ``google_service_account`` of the scan, else not known."""
    if may_be_unset(r, path):
        return None
    found = ctx.referenced(r, path, ["google_service_account"])
    if found is not None and found.mode == "managed":
        return False
    if ctx.referenced(r, path, ["google_compute_default_service_account"]) is not None:
        return True
    return note_written_account(r, ctx, path)


def _is_default(r: TfResource, ctx: TfContext, path: str, value: Any) -> bool | None:
    """Whether the account written at ``path`` (its value ``value``) is the default one: left
    out, empty or "default" (the provider sends an empty account as "default") or the
    ``PROJECT_NUMBER-compute@`` e-mail."""
    if value is UNKNOWN:
        return _referenced(r, path, ctx)
    if value is None:
        return True
    if not isinstance(value, str):
        return None
    account = value.strip()
    return account in {"", "default"} or account.endswith(_DEFAULT_SUFFIX)


def _account(
    r: TfResource, ctx: TfContext, settings: Mapping[str, Any] | None, path: str, doc: str
) -> bool | None:
    """The verdict for one ``service_account`` argument of ``settings`` (None: the block is
    not known), labelled default when it is left out."""
    if settings is None:
        return None
    value = settings.get("service_account")
    found = _is_default(r, ctx, path, value)
    if value is None and found:
        ctx.note(r, FACET, True, DefaultedFacet(attribute=path, doc=doc))
    return found


def composer(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_composer_environment``: ``config.node_config.service_account``."""
    config = block(r.values, "config")
    if config is None:
        return {FACET: None}
    nodes = block(config, "node_config")
    path = "config.0.node_config.0.service_account"
    return {FACET: _account(r, ctx, nodes, path, _COMPOSER_DOC)}


def dataproc(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_dataproc_cluster``: ``cluster_config.gce_cluster_config.service_account``."""
    config = block(r.values, "cluster_config")
    gce = None if config is None else block(config, "gce_cluster_config")
    path = "cluster_config.0.gce_cluster_config.0.service_account"
    return {FACET: _account(r, ctx, gce, path, _DATAPROC_DOC)}


def data_fusion(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_data_fusion_instance``: ``dataproc_service_account`` (module docstring)."""
    value = r.values.get("dataproc_service_account")
    if value is None:
        ctx.note(r, FACET, None, unknown=_FUSION_NOT_READ)
        return {FACET: None}
    return {FACET: _is_default(r, ctx, "dataproc_service_account", value)}


def _pool_path(cluster: TfResource, name: str) -> str | None:
    """Where a pool of ``cluster`` (named as ``gke_nodes.node_configs`` names it) writes its
    account, on the cluster; None for a pool that is a resource of its own."""
    if name == "default node pool":
        return "node_config.0.service_account"
    for index, pool in enumerate(blocks(cluster.values, "node_pool") or ()):
        if name in (f"node pool {text(pool, 'name')}", f"node_pool[{index}]"):
            return f"node_pool.{index}.node_config.0.service_account"
    return None


def gke(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_container_cluster``: Autopilot, the auto-provisioning default account; else
    each node pool's (the default pool, inline pools, ``google_container_node_pool`` resources
    naming it): True when one runs as the default account, False when none does."""
    autopilot = flag(r.values, "enable_autopilot", False)
    if autopilot is None:
        ctx.note(r, FACET, None, unknown=_AUTOPILOT_NOT_KNOWN)
        return {FACET: None}
    if autopilot:
        scaling = block(r.values, "cluster_autoscaling")
        defaults = None if scaling is None else block(scaling, "auto_provisioning_defaults")
        where = "cluster_autoscaling.0.auto_provisioning_defaults.0.service_account"
        return {FACET: _account(r, ctx, defaults, where, _GKE_DOC)}
    pools = node_configs(r, ctx)
    if not pools:
        ctx.note(r, FACET, None, unknown=_POOLS_NOT_KNOWN if pools is None else _POOLS_ELSEWHERE)
        return {FACET: None}
    default: list[str] = []
    unknown: list[str] = []
    left_out = False
    for pool in pools:
        owner = ctx.by_address.get(pool.name)
        path: str | None = (
            "node_config.0.service_account" if owner else _pool_path(r, pool.name)
        )
        config = pool.config
        value = None if config is None else config.get("service_account")
        if config is None or path is None:
            found = None
        else:
            found = _is_default(owner or r, ctx, path, value)
        if found is None or (found and pool.maybe):
            unknown.append(pool.name)
        elif found:
            default.append(pool.name)
            left_out = left_out or value is None
    if default:
        why = Text(
            en="runs nodes as the Compute Engine default service account: " + ", ".join(default),
            th="โหนดทำงานด้วย service account เริ่มต้นของ Compute Engine: " + ", ".join(default),
        )
        ctx.note(r, FACET, True, because=why)
        if left_out:
            ctx.note(r, FACET, True, DefaultedFacet(
                attribute="node_config.0.service_account", doc=_GKE_DOC))
        return {FACET: True}
    return {FACET: None if unknown else False}


EXTRAS: dict[str, ExtraFn] = {
    "google_container_cluster": gke,
    "google_composer_environment": composer,
    "google_dataproc_cluster": dataproc,
    "google_data_fusion_instance": data_fusion,
}
