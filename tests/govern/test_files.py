"""Waiver files: loading through the manifest and --waivers, bad files with line and field."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from gdcc_audit.cli.app import run
from gdcc_audit.models.manifest_schema import waivers_schema, waivers_schema_json
from gdcc_audit.models.result import InputStatus
from gdcc_audit.models.waiver import WaiverState

from .helpers import NOW, SSH, SSH_FP, entry, scan, tenant, waiver_text

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "docs" / "schema" / "waivers-v1.schema.json"


def test_manifest_names_its_waiver_file(tmp_path: Path) -> None:
    (tmp_path / "waivers.yaml").write_text(waiver_text(entry()), encoding="utf-8")
    result = scan([tenant(tmp_path, waivers=["waivers.yaml"])])
    assert [(i.format, i.status) for i in result.inputs] == [
        ("gdcc-tenant", InputStatus.ASSESSED),
        ("gdcc-waivers", InputStatus.ASSESSED),
    ]
    (record,) = result.waivers
    assert (record.id, record.state, record.matched, record.line) == (
        "W1", WaiverState.ACTIVE, (SSH_FP,), 4)
    assert record.file == str(tmp_path / "waivers.yaml")
    assert [f.resource_id for f in result.waived] == [SSH]
    assert result.failures() == []


def test_scanning_the_folder_applies_the_file_once(tmp_path: Path) -> None:
    (tmp_path / "waivers.yaml").write_text(waiver_text(entry()), encoding="utf-8")
    tenant(tmp_path, waivers=["waivers.yaml"])
    result = scan([tmp_path])
    assert sorted(i.format or "" for i in result.inputs) == ["gdcc-tenant", "gdcc-waivers"]
    assert [(w.id, w.matched) for w in result.waivers] == [("W1", (SSH_FP,))]
    assert [(f.rule_id, f.resource_id) for f in result.waived] == [("GDCC-NET-001", SSH)]


def test_an_unnamed_waiver_file_is_recognised_but_not_applied(tmp_path: Path) -> None:
    (tmp_path / "waivers.yaml").write_text(waiver_text(entry()), encoding="utf-8")
    tenant(tmp_path)
    result = scan([tmp_path])
    formats = {Path(i.path).name: (i.format, i.status) for i in result.inputs}
    assert formats["waivers.yaml"] == ("gdcc-waivers", InputStatus.ASSESSED)
    assert result.waivers == ()
    assert result.waived == []
    assert [f.resource_id for f in result.failures()] == [SSH]


def test_cli_waivers_option_and_manifest_file_both_apply(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(waiver_text(entry(wid="A")), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(waiver_text(entry(wid="B", expires="2026-09-30")),
                                     encoding="utf-8")
    result = scan([tenant(tmp_path, waivers=["a.yaml"])], waiver_files=(str(tmp_path / "b.yaml"),))
    assert [(w.id, w.state) for w in result.waivers] == [
        ("B", WaiverState.EXPIRED), ("A", WaiverState.ACTIVE)]
    assert result.waived[0].waiver is not None
    assert result.waived[0].waiver.id == "A"


BAD = [
    (entry(extra="    owner: someone\n"), 11, "waivers[0].owner", "unknown field"),
    (entry().replace("    expires: 2027-03-31\n", ""), 4, "waivers[0].expires",
     "required field is missing"),
    (entry(expires="next year"), 10, "waivers[0].expires", "valid date"),
    (entry().replace("    approver: CISO\n", "    approver: ''\n"), 8, "waivers[0].approver",
     "at least 1 character"),
    (entry(extra="    sha256: " + "a" * 64 + "\n"), 4, "waivers[0]",
     "sha256 given without the document"),
    (entry(expires="2026-01-01"), 4, "waivers[0]", "approved_on is after expires"),
    (entry() + entry(wid="W1", resource="x"), 11, "waivers[1].id", "duplicate waiver id"),
    (entry(extra="    fingerprint: XYZ\n"), 11, "waivers[0].fingerprint", "should match pattern"),
]


@pytest.mark.parametrize(("body", "line", "field", "message"), BAD)
def test_bad_waiver_file_is_an_input_error_with_line_and_field(
    tmp_path: Path, body: str, line: int, field: str, message: str
) -> None:
    (tmp_path / "waivers.yaml").write_text(waiver_text(body), encoding="utf-8")
    result = scan([tenant(tmp_path, waivers=["waivers.yaml"])])
    (bad,) = result.not_assessed
    assert bad.path == str(tmp_path / "waivers.yaml")
    assert (bad.line, bad.field) == (line, field)
    assert message in (bad.error or "")
    assert (bad.error or "").startswith("invalid waiver file: ") or "duplicate" in (bad.error or "")
    # the scan still ran: the failure is reported, and nothing was waived
    assert [f.resource_id for f in result.failures()] == [SSH]


def test_wrong_api_version_and_missing_file(tmp_path: Path) -> None:
    (tmp_path / "w.yaml").write_text(waiver_text(entry()).replace("v1", "v9"), encoding="utf-8")
    result = scan([tenant(tmp_path, waivers=["w.yaml", "missing.yaml"])])
    errors = {Path(i.path).name: (i.line, i.field, i.error) for i in result.not_assessed}
    assert errors["w.yaml"][:2] == (1, "apiVersion")
    assert errors["missing.yaml"] == (None, None, "waiver file not found")


def test_cli_bad_waiver_exits_2_and_names_file_line_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(waiver_text(entry(extra="    owner: x\n")), encoding="utf-8")
    code = run(["scan", str(tenant(tmp_path)), "--waivers", str(path), "-q", "--no-color",
                "--now", NOW.date().isoformat()])
    assert code == 2
    captured = capsys.readouterr()
    assert captured.err == (
        f"gdcc-audit: error: {path}:11: invalid waiver file: line 11: waivers[0].owner: "
        "unknown field\n"
    )
    assert "GDCC-NET-001" in captured.out  # the scan still ran


def test_committed_schema_is_in_sync() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == waivers_schema_json(), (
        "regenerate with: gdcc-audit schema waivers > docs/schema/waivers-v1.schema.json"
    )


def test_cli_prints_the_schema_and_the_example_validates(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["schema", "waivers"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema == waivers_schema()
    example = ROOT / "examples" / "moph-health-platform" / "waivers.yaml"
    data = json.loads(json.dumps(yaml.safe_load(example.read_text(encoding="utf-8")), default=str))
    jsonschema.Draft202012Validator(schema).validate(data)
    bad = {**data, "surprise": 1}
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
