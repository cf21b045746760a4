"""Evidence naming a control that no catalog has is an input error with its line, not silence."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

MANIFEST = """apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: t}
agency: {name_th: ก, name_en: A}
evidence:
  - type: pentest
    date: 2026-05-01
    document: pentest.pdf
    controls:
      - ISO27001-2022:A.8.8
      - ISO27001-2022:A.8.88
      - not-a-reference
"""


def test_unknown_evidence_control_is_reported_with_line(tmp_path: Path) -> None:
    path = tmp_path / "tenant.yaml"
    path.write_text(MANIFEST)
    result = audit([path], Settings())
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.field, item.line) == ("evidence[0].controls[1]", 11)
    assert item.errors() == [
        "line 11: evidence[0].controls[1]: evidence[0] names control 'ISO27001-2022:A.8.88', "
        "which no loaded catalog has (see 'gdcc-audit frameworks list'); it attests nothing",
        "line 12: evidence[0].controls[2]: evidence[0] names control 'not-a-reference', "
        "which no loaded catalog has (see 'gdcc-audit frameworks list'); it attests nothing",
    ]
    assert [t.id for t in result.tenants] == ["t"]


def test_known_evidence_controls_pass(tmp_path: Path) -> None:
    path = tmp_path / "tenant.yaml"
    path.write_text(MANIFEST.replace("      - ISO27001-2022:A.8.88\n      - not-a-reference\n", ""))
    (item,) = audit([path], Settings()).inputs
    assert item.status == InputStatus.ASSESSED


def test_cli_prints_every_error_of_a_file(tmp_path: Path, capsys: object) -> None:
    import pytest

    from gdcc_audit.cli.app import run

    assert isinstance(capsys, pytest.CaptureFixture)
    path = tmp_path / "tenant.yaml"
    path.write_text(MANIFEST)
    assert run(["scan", str(path), "-q", "--no-color"]) == 2
    err = capsys.readouterr().err
    assert f"{path}:11: evidence[0].controls[1]: evidence[0] names control" in err
    assert f"{path}: line 12: evidence[0].controls[2]: evidence[0] names control" in err
