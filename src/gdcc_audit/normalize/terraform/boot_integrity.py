"""Verified boot of instances and cluster nodes (GDCC-CMP-012): ``boot_protection_off`` lists
the protections that are off, each with where it is set.

- Compute Engine instances and instance templates, ``shielded_instance_config``:
  ``enable_secure_boot`` "Defaults to false", ``enable_vtpm`` and
  ``enable_integrity_monitoring`` "Defaults to true" (google compute_instance page).
- GKE: ``enable_shielded_nodes`` (Shielded GKE Nodes: vTPM, integrity monitoring, node
  identity) "Defaults to true" since google provider 4.0 ("Previously the provider defaulted
  enable_shielded_nodes to false", 4.0 upgrade guide); each node pool's
  ``node_config.shielded_instance_config.enable_secure_boot`` "Defaults to false" and
  ``enable_integrity_monitoring`` "Defaults to true".
- Azure VMs and scale sets: Trusted launch's ``secure_boot_enabled`` and ``vtpm_enabled``;
  not written, the azurerm provider sends no security profile, so neither is asked for.
  Azure is making Trusted launch the default for new Gen2 VMs (said with the finding).
  ``azurerm_virtual_machine`` cannot ask for either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.terraform.context import ReadAtPlan, TfContext
from gdcc_audit.normalize.terraform.extras import ExtraFn
from gdcc_audit.normalize.terraform.gke_nodes import node_configs
from gdcc_audit.normalize.terraform.google_refs import from_template_view
from gdcc_audit.normalize.terraform.uncertain import may_configure
from gdcc_audit.normalize.terraform.values import block, flag
from gdcc_audit.normalize.versioned_defaults import Era, VersionedDefault, versioned_default

FACET = "boot_protection_off"
_GOOGLE = "https://registry.terraform.io/providers/hashicorp/google/latest/docs/"
_AZ = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/"
_SHIELDED = _GOOGLE + "resources/compute_instance#shielded_instance_config"
_GKE_SECURE_BOOT = _GOOGLE + "resources/container_cluster#enable_secure_boot"
#: ``enable_shielded_nodes``: false before google provider 4.0, true since.
SHIELDED_NODES = VersionedDefault(
    "google",
    "enable_shielded_nodes",
    "enable_shielded_nodes",
    None,
    (
        Era(None, False, _GOOGLE + "guides/version_4_upgrade#enable_shielded_nodes"),
        Era((4, 0, 0), True, _GOOGLE + "resources/container_cluster"),
    ),
)
_TRUSTED_LAUNCH_DEFAULT = Text(
    en="Azure is making Trusted launch (secure boot and vTPM) the default for new Gen2 VMs "
    "and scale sets created through newer API versions; the azurerm provider asks for it "
    "only when secure_boot_enabled / vtpm_enabled are set",
    th="Azure กำลังทำให้ Trusted launch (secure boot และ vTPM) เป็นค่าเริ่มต้นของ VM และ scale set Gen2 "
    "ที่สร้างผ่าน API เวอร์ชันใหม่ แต่ azurerm provider ขอ Trusted launch เฉพาะเมื่อกำหนด "
    "secure_boot_enabled / vtpm_enabled",
)
_AUTOPILOT = Text(
    en="enable_autopilot is true or not known: Google manages the nodes of an Autopilot "
    "cluster; whether they boot with secure boot is not set in the configuration",
    th="enable_autopilot เป็น true หรือไม่ทราบค่า: Google จัดการโหนดของคลัสเตอร์ Autopilot "
    "การตั้งค่าไม่ได้ระบุว่าโหนดบูตด้วย secure boot หรือไม่",
)
_INCOMPLETE = Text(
    en="the settings of some node pools are not known: more protections may be off",
    th="ไม่ทราบการตั้งค่าของ node pool บางส่วน จึงอาจมีการป้องกันที่ปิดอยู่มากกว่านี้",
)
_TEMPLATE_ELSEWHERE = Text(
    en="the instance takes its shielded_instance_config from its source_instance_template, "
    "which is not in the scanned configuration",
    th="instance ได้ shielded_instance_config จาก source_instance_template ซึ่งไม่อยู่ในการตั้งค่าที่ตรวจ",
)
_DATAPROC = Text(
    en="gce_cluster_config.shielded_instance_config does not set every protection and the "
    "provider and Dataproc API pages state no default for them",
    th="gce_cluster_config.shielded_instance_config ไม่ได้กำหนดการป้องกันครบทุกข้อ "
    "และเอกสารของ provider และ Dataproc API ไม่ได้ระบุค่าเริ่มต้น",
)
_POOLS_ELSEWHERE = Text(
    en="the default node pool is removed and no node pool of the scanned configuration names "
    "the cluster: its nodes' secure boot is set elsewhere",
    th="ลบ node pool เริ่มต้นแล้วและไม่มี node pool ในการตั้งค่าที่ตรวจที่อ้างถึงคลัสเตอร์ "
    "การตั้งค่า secure boot ของโหนดจึงอยู่ที่อื่น",
)


#: What each GKE node pool's ``shielded_instance_config`` protects, as the listing names it.
_POOL_PROTECTIONS = ("secure boot", "integrity monitoring")


def _shielded(
    config: Mapping[str, Any] | None, where: str
) -> tuple[list[str], list[str], list[str]]:
    """What a Compute Engine ``shielded_instance_config`` (inside ``config``) leaves off,
    the protections whose value is not known, and the attributes that were not written."""
    shielded = None if config is None else block(config, "shielded_instance_config")
    if shielded is None:
        return [], ["*"], []
    off: list[str] = []
    unknown: list[str] = []
    absent: list[str] = []
    for attribute, name, default in (
        ("enable_secure_boot", "secure boot", False),
        ("enable_vtpm", "vTPM", True),
        ("enable_integrity_monitoring", "integrity monitoring", True),
    ):
        value = flag(shielded, attribute, default)
        if shielded.get(attribute) is None:
            absent.append(attribute)
        if value is None:
            unknown.append(f"{name}{where}")
        elif not value:
            off.append(f"{name}{where}")
    return off, unknown, absent


def _listing(
    r: TfResource, ctx: TfContext, off: list[str], undetermined: list[str]
) -> tuple[str, ...] | None:
    """The protections that are off; None when none is known off and some are not known. A
    listing known in part names the items not known (``Resource.undetermined``)."""
    if off and undetermined:
        ctx.note(r, FACET, tuple(off), undetermined=undetermined)
    return tuple(off) if off or not undetermined else None


def google_instance(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Compute Engine instances and instance templates."""
    r = from_template_view(r, ctx)
    if isinstance(r.values, ReadAtPlan) and r.values.get("shielded_instance_config") is UNKNOWN:
        ctx.note(r, FACET, None, unknown=_TEMPLATE_ELSEWHERE)
        return {}
    off, unknown, absent = _shielded(r.values, "")
    if "enable_secure_boot" in absent and "secure boot" in off:
        default = DefaultedFacet(attribute="shielded_instance_config.0.enable_secure_boot",
                                 doc=_SHIELDED)
        ctx.note(r, FACET, tuple(off), default=default)
    return {FACET: _listing(r, ctx, off, unknown)}


