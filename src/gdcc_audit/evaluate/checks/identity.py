"""Identity checks beyond one facet: shared accounts, credential age, roles anyone may
assume."""

from __future__ import annotations

from gdcc_audit.dates import thai_date
from gdcc_audit.evaluate.checks.grants import grants_verdict
from gdcc_audit.evaluate.rule import (
    Outcome,
    RuleContext,
    failed,
    passed,
    unknown,
)
from gdcc_audit.models.common import Text
from gdcc_audit.models.resource import Resource


def no_shared_admin_accounts(resource: Resource, context: RuleContext) -> Outcome:
    """The tenant declares that no administrator account is shared between people.

    Reads ``settings.identity.shared_admin_accounts`` of the tenant manifest: ``true`` FAILs,
    ``false`` PASSes, absent is UNKNOWN.
    """
    tenant = context.tenant
    shared = tenant.settings.identity.shared_admin_accounts if tenant else None
    if shared is None:
        return unknown(
            Text(
                en="whether admin accounts are shared is not declared",
                th="ไม่ได้ระบุว่ามีการใช้บัญชีผู้ดูแลระบบร่วมกันหรือไม่",
            )
        )
    if shared:
        return failed(
            Text(
                en="administrator accounts are shared: actions cannot be traced to a person",
                th="มีการใช้บัญชีผู้ดูแลระบบร่วมกัน ทำให้ระบุตัวผู้กระทำไม่ได้",
            )
        )
    return passed()


def access_key_rotated(resource: Resource, context: RuleContext) -> Outcome:
    """A long-lived access key was created or rotated within ``max_age_days`` (90).

    Uses the ``last_rotated`` facet (collected from the live account). A disabled key
    (``enabled: false``) PASSes. Unknown date is UNKNOWN.
    """
    max_age = int(context.params.get("max_age_days", 90))
    if resource.facets.enabled is False:
        return passed(enabled=False)
    rotated = resource.facets.last_rotated
    if rotated is None:
        return unknown(
            Text(en="the key's age is not known", th="ไม่ทราบอายุของกุญแจเข้าถึง (access key)")
        )
    age = (context.today - rotated).days
    if age > max_age:
        return failed(
            Text(
                en=f"the key was last rotated on {rotated.isoformat()}, {age} days ago "
                f"(limit {max_age})",
                th=f"กุญแจเข้าถึงถูกเปลี่ยนครั้งล่าสุดเมื่อ {thai_date(rotated)} ผ่านมาแล้ว {age} วัน "
                f"(เกณฑ์ {max_age} วัน)",
            ),
            last_rotated=rotated.isoformat(),
            age_days=age,
        )
    return passed(last_rotated=rotated.isoformat(), age_days=age)


_TRUST_NOT_READ = Text(
    en="who may assume this identity is not read for its type (an AWS IAM role's trust "
    "policy is)",
    th="ไม่มีการอ่านว่าผู้ใดสวมบทบาทของตัวตนประเภทนี้ได้ (อ่านเฉพาะนโยบายความเชื่อถือของ role ใน AWS IAM)",
)


def role_not_assumable_by_anyone(resource: Resource, context: RuleContext) -> Outcome:
    """No trust statement lets anyone assume the role (``public_access`` False): any AWS
    principal, any GitHub repository or any Cognito identity pool (``normalize.trust``).

    Judged where the type's trust is read (``public_grants`` is not None: AWS IAM roles); the
    engine names the deciding statements in a FAIL or UNKNOWN (``granted_by``).
    """
    return grants_verdict(
        resource,
        _TRUST_NOT_READ,
        Text(en="who may assume this role is not known", th="ไม่ทราบว่าผู้ใดสวมบทบาทนี้ได้บ้าง"),
        Text(en="anyone can assume this role", th="ผู้ใดก็ได้สวมบทบาทนี้ได้"),
    )
