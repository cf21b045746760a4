"""Builds AuditResults for report tests and the report benchmark (no engine involved)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from gdcc_audit.models.common import Severity, Text
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.framework import (
    ControlResult,
    ControlStatus,
    EvidenceUse,
    FrameworkResult,
    MappingKind,
    RuleMapping,
    TenantGrade,
)
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus, ResourceSummary
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.models.tenant import Tenant

SCANNED_AT = dt.datetime(2026, 11, 23, 3, 30, tzinfo=dt.UTC)
INJECTION = '<script>alert("x")</script><img src=x onerror=alert(1)>'

TENANT: dict[str, Any] = {
    "id": "moph-hp",
    "agency": {
        "name_th": "สำนักงานปลัดกระทรวงสาธารณสุข",
        "name_en": "Office of the Permanent Secretary, Ministry of Public Health",
        "ministry_th": "กระทรวงสาธารณสุข",
        "ministry_en": "Ministry of Public Health",
        "code": "MOPH-OPS",
    },
    "cii": {"designated": True, "sector": "public_health"},
    "systems": [
        {
            "id": "his",
            "name_th": "ระบบสารสนเทศโรงพยาบาล",
            "name_en": "Hospital information system",
            "security_category": {
                "confidentiality": "high",
                "integrity": "high",
                "availability": "medium",
            },
            "data_classification": "ลับ",
            "personal_data": True,
            "sensitive_personal_data": True,
        },
        {
            "id": "portal",
            "name_th": "เว็บท่าบริการประชาชน",
            "name_en": "Citizen portal",
            "security_category": {
                "confidentiality": "medium",
                "integrity": "medium",
                "availability": "medium",
            },
            "data_classification": "internal",
        },
    ],
    "evidence": [
        {
            "type": "risk_assessment",
            "date": "2026-03-01",
            "document": "docs/risk-2569.pdf",
            "sha256": "a" * 64,
            "attestor": "นางสาวสมหญิง ใจดี",
            "controls": ["ISO27001-2022:A.5.7"],
        },
        {
            "type": "pentest",
            "date": "2025-01-10",
            "document": "docs/pentest-2568.pdf",
            "controls": ["NIST-800-53-r5:CA-8"],
        },
    ],
}


def rule(rule_id: str, severity: Severity, title_en: str, title_th: str) -> RuleMeta:
    """A rule's metadata with Thai and English text."""
    return RuleMeta(
        id=rule_id,
        title=Text(th=title_th, en=title_en),
        rationale=Text(
            th=f"เหตุผลของกฎ {rule_id}: ข้อมูลสุขภาพเป็นข้อมูลส่วนบุคคลที่มีความอ่อนไหว",
            en=f"Why {rule_id} matters: health data is sensitive personal data.",
        ),
        remediation=Text(
            th=f"วิธีแก้ไขกฎ {rule_id}: เปิดใช้การเข้ารหัสและจำกัดการเข้าถึง",
            en=f"Fix for {rule_id}: turn on encryption and restrict access.",
        ),
        severity=severity,
        kinds=("network.security_group",),
        tags=("network",),
        controls=("ISO27001-2022:A.8.20", "NIST-800-53-r5:SC-7"),  # type: ignore[arg-type]
        check_type="IaC",  # type: ignore[arg-type]
    )


RULES = (
    rule("GDCC-NET-001", Severity.HIGH, "Management ports are not open to the internet",
         "พอร์ตสำหรับการบริหารจัดการต้องไม่เปิดสู่อินเทอร์เน็ต"),
    rule("GDCC-DATA-002", Severity.CRITICAL, "Databases with personal data are encrypted",
         "ฐานข้อมูลที่มีข้อมูลส่วนบุคคลต้องเข้ารหัส"),
    rule("GDCC-LOG-003", Severity.MEDIUM, "Flow logs are kept 90 days",
         "ต้องเก็บล็อกการจราจรอย่างน้อย 90 วัน"),
    rule("GDCC-IAM-004", Severity.LOW, "Credentials are rotated", "ต้องเปลี่ยนข้อมูลลับตามรอบ"),
)  # fmt: skip


