"""A secret a parameter's ``Default`` puts into a ``Fn::Sub`` / ``Fn::Join`` text
(``export DB_PASSWORD=${DbPassword}`` in user data) FAILed GDCC-SECRET-001 naming no line:
the text holds only ``${DbPassword}``. It now says ``value set at`` the parameter's
``Default`` line; a text that writes the secret itself names none, nor a parameter whose
value does not make the secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: Sup3rS3cretPw
  Region2:
    Type: String
    Default: eu-west-1
  Token:
    Type: String
    Default: ghp_16C7e42F292c6912E7710c838347Ae178B4a
Resources:
  Sub:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-123
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          echo ${Region2}
          export DB_PASSWORD=${DbPassword}
  Join:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-123
      UserData:
        Fn::Base64: !Join ["", ["#!/bin/bash\\n", "curl -H 'x: ", !Ref Token, "' ", !Ref Region2]]
  Written:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-123
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          echo ${Region2}
          export DB_PASSWORD=Hunter22pwX
"""


def test_a_parameter_default_in_a_sub_text_is_where_the_secret_is_set(
    tmp_path: Path,
) -> None:
    (tmp_path / "t.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    at = tmp_path / "t.yaml"
    found = {f.address: (f.status, f.evidence.get("value_set_at")) for f in result.findings}
    assert found == {
        "Sub": (Status.FAIL, {"UserData": f"{at}:6"}),
        "Join": (Status.FAIL, {"UserData": f"{at}:12"}),
        "Written": (Status.FAIL, None),
    }
