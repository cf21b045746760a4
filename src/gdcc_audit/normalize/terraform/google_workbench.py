"""Vertex AI Workbench instances (``google_workbench_instance``; were not mapped): a
JupyterLab notebook on a Compute Engine VM that Vertex AI creates in the tenant's project, set
up in ``gce_setup`` (Notebooks API v2, ``GceSetup``; provider schema of the resource).

- External IP: "If true, no external IP will be assigned to this VM instance"
  (``disable_public_ip``), and "If no accessConfigs specified, the instance will have an
  external internet access through an ephemeral external IP address"
  (``network_interfaces.access_configs``): an instance has one unless ``disable_public_ip``
  is true (GDCC-CMP-001 FAIL labelled default when it is not written).
- Root access: the metadata key ``notebook-disable-root`` ("Root access", false by default:
  cloud.google.com/vertex-ai/docs/workbench/instances/manage-metadata): GDCC-CMP-013.
- Disks: always encrypted, "Disk encryption method used on the boot and data disks, defaults
  to GMEK" (``boot_disk.disk_encryption``); ``CMEK`` with ``kms_key`` is a customer-managed key.
- Serial port and start-up scripts: the Compute Engine metadata keys ``serial-port-enable``
  (off unless written) and ``startup-script``, read as on a ``google_compute_instance``; a
  ``post-startup-script`` (a script elsewhere, run after boot) is not read (GDCC-CMP-005
  UNKNOWN unless a secret is found).
- Service account: ``service_accounts.email``; the API documents no account used when none is
  given, so an instance that names none is UNKNOWN on GDCC-CMP-006.
- Secure boot / vTPM / integrity monitoring (``shielded_instance_config``, same defaults as a
  Compute Engine instance) are read by ``boot_integrity.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet, Facets
from gdcc_audit.normalize.terraform.context import MapFn, Mapped, TfContext, may_be_unset
from gdcc_audit.normalize.terraform.extras import user_data_secrets
from gdcc_audit.normalize.terraform.google_emails import note_written_account
from gdcc_audit.normalize.terraform.values import block, blocks, flag

TF_TYPE = "google_workbench_instance"
LEGACY_TYPE = "google_notebooks_instance"
_DOC = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
_PUBLIC_IP_DOC = _DOC + "workbench_instance#disable_public_ip"
ROOT_DOC = "https://cloud.google.com/vertex-ai/docs/workbench/instances/manage-metadata"
LEGACY_ROOT_DOC = (
    "https://cloud.google.com/vertex-ai/docs/workbench/user-managed/manage-metadata"
)
_ROOT_KEY = "notebook-disable-root"
_NO_ACCOUNT_DEFAULT = Text(
    en="no service account is named in gce_setup.service_accounts and the Workbench API "
    "documents none used in its place",
    th="ไม่ได้ระบุ service account ใน gce_setup.service_accounts และ API ของ Workbench "
    "ไม่ได้ระบุว่าจะใช้บัญชีใดแทน",
)
_ROOT_NOT_KNOWN = Text(
    en=f"the metadata key {_ROOT_KEY} has no known value",
    th=f"metadata {_ROOT_KEY} ไม่มีค่าที่ทราบ",
)
_POST_STARTUP = "post-startup-script"
_SCRIPT_NOT_READ = Text(
    en=f"its {_POST_STARTUP} runs a script on the instance that is not read",
    th=f"{_POST_STARTUP} ของเครื่องรันสคริปต์ที่ไม่ได้อ่าน",
)
#: Service account e-mails that are the Compute Engine default service account.
_DEFAULT_SA_SUFFIX = "-compute@developer.gserviceaccount.com"


def _metadata_flag(metadata: Any, key: str) -> bool | None:
    """A "true" / "false" metadata value (absent: False); None when not known."""
    if metadata is UNKNOWN:
        return None
    value = metadata.get(key) if isinstance(metadata, Mapping) else None
    if value is None:
        return False
    if value is UNKNOWN:
        return None
    return str(value).strip().lower() in {"true", "1"}


def _public(setup: Mapping[str, Any] | None) -> bool | None:
    """Whether the VM gets an external IP: unless ``disable_public_ip`` is true."""
    if setup is None:
        return None
    disabled = flag(setup, "disable_public_ip", False)
    return None if disabled is None else not disabled


def _customer_key(setup: Mapping[str, Any] | None) -> bool | None:
    """Whether the boot disk is encrypted with a customer-managed key (``CMEK``)."""
    boot = None if setup is None else block(setup, "boot_disk")
    if boot is None:
        return None
    method = boot.get("disk_encryption")
    if method is UNKNOWN:
        return None
    return isinstance(method, str) and method.upper() == "CMEK"


def _default_account(
    r: TfResource, setup: Mapping[str, Any] | None, ctx: TfContext
) -> bool | None:
    """Whether the VM runs as the Compute Engine default service account (one named by a
    reference is a user-managed account)."""
    accounts = None if setup is None else blocks(setup, "service_accounts")
    email = accounts[0].get("email") if accounts else None
    if accounts is None or email is UNKNOWN:
        named = any("service_accounts" in ref.attribute for ref in r.references)
        # (not when a value not known may leave it null: the default account then)
        maybe = accounts is not None and may_be_unset(r, "gce_setup.0.service_accounts")
        if not named and not maybe and (said := note_written_account(
            r, ctx, "gce_setup.0.service_accounts.0.email"
        )) is not None:
            return said
        return False if named and not maybe else None
    if email is None or email == "":
        ctx.note(r, "default_service_account", None, unknown=_NO_ACCOUNT_DEFAULT)
        return None
    text = str(email).strip()
    return text == "default" or text.endswith(_DEFAULT_SA_SUFFIX)


def _startup_secrets(
    r: TfResource, setup: Mapping[str, Any] | None, script: Any, ctx: TfContext,
    prefix: str = "gce_setup.0.",
) -> tuple[str, ...] | None:
    """Secrets in the VM's start-up metadata (``setup`` holds ``metadata``); a post-startup
    script (``script``: a script in Cloud Storage or at a URL, run after boot) is not read:
    without a secret found, not known."""
    if setup is None:
        return None
    found = user_data_secrets(setup, {k.removeprefix(prefix): v for k, v in r.secrets.items()})
    if found or script is None:
        return found
    ctx.note(r, "user_data_secrets", None, unknown=_SCRIPT_NOT_READ)
    return None


def _note_root(
    r: TfResource, ctx: TfContext, metadata: Any, root: bool | None, where: str, doc: str
) -> None:
    """Say why root access is not known, or that it is the default (the key not written)."""
    if root is None:
        ctx.note(r, "notebook_root_access", None, unknown=_ROOT_NOT_KNOWN)
    elif not isinstance(metadata, Mapping) or metadata.get(_ROOT_KEY) is None:
        ctx.note(r, "notebook_root_access", True,
                 DefaultedFacet(attribute=f"{where}.{_ROOT_KEY}", doc=doc))


def workbench_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_workbench_instance``: an instance set up by ``gce_setup``."""
    setup = block(r.values, "gce_setup")
    metadata = UNKNOWN if setup is None else setup.get("metadata")
    public = _public(setup)
    if setup is not None and (setup or {}).get("disable_public_ip") is None:
        ctx.note(r, "public_endpoint", public,
                 DefaultedFacet(attribute="gce_setup.0.disable_public_ip", doc=_PUBLIC_IP_DOC))
    disabled = _metadata_flag(metadata, _ROOT_KEY)
    root = None if disabled is None else not disabled
    _note_root(r, ctx, metadata, root, "gce_setup.0.metadata", ROOT_DOC)
    return "compute.instance", Facets(
        public_endpoint=public,
        notebook_root_access=root,
        encrypted_at_rest=True,
        customer_managed_key=_customer_key(setup),
        serial_console=_metadata_flag(metadata, "serial-port-enable"),
        default_service_account=_default_account(r, setup, ctx),
        user_data_secrets=_startup_secrets(
            r, setup, metadata.get(_POST_STARTUP) if isinstance(metadata, Mapping) else None,
            ctx),
    )