def finding(
    rule_meta: RuleMeta,
    name: str,
    status: Status = Status.FAIL,
    *,
    system: str | None = "his",
    line: int = 10,
    evidence: dict[str, Any] | None = None,
    file: str = "iac/his/main.tf",
) -> Finding:
    """One finding of ``rule_meta`` on a resource called ``name``."""
    return Finding(
        rule_id=rule_meta.id,
        resource_id=f"moph-hp/{system or '-'}/gdcc_network_security_group.{name}",
        resource_kind="network.security_group",
        resource_name=name,
        provider_type="gdcc_network_security_group",
        system=system,
        status=status,
        severity=rule_meta.severity,
        message=Text(
            th=f"ทรัพยากร {name} ไม่เป็นไปตามกฎ", en=f"resource {name} does not meet the rule"
        ),
        evidence=evidence or {"port": 22, "sources": ["0.0.0.0/0"]},
        location=SourceLocation(file=file, start_line=line, end_line=line + 5),
    )


def frameworks() -> tuple[FrameworkResult, ...]:
    """Two frameworks with every control status represented."""

    def control(
        fw: str, cid: str, th: str, en: str, status: ControlStatus, **kw: Any
    ) -> ControlResult:
        credit = {ControlStatus.PASS: 1.0, ControlStatus.ATTESTED: 1.0, ControlStatus.PARTIAL: 0.5}
        return ControlResult(
            framework=fw,
            control=cid,
            title=Text(th=th, en=en),
            status=status,
            weight=3.0,
            credit=credit.get(status, 0.0),
            mappings=(
                RuleMapping(
                    rule_id="GDCC-NET-001", kind=MappingKind.DIRECT, severity=Severity.HIGH
                ),
            ),
            findings={"FAIL": 2, "PASS": 1} if status == ControlStatus.PARTIAL else {},
            **kw,
        )

    iso = FrameworkResult(
        framework="ISO27001-2022",
        tenant="moph-hp",
        title=Text(th="ISO/IEC 27001:2022 ภาคผนวก A", en="ISO/IEC 27001:2022 Annex A"),
        version="2022",
        kind="international",
        profile=Text(th="มาตรการทั้งหมดในภาคผนวก A", en="All Annex A controls"),
        score=0.62,
        coverage=0.55,
        automated_coverage=0.4,
        total=93,
        applicable=5,
        assessable=4,
        counts={
            ControlStatus.PASS: 1,
            ControlStatus.FAIL: 1,
            ControlStatus.PARTIAL: 1,
            ControlStatus.ATTESTED: 1,
            ControlStatus.MANUAL: 1,
        },
        controls=(
            control(
                "ISO27001-2022",
                "A.8.20",
                "ความมั่นคงปลอดภัยของเครือข่าย",
                "Networks security",
                ControlStatus.PARTIAL,
            ),
            control(
                "ISO27001-2022",
                "A.8.24",
                "การใช้การเข้ารหัสลับ",
                "Use of cryptography",
                ControlStatus.FAIL,
            ),
            control("ISO27001-2022", "A.8.15", "การบันทึกข้อมูล", "Logging", ControlStatus.PASS),
            control(
                "ISO27001-2022",
                "A.5.7",
                "ข่าวกรองภัยคุกคาม",
                "Threat intelligence",
                ControlStatus.ATTESTED,
                evidence=(
                    EvidenceUse(
                        document="docs/risk-2569.pdf",
                        type="risk_assessment",
                        date=dt.date(2026, 3, 1),
                        expires_on=dt.date(2027, 3, 1),
                        valid=True,
                    ),
                ),
            ),
            control(
                "ISO27001-2022",
                "A.5.24",
                "การวางแผนและเตรียมการบริหารจัดการเหตุการณ์",
                "Incident management planning",
                ControlStatus.MANUAL,
                reason=Text(th="ต้องมีหลักฐานการทบทวนแผน", en="Needs a plan review as evidence"),
            ),
        ),
    )
    ncsc = FrameworkResult(
        framework="TH-NCSC-2564",
        tenant="moph-hp",
        title=Text(th="ประมวลแนวทางปฏิบัติ กมช. พ.ศ. 2564", en="NCSC code of practice 2021"),
        version="2564",
        kind="thai",
        profile=Text(th="หน่วยงานโครงสร้างพื้นฐานสำคัญทางสารสนเทศ", en="CII organisation"),
        score=0.4,
        coverage=0.3,
        automated_coverage=0.3,
        total=40,
        applicable=2,
        assessable=1,
        counts={ControlStatus.FAIL: 1, ControlStatus.NOT_APPLICABLE: 1},
        controls=(
            control(
                "TH-NCSC-2564",
                "22.1.4",
                "การควบคุมการเข้าถึงส่วนต่อประสาน",
                "Access to interfaces",
                ControlStatus.FAIL,
            ),
            control(
                "TH-NCSC-2564",
                "9.1",
                "การทดสอบเจาะระบบ",
                "Penetration testing",
                ControlStatus.NOT_APPLICABLE,
                reason=Text(th="ไม่อยู่ในขอบเขต", en="Out of profile"),
            ),
        ),
    )
    return (iso, ncsc)


