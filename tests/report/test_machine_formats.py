"""SARIF, JUnit XML, CSV, OSCAL and JSON: schema validity and exact content."""

from __future__ import annotations

import copy
import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError
from report_factory import RULES, SCANNED_AT, build, finding

from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import AuditResult
from gdcc_audit.plugins import collect_reporters, make_plugin_manager
from gdcc_audit.report.csv import COLUMNS, CsvReporter, neutralise
from gdcc_audit.report.interface import Reporter, ReportOptions
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.oscal import OscalReporter, control_token
from gdcc_audit.report.sarif import SarifReporter

SARIF_SCHEMA = Path("/work/shared/reference/schemas/sarif-schema-2.1.0.json")
SCHEMA_COPY = Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json"


def text(reporter: Reporter, result: AuditResult, lang: str = "en") -> str:
    stream = io.StringIO()
    reporter.render(result, stream, ReportOptions(lang=lang, color=False))
    return stream.getvalue()


def small() -> AuditResult:
    """Two FAIL findings, one PASS, one NOT_APPLICABLE, one UNKNOWN and one ERROR."""
    net, data = RULES[0], RULES[1]
    findings = (
        finding(data, "db-1", line=4),
        finding(net, "web-sg", line=10, evidence={"port": 22}),
        finding(net, "ok-sg", Status.PASS, line=20, evidence={}),
        finding(net, "na-sg", Status.NOT_APPLICABLE, line=30, evidence={}),
        finding(net, "why-sg", Status.UNKNOWN, line=40, evidence={}),
        finding(data, "crash", Status.ERROR, line=50, evidence={"error": "KeyError"}),
    )
    return build(0).model_copy(update={"findings": findings})


# --- registry ----------------------------------------------------------------------------


def test_every_format_is_registered_with_its_extension() -> None:
    reporters = collect_reporters(make_plugin_manager(entry_points=False))
    extensions = {name: r.extension for name, r in reporters.items()}
    assert extensions == {
        "console": "txt",
        "json": "json",
        "html": "html",
        "pdf": "pdf",
        "sarif": "sarif",
        "junit": "junit.xml",
        "csv": "csv",
        "oscal": "oscal.json",
    }
    assert [n for n, r in reporters.items() if r.binary] == ["pdf"]


# --- SARIF -------------------------------------------------------------------------------


def sarif_schema() -> dict[str, Any]:
    path = SARIF_SCHEMA if SARIF_SCHEMA.is_file() else SCHEMA_COPY
    return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("full", [True, False])
def test_sarif_is_valid_against_the_official_schema(full: bool) -> None:
    log = json.loads(text(SarifReporter(), build(8, injection=True, full=full)))
    jsonschema.validate(log, sarif_schema(), cls=jsonschema.Draft7Validator)


def test_sarif_content() -> None:
    log = json.loads(text(SarifReporter(), small()))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(r.id for r in RULES)
    net = next(r for r in rules if r["id"] == "GDCC-NET-001")
    assert net["defaultConfiguration"] == {"level": "error"}
    assert net["properties"]["security-severity"] == "8.0"
    assert "security" in net["properties"]["tags"]
    assert "Fix for GDCC-NET-001" in net["help"]["text"]
    assert "**Remediation:**" in net["help"]["markdown"]
    results = run["results"]
    # FAIL and ERROR only, in the result's order.
    assert [(r["ruleId"], r["properties"]["status"]) for r in results] == [
        ("GDCC-DATA-002", "FAIL"),
        ("GDCC-NET-001", "FAIL"),
        ("GDCC-DATA-002", "ERROR"),
    ]
    web = results[1]
    assert web["level"] == "error"
    assert web["ruleIndex"] == [r["id"] for r in rules].index("GDCC-NET-001")
    physical = web["locations"][0]["physicalLocation"]
    assert physical == {
        "artifactLocation": {"uri": "iac/his/main.tf", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 10, "endLine": 15},
    }
    assert web["partialFingerprints"] == {"gdccAudit/v1": small().findings[1].fingerprint}
    assert results[2]["message"]["text"].startswith("[ERROR: the rule could not be evaluated]")
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False  # broken.tf was not assessed
    notification = invocation["toolExecutionNotifications"][0]
    assert notification["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 7,
    }


def test_sarif_uses_file_uris_for_absolute_paths() -> None:
    from gdcc_audit.report.common import relative_uri

    assert relative_uri("./a b/main.tf") == ("a%20b/main.tf", True)
    assert relative_uri("/srv/iac/main.tf") == ("file:///srv/iac/main.tf", False)
    assert relative_uri("C:\\iac\\main.tf") == ("file:///C%3A/iac/main.tf", False)


# --- JUnit -------------------------------------------------------------------------------


