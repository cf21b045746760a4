"""A framework's profile and a control's "does not apply" reason, in Thai words: the Thai
report read 'แนวทางพื้นฐาน 800-53B high + privacy', the Thai reason left out the privacy
baseline the English one names, and a condition ('applies only when CII or category >=
medium') stayed English inside the Thai sentence."""

from __future__ import annotations

from gdcc_audit.frameworks.catalog import Catalog, load_catalog
from gdcc_audit.models.common import Level
from gdcc_audit.resources import rules_dir
from gdcc_audit.score.profile import Profile


def _catalog(name: str) -> Catalog:
    return load_catalog(rules_dir() / "catalogs" / f"{name}.yaml")


def test_nist_profile_and_reason_name_the_privacy_baseline_in_thai() -> None:
    catalog = _catalog("nist-800-53-r5")
    profile = Profile("t", True, Level.HIGH, False, True, False)
    described = profile.describe(catalog)
    assert described.en.startswith("800-53B high + privacy baseline; CII yes")
    assert described.th.startswith(
        "แนวทางพื้นฐาน 800-53B ระดับ high และแนวทางพื้นฐานด้านความเป็นส่วนตัว (privacy); CII ใช่"
    )
    control = next(c for c in catalog.controls if not {"high", "privacy"} & set(c.baselines))
    reason = profile.applies(catalog, control)
    assert reason is not None
    assert reason.en == "not in the 800-53B high baseline or the privacy baseline"
    assert reason.th == (
        "ไม่อยู่ในแนวทางพื้นฐาน 800-53B ระดับ high หรือแนวทางพื้นฐานด้านความเป็นส่วนตัว (privacy)"
    )
    without = Profile("t", False, Level.MEDIUM, False, False, False)
    assert without.describe(catalog).th.startswith("แนวทางพื้นฐาน 800-53B ระดับ moderate; ")


def test_a_control_s_conditions_are_thai_in_the_thai_reason() -> None:
    catalog = _catalog("th-ncsc-2564")
    control = next(c for c in catalog.controls if c.id == "17.1")  # CII, or category >= medium
    profile = Profile("t", False, Level.LOW, False, False, False)
    reason = profile.applies(catalog, control)
    assert reason is not None
    assert reason.en == "applies only when CII or category >= medium"
    assert reason.th == "ใช้บังคับเฉพาะเมื่อเป็น CII หรือระดับตั้งแต่กลางขึ้นไป"
