"""``audit(grouped=True)``: PASS/NOT_APPLICABLE verdicts counted in the engine, never built as
findings, give exactly the result ``audit().grouped()`` gives (scores, groups, findings)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from gdcc_audit import api
from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.evaluate.rule import Outcome, Rule, RuleContext, rule
from gdcc_audit.evaluate.tally import VerdictCounts
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models import Facets, Resource, SourceLocation, Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.report.json import result_to_json
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)
META: dict[str, Any] = {
    "title": {"th": "ทดสอบ", "en": "Test"},
    "rationale": {"th": "เหตุผล", "en": "Why"},
    "remediation": {"th": "แก้ไข", "en": "Fix"},
    "severity": "high",
    "controls": ["ISO27001-2022:A.8.24"],
    "kinds": ["storage.bucket"],
}


def _same(paths: list[Path], **options: Any) -> AuditResult:
    settings = Settings.model_validate({"now": NOW, **options})
    full = audit(paths, settings)
    grouped = audit(paths, settings, grouped=True)
    assert grouped.grouped_statuses == (Status.PASS, Status.NOT_APPLICABLE)
    assert grouped.model_dump() == full.grouped().model_dump()
    assert result_to_json(grouped) == result_to_json(full)
    assert grouped.counts() == full.counts()
    return full


def test_several_tenants_with_waivers_score_as_the_full_list() -> None:
    # Five example tenants (one with a waiver file), so scores are per tenant.
    full = _same(sorted((ROOT / "examples").glob("*/tenant.yaml")))
    assert len(full.tenants) == 5
    assert full.waivers
    assert full.count(Status.PASS) > 0
    assert full.count(Status.NOT_APPLICABLE) > 0
    assert {f.tenant for f in full.frameworks} == {t.id for t in full.tenants}


def test_terraform_without_a_tenant_and_with_a_baseline(tmp_path: Path) -> None:
    paths = [FIXTURES / "graph" / "terraform" / "exposed", FIXTURES / "terraform" / "basic"]
    full = _same(paths)
    assert not full.tenants
    assert full.frameworks  # one tenant-less set of scores
    baseline = tmp_path / "baseline.json"
    baseline.write_text(result_to_json(full), encoding="utf-8")
    again = _same(paths, baseline=str(baseline))
    assert again.baseline is not None
    assert again.baseline.known > 0


def _bucket(name: str, tenant: str | None = None) -> Resource:
    return Resource(
        id=f"{tenant or '-'}/s/x_storage.bucket.{name}",
        kind="storage.bucket",
        name=name,
        provider="gdcc",
        provider_type="x_storage.bucket",
        tenant=tenant,
        system="s",
        facets=Facets(),
        location=SourceLocation(file="f.yaml", start_line=1),
    )


def _run(check: Rule, resources: list[Resource], counted: VerdictCounts | None) -> list[Any]:
    return list(
        evaluate(
            resources,
            [check],
            tenants=[],
            graph=ResourceGraph(resources),
            settings=Settings(),
            counted=counted,
        )
    )


def test_engine_counts_pass_and_not_applicable_per_rule_and_tenant() -> None:
    verdicts = {"a": Status.PASS, "b": Status.FAIL, "c": Status.NOT_APPLICABLE, "d": Status.PASS}

    @rule(id="T-CNT-001", **META)
    def check(res: Resource, ctx: RuleContext) -> Outcome:
        return Outcome(verdicts[res.name])

    resources = [_bucket("a", "t1"), _bucket("b", "t1"), _bucket("c", "t2"), _bucket("d")]
    counted = VerdictCounts()
    listed = _run(check, resources, counted)
    assert [(f.resource_name, f.status) for f in listed] == [("b", Status.FAIL)]
    assert counted.counts == {
        ("T-CNT-001", Status.PASS, "t1"): 1,
        ("T-CNT-001", Status.NOT_APPLICABLE, "t2"): 1,
        ("T-CNT-001", Status.PASS, None): 1,
    }
    assert counted.passed() == {"t1": {"T-CNT-001": 1}, None: {"T-CNT-001": 1}}
    assert [(g.rule_id, g.status, g.count) for g in counted.groups()] == [
        ("T-CNT-001", Status.NOT_APPLICABLE, 1),
        ("T-CNT-001", Status.PASS, 2),
    ]
    # Without counting, the same verdicts are all findings.
    assert [f.status for f in _run(check, resources, None)] == list(verdicts.values())


def test_a_malformed_counted_verdict_fails_as_a_listed_one_would() -> None:
    @rule(id="T-BAD-001", **META)
    def bad(res: Resource, ctx: RuleContext) -> Outcome:
        return Outcome("PASS")  # type: ignore[arg-type]  # a str, not a Status

    for counted in (None, VerdictCounts()):
        with pytest.raises(TypeError, match="not a Status"):
            _run(bad, [_bucket("a")], counted)


MINIMAL = str(FIXTURES / "manifests" / "minimal.yaml")


@pytest.mark.parametrize(
    ("options", "grouped"),
    [
        (["--format", "json"], True),
        (["--format", "sarif"], True),
        (["--format", "json,sarif,html"], True),
        (["--format", "json", "--full-findings"], False),
        (["--format", "json,csv"], False),
        (["--format", "junit"], False),
        (["--format", "oscal"], False),
        (["--format", "pdf"], False),
        (["--format", "json", "--record"], False),
    ],
)
def test_scan_counts_only_when_no_output_lists_passing_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], grouped: bool
) -> None:
    seen: list[bool] = []

    def spy(*args: Any, **kwargs: Any) -> AuditResult:
        seen.append(kwargs["grouped"])
        raise SystemExit(0)  # the choice is all this test looks at

    monkeypatch.setattr(api, "audit", spy)
    out = tmp_path / "out"
    run(["scan", MINIMAL, "-q", "--now", "2026-11-23", "-o", str(out), *options])
    assert seen == [grouped]


def test_grouped_scan_writes_what_a_full_one_writes(tmp_path: Path) -> None:
    outputs = {}
    # junit lists every PASS finding, so the second scan builds them all.
    for name, formats in (("grouped", "json,sarif,html"), ("full", "json,sarif,html,junit")):
        out = tmp_path / name
        run(["scan", MINIMAL, "-q", "--now", "2026-11-23", "--format", formats, "-o", str(out)])
        outputs[name] = {p.name: p.read_bytes() for p in out.iterdir() if "junit" not in p.name}
    assert sorted(outputs["grouped"]) == ["gdcc-audit.html", "gdcc-audit.json", "gdcc-audit.sarif"]
    assert outputs["grouped"] == outputs["full"]
    data = json.loads(outputs["grouped"]["gdcc-audit.json"])
    assert data["grouped_statuses"] == ["PASS", "NOT_APPLICABLE"]
    assert data["finding_groups"]
