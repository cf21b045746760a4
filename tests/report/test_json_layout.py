"""Result layout 1.1 (the default JSON) says each resource, message and reference once, and
reads back as exactly the AuditResult that was written; layout 1.0 results still read."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
from pydantic import ValidationError

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.common import Severity
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.result_layout import expanded
from gdcc_audit.report.json import result_to_json
from gdcc_audit.report.redact import redact_result
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "moph-health-platform" / "tenant.yaml"
NOW = "2026-11-23"
#: Written by gdcc-audit before layout 1.1 (scan of EXAMPLE, --framework TH-NCSC-2566,
#: TH-PDPA-2562, --now 2026-11-23): a real 1.0 file, kept as it was.
LEGACY_FILE = ROOT / "tests" / "fixtures" / "results" / "moph-health-v1.0.json"
WAIVED = "a1c7e786be3c3953d326"  # GDCC-DATA-003 on the analytics lake: waived


@cache
def scanned() -> AuditResult:
    return audit([EXAMPLE], Settings(now=f"{NOW}T00:00:00Z"))  # type: ignore[arg-type]


def _read(text: str) -> AuditResult:
    return AuditResult.model_validate_json(text)


@pytest.mark.parametrize("layout", ["1.1", "1.0"])
def test_full_result_round_trips_exactly(layout: str) -> None:
    result = scanned()
    text = result_to_json(result, full_findings=True, full_graph=True, layout=layout)
    back = _read(text)
    assert back == redact_result(result).model_copy(update={"schema_version": layout})
    # the Python objects look the same: every finding field is there, from either layout
    waived = next(f for f in back.findings if f.fingerprint == WAIVED)
    assert waived.waiver is not None
    assert waived.waiver.id == "RA-2569-014"
    assert (waived.resource_name, waived.system) == ("analytics-lake", "disease-analytics")
    assert waived.location is not None
    assert waived.location.file.endswith("tenant.yaml")


def test_default_result_round_trips_exactly() -> None:
    result = scanned()
    back = _read(result_to_json(result))
    legacy = _read(result_to_json(result, layout="1.0"))
    assert back.schema_version == "1.1"
    assert back == legacy.model_copy(update={"schema_version": "1.1"})
    # the graph is the attack-path cut in both; everything else is the grouped result
    expected = redact_result(result).grouped().model_copy(update={"graph": back.graph})
    assert back == expected.model_copy(update={"schema_version": "1.1"})
    assert back.counts() == result.counts()


def test_compact_layout_says_each_thing_once() -> None:
    result = scanned()
    data = json.loads(result_to_json(result))
    assert data["schema_version"] == "1.1"
    finding = next(f for f in data["findings"] if f["fingerprint"] == WAIVED)
    resource = data["resources"][finding["resource"]]
    assert resource["name"] == "analytics-lake"
    # taken from the resource, the rule and the messages table: not repeated
    for key in ("resource_id", "resource_kind", "resource_name", "address", "system", "severity"):
        assert key not in finding, key
    assert "file" not in finding["location"]
    assert "start_line" not in finding["location"]
    assert data["messages"][finding["message"]]["en"].startswith("personal data is stored")
    assert finding["waiver"]["id"] == "RA-2569-014"
    # controls name failing findings by position
    positions = {f["fingerprint"]: i for i, f in enumerate(data["findings"])}
    refs = [r for fw in data["frameworks"] for c in fw["controls"] for r in c["failing"]]
    assert refs
    assert all(isinstance(r, int) for r in refs)
    waived_refs = [r for fw in data["frameworks"] for c in fw["controls"] for r in c["waived"]]
    assert positions[WAIVED] in waived_refs
    # the messages table has each message once
    assert len({json.dumps(m, sort_keys=True) for m in data["messages"]}) == len(data["messages"])


def _odd(result: AuditResult) -> AuditResult:
    """The result with findings whose fields differ from their resource's, or that name a
    resource outside the table, and a control failing list naming an unlisted fingerprint."""
    findings = list(result.findings)
    first, second = findings[0], findings[1]
    findings[0] = first.model_copy(
        update={
            "system": "another-system",
            "address": None,
            "severity": Severity.INFO,
            "location": SourceLocation(file="elsewhere.tf", start_line=None, pointer="/a/b"),
            "corroboration": ("CKV_AWS_20",),
            "evidence_key": "k",
            "baseline": True,
        }
    )
    findings[1] = Finding.model_validate(
        {**second.model_dump(), "resource_id": "nowhere/ghost", "location": None}
    )
    frameworks = list(result.frameworks)
    control = frameworks[0].controls[0]
    odd_control = control.model_copy(update={"failing": ("ffffffffffffffffffff",)})
    frameworks[0] = frameworks[0].model_copy(
        update={"controls": (odd_control, *frameworks[0].controls[1:])}
    )
    return result.model_copy(update={"findings": tuple(findings), "frameworks": tuple(frameworks)})


def test_fields_that_differ_from_the_resource_are_written_and_read_back() -> None:
    odd = _odd(redact_result(scanned()))
    text = result_to_json(odd, full_findings=True, full_graph=True)
    data = json.loads(text)
    first, second = data["findings"][0], data["findings"][1]
    assert first["system"] == "another-system"
    assert first["address"] is None
    assert first["severity"] == "info"
    assert first["location"] == {"file": "elsewhere.tf", "start_line": None, "pointer": "/a/b"}
    assert (first["corroboration"], first["evidence_key"], first["baseline"]) == (
        ["CKV_AWS_20"],
        "k",
        True,
    )
    assert "resource" not in second
    assert second["resource_id"] == "nowhere/ghost"
    assert "location" not in second
    assert data["frameworks"][0]["controls"][0]["failing"] == ["ffffffffffffffffffff"]
    assert _read(text) == odd.model_copy(update={"schema_version": "1.1"})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["findings"][0].update(resource=10**6), "findings[0]: 1000000 is not a"),
        (lambda d: d["findings"][0].update(message=-1), "findings[0].message: -1 is not a"),
        (
            lambda d: d["frameworks"][0]["controls"][0].update(failing=[10**6]),
            "frameworks[0].controls[0].failing: 1000000 is not a position in findings",
        ),
        (lambda d: d.update(messages={}), "messages: a list of messages"),
    ],
)
def test_a_broken_reference_is_a_clear_error(change, message: str) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(result_to_json(scanned()))
    change(data)
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        AuditResult.model_validate(data)


def test_report_names_a_broken_reference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(result_to_json(scanned()))
    data["findings"][3]["resource"] = 99999
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    assert run(["report", str(broken), "--format", "sarif", "-o", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert "not a gdcc-audit JSON result" in err
    assert "findings[3]: 99999" in err


def test_a_layout_1_0_file_still_reads() -> None:
    old = _read(LEGACY_FILE.read_text(encoding="utf-8"))
    assert old.schema_version == "1.0"
    assert len(old.findings) == 25
    assert old.counts()["FAIL"] == 19
    assert next(f for f in old.findings if f.fingerprint == WAIVED).waiver is not None
    # written again as 1.1 and read back: the same result
    again = _read(result_to_json(old, full_findings=True, full_graph=True))
    assert again == old.model_copy(update={"schema_version": "1.1"})
    # and written as 1.0: the file's data, but for the fields added since it was written
    # (``called_at``, ``call_chain``, null for every finding and resource of that file); keys
    # sorted, compact: byte for byte once those are left out
    written = json.loads(result_to_json(old, full_graph=True, layout="1.0"))
    for item in [*written["findings"], *written["resources"]]:
        assert item.pop("called_at") is None
        assert item.pop("call_chain") is None
    # and ``rule_packs``, computed from the rules (one pack, named once)
    assert [pack["name"] for pack in written.pop("rule_packs")] == ["gdcc-core"]
    # and the waivers' ``addresses`` (stop 52), empty in a file written before
    for waiver in written["waivers"]:
        assert waiver.pop("addresses") == []
    text = json.dumps(written, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert text + "\n" == LEGACY_FILE.read_text(encoding="utf-8")


def _sarif(path: Path) -> dict:  # type: ignore[type-arg]
    data: dict = json.loads(path.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    for run_ in data["runs"]:
        run_["properties"].pop("resultSchemaVersion")
    return data


def test_reports_from_a_1_0_file_equal_those_from_its_1_1_form(tmp_path: Path) -> None:
    compact = tmp_path / "compact.json"
    compact.write_text(result_to_json(_read(LEGACY_FILE.read_text("utf-8"))), "utf-8")
    for source in (LEGACY_FILE, compact):
        out = tmp_path / source.stem
        assert (
            run(["report", str(source), "--format", "sarif,html", "--lang", "en", "-o", str(out)])
            == 0
        )
    assert _sarif(tmp_path / "moph-health-v1.0" / "moph-health-v1.0.sarif") == _sarif(
        tmp_path / "compact" / "compact.sarif"
    )
    old_html = (tmp_path / "moph-health-v1.0" / "moph-health-v1.0.html").read_text("utf-8")
    new_html = (tmp_path / "compact" / "compact.html").read_text("utf-8")
    assert old_html.replace("1.0", "1.1") == new_html.replace("1.0", "1.1")


FORMATS = ("sarif", "html", "junit", "csv", "oscal")


def test_every_report_from_a_saved_1_1_result_equals_the_scans(tmp_path: Path) -> None:
    saved = tmp_path / "saved.json"
    scan = ["scan", str(EXAMPLE), "-q", "--now", NOW, "--full-findings", "--full-graph"]
    run([*scan, "--format", "json", "-o", str(saved)])
    assert json.loads(saved.read_text("utf-8"))["schema_version"] == "1.1"
    direct, again = tmp_path / "direct", tmp_path / "again"
    run([*scan, "--format", ",".join(FORMATS), "--lang", "en", "-o", str(direct)])
    assert (
        run(["report", str(saved), "--format", ",".join(FORMATS), "--lang", "en", "-o", str(again)])
        == 0
    )
    for made in sorted(direct.iterdir()):
        other = again / made.name.replace("gdcc-audit", "saved")
        if made.suffix in (".sarif",) or made.name.endswith(".oscal.json"):
            assert json.loads(other.read_text("utf-8")) == json.loads(made.read_text("utf-8")), made
        else:
            assert other.read_text("utf-8") == made.read_text("utf-8"), made.name


def test_json_layout_1_0_on_request(tmp_path: Path) -> None:
    target = tmp_path / "old.json"
    run(["scan", str(EXAMPLE), "-q", "--now", NOW, "--format", "json", "--json-layout", "1.0",
         "-o", str(target)])  # fmt: skip
    data = json.loads(target.read_text("utf-8"))
    assert data["schema_version"] == "1.0"
    assert "messages" not in data
    assert all("resource_name" in f and isinstance(f["message"], dict) for f in data["findings"])
    compact = json.loads(result_to_json(scanned()))
    assert expanded(compact) == {**data, "schema_version": "1.1"}


def test_a_1_1_baseline_works(tmp_path: Path) -> None:
    saved = tmp_path / "baseline.json"
    saved.write_text(result_to_json(scanned()), "utf-8")
    again = audit([EXAMPLE], Settings(now=f"{NOW}T00:00:00Z", baseline=str(saved)))  # type: ignore[arg-type]
    failing = [f for f in again.findings if f.is_failure and f.waiver is None]
    assert failing
    assert all(f.baseline for f in failing)
    assert again.baseline is not None
    assert again.baseline.new == 0
    assert again.baseline.known == len({f.fingerprint for f in scanned().findings if f.is_failure})


def test_report_converts_between_layouts_keeping_everything(tmp_path: Path) -> None:
    full = tmp_path / "full.json"
    run(["scan", str(EXAMPLE), "-q", "--now", NOW, "--format", "json", "--full-findings",
         "-o", str(full)])  # fmt: skip
    old = tmp_path / "old.json"
    assert (
        run(["report", str(full), "--format", "json", "--json-layout", "1.0", "-o", str(old)]) == 0
    )
    data = json.loads(old.read_text("utf-8"))
    assert data["schema_version"] == "1.0"
    assert data["grouped_statuses"] == []  # every PASS finding is still listed
    assert expanded(json.loads(full.read_text("utf-8"))) == {**data, "schema_version": "1.1"}
    back = tmp_path / "back.json"
    assert run(["report", str(old), "--format", "json", "-o", str(back)]) == 0
    assert back.read_text("utf-8") == full.read_text("utf-8")
