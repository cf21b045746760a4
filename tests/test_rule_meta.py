"""Meta-tests guarding the built-in rule pack: ids, languages, controls, fixtures, checks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from gdcc_audit.evaluate.checks.plugin import builtin_rules
from gdcc_audit.evaluate.checks.registry import PYTHON_CHECKS
from gdcc_audit.evaluate.rulepack import load_rule_pack
from gdcc_audit.frameworks.registry import load_frameworks
from gdcc_audit.models.rule import RuleMeta
from gdcc_audit.resources import rules_dir

FIXTURES = Path(__file__).parent / "rules"
RULES = builtin_rules()
METAS = [r.meta for r in RULES]
ID_PATTERN = re.compile(r"^GDCC-[A-Z0-9]+-\d{3}$")
THAI = re.compile(r"[\u0E00-\u0E7F]")

#: The Thai frameworks of the shipped catalogs (test_fw_catalogs pins that list to the
#: contract in docs/control-ids.md).
THAI_FRAMEWORKS = {
    cid for cid, catalog in load_frameworks().catalogs.items() if catalog.framework.kind == "thai"
}
ISO_CONTROL = re.compile(
    r"^A\.(5\.([1-9]|[12]\d|3[0-7])|6\.[1-8]|7\.([1-9]|1[0-4])|8\.([1-9]|[12]\d|3[0-4]))$"
)
NIST_CONTROL = re.compile(
    r"^(AC|AT|AU|CA|CM|CP|IA|IR|MA|MP|PE|PL|PM|PS|PT|RA|SA|SC|SI|SR)-\d{1,2}(\(\d{1,2}\))?$"
)


def _ids(metas: list[RuleMeta]) -> list[str]:
    return [m.id for m in metas]


def test_the_pack_has_at_least_thirty_rules() -> None:
    assert len(RULES) >= 30


def test_rule_ids_match_the_pattern_and_are_unique() -> None:
    ids = _ids(METAS)
    assert len(ids) == len(set(ids))
    bad = [i for i in ids if not ID_PATTERN.match(i)]
    assert not bad


def test_rule_id_domain_matches_its_file() -> None:
    """Rules of one domain live together, so an auditor finds GDCC-LOG-* in logging.yaml."""
    by_domain: dict[str, set[str]] = {}
    for meta in METAS:
        by_domain.setdefault(meta.id.split("-")[1], set()).add(str(meta.source))
    spread = {domain: files for domain, files in by_domain.items() if len(files) > 1}
    assert not spread


@pytest.mark.parametrize("meta", METAS, ids=_ids(METAS))
def test_rule_is_bilingual(meta: RuleMeta) -> None:
    for field in ("title", "rationale", "remediation"):
        text = getattr(meta, field)
        assert text.en.strip(), f"{field}.en empty"
        assert text.th.strip(), f"{field}.th empty"
        assert THAI.search(text.th), f"{field}.th has no Thai characters"
        # English may quote Thai terms (ลับ, ลับมาก) but must be English, not a copy of the Thai.
        assert text.en != text.th
        assert len(THAI.findall(text.en)) < len(text.en) // 4, f"{field}.en is mostly Thai"


@pytest.mark.parametrize("meta", METAS, ids=_ids(METAS))
def test_rule_maps_to_iso_nist_and_a_thai_control(meta: RuleMeta) -> None:
    iso = [c.control for c in meta.controls if c.framework == "ISO27001-2022"]
    nist = [c.control for c in meta.controls if c.framework == "NIST-800-53-r5"]
    thai = [c for c in meta.controls if c.framework.startswith("TH-")]
    assert iso, "no ISO 27001:2022 control"
    assert nist, "no NIST SP 800-53 r5 control"
    assert thai, "no Thai control"
    assert all(ISO_CONTROL.match(c) for c in iso), iso
    assert all(NIST_CONTROL.match(c) for c in nist), nist
    assert {c.framework for c in thai} <= THAI_FRAMEWORKS
    frameworks = {c.framework for c in meta.controls}
    assert frameworks <= THAI_FRAMEWORKS | {"ISO27001-2022", "NIST-800-53-r5"}
    assert len({str(c) for c in meta.controls}) == len(meta.controls), "duplicate control"


@pytest.mark.parametrize("meta", METAS, ids=_ids(METAS))
def test_rule_has_a_fixture_with_a_pass_and_a_fail(meta: RuleMeta) -> None:
    import yaml

    folder = FIXTURES / meta.id
    assert (folder / "expected.yaml").is_file(), f"no fixture for {meta.id}"
    assert list(folder.glob("manifest*.yaml"))
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    assert expected.get("PASS"), "no resource must PASS"
    assert expected.get("FAIL"), "no resource must FAIL"


def test_every_fixture_belongs_to_a_rule() -> None:
    folders = {p.name for p in FIXTURES.iterdir() if p.is_dir()}
    assert folders == set(_ids(METAS))


def test_every_python_check_is_used_by_a_rule() -> None:
    used = {r.check for r in RULES}
    unused = [name for name, check in PYTHON_CHECKS.items() if check not in used]
    assert not unused


def test_every_python_check_is_documented() -> None:
    undocumented = [
        name for name, check in PYTHON_CHECKS.items() if not (check.__doc__ or "").strip()
    ]
    assert not undocumented


def test_python_check_names_match_their_module() -> None:
    for name, check in PYTHON_CHECKS.items():
        module, _, function = name.partition(".")
        assert check.__module__ == f"gdcc_audit.evaluate.checks.{module}"
        assert check.__name__ == function


def test_every_pack_file_says_it_is_gdcc_core() -> None:
    for path in sorted((rules_dir() / "packs" / "gdcc-core").glob("*.yaml")):
        rules = load_rule_pack(path, PYTHON_CHECKS)
        assert rules, path
        assert {r.meta.pack for r in rules} == {"gdcc-core"}


def test_applicability_is_used_where_the_rule_says_so() -> None:
    """Rules about personal data, CII or high systems declare it, so they never over-report."""
    by_id = {m.id: m for m in METAS}
    assert by_id["GDCC-DATA-002"].applicability.personal_data is True
    assert by_id["GDCC-DATA-004"].applicability.personal_data is True
    assert by_id["GDCC-GOV-003"].applicability.personal_data is True
    assert by_id["GDCC-GOV-006"].applicability.cii is True
    assert by_id["GDCC-EVD-002"].applicability.cii is True
    assert str(by_id["GDCC-EVD-005"].applicability.min_security_category) == "high"