def _notebook(
    r: TfResource, ctx: TfContext, config: Mapping[str, Any] | None, where: str, page: str
) -> dict[str, Any]:
    """A notebook VM's ``shielded_instance_config`` (in ``config``, at ``where``), with
    Compute Engine's defaults; the provider ``page`` states them."""
    off, unknown, absent = _shielded(config, "")
    if "enable_secure_boot" in absent and "secure boot" in off:
        default = DefaultedFacet(
            attribute=f"{where}shielded_instance_config.0.enable_secure_boot",
            doc=f"{_GOOGLE}resources/{page}#enable_secure_boot")
        ctx.note(r, FACET, tuple(off), default=default)
    return {FACET: _listing(r, ctx, off, unknown)}


def workbench(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Vertex AI Workbench instances: ``gce_setup.shielded_instance_config``, with Compute
    Engine's defaults ("Disabled by default" for secure boot, "Enabled by default" for vTPM
    and integrity monitoring: provider schema of ``google_workbench_instance``)."""
    return _notebook(r, ctx, block(r.values, "gce_setup"), "gce_setup.0.", "workbench_instance")


def legacy_notebook(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """User-managed notebooks (``google_notebooks_instance``): ``shielded_instance_config``
    at the top level, with the same defaults stated on its provider page."""
    return _notebook(r, ctx, r.values, "", "notebooks_instance")


def _shielded_nodes(r: TfResource, ctx: TfContext) -> tuple[bool | None, Text | None]:
    """``enable_shielded_nodes``, written or the default of the provider version in use."""
    value = r.values.get("enable_shielded_nodes")
    if value is not None or ctx.document.source != "hcl":
        return flag(r.values, "enable_shielded_nodes", True), None
    decided = versioned_default(SHIELDED_NODES, ctx.document.provider_pins, ctx.document.root)
    return decided.value, decided.reason


def gke(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_container_cluster``: Shielded GKE Nodes and each node pool's secure boot."""
    autopilot = flag(r.values, "enable_autopilot", False)
    if autopilot is not False:  # Autopilot, or not known whether it is
        ctx.note(r, FACET, None, unknown=_AUTOPILOT)
        return {}
    off: list[str] = []
    # the items whose state is not known (``Resource.undetermined``): named, or "secure boot
    # on *" for pools not known
    undetermined: list[str] = []
    defaulted = False
    nodes, reason = _shielded_nodes(r, ctx)
    if nodes is False:
        off.append("Shielded GKE Nodes")
    elif nodes is None:
        undetermined.append("Shielded GKE Nodes")
    pools = node_configs(r, ctx)
    maybe: Text | None = None
    if not pools:
        undetermined += [f"{name} on *" for name in _POOL_PROTECTIONS]
        if pools is not None and not off:
            ctx.note(r, FACET, None, unknown=_POOLS_ELSEWHERE)
    for pool in pools or ():
        shielded = None if pool.config is None else block(pool.config, "shielded_instance_config")
        if shielded is None:
            undetermined += [f"{name} on {pool.name}" for name in _POOL_PROTECTIONS]
            continue
        secure = flag(shielded, "enable_secure_boot", False)
        integrity = flag(shielded, "enable_integrity_monitoring", True)
        if pool.maybe and (secure is False or integrity is False):
            # a pool that may be another cluster's: what it lowers may not be this one's
            maybe = maybe or may_configure(pool.name)
        if secure is None or (pool.maybe and not secure):
            undetermined.append(f"secure boot on {pool.name}")
        elif not secure:
            off.append(f"secure boot on {pool.name}")
            defaulted = defaulted or shielded.get("enable_secure_boot") is None
        if integrity is None or (pool.maybe and not integrity):
            undetermined.append(f"integrity monitoring on {pool.name}")
        elif not integrity:
            off.append(f"integrity monitoring on {pool.name}")
    if (reason or maybe) is not None and not off:
        ctx.note(r, FACET, None, unknown=reason or maybe)
    if off and undetermined:
        ctx.note(r, FACET, tuple(off), because=_INCOMPLETE)
    if defaulted:
        ctx.note(r, FACET, tuple(off), default=DefaultedFacet(
            attribute="node_config.0.shielded_instance_config.0.enable_secure_boot",
            doc=_GKE_SECURE_BOOT))
    return {FACET: _listing(r, ctx, off, undetermined)}


