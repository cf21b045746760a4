"""The graph rules on IaC of every format: the bad chains fail with their path as evidence,
the segmented twins pass, and a missing flow log is FAIL or UNKNOWN by what was scanned."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph"
GRAPH_RULES = tuple(f"GDCC-GRAPH-{n:03d}" for n in range(1, 13))
NOW = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


def _scan(*parts: str) -> AuditResult:
    result = audit([FIXTURES.joinpath(*parts)], Settings(rule_ids=GRAPH_RULES, now=NOW))
    assert all(i.status == InputStatus.ASSESSED for i in result.inputs), result.inputs
    return result


def _verdicts(result: AuditResult) -> dict[tuple[str, str], str]:
    """(rule, native name) -> status of every finding that is not NOT_APPLICABLE."""
    found = {}
    for finding in result.findings:
        if finding.status.value != "NOT_APPLICABLE":
            name = finding.resource_id.rsplit(":", 1)[-1].rsplit(".", 1)[-1].rsplit("/", 1)[-1]
            found[(finding.rule_id, name)] = finding.status.value
    return found


def _path(result: AuditResult, rule: str, name: str) -> str:
    finding = next(
        f for f in result.findings if f.rule_id == rule and f.resource_id.endswith(name)
    )
    return str(finding.evidence["path"])


# -- Terraform -----------------------------------------------------------------------------


def test_terraform_exposed_chain_and_public_bucket_fail_with_the_path() -> None:
    result = _scan("terraform", "exposed")
    assert _verdicts(result) == {
        ("GDCC-GRAPH-001", "citizens"): "FAIL",
        ("GDCC-GRAPH-001", "scans"): "FAIL",
        # the managed database: no SSH / RDP port (NOT_APPLICABLE, not listed)
        ("GDCC-GRAPH-002", "web"): "PASS",
        ("GDCC-GRAPH-002", "legacy"): "PASS",
        ("GDCC-GRAPH-004", "citizens"): "PASS",
        ("GDCC-GRAPH-005", "citizens"): "FAIL",
        ("GDCC-GRAPH-008", "main"): "PASS",  # its flow log is in logging.tf of the same root
        ("GDCC-GRAPH-008", "web"): "PASS",
        ("GDCC-GRAPH-008", "legacy"): "FAIL",  # none anywhere in the root: a FAIL, not UNKNOWN
        ("GDCC-GRAPH-012", "citizens"): "PASS",
    }
    assert _path(result, "GDCC-GRAPH-001", "citizens") == (
        "internet → web:443 → citizens:5432"
    )
    assert _path(result, "GDCC-GRAPH-001", "scans") == "internet → id-card-scans:443"
    managed = next(
        f for f in result.findings
        if f.rule_id == "GDCC-GRAPH-002" and f.resource_id.endswith("citizens")
    )
    assert managed.status == "NOT_APPLICABLE"
    assert managed.message.en == (
        "a managed database service has no operating-system management port (SSH, RDP): only "
        "its engine port listens, judged by GDCC-GRAPH-001 and GDCC-GRAPH-005"
    )
    legacy = next(
        f for f in result.findings
        if f.rule_id == "GDCC-GRAPH-008" and f.resource_id.endswith("aws_vpc.legacy")
    )
    assert legacy.evidence == {"scope": "complete"}
    assert "whole configuration was scanned" in legacy.message.en


def test_a_group_of_another_tier_passes_segmentation_naming_its_internet_facing_member() -> None:
    """GDCC-GRAPH-004 PASSes a database admitting the web servers' group (a boundary; the
    path to its port is GDCC-GRAPH-005's FAIL), and its message says so: a bare PASS "the
    data tier is segmented from the web tier" read as if no web server reached it."""
    result = _scan("terraform", "exposed")
    finding = next(
        f for f in result.findings
        if f.rule_id == "GDCC-GRAPH-004" and f.resource_id.endswith("citizens")
    )
    assert finding.status == "PASS"
    assert finding.message.en == (
        "the data tier admits members of security group web, which holds internet-facing "
        "web (a lateral path GDCC-GRAPH-005 judges)"
    )
    assert finding.message.th == (
        "ชั้นข้อมูลยอมรับการเชื่อมต่อจาก สมาชิกของ security group web ซึ่งมี web "
        "ที่เข้าถึงได้จากอินเทอร์เน็ต (เส้นทางเคลื่อนที่ด้านข้างซึ่ง GDCC-GRAPH-005 ตรวจ)"
    )


def test_terraform_segmented_twin_passes() -> None:
    assert set(_verdicts(_scan("terraform", "segmented")).values()) == {"PASS"}


