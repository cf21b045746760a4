"""Filestore instances (``google_filestore_instance``; were not mapped): NFS file shares.

- Reach: an instance is connected to the VPC network its ``networks`` entry names and gets
  its address from ``reserved_ip_range``, "in one of the internal IP address ranges"
  (Filestore API, NetworkConfig: ``network`` "The name of the Google Compute Engine VPC
  network to which the instance is connected"); the API and the provider have no external
  address setting (``connect_mode`` is ``DIRECT_PEERING`` or ``PRIVATE_SERVICE_ACCESS``).
  ``file_shares.nfs_export_options.ip_ranges`` only narrows which clients of those networks
  may mount it. So it is never public (GDCC-DATA-001/002 PASS, saying why).
- At rest: Google Cloud encrypts all customer content at rest by default
  (cloud.google.com/docs/security/encryption/default-encryption); ``kms_key_name`` names a
  customer-managed Cloud KMS key instead (GDCC-ENC-001 PASS, ENC-002 as written).
"""

from __future__ import annotations

from gdcc_audit.load.terraform_model import TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext
from gdcc_audit.normalize.terraform.values import is_set

TF_TYPE = "google_filestore_instance"

_PRIVATE = Text(
    en="a Filestore instance has only an internal address on its VPC network: it is reached "
    "from that network and networks connected to it, never from the internet",
    th="Filestore instance มีเพียงที่อยู่ภายในบนเครือข่าย VPC ของตน เข้าถึงได้จากเครือข่ายนั้นและเครือข่าย"
    "ที่เชื่อมต่อกันเท่านั้น ไม่ใช่จากอินเทอร์เน็ต",
)


def filestore_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_filestore_instance`` (module docstring)."""
    ctx.note(r, "public_access", False, because=_PRIVATE)
    return "storage.file_share", Facets(
        encrypted_at_rest=True,
        customer_managed_key=is_set(r.values, "kms_key_name"),
        public_access=False,
        public_grants=(),
    )


MAPPINGS: dict[str, MapFn] = {TF_TYPE: filestore_instance}
