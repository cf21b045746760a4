"""Storage checks that depend on what a store is used for."""

from __future__ import annotations

from gdcc_audit.evaluate.conditions import not_known_reason
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource


def log_store_locked(resource: Resource, context: RuleContext) -> Outcome:
    """A store that receives logs has write-once retention (object lock).

    Stores that receive no logs are NOT_APPLICABLE; a log store whose lock is not known is
    UNKNOWN, and so is a store without lock that a log delivery may name (its target chosen
    by a value not known: ``Resource.unknown`` says which); with lock it passes either way.
    Whether a bucket holds logs comes from the mapper (a trail, access-log or flow-log
    configuration in the scanned input points at it) or from a ``gdcc:holds-logs`` tag.
    """
    holds = resource.facets.holds_logs
    lock = resource.facets.object_lock
    # a log delivery may name this store (a value not known chooses its target)
    maybe = holds is None and "holds_logs" in resource.unknown
    if maybe and lock is not True:
        return unknown(not_known_reason("holds_logs"), holds_logs=None, object_lock=lock)
    if holds is not True and not maybe:
        return not_applicable(
            Text(en="no log delivery to this store was found", th="ไม่พบการส่ง log มายังที่จัดเก็บนี้"),
            holds_logs=holds,
        )
    if lock is None:
        return unknown(
            not_known_reason("object_lock"),
            holds_logs=True,
            object_lock=None,
        )
    if not lock:
        return failed(
            Text(
                en="the store receives logs but has no write-once retention",
                th="ที่จัดเก็บนี้รับ log แต่ไม่ได้ตั้งค่าการเก็บแบบเขียนครั้งเดียว (object lock)",
            ),
            holds_logs=True,
            object_lock=False,
        )
    return passed(holds_logs=holds, object_lock=True)
