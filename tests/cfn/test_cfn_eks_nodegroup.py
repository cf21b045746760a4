"""``AWS::EKS::Nodegroup`` is read as ``aws_eks_node_group`` (it was not mapped): with an SSH
key in ``RemoteAccess`` and no ``SourceSecurityGroups``, EKS opens port 22 (3389 for Windows
nodes) to 0.0.0.0/0, as the CloudFormation reference says: GDCC-NET-001 FAILs. Source groups,
even unknown ones, are never the internet; without ``RemoteAccess`` EKS opens no port."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

BASE = "{ClusterName: prod, NodeRole: arn:aws:iam::111122223333:role/nodes, Subnets: [subnet-1]"
TEMPLATE = f"""\
Parameters:
  Groups:
    Type: List<AWS::EC2::SecurityGroup::Id>
Resources:
  Bastion:
    Type: AWS::EC2::SecurityGroup
    Properties: {{GroupDescription: bastion}}
  OpenSsh:
    Type: AWS::EKS::Nodegroup
    Properties: {BASE}, RemoteAccess: {{Ec2SshKey: ops}}}}
  OpenRdp:
    Type: AWS::EKS::Nodegroup
    Properties: {BASE}, AmiType: WINDOWS_CORE_2022_x86_64, RemoteAccess: {{Ec2SshKey: ops}}}}
  FromBastion:
    Type: AWS::EKS::Nodegroup
    Properties: {BASE}, RemoteAccess: {{Ec2SshKey: ops, SourceSecurityGroups: [!Ref Bastion]}}}}
  FromParameter:
    Type: AWS::EKS::Nodegroup
    Properties: {BASE}, RemoteAccess: {{Ec2SshKey: ops, SourceSecurityGroups: !Ref Groups}}}}
  NoAccess:
    Type: AWS::EKS::Nodegroup
    Properties: {BASE}}}
"""


def test_node_group_remote_access(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-CMP-005")))
    found = {(f.address, f.rule_id): (f.status, f.message.en) for f in result.findings}
    assert found[("OpenSsh", "GDCC-NET-001")] == (
        Status.FAIL, "port 22 is open to the whole internet (0.0.0.0/0)"
    )
    assert found[("OpenRdp", "GDCC-NET-001")] == (
        Status.FAIL, "port 3389 is open to the whole internet (0.0.0.0/0)"
    )
    for closed in ("FromBastion", "FromParameter", "NoAccess"):
        assert found[(closed, "GDCC-NET-001")] == (
            Status.PASS, "Management ports are not open to the internet"
        )
        assert found[(closed, "GDCC-CMP-005")][0] is Status.PASS
