"""A file a template's resource includes (``AWS::Include``) or embeds (``!Rain::Embed``)
that is not read (missing, outside the template's folder, on S3) was read as a value not
known, and GDCC-SECRET-001 PASSed: its text may hold a password. Now the resource is
UNKNOWN naming the file and why, the template is partially assessed with the line, and a
secret written elsewhere in the resource still FAILs. The JSON form ``{"Rain::Embed":
file}`` (aws-cloudformation-templates' ``.json`` copies) and a file embedded in cfn-init's
``Metadata`` are read as the YAML tag in ``Properties`` is."""

from __future__ import annotations

import json
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Embedded:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: !Rain::Embed missing.sh
  Included:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64:
          Fn::Transform:
            Name: AWS::Include
            Parameters:
              Location: s3://bucket/user-data.yaml
  Outside:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/r
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: !Rain::Embed ../handler.py
  Both:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData: !Base64
        Fn::Sub: !Rain::Embed missing.sh
      Tags:
        - Key: db_password
          Value: Hunter22pwX
  Init:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          files:
            /etc/app.conf:
              content: !Rain::Embed app.conf
    Properties:
      ImageId: ami-12345678
"""

JSON_TEMPLATE = {
    "Resources": {
        "Json": {
            "Type": "AWS::EC2::Instance",
            "Properties": {
                "ImageId": "ami-12345678",
                "UserData": {"Fn::Base64": {"Fn::Sub": {"Rain::Embed": "user.sh"}}},
            },
        }
    }
}


def test_a_file_not_read_leaves_the_secrets_unknown(tmp_path: Path) -> None:
    stack = tmp_path / "stack"
    stack.mkdir()
    (tmp_path / "handler.py").write_text("def handler(e, c):\n    return 1\n", encoding="utf-8")
    (stack / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (stack / "app.conf").write_text("db_password=Sup3rS3cretPw!\n", encoding="utf-8")
    (stack / "json.json").write_text(json.dumps(JSON_TEMPLATE, indent=1), encoding="utf-8")
    (stack / "user.sh").write_text(
        "#!/bin/bash\nmysql -u root --password=Hunter22pwX -e 'select 1'\n", encoding="utf-8"
    )
    result = audit([stack], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    part = "part of the definition was not scanned for secrets"
    assert found == {
        "Embedded": (
            Status.UNKNOWN,
            f"{part}: the file !Rain::Embed names (missing.sh) at "
            "Properties.UserData.Fn::Base64.Fn::Sub was not read (not found)",
        ),
        "Included": (
            Status.UNKNOWN,
            f"{part}: the AWS::Include snippet (s3://bucket/user-data.yaml) at "
            "Properties.UserData.Fn::Base64 was not read (not a local file)",
        ),
        "Outside": (
            Status.UNKNOWN,
            f"{part}: the file !Rain::Embed names (../handler.py) at Properties.Code.ZipFile "
            "was not read (outside the template's folder)",
        ),
        "Both": (Status.FAIL, "a secret is written in plain text at 'Tags.0.Value'"),
        "Init": (
            Status.FAIL,
            "a secret is written in plain text at "
            "'Metadata.AWS::CloudFormation::Init.config.files./etc/app.conf.content'",
        ),
        "Json": (Status.FAIL, "a secret is written in plain text at 'UserData'"),
    }
    (embedded,) = (f for f in result.findings if f.address == "Embedded")
    assert embedded.message is not None
    assert embedded.message.th == (
        "มีบางส่วนของนิยามทรัพยากรนี้ที่ยังไม่ได้ตรวจหาข้อมูลลับ: ไม่ได้อ่านไฟล์ที่ "
        "!Rain::Embed ระบุ (missing.sh) ที่ Properties.UserData.Fn::Base64.Fn::Sub (ไม่พบไฟล์)"
    )
    (template,) = (f for f in result.inputs if f.path.endswith("template.yaml"))
    assert template.status == InputStatus.PARTIALLY_ASSESSED
    assert (template.line, template.error) == (
        6,
        "resource 'Embedded': the file !Rain::Embed names (missing.sh) at "
        "Properties.UserData.Fn::Base64.Fn::Sub was not read (not found): what it sets is "
        "not assessed",
    )
    assert len(template.additional_errors) == 3  # Included, Outside, Both
