"""GDCC-GRAPH-005 of a store whose port is a value not known (``Port: !Ref DBClusterPort``
from a parent stack), reached on ports not known either: it said "can connect to port 5432
if what is not known allows it", the first usual database port an uncertain path passes,
though nothing says the store listens there. It now says its port is not known."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBClusterPort: {Type: Number}
Resources:
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: !Ref DBClusterPort
          ToPort: !Ref DBClusterPort
          SourceSecurityGroupId: !Ref WebGroup
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      NetworkInterfaces:
        - {DeviceIndex: "0", AssociatePublicIpAddress: true, SubnetId: subnet-1,
           GroupSet: [!Ref WebGroup]}
  Graph:
    Type: AWS::Neptune::DBCluster
    Properties:
      Port: !Ref DBClusterPort
      StorageEncrypted: true
      VpcSecurityGroupIds: [!Ref DbGroup]
"""


def test_a_store_whose_port_is_not_known_is_not_named_on_5432(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(_CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = next(f for f in result.findings if f.address == "Graph")
    # the group admits the web tier on the same port not known, read as every port
    assert (found.status, found.message.en) == (
        Status.FAIL,
        "its port is not known, and a workload reachable from the internet can connect to it "
        "on every port: internet → Web:443 → Graph",
    )


def test_an_uncertain_path_says_the_port_is_not_known(tmp_path: Path) -> None:
    """amazon-neptune-samples' case: the web server's exposure is not known either."""
    text = _CFN.replace("AssociatePublicIpAddress: true", "AssociatePublicIpAddress: !Ref Pub")
    text = text.replace("  DBClusterPort: {Type: Number}\n",
                        "  DBClusterPort: {Type: Number}\n  Pub: {Type: String}\n")
    (tmp_path / "stack.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = next(f for f in result.findings if f.address == "Graph")
    assert found.status is Status.UNKNOWN
    assert found.message.en.startswith(
        "its port is not known and a workload reachable from the internet can connect to it "
        "if what is not known allows it: internet → Web"
    ), found.message.en
