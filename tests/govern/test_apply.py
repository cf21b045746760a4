"""apply_waivers and apply_baseline: matching, dates, the register (pure functions)."""

from __future__ import annotations

import datetime as dt

import pytest

from gdcc_audit.govern.apply import SourcedWaiver, apply_baseline, apply_waivers, waiver_state
from gdcc_audit.models.common import Severity, Text
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.waiver import Waiver, WaiverState

ON = dt.date(2026, 11, 23)
LAKE = "moph/disease-analytics/aws_storage_bucket.analytics-lake"
WAREHOUSE = "moph/disease-analytics/aws_database_instance.analytics-warehouse"
INDEXED = 'moph/web/aws_instance.web["a"][0]'


def finding(resource: str, status: Status = Status.FAIL, rule: str = "GDCC-DATA-003",
            key: str = "") -> Finding:
    return Finding(
        rule_id=rule,
        resource_id=resource,
        resource_kind="storage.bucket",
        resource_name=resource.rsplit(".", 1)[1],
        provider_type="aws_storage_bucket",
        status=status,
        severity=Severity.HIGH,
        message=Text(th="ไม่ผ่าน", en="fails"),
        evidence_key=key,
    )


def waiver(
    resource: str = LAKE,
    rule: str = "GDCC-DATA-003",
    expires: dt.date = dt.date(2027, 3, 31),
    **extra: object,
) -> SourcedWaiver:
    data = {"rule": rule, "resource": resource, "reason": "PDPA s.28 basis", "approver": "CIO",
            "expires": expires, **extra}
    return SourcedWaiver(Waiver.model_validate(data), "waivers.yaml", 7)


def test_rule_and_exact_resource() -> None:
    findings, register = apply_waivers(
        [finding(LAKE), finding(WAREHOUSE), finding(LAKE, rule="GDCC-DATA-004")], [waiver()], ON
    )
    assert [f.is_waived for f in findings] == [True, False, False]
    waived = findings[0].waiver
    assert waived is not None
    assert (waived.approver, waived.expires, waived.file) == ("CIO", dt.date(2027, 3, 31),
                                                               "waivers.yaml")
    assert findings[0].status == Status.FAIL  # the verdict is kept
    assert findings[0].fingerprint == finding(LAKE).fingerprint  # identity unchanged
    (record,) = register
    assert (record.state, record.matched, record.line) == (
        WaiverState.ACTIVE, (finding(LAKE).fingerprint,), 7)


def test_glob_covers_a_system() -> None:
    findings, register = apply_waivers(
        [finding(LAKE), finding(WAREHOUSE), finding("moph/other/aws_storage_bucket.x")],
        [waiver("moph/disease-analytics/*")],
        ON,
    )
    assert [f.is_waived for f in findings] == [True, True, False]
    assert set(register[0].matched) == {findings[0].fingerprint, findings[1].fingerprint}


def test_brackets_in_ids_are_literal() -> None:
    findings, _ = apply_waivers([finding(INDEXED), finding('moph/web/aws_instance.webX')],
                                [waiver(INDEXED)], ON)
    assert [f.is_waived for f in findings] == [True, False]
    findings, _ = apply_waivers([finding(INDEXED)], [waiver('moph/web/aws_instance.web[*]*')], ON)
    assert findings[0].is_waived


def test_fingerprint_narrows_to_one_finding() -> None:
    port22 = finding(LAKE, key="port:22")
    port3389 = finding(LAKE, key="port:3389")
    findings, register = apply_waivers(
        [port22, port3389], [waiver(fingerprint=port3389.fingerprint)], ON
    )
    assert [f.is_waived for f in findings] == [False, True]
    assert register[0].matched == (port3389.fingerprint,)


@pytest.mark.parametrize(
    ("on", "state", "waived"),
    [
        (dt.date(2027, 3, 30), WaiverState.ACTIVE, True),
        (dt.date(2027, 3, 31), WaiverState.ACTIVE, True),  # the expiry day still waives
        (dt.date(2027, 4, 1), WaiverState.EXPIRED, False),  # the day after fails again
    ],
)
def test_expiry_boundary(on: dt.date, state: WaiverState, waived: bool) -> None:
    findings, register = apply_waivers([finding(LAKE)], [waiver()], on)
    assert findings[0].is_waived is waived
    assert findings[0].counts_for_fail_on is not waived
    assert register[0].state == state
    assert register[0].matched == (finding(LAKE).fingerprint,)


def test_not_yet_approved_is_pending() -> None:
    item = waiver(approved_on=dt.date(2026, 12, 1))
    assert waiver_state(item.waiver, dt.date(2026, 11, 30)) == WaiverState.PENDING
    assert waiver_state(item.waiver, dt.date(2026, 12, 1)) is None
    findings, register = apply_waivers([finding(LAKE)], [item], ON)
    assert not findings[0].is_waived
    assert register[0].state == WaiverState.PENDING


def test_unused_when_nothing_fails() -> None:
    findings, register = apply_waivers(
        [finding(LAKE, Status.PASS), finding(LAKE, Status.UNKNOWN, rule="GDCC-DATA-004")],
        [waiver()],
        ON,
    )
    assert not any(f.is_waived for f in findings)  # only FAIL and ERROR are waived
    assert (register[0].state, register[0].matched) == (WaiverState.UNUSED, ())


def test_error_findings_can_be_waived() -> None:
    findings, _ = apply_waivers([finding(LAKE, Status.ERROR)], [waiver()], ON)
    assert findings[0].is_waived


def test_the_first_valid_waiver_is_carried() -> None:
    expired = waiver(expires=dt.date(2026, 9, 30), id="OLD")
    current = waiver(id="NEW")
    findings, register = apply_waivers([finding(LAKE)], [expired, current], ON)
    assert findings[0].waiver is not None
    assert findings[0].waiver.id == "NEW"
    assert [r.state for r in register] == [WaiverState.EXPIRED, WaiverState.ACTIVE]
    assert register[0].matched == register[1].matched


def test_derived_ids_are_stable() -> None:
    assert waiver().waiver.key() == waiver().waiver.key()
    assert waiver().waiver.key().startswith("W-")
    assert waiver().waiver.key() != waiver(WAREHOUSE).waiver.key()


def test_baseline_marks_known_failures_only() -> None:
    known = {finding(LAKE).fingerprint, finding(WAREHOUSE, Status.PASS).fingerprint}
    marked = apply_baseline(
        [finding(LAKE), finding(WAREHOUSE, Status.PASS), finding("moph/x/aws_storage_bucket.new")],
        known,
    )
    assert [f.baseline for f in marked] == [True, False, False]
    assert [f.counts_for_fail_on for f in marked] == [False, False, True]
