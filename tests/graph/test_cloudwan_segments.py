"""AWS Cloud WAN segments (``graph/cloudwan.py``): a core network joins two VPC attachments only
where its policy puts them in one segment that does not isolate its attachments, shares their
segments, or routes one's segment to the other. Before, every attachment of a core network
joined every other through the core network as one hub: a public server in segment dev
reached SSH on a private server in segment prod (FAIL GDCC-GRAPH-002, now PASS). What the scan
does not tell (the policy, an attachment's tags, a condition on the account, service
insertion) joins them through the hub as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph import cloudwan
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.settings import Settings

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "cloudwan_segments"
FAIL_TEXT = "management port 22 reachable from the internet: internet → web:22 → app:22"
PROD_TAG = '    segment = "prod"\n'
POLICY_END = '''  attachment_policies {
    rule_number     = 100'''
SHARE = '''  segment_actions {
    action     = "share"
    mode       = "attachment-route"
    segment    = "dev"
    share_with = WITH
  }

'''
ISOLATED = '''    name                          = "dev"
    require_attachment_acceptance = false
    isolate_attachments           = true
'''


def _finding(folder: Path) -> Finding:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-002"]))
    return next(f for f in result.findings if f.address == "aws_instance.app")


def _variant(tmp_path: Path, *changes: tuple[str, str], extra: str = "") -> Path:
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    (tmp_path / "main.tf").write_text(text + extra, encoding="utf-8")
    return tmp_path


def test_segments_not_shared_do_not_join() -> None:
    # FAIL on the old code: "internet → web:22 → app:22" through the core network
    found = _finding(BASE / "terraform")
    assert found.status is Status.PASS


@pytest.mark.parametrize(("changes", "status"), [
    # both in dev: one segment joins them
    (((PROD_TAG, '    segment = "dev"\n'),), Status.FAIL),
    # ... unless it isolates its attachments
    (((PROD_TAG, '    segment = "dev"\n'),
      ('    name                          = "dev"\n    require_attachment_acceptance = false\n',
       ISOLATED)), Status.PASS),
    # dev shared with prod, or with every segment
    (((POLICY_END, SHARE.replace("WITH", '["prod"]') + POLICY_END),), Status.FAIL),
    (((POLICY_END, SHARE.replace("WITH", '["*"]') + POLICY_END),), Status.FAIL),
    # shared with every segment but prod
    (((POLICY_END, SHARE.replace("WITH", '["*"]').replace(
        '  }\n', '    share_with_except = ["prod"]\n  }\n') + POLICY_END),), Status.PASS),
    # service insertion is not read: through the hub, as before
    (((POLICY_END, '  segment_actions {\n    action  = "send-via"\n    segment = "dev"\n'
       '    mode    = "single-hop"\n  }\n\n' + POLICY_END),), Status.FAIL),
    # a tag from an input: its segment is not known, as before
    (((PROD_TAG, "    segment = var.segment\n"),), Status.FAIL),
    # an account condition is not read
    (((' type = "tag-exists"\n      key  = "segment"\n',
       ' type     = "account-id"\n      operator = "equals"\n      value    = "111122223333"\n'),),
     Status.FAIL),
], ids=["same-segment", "isolated", "shared", "shared-with-all", "all-but-prod",
        "send-via", "tag-from-input", "account-condition"])
def test_what_the_policy_says(
    tmp_path: Path, changes: tuple[tuple[str, str], ...], status: Status
) -> None:
    folder = _variant(tmp_path, *changes,
                      extra='variable "segment" {\n  type = string\n}\n')
    found = _finding(folder)
    assert found.status is status
    if status is Status.FAIL:
        assert found.message.en == FAIL_TEXT


JSON_POLICY = '''
resource "aws_networkmanager_core_network_policy_attachment" "policy" {
  core_network_id = aws_networkmanager_core_network.core.id
  policy_document = jsonencode({
    version = "2021.12"
    core-network-configuration = {
      asn-ranges     = ["64512-64555"]
      edge-locations = [{ location = "ap-southeast-7" }]
    }
    segments = [{ name = "dev" }, { name = "prod" }]
    attachment-policies = [
      {
        rule-number = 100
        conditions  = [{ type = "tag-value", key = "env", operator = "equals", value = "prod" }]
        action      = { association-method = "constant", segment = "prod" }
      },
      {
        rule-number = 200
        conditions  = [{ type = "any" }]
        action      = { association-method = "constant", segment = "dev" }
      },
    ]
  })
}
'''


def test_a_json_policy_with_constant_segments(tmp_path: Path) -> None:
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    start = text.index('resource "aws_networkmanager_core_network_policy_attachment"')
    end = text.index('resource "aws_networkmanager_vpc_attachment" "dev"')
    folder = _variant(tmp_path, (text[start:end], JSON_POLICY + "\n"),
                      (PROD_TAG, '    env = "prod"\n'))
    # FAIL on the old code
    assert _finding(folder).status is Status.PASS
    # the rules in order: prod's tag first, else dev
    text = (folder / "main.tf").read_text(encoding="utf-8")
    (folder / "main.tf").write_text(text.replace('    env = "prod"\n', '    env = "test"\n'),
                                    encoding="utf-8")
    assert _finding(folder).status is Status.FAIL


TEMPLATE = '''AWSTemplateFormatVersion: "2010-09-09"
Resources:
  VpcDev:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.10.0.0/16}
  VpcProd:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.20.0.0/16}
  SubnetDev:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VpcDev, CidrBlock: 10.10.1.0/24, MapPublicIpOnLaunch: true}
  SubnetProd:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref VpcProd, CidrBlock: 10.20.1.0/24}
  Gateway:
    Type: AWS::EC2::InternetGateway
  GatewayAttachment:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref VpcDev, InternetGatewayId: !Ref Gateway}
  SshDev:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref VpcDev
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
  SshProd:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref VpcProd
      SecurityGroupIngress: [{IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}]
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      NetworkInterfaces:
        - DeviceIndex: "0"
          SubnetId: !Ref SubnetDev
          GroupSet: [!Ref SshDev]
          AssociatePublicIpAddress: true
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-0123456789abcdef0
      InstanceType: t3.micro
      NetworkInterfaces:
        - DeviceIndex: "0"
          SubnetId: !Ref SubnetProd
          GroupSet: [!Ref SshProd]
          AssociatePublicIpAddress: false
  Global:
    Type: AWS::NetworkManager::GlobalNetwork
  Core:
    Type: AWS::NetworkManager::CoreNetwork
    Properties:
      GlobalNetworkId: !Ref Global
      PolicyDocument:
        version: "2021.12"
        core-network-configuration:
          asn-ranges: ["64512-64555"]
          edge-locations: [{location: ap-southeast-7}]
        segments: [{name: dev}, {name: prod}]
        attachment-policies:
          - rule-number: 100
            conditions: [{type: tag-exists, key: segment}]
            action: {association-method: tag, tag-value-of-key: segment}
  AttachDev:
    Type: AWS::NetworkManager::VpcAttachment
    Properties:
      CoreNetworkId: !GetAtt Core.CoreNetworkId
      VpcArn: !GetAtt VpcDev.Arn
      SubnetArns: [!GetAtt SubnetDev.SubnetArn]
      Tags: [{Key: segment, Value: dev}]
  AttachProd:
    Type: AWS::NetworkManager::VpcAttachment
    Properties:
      CoreNetworkId: !GetAtt Core.CoreNetworkId
      VpcArn: !GetAtt VpcProd.Arn
      SubnetArns: [!GetAtt SubnetProd.SubnetArn]
      Tags: [{Key: segment, Value: prod}]
'''


@pytest.mark.parametrize(("prod", "status"), [("prod", Status.PASS), ("dev", Status.FAIL)])
def test_cloudformation_segments(tmp_path: Path, prod: str, status: Status) -> None:
    (tmp_path / "template.yaml").write_text(
        TEMPLATE.replace("{Key: segment, Value: prod}", f"{{Key: segment, Value: {prod}}}"),
        encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-002"]))
    found = next(f for f in result.findings if f.address == "App")
    # FAIL on the old code with prod in its own segment
    assert found.status is status


def test_segment_of_reads_conditions() -> None:
    policy = {"attachment-policies": [
        {"rule-number": 200, "conditions": [{"type": "any"}],
         "action": {"association-method": "constant", "segment": "shared"}},
        {"rule-number": 100, "condition-logic": "and", "conditions": [
            {"type": "tag-value", "key": "env", "operator": "begins-with", "value": "prod"},
            {"type": "attachment-type", "operator": "equals", "value": "vpc"}],
         "action": {"association-method": "constant", "segment": "prod"}},
    ]}
    assert cloudwan.segment_of(policy, {"env": "production"}) == "prod"
    assert cloudwan.segment_of(policy, {"env": "test"}) == "shared"
    assert cloudwan.segment_of(policy, None) is None
