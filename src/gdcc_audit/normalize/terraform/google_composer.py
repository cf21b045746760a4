"""Cloud Composer environments and Cloud Data Fusion instances (were not mapped: no finding).
Both run their work on VMs that Google creates for the tenant; they are ``container.cluster``
resources, as Dataproc clusters are.

- ``google_composer_environment`` (Airflow on a GKE cluster). Cloud Composer 1 and 2 create
  the cluster in the tenant's project. The provider turns a ``private_environment_config``
  block into a Private IP environment (it sends ``enablePrivateEnvironment: true``); "For
  Private IP environments, Cloud Composer assigns only private IP (RFC 1918) addresses to the
  managed Google Kubernetes Engine and Cloud SQL VMs in your environment"
  (cloud.google.com/composer/docs/composer-2/private-ip-environments), so without the block
  the nodes have public addresses (GDCC-CLU-005 FAIL labelled default). The cluster's API
  server: "If true, access to the public endpoint of the GKE cluster is denied"
  (``private_environment_config.enable_private_endpoint``, false unless written): GDCC-CLU-002.
  Cloud Composer 3 runs the cluster in a Google-managed tenant project: no API server or node
  of the tenant's (``enable_private_environment`` decides only the workers' outbound
  access), so neither rule applies (``absent.py``). An environment whose image version is not
  written is Cloud Composer 2, the provider's documented default ("If omitted, the default is
  the latest version of Composer 2", ``image_version``), said with the finding (Composer may
  create the version its image list marks default instead); one whose version is not known
  (a variable) is UNKNOWN on both: the major version decides which holds.
  ``encryption_config.kms_key_name`` is a customer-managed key.
- ``google_data_fusion_instance``: "If set to true, all Data Fusion nodes will have private IP
  addresses" (``private_instance``, false unless written): its nodes have public addresses
  and are reached at them, as a Dataproc cluster's are (GDCC-CLU-002 / GDCC-CLU-005 FAIL
  labelled default). ``crypto_key_config.key_reference`` is a customer-managed key.

Neither is a Kubernetes cluster the tenant runs (Secrets, NetworkPolicy, control-plane logs,
RBAC, node boot settings: ``absent.py``); their IAM grants are not read (GDCC-CLU-007
NOT_APPLICABLE, never PASS).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.composer import composer_major, image_version_absent
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import block, blocks, flag, is_set

COMPOSER = "google_composer_environment"
DATA_FUSION = "google_data_fusion_instance"
_DOC = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
_PRIVATE_IP_DOC = "https://cloud.google.com/composer/docs/composer-2/private-ip-environments"
_VERSION_DEFAULT = Text(
    en="config.software_config.image_version is not written: the provider's default, \"the "
    "latest version of Composer 2\" (Composer 1 and 2 run the environment's cluster in the "
    "tenant's project); Composer may instead create the version its image list marks default "
    "in the region (Composer 3, whose cluster is in Google's project)",
    th="ไม่ได้กำหนด config.software_config.image_version: ค่าเริ่มต้นของ provider คือ Composer 2 "
    "เวอร์ชันล่าสุด (Composer 1 และ 2 รันคลัสเตอร์ของ environment ในโปรเจกต์ของผู้เช่า) "
    "แต่ Composer อาจสร้างเวอร์ชันที่รายการ image กำหนดเป็นค่าเริ่มต้นในภูมิภาคนั้นแทน "
    "(Composer 3 ซึ่งคลัสเตอร์อยู่ในโปรเจกต์ของ Google)",
)
_VERSION_NOT_KNOWN = Text(
    en="the Cloud Composer version is not known (config.software_config.image_version is not "
    "written or has no known value): Composer 1 and 2 run the environment's cluster in the "
    "tenant's project, Composer 3 in Google's",
    th="ไม่ทราบเวอร์ชันของ Cloud Composer (ไม่ได้กำหนด config.software_config.image_version "
    "หรือไม่ทราบค่า) Composer 1 และ 2 รันคลัสเตอร์ของ environment ในโปรเจกต์ของผู้เช่า "
    "ส่วน Composer 3 รันในโปรเจกต์ของ Google",
)


def composer_environment(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_composer_environment`` (module docstring)."""
    config = block(r.values, "config")
    major = composer_major(r.values)
    by_default = major is None and image_version_absent(r.values)
    if by_default:
        major = 2
    # ``blocks``, not ``block``: an empty ``private_environment_config {}`` is a Private IP
    # environment (the provider sends enablePrivateEnvironment for the block), not an absent one
    written = None if config is None else blocks(config, "private_environment_config")
    private = None if written is None else (written[0] if written else None)
    encryption = None if config is None else block(config, "encryption_config")
    node_public: bool | None = None
    endpoint_public: bool | None = None
    if major is None:
        ctx.note(r, "node_public_ip", None, unknown=_VERSION_NOT_KNOWN)
        ctx.note(r, "public_endpoint", None, unknown=_VERSION_NOT_KNOWN)
    elif major < 3 and written is not None:
        node_public = private is None
        endpoint = flag(private, "enable_private_endpoint", False) if private is not None else False
        endpoint_public = None if endpoint is None else not endpoint
        unless = _VERSION_DEFAULT if by_default else None
        if private is None:
            default = DefaultedFacet(attribute="config.0.private_environment_config",
                                     doc=_PRIVATE_IP_DOC, unless=unless)
            ctx.note(r, "node_public_ip", True, default)
            ctx.note(r, "public_endpoint", True, default)
        else:
            if by_default:
                ctx.note(r, "node_public_ip", node_public, because=_VERSION_DEFAULT)
            if private.get("enable_private_endpoint") is None:
                ctx.note(r, "public_endpoint", True, DefaultedFacet(
                    attribute="config.0.private_environment_config.0.enable_private_endpoint",
                    doc=_DOC + "composer_environment#enable_private_endpoint", unless=unless))
            elif by_default:
                ctx.note(r, "public_endpoint", endpoint_public, because=_VERSION_DEFAULT)
    return "container.cluster", Facets(
        public_endpoint=endpoint_public,
        node_public_ip=node_public,
        encrypted_at_rest=True,
        customer_managed_key=None if encryption is None else is_set(encryption, "kms_key_name"),
    )


def data_fusion_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_data_fusion_instance`` (module docstring)."""
    private = flag(r.values, "private_instance", False)
    public = None if private is None else not private
    if r.values.get("private_instance") is None:
        default = DefaultedFacet(attribute="private_instance",
                                 doc=_DOC + "data_fusion_instance#private_instance")
        ctx.note(r, "node_public_ip", True, default)
        ctx.note(r, "public_endpoint", True, default)
    keys = block(r.values, "crypto_key_config")
    return "container.cluster", Facets(
        # its nodes are reached at their addresses: public when they have public ones
        public_endpoint=public,
        node_public_ip=public,
        encrypted_at_rest=True,
        customer_managed_key=None if keys is None else is_set(keys, "key_reference"),
    )


MAPPINGS: dict[str, MapFn] = {COMPOSER: composer_environment, DATA_FUSION: data_fusion_instance}
