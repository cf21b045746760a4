"""Templates that share values only through Systems Manager parameter names.

A network template writes ``AWS::SSM::Parameter`` ``/network/app-sg`` (its security group's
id); an application template reads it by name: a parameter of type
``AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::Id>`` defaulting to that name, or a
dynamic reference ``{{resolve:ssm:/network/app-sg}}``. The templates were read as separate
deployments: the server's groups were not known (GDCC-NET-001 UNKNOWN "inbound rules are not
known"), and a role of one template allowed ``iam:PassRole`` on ``*`` PASSed GDCC-GRAPH-006
though it can pass the other template's administrator role (a wrong PASS). A parameter name
is unique in an account and Region: the templates are one deployment, and the reader's value
is what the writer writes (``normalize.cloudformation.ssm_links``).
"""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

NETWORK = """\
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.0.0.0/16
  AppGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: 0.0.0.0/0
  AppGroupParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /network/app-sg
      Type: String
      Value: !GetAtt AppGroup.GroupId
"""
TYPED = """\
Parameters:
  AppGroupId:
    Type: AWS::SSM::Parameter::Value<AWS::EC2::SecurityGroup::Id>
    Default: NAME
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds:
        - !Ref AppGroupId
"""
DYNAMIC = """\
Resources:
  Server:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds:
        - '{{resolve:ssm:NAME}}'
"""
JUDGED = (Status.NOT_APPLICABLE, "judged on its security groups: AppGroup")
REACHED = (Status.FAIL, "management port 22 reachable from the internet: internet → Server:22")
NOT_KNOWN = (Status.UNKNOWN, "inbound rules are not known")


