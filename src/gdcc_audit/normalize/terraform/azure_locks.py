"""Management locks on an Azure Log Analytics workspace (GDCC-LOG-003, logs stored
tamper-resistant).

"Azure Monitor is an append-only data platform, but includes provisions to delete data for
compliance purposes. You can set a lock on your Log Analytics workspace to block all
activities that could delete data: purge, table delete, and table- or workspace-level data
retention changes. However, this lock can still be removed."
(learn.microsoft.com/azure/azure-monitor/logs/data-security#tamper-proofing-and-immutability).

So a workspace is tamper-resistant as an AWS log group with deletion protection is (which can
be turned off too) when a lock applies to it: an ``azurerm_management_lock`` or an AzAPI
``Microsoft.Authorization/locks`` (its ``parent_id``; the AVM modules' ``lock``) whose scope
is the workspace, its resource group or a subscription (a lock applies to every resource
under its scope: learn.microsoft.com/azure/azure-resource-manager/management/lock-resources).
Either level (``CanNotDelete``, ``ReadOnly``): the page says "a lock". None in a configuration
wholly scanned: FAIL saying so; a lock whose scope or existence is not known, or a part of the
configuration not scanned: UNKNOWN saying which.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gdcc_audit.load.terraform_model import UNKNOWN, UNKNOWN_TEXT, ForeignAssociation, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.normalize.terraform.azapi_body import arm_type, properties, same_type
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.values import text

LOCK = "azurerm_management_lock"
ARM_LOCK = "Microsoft.Authorization/locks"
ARM_GROUP = "Microsoft.Resources/resourceGroups"
_DOC = "learn.microsoft.com/azure/azure-monitor/logs/data-security#tamper-proofing-and-immutability"
_GROUPS = ("azurerm_resource_group",)
_SUBSCRIPTIONS = ("azurerm_subscription",)
_SUBSCRIPTION_ID = re.compile(r"^/subscriptions/[^/]+/?$", re.IGNORECASE)
_GROUP_ID = re.compile(r"^/subscriptions/[^/]+/resourceGroups/([^/]+)/?$", re.IGNORECASE)
_WORKSPACE_ID = re.compile(
    r"/providers/Microsoft\.OperationalInsights/workspaces/([^/]+)/?$", re.IGNORECASE
)
_GROUP_TAIL = re.compile(r"^/resourceGroups/([^/]+)/?$", re.IGNORECASE)


def locks_of(resources: Iterable[TfResource]) -> list[tuple[TfResource, str]]:
    """Every lock among ``resources``, with the attribute naming its scope."""
    return [
        (item, "scope" if item.type == LOCK else "parent_id") for item in resources
        if item.mode == "managed" and (
            item.type == LOCK
            or (item.type == "azapi_resource" and same_type(arm_type(item), ARM_LOCK))
        )
    ]


def _locks(ctx: TfContext) -> list[tuple[TfResource, str]]:
    """Every lock of the root, with the attribute naming its scope."""
    return locks_of([*ctx.by_type.get(LOCK, ()), *ctx.by_type.get("azapi_resource", ())])


def _foreign(
    item: ForeignAssociation, workspace: TfResource, ctx: TfContext
) -> bool | None:
    """Whether a lock of another root of the scan, whose scope is no resource of its own
    root, applies to ``workspace``: a lookup by name or a literal id naming its resource
    group, the workspace, or another one; None when that is not known (a subscription's id:
    the roots may deploy to different subscriptions; an input, a remote state)."""
    group_name = _group_of(workspace, ctx)[1]
    if item.looked_up is not None:
        kind, name = item.looked_up
        if kind in _GROUPS:
            return _same_name(name, group_name)
        if kind == "azurerm_log_analytics_workspace":
            return _same_name(name, text(workspace.values, "name"))
        return None  # (a data "azapi_resource" may be of any type: not known)
    if item.scope is None or _SUBSCRIPTION_ID.match(item.scope):
        return None
    group_id = _GROUP_ID.match(item.scope)
    if group_id is not None:
        return _same_name(group_id.group(1), group_name)
    tail = _WORKSPACE_ID.search(item.scope)
    if tail is not None:
        return _same_name(tail.group(1), text(workspace.values, "name"))
    return False  # another resource's id


def _applies(
    lock: TfResource, attribute: str, workspace: TfResource, ctx: TfContext
) -> bool | None:
    """Whether ``lock`` applies to ``workspace`` (its scope is the workspace, its resource
    group or a subscription); None when that is not known."""
    if ctx.referenced(lock, attribute, [workspace.type]) is workspace:
        return True
    group, group_name = _group_of(workspace, ctx)
    shape = lock.shapes.get(attribute)
    if isinstance(shape, str):
        # ``"${data.azurerm_subscription.current.id}/resourceGroups/rg"``: the written tail
        tail = _GROUP_TAIL.match(shape.rsplit(UNKNOWN_TEXT, 1)[-1])
        return None if tail is None else _same_name(tail.group(1), group_name)
    named = ctx.referenced(lock, attribute, _GROUPS) or _azapi_group(lock, attribute, ctx)
    if named is not None:
        return True if named is group else _same_name(text(named.values, "name"), group_name)
    if ctx.referenced(lock, attribute, _SUBSCRIPTIONS) is not None:
        return True  # the subscription's id (``data.azurerm_subscription.current.id``)
    scope = text(lock.values, attribute)
    if scope is None:
        # a reference to another resource of the scan: not this workspace
        refs = [r for r in lock.references if r.attribute.split(".", 1)[0] == attribute]
        resolved = [ctx.resolve(lock, r.target) for r in refs]
        if refs and all(t is not None and t.mode == "managed" for t in resolved):
            return False
        return None
    if _SUBSCRIPTION_ID.match(scope):
        return True
    group_id = _GROUP_ID.match(scope)
    if group_id is not None:
        return _same_name(group_id.group(1), group_name)
    return False  # another resource's id


def _azapi_group(lock: TfResource, attribute: str, ctx: TfContext) -> TfResource | None:
    """An AzAPI resource group (``Microsoft.Resources/resourceGroups``) ``lock`` names."""
    found = ctx.referenced(lock, attribute, ["azapi_resource"])
    return found if found is not None and same_type(arm_type(found), ARM_GROUP) else None


def _group_of(workspace: TfResource, ctx: TfContext) -> tuple[TfResource | None, str | None]:
    """The resource group of the scan holding ``workspace`` (``resource_group_name``, or an
    AzAPI workspace's ``parent_id``), and its name; None for what is not known."""
    if workspace.type != "azapi_resource":
        group = ctx.referenced(workspace, "resource_group_name", _GROUPS)
        if group is not None:
            return group, text(group.values, "name")
        return None, text(workspace.values, "resource_group_name")
    group = ctx.referenced(workspace, "parent_id", _GROUPS)
    if group is not None:
        return group, text(group.values, "name")
    parent = ctx.referenced(workspace, "parent_id", ["azapi_resource"])
    if parent is not None:
        named = same_type(arm_type(parent), ARM_GROUP)
        return (parent, text(parent.values, "name")) if named else (None, None)
    written = _GROUP_ID.match(text(workspace.values, "parent_id") or "")
    return None, None if written is None else written.group(1)


def _level(lock: TfResource) -> str | None:
    """A lock's level as written (``CanNotDelete``, ``ReadOnly``); None when not known."""
    if lock.type == LOCK:
        return text(lock.values, "lock_level")
    found = properties(lock)
    return text(found, "level") if found else None


def _same_name(a: str | None, b: str | None) -> bool | None:
    """Whether two resource group names are one (case-insensitive); None when either is not
    known."""
    if a is None or b is None:
        return None
    return a.lower() == b.lower()


def workspace_integrity(r: TfResource, ctx: TfContext) -> bool | None:
    """GDCC-LOG-003 of a Log Analytics workspace (module docstring), noted with its reason."""
    doubts: list[str] = []
    for lock, attribute in _locks(ctx):
        applies = _applies(lock, attribute, r, ctx)
        if applies is False:
            continue
        maybe = lock.index is UNKNOWN or lock.maybe
        if applies and not maybe:
            level = _level(lock)
            shown = lock.address + (f" ({level})" if level else "")
            ctx.note(r, "log_integrity", True, because=Text(
                en=f"the management lock {shown} on it blocks purge, table delete and "
                f"retention changes ({_DOC})",
                th=f"management lock {shown} ที่ครอบคลุม workspace นี้ป้องกันการ purge "
                f"การลบตาราง และการเปลี่ยนระยะเวลาเก็บรักษา ({_DOC})",
            ))
            return True
        doubts.append(lock.address + ("" if applies else " (its scope is not known)"))
    for item in ctx.document.foreign_associations:
        if item.kind != "lock":
            continue
        applies = _foreign(item, r, ctx)
        if applies is False:
            continue
        shown = f"{item.address} of root {item.root}"
        if applies:
            named = item.looked_up[1] if item.looked_up else item.scope
            ctx.note(r, "log_integrity", True, because=Text(
                en=f"the management lock {shown} (its scope: {named}) is on it: it blocks "
                f"purge, table delete and retention changes ({_DOC})",
                th=f"management lock {shown} (ขอบเขต: {named}) ครอบคลุม workspace นี้ "
                f"ป้องกันการ purge การลบตาราง และการเปลี่ยนระยะเวลาเก็บรักษา ({_DOC})",
            ))
            return True
        doubts.append(f"{shown} (its scope is not known)")
    if doubts:
        shown = ", ".join(doubts)
        ctx.note(r, "log_integrity", None, unknown=Text(
            en=f"whether the management lock {shown} exists and applies to it is not known",
            th=f"ไม่ทราบว่า management lock {shown} มีอยู่และครอบคลุม workspace นี้หรือไม่",
        ))
        return None
    for reason in (
        ctx.lost_naming([LOCK], Text(en="a management lock", th=" management lock ")),
        ctx.gaps_naming(Text(en="a management lock on it", th=" management lock ที่ครอบคลุม "
                             "workspace นี้")),
    ):
        if reason is not None:
            ctx.note(r, "log_integrity", None, unknown=reason)
            return None
    ctx.note(r, "log_integrity", False, because=Text(
        en="no management lock of the scan is on the workspace, its resource group or "
        "subscription: Azure Monitor Logs is append-only, but its data can be purged, its "
        f"tables deleted and its retention shortened ({_DOC})",
        th="ไม่มี management lock ในการกำหนดค่าที่สแกนบน workspace นี้ resource group หรือ "
        "subscription ของมัน: Azure Monitor Logs เป็นแบบเขียนต่อท้ายเท่านั้น แต่ข้อมูลยัง "
        f"purge ได้ ลบตารางได้ และลดระยะเวลาเก็บรักษาได้ ({_DOC})",
    ))
    return False
