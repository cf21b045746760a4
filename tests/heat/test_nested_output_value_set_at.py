"""A parent's resource that reads a secret from a nested template's output (CloudFormation
``!GetAtt Secrets.Outputs.DbPassword``, Heat ``get_attr: [db, pw]``) FAILed
GDCC-SECRET-001 without the line a user changes: the secret is the child's parameter default
(or what a template above passes it, or the output's own literal), and the parent shows only
``!GetAtt``. The children's outputs now carry where their values are written
(``nested_outputs.ORIGINS``), through any depth of templates, and the parent's FAIL says
``value set at`` that line."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

CFN_PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secrets:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./secrets.yaml
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: admin
      MasterUserPassword: !GetAtt Secrets.Outputs.DbPassword
      StorageEncrypted: true
"""

CFN_SECRETS = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Xk9mQ2vLp7zR
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  DbPassword:
    Value: !Ref DbPassword
"""

CFN_SUB_PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secrets:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./secrets.yaml
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          echo "DB_PASSWORD=${Secrets.Outputs.DbPassword}" > /etc/app.env
"""

# three levels: the top stack passes the password to a middle stack, which passes it to the
# secrets stack and re-exports its output; the top's database reads the middle's output
CFN_TOP = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Middle:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./middle.yaml
      Parameters:
        Seed: Tk7nW3qZr5yBv
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: admin
      MasterUserPassword:
        Fn::GetAtt: [Middle, Outputs.Password]
      StorageEncrypted: true
"""

CFN_MIDDLE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Seed:
    Type: String
    NoEcho: true
Resources:
  Secrets:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./secrets.yaml
      Parameters:
        DbPassword: !Ref Seed
Outputs:
  Password:
    Value: !GetAtt Secrets.Outputs.DbPassword
"""

HEAT_PARENT = """\
heat_template_version: 2018-08-31
resources:
  db:
    type: child.yaml
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      admin_pass: {get_attr: [db, literal]}
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            echo "DB_PASSWORD=$pw" > /etc/app.env
          params:
            $pw: {get_attr: [db, pw]}
"""

HEAT_CHILD = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    hidden: true
    default: Xk9mQ2vLp7zR
resources:
  net:
    type: OS::Neutron::Net
outputs:
  pw:
    value: {get_param: db_password}
  literal:
    value: Hq4vN8sWk2Jd
"""


def _fails(tmp_path: Path, files: dict[str, str]) -> list[tuple[str | None, str, object]]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    return sorted(
        (f.address, f.message.en.replace(f"{tmp_path}/", ""), f.evidence.get("value_set_at"))
        for f in result.findings if f.status.value == "FAIL"
    )


def test_cfn_parent_reading_a_child_output_names_the_child_default(tmp_path: Path) -> None:
    where = str(tmp_path / "secrets.yaml") + ":6"
    assert _fails(tmp_path, {"parent.yaml": CFN_PARENT, "secrets.yaml": CFN_SECRETS}) == [
        ("Db", "a secret is written in plain text at 'MasterUserPassword' "
         "(value set at secrets.yaml:6)", {"MasterUserPassword": where}),
    ]


def test_cfn_output_written_into_user_data_by_sub_names_the_child_default(
    tmp_path: Path,
) -> None:
    found = _fails(tmp_path, {"parent.yaml": CFN_SUB_PARENT, "secrets.yaml": CFN_SECRETS})
    assert [(a, m) for a, m, _ in found if a == "Web"] == [
        ("Web", "a secret is written in plain text at 'UserData' (value set at secrets.yaml:6)"),
    ]


def test_cfn_output_passed_through_a_middle_stack_names_the_top_line(tmp_path: Path) -> None:
    # the value is the literal the top stack passes (top.yaml:8), not the middle's !Ref nor
    # the secrets stack's default, which the passed value replaces (the middle's stack
    # resource passing it on, ``Parameters.DbPassword``, FAILs too, with the same line)
    found = _fails(tmp_path, {
        "top.yaml": CFN_TOP, "middle.yaml": CFN_MIDDLE, "secrets.yaml": CFN_SECRETS,
    })
    assert [f for f in found if f[0] == "Db"] == [
        ("Db", "a secret is written in plain text at 'MasterUserPassword' "
         "(value set at top.yaml:8)", {"MasterUserPassword": str(tmp_path / "top.yaml") + ":8"}),
    ]


def test_heat_parent_reading_child_outputs_names_the_child_lines(tmp_path: Path) -> None:
    found = _fails(tmp_path, {"parent.yaml": HEAT_PARENT, "child.yaml": HEAT_CHILD})
    child = str(tmp_path / "child.yaml")
    assert found == [
        ("server", "a secret is written in plain text at 'admin_pass', 'user_data' "
         "(value set at child.yaml:14, child.yaml:6)",
         {"admin_pass": f"{child}:14", "user_data": f"{child}:6"}),
    ]
