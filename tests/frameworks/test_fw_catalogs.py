"""Every shipped catalog and crosswalk loads, and every control id referenced anywhere exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from gdcc_audit.evaluate.checks.plugin import builtin_rules
from gdcc_audit.frameworks.catalog import load_catalog
from gdcc_audit.frameworks.registry import builtin_framework_paths, load_frameworks
from gdcc_audit.models.rule import ControlRef
from gdcc_audit.resources import rules_dir

ROOT = Path(__file__).resolve().parents[2]
THAI = [
    "TH-CSA-2562",
    "TH-NCSC-2564",
    "TH-NCSC-2566",
    "TH-NCSC-CLOUD-2567",
    "TH-PDPA-2562",
    "TH-PDPC-2565",
    "TH-CCA-2550",
    "TH-ETC-2553",
    "TH-OSR-2544",
    "TH-DGA-CLOUD",
]


def test_shipped_frameworks_and_sizes() -> None:
    frameworks = load_frameworks(builtin_framework_paths())
    sizes = {fid: len(c.scored) for fid, c in frameworks.catalogs.items()}
    assert sizes == {
        "CIS-v8": 64,
        "ISO27001-2022": 93,
        "NIST-800-53-r5": 379,
        "NIST-CSF-2.0": 106,
        "TH-CCA-2550": 5,
        "TH-CSA-2562": 7,
        "TH-DGA-CLOUD": 2,
        "TH-ETC-2553": 4,
        "TH-NCSC-2564": 42,
        "TH-NCSC-2566": 6,
        "TH-NCSC-CLOUD-2567": 6,
        "TH-OSR-2544": 2,
        "TH-PDPA-2562": 5,
        "TH-PDPC-2565": 8,
    }
    assert frameworks.link_count == 67


def test_iso_has_exactly_93_annex_a_controls() -> None:
    iso = load_catalog(rules_dir() / "catalogs" / "iso27001-2022.yaml")
    ids = [c.id for c in iso.controls]
    assert len(ids) == len(set(ids)) == 93
    themes = {t: sum(1 for i in ids if i.startswith(f"A.{t}.")) for t in "5678"}
    assert themes == {"5": 37, "6": 8, "7": 14, "8": 34}


def test_nist_baselines_come_from_the_oscal_profiles() -> None:
    nist = load_frameworks().catalogs["NIST-800-53-r5"]
    counts = {
        b: sum(1 for c in nist.controls if b in c.baselines) for b in ("low", "moderate", "high")
    }
    assert counts == {"low": 149, "moderate": 287, "high": 370}
    ac2 = nist.control("AC-2(1)")
    assert ac2 is not None
    assert ac2.baselines == ("moderate", "high")
    assert ac2.title.th


@pytest.mark.parametrize("fid", THAI)
def test_thai_controls_carry_source_status_and_confidence(fid: str) -> None:
    catalog = load_frameworks().catalogs[fid]
    meta = catalog.framework
    assert meta.kind == "thai"
    assert meta.instrument is not None
    assert meta.confidence is not None
    for control in catalog.controls:
        assert control.clause, control.id
        assert (control.confidence or meta.confidence) is not None


def test_dga_cloud_is_a_draft() -> None:
    assert load_frameworks().catalogs["TH-DGA-CLOUD"].framework.status.value == "draft"


def test_every_shipped_rule_maps_to_iso_nist_and_thai() -> None:
    missing = []
    for found in builtin_rules():
        frameworks = found.meta.frameworks()
        if not (
            "ISO27001-2022" in frameworks
            and "NIST-800-53-r5" in frameworks
            and any(f.startswith("TH-") for f in frameworks)
        ):
            missing.append(found.id)
    assert missing == []


def test_every_rule_control_reference_exists() -> None:
    frameworks = load_frameworks()
    assert frameworks.unknown_refs(r.meta for r in builtin_rules()) == []


def test_catalog_rule_ids_exist() -> None:
    load_frameworks().check_rule_ids(r.id for r in builtin_rules())


def test_control_ids_contract_is_in_the_catalogs() -> None:
    """Every framework id and example control id of docs/control-ids.md exists."""
    frameworks = load_frameworks()
    text = (ROOT / "docs" / "control-ids.md").read_text(encoding="utf-8")
    checked = 0
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) < 5 or not cells[1].startswith("`"):
            continue
        fid = cells[1].strip("`")
        assert fid in frameworks.catalogs, fid
        for example in re.findall(r"`([^`]+)`", cells[4]):
            assert frameworks.control(f"{fid}:{example}") is not None, f"{fid}:{example}"
            checked += 1
    assert checked >= 40


def _evidence_refs() -> list[tuple[str, str]]:
    refs = []
    for path in sorted((ROOT / "examples").rglob("*.yaml")) + sorted(
        (ROOT / "examples").rglob("*.yml")
    ):
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if not isinstance(doc, dict) or doc.get("kind") != "Tenant":
                continue
            for item in doc.get("spec", doc).get("evidence") or []:
                refs.extend((str(path), ref) for ref in item.get("controls") or [])
    return refs


def test_example_evidence_controls_exist() -> None:
    frameworks = load_frameworks()
    unknown = [
        (p, r) for p, r in _evidence_refs() if frameworks.control(ControlRef.parse(r)) is None
    ]
    assert unknown == []


def test_checkov_mapping_controls_exist() -> None:
    """The checkov mapping reaches controls through gdcc rules: those rules (and any control id
    it names itself) must exist."""
    frameworks = load_frameworks()
    rule_ids = {r.id for r in builtin_rules()}
    for path in sorted((rules_dir() / "checkov").glob("*.y*ml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for entry in data.get("mappings", []):
            assert entry["gdcc_rule"] in rule_ids, f"{path}: {entry}"
    for path in sorted(rules_dir().rglob("*checkov*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        for ref in re.findall(r"\b((?:ISO|NIST|CIS|TH)[A-Za-z0-9.-]*:[A-Za-z0-9.()-]+)", text):
            assert frameworks.control(ref) is not None, f"{path}: {ref}"
