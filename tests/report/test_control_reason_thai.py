"""A control's reason in Thai names its status in Thai only. The quick start's Thai report
listed 19 controls needing evidence as 'กฎตัดสินไม่ได้ (UNKNOWN: ข้อมูลนำเข้าไม่ครบ) และไม่มี
หลักฐานที่ยังมีผล': the English status name inside a Thai sentence (the badges say
ตัดสินไม่ได้). A crashed rule's reason ended '(ERROR)' the same way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from report_factory import RULES, finding

from gdcc_audit.frameworks.catalog import load_catalog
from gdcc_audit.models.common import Level
from gdcc_audit.models.finding import Status
from gdcc_audit.models.framework import ControlStatus, MappingKind, RuleMapping
from gdcc_audit.resources import rules_dir
from gdcc_audit.score.control import score_control

_STATUS_WORDS = re.compile(r"\b(PASS|FAIL|UNKNOWN|NOT_APPLICABLE|ERROR|MANUAL|PARTIAL|ATTESTED)\b")


@pytest.mark.parametrize(
    ("status", "control_status", "thai", "english"),
    [
        (
            Status.UNKNOWN,
            ControlStatus.MANUAL,
            "กฎตัดสินไม่ได้ (ข้อมูลนำเข้าไม่ครบ) และไม่มีหลักฐานที่ยังมีผล",
            "rules could not decide (UNKNOWN: facts missing from the input) and no valid "
            "evidence",
        ),
        (
            Status.ERROR,
            ControlStatus.ERROR,
            "กฎที่เกี่ยวข้องทำงานผิดพลาด (ผลการตรวจเป็นข้อผิดพลาด)",
            "a mapped rule crashed (ERROR finding)",
        ),
    ],
    ids=["unknown", "error"],
)
def test_the_thai_reason_has_no_english_status_name(
    status: Status, control_status: ControlStatus, thai: str, english: str
) -> None:
    catalog = load_catalog(rules_dir() / "catalogs" / "iso27001-2022.yaml")
    control = catalog.control("A.8.20")
    assert control is not None
    rule = RULES[0]
    result = score_control(
        catalog,
        control,
        mappings=(RuleMapping(rule_id=rule.id, kind=MappingKind.DIRECT, severity=rule.severity),),
        findings={rule.id: (finding(rule, "sg-web", status),)},
        tenant=None,
        on=dt.date(2026, 11, 23),
        not_applicable=None,
        level=Level.MEDIUM,
    )
    assert result.status == control_status
    assert result.reason is not None
    assert (result.reason.th, result.reason.en) == (thai, english)
    assert not _STATUS_WORDS.search(result.reason.th)
