"""A cfn-init file written with ``!Sub`` that takes a ``NoEcho`` parameter without a default
beside a literal password (quickstart-jfrog-artifactory's Ansible vars file: ``db_password:
${DatabasePassword}`` and ``default_password: changeit``) was read only resolved, where the
whole text is not known: GDCC-SECRET-001 PASSed. What is written around the parameter is
now searched as for a resource's ``Properties``; the parameter itself is no secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Parameters:
  DatabasePassword:
    Type: String
    NoEcho: true
Resources:
  Written:
    Type: AWS::AutoScaling::LaunchConfiguration
    Metadata:
      AWS::CloudFormation::Init:
        config:
          files:
            /root/vars.yml:
              content: !Sub |
                db_password: ${DatabasePassword}
                keystore_password: Hunter22pwX
              mode: "0400"
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
  Given:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          files:
            /root/vars.yml:
              content: !Sub |
                db_password: ${DatabasePassword}
                db_host: ${AWS::Region}.example.com
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
"""


def test_a_password_written_around_a_parameter_in_cfn_init_fails(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.message.en if f.message else "") for f in result.findings}
    assert found == {
        "Written": (
            Status.FAIL,
            "a secret is written in plain text at "
            "'Metadata.AWS::CloudFormation::Init.config.files./root/vars.yml.content'",
        ),
        "Given": (Status.PASS, "No secrets are written in configuration"),
    }
