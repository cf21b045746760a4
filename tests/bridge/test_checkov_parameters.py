"""A mapped check compared under parameters of its own (mapping.yaml ``parameters``) yields to
the native rule only when those parameters are in force: otherwise the native rule tests
another property, and its PASS must not hide checkov's FAIL (port 80 open to the internet is
no administration port; a 90-day retention is not a year)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.bridges.checkov import load_table
from gdcc_audit.bridges.checkov.convert import bridge, judged_alike
from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import Resource
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings
from iac_helpers import run

TF = """\
resource "aws_security_group" "web" {
  name = "web"
  ingress {
    protocol    = "tcp"
    from_port   = 80
    to_port     = 80
    cidr_blocks = ["0.0.0.0/0"]
  }
}
"""


def _native(
    tmp_path: Path, ports: list[int] | None = None
) -> tuple[list[Resource], list[Finding], dict[str, dict[str, Any]], Path]:
    main = tmp_path / "main.tf"
    main.write_text(TF, encoding="utf-8")
    resources = list(run(tmp_path)[0].values())
    overrides = {"GDCC-NET-001": {"ports": ports}} if ports else {}
    settings = Settings(rule_ids=("GDCC-NET-001",), rule_parameters=overrides)
    rules = [r for r in collect(make_plugin_manager(), settings).rules if r.id == "GDCC-NET-001"]
    graph = ResourceGraph(resources)
    found = list(evaluate(resources, rules, tenants=[], graph=graph, settings=settings))
    in_force = {r.id: {**r.meta.parameters, **overrides.get(r.id, {})} for r in rules}
    return resources, found, in_force, main


def _report(main: Path) -> list[dict[str, Any]]:
    result = {
        "check_id": "CKV_AWS_260",
        "check_name": "Ensure no security groups allow ingress from 0.0.0.0:0 to port 80",
        "resource": "aws_security_group.web",
        "file_abs_path": str(main),
        "file_line_range": [1, 9],
    }
    return [{"check_type": "terraform", "results": {"failed_checks": [result]}}]


@pytest.fixture(scope="module")
def table():  # type: ignore[no-untyped-def]
    registry = collect(make_plugin_manager(), Settings())
    return load_table(rules_dir() / "checkov", {r.meta.id: r.meta for r in registry.rules})


def test_port_80_is_its_own_finding_when_not_among_the_admin_ports(
    tmp_path: Path,
    table,  # type: ignore[no-untyped-def]
) -> None:
    resources, native, in_force, main = _native(tmp_path)
    assert [f.status for f in native] == [Status.PASS]  # port 80 is no administration port
    out = bridge(_report(main), table, resources, native, parameters=in_force)
    assert out.disagreed == []
    (own,) = out.findings
    assert (own.rule_id, own.status, own.address) == (
        "CKV_AWS_260",
        Status.FAIL,
        "aws_security_group.web",
    )
    assert own.message.en == (
        "checkov CKV_AWS_260 failed: Security groups allow no ingress from 0.0.0.0/0 to port 80"
    )
    assert [f.corroboration for f in out.native] == [()]


def test_merged_when_port_80_is_judged_by_the_native_rule(
    tmp_path: Path,
    table,  # type: ignore[no-untyped-def]
) -> None:
    resources, native, in_force, main = _native(tmp_path, ports=[22, 80, 3389])
    assert [f.status for f in native] == [Status.FAIL]
    out = bridge(_report(main), table, resources, native, parameters=in_force)
    assert out.findings == []
    assert out.disagreed == []
    assert [f.corroboration for f in out.native] == [("CKV_AWS_260",)]


def test_judged_alike_compares_thresholds(table) -> None:  # type: ignore[no-untyped-def]
    retention = table.get("CKV_AWS_338")
    assert retention is not None
    assert retention.parameters == {"min_days": 365}
    assert not judged_alike(retention, {"GDCC-LOG-001": {"min_days": 90}})
    assert judged_alike(retention, {"GDCC-LOG-001": {"min_days": 365}})
    assert not judged_alike(retention, None)
    plain = table.get("CKV_AWS_20")
    assert plain is not None
    assert judged_alike(plain, None)
    assert judged_alike(plain, {})
