"""An EC2 instance's root volume is always there: without ``encrypted`` it is unencrypted by
the provider default, unless the AMI (in the scan) has an encrypted root snapshot or the
account encrypts new volumes by default; the finding names the default and those exceptions."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_instance" "bare" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
}

# only a data disk is written, encrypted: the root volume is not
resource "aws_instance" "data_only" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
  ebs_block_device {
    device_name = "/dev/sdb"
    encrypted   = true
  }
}

resource "aws_ami" "golden" {
  name                = "golden"
  virtualization_type = "hvm"
  root_device_name    = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-1"
    encrypted   = true
  }
}

resource "aws_ami" "plain" {
  name                = "plain"
  virtualization_type = "hvm"
  root_device_name    = "/dev/xvda"
  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-2"
  }
}

resource "aws_ami_copy" "copy" {
  name              = "copy"
  source_ami_id     = "ami-0abc"
  source_ami_region = "ap-southeast-7"
  encrypted         = true
}

resource "aws_instance" "from_golden" {
  ami           = aws_ami.golden.id
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
}

resource "aws_instance" "from_plain" {
  ami           = aws_ami.plain.id
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
}

resource "aws_instance" "from_copy" {
  ami           = aws_ami_copy.copy.id
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
  root_block_device {
    volume_size = 20
  }
}

resource "aws_instance" "explicit_false" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
  root_block_device {
    encrypted = false
  }
}

resource "aws_launch_configuration" "bare" {
  image_id      = "ami-0abc"
  instance_type = "t3.micro"
}
"""

ACCOUNT_DEFAULT = """\
resource "aws_ebs_encryption_by_default" "on" {
  enabled = true
}

resource "aws_instance" "bare" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
}
"""


def _findings(tmp_path: Path, text: str) -> dict[str, tuple[Status, str, object]]:
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",)))
    return {
        f.address or "": (f.status, f.message.en, f.evidence.get("defaults"))
        for f in result.findings
    }


UNLESS = (
    "the root volume is still encrypted if the AMI's root snapshot is encrypted or EBS "
    "encryption by default is on for the account and Region; neither is in the input"
)
LABEL = {
    "encrypted_at_rest": {
        "attribute": "root_block_device.0.encrypted",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html",
        "unless": UNLESS,
    }
}
PASSED = "Instance root and data disks are encrypted"
MESSAGE = (
    "encryption at rest is off (provider default: "
    f"'root_block_device.0.encrypted' not set; {UNLESS})"
)


def test_root_volume_default_and_its_exceptions(tmp_path: Path) -> None:
    found = _findings(tmp_path, TF)
    assert found == {
        # no root_block_device: FAIL on the default, naming what could still encrypt it
        "aws_instance.bare": (Status.FAIL, MESSAGE, LABEL),
        # was PASS: an encrypted data disk said nothing about the root volume
        "aws_instance.data_only": (Status.FAIL, MESSAGE, LABEL),
        # the AMI in the scan has an encrypted root snapshot: the root volume is encrypted
        "aws_instance.from_golden": (Status.PASS, PASSED, None),
        # its root snapshot's encryption is not written: the default stands
        "aws_instance.from_plain": (Status.FAIL, MESSAGE, LABEL),
        # an encrypted copy has encrypted snapshots only
        "aws_instance.from_copy": (Status.PASS, PASSED, None),
        # written false: the user's own value, no default label
        "aws_instance.explicit_false": (
            Status.FAIL,
            "encryption at rest is off",
            None,
        ),
        "aws_launch_configuration.bare": (Status.FAIL, MESSAGE, LABEL),
        "aws_ami.golden": (Status.PASS, PASSED, None),
        # restored from a snapshot with no `encrypted`: the snapshot's encryption, not known
        "aws_ami.plain": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input: ebs_block_device "
            "/dev/xvda from snapshot snap-2 without encrypted written: a volume restored from a "
            "snapshot is encrypted as the snapshot is, which the input does not show",
            None,
        ),
        "aws_ami_copy.copy": (Status.PASS, PASSED, None),
    }


def test_account_default_in_the_scan_passes(tmp_path: Path) -> None:
    assert _findings(tmp_path, ACCOUNT_DEFAULT) == {
        "aws_instance.bare": (Status.PASS, PASSED, None),
    }


CFN = """\
Resources:
  Bare:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-0abc, SubnetId: subnet-1}
  RootEncrypted:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs: {Encrypted: true}
"""


def test_cloudformation_instance_without_mappings_fails_on_the_default(tmp_path: Path) -> None:
    """Was UNKNOWN: with no BlockDeviceMappings the root volume comes from the AMI and no
    encryption is asked for, as an aws_instance without root_block_device."""
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",)))
    found = {
        f.address or "": (f.status, f.message.en, f.evidence.get("defaults"))
        for f in result.findings
    }
    label = {
        "encrypted_at_rest": {**LABEL["encrypted_at_rest"], "attribute": "BlockDeviceMappings"}
    }
    assert found == {
        "Bare": (
            Status.FAIL,
            "encryption at rest is off (provider default: "
            f"'BlockDeviceMappings' not set; {UNLESS})",
            label,
        ),
        "RootEncrypted": (Status.PASS, PASSED, None),
    }