def test_junit_cases_and_outcomes() -> None:
    root = ET.fromstring(text(JunitReporter(), small()).encode())
    assert root.tag == "testsuites"
    assert {k: root.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "9", "failures": "2", "errors": "2", "skipped": "2",
    }  # fmt: skip
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "GDCC-DATA-002 Databases with personal data are encrypted",
        "GDCC-NET-001 Management ports are not open to the internet",
        "inputs",
    ]
    cases = [
        (c.get("classname"), c.get("name"), c.get("line"), [x.tag for x in c])
        for s in suites[:2]
        for c in s.findall("testcase")
    ]
    prefix = "moph-hp/his/gdcc_network_security_group."
    assert cases == [
        ("gdcc-audit.GDCC-DATA-002", prefix + "db-1", "4", ["failure"]),
        ("gdcc-audit.GDCC-DATA-002", prefix + "crash", "50", ["error"]),
        ("gdcc-audit.GDCC-NET-001", prefix + "web-sg", "10", ["failure"]),
        ("gdcc-audit.GDCC-NET-001", prefix + "ok-sg", "20", []),
        ("gdcc-audit.GDCC-NET-001", prefix + "na-sg", "30", ["skipped"]),
        ("gdcc-audit.GDCC-NET-001", prefix + "why-sg", "40", ["skipped"]),
    ]
    failure = suites[1].find("testcase/failure")
    assert failure is not None
    assert failure.get("type") == "high"
    assert failure.get("message") == "[high] resource web-sg does not meet the rule"
    assert failure.text is not None
    assert "location: iac/his/main.tf:10-15" in failure.text
    assert 'evidence: {"port": 22}' in failure.text
    assert "remediation: Fix for GDCC-NET-001" in failure.text
    inputs = [(c.get("name"), [x.tag for x in c]) for c in suites[2]]
    assert inputs == [
        ("iac/his/main.tf", []),
        ("iac/his/broken.tf", ["error"]),
        ("tenant.yaml", []),
    ]


def test_junit_survives_control_characters_in_names() -> None:
    bad = finding(RULES[0], "evil\x00\x1bname")
    result = build(0).model_copy(update={"findings": (bad,)})
    root = ET.fromstring(text(JunitReporter(), result).encode())
    case = root.find("testsuite/testcase")
    assert case is not None
    assert case.get("name", "").endswith("evil\ufffd\ufffdname")


# --- CSV ---------------------------------------------------------------------------------


def test_csv_exact_rows() -> None:
    raw = text(CsvReporter(), small())
    assert raw.startswith("\ufeffseverity,status,rule_id,")
    assert "\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.removeprefix("\ufeff"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 8
    broken = dict(zip(COLUMNS, rows[7], strict=True))
    assert {k: v for k, v in broken.items() if v} == {
        "status": "NOT_ASSESSED", "file": "iac/his/broken.tf", "start_line": "3",
        "message": "line 3: unexpected '}'",
    }
    web = dict(zip(COLUMNS, rows[2], strict=True))
    assert web == {
        "severity": "high",
        "status": "FAIL",
        "rule_id": "GDCC-NET-001",
        "rule_title": "Management ports are not open to the internet",
        "resource_id": "moph-hp/his/gdcc_network_security_group.web-sg",
        "resource_name": "web-sg",
        "resource_kind": "network.security_group",
        "address": "",
        "provider_type": "gdcc_network_security_group",
        "system": "his",
        "file": "iac/his/main.tf",
        "start_line": "10",
        "end_line": "15",
        "message": "resource web-sg does not meet the rule",
        "remediation": "Fix for GDCC-NET-001: turn on encryption and restrict access.",
        "controls": "ISO27001-2022:A.8.20 NIST-800-53-r5:SC-7",
        "evidence": '{"port": 22}',
        "fingerprint": small().findings[1].fingerprint,
        "waiver_id": "",
        "waiver_approver": "",
        "waiver_expires": "",
        "waiver_reason": "",
        "baseline": "",
        "called_at": "",
        "call_chain": "",
    }
    statuses = [r[1] for r in rows[1:]]
    assert statuses == [
        "FAIL", "FAIL", "PASS", "NOT_APPLICABLE", "UNKNOWN", "ERROR", "NOT_ASSESSED"
    ]


def test_csv_thai() -> None:
    rows = list(csv.reader(io.StringIO(text(CsvReporter(), small(), "th").removeprefix("\ufeff"))))
    assert rows[2][3] == "พอร์ตสำหรับการบริหารจัดการต้องไม่เปิดสู่อินเทอร์เน็ต"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\\r=1"),  # a control character is shown escaped, which makes it inert
        ("\x1b[31m=1", "\\x1b[31m=1"),
        ("web-sg", "web-sg"),
        ("a=b", "a=b"),
    ],
)
def test_csv_formula_injection_is_neutralised(cell: str, expected: str) -> None:
    assert neutralise(cell) == expected


def test_csv_of_hostile_names() -> None:
    bad = finding(RULES[0], '=HYPERLINK("http://evil","x")')
    result = build(0).model_copy(update={"findings": (bad,)})
    rows = list(csv.reader(io.StringIO(text(CsvReporter(), result).removeprefix("\ufeff"))))
    assert rows[1][COLUMNS.index("resource_name")] == '\'=HYPERLINK("http://evil","x")'
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# --- OSCAL -------------------------------------------------------------------------------


def oscal_model() -> Any:
    trestle = pytest.importorskip("trestle.oscal.assessment_results")
    return trestle.Model


