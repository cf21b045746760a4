"""The default JSON result keeps only the attack-path part of the resource graph (with the
whole graph's counts); --full-graph keeps all of it. Reports rendered from the saved result
are the same as from the scan, and the JSON is written in pieces that join to the same text."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models import AuditResult
from gdcc_audit.models.result_layout import expanded
from gdcc_audit.report.json import iter_result_json, result_to_json
from gdcc_audit.report.redact import redact_result
from gdcc_audit.settings import Settings

GRAPH = str(Path(__file__).parent.parent / "rules" / "GDCC-GRAPH-005" / "manifest.yaml")
NOW = "2026-11-23"


def _scan(tmp_path: Path, name: str, fmt: str, *extra: str) -> Path:
    target = tmp_path / name
    run(["scan", GRAPH, "-q", "--now", NOW, "--format", fmt, "-o", str(target), *extra])
    return target


def test_default_json_keeps_the_attack_path_nodes_and_the_graph_counts(tmp_path: Path) -> None:
    saved = expanded(json.loads(_scan(tmp_path, "r.json", "json").read_text()))
    full = expanded(json.loads(_scan(tmp_path, "f.json", "json", "--full-graph").read_text()))
    whole, part = full["graph"], saved["graph"]
    assert "complete" not in whole
    assert part["complete"] is False
    assert part["total_nodes"] == len(whole["nodes"]) > len(part["nodes"])
    assert part["total_edges"] == len(whole["edges"]) > len(part["edges"])
    # exactly the nodes named by the findings' path hops, as the full graph has them
    on_paths = {
        hop["node"] for f in saved["findings"] for hop in f["evidence"].get("path_hops", ())
    }
    assert on_paths == {
        "internet",
        "graph/-/gdcc_compute_instance.vm-web",
        "graph/-/gdcc_database_instance.db-reached",
        "graph/-/gdcc_database_instance.db-open",
    }
    assert {n["id"] for n in part["nodes"]} == on_paths
    assert all(n in whole["nodes"] for n in part["nodes"])
    assert part["edges"] == [
        e for e in whole["edges"] if e["source"] in on_paths and e["target"] in on_paths
    ]
    assert part["edges"]  # internet -> vm-web, internet -> db-open at least
    assert part["unresolved"] == whole["unresolved"]
    # everything but the graph is the same
    assert {k: v for k, v in saved.items() if k != "graph"} == {
        k: v for k, v in full.items() if k != "graph"
    }


def test_reports_from_the_saved_result_equal_the_scans(tmp_path: Path) -> None:
    saved = _scan(tmp_path, "r.json", "json")
    for fmt in ("sarif", "html"):
        direct = _scan(tmp_path, f"direct.{fmt}", fmt, "--lang", "en")
        again = tmp_path / f"again.{fmt}"
        code = run(["report", str(saved), "--format", fmt, "--lang", "en", "-o", str(again)])
        assert code == 0
        if fmt == "sarif":  # evidence keys come back sorted: compare the data
            assert json.loads(again.read_text()) == json.loads(direct.read_text())
        else:
            assert again.read_text() == direct.read_text(), fmt
    # a saved cut graph written again stays as it is
    loaded = AuditResult.model_validate_json(saved.read_bytes())
    assert result_to_json(loaded) + "\n" == saved.read_text()


def test_pieces_join_to_the_one_dump_of_the_whole_result(tmp_path: Path) -> None:
    result = audit([GRAPH], Settings(now=f"{NOW}T00:00:00Z"))  # type: ignore[arg-type]
    for full in (False, True):
        shown = redact_result(result if full else result.grouped())
        dump = shown.model_dump(mode="json")
        # layout 1.0 is the models' own dump, byte for byte
        legacy = {**dump, "schema_version": "1.0"}
        one = json.dumps(legacy, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert result_to_json(result, full_findings=full, full_graph=True, layout="1.0") == one
        pieces = list(
            iter_result_json(result, full_findings=full, full_graph=True, layout="1.0")
        )
        assert len(pieces) > 10
        assert "".join(pieces) == one
        # layout 1.1 (the default) is the same data said once
        pieces = list(iter_result_json(result, full_findings=full, full_graph=True))
        assert len(pieces) > 10
        compact = json.loads("".join(pieces))
        assert compact["schema_version"] == "1.1"
        assert expanded(compact) == dump
