"""Bad catalogs and crosswalks fail loading with a message naming the file and the entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from fw_helpers import CATALOG, frameworks

from gdcc_audit.frameworks.catalog import CatalogError
from gdcc_audit.frameworks.registry import build


def _write(tmp: Path, name: str, text: str) -> Path:
    path = tmp / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_duplicate_control(tmp_path: Path) -> None:
    bad = CATALOG + "  - {id: C2, title: {th: ซ้ำ, en: again}}\n"
    with pytest.raises(CatalogError, match=r"test\.yaml:11: controls\[4\] C2: duplicate id 'C2'"):
        frameworks(tmp_path, bad)


def test_missing_language(tmp_path: Path) -> None:
    bad = CATALOG.replace("{th: สาม, en: three}", "{en: three}")
    with pytest.raises(
        CatalogError, match=r"test\.yaml:9: controls\[2\] C3: title\.th: Field required"
    ):
        frameworks(tmp_path, bad)


def test_unknown_control_in_crosswalk(tmp_path: Path) -> None:
    frameworks(tmp_path)
    _write(tmp_path, "crosswalk/more.yaml", "links:\n  - {controls: [TEST:C1, OTHER:Y]}\n")
    with pytest.raises(CatalogError, match=r"more\.yaml:2: links\[0\]: unknown control 'OTHER:Y'"):
        build([tmp_path / "catalogs", tmp_path / "crosswalk"])


def test_duplicate_link(tmp_path: Path) -> None:
    frameworks(tmp_path)
    _write(tmp_path, "crosswalk/more.yaml", "links:\n  - {controls: [TEST:C3, OTHER:X]}\n")
    with pytest.raises(
        CatalogError, match=r"more\.yaml:2: links\[0\]: duplicate of .*links\.yaml:2"
    ):
        build([tmp_path / "catalogs", tmp_path / "crosswalk"])


def test_unknown_rule_id_in_catalog(tmp_path: Path) -> None:
    loaded = frameworks(tmp_path, CATALOG.replace("en: four}}", "en: four}, rules: [NO-SUCH-001]}"))
    with pytest.raises(
        CatalogError, match=r"test\.yaml: controls\[3\] C4: unknown rule id 'NO-SUCH-001'"
    ):
        loaded.check_rule_ids(["T-HIGH-001"])


def test_duplicate_framework(tmp_path: Path) -> None:
    frameworks(tmp_path)
    _write(tmp_path, "catalogs/again.yaml", CATALOG)
    with pytest.raises(
        CatalogError, match=r"test\.yaml: framework 'TEST' is already defined in .*again\.yaml"
    ):
        build([tmp_path / "catalogs"])


def test_thai_control_needs_clause(tmp_path: Path) -> None:
    thai = CATALOG.replace(
        "kind: international",
        "kind: thai\n  instrument: {th: ประกาศ, en: Notice}\n  confidence: M",
    )
    with pytest.raises(CatalogError, match=r"controls\[0\] C1: a Thai control needs its 'clause'"):
        frameworks(tmp_path, thai)


def test_unknown_framework_selected(tmp_path: Path) -> None:
    with pytest.raises(CatalogError, match="unknown framework id"):
        frameworks(tmp_path).select(["NOPE"])
