"""CloudFormation launch configurations and launch templates are judged on the EBS defaults
as their Terraform counterparts (were UNKNOWN: mapped without facets); a mapping without
``Encrypted`` is the documented default; EC2 serial console access is the account default
in both formats, labelled; the documentation link of a default is not masked in reports."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.cli.app import run
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

EBS_GUIDE = "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html"
ROOT = (
    "the root volume is still encrypted if the AMI's root snapshot is encrypted or EBS "
    "encryption by default is on for the account and Region; neither is in the input"
)
VOLUME = (
    "the volume is still encrypted if EBS encryption by default is on for the account and "
    "Region, which is not in the input"
)
PASSED = "Instance root and data disks are encrypted"
UNKNOWN = "whether encryption at rest is on is not known from the input"

CFN = """\
Parameters:
  Snap: {Type: String}
Resources:
  LcBare:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-0abc, InstanceType: t3.micro}
  LcRoot:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0abc
      InstanceType: t3.micro
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs: {Encrypted: true}
  LcDataFalse:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-0abc
      InstanceType: t3.micro
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs: {Encrypted: true}
        - DeviceName: /dev/sdb
          Ebs: {Encrypted: false}
  LtBare:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData: {ImageId: ami-0abc}
  LtRoot:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0abc
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs: {Encrypted: true}
  # a new data volume without Encrypted: unencrypted by default
  LtNewData:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-0abc
        BlockDeviceMappings:
          - DeviceName: /dev/xvda
            Ebs: {Encrypted: true}
          - DeviceName: /dev/sdb
            Ebs: {VolumeSize: 10}
  # the root mapping without Encrypted: the AMI root snapshot's encryption (was UNKNOWN)
  RootSize:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs: {VolumeSize: 30}
  # a data volume from a snapshot takes the snapshot's encryption: not known
  FromSnapshot:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0abc
      SubnetId: subnet-1
      BlockDeviceMappings:
        - DeviceName: /dev/xvda
          Ebs: {Encrypted: true}
        - DeviceName: /dev/sdb
          Ebs: {SnapshotId: !Ref Snap}
"""


def _label(attribute: str, unless: str = ROOT, doc: str = EBS_GUIDE) -> dict[str, object]:
    return {
        "encrypted_at_rest": {
            "attribute": attribute,
            "value": "default",
            "documentation": doc,
            "unless": unless,
        }
    }


def _fail(attribute: str, unless: str = ROOT) -> str:
    return (
        "encryption at rest is off (provider default: "
        f"'{attribute}' not set; {unless})"
    )


def test_launch_configurations_and_templates_on_the_ebs_default(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-003",)))
    found = {
        f.address or "": (f.status, f.message.en, f.evidence.get("defaults"))
        for f in result.findings
    }
    ebs_doc = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html"
    new_volume = "BlockDeviceMappings.Ebs.Encrypted"
    assert found == {
        "LcBare": (Status.FAIL, _fail("BlockDeviceMappings"), _label("BlockDeviceMappings")),
        "LcRoot": (Status.PASS, PASSED, None),
        "LcDataFalse": (Status.FAIL, "encryption at rest is off", None),
        "LtBare": (
            Status.FAIL,
            _fail("LaunchTemplateData.BlockDeviceMappings"),
            _label("LaunchTemplateData.BlockDeviceMappings"),
        ),
        "LtRoot": (Status.PASS, PASSED, None),
        "LtNewData": (
            Status.FAIL,
            _fail(new_volume, VOLUME),
            _label(new_volume, VOLUME, ebs_doc),
        ),
        "RootSize": (
            Status.FAIL,
            _fail("BlockDeviceMappings (root device)"),
            _label("BlockDeviceMappings (root device)"),
        ),
        "FromSnapshot": (Status.UNKNOWN, UNKNOWN, None),
    }


SERIAL_CFN = """\
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-0abc, SubnetId: subnet-1}
  Config:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties: {ImageId: ami-0abc, InstanceType: t3.micro}
