"""Amazon SageMaker notebook instances, read the same way from Terraform
(``aws_sagemaker_notebook_instance``) and CloudFormation (``AWS::SageMaker::NotebookInstance``).

A notebook instance is an ML compute instance (``compute.instance``) that SageMaker launches in
its own VPC, with a network interface there, and, given a subnet, a second one in the tenant's
VPC behind the security groups named: "This enables inbound traffic from your own VPC to the
notebook instance, assuming that the security groups allow it" (SageMaker API,
CreateNotebookInstance). Users open Jupyter through SageMaker's presigned URLs, signed by IAM.

- Direct internet access (``direct_internet_access`` / ``DirectInternetAccess``, "Enabled" by
  default: "Notebook instances are internet-enabled by default", SageMaker developer guide)
  connects the instance to the internet through SageMaker's network whatever the tenant's VPC
  allows: GDCC-CMP-001 fails it (AWS Security Hub SageMaker.1 "notebook instances should not
  have direct internet access"). It gives the instance no address on the tenant's network:
  the resource graph takes it as reachable only from its VPC (``graph/network.py``).
- The instance metadata service: ``minimum_instance_metadata_service_version`` /
  ``MinimumInstanceMetadataServiceVersion``; "When passed as part of CreateNotebookInstance,
  if no value is selected, then it defaults to IMDSv1" (API InstanceMetadataServiceConfiguration).
- The ML storage volume is always encrypted, with an AWS managed key unless ``kms_key_id`` /
  ``KmsKeyId`` names one: "ML storage volumes are encrypted" (API UpdateNotebookInstance,
  VolumeSizeInGB).
- A lifecycle configuration (``lifecycle_config_name`` / ``LifecycleConfigName``) runs shell
  scripts on the instance, its user data: not read here, so secrets in it are not known.
- There is no serial console and no SSH or password log-in of the tenant's (SageMaker runs the
  instance in its service account): GDCC-CMP-004 and GDCC-CMP-007 are NOT_APPLICABLE.
- Root access (``root_access`` / ``RootAccess``): "Whether root access is enabled or disabled
  for users of the notebook instance. The default value is Enabled" (API
  CreateNotebookInstance, RootAccess). GDCC-CMP-013 fails it (AWS Security Hub SageMaker.3
  "Users should not have root access to SageMaker notebook instances"; checkov CKV_AWS_307).
  Lifecycle configuration scripts run as root either way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.models.unknown import UNKNOWN

TF_TYPE = "aws_sagemaker_notebook_instance"
CFN_TYPE = "AWS::SageMaker::NotebookInstance"
INTERNET_DOC = (
    "https://docs.aws.amazon.com/sagemaker/latest/dg/appendix-notebook-and-internet-access.html"
)
IMDS_DOC = (
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/"
    "API_InstanceMetadataServiceConfiguration.html"
)
ROOT_DOC = "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html"
VOLUME_DOC = (
    "https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UpdateNotebookInstance.html"
)
VOLUME_ENCRYPTED = Text(
    en="SageMaker encrypts the ML storage volume of every notebook instance (with an AWS "
    "managed key unless a KMS key is named)",
    th="SageMaker เข้ารหัส ML storage volume ของ notebook instance ทุกตัวเสมอ "
    "(ด้วยกุญแจที่ AWS จัดการ เว้นแต่ระบุกุญแจ KMS)",
)
DIRECT = Text(
    en="direct internet access: SageMaker connects the instance to the internet through its own "
    "network, whatever the tenant's VPC allows",
    th="เปิด direct internet access: SageMaker เชื่อมเครื่องกับอินเทอร์เน็ตผ่านเครือข่ายของ SageMaker "
    "เองโดยไม่ขึ้นกับ VPC ของหน่วยงาน",
)
NO_DIRECT = Text(
    en="direct internet access disabled: the instance reaches only what its VPC routes to",
    th="ปิด direct internet access: เครื่องเข้าถึงได้เฉพาะปลายทางที่ VPC ของตนมีเส้นทางไปถึง",
)
NOT_TENANT_HOST = Text(
    en="a SageMaker notebook instance runs in SageMaker's service account: it has no serial "
    "console and no SSH or password log-in of the tenant's (users open Jupyter through "
    "presigned URLs signed by IAM)",
    th="SageMaker notebook instance ทำงานในบัญชีบริการของ SageMaker จึงไม่มี serial console "
    "และไม่มีการเข้าระบบผ่าน SSH หรือรหัสผ่านของหน่วยงาน (ผู้ใช้เปิด Jupyter ผ่าน presigned URL "
    "ที่ลงนามด้วย IAM)",
)
ROOT_NOT_KNOWN = Text(
    en="its root access setting has no known value (Enabled or Disabled)",
    th="การตั้งค่า root access ไม่มีค่าที่ทราบ (Enabled หรือ Disabled)",
)
#: The facets :data:`NOT_TENANT_HOST` says the type does not have.
NOT_ON_NOTEBOOKS = frozenset({"serial_console", "password_auth"})


def lifecycle_not_read(name: str) -> Text:
    """Why a notebook's user data is UNKNOWN: its lifecycle configuration is not read."""
    return Text(
        en=f"its lifecycle configuration {name} runs scripts on the instance that are not read",
        th=f"lifecycle configuration {name} ของ notebook รันสคริปต์บนเครื่องซึ่งไม่ได้อ่าน",
    )


