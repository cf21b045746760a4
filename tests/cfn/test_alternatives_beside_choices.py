"""A template with a parameter without a default that has allowed values (read once per
value: ``choices``) and another whose default decides (read with each other allowed value:
``alternatives``): the alternative reads left the first parameter not known, so a resource
that reads only that one differed there and its verdict said it rested on the other's
default ("decided by the default of the parameter Mode ...; a deployment with Mode =
'Hunter22pwX': PASS", which no deployment gives). An alternative is now read beside the first
choice it is compared with (CloudFormation and Heat)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

CLOUDFORMATION = """\
Parameters:
  Pin:
    Type: String
    AllowedValues: [Hunter22pwX, Xk9mQ2vLpZ]
  Mode:
    Type: String
    Default: plain
    AllowedValues: [plain, Hunter22pwX]
Resources:
  ChoiceOnly:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: "#!/bin/bash\\nexport DB_PASSWORD=${Pin}\\n"
  Both:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: "#!/bin/bash\\nexport DB_PASSWORD=${Pin}\\necho ${Mode}\\n"
"""

HEAT = """\
heat_template_version: 2018-08-31
parameters:
  pin:
    type: string
    constraints:
      - allowed_values: [Hunter22pwX, Xk9mQ2vLpZ]
  mode:
    type: string
    default: plain
    constraints:
      - allowed_values: [plain, Hunter22pwX]
resources:
  server:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data:
        str_replace:
          template: "#!/bin/sh\\nexport DB_PASSWORD=$pin\\n"
          params:
            $pin: {get_param: pin}
  other:
    type: OS::Nova::Server
    properties:
      image: cirros
      flavor: m1.small
      user_data: {get_param: mode}
"""


def _messages(tmp_path: Path, name: str, text: str) -> dict[str, tuple[Status, str]]:
    (tmp_path / name).write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    return {f.address: (f.status, f.message.en if f.message else "") for f in result.findings}


def test_cloudformation_alternative_read_beside_the_choice(tmp_path: Path) -> None:
    found = _messages(tmp_path, "stack.yaml", CLOUDFORMATION)
    assert found == {
        "ChoiceOnly": (Status.FAIL, "a secret is written in plain text at 'UserData'"),
        "Both": (Status.FAIL, "a secret is written in plain text at 'UserData'"),
    }


def test_heat_alternative_read_beside_the_choice(tmp_path: Path) -> None:
    found = _messages(tmp_path, "server.yaml", HEAT)
    assert found["server"] == (Status.FAIL, "a secret is written in plain text at 'user_data'")
