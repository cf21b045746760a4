"""A part not assessed that names a resource linked in the graph to another one turns a PASS
of a graph rule on that other resource into UNKNOWN: a security group rule cut short may open
the database behind the group to the internet."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "terraform" / "lost_graph"
GRAPH_RULES = ("GDCC-GRAPH-004", "GDCC-GRAPH-005")


def _graph_findings(root: Path) -> dict[str, tuple[Status, str, list[str]]]:
    result = audit([root], Settings(rule_ids=GRAPH_RULES))
    return {
        f.rule_id: (f.status, f.message.en, list(f.evidence.get("not_assessed", [])))
        for f in result.findings
        if f.address == "aws_db_instance.db"
    }


def test_a_cut_rule_of_the_database_group_makes_graph_passes_unknown(tmp_path: Path) -> None:
    root = tmp_path / "lost_graph"
    shutil.copytree(FIXTURE, root)
    found = _graph_findings(root)
    where = f"{root / 'rules.tf'}:1: aws_security_group.db"
    assert {rule: status for rule, (status, _, _) in found.items()} == dict.fromkeys(
        GRAPH_RULES, Status.UNKNOWN
    )
    _, message, not_assessed = found["GDCC-GRAPH-004"]
    assert message == (
        f"a block that names a resource linked to this one was not assessed ({where}); what "
        "was assessed passes: The data tier is segmented from the web tier"
    )
    assert not_assessed == [where]


def test_without_the_cut_rule_the_graph_rules_pass(tmp_path: Path) -> None:
    root = tmp_path / "whole"
    root.mkdir()
    shutil.copy(FIXTURE / "main.tf", root / "main.tf")
    found = _graph_findings(root)
    assert {rule: status for rule, (status, _, _) in found.items()} == dict.fromkeys(
        GRAPH_RULES, Status.PASS
    )
