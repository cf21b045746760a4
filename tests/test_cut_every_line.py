"""A valid file cut short at every line: the blocks before the cut are judged, the block cut
in two is named (with the line it starts on) and the file is *partially* assessed, in every
output. Never a verdict on half a block."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult, InputStatus
from gdcc_audit.report.csv import CsvReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.junit import JunitReporter
from gdcc_audit.report.sarif import to_sarif
from gdcc_audit.settings import Settings

TF = """\
resource "aws_security_group" "ssh" {
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  acl    = "public-read"
}

resource "aws_ebs_volume" "data" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = true
}
"""

LINES = TF.splitlines(keepends=True)
#: (first line, last line, labels) of each top-level block.
BLOCKS = [(1, 8, "aws_security_group ssh"), (10, 13, "aws_s3_bucket logs"),
          (15, 19, "aws_ebs_volume data")]
ADDRESSES = {"aws_security_group ssh": "aws_security_group.ssh",
             "aws_s3_bucket logs": "aws_s3_bucket.logs",
             "aws_ebs_volume data": "aws_ebs_volume.data"}


def _scan(tmp_path: Path, cut: int) -> AuditResult:
    folder = tmp_path / f"cut{cut}"
    folder.mkdir()
    (folder / "main.tf").write_text("".join(LINES[:cut]), encoding="utf-8")
    return audit([folder], Settings(rule_ids=("GDCC-NET-001", "GDCC-DATA-001", "GDCC-ENC-001")))


@pytest.mark.parametrize("cut", range(1, len(LINES) + 1))
def test_cut_at_every_line(tmp_path: Path, cut: int) -> None:
    result = _scan(tmp_path, cut)
    (item,) = result.inputs
    complete = {ADDRESSES[labels] for first, last, labels in BLOCKS if last <= cut}
    broken = [(first, labels) for first, last, labels in BLOCKS if first <= cut < last]
    judged = {f.address for f in result.findings}
    assert judged == complete  # nothing judged from a block cut in two
    if not broken:
        assert item.status == InputStatus.ASSESSED
        return
    ((first, labels),) = broken
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error is not None
    assert f"block resource {labels}" in item.error
    assert item.line is not None
    assert item.line >= first
    if item.line != first:
        assert f"(line {first}) skipped" in item.error
    assert result.not_assessed == [item]


def test_partial_file_in_every_machine_output(tmp_path: Path) -> None:
    result = _scan(tmp_path, 12)  # inside the bucket block
    (item,) = result.inputs
    message = "block resource aws_s3_bucket logs (line 10) skipped"
    assert item.error is not None
    assert message in item.error

    sarif = to_sarif(result)
    (notification,) = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert message in notification["message"]["text"]
    # the rest of the file was judged: not "not assessed"
    assert notification["message"]["text"].startswith(f"{item.path}: partially assessed: ")
    assert notification["locations"][0]["physicalLocation"]["region"]["startLine"] == item.line

    stream = io.StringIO()
    JunitReporter().render(result, stream, ReportOptions())
    root = ET.fromstring(stream.getvalue().encode())
    errors = [c.find("error") for c in root.iter("testcase") if c.get("name") == item.path]
    assert errors[0] is not None
    assert errors[0].get("message", "").startswith("partially assessed: ")
    assert message in (errors[0].text or "")

    stream = io.StringIO()
    CsvReporter().render(result, stream, ReportOptions())
    rows = list(csv.DictReader(io.StringIO(stream.getvalue().removeprefix("\ufeff"))))
    (row,) = [r for r in rows if r["status"] == "PARTIALLY_ASSESSED"]
    assert (row["file"], row["start_line"]) == (item.path, str(item.line))
    assert message in row["message"]