def azure_vm(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """Azure VMs and scale sets: Trusted launch's secure boot and vTPM."""
    if r.type == "azurerm_virtual_machine":
        return {FACET: ("secure boot and vTPM (azurerm_virtual_machine cannot ask for Trusted "
                        "launch)",)}
    off: list[str] = []
    unknown: list[str] = []
    defaulted = False
    for attribute, name in (("secure_boot_enabled", "secure boot"), ("vtpm_enabled", "vTPM")):
        value = flag(r.values, attribute, False)
        if value is None:
            unknown.append(name)
        elif not value:
            off.append(name)
            defaulted = defaulted or r.values.get(attribute) is None
    if defaulted:
        page = r.type.removeprefix("azurerm_")
        ctx.note(r, FACET, tuple(off), default=DefaultedFacet(
            attribute="secure_boot_enabled", doc=f"{_AZ}{page}#secure_boot_enabled",
            unless=_TRUSTED_LAUNCH_DEFAULT))
    return {FACET: _listing(r, ctx, off, unknown)}


def dataproc(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``google_dataproc_cluster``: its VMs' ``gce_cluster_config.shielded_instance_config``
    as written (secure boot, vTPM, integrity monitoring); the provider and API pages state no
    default for them, so one left out is not known."""
    config = block(r.values, "cluster_config")
    gce = None if config is None else block(config, "gce_cluster_config")
    shielded = None if gce is None else block(gce, "shielded_instance_config")
    if shielded is None:
        return {}
    off: list[str] = []
    unknown: list[str] = []
    for attribute, name in (
        ("enable_secure_boot", "secure boot"),
        ("enable_vtpm", "vTPM"),
        ("enable_integrity_monitoring", "integrity monitoring"),
    ):
        value = flag(shielded, attribute)
        if value is None:
            unknown.append(name)
        elif not value:
            off.append(name)
    if unknown and not off:
        ctx.note(r, FACET, None, unknown=_DATAPROC)
    return {FACET: _listing(r, ctx, off, unknown)}


EXTRAS: dict[str, ExtraFn] = {
    "google_dataproc_cluster": dataproc,
    **dict.fromkeys(
        (
            "google_compute_instance",
            "google_compute_instance_template",
            "google_compute_region_instance_template",
            "google_compute_instance_from_template",
        ),
        google_instance,
    ),
    "google_container_cluster": gke,
    "google_workbench_instance": workbench,
    "google_notebooks_instance": legacy_notebook,
    **dict.fromkeys(
        (
            "azurerm_linux_virtual_machine",
            "azurerm_windows_virtual_machine",
            "azurerm_linux_virtual_machine_scale_set",
            "azurerm_windows_virtual_machine_scale_set",
            "azurerm_virtual_machine",
        ),
        azure_vm,
    ),
}