@dataclass
class Notebook:
    """The facets of a notebook instance, the documented defaults that decided some (facet
    -> default), why others are unknown, and why one has its value."""

    facets: dict[str, Any] = field(default_factory=dict)
    defaults: dict[str, DefaultedFacet] = field(default_factory=dict)
    unknown: dict[str, Text] = field(default_factory=dict)
    because: dict[str, Text] = field(default_factory=dict)


def _switch(value: Any) -> bool | None:
    """"Enabled" / "Disabled" as True / False; None for anything else (not known)."""
    if isinstance(value, str) and value.strip().lower() in ("enabled", "disabled"):
        return value.strip().lower() == "enabled"
    return None


def _written(value: Any) -> bool:
    return value is not None and value != ""


def read(
    direct: Any, imds: Any, kms_key: Any, lifecycle: Any, root: Any,
    names: tuple[str, str, str, str],
) -> Notebook:
    """A notebook instance from its direct internet access, minimum IMDS version, KMS key,
    lifecycle configuration name and root access (each None when not written, UNKNOWN or
    another sentinel when not known). ``names``: how the format calls direct internet
    access, the IMDS version, the lifecycle configuration and root access (for the "not
    set" label)."""
    found = Notebook()
    if root is None:
        found.facets["notebook_root_access"] = True
        found.defaults["notebook_root_access"] = DefaultedFacet(attribute=names[3], doc=ROOT_DOC)
    else:
        found.facets["notebook_root_access"] = _switch(root)
        if found.facets["notebook_root_access"] is None:
            found.unknown["notebook_root_access"] = ROOT_NOT_KNOWN
    if direct is None:
        found.facets["public_endpoint"] = True
        found.defaults["public_endpoint"] = DefaultedFacet(attribute=names[0], doc=INTERNET_DOC)
    else:
        found.facets["public_endpoint"] = _switch(direct)
    if imds is None:
        found.facets["metadata_tokens_required"] = False
        found.defaults["metadata_tokens_required"] = DefaultedFacet(
            attribute=names[1], doc=IMDS_DOC
        )
    elif str(imds).strip() in ("1", "2") and not isinstance(imds, bool):
        found.facets["metadata_tokens_required"] = str(imds).strip() == "2"
    else:
        found.facets["metadata_tokens_required"] = None
    if found.facets["public_endpoint"] is not None:
        found.because["public_endpoint"] = DIRECT if found.facets["public_endpoint"] else NO_DIRECT
    found.facets["encrypted_at_rest"] = True
    found.because["encrypted_at_rest"] = VOLUME_ENCRYPTED
    found.facets["customer_managed_key"] = (
        None if kms_key is UNKNOWN else _written(kms_key)
    )
    if not _written(lifecycle):
        found.facets["user_data_secrets"] = ()
    else:
        found.facets["user_data_secrets"] = None
        label = lifecycle if isinstance(lifecycle, str) else names[2]
        found.unknown["user_data_secrets"] = lifecycle_not_read(label)
    return found
