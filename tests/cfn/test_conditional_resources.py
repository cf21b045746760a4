"""A resource whose ``Condition`` is false with the parameters' defaults is one a deployment
of the template may create (another allowed value makes its condition true): it is judged as
that value reads it, and its findings say so (it was dropped: "assessed", no resource, no
finding). One whose condition is false with every value tried but not whatever the
parameters (a parameter with no allowed values) is judged as written, its findings naming
the condition; one false whatever the parameters is not created. Magnum kubecluster.yaml
(Heat, ``is_cluster_stack`` boolean defaulting to false) hides two security groups with SSH
open to 0.0.0.0/0 that way."""

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


FREE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env: {Type: String, Default: dev}
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  Never: !Equals [a, b]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: IsProd
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Dead:
    Type: AWS::EC2::SecurityGroup
    Condition: Never
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
"""


def test_a_condition_false_with_every_value_tried_keeps_the_resource(tmp_path: Path) -> None:
    """``Env`` has no allowed values: no other value is tried, yet a deployment may give it
    ``prod``; the group is judged as written (it was dropped: no finding). A condition false
    whatever the parameters (``Never``) creates nothing."""
    (tmp_path / "t.yaml").write_text(FREE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("Sg", Status.FAIL)
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) (deployed only when condition "
        "IsProd holds, which is false with the parameters' defaults)"
    )
    assert "เงื่อนไข IsProd" in finding.message.th


def test_a_rule_only_a_false_condition_adds_is_not_in_the_group(tmp_path: Path) -> None:
    """An ingress rule whose condition is false with the defaults is not merged into the
    group the defaults create (that group is not open): it is judged on its own."""
    text = FREE.replace("""      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0}
  Dead:""", """      SecurityGroupIngress: []
  Open:
    Type: AWS::EC2::SecurityGroupIngress
    Condition: IsProd
    Properties: {GroupId: !Ref Base, IpProtocol: tcp, FromPort: 22, ToPort: 22,
                 CidrIp: 0.0.0.0/0}
  Base:
    Type: AWS::EC2::SecurityGroup
    Properties: {GroupDescription: base}
  Dead:""")
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {"Base": Status.PASS, "Sg": Status.PASS, "Open": Status.FAIL}


HEAT_FREE = """\
heat_template_version: 2016-10-14
parameters:
  env: {type: string, default: dev}
conditions:
  is_prod: {equals: [{get_param: env}, prod]}
  never: {equals: [a, b]}
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    condition: is_prod
    properties:
      rules:
        - {protocol: tcp, port_range_min: 22, port_range_max: 22,
           remote_ip_prefix: 0.0.0.0/0}
  dead:
    type: OS::Neutron::SecurityGroup
    condition: never
    properties:
      rules:
        - {protocol: tcp, port_range_min: 22, port_range_max: 22,
           remote_ip_prefix: 0.0.0.0/0}
"""


def test_a_heat_condition_false_with_every_value_tried_keeps_the_resource(
    tmp_path: Path,
) -> None:
    (tmp_path / "h.yaml").write_text(HEAT_FREE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("sg", Status.FAIL)
    assert finding.message.en.endswith(
        "(deployed only when condition is_prod holds, which is false with the parameters' "
        "defaults)"
    )


BOTH = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  MakeSg: {Type: String, Default: "false", AllowedValues: ["true", "false"]}
  Env: {Type: String, Default: dev}
Conditions:
  Make: !Equals [!Ref MakeSg, "true"]
  IsProd: !Equals [!Ref Env, prod]
  Both: !And [!Condition Make, !Condition IsProd]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: Both
    Properties:
      GroupDescription: c
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22,
           CidrIp: !If [Make, 0.0.0.0/0, 10.0.0.0/8]}
"""


def test_each_read_of_a_resource_kept_as_written_decides(tmp_path: Path) -> None:
    """``Both`` is false with every read (``Env`` has no allowed values); read with the
    defaults the group is open to 10.0.0.0/8 only, but it exists only when ``Make`` holds,
    and read with ``MakeSg = 'true'`` it is open to the internet: FAIL, not PASS."""
    (tmp_path / "t.yaml").write_text(BOTH, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("Sg", Status.FAIL)
    assert finding.message.en == (
        "port 22 is open to the whole internet (0.0.0.0/0) (deployed only when condition "
        "Both holds, which is false with the parameters' defaults; read with MakeSg = 'true')"
    )


FOLDED = """\
heat_template_version: 2016-10-14
parameters:
  make_sg: {type: boolean, default: false}
conditions:
  make: {get_param: make_sg}
resources:
  sg:
    type: OS::Neutron::SecurityGroup
    condition: make
    properties:
      rules: []
  ssh:
    type: OS::Neutron::SecurityGroupRule
    condition: make
    properties:
      security_group: {get_resource: sg}
      protocol: tcp
      port_range_min: 22
      port_range_max: 22
      remote_ip_prefix: 0.0.0.0/0
"""


def test_a_rule_another_read_folds_into_its_group_is_judged_there(tmp_path: Path) -> None:
    """Magnum kubecluster.yaml: the rules of ``secgroup_kube_minion`` are in the group read
    with ``is_cluster_stack = 'true'``; they are not judged again on their own."""
    (tmp_path / "h.yaml").write_text(FOLDED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("sg", Status.FAIL)


NOT_DEFAULT = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AccessCidr: {Type: String, Default: 10.0.0.0/8}
Conditions:
  Wider: !Not [!Equals [!Ref AccessCidr, 10.0.0.0/8]]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Condition: Wider
    Properties:
      GroupDescription: ssh
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AccessCidr}
"""


def test_a_parameter_the_condition_reads_is_not_its_default(tmp_path: Path) -> None:
    """The group exists only when AccessCidr is not 10.0.0.0/8: the range it opens is not
    known (UNKNOWN), not the default's PASS."""
    (tmp_path / "t.yaml").write_text(NOT_DEFAULT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [finding] = result.findings
    assert (finding.address, finding.status) == ("Sg", Status.UNKNOWN)
    assert finding.message.en.endswith(
        "(deployed only when condition Wider holds, which is false with the parameters' "
        "defaults)"
    )
