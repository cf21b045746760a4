"""Governance checks on systems and data stores: NCSC category, classification, DGA tier.

The facts come from the tenant manifest (``systems``) or from GDCC tags on IaC resources
(``gdcc:classification``, ``gdcc:security-category``); see ``gdcc_audit.normalize.tags``.
"""

from __future__ import annotations

import datetime as dt

from gdcc_audit.dates import thai_date
from gdcc_audit.evaluate.engine import effective_classification
from gdcc_audit.evaluate.rule import Outcome, RuleContext, failed, not_applicable, passed, unknown
from gdcc_audit.models.common import Classification, Level, Text
from gdcc_audit.models.resource import Resource
from gdcc_audit.models.tenant_terms import CloudTier, EvidenceType


def security_category_set(resource: Resource, context: RuleContext) -> Outcome:
    """The system has an NCSC 2566 security category (C/I/A each low, medium or high).

    An uncategorised system FAILs: the category is what the manifest is for, so its absence
    is a finding, not an unknown.
    """
    category = resource.facets.security_category
    if category is None:
        return failed(
            Text(
                en="the system has no security category (C/I/A)",
                th="ระบบยังไม่ได้กำหนดระดับความมั่นคงปลอดภัย (C/I/A)",
            )
        )
    return passed(overall=category.overall.value)


def category_reviewed(resource: Resource, context: RuleContext) -> Outcome:
    """The system's security category was reviewed within ``max_age_days`` (3 years).

    The review date is the system's ``category_reviewed_on`` or the newest ``category_review``
    evidence for the system (or the tenant), whichever is later. Uncategorised systems are
    NOT_APPLICABLE here (GDCC-GOV-001 reports them).
    """
    max_age = int(context.params.get("max_age_days", 3 * 365))
    if resource.facets.security_category is None:
        return not_applicable(
            Text(en="the system is not categorised", th="ระบบยังไม่ได้กำหนดระดับความมั่นคงปลอดภัย")
        )
    system = context.system
    dates: list[dt.date] = []
    if system is not None and system.category_reviewed_on is not None:
        dates.append(system.category_reviewed_on)
    if context.tenant is not None:
        dates.extend(
            e.date
            for e in context.tenant.evidence_of(EvidenceType.CATEGORY_REVIEW, resource.system)
            if e.date <= context.today
        )
    if not dates:
        return failed(
            Text(
                en="no review date of the security category is recorded",
                th="ไม่มีบันทึกวันที่ทบทวนระดับความมั่นคงปลอดภัยของระบบ",
            )
        )
    newest = max(dates)
    age = (context.today - newest).days
    if age > max_age:
        return failed(
            Text(
                en=f"the security category was last reviewed on {newest.isoformat()}, "
                f"{age} days ago (limit {max_age})",
                th=f"ทบทวนระดับความมั่นคงปลอดภัยครั้งล่าสุดเมื่อ {thai_date(newest)} "
                f"ผ่านมาแล้ว {age} วัน (เกณฑ์ {max_age} วัน)",
            ),
            reviewed_on=newest.isoformat(),
        )
    return passed(reviewed_on=newest.isoformat())


def effective_confidentiality(resource: Resource, context: RuleContext) -> Level | None:
    """The confidentiality level of the resource's own category, else of its system's."""
    category = resource.facets.security_category
    if category is None and context.system is not None:
        category = context.system.security_category
    return category.confidentiality if category is not None else None


def personal_data_at_least_medium(resource: Resource, context: RuleContext) -> Outcome:
    """A system holding personal data has confidentiality rated at least ``medium``.

    The impact of losing personal data is a confidentiality impact, so the confidentiality
    objective is judged, not the overall (high-water mark) category: a system rated
    C-low / A-high still fails. UNKNOWN when the system has no category (GDCC-GOV-001
    reports that).
    """
    level = effective_confidentiality(resource, context)
    if level is None:
        return unknown(
            Text(en="the security category is not set", th="ยังไม่ได้กำหนดระดับความมั่นคงปลอดภัย")
        )
    if level.rank < Level.MEDIUM.rank:
        return failed(
            Text(
                en=f"the system holds personal data but its confidentiality is rated {level.value}",
                th=f"ระบบมีข้อมูลส่วนบุคคลแต่กำหนดระดับด้านความลับ (confidentiality) ไว้เพียง {level.value}",
            ),
            confidentiality=level.value,
        )
    return passed(confidentiality=level.value)


def classification_labelled(resource: Resource, context: RuleContext) -> Outcome:
    """The data store or system carries a data classification label.

    The label may be on the resource itself (manifest ``data_classification`` or the
    ``gdcc:classification`` tag) or inherited from its system. An unlabelled store FAILs.
    """
    found = effective_classification(resource, context.tenant, context.system)
    if found is None:
        return failed(
            Text(
                en="no data classification label (resource or system)",
                th="ไม่มีการกำหนดชั้นความลับ/ระดับชั้นข้อมูล ทั้งที่ทรัพยากรและที่ระบบ",
            )
        )
    return passed(data_classification=found.value)


_TIER_RANK = {CloudTier.T1: 1, CloudTier.T2: 2, CloudTier.T3: 3}


def dga_tier_matches(resource: Resource, context: RuleContext) -> Outcome:
    """The system's DGA cloud tier is at least the tier its data needs (DGA draft, 2025).

    Required tier per classification comes from the ``tiers`` parameter (default: public T1,
    internal T2, official secrets T3); personal data needs at least ``personal_data_tier``
    (T2). A system with no recorded tier FAILs; one with no classification and no personal
    data is UNKNOWN.
    """
    system = context.system
    if system is None:
        return unknown(Text(en="the system is not declared", th="ไม่พบข้อมูลระบบใน manifest"))
    tiers: dict[str, str] = dict(context.params.get("tiers", {}))
    needed: list[CloudTier] = []
    if system.data_classification is not None:
        needed.append(CloudTier(tiers[Classification(system.data_classification).value]))
    if system.personal_data:
        needed.append(CloudTier(str(context.params.get("personal_data_tier", "T2"))))
    if not needed:
        return unknown(
            Text(en="the system's data classification is not set", th="ระบบยังไม่ได้กำหนดชั้นข้อมูล")
        )
    required = max(needed, key=lambda t: _TIER_RANK[t])
    tier = system.dga_cloud_tier
    if tier is None:
        return failed(
            Text(
                en=f"no DGA cloud tier is recorded; the data needs {required.value}",
                th=f"ไม่ได้ระบุระดับบริการคลาวด์ตามเกณฑ์ สพร. ซึ่งข้อมูลนี้ต้องใช้ระดับ {required.value}",
            ),
            required=required.value,
        )
    if _TIER_RANK[tier] < _TIER_RANK[required]:
        return failed(
            Text(
                en=f"the system runs on {tier.value} but its data needs {required.value}",
                th=f"ระบบใช้บริการคลาวด์ระดับ {tier.value} แต่ข้อมูลต้องใช้ระดับ {required.value}",
            ),
            tier=tier.value,
            required=required.value,
        )
    return passed(tier=tier.value, required=required.value)