def _legacy_account(r: TfResource, ctx: TfContext) -> bool | None:
    """``service_account``: "If not specified, the Compute Engine default service account is
    used" (one named by a reference is a user-managed account)."""
    email = r.values.get("service_account")
    if email is UNKNOWN:
        maybe = may_be_unset(r, "service_account")
        if not maybe and (said := note_written_account(r, ctx, "service_account")) is not None:
            return said
        named = any(ref.attribute == "service_account" for ref in r.references)
        return False if named and not maybe else None
    if email is None or email == "":
        ctx.note(r, "default_service_account", True, DefaultedFacet(
            attribute="service_account", doc=_DOC + "notebooks_instance#service_account"))
        return True
    text = str(email).strip()
    return text == "default" or text.endswith(_DEFAULT_SA_SUFFIX)


def notebooks_instance(r: TfResource, ctx: TfContext) -> Mapped:
    """``google_notebooks_instance`` (user-managed notebooks, Notebooks API v1; deprecated in
    favour of Workbench instances), set at the top level: ``no_public_ip`` ("No public IP will
    be assigned to this instance": one is unless it is true), ``metadata`` (the same
    ``notebook-disable-root`` key), ``disk_encryption`` ("defaults to GMEK"),
    ``post_startup_script``; shielded settings in ``boot_integrity.py``."""
    v = r.values
    no_ip = flag(v, "no_public_ip", False)
    if v.get("no_public_ip") is None:
        ctx.note(r, "public_endpoint", True, DefaultedFacet(
            attribute="no_public_ip", doc=_DOC + "notebooks_instance#no_public_ip"))
    metadata = v.get("metadata")
    disabled = _metadata_flag(metadata, _ROOT_KEY)
    root = None if disabled is None else not disabled
    _note_root(r, ctx, metadata, root, "metadata", LEGACY_ROOT_DOC)
    method = v.get("disk_encryption")
    return "compute.instance", Facets(
        public_endpoint=None if no_ip is None else not no_ip,
        notebook_root_access=root,
        encrypted_at_rest=True,
        customer_managed_key=None if method is UNKNOWN else (
            isinstance(method, str) and method.upper() == "CMEK"),
        serial_console=_metadata_flag(metadata, "serial-port-enable"),
        default_service_account=_legacy_account(r, ctx),
        user_data_secrets=_startup_secrets(r, v, v.get("post_startup_script"), ctx, prefix=""),
    )


MAPPINGS: dict[str, MapFn] = {TF_TYPE: workbench_instance, LEGACY_TYPE: notebooks_instance}
