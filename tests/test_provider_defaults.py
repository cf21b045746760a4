"""An absent attribute takes the provider's documented default, and the finding says so."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.normalize.defaults import DEFAULTS, apply_defaults
from gdcc_audit.settings import Settings

TF = """\
resource "aws_ebs_volume" "absent" {
  availability_zone = "ap-southeast-7a"
  size              = 10
}

resource "aws_ebs_volume" "written" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = false
}

variable "enc" {}

resource "aws_ebs_volume" "unknown" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = var.enc
}

resource "aws_ebs_volume" "on" {
  availability_zone = "ap-southeast-7a"
  size              = 10
  encrypted         = true
}
"""

CFN = """\
Resources:
  Absent:
    Type: AWS::EC2::Volume
    Properties: {AvailabilityZone: ap-southeast-7a, Size: 10}
  Written:
    Type: AWS::EC2::Volume
    Properties: {AvailabilityZone: ap-southeast-7a, Size: 10, Encrypted: false}
  Enc:
    Type: AWS::EC2::Volume
    Properties: {AvailabilityZone: ap-southeast-7a, Size: 10, Encrypted: true}
"""


def _findings(tmp_path: Path) -> dict[str, tuple[Status, str, object]]:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "volumes.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    return {
        f.resource_name: (f.status, f.message.en, f.evidence.get("defaults"))
        for f in result.findings
    }


def test_absent_encryption_fails_with_default(tmp_path: Path) -> None:
    found = _findings(tmp_path)
    tf_doc = "https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/ebs_volume"
    cfn_doc = (
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
        "aws-resource-ec2-volume.html"
    )
    assert found["absent"] == (
        Status.FAIL,
        "encryption at rest is off (provider default: 'encrypted' not set)",
        {"encrypted_at_rest": {"attribute": "encrypted", "value": "default",
                               "documentation": tf_doc}},
    )
    assert found["Absent"] == (
        Status.FAIL,
        "encryption at rest is off (provider default: 'Encrypted' not set)",
        {"encrypted_at_rest": {"attribute": "Encrypted", "value": "default",
                               "documentation": cfn_doc}},
    )
    # written explicitly: a plain FAIL, no "default"
    assert found["written"] == (
        Status.FAIL, "encryption at rest is off", None)
    assert found["Written"] == (
        Status.FAIL, "encryption at rest is off", None)
    # a value only known at apply time stays UNKNOWN: it is written, just not known
    assert found["unknown"][0] == Status.UNKNOWN
    assert found["on"][0] == found["Enc"][0] == Status.PASS


def test_defaults_table_cites_a_page_for_every_entry() -> None:
    for provider_type, entries in DEFAULTS.items():
        for entry in entries:
            assert entry.doc.startswith("https://"), provider_type


def test_a_value_the_mapper_changed_is_not_labelled_default() -> None:
    facets: dict[str, object] = {"encrypted_at_rest": True}  # account default encryption
    assert apply_defaults("aws_ebs_volume", {}, facets) == {}
    assert facets == {"encrypted_at_rest": True}
    facets = {"key_rotation": None}  # asymmetric key: rotation does not apply
    assert apply_defaults("aws_kms_key", {}, facets) == {}
    assert facets == {"key_rotation": None}


INSTANCES_TF = """\
resource "aws_instance" "nowhere" {
  ami           = "ami-12345678"
  instance_type = "t3.small"
}

resource "aws_instance" "private" {
  ami                         = "ami-12345678"
  instance_type               = "t3.small"
  associate_public_ip_address = false
}

variable "subnet" {}

resource "aws_instance" "somewhere" {
  ami           = "ami-12345678"
  instance_type = "t3.small"
  subnet_id     = var.subnet
}

resource "aws_instance" "templated" {
  ami           = "ami-12345678"
  instance_type = "t3.small"
  launch_template {
    id = "lt-0123"
  }
}
"""

INSTANCES_CFN = """\
Parameters:
  Subnet: {Type: "AWS::EC2::Subnet::Id"}
Resources:
  Nowhere:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, InstanceType: t3.small}
  Somewhere:
    Type: AWS::EC2::Instance
    Properties: {ImageId: ami-12345678, InstanceType: t3.small, SubnetId: !Ref Subnet}
"""


def test_an_instance_given_no_subnet_gets_a_public_ip_by_default(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(INSTANCES_TF, encoding="utf-8")
    (tmp_path / "instances.yaml").write_text(INSTANCES_CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    found = {f.resource_name: f for f in result.findings}
    doc = "https://docs.aws.amazon.com/vpc/latest/userguide/default-vpc.html"
    assert found["nowhere"].status == Status.FAIL
    assert found["nowhere"].evidence["defaults"] == {
        "public_endpoint": {
            "attribute": "associate_public_ip_address", "value": "default", "documentation": doc
        }
    }
    assert found["Nowhere"].status == Status.FAIL
    assert found["Nowhere"].evidence["defaults"]["public_endpoint"]["attribute"] == (
        "NetworkInterfaces"
    )
    assert found["private"].status == Status.PASS
    # a subnet not known from the input, or a launch template, decides: not known here
    assert found["somewhere"].status == found["templated"].status == Status.UNKNOWN
    assert found["Somewhere"].status == Status.UNKNOWN


def test_every_provider_default_is_a_plain_scalar_facet() -> None:
    """The Terraform mapper reads the defaulted facets' values directly (no model_dump): that
    gives the same values only for plain scalar facets (bool, int, float, str)."""
    from gdcc_audit.models import Facets
    from gdcc_audit.normalize.defaults import DEFAULTS

    scalars = {bool | None, int | None, float | None, str | None}
    for provider_type, items in DEFAULTS.items():
        for item in items:
            annotation = Facets.model_fields[item.facet].annotation
            assert annotation in scalars, (provider_type, item.facet, annotation)
            assert isinstance(item.value, bool | int | float | str), (provider_type, item.facet)
