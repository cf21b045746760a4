"""AWS Rain's ``!Rain::Embed path`` writes the text of a file beside the template in place
when the template is packaged (``rain pkg``): aws-cloudformation-templates' Solutions keep
their instances' user data so (``UserData: !Base64 {Fn::Sub: !Rain::Embed Gitea.sh}``). The
file is read as that text: a password written in it FAILs GDCC-SECRET-001 (the user data was
not known: the instance PASSed)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Embedded:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      UserData: !Base64
        Fn::Sub: !Rain::Embed init.sh
  Clean:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      UserData: !Base64
        Fn::Sub: !Rain::Embed clean.sh
"""

INIT = """\
#!/bin/bash
secret=$(aws secretsmanager get-secret-value --secret-id ${AWS::StackName} --query SecretString)
./gitea admin user create --username admin1 --password Hunter22pw --must-change-password=false
"""

CLEAN = """\
#!/bin/bash
secret=$(aws secretsmanager get-secret-value --secret-id ${AWS::StackName} --query SecretString)
./gitea admin user create --username admin1 --password $secret --must-change-password=false
"""


def test_an_embedded_file_is_read_as_its_text(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "init.sh").write_text(INIT, encoding="utf-8")
    (tmp_path / "clean.sh").write_text(CLEAN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    assert found == {
        "Embedded": (Status.FAIL, "a secret is written in plain text at 'UserData'"),
        "Clean": (Status.PASS, "No secrets are written in configuration"),
    }
