"""Which controls of a framework apply to a tenant: CII, NCSC category, personal data, secrets."""

from __future__ import annotations

from dataclasses import dataclass

from gdcc_audit.frameworks.catalog import Catalog, Condition, ControlDef, ProfileKind
from gdcc_audit.models.common import Level, Text
from gdcc_audit.models.tenant import Tenant

#: NCSC 2566 category -> NIST SP 800-53B baseline (technical proxy, thai-standards.md §1.3 [INF]).
NIST_BASELINE = {Level.LOW: "low", Level.MEDIUM: "moderate", Level.HIGH: "high"}
#: NCSC 2566 category -> CIS Controls v8 implementation group.
CIS_GROUP = {Level.LOW: 1, Level.MEDIUM: 2, Level.HIGH: 3}
_LEVEL_TH = {Level.LOW: "ต่ำ", Level.MEDIUM: "กลาง", Level.HIGH: "สูง"}


@dataclass(frozen=True)
class Profile:
    """The facts about a tenant that select controls. ``level_assumed``: no system categorised."""

    tenant: str | None
    cii: bool
    level: Level
    level_assumed: bool
    personal_data: bool
    classified: bool

    @classmethod
    def of(cls, tenant: Tenant | None) -> Profile:
        """The profile of a tenant; without one (IaC only) a non-CII medium tenant is assumed."""
        if tenant is None:
            return cls(None, False, Level.MEDIUM, True, False, False)
        level = tenant.highest_level
        highest = tenant.highest_classification
        return cls(
            tenant=tenant.id,
            cii=tenant.cii.designated,
            level=level or Level.MEDIUM,
            level_assumed=level is None,
            personal_data=any(s.personal_data or s.sensitive_personal_data for s in tenant.systems),
            classified=bool(highest and highest.is_official_secret),
        )

    def holds(self, condition: Condition) -> bool:
        """True when every field the condition gives matches this profile."""
        return (
            (condition.cii is None or condition.cii == self.cii)
            and (condition.min_level is None or self.level.rank >= condition.min_level.rank)
            and (condition.personal_data is None or condition.personal_data == self.personal_data)
            and (condition.classified is None or condition.classified == self.classified)
        )

    def applies(self, catalog: Catalog, control: ControlDef) -> Text | None:
        """None when the control applies; otherwise why it does not."""
        kind = catalog.framework.profile
        if kind == ProfileKind.NIST_BASELINE:
            baseline = NIST_BASELINE[self.level]
            if baseline in control.baselines or (
                self.personal_data and "privacy" in control.baselines
            ):
                return None
            return Text(
                en=f"not in the 800-53B {baseline} baseline"
                + (" or the privacy baseline" if self.personal_data else ""),
                th=f"ไม่อยู่ในแนวทางพื้นฐาน 800-53B ระดับ {baseline}"
                + (" หรือแนวทางพื้นฐานด้านความเป็นส่วนตัว (privacy)" if self.personal_data else ""),
            )
        if kind == ProfileKind.CIS_IG:
            group = CIS_GROUP[self.level]
            if control.ig is not None and control.ig <= group:
                return None
            return Text(
                en=f"safeguard of IG{control.ig}; the tenant's profile is IG{group}",
                th=f"มาตรการของกลุ่ม IG{control.ig}; โปรไฟล์ของผู้ใช้บริการคือ IG{group}",
            )
        if kind == ProfileKind.CONDITIONS and control.applies_when:
            if any(self.holds(c) for c in control.applies_when):
                return None
            wanted = " or ".join(_describe(c) for c in control.applies_when)
            wanted_th = " หรือ".join(_describe(c, "th") for c in control.applies_when)
            return Text(en=f"applies only when {wanted}", th=f"ใช้บังคับเฉพาะเมื่อ{wanted_th}")
        return None

    def describe(self, catalog: Catalog) -> Text:
        """Which control set applies, and the tenant facts behind it."""
        level = self.level.value + (
            " (assumed: no system categorised)" if self.level_assumed else ""
        )
        level_th = _LEVEL_TH[self.level] + (
            " (สมมติ: ยังไม่มีระบบที่กำหนดระดับ)" if self.level_assumed else ""
        )
        facts_en = (
            f"CII {'yes' if self.cii else 'no'}, NCSC category {level}, personal data "
            + ("yes" if self.personal_data else "no")
            + f", official secrets {'yes' if self.classified else 'no'}"
        )
        facts_th = (
            f"CII {'ใช่' if self.cii else 'ไม่ใช่'}, ระดับ {level_th}, ข้อมูลส่วนบุคคล "
            + ("มี" if self.personal_data else "ไม่มี")
            + f", ข้อมูลลับทางราชการ {'มี' if self.classified else 'ไม่มี'}"
        )
        kind = catalog.framework.profile
        if kind == ProfileKind.NIST_BASELINE:
            base = NIST_BASELINE[self.level] + (" + privacy" if self.personal_data else "")
            # the baselines' names stay NIST's (low / moderate / high, privacy), in Thai words
            base_th = f"ระดับ {NIST_BASELINE[self.level]}" + (
                " และแนวทางพื้นฐานด้านความเป็นส่วนตัว (privacy)" if self.personal_data else ""
            )
            return Text(
                en=f"800-53B {base} baseline; {facts_en}",
                th=f"แนวทางพื้นฐาน 800-53B {base_th}; {facts_th}",
            )
        if kind == ProfileKind.CIS_IG:
            group = CIS_GROUP[self.level]
            return Text(
                en=f"implementation group IG{group}; {facts_en}", th=f"กลุ่ม IG{group}; {facts_th}"
            )
        if kind == ProfileKind.CONDITIONS:
            return Text(
                en=f"controls whose conditions hold; {facts_en}",
                th=f"มาตรการที่เข้าเงื่อนไข; {facts_th}",
            )
        return Text(en=f"all controls; {facts_en}", th=f"ทุกมาตรการ; {facts_th}")


def _describe(condition: Condition, lang: str = "en") -> str:
    th = lang == "th"
    parts = []
    if condition.cii is not None:
        yes, no = ("เป็น CII", "ไม่เป็น CII") if th else ("CII", "not CII")
        parts.append(yes if condition.cii else no)
    if condition.min_level is not None:
        level = condition.min_level
        parts.append(f"ระดับตั้งแต่{_LEVEL_TH[level]}ขึ้นไป" if th else f"category >= {level.value}")
    if condition.personal_data is not None:
        yes, no = (
            ("มีข้อมูลส่วนบุคคล", "ไม่มีข้อมูลส่วนบุคคล") if th else ("personal data", "no personal data")
        )
        parts.append(yes if condition.personal_data else no)
    if condition.classified is not None:
        yes, no = (
            ("มีข้อมูลลับทางราชการ", "ไม่มีข้อมูลลับทางราชการ")
            if th
            else ("official secrets", "no official secrets")
        )
        parts.append(yes if condition.classified else no)
    return (" และ" if th else " and ").join(parts)
