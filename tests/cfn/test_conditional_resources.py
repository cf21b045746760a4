"""A resource whose ``Condition`` is false with the parameters' defaults is one a deployment
of the template may create (another allowed value makes its condition true): it is judged as
that value reads it, and its findings say so (it was dropped: "assessed", no resource, no
finding). Magnum kubecluster.yaml (Heat, ``is_cluster_stack`` boolean defaulting to false)
hides two security groups with SSH open to 0.0.0.0/0 that way."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  MakeSg:
    Type: String
    Default: "false"
    AllowedValues: ["true", "false"]
Conditions:
  Make: !Equals [!Ref MakeSg, "true"]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: Make
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
"""

HEAT = """\
heat_template_version: 2016-10-14
parameters:
  make_sg:
    type: boolean
    default: false
conditions:
  make: {get_param: make_sg}
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    condition: make
    properties:
      rules:
        - {protocol: tcp, port_range_min: 22, port_range_max: 22,
           remote_ip_prefix: 0.0.0.0/0}
"""


def test_a_resource_only_another_allowed_value_creates_is_judged(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("Sg", Status.FAIL)
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) "
        "(deployed only with MakeSg = 'true')"
    )
    assert "MakeSg = 'true'" in finding.message.th


def test_a_heat_boolean_parameter_is_read_with_its_other_value(tmp_path: Path) -> None:
    (tmp_path / "h.yaml").write_text(HEAT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("sg", Status.FAIL)
    assert finding.message.en.endswith("(deployed only with make_sg = 'true')")


def test_a_resource_the_defaults_create_is_unchanged(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_text(CFN.replace('Default: "false"', 'Default: "true"'),
                                     encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert finding.message.en == "port 22 is open to the whole internet (0.0.0.0/0)"


FLOW = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  CreateFlowLogs:
    Type: String
    Default: "false"
    AllowedValues: ["true", "false"]
Conditions:
  Logs: !Equals [!Ref CreateFlowLogs, "true"]
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties: {CidrBlock: 10.0.0.0/16}
  FlowLog:
    Type: AWS::EC2::FlowLog
    Condition: Logs
    Properties:
      ResourceId: !Ref Vpc
      ResourceType: VPC
      TrafficType: ALL
      LogDestinationType: s3
      LogDestination: arn:aws:s3:::logs
"""


def test_what_another_value_alone_creates_is_no_companion(tmp_path: Path) -> None:
    """quickstart-aws-vpc: the flow log exists only with CreateVPCFlowLogsToCloudWatch =
    'true'; the VPC the defaults create has none (GDCC-LOG-005 FAIL, not PASS)."""
    (tmp_path / "t.yaml").write_text(FLOW, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-LOG-005",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {"Vpc": Status.FAIL}
