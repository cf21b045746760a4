"""A nested template in the scan is judged with the parameters its parent stack passes
(``normalize/cloudformation/nesting.py``), not with its own defaults."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.settings import Settings

PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Bucket:
    Type: String
  Prefix:
    Type: String
    Default: quickstart-x/
  AccessCidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  Bastion:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: !Sub https://${Bucket}.s3.${AWS::Region}.${AWS::URLSuffix}/${Prefix}templates/bastion.yaml
      Parameters:
        RemoteAccessCIDR: !Ref AccessCidr
        VpcId: vpc-1
"""

#: As quickstart-linux-bastion's child: SSH opened only when a CIDR is passed.
CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  RemoteAccessCIDR:
    Type: String
    Default: disabled-onlyssmaccess
  VpcId:
    Type: AWS::EC2::VPC::Id
Conditions:
  HasRemoteCIDR: !Not [!Equals [!Ref RemoteAccessCIDR, disabled-onlyssmaccess]]
Resources:
  BastionSecurityGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: bastion
      VpcId: !Ref VpcId
  SshIngress:
    Type: AWS::EC2::SecurityGroupIngress
    Condition: HasRemoteCIDR
    Properties:
      GroupId: !Ref BastionSecurityGroup
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: !Ref RemoteAccessCIDR
"""


def _verdicts(result: AuditResult) -> list[tuple[str | None, str, str]]:
    return [(f.address, f.status.value, f.message.en) for f in result.findings]


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_a_child_found_by_its_url_takes_the_value_the_parent_passes(tmp_path: Path) -> None:
    # Was PASS: the child's default closes SSH, the parent opens it to everyone.
    _write(tmp_path, {"parents/main.yaml": PARENT, "templates/bastion.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    child = str(tmp_path / "templates" / "bastion.yaml")
    assert _verdicts(result) == [
        (
            "BastionSecurityGroup",
            "FAIL",
            "port 22 is open to the whole internet (0.0.0.0/0); opened by SshIngress at "
            f"{child}:16",
        )
    ]
    assert result.modules_not_read == ()  # the nested stack's template is read
    inputs = {i.path: i for i in result.inputs}
    assert inputs[child].warnings == (
        f"judged with the parameters that {tmp_path / 'parents' / 'main.yaml'}:12 (Bastion) "
        "passes: its TemplateURL's key path ends with 'templates/bastion.yaml'",
    )


def test_a_child_no_parent_deploys_keeps_its_defaults(tmp_path: Path) -> None:
    _write(tmp_path, {"templates/bastion.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert _verdicts(result) == [
        ("BastionSecurityGroup", "PASS", "Management ports are not open to the internet"),
        # created only when RemoteAccessCIDR is not its default: the range it opens is not
        # known (it was dropped)
        ("SshIngress", "UNKNOWN", "cannot tell whether port 22 is open to the internet "
         "(deployed only when condition HasRemoteCIDR holds, which is false with the "
         "parameters' defaults)"),
    ]


LOCAL_PARENT = """\
Resources:
  Network:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  Bastion:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./bastion.yaml
      Parameters:
        RemoteAccessCIDR: !GetAtt Network.CidrBlockAssociations