def _server(tmp_path: Path, files: dict[str, str]) -> tuple[dict, tuple[str, ...]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    found = {
        f.rule_id: (f.status, f.message.en) for f in result.findings if f.address == "Server"
    }
    warnings = {i.path: i for i in result.inputs}[str(tmp_path / "app.yaml")].warnings
    return found, tuple(w for w in warnings if "Systems Manager" in w)


def test_a_typed_parameter_is_the_group_another_template_writes(tmp_path: Path) -> None:
    # it was: NET-001 UNKNOWN "inbound rules are not known", GRAPH-002 UNKNOWN "... if what
    # is not known allows it"
    found, warnings = _server(
        tmp_path, {"network.yaml": NETWORK, "app.yaml": TYPED.replace("NAME", "/network/app-sg")}
    )
    assert found == {"GDCC-NET-001": JUDGED, "GDCC-GRAPH-002": REACHED}
    assert warnings == (
        "judged with the value of Systems Manager parameter '/network/app-sg' (AppGroupId) "
        f"that {tmp_path / 'network.yaml'}:21 writes",
    )


def test_a_dynamic_reference_is_the_group_another_template_writes(tmp_path: Path) -> None:
    # it was: NET-001 UNKNOWN, GRAPH-002 UNKNOWN (the text read as a group id of no template)
    found, warnings = _server(
        tmp_path,
        {"network.yaml": NETWORK, "app.yaml": DYNAMIC.replace("NAME", "/network/app-sg")},
    )
    assert found == {"GDCC-NET-001": JUDGED, "GDCC-GRAPH-002": REACHED}
    assert warnings == (
        "judged with the value of Systems Manager parameter '/network/app-sg' "
        f"({{{{resolve:ssm:/network/app-sg}}}}) that {tmp_path / 'network.yaml'}:21 writes",
    )


def test_a_version_pinned_reference_is_not_that_value(tmp_path: Path) -> None:
    # (a guard: the same on main) version 3 may hold an older value than the template writes
    found, warnings = _server(
        tmp_path,
        {"network.yaml": NETWORK, "app.yaml": DYNAMIC.replace("NAME", "/network/app-sg:3")},
    )
    assert found["GDCC-NET-001"] == NOT_KNOWN
    assert warnings == ()


def test_a_name_no_template_writes_stays_unknown(tmp_path: Path) -> None:
    # (a guard: the same on main)
    found, warnings = _server(
        tmp_path, {"network.yaml": NETWORK, "app.yaml": TYPED.replace("NAME", "/network/db-sg")}
    )
    assert found["GDCC-NET-001"] == NOT_KNOWN
    assert warnings == ()


def test_a_name_two_templates_write_differently_stays_unknown(tmp_path: Path) -> None:
    # (a guard: the same on main) which value is deployed is not written
    other = NETWORK.replace("CidrIp: 0.0.0.0/0", "CidrIp: 10.0.0.0/8")
    found, warnings = _server(tmp_path, {
        "network.yaml": NETWORK, "network2.yaml": other,
        "app.yaml": TYPED.replace("NAME", "/network/app-sg"),
    })
    assert found["GDCC-NET-001"] == NOT_KNOWN
    assert warnings == ()


WRITER = """\
Resources:
  AdminCidr:
    Type: AWS::SSM::Parameter
    Properties:
      Name: /net/admin-cidr
      Type: String
      Value: 0.0.0.0/0
"""
READER = """\
Parameters:
  AdminCidr:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /net/admin-cidr
Resources:
  Group:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 22
          ToPort: 22
          CidrIp: !Ref AdminCidr
"""
PARENT = """\
Parameters:
  AdminCidr:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /net/admin-cidr
Resources:
  Admin:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./admin.yaml
      Parameters:
        AdminCidr: !Ref AdminCidr
"""
CHILD = READER.replace("AWS::SSM::Parameter::Value<String>\n    Default: /net/admin-cidr", "String")


def _group(tmp_path: Path, files: dict[str, str]) -> tuple[Status, str]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-NET-001",)))
    (found,) = [f for f in result.findings if f.address == "Group"]
    return found.status, found.message.en


def test_a_literal_written_value_is_read(tmp_path: Path) -> None:
    # it was: UNKNOWN "cannot tell whether port 22 is open to the internet"
    assert _group(tmp_path, {"net.yaml": WRITER, "app.yaml": READER}) == (
        Status.FAIL, "port 22 is open to the whole internet (0.0.0.0/0)"
    )


def test_a_parent_given_the_value_passes_it_to_its_child(tmp_path: Path) -> None:
    # it was: UNKNOWN (the parent's value not known, so neither was what it passes)
    files = {"net.yaml": WRITER, "parent.yaml": PARENT, "admin.yaml": CHILD}
    assert _group(tmp_path, files) == (
        Status.FAIL, "port 22 is open to the whole internet (0.0.0.0/0)"
    )


def test_a_parameter_the_parent_passes_is_not_the_default(tmp_path: Path) -> None:
    # (a guard: the same on main) the parent names another parameter: the default is not read
    parent = PARENT.replace("AdminCidr: !Ref AdminCidr", "AdminCidr: /net/other-cidr")
    files = {"net.yaml": WRITER, "parent.yaml": parent, "admin.yaml": READER}
    assert _group(tmp_path, files) == (
        Status.UNKNOWN, "cannot tell whether port 22 is open to the internet"
    )


BACKUP = """\
Parameters:
  VaultKey:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /patching/vault-key
Resources:
  BackupRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: backup.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
  Vault:
    Type: AWS::Backup::BackupVault
    Properties:
      BackupVaultName: vault
      EncryptionKeyArn: !Ref VaultKey
"""
PATCHING = """\
Resources:
  InstanceRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AdministratorAccess
  Bucket:
    Type: AWS::S3::Bucket
  KeyParameter:
    Type: AWS::SSM::Parameter
    Properties:
      Name: NAME
      Type: String
      Value: arn:aws:kms:ap-southeast-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
"""
EVERYTHING = "a wildcard or administrator permission reaches all {} aws resources"
#: The same, naming the roles that hold the grant, which it may act as (stop 52).
THROUGH = (
    "a wildcard or administrator permission (held by {}, which it may act as) reaches all {} "
    "aws resources"
)


def _roles(tmp_path: Path, name: str) -> dict[str, tuple[Status, str, object]]:
    (tmp_path / "backup.yaml").write_text(BACKUP, encoding="utf-8")
    (tmp_path / "patching.yaml").write_text(PATCHING.replace("NAME", name), encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-006",)))
    return {
        f.address or "": (f.status, f.message.en, f.evidence.get("acts_as"))
        for f in result.findings
    }


def test_templates_sharing_a_parameter_share_stacks(tmp_path: Path) -> None:
    # it was: BackupRole PASS "A workload identity's permissions stay within its own
    # system" (the templates read as deployed apart), InstanceRole "reaches all 2"
    assert _roles(tmp_path, "/patching/vault-key") == {
        "BackupRole": (Status.FAIL, THROUGH.format("InstanceRole", 4), ["InstanceRole"]),
        "InstanceRole": (Status.FAIL, EVERYTHING.format(4), None),
    }


def test_templates_sharing_no_parameter_stay_apart(tmp_path: Path) -> None:
    # (a guard: the same on main)
    assert _roles(tmp_path, "/patching/other") == {
        "BackupRole": (
            Status.PASS, "A workload identity's permissions stay within its own system", None
        ),
        "InstanceRole": (Status.FAIL, EVERYTHING.format(2), None),
    }
