"""An ``AWS::EC2::Instance`` whose ``NetworkInterfaces`` come from a parameter without a
default stopped the mapping of the whole template ("internal error while mapping it ...
an UNKNOWN value has no truth value"): no resource of the file was assessed. The interfaces
are now not known, and decide the public IP themselves (not the subnet)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  Nics: {Type: String}
Resources:
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: vpc-1, CidrBlock: 10.0.1.0/24}
  Inst:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Subnet
      NetworkInterfaces: !Ref Nics
"""


def test_instance_with_interfaces_not_known(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-001",)))
    assert [i.error for i in result.inputs] == [None]
    assert [(f.address, f.status, f.message.en) for f in result.findings] == [
        (
            "Inst",
            Status.UNKNOWN,
            "whether it has a public IP address is not known from the input",
        )
    ]
