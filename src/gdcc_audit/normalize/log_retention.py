"""How long an AWS audit trail's or flow log's records are kept, judged the same way for
every format (Terraform ``aws_logging``, CloudFormation ``log_retention``): a bucket keeps an
object until a lifecycle rule expires it, and of several copies the longer one counts."""

from __future__ import annotations

from collections.abc import Iterable

from gdcc_audit.models.common import Text

#: Days an S3 object or a log event is kept when nothing expires it.
NEVER_EXPIRES_DAYS = 36500

#: Days past which a shorter copy no longer matters (GDCC-LOG-001's 90 and the longest
#: retention rules ask: a year); a copy not known beside a known one kept this long still
#: leaves the logs kept at least so long.
LONG_ENOUGH = 365

#: One expiration of a lifecycle rule: (rule enabled — None when not known, the rule covers
#: every object — no prefix, filter, tag or size, days after which current objects expire —
#: 0 for none (only delete markers), None when not known: a date, a value not read).
Expiry = tuple[bool | None, bool, int | None]


def lifecycle_days(expiries: Iterable[Expiry]) -> int | None:
    """Days S3 keeps a current object of a bucket with these lifecycle expirations: the fewest
    days of an enabled rule covering every object, NEVER_EXPIRES_DAYS with none ("Amazon S3
    ... stores objects until you delete them"; a lifecycle expiration deletes them: S3 User
    Guide, object-lifecycle-mgmt.html). None when an expiration is not known, or a rule
    that may cover the logs (a filter or prefix not compared, a status not known) expires
    them sooner than every rule covering all objects."""
    whole = NEVER_EXPIRES_DAYS
    partial = NEVER_EXPIRES_DAYS
    for enabled, every_object, days in expiries:
        if enabled is False:
            continue
        if days is None:
            return None
        if days == 0:
            continue
        if every_object and enabled:
            whole = min(whole, days)
        else:
            partial = min(partial, days)
    return whole if partial >= whole else None


def longest_copy(kept: list[int | None]) -> int | None:
    """Days the records are kept when each of ``kept`` is a copy (None: not known): the
    longest known, unless a copy not known might keep them longer and the known ones fall
    short of LONG_ENOUGH."""
    known = [days for days in kept if days is not None]
    if not known or (None in kept and max(known) < LONG_ENOUGH):
        return None
    return max(known)


def kept_by(bucket: str | None, group: str | None, days: int, in_bucket: int | None) -> Text:
    """Which copy keeps the records ``days``, in words: the bucket named ``bucket`` (its
    copy kept ``in_bucket`` days) or the log group named ``group``."""
    if bucket is not None and in_bucket == days:
        if days == NEVER_EXPIRES_DAYS:
            return Text(
                en=f"its bucket {bucket} has no lifecycle rule expiring objects: S3 "
                   "keeps an object until it is deleted",
                th=f"บักเก็ต {bucket} ที่รับบันทึกไม่มีกฎ lifecycle ที่ทำให้อ็อบเจ็กต์หมดอายุ: "
                   "S3 เก็บอ็อบเจ็กต์ไว้จนกว่าจะถูกลบ",
            )
        return Text(
            en=f"a lifecycle rule of its bucket {bucket} expires objects after {days} days",
            th=f"กฎ lifecycle ของบักเก็ต {bucket} ที่รับบันทึกลบอ็อบเจ็กต์เมื่อครบ {days} วัน",
        )
    name = group if group is not None else "?"
    return Text(
        en=f"its CloudWatch log group {name} keeps the events it delivers",
        th=f"CloudWatch log group {name} เก็บเหตุการณ์ที่ส่งไปไว้",
    )