"""


def test_a_value_the_parent_does_not_know_is_unknown_not_the_default(tmp_path: Path) -> None:
    _write(tmp_path, {"main.yaml": LOCAL_PARENT, "bastion.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    [(address, status, _)] = _verdicts(result)
    assert (address, status) == ("BastionSecurityGroup", "UNKNOWN")
    assert {i.path: i for i in result.inputs}[str(tmp_path / "bastion.yaml")].warnings == (
        f"judged with the parameters that {tmp_path / 'main.yaml'}:6 (Bastion) passes: its "
        "TemplateURL './bastion.yaml' is a path relative to the parent",
    )


def _parent(cidr: str) -> str:
    return (
        "Resources:\n  Bastion:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
        "      TemplateURL: bastion.yaml\n"
        f"      Parameters:\n        RemoteAccessCIDR: {cidr}\n"
    )


def test_parents_that_pass_different_values_leave_the_value_unknown(tmp_path: Path) -> None:
    _write(
        tmp_path,
        {"a.yaml": _parent("10.0.0.0/8"), "b.yaml": _parent("0.0.0.0/0"), "bastion.yaml": CHILD},
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(a, s) for a, s, _ in _verdicts(result)] == [("BastionSecurityGroup", "UNKNOWN")]
    # Two parents that agree: their value.
    (tmp_path / "a.yaml").write_text(_parent("0.0.0.0/0"), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(a, s) for a, s, _ in _verdicts(result)] == [("BastionSecurityGroup", "FAIL")]


def test_values_pass_down_every_level(tmp_path: Path) -> None:
    middle = (
        "Parameters:\n  Cidr:\n    Type: String\n    Default: disabled-onlyssmaccess\n"
        "Resources:\n  Bastion:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
        "      TemplateURL: ../bastion/bastion.yaml\n"
        "      Parameters:\n        RemoteAccessCIDR: !Ref Cidr\n"
    )
    top = (
        "Resources:\n  Middle:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
        "      TemplateURL: https://example.s3.amazonaws.com/stacks/middle/middle.yaml\n"
        "      Parameters:\n        Cidr: 0.0.0.0/0\n"
    )
    _write(
        tmp_path,
        {
            "top.yaml": top,
            "stacks/middle/middle.yaml": middle,
            "stacks/bastion/bastion.yaml": CHILD,
        },
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(a, s) for a, s, _ in _verdicts(result)] == [("BastionSecurityGroup", "FAIL")]


def test_a_url_two_scanned_templates_match_as_well_names_neither(tmp_path: Path) -> None:
    parent = PARENT.replace("${Prefix}templates/bastion.yaml", "templates/bastion.yaml")
    _write(
        tmp_path,
        {
            "main.yaml": parent,
            "one/templates/bastion.yaml": CHILD,
            "two/templates/bastion.yaml": CHILD,
        },
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert sorted((a or "", s) for a, s, _ in _verdicts(result)) == [  # each on its defaults
        ("BastionSecurityGroup", "PASS"), ("BastionSecurityGroup", "PASS"),
        ("SshIngress", "UNKNOWN"), ("SshIngress", "UNKNOWN"),
    ]
    # the URL's known parts name what to add to the scan (was "where its template is cannot
    # be known statically", no source)
    assert [(m.address, m.source, m.reason) for m in result.modules_not_read] == [
        (
            "Bastion",
            "https://*.s3.*.*/templates/bastion.yaml",
            "nested stack: its template is not in the scan",
        )
    ]


VOLUME_CHILD = """\
Parameters:
  Enc:
    Type: String
    Default: "true"
  ImageParameter:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /company/volume/encrypted
Resources:
  Data:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: ap-southeast-7a
      Size: 10
      Encrypted: !Ref Enc
  Logs:
    Type: AWS::EC2::Volume
    Properties:
      AvailabilityZone: ap-southeast-7a
      Size: 10
      Encrypted: !Ref ImageParameter
"""
VOLUME_PARENT = """\
Resources:
  Volumes:
    Type: AWS::Serverless::Application
    Properties:
      Location: volumes/template.yaml
      Parameters:
        Enc: "false"
