"""Evidence checks: governance documents that must exist and be current.

They run on the ``tenant`` resource (and, for per-system evidence, on ``system`` resources)
and read the manifest's ``evidence`` list through ``context.tenant.evidence_of``. Missing
evidence FAILs; evidence whose validity has run out FAILs with its date, so the finding says
what to renew. With no tenant manifest at all (IaC only) the verdict is UNKNOWN.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from gdcc_audit.dates import thai_date
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, passed, unknown
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.tenant_terms import ContactRole, EvidenceType

_NO_TENANT = Text(
    en="no tenant manifest: governance evidence is not known",
    th="ไม่มี tenant manifest จึงไม่ทราบหลักฐานด้านธรรมาภิบาล",
)

_LABELS: dict[EvidenceType, Text] = {
    EvidenceType.RISK_ASSESSMENT: Text(en="cyber risk assessment", th="การประเมินความเสี่ยงไซเบอร์"),
    EvidenceType.INDEPENDENT_AUDIT: Text(
        en="independent security audit", th="การตรวจสอบโดยผู้ตรวจสอบอิสระ"
    ),
    EvidenceType.IR_PLAN_REVIEW: Text(
        en="incident response plan review", th="การทบทวนแผนการรับมือภัยคุกคามทางไซเบอร์"
    ),
    EvidenceType.BCP_EXERCISE: Text(
        en="business continuity exercise", th="การซ้อมแผนความต่อเนื่องทางธุรกิจ"
    ),
    EvidenceType.PENTEST: Text(en="penetration test", th="การทดสอบเจาะระบบ"),
}


def _fresh(context: RuleContext, kind: EvidenceType, system: str | None) -> Outcome:
    tenant = context.tenant
    if tenant is None:
        return unknown(_NO_TENANT)
    label = _LABELS[kind]
    found = tenant.evidence_of(kind, system)
    today = context.today
    valid = [e for e in found if e.is_valid(today)]
    if valid:
        best = max(valid, key=lambda e: e.expires_on())
        return passed(
            date=best.date.isoformat(),
            expires_on=best.expires_on().isoformat(),
            document=best.document,
        )
    if not found:
        return failed(
            Text(en=f"no {label.en} on record", th=f"ไม่มีหลักฐาน{label.th}"),
            evidence_type=kind.value,
        )
    past = [e for e in found if e.date <= today]
    if not past:
        newest = found[-1]
        return failed(
            Text(
                en=f"the {label.en} on record is dated {newest.date.isoformat()}, after the audit",
                th=f"หลักฐาน{label.th}ลงวันที่ {thai_date(newest.date)} ซึ่งเป็นวันหลังวันตรวจ",
            ),
            evidence_type=kind.value,
            date=newest.date.isoformat(),
        )
    newest = past[0]
    expired = newest.expires_on().isoformat()
    return failed(
        Text(
            en=f"the latest {label.en} is dated {newest.date.isoformat()} and expired on {expired}",
            th=f"{label.th}ครั้งล่าสุดลงวันที่ {thai_date(newest.date)} "
            f"และหมดอายุเมื่อ {thai_date(newest.expires_on())}",
        ),
        evidence_type=kind.value,
        date=newest.date.isoformat(),
        expires_on=expired,
        document=newest.document,
    )


def risk_assessment_current(resource: Resource, context: RuleContext) -> Outcome:
    """A tenant-wide cyber risk assessment dated within its validity (12 months by default).

    Counts evidence of type ``risk_assessment`` without a ``system`` (a system's own
    assessment does not cover the tenant). Valid until ``valid_until`` or 365 days after
    ``date``.
    """
    return _fresh(context, EvidenceType.RISK_ASSESSMENT, None)


def independent_audit_current(resource: Resource, context: RuleContext) -> Outcome:
    """A tenant-wide independent security audit dated within the last 12 months.

    Evidence of type ``independent_audit`` without a ``system``.
    """
    return _fresh(context, EvidenceType.INDEPENDENT_AUDIT, None)


def ir_plan_reviewed(resource: Resource, context: RuleContext) -> Outcome:
    """The incident response plan was reviewed within the last 12 months.

    Evidence of type ``ir_plan_review`` without a ``system``.
    """
    return _fresh(context, EvidenceType.IR_PLAN_REVIEW, None)


def bcp_exercised(resource: Resource, context: RuleContext) -> Outcome:
    """The business continuity / disaster recovery plan was exercised within 12 months.

    Evidence of type ``bcp_exercise`` without a ``system``.
    """
    return _fresh(context, EvidenceType.BCP_EXERCISE, None)


def pentest_current(resource: Resource, context: RuleContext) -> Outcome:
    """The system had a penetration test within the last 12 months.

    Runs on ``system`` resources. Evidence of type ``pentest`` for this system, or a
    tenant-wide one, counts.
    """
    return _fresh(context, EvidenceType.PENTEST, resource.system)


#: Contacts Cybersecurity Act s.52 asks a CII organisation to give the NCSA.
CII_CONTACT_ROLES: tuple[ContactRole, ...] = (
    ContactRole.SYSTEM_OWNER,
    ContactRole.SYSTEM_ADMINISTRATOR,
    ContactRole.OPERATIONAL_COORDINATOR,
)


def cii_contacts_current(resource: Resource, context: RuleContext) -> Iterator[Outcome]:
    """Each contact role s.52 needs is named, and each was confirmed within ``max_age_days``.

    One verdict per role (key ``role:<role>``): FAIL when no contact has the role, when its
    ``updated_on`` is missing, or when it is older than ``max_age_days`` (default 365).
    """
    tenant = context.tenant
    if tenant is None:
        yield unknown(_NO_TENANT)
        return
    max_age = int(context.params.get("max_age_days", 365))
    roles = [ContactRole(r) for r in context.params.get("roles", CII_CONTACT_ROLES)]
    oldest_allowed = context.today - dt.timedelta(days=max_age)
    for role in roles:
        key = f"role:{role.value}"
        contacts = [c for c in tenant.contacts if c.role == role]
        if not contacts:
            yield failed(
                Text(
                    en=f"no {role.value} contact is recorded",
                    th=f"ไม่มีข้อมูลผู้ติดต่อในบทบาท {role.value}",
                ),
                key=key,
                role=role.value,
            )
            continue
        dates = [c.updated_on for c in contacts if c.updated_on is not None]
        newest = max(dates) if dates else None
        if newest is None:
            yield failed(
                Text(
                    en=f"the {role.value} contact has no 'updated_on' date",
                    th=f"ผู้ติดต่อในบทบาท {role.value} ไม่มีวันที่ปรับปรุงข้อมูล (updated_on)",
                ),
                key=key,
                role=role.value,
            )
        elif newest < oldest_allowed:
            yield failed(
                Text(
                    en=f"the {role.value} contact was last confirmed on {newest.isoformat()}, "
                    f"more than {max_age} days ago",
                    th=f"ข้อมูลผู้ติดต่อในบทบาท {role.value} ปรับปรุงล่าสุดเมื่อ {thai_date(newest)} "
                    f"เกิน {max_age} วันแล้ว",
                ),
                key=key,
                role=role.value,
                updated_on=newest.isoformat(),
            )
        else:
            yield passed(key=key, role=role.value, updated_on=newest.isoformat())
