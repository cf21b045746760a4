"""What only another value of a template's parameters creates (``ONLY_WITH``: a resource
whose ``Condition`` is false with the defaults, kept and judged: cond17 / cond18) is no fact
of what the defaults create, in the graph's queries as in ``companions``: a network ACL it
associates does not filter a subnet the defaults deploy into (a wrong PASS), an elastic IP it
adds does not make an instance public for certain (UNKNOWN, naming it; was FAIL), a log group
it creates is no audit-log sink of the system (a wrong PASS)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HELD = "deployed only when condition IsProd holds, which is false with the parameters' defaults"

NETWORK = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Igw:
    Type: AWS::EC2::InternetGateway
  Attach:
    Type: AWS::EC2::VPCGatewayAttachment
    Properties: {VpcId: !Ref Vpc, InternetGatewayId: !Ref Igw}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24, MapPublicIpOnLaunch: PUBLIC}
  PublicRt:
    Type: AWS::EC2::RouteTable
    Properties: {VpcId: !Ref Vpc}
  Route:
    Type: AWS::EC2::Route
    DependsOn: Attach
    Properties: {RouteTableId: !Ref PublicRt, DestinationCidrBlock: 0.0.0.0/0, GatewayId: !Ref Igw}
  Assoc:
    Type: AWS::EC2::SubnetRouteTableAssociation
    Properties: {SubnetId: !Ref Subnet, RouteTableId: !Ref PublicRt}
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Subnet
      SecurityGroupIds: [!Ref Sg]
"""

ACL = NETWORK.replace("PUBLIC", "true") + """\
  Acl:
    Type: AWS::EC2::NetworkAcl
    Condition: IsProd
    Properties: {VpcId: !Ref Vpc}
  AclAssoc:
    Type: AWS::EC2::SubnetNetworkAclAssociation
    Condition: IsProd
    Properties: {SubnetId: !Ref Subnet, NetworkAclId: !Ref Acl}
"""

EIP = NETWORK.replace("PUBLIC", "false") + """\
  Eip:
    Type: AWS::EC2::EIP
    Condition: IsProd
    Properties: {InstanceId: !Ref Instance, Domain: vpc}
"""


def _graph002(tmp_path: Path, text: str) -> tuple[Status, str, list[dict[str, object]]]:
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002",)))
    [found] = [f for f in result.findings if f.address == "Instance"]
    return found.status, found.message.en, found.evidence.get("path_hops", [])


def test_an_acl_only_another_value_associates_does_not_filter_the_subnet(
    tmp_path: Path,
) -> None:
    """The deny-all ACL exists only when IsProd holds; with the defaults the subnet has its
    VPC's default ACL, which allows everything: SSH is open (it PASSed)."""
    status, message, _ = _graph002(tmp_path, ACL)
    assert status == Status.FAIL
    assert message == "management port 22 reachable from the internet: internet → Instance:22"
    # the same ACL created with the defaults cuts the path
    status, _, _ = _graph002(tmp_path, ACL.replace("    Condition: IsProd\n", ""))
    assert status == Status.PASS


def test_an_elastic_ip_only_another_value_creates_is_not_certain(tmp_path: Path) -> None:
    """The instance has a public address only when IsProd holds (was FAIL, certain)."""
    status, message, hops = _graph002(tmp_path, EIP)
    assert status == Status.UNKNOWN
    assert message == ("management port 22 reachable from the internet if what is not "
                       "known allows it: internet → Instance:22")
    assert hops[-1]["certain"] is False
    assert hops[-1]["via"] == f"public IP Eip ({HELD})"
    status, _, _ = _graph002(tmp_path, EIP.replace("    Condition: IsProd\n", ""))
    assert status == Status.FAIL


MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata:
  name: t
agency:
  name_th: หน่วยงานทดสอบ
  name_en: Test Agency
systems:
  - {id: app, name_th: แอป, name_en: App,
     security_category: {confidentiality: medium, integrity: medium, availability: medium}}
"""

SINK = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      Tags: [{Key: "gdcc:system", Value: app}]
  Logs:
    Type: AWS::Logs::LogGroup
    Condition: IsProd
    Properties:
      RetentionInDays: 365
      Tags: [{Key: "gdcc:system", Value: app}]
"""