def test_terraform_remote_module_makes_a_missing_flow_log_unknown_naming_it() -> None:
    result = _scan("terraform", "partial")
    verdicts = _verdicts(result)
    assert verdicts[("GDCC-GRAPH-008", "main")] == "UNKNOWN"
    vpc = next(f for f in result.findings if f.resource_id.endswith("aws_vpc.main"))
    assert vpc.evidence["scope"] == "partial"
    assert vpc.evidence["not_scanned"] == [
        "module.logging (git::https://git.example.go.th/platform/terraform-flow-logs.git?ref=v2)"
        ": remote source: not downloaded"
    ]
    # the English reason is unchanged; the Thai message says it in Thai (models/reason_words)
    assert vpc.message.en == (
        "no flow log records this internet-facing network in the scanned input, but part of "
        "it was not available: module.logging "
        "(git::https://git.example.go.th/platform/terraform-flow-logs.git?ref=v2): "
        "remote source: not downloaded"
    )
    assert vpc.message.th == (
        "ไม่มี flow log บันทึกข้อมูลจราจรของเครือข่ายที่เปิดสู่อินเทอร์เน็ตนี้ในข้อมูลที่ตรวจ "
        "แต่บางส่วนของการตั้งค่าไม่ได้ถูกตรวจ: module.logging "
        "(git::https://git.example.go.th/platform/terraform-flow-logs.git?ref=v2): "
        "โมดูลจากแหล่งภายนอกไม่ได้ดาวน์โหลดมา"
    )


# -- CloudFormation, Heat, Kubernetes ---------------------------------------------------------


@pytest.mark.parametrize(
    ("parts", "expected", "paths"),
    [
        (
            ("cloudformation", "exposed.yaml"),
            {
                ("GDCC-GRAPH-001", "Citizens"): "FAIL",
                ("GDCC-GRAPH-001", "Scans"): "FAIL",
                # Citizens, the managed database: GDCC-GRAPH-002 NOT_APPLICABLE (no SSH / RDP port)
                ("GDCC-GRAPH-002", "Web"): "PASS",
                ("GDCC-GRAPH-004", "Citizens"): "PASS",
                ("GDCC-GRAPH-005", "Citizens"): "FAIL",
                ("GDCC-GRAPH-008", "Vpc"): "FAIL",
                ("GDCC-GRAPH-008", "WebSubnet"): "FAIL",
                ("GDCC-GRAPH-012", "Citizens"): "PASS",
            },
            {("GDCC-GRAPH-001", "Citizens"): "internet → Web:443 → Citizens:5432"},
        ),
        (
            ("heat", "exposed.yaml"),
            {
                ("GDCC-GRAPH-001", "db"): "FAIL",
                ("GDCC-GRAPH-002", "db"): "PASS",
                ("GDCC-GRAPH-002", "web"): "PASS",
                ("GDCC-GRAPH-005", "db"): "FAIL",
                ("GDCC-GRAPH-008", "net"): "UNKNOWN",  # no flow-log resource in Heat
            },
            {("GDCC-GRAPH-001", "db"): "internet → web:443 → db:5432"},
        ),
        (
            ("kubernetes", "exposed.yaml"),
            {
                ("GDCC-GRAPH-001", "db"): "FAIL",
                ("GDCC-GRAPH-002", "db"): "PASS",
                ("GDCC-GRAPH-002", "web"): "PASS",
                ("GDCC-GRAPH-003", "portal"): "FAIL",
                ("GDCC-GRAPH-004", "db"): "FAIL",
                ("GDCC-GRAPH-005", "db"): "FAIL",
                ("GDCC-GRAPH-010", "db"): "FAIL",
            },
            {
                ("GDCC-GRAPH-001", "db"): "internet → citizen/Ingress/portal:80,443 → "
                "citizen/Service/web:80 → citizen/Deployment/web:8080 → "
                "citizen/StatefulSet/db:5432",
            },
        ),
    ],
    ids=["cloudformation", "heat", "kubernetes"],
)
def test_exposed_chain_fails_with_its_path(
    parts: tuple[str, ...],
    expected: dict[tuple[str, str], str],
    paths: dict[tuple[str, str], str],
) -> None:
    result = _scan(*parts)
    assert _verdicts(result) == expected
    for (rule, name), text in paths.items():
        assert _path(result, rule, name) == text


@pytest.mark.parametrize("fmt", ["cloudformation", "heat", "kubernetes"])
def test_segmented_twin_has_no_failing_path(fmt: str) -> None:
    verdicts = _verdicts(_scan(fmt, "segmented.yaml"))
    failing = {k: v for k, v in verdicts.items() if v == "FAIL"}
    assert failing == {}
    for rule in ("GDCC-GRAPH-001", "GDCC-GRAPH-005"):
        assert {v for (r, _), v in verdicts.items() if r == rule} == {"PASS"}


