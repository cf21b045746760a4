"""``encrypted = True`` (Python's spelling): Terraform refuses it, the intent is not in doubt.
The value is read as the boolean and the file is partially assessed with the line."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

from .helpers import load, resources

MAIN = """\
resource "aws_ebs_volume" "on" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = True
}

resource "aws_ebs_volume" "off" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = False
}

resource "aws_launch_template" "nested" {
  block_device_mappings {
    ebs {
      encrypted = FALSE
    }
  }
}
"""


def test_capitalised_booleans(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    verdicts = {f.address: f.status for f in result.findings}
    assert verdicts["aws_ebs_volume.on"] == Status.PASS
    assert verdicts["aws_ebs_volume.off"] == Status.FAIL
    [tf] = [i for i in result.inputs if i.path.endswith("main.tf")]
    assert tf.status == InputStatus.PARTIALLY_ASSESSED
    said = [tf.error or "", *tf.additional_errors]
    assert tf.line == 4
    assert "encrypted = True: Terraform refuses `True`" in said[0]
    assert any("line 10" in e and "read as false" in e for e in said[1:])
    assert any("line 16" in e and "`FALSE`" in e for e in said[1:])


def test_a_capitalised_boolean_leaves_the_resource_name_alone(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    documents, _ = load(tmp_path)
    found = resources(documents)
    assert found["aws_ebs_volume.on"].name == "on"
    assert found["aws_ebs_volume.off"].name == "off"