def test_a_log_group_only_another_value_creates_is_no_audit_sink(tmp_path: Path) -> None:
    (tmp_path / "manifest.yaml").write_text(MANIFEST, encoding="utf-8")
    (tmp_path / "t.yaml").write_text(SINK, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-009",)))
    [found] = result.findings
    assert found.status == Status.FAIL
    assert found.message.en == (
        f"system app has no audit-log sink (Logs is {HELD}); the whole configuration was "
        "scanned")
    (tmp_path / "t.yaml").write_text(SINK.replace("    Condition: IsProd\n", ""),
                                     encoding="utf-8")
    [found] = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-009",))).findings
    assert found.status == Status.PASS


ROUTED = NETWORK.replace("PUBLIC", "true").replace(
    "Env: {Type: String, Default: dev}",
    "Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}",
).replace(
    "  PublicRt:\n    Type: AWS::EC2::RouteTable\n",
    "  PublicRt:\n    Type: AWS::EC2::RouteTable\n    Condition: IsProd\n",
).replace(
    "  Route:\n    Type: AWS::EC2::Route\n",
    "  Route:\n    Type: AWS::EC2::Route\n    Condition: IsProd\n",
).replace(
    "  Assoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n",
    "  Assoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Condition: IsProd\n",
)


def test_a_route_table_only_another_value_associates_routes_uncertainly(
    tmp_path: Path,
) -> None:
    """With the defaults the subnet has its VPC's main route table (only the local route);
    the table routing it to the internet gateway exists only with Env = 'prod' (was a
    certain path: FAIL)."""
    status, _, hops = _graph002(tmp_path, ROUTED)
    assert status == Status.UNKNOWN
    assert hops[-1]["via"] == ("subnet assigns public IPs; PublicRt (deployed only with "
                               "Env = 'prod') may route Subnet to the internet")
    status, _, _ = _graph002(tmp_path, ROUTED.replace("    Condition: IsProd\n", ""))
    assert status == Status.FAIL


ROLE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
  Admin:
    Type: AWS::IAM::Policy
    Condition: IsProd
    Properties:
      PolicyName: admin
      Roles: [!Ref Role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: "*", Resource: "*"}
  Bucket:
    Type: AWS::S3::Bucket
"""


def test_a_policy_only_another_value_attaches_is_named_not_followed(tmp_path: Path) -> None:
    """The administrator policy is attached only when IsProd holds: the role the defaults
    create was FAIL ('a wildcard or administrator permission reaches all 3 aws resources');
    now UNKNOWN naming the policy (no PASS: where IsProd holds it is an administrator). A
    PASS that counts such a policy stays a PASS (it holds without it too)."""
    (tmp_path / "t.yaml").write_text(ROLE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    [found] = [f for f in result.findings if f.address == "Role"]
    assert found.status == Status.UNKNOWN
    assert found.message.en == (
        "a wildcard or administrator permission reaches all 2 aws resources, and 1 that only "
        f"other parameter values create, where the template creates Admin ({HELD}); not with "
        "its parameters' defaults")
    (tmp_path / "t.yaml").write_text(ROLE.replace("    Condition: IsProd\n", ""),
                                     encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    [found] = [f for f in result.findings if f.address == "Role"]
    assert found.status == Status.FAIL


HELD_SUBNET = NETWORK.replace("PUBLIC", "true").replace(
    "  Subnet:\n    Type: AWS::EC2::Subnet\n",
    "  Subnet:\n    Type: AWS::EC2::Subnet\n    Condition: IsProd\n",
).replace(
    "  Instance:\n    Type: AWS::EC2::Instance\n",
    "  Instance:\n    Type: AWS::EC2::Instance\n    Condition: IsProd\n",
).replace(
    "  Assoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n",
    "  Assoc:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Condition: IsProd\n",
)


def test_a_held_association_reads_the_routes_of_a_table_of_the_defaults(
    tmp_path: Path,
) -> None:
    """Subnet, instance and association exist only when IsProd holds (Env has no allowed
    values); the association names the public route table the defaults create. Its routes
    were not known ('the route table Assoc associates is not in the scan': GRAPH-002
    UNKNOWN); the instance is reached for certain where it exists. The VPC the defaults
    create holds that workload only when IsProd holds: GRAPH-008 not FAIL there."""
    (tmp_path / "t.yaml").write_text(HELD_SUBNET, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-GRAPH-008")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    assert found[("GDCC-GRAPH-002", "Instance")] == (
        Status.FAIL, f"management port 22 reachable from the internet: internet → "
        f"Instance:22 ({HELD})")
    assert found[("GDCC-GRAPH-008", "Subnet")][0] == Status.FAIL
    assert found[("GDCC-GRAPH-008", "Vpc")][0] == Status.UNKNOWN


def test_graph008_names_the_workload_only_another_value_creates(tmp_path: Path) -> None:
    """The VPC's GRAPH-008 UNKNOWN above names the workload and its condition (it said "the
    input does not tell for certain its subnet or whether the internet reaches it", which
    is not why)."""
    (tmp_path / "t.yaml").write_text(HELD_SUBNET, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-008",)))
    [vpc] = [f for f in result.findings if f.address == "Vpc"]
    assert (vpc.status, vpc.message.en) == (
        Status.UNKNOWN,
        "an internet-facing workload sits in this network only when the template creates "
        f"Instance ({HELD}), and no flow log records it")
    assert vpc.message.th.startswith(
        "เวิร์กโหลดที่เปิดสู่อินเทอร์เน็ตอยู่ในเครือข่ายนี้เฉพาะเมื่อเทมเพลตสร้าง Instance ")


KEY = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: {AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root"}
            Action: "kms:*"
            Resource: "*"
  Store:
    Type: AWS::S3::Bucket
    Condition: IsProd
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              {SSEAlgorithm: "aws:kms", KMSMasterKeyID: !GetAtt Key.Arn}
      Tags:
        - {Key: "gdcc:personal-data", Value: "true"}
"""