"""

SERIAL_TF = """\
resource "aws_instance" "server" {
  ami           = "ami-0abc"
  instance_type = "t3.micro"
  subnet_id     = "subnet-1"
}
"""

SERIAL_TF_ON = SERIAL_TF + """
resource "aws_ec2_serial_console_access" "on" {
  enabled = true
}
"""

SERIAL_TF_OFF = SERIAL_TF + """
resource "aws_ec2_serial_console_access" "off" {
  enabled = false
}
"""

SERIAL_LABEL = {
    "serial_console": {
        "attribute": "EC2 serial console access (account setting)",
        "value": "default",
        "documentation": "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/"
        "API_DisableSerialConsoleAccess.html",
        "unless": "serial console access is on if the account and Region turned it on "
        "outside the scanned files",
    }
}


def _serial(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, object]]:
    folder = tmp_path / name.replace(".", "_")
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    result = audit([folder], Settings(rule_ids=("GDCC-CMP-004",)))
    return {f.address or "": (f.status, f.evidence.get("defaults")) for f in result.findings}


def test_serial_console_is_the_account_default_in_both_formats(tmp_path: Path) -> None:
    """Was UNKNOWN for CloudFormation (no resource type can turn it on) and an unlabelled
    PASS for Terraform: both PASS on the documented default, saying so."""
    assert _serial(tmp_path, "template.yaml", SERIAL_CFN) == {
        "Server": (Status.PASS, SERIAL_LABEL),
        "Config": (Status.PASS, SERIAL_LABEL),
    }
    assert _serial(tmp_path, "main.tf", SERIAL_TF) == {
        "aws_instance.server": (Status.PASS, SERIAL_LABEL),
    }
    # written in the scan: the user's own setting, no label
    assert _serial(tmp_path, "on.tf", SERIAL_TF_ON) == {
        "aws_instance.server": (Status.FAIL, None),
    }
    assert _serial(tmp_path, "off.tf", SERIAL_TF_OFF) == {
        "aws_instance.server": (Status.PASS, None),
    }


def test_documentation_link_is_not_masked_in_json(tmp_path: Path) -> None:
    """Was "https://docs.aws.amazon.***REDACTED***.html": the path of a CloudFormation page
    (upper and lower case and digits, 24+ characters) looked like a random token."""
    (tmp_path / "template.yaml").write_text(
        "Resources:\n  Vol:\n    Type: AWS::EC2::Volume\n"
        "    Properties: {AvailabilityZone: ap-southeast-7a, Size: 10}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.json"
    run(["scan", str(tmp_path / "template.yaml"), "--rules", "GDCC-ENC-001", "--format",
         "json", "--output", str(out), "-q"])
    data = json.loads(out.read_text(encoding="utf-8"))
    (finding,) = data["findings"]
    assert finding["evidence"]["defaults"]["encrypted_at_rest"]["documentation"] == (
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
        "aws-resource-ec2-volume.html"
    )


S3_CFN = """\
Resources:
  Plain:
    Type: AWS::S3::Bucket
  AllOn:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
        RestrictPublicBuckets: true
  ThreeOn:
    Type: AWS::S3::Bucket
    Properties:
      PublicAccessBlockConfiguration:
        BlockPublicAcls: true
        BlockPublicPolicy: true
        IgnorePublicAcls: true
"""

S3_TF = """\
resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}

resource "aws_s3_bucket" "blocked" {
  bucket = "blocked"
}

resource "aws_s3_bucket_public_access_block" "blocked" {
  bucket                  = aws_s3_bucket.blocked.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
"""

S3_DOC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"


def test_s3_block_public_access_default_in_both_formats(tmp_path: Path) -> None:
    """Was UNKNOWN for CloudFormation and an unlabelled PASS for Terraform: a bucket whose
    input writes no block settings has the four on (new buckets since April 2023), labelled;
    written settings are the user's own (a setting left out is off)."""
    (tmp_path / "template.yaml").write_text(S3_CFN, encoding="utf-8")
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(S3_TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-006",)))
    found = {f.address or "": (f.status, f.evidence.get("defaults")) for f in result.findings}

    def label(attribute: str) -> dict[str, object]:
        return {
            "public_access_block": {"attribute": attribute, "value": "default",
                                    "documentation": S3_DOC}
        }

    assert found == {
        "Plain": (Status.PASS, label("PublicAccessBlockConfiguration")),
        "AllOn": (Status.PASS, None),
        "ThreeOn": (Status.FAIL, None),
        "aws_s3_bucket.plain": (Status.PASS, label("aws_s3_bucket_public_access_block")),
        "aws_s3_bucket.blocked": (Status.PASS, None),
    }
