"""A nested template's secret parameter default read only by an output that a parent's
resource reads (Heat ``get_attr: [db, pw]`` in a server's user data, CloudFormation
``!GetAtt Secrets.Outputs.DbPassword`` as a database's master password) was reported twice
by GDCC-SECRET-001: on the parent's resource, and on the child's parameter as a secret no
resource reads. Such an output now carries what it reads (``unread_secrets.
mark_read_outputs``): one finding, on the resource. A parameter whose output the parent
reads only in its own outputs (no template above reads them) still reaches no resource: a
holder of its own."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

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
      user_data:
        str_replace:
          template: |
            #!/bin/bash
            echo "DB_PASSWORD=$pw" > /etc/app.env
          params:
            $pw: {get_attr: [db, pw]}
outputs:
  token:
    value: {get_attr: [db, token]}
"""

HEAT_CHILD = """\
heat_template_version: 2018-08-31
parameters:
  db_password:
    type: string
    hidden: true
    default: Xk9mQ2vLp7zR
  api_token:
    type: string
    hidden: true
    default: Tk7nW3qZr5yB
resources:
  net:
    type: OS::Neutron::Net
outputs:
  pw:
    value: {get_param: db_password}
  token:
    value: {get_param: api_token}
"""

CFN_PARENT = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Secrets:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      MasterUsername: admin
      MasterUserPassword: !GetAtt Secrets.Outputs.DbPassword
      StorageEncrypted: true
Outputs:
  Token:
    Value: !GetAtt Secrets.Outputs.ApiToken
"""

CFN_CHILD = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Xk9mQ2vLp7zR
  ApiToken:
    Type: String
    NoEcho: true
    Default: Tk7nW3qZr5yB
Resources:
  Topic:
    Type: AWS::SNS::Topic
Outputs:
  DbPassword:
    Value: !Ref DbPassword
  ApiToken:
    Value: !Ref ApiToken
"""


def _fails(tmp_path: Path, parent: str, child: str) -> list[tuple[str | None, str, object]]:
    (tmp_path / "parent.yaml").write_text(parent, encoding="utf-8")
    (tmp_path / "child.yaml").write_text(child, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    return sorted(
        (f.address, Path(f.location.file).name if f.location else "", f.evidence.get("paths"))
        for f in result.findings if f.status.value == "FAIL"
    )


def test_heat_child_default_carried_into_a_parent_server_is_reported_once(
    tmp_path: Path,
) -> None:
    assert _fails(tmp_path, HEAT_PARENT, HEAT_CHILD) == [
        ("api_token", "child.yaml", ["default"]),
        ("server", "parent.yaml", ["user_data"]),
    ]


def test_cfn_child_default_carried_into_a_parent_database_is_reported_once(
    tmp_path: Path,
) -> None:
    assert _fails(tmp_path, CFN_PARENT, CFN_CHILD) == [
        ("ApiToken", "child.yaml", ["Default"]),
        ("Db", "parent.yaml", ["MasterUserPassword"]),
    ]