def test_graph007_a_store_only_another_value_creates_is_not_protected_by_the_defaults(
    tmp_path: Path,
) -> None:
    """A key of the defaults, never rotated, that only a personal-data bucket under IsProd
    names: with the defaults it protects no personal data (it was FAIL "the key protecting
    personal data is never rotated: Store"); UNKNOWN, naming the bucket."""
    (tmp_path / "t.yaml").write_text(KEY, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-007",)))
    [key] = result.findings
    assert (key.address, key.status, key.message.en) == (
        "Key", Status.UNKNOWN,
        f"the key is never rotated and protects personal data only where the template "
        f"creates Store ({HELD})")
    assert key.evidence["protects_elsewhere"] == ["Store"]


def test_graph007_a_key_under_its_stores_condition_still_fails(tmp_path: Path) -> None:
    """The key under the same condition as the bucket: created together, FAIL as before."""
    text = KEY.replace("    Type: AWS::KMS::Key\n",
                       "    Type: AWS::KMS::Key\n    Condition: IsProd\n")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-007",)))
    assert [(f.address, f.status) for f in result.findings] == [("Key", Status.FAIL)]


def test_graph006_counts_apart_what_only_another_value_creates(tmp_path: Path) -> None:
    """An administrator role of the defaults: a bucket only IsProd creates is counted apart
    (it was one of "all 4 aws resources", as if the defaults created it)."""
    text = ROLE.replace("    Condition: IsProd\n", "") + (
        "  Held:\n    Type: AWS::S3::Bucket\n    Condition: IsProd\n")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    [found] = [f for f in result.findings if f.address == "Role"]
    assert (found.status, found.message.en) == (
        Status.FAIL, "a wildcard or administrator permission reaches all 3 aws resources, and "
        "1 that only other parameter values create")
    assert found.message.th.endswith(
        "ทรัพยากร aws ทั้งหมด 3 รายการ และอีก 1 รายการที่สร้างขึ้นเฉพาะเมื่อใช้ค่าพารามิเตอร์อื่นที่ไม่ใช่ค่าเริ่มต้น")
    assert found.evidence["reaches_resources"] == 4


LOGS = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  Subnet:
    Type: AWS::EC2::Subnet
    Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}
  LogBucket:
    Type: AWS::S3::Bucket
  FlowLog:
    Type: AWS::EC2::FlowLog
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: !GetAtt LogBucket.Arn
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}
  Wipe:
    Type: AWS::IAM::Policy
    Condition: IsProd
    Properties:
      PolicyName: wipe
      Roles: [!Ref Role]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Action: "s3:DeleteObject", Resource: !Sub "${LogBucket.Arn}/*"}
  Profile:
    Type: AWS::IAM::InstanceProfile
    Properties: {Roles: [!Ref Role]}
  Instance:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SubnetId: !Ref Subnet
      IamInstanceProfile: !Ref Profile
"""


def test_graph014_a_policy_only_another_value_attaches_is_no_certain_tampering(
    tmp_path: Path,
) -> None:
    """The instance's role may delete the flow-log bucket's objects only through a policy
    under IsProd: FAIL for the defaults was wrong; UNKNOWN, naming the policy. Without the
    condition, FAIL as before."""
    (tmp_path / "t.yaml").write_text(LOGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-014",)))
    [found] = result.findings
    assert (found.address, found.status, found.message.en) == (
        "Instance", Status.UNKNOWN,
        "Instance can alter the logs that record it only where the template creates Wipe "
        f"({HELD}): s3:DeleteObject on LogBucket (written by FlowLog) through role Role, "
        "policy Wipe, statement #1")
    assert found.evidence["only_with"] == "Wipe"
    (tmp_path / "t.yaml").write_text(LOGS.replace("    Condition: IsProd\n", ""),
                                     encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-014",)))
    assert [(f.address, f.status) for f in result.findings] == [("Instance", Status.FAIL)]
