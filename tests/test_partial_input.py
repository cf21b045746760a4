"""A file with one broken block is assessed in part: its good blocks are judged, the error shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TF = """resource "aws_security_group" "open" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_s3_bucket" "broken" {
  bucket = "x" "y" ((
}
"""


def test_partially_parsed_file_is_partially_assessed(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    result = audit([tmp_path], Settings())
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.column) == (11, 3)
    assert item.error is not None
    assert "aws_s3_bucket broken" in item.error
    assert result.not_assessed == [item]
    failing = {(f.rule_id, f.resource_name) for f in result.findings if f.status == "FAIL"}
    assert ("GDCC-NET-001", "open") in failing


def test_cli_exit_2_for_partial_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "main.tf").write_text(TF)
    assert run(["scan", str(tmp_path), "--no-color", "-q"]) == 2
    captured = capsys.readouterr()
    assert f"{tmp_path / 'main.tf'}:11:3: partially parsed" in captured.err
    assert "1 partially assessed" in captured.out
