"""Every built-in rule against its fixture directory ``tests/rules/<RULE-ID>/``.

A fixture directory holds one or more tenant manifests (``manifest*.yaml``) and
``expected.yaml``, which lists for each status the resources that must get it::

    PASS: [tenant:good-agency, bucket-private, system:portal]
    FAIL: [bucket-public]
    UNKNOWN: []
    NOT_APPLICABLE: []
    settings: {rule_parameters: {...}}   # optional extra Settings

Resource names are short: the manifest resource ``id`` for declared resources,
``tenant:<metadata.name>`` for a tenant and ``system:<id>`` for a system. The lists must
match exactly: a resource missing from a list, or listed where it does not belong, fails.
A resource with several verdicts (one per port, per secret path...) is listed under each.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent / "rules"
NOW = dt.datetime(2026, 11, 23, 9, 0, tzinfo=dt.UTC)
STATUSES = ("PASS", "FAIL", "UNKNOWN", "NOT_APPLICABLE")


def short_id(finding: Finding) -> str:
    """``tenant:<id>``, ``system:<id>`` or the manifest id of a declared resource."""
    tenant, _system, rest = finding.resource_id.split("/", 2)
    name = rest.split(".", 1)[1]
    if finding.resource_kind == "tenant":
        return f"tenant:{tenant}"
    if finding.resource_kind == "system":
        return f"system:{name}"
    return name


def run_fixture(rule_id: str, **extra: Any) -> dict[str, set[str]]:
    """Statuses -> short resource ids, for one rule over its fixture directory."""
    folder = FIXTURES / rule_id
    manifests = sorted(folder.glob("manifest*.yaml"))
    assert manifests, f"{folder} has no manifest*.yaml"
    result = audit(manifests, Settings(rule_ids=(rule_id,), now=NOW, **extra))
    broken = [f for f in result.inputs if f.status != InputStatus.ASSESSED]
    assert not broken, broken
    found: dict[str, set[str]] = {}
    for finding in result.findings:
        assert finding.rule_id == rule_id
        found.setdefault(finding.status.value, set()).add(short_id(finding))
    return found


def load_expected(rule_id: str) -> tuple[dict[str, set[str]], dict[str, Any]]:
    data = yaml.safe_load((FIXTURES / rule_id / "expected.yaml").read_text(encoding="utf-8"))
    unknown_keys = set(data) - {*STATUSES, "settings"}
    assert not unknown_keys, f"expected.yaml of {rule_id}: unknown keys {unknown_keys}"
    expected = {status: set(data.get(status) or ()) for status in STATUSES}
    return {k: v for k, v in expected.items() if v}, data.get("settings") or {}


RULE_DIRS = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


@pytest.mark.parametrize("rule_id", RULE_DIRS)
def test_rule_fixture(rule_id: str) -> None:
    expected, extra = load_expected(rule_id)
    assert run_fixture(rule_id, **extra) == expected


def test_flow_logs_fail_when_the_inventory_is_complete() -> None:
    found = run_fixture(
        "GDCC-LOG-005",
        rule_parameters={"GDCC-LOG-005": {"complete_inventory": True}},
    )
    assert found == {
        "PASS": {"vpc-inline", "vpc-linked"},
        "FAIL": {"vpc-disabled", "vpc-off", "vpc-orphan"},
    }


def test_short_ids_are_unambiguous() -> None:
    """Two fixture resources never share a short id, so a list entry names one resource."""
    for rule_id in RULE_DIRS:
        seen: set[str] = set()
        for path in sorted((FIXTURES / rule_id).glob("manifest*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            names = [f"tenant:{data['metadata']['name']}"]
            names += [f"system:{s['id']}" for s in data.get("systems") or ()]
            names += [r["id"] for r in data.get("resources") or ()]
            clash = seen & set(names)
            assert not clash, f"{rule_id}: {clash}"
            seen.update(names)


def test_statuses_cover_every_verdict() -> None:
    assert set(STATUSES) | {Status.ERROR.value} == {s.value for s in Status}
