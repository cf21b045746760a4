"""Generate rules/catalogs/nist-800-53-r5.yaml from the NIST OSCAL files.

Inputs (public domain, NIST): the SP 800-53 r5 HIGH-baseline resolved-profile catalog (ids,
titles, families) and the LOW / MODERATE / HIGH / PRIVACY baseline profiles (membership).
Thai titles come from scripts/nist_800_53_th.yaml (hand-written); a control without one shows
its family in Thai followed by the English title.

Usage: python scripts/build_nist_catalog.py [OSCAL_DIR] [OUTPUT]
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OSCAL = ROOT.parent / "shared" / "reference" / "nist-oscal"
DEFAULT_OUTPUT = ROOT / "rules" / "catalogs" / "nist-800-53-r5.yaml"
THAI = Path(__file__).with_name("nist_800_53_th.yaml")
PREFIX = "NIST_SP-800-53_rev5_"
BASELINES = ("low", "moderate", "high", "privacy")


def control_id(oscal_id: str) -> str:
    """``ac-2.1`` -> ``AC-2(1)``."""
    match = re.fullmatch(r"([a-z]{2})-(\d+)(?:\.(\d+))?", oscal_id)
    if not match:
        raise ValueError(f"unexpected OSCAL control id {oscal_id!r}")
    family, number, enhancement = match.groups()
    return f"{family.upper()}-{number}" + (f"({enhancement})" if enhancement else "")


def sort_key(cid: str) -> tuple[str, int, int]:
    match = re.fullmatch(r"([A-Z]{2})-(\d+)(?:\((\d+)\))?", cid)
    assert match
    return match[1], int(match[2]), int(match[3] or 0)


def baseline_ids(path: Path) -> set[str]:
    profile = json.loads(path.read_text(encoding="utf-8"))["profile"]
    found: set[str] = set()
    for item in profile["imports"]:
        for include in item.get("include-controls", []):
            found.update(control_id(i) for i in include.get("with-ids", []))
    return found


def catalog_controls(path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Titles by control id (enhancements as ``Parent | Enhancement``) and family titles."""
    catalog = json.loads(path.read_text(encoding="utf-8"))["catalog"]
    titles: dict[str, str] = {}
    families: dict[str, str] = {}

    def walk(controls: list[dict[str, Any]], parent: str | None) -> None:
        for control in controls:
            cid = control_id(control["id"])
            title = control["title"]
            titles[cid] = f"{parent} | {title}" if parent else title
            walk(control.get("controls", []), title)

    for group in catalog["groups"]:
        families[group["id"].upper()] = group["title"]
        walk(group["controls"], None)
    # The resolved profile flattens enhancements; give them their parent's title as prefix.
    for cid, title in list(titles.items()):
        base = cid.split("(")[0]
        if "(" in cid and " | " not in title and base in titles:
            titles[cid] = f"{titles[base]} | {title}"
    return titles, families


def build(oscal: Path) -> dict[str, Any]:
    titles, families = catalog_controls(
        oscal / f"{PREFIX}HIGH-baseline-resolved-profile_catalog-min.json"
    )
    members = {
        b: baseline_ids(oscal / f"{PREFIX}{b.upper()}-baseline_profile-min.json") for b in BASELINES
    }
    thai = yaml.safe_load(THAI.read_text(encoding="utf-8"))
    family_th: dict[str, str] = {k.upper(): v for k, v in thai["families"].items()}
    hand: dict[str, dict[str, str]] = thai["controls"]
    families.setdefault("PM", "Program Management")
    families.setdefault("PT", "PII Processing and Transparency")

    ids = set(titles) | set(hand)
    missing = sorted((set().union(*members.values()) - ids), key=sort_key)
    controls = []
    for cid in sorted(ids, key=sort_key):
        family = cid[:2]
        en = titles.get(cid) or hand[cid].get("en")
        if not en:
            raise SystemExit(f"{THAI}: {cid} is not in the HIGH catalog; give its 'en' title")
        th = hand.get(cid, {}).get("th") or f"หมวด{family_th[family]}: {en}"
        entry: dict[str, Any] = {"id": cid, "parent": family, "title": {"th": th, "en": en}}
        baselines = [b for b in BASELINES if cid in members[b]]
        if baselines:
            entry["baselines"] = baselines
        controls.append(entry)
    return {
        "framework": {
            "id": "NIST-800-53-r5",
            "title": {
                "th": "มาตรการควบคุมความมั่นคงปลอดภัยและความเป็นส่วนตัว NIST SP 800-53 ฉบับปรับปรุงครั้งที่ 5",
                "en": "NIST SP 800-53 Rev. 5 Security and Privacy Controls (SP 800-53B baselines)",
            },
            "version": "5.1.1",
            "kind": "international",
            "profile": "nist-baseline",
            "note": {
                "th": f"สร้างจากไฟล์ OSCAL ของ NIST; มาตรการในแนวทาง PRIVACY ที่ไม่อยู่ในแคตตาล็อก HIGH "
                f"และไม่ได้ใส่ชื่อไว้ด้วยมือ ({len(missing)} รายการ) ไม่ได้รวมไว้",
                "en": "Generated from NIST OSCAL files; PRIVACY-baseline controls outside the HIGH "
                f"catalog without a hand-written title ({len(missing)}) are not included",
            },
        },
        "groups": [
            {"id": f, "title": {"th": family_th[f], "en": families[f]}}
            for f in sorted({c["parent"] for c in controls})
        ],
        "controls": controls,
    }


def main(argv: list[str]) -> int:
    oscal = Path(argv[1]) if len(argv) > 1 else DEFAULT_OSCAL
    output = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUTPUT
    data = build(oscal)
    header = (
        "# GENERATED by scripts/build_nist_catalog.py from the NIST SP 800-53 r5 OSCAL files\n"
        "# (public domain). Do not edit by hand: edit scripts/nist_800_53_th.yaml and re-run.\n"
    )
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    output.write_text(header + text, encoding="utf-8")
    print(f"wrote {output}: {len(data['controls'])} controls")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
