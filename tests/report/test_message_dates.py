"""Dates inside finding messages: the Thai message writes them as the Thai report does
(``20 ส.ค. 2568``, Buddhist era), the English one as the manifest does (ISO ``2025-08-20``).
The evidence keeps ISO dates in both languages (tools read it)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from gdcc_audit import Settings, audit
from gdcc_audit.dates import thai_date
from gdcc_audit.models.finding import Status
from gdcc_audit.report.i18n import format_date

NOW = dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC)

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata:
  name: dated
agency:
  name_th: หน่วยงานทดสอบ
  name_en: Test Agency
cii: {designated: true, sector: public_health}
contacts:
  - {role: system_owner, name: นายง ตัวอย่าง, updated_on: 2024-01-01}
  - {role: system_administrator, name: นางจ ตัวอย่าง, updated_on: 2026-06-01}
  - {role: operational_coordinator, name: นายฉ ตัวอย่าง, updated_on: 2026-06-01}
systems:
  - id: stale
    name_th: ทบทวนนานแล้ว
    name_en: Stale review
    security_category: {confidentiality: high, integrity: medium, availability: medium}
    category_reviewed_on: 2022-06-01
evidence:
  - {type: bcp_exercise, date: 2025-08-20, document: bcp-2568.pdf}
  - {type: risk_assessment, date: 2027-01-15, document: risk-2570.pdf}
resources:
  - {id: key-old, kind: identity.access_key, facets: {enabled: true, last_rotated: 2025-01-10}}
"""

RULES = ("GDCC-EVD-001", "GDCC-EVD-004", "GDCC-GOV-002", "GDCC-GOV-006", "GDCC-IAM-006")


def _messages(tmp_path: Path) -> dict[str, tuple[str, str, dict[str, object]]]:
    (tmp_path / "tenant.yaml").write_text(MANIFEST, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES, now=NOW))
    return {
        f.rule_id: (f.message.en, f.message.th, dict(f.evidence))
        for f in result.findings
        if f.status is Status.FAIL
    }


def test_thai_messages_write_buddhist_era_dates_and_english_ones_iso(tmp_path: Path) -> None:
    found = _messages(tmp_path)
    assert found["GDCC-EVD-004"][:2] == (
        "the latest business continuity exercise is dated 2025-08-20 and expired on 2026-08-20",
        "การซ้อมแผนความต่อเนื่องทางธุรกิจครั้งล่าสุดลงวันที่ 20 ส.ค. 2568 "
        "และหมดอายุเมื่อ 20 ส.ค. 2569",
    )
    assert found["GDCC-EVD-001"][:2] == (
        "the cyber risk assessment on record is dated 2027-01-15, after the audit",
        "หลักฐานการประเมินความเสี่ยงไซเบอร์ลงวันที่ 15 ม.ค. 2570 ซึ่งเป็นวันหลังวันตรวจ",
    )
    assert found["GDCC-GOV-002"][:2] == (
        "the security category was last reviewed on 2022-06-01, 1636 days ago (limit 1095)",
        "ทบทวนระดับความมั่นคงปลอดภัยครั้งล่าสุดเมื่อ 1 มิ.ย. 2565 ผ่านมาแล้ว 1636 วัน "
        "(เกณฑ์ 1095 วัน)",
    )
    assert found["GDCC-GOV-006"][:2] == (
        "the system_owner contact was last confirmed on 2024-01-01, more than 365 days ago",
        "ข้อมูลผู้ติดต่อในบทบาท system_owner ปรับปรุงล่าสุดเมื่อ 1 ม.ค. 2567 เกิน 365 วันแล้ว",
    )
    assert found["GDCC-IAM-006"][:2] == (
        "the key was last rotated on 2025-01-10, 682 days ago (limit 90)",
        "กุญแจเข้าถึงถูกเปลี่ยนครั้งล่าสุดเมื่อ 10 ม.ค. 2568 ผ่านมาแล้ว 682 วัน (เกณฑ์ 90 วัน)",
    )
    # the evidence stays ISO whatever the language
    assert found["GDCC-EVD-004"][2]["expires_on"] == "2026-08-20"
    assert found["GDCC-IAM-006"][2]["last_rotated"] == "2025-01-10"
    # no Thai message keeps an ISO date
    for rule_id, (_, thai, _) in found.items():
        assert not any(part[:4].isdigit() and part[4:5] == "-" for part in thai.split()), rule_id


def test_the_message_date_is_the_report_s_date() -> None:
    # one wording: the cover, the evidence table and the messages of the Thai report
    day = dt.date(2026, 2, 28)
    assert thai_date(day) == format_date(day, "th") == "28 ก.พ. 2569"
    assert format_date(day, "en") == "28 Feb 2026"


def test_the_thai_console_names_a_waiver_s_expiry_in_buddhist_era(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from gdcc_audit.report.console import ConsoleReporter
    from gdcc_audit.report.interface import ReportOptions

    monkeypatch.setenv("COLUMNS", "300")
    examples = Path(__file__).parents[2] / "examples" / "moph-health-platform"
    result = audit([examples], Settings(now=NOW))
    lines = {}
    for lang in ("th", "en"):
        out = io.StringIO()
        ConsoleReporter().render(result, out, ReportOptions(color=False, lang=lang))
        lines[lang] = next(line for line in out.getvalue().splitlines() if "RA-2569-007" in line)
    assert lines["th"].endswith("(ผู้อนุมัติ นายปกรณ์ รักษ์ดี (CISO), หมดอายุ 30 ก.ย. 2569)")
    assert lines["en"].endswith("(approver นายปกรณ์ รักษ์ดี (CISO), expires 2026-09-30)")