def build(
    failures: int = 6, *, injection: bool = False, secret: bool = False, full: bool = True
) -> AuditResult:
    """A result with ``failures`` FAIL findings spread over the rules, plus a PASS, an UNKNOWN,
    an ERROR, a bad input file, two frameworks and a grade (unless ``full`` is False)."""
    findings = []
    for index in range(failures):
        meta = RULES[index % len(RULES)]
        name = f"sg-{index:04d}"
        if injection and index == 0:
            name = INJECTION
        findings.append(
            finding(meta, name, line=10 + index, system="his" if index % 3 else "portal")
        )
    findings.append(finding(RULES[0], "ok-sg", Status.PASS, evidence={"checked_ports": [22]}))
    findings.append(finding(RULES[2], "mystery-sg", Status.UNKNOWN, evidence={}))
    findings.append(
        finding(RULES[3], "crash-sg", Status.ERROR, evidence={"error": "KeyError: 'x'"})
    )
    if secret:
        findings.append(
            finding(
                RULES[3],
                "leaky-db",
                evidence={
                    "password": "Hunter2-SuperSecret",
                    "url": "postgres://admin:Pa55word@db.internal/his",
                    "key": "AKIAABCDEFGHIJKLMNOP",
                },
            )
        )
    findings.sort(key=lambda f: (-f.severity.rank, f.rule_id, f.resource_id, f.evidence_key))
    tenant = dict(TENANT)
    if injection:
        tenant["agency"] = {**TENANT["agency"], "name_en": f"Agency {INJECTION}"}
    return AuditResult(
        tool_version="0.1.0",
        scanned_at=SCANNED_AT,
        tenants=(Tenant.model_validate(tenant),),
        inputs=(
            InputFile(
                path="iac/his/main.tf",
                sha256=hashlib.sha256(b"main").hexdigest(),
                format="terraform-hcl",
                status=InputStatus.ASSESSED,
                resources=failures,
            ),
            InputFile(
                path="iac/his/broken.tf",
                status=InputStatus.NOT_ASSESSED,
                error="unexpected '}'",
                line=3,
                column=7,
                format="terraform-hcl",
            ),
            InputFile(
                path="tenant.yaml",
                sha256="b" * 64,
                format="gdcc-tenant",
                status=InputStatus.ASSESSED,
                resources=3,
            ),
        ),
        resources=(
            ResourceSummary(
                id="moph-hp/his/gdcc_network_security_group.sg-0000",
                kind="network.security_group",
                name="sg-0000",
                provider="gdcc",
                provider_type="gdcc_network_security_group",
                system="his",
                file="iac/his/main.tf",
                line=10,
            ),
        ),
        rules=RULES,
        findings=tuple(findings),
        frameworks=frameworks() if full else (),
        grade=TenantGrade(
            tenant="moph-hp",
            level="high",
            score=0.55,
            coverage=0.45,  # type: ignore[arg-type]
            letter="C",
            provisional=True,
            frameworks=("ISO27001-2022", "TH-NCSC-2564"),
        )
        if full
        else None,
    )

