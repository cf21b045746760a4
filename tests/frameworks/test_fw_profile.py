"""The applicable control set follows the tenant: CII, NCSC category, personal data, secrets."""

from __future__ import annotations

import pytest
from fw_helpers import ON, tenant

from gdcc_audit.frameworks.registry import load_frameworks
from gdcc_audit.models.framework import ControlStatus
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.score import score_audit


def _applicable(t: Tenant | None, fid: str) -> tuple[int, set[str]]:
    scores = score_audit(
        tenants=[t] if t else [],
        findings=[],
        rules=[],
        frameworks=load_frameworks(),
        selected=[fid],
        on=ON,
    )
    result = scores.frameworks[0]
    na = {c.control for c in result.controls if c.status == ControlStatus.NOT_APPLICABLE}
    return result.applicable, na


@pytest.mark.parametrize(
    ("level", "personal", "expected"),
    [("low", False, 149), ("medium", False, 287), ("high", False, 370), ("high", True, 372)],
)
def test_nist_baseline_follows_category(level: str, personal: bool, expected: int) -> None:
    """800-53B LOW/MODERATE/HIGH; personal data adds the privacy-baseline controls in the catalog
    that HIGH lacks (PT-2, PT-3)."""
    applicable, _ = _applicable(tenant(level=level, personal_data=personal), "NIST-800-53-r5")
    assert applicable == expected


@pytest.mark.parametrize(("level", "expected"), [("low", 34), ("medium", 60), ("high", 64)])
def test_cis_implementation_group_follows_category(level: str, expected: int) -> None:
    assert _applicable(tenant(level=level), "CIS-v8")[0] == expected


def test_ncsc_2564_tiers_and_cii() -> None:
    """Low non-CII: audit plan, remote access, media, VA/PT, third parties, sharing, BCP and the
    CII-only reporting duties are outside the profile; CII brings every clause in."""
    applicable, na = _applicable(tenant(level="low"), "TH-NCSC-2564")
    assert applicable == 27
    assert {"17.1", "22.3.2", "22.4.2", "21.3.4", "25.1.2", "17.2"} <= na
    assert _applicable(tenant(level="medium"), "TH-NCSC-2564")[0] == 31
    assert _applicable(tenant(level="high"), "TH-NCSC-2564")[0] == 38
    assert _applicable(tenant(level="low", cii=True), "TH-NCSC-2564") == (42, set())


def test_personal_data_and_secrets() -> None:
    assert _applicable(tenant(), "TH-PDPA-2562")[0] == 0
    assert _applicable(tenant(personal_data=True), "TH-PDPA-2562")[0] == 5
    assert _applicable(tenant(), "TH-OSR-2544") == (1, {"NO-PUBLIC"})
    assert _applicable(tenant(classification="ลับ"), "TH-OSR-2544") == (2, set())
    assert _applicable(tenant(), "TH-CSA-2562") == (2, {"s52", "s54", "s56", "s57", "s58"})


def test_uncategorised_tenant_is_assumed_medium() -> None:
    scores = score_audit(
        tenants=[tenant(level=None)],
        findings=[],
        rules=[],
        frameworks=load_frameworks(),
        selected=["NIST-800-53-r5"],
        on=ON,
    )
    result = scores.frameworks[0]
    assert result.applicable == 287
    assert "assumed" in result.profile.en
    assert scores.grade is not None
    assert scores.grade.level is None


def test_no_tenant_uses_default_profile() -> None:
    assert _applicable(None, "CIS-v8")[0] == 60


def test_iso_manual_lowers_coverage_not_score() -> None:
    """With no rule and no evidence every ISO control is MANUAL: shown, counted, unscored."""
    scores = score_audit(
        tenants=[tenant()],
        findings=[],
        rules=[],
        frameworks=load_frameworks(),
        selected=["ISO27001-2022"],
        on=ON,
    )
    result = scores.frameworks[0]
    assert len(result.controls) == 93
    assert result.counts[ControlStatus.MANUAL] == 93
    assert (result.score, result.coverage) == (None, 0.0)