def test_the_path_is_in_every_output_format() -> None:
    import io
    import re

    from gdcc_audit.plugins import collect_reporters, make_plugin_manager
    from gdcc_audit.report.interface import ReportOptions

    result = _scan("terraform", "exposed")
    reporters = collect_reporters(make_plugin_manager())
    seen = {}
    for fmt in ("console", "json", "sarif", "junit", "csv", "html", "oscal"):
        stream = io.StringIO()
        reporters[fmt].render(result, stream, ReportOptions(lang="en", color=False))
        text = re.sub(r"[\s│]+", " ", stream.getvalue())  # console wraps inside table cells
        seen[fmt] = "internet → web:443 → citizens:5432" in text
    assert seen == dict.fromkeys(seen, True)


def test_sarif_carries_the_path_as_a_code_flow_with_each_hops_file() -> None:
    from gdcc_audit.report.sarif import to_sarif

    result = _scan("terraform", "exposed")
    sarif = to_sarif(result)
    (citizens,) = [
        r for r in sarif["runs"][0]["results"]
        if r["ruleId"] == "GDCC-GRAPH-001" and r["properties"]["resourceId"].endswith("citizens")
    ]
    hops = citizens["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [h["location"]["message"]["text"] for h in hops] == [
        "internet", "web:443 (subnet assigns public IPs)", "citizens:5432 (db allows web)"
    ]
    lines = [hop["location"]["physicalLocation"]["region"]["startLine"] for hop in hops[1:]]
    assert lines == [31, 37]  # aws_instance.web, aws_db_instance.citizens in network.tf
    assert "physicalLocation" not in hops[0]["location"]  # the internet has no file


def test_flow_log_rule_log_005_agrees_with_graph_008_on_scanned_scope() -> None:
    """GDCC-LOG-005 uses graph.companions: a VPC without a flow log in a whole Terraform root
    fails, one whose root has a module that was not available stays UNKNOWN naming it."""
    settings = Settings(rule_ids=("GDCC-LOG-005", "GDCC-GRAPH-008"), now=NOW)
    exposed = audit([FIXTURES / "terraform" / "exposed"], settings)
    verdicts = {
        (f.rule_id, f.resource_id.rsplit(".", 1)[-1]): f.status.value for f in exposed.findings
    }
    assert verdicts[("GDCC-LOG-005", "main")] == "PASS"  # flow log in logging.tf
    assert verdicts[("GDCC-LOG-005", "legacy")] == "FAIL"
    assert verdicts[("GDCC-GRAPH-008", "legacy")] == "FAIL"
    legacy = next(f for f in exposed.findings
                  if f.rule_id == "GDCC-LOG-005" and f.resource_id.endswith("aws_vpc.legacy"))
    assert legacy.evidence == {"scope": "complete"}
    partial = audit([FIXTURES / "terraform" / "partial"], settings)
    vpc = next(f for f in partial.findings
               if f.rule_id == "GDCC-LOG-005" and f.resource_id.endswith("aws_vpc.main"))
    assert vpc.status.value == "UNKNOWN"
    assert vpc.evidence["not_scanned"] == [
        "module.logging (git::https://git.example.go.th/platform/terraform-flow-logs.git?ref=v2)"
        ": remote source: not downloaded"
    ]


def test_a_pod_that_declares_no_port_is_reached_uncertainly(tmp_path: Path) -> None:
    """Declared container ports are informational: a pod that declares none may listen on any
    port, but which it does is not known. A client Job reached laterally was a certain
    GDCC-GRAPH-002 FAIL "management ports reachable"; it is UNKNOWN. A database image that
    declares no port is taken to listen on its documented port, surely."""
    (tmp_path / "app.yaml").write_text(
        """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "shop/web:1.0", ports: [{containerPort: 8080}]}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: report, namespace: shop}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: report, image: "shop/report:1.0"}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: db, namespace: shop}
spec:
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "docker.io/library/postgres:16"}]
""",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-GRAPH-005")))
    found = {(f.rule_id, f.address): f for f in result.findings}
    job = found[("GDCC-GRAPH-002", "Job/shop/report")]
    assert job.status == Status.UNKNOWN  # was FAIL
    assert [h["via"] for h in job.evidence["path_hops"]][-1] == (
        "no NetworkPolicy selects it; its containers declare no port"
    )
    db = found[("GDCC-GRAPH-005", "Deployment/shop/db")]
    assert db.status == Status.FAIL
    assert db.evidence["path"] == (
        "internet → shop/Service/web:80 → shop/Deployment/web:8080 → shop/Deployment/db:5432"
    )
