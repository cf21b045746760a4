"""A CloudFormation parameter constrained by an ``AllowedPattern`` (not ``AllowedValues``)
whose default decides a verdict: the template is also read with the address ranges that open
a rule to everyone when the pattern admits them, as with another allowed value
(quickstart-linux-bastion ``RemoteAccessCIDR``: default ``disabled-onlyssmaccess``, any CIDR
opens port 22 and gives the bastion a public address; the PASS did not say the default
decided it)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RemoteAccessCIDR:
    Type: String
    AllowedPattern: ^disabled-onlyssmaccess$|^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$
    Default: disabled-onlyssmaccess
  AdminCIDR:
    Type: String
    AllowedPattern: ^10\\.[0-9.]+/[0-9]+$
    Default: 10.0.0.0/16
  VpcId: {Type: AWS::EC2::VPC::Id}
Conditions:
  HasRemoteCIDR: !Not [!Equals [!Ref RemoteAccessCIDR, disabled-onlyssmaccess]]
Resources:
  BastionGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      VpcId: !Ref VpcId
      SecurityGroupIngress: !If
        - HasRemoteCIDR
        - - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref RemoteAccessCIDR}
        - !Ref AWS::NoValue
  AdminGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: !Ref VpcId
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCIDR}
"""


def test_a_pattern_admitting_any_address_is_tried(tmp_path: Path) -> None:
    (tmp_path / "bastion.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: f for f in result.findings}
    bastion = found["BastionGroup"]
    assert bastion.status is Status.PASS
    assert bastion.message.en == (
        "Management ports are not open to the internet (decided by the default of the "
        f"parameter RemoteAccessCIDR ('disabled-onlyssmaccess', value set at "
        f"{tmp_path / 'bastion.yaml'}:6); a deployment with RemoteAccessCIDR = '0.0.0.0/0': "
        "FAIL)"
    )
    assert "หากนำไปใช้เมื่อกำหนด RemoteAccessCIDR = '0.0.0.0/0': FAIL" in bastion.message.th
    # a pattern that admits no such range: no other value is tried
    admin = found["AdminGroup"]
    assert (admin.status, admin.message.en) == (
        Status.PASS,
        "Management ports are not open to the internet",
    )


NETWORK = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  VpcCIDR:
    Type: String
    AllowedPattern: ^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$
    Default: 10.192.0.0/16
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: !Ref VpcCIDR}
  PrivateSG:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: private
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref VpcCIDR}
"""


def test_a_network_range_parameter_is_not_tried(tmp_path: Path) -> None:
    """A parameter that is a VPC's CidrBlock cannot be 0.0.0.0/0 (awslabs cfn-endpoint
    templates' VpcCIDR): no such alternative is named."""
    (tmp_path / "vpc.yaml").write_text(NETWORK, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found["PrivateSG"] == (Status.PASS, "Management ports are not open to the internet")