"""


def test_a_fail_from_a_passed_value_points_at_the_parent(tmp_path: Path) -> None:
    # Was PASS on the child's default "true". An SSM parameter's default is a parameter name,
    # not its value: not known.
    _write(tmp_path, {"main.yaml": VOLUME_PARENT, "volumes/template.yaml": VOLUME_CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    parent = tmp_path / "main.yaml"
    assert [(f.address, f.status.value, f.message.en) for f in result.findings] == [
        ("Data", "FAIL", f"encryption at rest is off (value set at {parent}:7)"),
        (
            "Logs",
            "UNKNOWN",
            "whether encryption at rest is on is not known from the input",
        ),
    ]


def test_a_value_the_child_does_not_allow_is_unknown(tmp_path: Path) -> None:
    """CloudFormation refuses a value outside ``AllowedValues`` / ``AllowedPattern``: it is
    not the value deployed (quickstart-amazon-eks passes ``~~/<ConfigSetName>/...~~``
    placeholders that its build replaces; a literal one turned a condition false)."""
    child = CHILD.replace(
        "    Default: disabled-onlyssmaccess\n",
        "    Default: disabled-onlyssmaccess\n"
        "    AllowedPattern: ^disabled-onlyssmaccess$|^[0-9./]+$\n",
        1,
    )
    parent = _parent("~~/<ConfigSetName>/bastion/RemoteAccessCIDR~~").replace(
        "TemplateURL: bastion.yaml", "TemplateURL: ./bastion.yaml"
    )
    _write(tmp_path, {"main.yaml": parent, "bastion.yaml": child})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(a, s) for a, s, _ in _verdicts(result)] == [("BastionSecurityGroup", "UNKNOWN")]


MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {{name: {name}}}
agency: {{name_th: หน่วยงานทดสอบ, name_en: Test Agency}}
iac:
  - {{path: iac, system: web}}
systems:
  - id: web
    name_th: เว็บ
    name_en: Web
    security_category: {{confidentiality: low, integrity: low, availability: low}}
"""


def test_another_tenants_template_is_never_the_child(tmp_path: Path) -> None:
    """Two tenants' folders are two deployments: a URL of one tenant's parent is not matched
    to the other tenant's template (it would pass 0.0.0.0/0 to a stack it does not deploy)."""
    _write(
        tmp_path,
        {
            "a/tenant.yaml": MANIFEST.format(name="a"),
            "a/iac/main.yaml": PARENT,
            "b/tenant.yaml": MANIFEST.format(name="b"),
            "b/iac/templates/bastion.yaml": CHILD,
        },
    )
    result = audit(
        [tmp_path / "a" / "tenant.yaml", tmp_path / "b" / "tenant.yaml"],
        Settings(rule_ids=("GDCC-NET-001",)),
    )
    assert [(a, s) for a, s, _ in _verdicts(result)] == [
        ("BastionSecurityGroup", "PASS"), ("SshIngress", "UNKNOWN")
    ]
    assert [m.address for m in result.modules_not_read] == ["Bastion"]


