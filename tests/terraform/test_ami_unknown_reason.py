"""GDCC-CMP-003 on an ``aws_ami`` whose encryption the configuration does not show.

A block device restored from a snapshot, with no ``encrypted`` written, is encrypted as the
snapshot is (EBS user guide, ebs-encryption): UNKNOWN, rightly, but the finding said only
"whether encryption at rest is on is not known from the input" (checkov's fixture aws_ami.pass). It
now names the device and the snapshot; a device whose ``encrypted`` is an input is named as such.
Written values still decide: every device encrypted PASSes, one written false FAILs.
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

IMAGES = """\
variable "encrypt_data" {
  type = bool
}

resource "aws_ami" "restored" {
  name                = "restored"
  virtualization_type = "hvm"
  root_device_name    = "/dev/sda1"
  ebs_block_device {
    device_name = "/dev/sda1"
    snapshot_id = "snap-0a1b2c3d"
  }
  ebs_block_device {
    device_name = "/dev/sdb"
    volume_size = 20
    encrypted   = true
  }
}

resource "aws_ami" "from_input" {
  name                = "from-input"
  virtualization_type = "hvm"
  root_device_name    = "/dev/sda1"
  ebs_block_device {
    device_name = "/dev/sda1"
    volume_size = 10
    encrypted   = var.encrypt_data
  }
}

resource "aws_ami" "sealed" {
  name                = "sealed"
  virtualization_type = "hvm"
  root_device_name    = "/dev/sda1"
  ebs_block_device {
    device_name = "/dev/sda1"
    snapshot_id = "snap-0a1b2c3d"
    encrypted   = true
  }
}

resource "aws_ami" "open" {
  name                = "open"
  virtualization_type = "hvm"
  root_device_name    = "/dev/sda1"
  ebs_block_device {
    device_name = "/dev/sda1"
    snapshot_id = "snap-0a1b2c3d"
  }
  ebs_block_device {
    device_name = "/dev/sdb"
    volume_size = 20
    encrypted   = false
  }
}
"""


def test_an_image_restored_from_a_snapshot_names_why_it_is_unknown(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(IMAGES, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",), cache=False))
    found = {f.address: f for f in result.findings}
    restored = found["aws_ami.restored"]
    assert restored.status == Status.UNKNOWN
    assert restored.message is not None
    assert restored.message.en.endswith(
        ": ebs_block_device /dev/sda1 from snapshot snap-0a1b2c3d without encrypted written: a "
        "volume restored from a snapshot is encrypted as the snapshot is, which the input does "
        "not show"
    )
    assert "snap-0a1b2c3d" in restored.message.th
    assert "unknown_because" in restored.evidence
    from_input = found["aws_ami.from_input"]
    assert from_input.status == Status.UNKNOWN
    assert from_input.message is not None
    assert from_input.message.en.endswith(
        ": encrypted of ebs_block_device /dev/sda1 is not known from the input"
    )
    assert found["aws_ami.sealed"].status == Status.PASS
    assert found["aws_ami.open"].status == Status.FAIL
