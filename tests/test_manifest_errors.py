"""Bad manifests: one clear error naming file, line and field; other files still assessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

BAD = Path(__file__).parent / "fixtures" / "manifests" / "bad"
GOOD = Path(__file__).parent / "fixtures" / "manifests" / "minimal.yaml"

CASES = [
    ("wrong-type.yaml", 12, "systems[0].personal_data", "Input should be a valid boolean"),
    ("unknown-field.yaml", 8, "agency.colour", "unknown field"),
    ("missing-field.yaml", 5, "agency.name_en", "required field is missing"),
    ("invalid-yaml.yaml", 5, None, "invalid YAML"),
    ("duplicate-id.yaml", 13, "resources[2].id", "duplicate resource id 'vm-1'"),
    ("not-utf8.yaml", 7, None, "not valid UTF-8"),
    ("wrong-version.yaml", 1, "apiVersion", "unsupported apiVersion 'gdcc-audit/v9'"),
    ("unknown-kind.yaml", 8, "resources[0].kind", "unknown resource kind 'storage.teleporter'"),
]


@pytest.mark.parametrize(("name", "line", "field", "text"), CASES)
def test_bad_manifest_is_reported_with_line_and_field(
    name: str, line: int, field: str | None, text: str, settings: Settings
) -> None:
    result = audit([BAD / name, GOOD], settings)
    by_path = {Path(i.path).name: i for i in result.inputs}
    bad = by_path[name]
    assert bad.status == InputStatus.NOT_ASSESSED
    assert bad.line == line
    assert bad.error is not None
    assert text in bad.error
    assert bad.field == field
    # The good file is still assessed and its failure still found.
    assert by_path["minimal.yaml"].status == InputStatus.ASSESSED
    failing = {(f.rule_id, f.resource_name) for f in result.findings if f.status == "FAIL"}
    assert ("GDCC-NET-001", "web-sg") in failing


def test_cli_reports_bad_file_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["scan", str(BAD / "unknown-field.yaml"), str(GOOD), "--no-color", "-q"])
    captured = capsys.readouterr()
    assert code == 2
    assert f"gdcc-audit: error: {BAD / 'unknown-field.yaml'}:8:" in captured.err
    assert "agency.colour: unknown field" in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert "web-sg" in captured.out  # the other file's finding is still shown


def test_missing_path_is_an_input_error(settings: Settings, tmp_path: Path) -> None:
    result = audit([tmp_path / "nope.yaml", GOOD], settings)
    assert [(Path(i.path).name, i.status, i.error) for i in result.not_assessed] == [
        ("nope.yaml", InputStatus.NOT_ASSESSED, "no such file or folder")
    ]


def test_alias_bomb_is_refused_with_bounded_work(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n")
    result = audit([bomb], Settings(max_yaml_nodes=100_000))
    (item,) = result.inputs
    assert item.status == InputStatus.NOT_ASSESSED
    assert "alias expansion refused" in (item.error or "")


def test_size_cap_refuses_large_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("a: " + "x" * 5000 + "\n")
    result = audit([big], Settings(max_file_bytes=1000))
    (item,) = result.inputs
    assert item.status == InputStatus.NOT_ASSESSED
    assert "over the size cap of 1,000 bytes" in (item.error or "")


def test_symlink_loop_is_refused(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "loop").symlink_to(tmp_path)
    (tmp_path / "sub" / "t.yaml").write_text(GOOD.read_text())
    result = audit([tmp_path], settings)
    errors = {Path(i.path).name: i.error for i in result.not_assessed}
    assert errors["loop"] is not None
    assert "symlink loop" in errors["loop"]
    assert [t.id for t in result.tenants] == ["demo-agency"]


def test_random_yaml_is_not_recognised_not_an_error(tmp_path: Path, settings: Settings) -> None:
    data = tmp_path / "data.yaml"
    data.write_text("fruits: [apple, mango]\n")
    result = audit([data], settings)
    (item,) = result.inputs
    assert item.status == InputStatus.NOT_RECOGNISED
    assert item.error is None
