"""User data built from a parameter the template declares secret (CloudFormation ``NoEcho``,
Heat ``hidden``) holds that secret at run time, readable through the instance metadata and by
anyone who can describe the instance: GDCC-CMP-005 FAILs naming the parameter (was PASS, as
only secrets written in the template counted). SECRET-001 (secrets written in the
configuration) still passes: the value is passed at deploy time."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CFN = """\
Parameters:
  DBPassword: {Type: String, NoEcho: true}
  DBName: {Type: String}
  Token: {Type: String, NoEcho: "true"}
Resources:
  Joined:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: subnet-1
      UserData:
        Fn::Base64:
          Fn::Join: ["", ["#!/bin/sh\\n", "mysqladmin -u root password '", {Ref: DBPassword},
                          "'\\n"]]
  Substituted:
    Type: AWS::AutoScaling::LaunchConfiguration
    Properties:
      ImageId: ami-1
      InstanceType: t3.micro
      UserData: {"Fn::Base64": {"Fn::Sub": "echo ${Token} > /etc/app\\n"}}
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        ImageId: ami-1
        UserData: {"Fn::Base64": {"Fn::Sub": ["echo ${T}", {T: {Ref: Token}}]}}
  # a parameter not declared secret: not judged a secret
  PlainName:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: subnet-1
      UserData: {"Fn::Base64": {"Fn::Join": ["", ["create ", {Ref: DBName}]]}}
  # a Sub variable of its own shadows the parameter of the same name
  Shadowed:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      SubnetId: subnet-1
      UserData: {"Fn::Base64": {"Fn::Sub": ["echo ${Token}", {Token: plain}]}}
"""

HOT = """\
heat_template_version: 2016-10-14
parameters:
  db_password: {type: string, hidden: true}
  db_name: {type: string}
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: fedora
      flavor: m1.small
      user_data:
        str_replace:
          template: "mysqladmin password $PW; create $DB"
          params:
            $PW: {get_param: db_password}
            $DB: {get_param: db_name}
  plain:
    type: OS::Nova::Server
    properties:
      image: fedora
      flavor: m1.small
      user_data:
        str_replace:
          template: "create $DB"
          params:
            $DB: {get_param: db_name}
"""


def test_secret_parameter_in_user_data_fails(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    (tmp_path / "hot.yaml").write_text(HOT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-CMP-005", "GDCC-SECRET-001")))
    found = {
        (f.address or "", f.rule_id): (f.status, f.evidence.get("user_data_secrets"))
        for f in result.findings
    }
    assert found == {
        ("Joined", "GDCC-CMP-005"): (
            Status.FAIL, ["UserData (NoEcho parameter DBPassword)"]
        ),
        ("Substituted", "GDCC-CMP-005"): (Status.FAIL, ["UserData (NoEcho parameter Token)"]),
        ("Template", "GDCC-CMP-005"): (
            Status.FAIL, ["LaunchTemplateData.UserData (NoEcho parameter Token)"]
        ),
        # the parameter's value is not known and not declared secret (as before)
        ("PlainName", "GDCC-CMP-005"): (Status.UNKNOWN, None),
        ("Shadowed", "GDCC-CMP-005"): (Status.PASS, []),
        ("server", "GDCC-CMP-005"): (
            Status.FAIL, ["user_data (hidden parameter db_password)"]
        ),
        ("plain", "GDCC-CMP-005"): (Status.PASS, []),
        # passed at deploy time: nothing is written in the configuration
        **{
            (name, "GDCC-SECRET-001"): (Status.PASS, None)
            for name in ("Joined", "Substituted", "Template", "PlainName", "Shadowed",
                         "server", "plain")
        },
    }
