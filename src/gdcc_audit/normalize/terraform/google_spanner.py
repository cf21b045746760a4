"""Backups of Spanner databases (GDCC-BCK-001 / BCK-002 were UNKNOWN on every one).

- A ``google_spanner_backup_schedule`` of the scan naming the database (``database`` by
  reference, or its literal name in the same instance) backs it up, keeping each backup
  ``retention_duration`` (``"1209600s"``: 14 days); with several, the longest counts.
- Else the database's instance (``google_spanner_instance`` of the scan) decides:
  ``default_backup_schedule_type = "AUTOMATIC"``: "A default backup schedule will be created
  automatically on creation of a database within the instance. The default backup schedule
  creates a full backup every 24 hours and retains the backup for a period of 7 days"
  (Spanner API, ``Instance.DefaultBackupScheduleType``); ``"NONE"``: none. Not written: the
  provider says "if unset or NONE, no default backup schedule will be created for new
  databases within the instance" (google_spanner_instance) while the Spanner API says a
  schedule is created "by default ... in a new instance": the provider's statement is taken
  (at worst a FAIL, never a PASS), the API's shown with the finding. A free instance
  (``instance_type = "FREE_INSTANCE"``) keeps no backups ("backups and backup schedules
  aren't supported for free instances").
- An instance outside the scan leaves both unknown, saying so.
"""

from __future__ import annotations

from typing import Any

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import DefaultedFacet
from gdcc_audit.normalize.terraform.context import TfContext
from gdcc_audit.normalize.terraform.extras import ExtraFn

DATABASE = "google_spanner_database"
INSTANCE = "google_spanner_instance"
SCHEDULE = "google_spanner_backup_schedule"
_DOC = (
    "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/"
    "spanner_instance#default_backup_schedule_type"
)
#: "The default backup schedule creates a full backup every 24 hours and retains the backup
#: for a period of 7 days" (AUTOMATIC).
_DEFAULT_SCHEDULE_DAYS = 7
_API_SAYS = Text(
    en="the Spanner API says a default backup schedule (a daily full backup kept 7 days) is "
    "created by default for a new database in a new instance; the provider says none is "
    "when default_backup_schedule_type is unset, so none is assumed",
    th="API ของ Spanner ระบุว่าโดยค่าเริ่มต้นจะสร้างกำหนดการสำรองข้อมูล (สำรองเต็มรายวัน เก็บ 7 วัน) "
    "ให้ฐานข้อมูลใหม่ใน instance ใหม่ แต่ provider ระบุว่าจะไม่สร้างเมื่อไม่ได้กำหนด "
    "default_backup_schedule_type จึงถือว่าไม่มี",
)
_AUTOMATIC = Text(
    en="its instance's default_backup_schedule_type is AUTOMATIC: a full backup every 24 "
    "hours, kept 7 days",
    th="default_backup_schedule_type ของ instance เป็น AUTOMATIC: สำรองข้อมูลเต็มทุก 24 ชั่วโมง "
    "เก็บไว้ 7 วัน",
)
_NONE = Text(
    en="its instance's default_backup_schedule_type is NONE and no backup schedule of the "
    "scan names the database",
    th="default_backup_schedule_type ของ instance เป็น NONE และไม่มีกำหนดการสำรองข้อมูลในการตรวจ"
    "ที่ระบุฐานข้อมูลนี้",
)
_FREE = Text(
    en="a free Spanner instance supports no backups or backup schedules",
    th="instance ของ Spanner แบบ free ไม่รองรับการสำรองข้อมูลหรือกำหนดการสำรองข้อมูล",
)
_OUTSIDE = Text(
    en="no backup schedule of the scan names the database and its instance is not in the "
    "scan (the instance's default_backup_schedule_type decides)",
    th="ไม่มีกำหนดการสำรองข้อมูลในการตรวจที่ระบุฐานข้อมูลนี้ และ instance ของฐานข้อมูลไม่อยู่ในการตรวจ "
    "(default_backup_schedule_type ของ instance เป็นตัวกำหนด)",
)
_FACETS = ("backup_enabled", "backup_retention_days")


def _days(value: Any) -> int | None:
    """A duration such as ``"1209600s"`` in whole days; None when not read."""
    if not isinstance(value, str) or not value.strip().endswith("s"):
        return None
    try:
        return int(float(value.strip()[:-1]) // 86400)
    except ValueError:
        return None


def _names(schedule: TfResource, database: TfResource, ctx: TfContext) -> bool:
    """Whether ``schedule``'s ``database`` is ``database`` (by reference, or by its literal
    name when the instances match)."""
    target = ctx.target_of(schedule, "database", [DATABASE])
    if target is not None:
        return target.address == database.address
    name = schedule.values.get("database")
    if not isinstance(name, str) or name.rsplit("/", 1)[-1] != database.values.get("name"):
        return False
    mine = ctx.target_of(database, "instance", [INSTANCE])
    theirs = ctx.target_of(schedule, "instance", [INSTANCE])
    return (mine is not None and mine is theirs) or (
        schedule.values.get("instance") == database.values.get("instance")
    )


def _scheduled(r: TfResource, ctx: TfContext) -> dict[str, Any] | None:
    """The backups the scan's schedules naming ``r`` take; None when none names it."""
    schedules = [s for s in ctx.by_type.get(SCHEDULE, ()) if s.module == r.module
                 and _names(s, r, ctx)]
    if not schedules:
        return None
    days = [_days(s.values.get("retention_duration")) for s in schedules]
    known = [d for d in days if d is not None]
    return {"backup_enabled": True, "backup_retention_days": max(known) if known else None}


def spanner_backups(r: TfResource, ctx: TfContext) -> dict[str, Any]:
    """``backup_enabled`` / ``backup_retention_days`` of a Spanner database (module
    docstring)."""
    scheduled = _scheduled(r, ctx)
    if scheduled is not None:
        return scheduled
    instance = ctx.target_of(r, "instance", [INSTANCE])
    if instance is None:
        for facet in _FACETS:
            ctx.note(r, facet, None, unknown=_OUTSIDE)
        return {}
    if instance.values.get("instance_type") == "FREE_INSTANCE":
        for facet, value in zip(_FACETS, (False, 0), strict=True):
            ctx.note(r, facet, value, because=_FREE)
        return {"backup_enabled": False, "backup_retention_days": 0}
    kind = instance.values.get("default_backup_schedule_type")
    if kind is UNKNOWN or (kind is not None and not isinstance(kind, str)):
        return {}
    if isinstance(kind, str) and kind.upper() == "AUTOMATIC":
        for facet, value in zip(_FACETS, (True, _DEFAULT_SCHEDULE_DAYS), strict=True):
            ctx.note(r, facet, value, because=_AUTOMATIC)
        return {"backup_enabled": True, "backup_retention_days": _DEFAULT_SCHEDULE_DAYS}
    if kind is None:
        default = DefaultedFacet(
            attribute=f"default_backup_schedule_type of {instance.address}", doc=_DOC,
            unless=_API_SAYS)
        for facet, value in zip(_FACETS, (False, 0), strict=True):
            ctx.note(r, facet, value, default)
    else:
        for facet, value in zip(_FACETS, (False, 0), strict=True):
            ctx.note(r, facet, value, because=_NONE)
    return {"backup_enabled": False, "backup_retention_days": 0}


EXTRAS: dict[str, ExtraFn] = {DATABASE: spanner_backups}