@pytest.mark.parametrize("full", [True, False])
def test_oscal_validates_against_the_oscal_models(full: bool) -> None:
    document = json.loads(text(OscalReporter(), build(8, injection=True, full=full)))
    oscal_model().model_validate(document)


def test_oscal_validation_would_catch_a_broken_document() -> None:
    document = json.loads(text(OscalReporter(), build(2)))
    broken = copy.deepcopy(document)
    broken["assessment-results"]["results"][0]["reviewed-controls"]["control-selections"][0][
        "include-controls"
    ][0]["control-id"] = "22.1.4"  # a token may not start with a digit
    with pytest.raises(ValidationError):
        oscal_model().model_validate(broken)
    extra = copy.deepcopy(document)
    extra["assessment-results"]["surprise"] = 1
    with pytest.raises(ValidationError):
        oscal_model().model_validate(extra)


def test_oscal_content() -> None:
    document = json.loads(text(OscalReporter(), build(6)))["assessment-results"]
    assert document["metadata"]["oscal-version"] == "1.1.2"
    iso, ncsc = document["results"]
    assert iso["title"].startswith("ISO/IEC 27001:2022 Annex A (ISO27001-2022 2022)")
    states = {f["target"]["target-id"]: f["target"]["status"]["state"] for f in iso["findings"]}
    assert states == {
        "iso27001-2022_A.8.20": "not-satisfied",  # PARTIAL
        "iso27001-2022_A.8.24": "not-satisfied",
        "iso27001-2022_A.8.15": "satisfied",
        "iso27001-2022_A.5.7": "satisfied",  # ATTESTED
    }  # MANUAL A.5.24 is reviewed but has no verdict
    reviewed = iso["reviewed-controls"]["control-selections"][0]["include-controls"]
    assert "iso27001-2022_A.5.24" in [c["control-id"] for c in reviewed]
    assert [
        c["control-id"]
        for c in ncsc["reviewed-controls"]["control-selections"][0]["include-controls"]
    ] == ["th-ncsc-2564_22.1.4"]  # NOT_APPLICABLE 9.1 is left out
    observations = iso["observations"]
    assert len(observations) == 8  # 6 FAIL + PASS + ERROR; UNKNOWN is not an observation
    assert observations[0]["subjects"][0]["type"] == "resource"


def test_oscal_is_deterministic() -> None:
    assert text(OscalReporter(), build(6)) == text(OscalReporter(), build(6))


@pytest.mark.parametrize(
    ("framework", "control", "token"),
    [
        ("NIST-800-53-r5", "SC-7", "sc-7"),
        ("NIST-800-53-r5", "AC-6(1)", "ac-6.1"),
        ("ISO27001-2022", "A.8.20", "iso27001-2022_A.8.20"),
        ("TH-NCSC-2564", "22.1.4", "th-ncsc-2564_22.1.4"),
        ("TH-X", "ข้อ 5/1", "th-x_____5_1"),
    ],
)
def test_control_tokens(framework: str, control: str, token: str) -> None:
    assert control_token(framework, control) == token


# --- JSON --------------------------------------------------------------------------------


def test_json_round_trips_and_is_stable(sample: AuditResult) -> None:
    from gdcc_audit.report.json import result_to_json

    first = result_to_json(sample)
    again = AuditResult.model_validate_json(first)
    assert result_to_json(again) == first
    assert json.loads(first)["scanned_at"] == SCANNED_AT.isoformat().replace("+00:00", "Z")


def _uuids(node: Any, defined: set[str], references: list[tuple[str, str]]) -> None:
    """The UUIDs ``node`` defines (``uuid``) and refers to (``*-uuid``), recursively."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "uuid":
                defined.add(value)
            elif key.endswith("-uuid"):
                references.append((key, value))
            _uuids(value, defined, references)
    elif isinstance(node, list):
        for item in node:
            _uuids(item, defined, references)


@pytest.mark.parametrize("full", [True, False])
def test_oscal_references_resolve_inside_the_document(full: bool) -> None:
    """Every ``*-uuid`` reference names a UUID of the document, and ``import-ap`` a back-matter
    resource. Each observation's subject-uuid referred to nothing (430 in terragoat's
    document) and import-ap to ``#gdcc-audit-automated-assessment-plan``."""
    document = json.loads(text(OscalReporter(), build(8, injection=True, full=full)))
    defined: set[str] = set()
    references: list[tuple[str, str]] = []
    _uuids(document, defined, references)
    assert references
    assert {key for key, _ in references} >= {"subject-uuid", "observation-uuid"}
    assert [r for r in references if r[1] not in defined] == []
    ar = document["assessment-results"]
    resources = {r["uuid"]: r for r in ar["back-matter"]["resources"]}
    plan = ar["import-ap"]["href"]
    assert plan.startswith("#")
    assert resources[plan[1:]]["title"] == "gdcc-audit automated assessment plan"
    observation = ar["results"][0]["observations"][0]
    subject = observation["subjects"][0]
    assert resources[subject["subject-uuid"]]["title"] == subject["title"]