def test_a_parent_a_macro_rewrites_passes_values_not_known(tmp_path: Path) -> None:
    """A macro rewrites the parent when it is deployed (quickstart-amazon-eks'
    QuickStartParameterResolver replaces ``~~/<ConfigSetName>/...~~`` texts): what it writes
    is not what the child gets (a literal placeholder turned the child's condition false and
    its KMS key disappeared)."""
    parent = "Transform: [QuickStartParameterResolver]\n" + _parent("0.0.0.0/0")
    _write(tmp_path, {"main.yaml": parent, "bastion.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert [(a, s) for a, s, _ in _verdicts(result)] == [("BastionSecurityGroup", "UNKNOWN")]


OUTPUT_PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Security:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./security.yaml
      Parameters:
        AdminCidr: 0.0.0.0/0
  Office:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: office
      VpcId: vpc-1
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 3389
          ToPort: 3389
          CidrIp: !GetAtt Security.Outputs.OfficeCidr
  Bastion:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: subnet-1
      SecurityGroupIds: [!GetAtt Security.Outputs.SshGroup]
"""
OUTPUT_CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  AdminCidr:
    Type: String
    Default: 10.0.0.0/8
  OfficeCidr:
    Type: String
    Default: 0.0.0.0/0
Resources:
  SshGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: ssh
      VpcId: vpc-1
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
Outputs:
  SshGroup:
    Value: !GetAtt SshGroup.GroupId
  OfficeCidr:
    Value: !Ref OfficeCidr
"""


def test_a_child_output_is_its_value_in_the_parent(tmp_path: Path) -> None:
    # Was UNKNOWN both: the office rule's source (a child output) and the bastion's inbound
    # rules (its group is returned by the child) were not known.
    _write(tmp_path, {"main.yaml": OUTPUT_PARENT, "security.yaml": OUTPUT_CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["Office"] == ("FAIL", "port 3389 is open to the whole internet (0.0.0.0/0)")
    assert found["SshGroup"][0] == "FAIL"
    assert found["Bastion"] == ("NOT_APPLICABLE", "judged on its security groups: SshGroup")


SIBLINGS_PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Security:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./security.yaml
      Parameters:
        AdminCidr: 0.0.0.0/0
  Hosts:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./hosts.yaml
      Parameters:
        SecurityGroup: !GetAtt Security.Outputs.SshGroup
"""
HOSTS = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  SecurityGroup:
    Type: AWS::EC2::SecurityGroup::Id
Resources:
  Host:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: subnet-1
      SecurityGroupIds: [!Ref SecurityGroup]
"""


def test_a_resource_one_stack_returns_and_another_takes_is_linked(tmp_path: Path) -> None:
    # Was UNKNOWN "inbound rules are not known": the group passed from one nested stack's
    # output to another was not known.
    _write(
        tmp_path,
        {"main.yaml": SIBLINGS_PARENT, "security.yaml": OUTPUT_CHILD, "hosts.yaml": HOSTS},
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["Host"] == ("NOT_APPLICABLE", "judged on its security groups: SshGroup")
    assert found["SshGroup"][0] == "FAIL"


def test_a_child_output_in_a_sub_is_its_value(tmp_path: Path) -> None:
    # Was UNKNOWN: ${Stack.Outputs.Name} in Fn::Sub was not known
    parent = OUTPUT_PARENT.replace(
        "CidrIp: !GetAtt Security.Outputs.OfficeCidr",
        'CidrIp: !Sub "${Security.Outputs.OfficeCidr}"',
    )
    _write(tmp_path, {"main.yaml": parent, "security.yaml": OUTPUT_CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    found = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert found["Office"] == ("FAIL", "port 3389 is open to the whole internet (0.0.0.0/0)")


TOP = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Middle:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./mid.yaml
      Parameters:
        WithBastion: "true"
"""
MIDDLE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  WithBastion:
    Type: String
    Default: "false"
Conditions:
  Wanted: !Equals [!Ref WithBastion, "true"]
Resources:
  Bastion:
    Type: AWS::CloudFormation::Stack
    Condition: Wanted
    Properties:
      TemplateURL: ./templates/bastion.yaml
      Parameters:
        RemoteAccessCIDR: 0.0.0.0/0
"""


def test_a_nested_stack_a_parent_turns_on_passes_its_values(tmp_path: Path) -> None:
    # Was PASS: the middle template's condition was read with its default ("false"), so the
    # bastion kept its default (SSH closed); the top template turns it on.
    _write(tmp_path, {"main.yaml": TOP, "mid.yaml": MIDDLE, "templates/bastion.yaml": CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    assert _verdicts(result)[0][:2] == ("BastionSecurityGroup", "FAIL")


def test_a_value_the_parent_takes_from_its_parameter_points_at_its_origin(
    tmp_path: Path,
) -> None:
    """``Enc: !Ref Encrypt`` in the parent: the value is written at the parent's parameter
    default, or at its own parent's line (three levels); it pointed at the ``!Ref`` line,
    which does not change the value."""
    parent = (
        "Parameters:\n  Encrypt:\n    Type: String\n    Default: 'false'\n"
        "Resources:\n  Volumes:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
        "      TemplateURL: volumes/template.yaml\n"
        "      Parameters:\n        Enc: !Ref Encrypt\n"
    )
    top = (
        "Resources:\n  Middle:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n"
        "      TemplateURL: middle/main.yaml\n"
        "      Parameters:\n        Encrypt: 'false'\n"
    )
    _write(tmp_path, {"main.yaml": parent, "volumes/template.yaml": VOLUME_CHILD})
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",)))
    data = next(f for f in result.findings if f.address == "Data")
    assert data.message.en == f"encryption at rest is off (value set at {tmp_path}/main.yaml:4)"
    deeper = tmp_path / "deeper"
    _write(
        deeper,
        {"top.yaml": top, "middle/main.yaml": parent, "middle/volumes/template.yaml": VOLUME_CHILD},
    )
    result = audit([deeper], Settings(rule_ids=("GDCC-ENC-001",)))
    data = next(f for f in result.findings if f.address == "Data")
    assert data.message.en == f"encryption at rest is off (value set at {deeper}/top.yaml:7)"