TEMPLATES = """\
resource "aws_launch_template" "bare" {
  image_id      = "ami-0abc"
  instance_type = "t3.micro"
}

resource "aws_ami_copy" "copy" {
  name              = "copy"
  source_ami_id     = "ami-0abc"
  source_ami_region = "ap-southeast-7"
  encrypted         = true
}

resource "aws_launch_template" "from_copy" {
  image_id      = aws_ami_copy.copy.id
  instance_type = "t3.micro"
}

resource "aws_launch_template" "mapped" {
  image_id      = "ami-0abc"
  instance_type = "t3.micro"
  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      encrypted = true
    }
  }
}
"""


def test_launch_template_without_mappings_names_the_default(tmp_path: Path) -> None:
    """A launch template without block_device_mappings gives its instances the AMI's volumes:
    FAIL labelled "provider default" (was a FAIL without it), PASS with an encrypted AMI copy
    in the scan (was FAIL)."""
    found = _findings(tmp_path, TEMPLATES)
    label = {
        "encrypted_at_rest": {**LABEL["encrypted_at_rest"], "attribute": "block_device_mappings"}
    }
    assert found == {
        "aws_launch_template.bare": (
            Status.FAIL,
            "encryption at rest is off (provider default: "
            f"'block_device_mappings' not set; {UNLESS})",
            label,
        ),
        "aws_launch_template.from_copy": (Status.PASS, PASSED, None),
        "aws_launch_template.mapped": (Status.PASS, PASSED, None),
        "aws_ami_copy.copy": (Status.PASS, PASSED, None),
    }


CFN_MAPPINGS = """\
Parameters:
  Device: {Type: String}
Resources:
  DataOnly:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: /dev/sdb
          Ebs: {Encrypted: true}
  DataFalse:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: /dev/sdb
          Ebs: {Encrypted: false}
  RootSda1:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: /dev/sda1
          Ebs: {Encrypted: true}
        - DeviceName: /dev/sdb
          Ebs: {Encrypted: true}
  DeviceFromParameter:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: !Ref Device
          Ebs: {Encrypted: true}
"""


def test_cloudformation_mappings_without_the_root_device(tmp_path: Path) -> None:
    """Was a wrong PASS: mappings that name only a data device (/dev/sdb) leave the root
    volume as the AMI gives it, unencrypted by the EBS default. A device name only known at
    deploy time may be the root one: UNKNOWN."""
    (tmp_path / "template.yaml").write_text(CFN_MAPPINGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",)))
    found = {
        f.address or "": (f.status, f.message.en, f.evidence.get("defaults"))
        for f in result.findings
    }
    attribute = "BlockDeviceMappings (root device)"
    label = {"encrypted_at_rest": {**LABEL["encrypted_at_rest"], "attribute": attribute}}
    assert found == {
        "DataOnly": (
            Status.FAIL,
            "encryption at rest is off (provider default: "
            f"'{attribute}' not set; {UNLESS})",
            label,
        ),
        "DataFalse": (Status.FAIL, "encryption at rest is off", None),
        "RootSda1": (Status.PASS, PASSED, None),
        "DeviceFromParameter": (
            Status.UNKNOWN,
            "whether encryption at rest is on is not known from the input",
            None,
        ),
    }


DATA_ONLY_TEMPLATES = """\
resource "aws_launch_template" "data_only" {
  image_id      = "ami-0abc"
  instance_type = "t3.micro"
  block_device_mappings {
    device_name = "/dev/sdb"
    ebs {
      encrypted = true
    }
  }
}

resource "aws_ami_copy" "copy" {
  name              = "copy"
  source_ami_id     = "ami-0abc"
  source_ami_region = "ap-southeast-7"
  encrypted         = true
}

resource "aws_launch_template" "data_only_encrypted_ami" {
  image_id      = aws_ami_copy.copy.id
  instance_type = "t3.micro"
  block_device_mappings {
    device_name = "/dev/sdb"
    ebs {
      encrypted = true
    }
  }
}
"""


def test_launch_template_mapping_only_data_devices(tmp_path: Path) -> None:
    """Was a wrong PASS: a template whose mappings name only /dev/sdb leaves the root volume
    as the AMI gives it, unencrypted by the EBS default; an encrypted AMI in the scan passes."""
    attribute = "block_device_mappings (root device)"
    label = {"encrypted_at_rest": {**LABEL["encrypted_at_rest"], "attribute": attribute}}
    assert _findings(tmp_path, DATA_ONLY_TEMPLATES) == {
        "aws_launch_template.data_only": (
            Status.FAIL,
            "encryption at rest is off (provider default: "
            f"'{attribute}' not set; {UNLESS})",
            label,
        ),
        "aws_launch_template.data_only_encrypted_ami": (Status.PASS, PASSED, None),
        "aws_ami_copy.copy": (Status.PASS, PASSED, None),
    }
