"""Alibaba Cloud Container Service for Kubernetes (ACK) clusters: ``alicloud_cs_managed_kubernetes``
(ACK managed) and ``alicloud_cs_kubernetes`` (ACK dedicated). Neither was mapped: every ACK
cluster was "not judged", its API server on an internet load balancer by default included.

Defaults are the provider's documented ones (:data:`MANAGED_DOC`, :data:`DEDICATED_DOC`):

- ``slb_internet_enabled``: "Whether to create internet load balancer for API Server.
  Default to true": the API server has a public endpoint unless written ``false``
  (GDCC-CLU-002).
- ``encryption_provider_key``: "The ID of the Key Management Service (KMS) key that is used
  to encrypt Kubernetes Secrets"; "To enable encryption, you must specify both
  ``encryption_provider_key`` and ``disable_encryption = false``" (``disable_encryption``
  "Default value is ``false``"): without a key Secrets are not encrypted with one
  (GDCC-CLU-001). Managed clusters only; a dedicated cluster's is not read (not known).
- ``control_plane_log_components``: "If control plane logs are to be collected,
  ``control_plane_log_ttl`` and ``control_plane_log_components`` must be specified", and
  ``audit_log_config { enabled = true }`` stores the audit logs in a Logstore: with neither,
  no control-plane log is collected (GDCC-CLU-003; managed clusters only).

What else the rules ask (node public IPs, local accounts, RBAC) depends on node pools and
kubeconfig grants this mapping does not read: not known.
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.context import Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, flag, is_set, string_list

MANAGED_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/"
    "cs_managed_kubernetes"
)
DEDICATED_DOC = (
    "https://registry.terraform.io/providers/aliyun/alicloud/latest/docs/resources/"
    "cs_kubernetes"
)
MANAGED = "alicloud_cs_managed_kubernetes"
DEDICATED = "alicloud_cs_kubernetes"


def _noted(r: TfResource, ctx: TfContext, facet: str, attribute: str, value: bool,
           doc: str) -> bool:
    """``value``, noted as the provider's default of ``attribute`` (``facet`` "default")."""
    ctx.note(r, facet, value, DefaultedFacet(attribute=attribute, doc=doc))
    return value


def _public(r: TfResource, ctx: TfContext, doc: str) -> bool | None:
    """The API server's internet load balancer (``slb_internet_enabled``, default true)."""
    if r.values.get("slb_internet_enabled") is None:
        return _noted(r, ctx, "public_endpoint", "slb_internet_enabled", True, doc)
    return flag(r.values, "slb_internet_enabled")


def _secrets(r: TfResource, ctx: TfContext) -> bool | None:
    """Secrets encrypted with a KMS key: ``encryption_provider_key`` written and
    ``disable_encryption`` not true; False when no key is written (the default)."""
    disabled = flag(r.values, "disable_encryption", False)
    if disabled is True:
        return False
    key = is_set(r.values, "encryption_provider_key")
    if key is False:
        return _noted(r, ctx, "secrets_encryption", "encryption_provider_key", False,
                      MANAGED_DOC)
    return None if key is None or disabled is None else True


def _control_plane_logs(r: TfResource, ctx: TfContext) -> bool | None:
    """Control-plane logs collected: ``control_plane_log_components`` naming ``apiserver``,
    or ``audit_log_config`` enabled; False when neither is written (the default)."""
    audit = block(r.values, "audit_log_config")  # {} when absent, None when not known
    audited = None if audit is None else flag(audit, "enabled", False)
    components = string_list(r.values, "control_plane_log_components")
    if audited is True or (components is not None and "apiserver" in components):
        return True
    if audited is None or components is None:
        return None
    if not audit and not components:
        return _noted(r, ctx, "control_plane_logging", "control_plane_log_components", False,
                      MANAGED_DOC)
    return False  # components without the API server, or an audit log turned off


def ack_cluster(r: TfResource, ctx: TfContext) -> Mapped:
    """``alicloud_cs_managed_kubernetes`` / ``alicloud_cs_kubernetes``: the module's docstring."""
    if r.type == DEDICATED:
        return "container.cluster", Facets(public_endpoint=_public(r, ctx, DEDICATED_DOC))
    return "container.cluster", Facets(
        public_endpoint=_public(r, ctx, MANAGED_DOC),
        secrets_encryption=_secrets(r, ctx),
        control_plane_logging=_control_plane_logs(r, ctx),
    )


MAPPINGS = {MANAGED: ack_cluster, DEDICATED: ack_cluster}
