"""NIST SP 800-53 r5: every scored control has a real Thai title, and the catalog is fresh."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from gdcc_audit.frameworks.catalog import load_catalog

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "build_nist_catalog.py"
THAI = ROOT / "scripts" / "nist_800_53_th.yaml"
OSCAL = ROOT.parent / "shared" / "reference" / "nist-oscal"
CATALOG = ROOT / "rules" / "catalogs" / "nist-800-53-r5.yaml"
# What build_nist_catalog.py writes when scripts/nist_800_53_th.yaml has no Thai title.
PLACEHOLDER = re.compile(r"^หมวด[^:]*: ")


def test_no_scored_nist_control_has_a_placeholder_thai_title() -> None:
    families = yaml.safe_load(THAI.read_text(encoding="utf-8"))["families"]
    prefixes = tuple(f"หมวด{name}: " for name in families.values())
    catalog = load_catalog(CATALOG)
    assert len(catalog.scored) == 379
    bad = [
        c.id
        for c in catalog.scored
        if PLACEHOLDER.match(c.title.th)
        or c.title.th.startswith(prefixes)
        or c.title.th == c.title.en
    ]
    assert bad == []


def test_every_catalog_control_has_a_hand_written_thai_title() -> None:
    hand = yaml.safe_load(THAI.read_text(encoding="utf-8"))["controls"]
    catalog = load_catalog(CATALOG)
    missing = [c.id for c in catalog.controls if not (hand.get(c.id) or {}).get("th")]
    assert missing == []


def test_committed_catalog_equals_a_fresh_generation(tmp_path: Path) -> None:
    if not OSCAL.is_dir():
        pytest.skip(f"NIST OSCAL files not present at {OSCAL}")
    output = tmp_path / "nist-800-53-r5.yaml"
    subprocess.run(
        [sys.executable, str(SCRIPT), str(OSCAL), str(output)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    assert output.read_text(encoding="utf-8") == CATALOG.read_text(encoding="utf-8"), (
        "rules/catalogs/nist-800-53-r5.yaml is stale: run python scripts/build_nist_catalog.py"
    )
