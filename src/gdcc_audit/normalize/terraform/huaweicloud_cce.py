"""Huawei Cloud CCE (Cloud Container Engine): clusters, their nodes and node pools.

From the provider's pages (registry.terraform.io/providers/huaweicloud/huaweicloud/latest/
docs/resources/): a cluster's API server is public with an ``eip``; Secrets are encrypted
with a KMS key only with ``encryption_config`` ``mode = "KMS"`` (the other mode is
"Default"); control-plane logs are sent by a ``huaweicloud_cce_cluster_log_config``. A node
(``huaweicloud_cce_node``, an ECS server) gets an EIP with ``eip_id`` or with the bandwidth
of a new one (``iptype``, ``bandwidth_size``: "If the eip_id parameter is configured, you do
not need to configure the bandwidth parameters"), or through an EIP association naming its
server; a node pool (``huaweicloud_cce_node_pool``) has no EIP setting, its nodes none.
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.huaweicloud import bound_eip
from gdcc_audit.normalize.terraform.values import block, blocks, flag, is_set, text

CLUSTER = "huaweicloud_cce_cluster"
NODE = "huaweicloud_cce_node"
POOL = "huaweicloud_cce_node_pool"
LOG_CONFIG = "huaweicloud_cce_cluster_log_config"
#: The control-plane logs GDCC-CLU-003 asks for: the API server's and the audit log.
_LOGS = ("kube-apiserver", "audit")


def _own_eip(node: TfResource) -> bool | None:
    """Whether a node's own settings give it an EIP (None: a setting is not known)."""
    found = [is_set(node.values, name) for name in ("eip_id", "iptype", "bandwidth_size")]
    return True if True in found else (None if None in found else False)


def node_public(node: TfResource, ctx: TfContext) -> bool | None:
    """Whether a CCE node has a public address: its own EIP, or an association of the root
    (``huaweicloud.bound_eip``: none in a wholly scanned root, none)."""
    own = _own_eip(node)
    bound = bound_eip(node, ctx)
    return True if own or bound else (None if own is None else bound)


def node(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_cce_node``: a server; public with an EIP, its system disk encrypted with
    ``root_volume.kms_key_id`` (an EVS disk is encrypted only with a KMS key)."""
    root = block(r.values, "root_volume")
    key = None if root is None else is_set(root, "kms_key_id")
    return "compute.instance", Facets(
        public_endpoint=node_public(r, ctx),
        encrypted_at_rest=key,
        customer_managed_key=key,
    )


def _members(r: TfResource, ctx: TfContext, types: list[str]) -> list[TfResource]:
    return [
        item for item in ctx.related(types)
        if (found := ctx.referenced(item, "cluster_id", [CLUSTER])) is not None
        and found.address == r.address
    ]


def _node_public_ip(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether nodes of the cluster get public addresses: any node of the scan with one;
    none when every node and pool of the scan has none (pools cannot); not known without
    nodes or pools in the scan."""
    nodes = _members(r, ctx, [NODE])
    pools = _members(r, ctx, [POOL])
    if not nodes and not pools:
        ctx.note(r, "node_public_ip", None, unknown=_NO_NODES)
        return None
    found = [node_public(n, ctx) for n in nodes]
    if True in found:
        return True
    if None in found:
        return None
    named = ", ".join(item.address for item in nodes + pools)
    ctx.note(r, "node_public_ip", False, because=Text(
        en=f"its nodes and node pools of the scan get no EIP ({named}; a node pool has no EIP "
        "setting)",
        th=f"โหนดและ node pool ของคลัสเตอร์ในข้อมูลที่ตรวจไม่ได้รับ EIP ({named}; node pool "
        "ไม่มีการตั้งค่า EIP)",
    ))
    return False


_NO_NODES = Text(
    en="no node or node pool of the cluster is in the scan",
    th="ไม่มีโหนดหรือ node pool ของคลัสเตอร์ในข้อมูลที่ตรวจ",
)


def _secrets_kms(r: TfResource) -> bool | None:
    """``encryption_config`` ``mode = "KMS"`` with a key: Secrets under a KMS key."""
    config = block(r.values, "encryption_config")
    if config is None:
        return None
    mode = text(config, "mode", "Default")
    if mode is None:
        return None
    return mode.upper() == "KMS" and is_set(config, "kms_key_id") is not False


def _logs(r: TfResource, ctx: TfContext) -> bool | None:
    """Whether a log config of the scan turns the API server and audit logs on (None: none
    in the scan, or its blocks are not known)."""
    configs = _members(r, ctx, [LOG_CONFIG])
    if not configs:
        return None
    states: dict[str, bool | None] = {}
    for config in configs:
        items = blocks(config.values, "log_configs")
        if items is None:
            return None
        for item in items:
            name = text(item, "name")
            if name in _LOGS:
                states[name] = flag(item, "enable", False)
    if any(states.get(name) is False or name not in states for name in _LOGS):
        return False
    return None if None in states.values() else True


def cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``huaweicloud_cce_cluster``: API server EIP, Secrets encryption, control-plane logs,
    nodes with EIPs."""
    eip_set = is_set(r.values, "eip")
    return "container.cluster", Facets(
        public_endpoint=eip_set,
        public_access=eip_set,
        secrets_encryption=_secrets_kms(r),
        control_plane_logging=_logs(r, ctx),
        node_public_ip=_node_public_ip(r, ctx),
    )


MAPPINGS: dict[str, MapFn] = {CLUSTER: cluster, NODE: node}
