"""AWS Rain directives besides ``!Rain::Embed``: ``!Rain::Include file`` is a YAML or JSON
file ``rain pkg`` writes in place as template content, read here as a snippet (a password in
it FAILs GDCC-SECRET-001); ``!Rain::Env NAME`` is an environment variable's value written in
place at ``rain pkg`` time, never in the input. Both were read as values not known and the
resource PASSed GDCC-SECRET-001 (a ``MasterUserPassword: !Rain::Env DB_PASSWORD`` too). Now a
file not read or an environment variable where a secret may go makes the resource UNKNOWN
naming it (an ``InstanceType`` from one does not), and the
template is partially assessed with the line. ``!Rain::S3`` (an S3 location) changes
nothing."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TEMPLATE = """\
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Rain::Env DB_PASSWORD
  Included:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      Tags: !Rain::Include tags.yaml
  Missing:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: {"Rain::Include": user-data.yaml}
  Sized:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: !Rain::Env INSTANCE_TYPE
  Code:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/r
      Runtime: python3.12
      Handler: index.handler
      Code: !Rain::S3
        Path: src
        BucketProperty: S3Bucket
        KeyProperty: S3Key
"""

TAGS = """\
- Key: db_password
  Value: Hunter22pwX
"""


def test_rain_include_is_read_and_rain_env_is_not_known(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    (tmp_path / "tags.yaml").write_text(TAGS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    part = "part of the definition was not scanned for secrets"
    assert found == {
        "Db": (
            Status.UNKNOWN,
            f"{part}: the environment variable !Rain::Env names (DB_PASSWORD) at "
            "Properties.MasterUserPassword was not read (its value is set when rain pkg runs)",
        ),
        "Included": (Status.FAIL, "a secret is written in plain text at 'Tags.0.Value'"),
        "Missing": (
            Status.UNKNOWN,
            f"{part}: the file !Rain::Include names (user-data.yaml) at "
            "Properties.UserData.Fn::Base64 was not read (not found)",
        ),
        "Sized": (Status.PASS, "No secrets are written in configuration"),
        "Code": (Status.PASS, "No secrets are written in configuration"),
    }
    (db,) = (f for f in result.findings if f.address == "Db")
    assert db.message is not None
    assert db.message.th == (
        "มีบางส่วนของนิยามทรัพยากรนี้ที่ยังไม่ได้ตรวจหาข้อมูลลับ: ไม่ได้อ่านตัวแปรสภาพแวดล้อมที่ "
        "!Rain::Env ระบุ (DB_PASSWORD) ที่ Properties.MasterUserPassword "
        "(ค่าจะถูกกำหนดเมื่อรัน rain pkg)"
    )
    (template,) = (f for f in result.inputs if f.path.endswith("template.yaml"))
    assert template.status == InputStatus.PARTIALLY_ASSESSED
    assert (template.line, template.error) == (
        7,
        "resource 'Db': the environment variable !Rain::Env names (DB_PASSWORD) at "
        "Properties.MasterUserPassword was not read (its value is set when rain pkg runs): "
        "what it sets is not assessed",
    )
    assert template.additional_errors == (
        "line 18: Missing.Properties: resource 'Missing': the file !Rain::Include names "
        "(user-data.yaml) at Properties.UserData.Fn::Base64 was not read (not found): "
        "what it sets is not assessed",
    )


PARAMETERS = """\
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: !Rain::Env DB_PASSWORD
  Key:
    Type: String
    Default: {"Rain::Env": API_KEY}
  Region:
    Type: String
    Default: !Rain::Env AWS_REGION
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Ref DbPassword
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/r
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: "def handler(e, c): return 1"
      Environment:
        Variables:
          API_KEY: !Sub "${Key}"
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/r
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: "def handler(e, c): return 1"
      Environment:
        Variables:
          REGION: !Ref Region
"""


def test_a_rain_env_parameter_default_taken_by_a_secret_is_not_known(tmp_path: Path) -> None:
    """``rain pkg`` writes the variable's value as the parameter's ``Default``: a secret's
    property taking it (a ``NoEcho`` parameter, or a property named as a secret) PASSed."""
    (tmp_path / "template.yaml").write_text(PARAMETERS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    part = "part of the definition was not scanned for secrets"
    assert found == {
        "Db": (
            Status.UNKNOWN,
            f"{part}: the environment variable !Rain::Env names (DB_PASSWORD) at "
            "Properties.MasterUserPassword (through the Default of parameter DbPassword) "
            "was not read (its value is set when rain pkg runs)",
        ),
        "Fn": (
            Status.UNKNOWN,
            f"{part}: the environment variable !Rain::Env names (API_KEY) at "
            "Properties.Environment.Variables.API_KEY (through the Default of parameter Key) "
            "was not read (its value is set when rain pkg runs)",
        ),
        "Plain": (Status.PASS, "No secrets are written in configuration"),
    }
    (db,) = (f for f in result.findings if f.address == "Db")
    assert db.message is not None
    assert db.message.th.endswith(
        "ที่ Properties.MasterUserPassword (ผ่านค่า Default ของพารามิเตอร์ DbPassword) "
        "(ค่าจะถูกกำหนดเมื่อรัน rain pkg)"
    )
    (template,) = result.inputs
    assert template.status == InputStatus.PARTIALLY_ASSESSED
    assert template.line == 18  # MasterUserPassword


LOOP = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Hosts:
    - Name
    - [Web, Api]
    - Host${Name}:
        Type: AWS::EC2::Instance
        Properties:
          ImageId: ami-12345678
          UserData: !Base64
            Fn::Sub: !Rain::Embed init.sh
  Fn::ForEach::Dbs:
    - Name
    - [Main]
    - Db${Name}:
        Type: AWS::RDS::DBInstance
        Properties:
          Engine: mysql
          MasterUsername: admin
          MasterUserPassword: !Rain::Env DB_PASSWORD
"""


def test_the_resources_of_a_foreach_loop_are_read_for_rain_directives(tmp_path: Path) -> None:
    """A resource a ``Fn::ForEach`` loop stands for was not walked: its embedded file was not
    read (a password in it PASSed) and its ``!Rain::Env`` password PASSed."""
    (tmp_path / "template.yaml").write_text(LOOP, encoding="utf-8")
    (tmp_path / "init.sh").write_text(
        "#!/bin/bash\nmysql -u root --password=Hunter22pwX -e 'select 1'\n", encoding="utf-8"
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {
        "HostWeb": Status.FAIL,
        "HostApi": Status.FAIL,
        "DbMain": Status.UNKNOWN,
    }
    (db,) = (f for f in result.findings if f.address == "DbMain")
    assert db.message is not None
    assert db.message.en.endswith(
        "the environment variable !Rain::Env names (DB_PASSWORD) at "
        "Properties.MasterUserPassword was not read (its value is set when rain pkg runs)"
    )
    (template,) = (f for f in result.inputs if f.path.endswith("template.yaml"))
    assert template.status == InputStatus.PARTIALLY_ASSESSED
    assert template.line == 13  # the loop of DbMain


CONSTANTS = """\
AWSTemplateFormatVersion: "2010-09-09"
Rain:
  Constants:
    DbPass: Hunter22pwX
    Token: !Sub "tok-${Rain::DbPass}-${AWS::Region}"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Rain::Constant DbPass
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/r
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: "def handler(e, c): return 1"
      Environment:
        Variables:
          API_TOKEN: !Sub "${Rain::Token}"
  Missing:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Sub "${Const::Nope}"
"""


def test_rain_constants_are_written_in(tmp_path: Path) -> None:
    """``rain pkg`` writes the template's ``Rain: Constants:`` in place of ``!Rain::Constant``
    and ``${Rain::Name}``: a password kept as a constant was a value not known (PASS)."""
    (tmp_path / "template.yaml").write_text(CONSTANTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    assert found == {
        "Db": (Status.FAIL, "a secret is written in plain text at 'MasterUserPassword'"),
        "Fn": (
            Status.FAIL,
            "a secret is written in plain text at 'Environment.Variables.API_TOKEN'",
        ),
        "Missing": (
            Status.UNKNOWN,
            "part of the definition was not scanned for secrets: the Rain constant (Nope) at "
            "Properties.MasterUserPassword was not read (no such text constant in the "
            "template's Rain section)",
        ),
    }
    (missing,) = (f for f in result.findings if f.address == "Missing")
    assert missing.message is not None
    assert missing.message.th.endswith(
        "ไม่ได้อ่านค่าคงที่ของ Rain (Nope) ที่ Properties.MasterUserPassword "
        "(ไม่มีค่าคงที่ข้อความชื่อนี้ในส่วน Rain ของเทมเพลต)"
    )


DEFAULTS = """\
Rain:
  Constants:
    AdminPass: Hunter22pwX
    Creds:
      Key: api_token
      Value: tok-9f8e7d6c5b4a3
Parameters:
  DbPassword:
    Type: String
    NoEcho: true
    Default: !Rain::Embed password.txt
  ApiKey:
    Type: String
    Default: !Rain::Include key.yaml
  RootPass:
    Type: String
    Default: !Rain::Constant AdminPass
  Missing:
    Type: String
    NoEcho: true
    Default: !Rain::Embed nope.txt
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Ref DbPassword
  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Role: arn:aws:iam::111122223333:role/r
      Runtime: python3.12
      Handler: index.handler
      Code:
        ZipFile: "def handler(e, c): return 1"
      Environment:
        Variables:
          API_KEY: !Sub "${ApiKey}"
  Root:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Ref RootPass
  Gone:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      MasterUsername: admin
      MasterUserPassword: !Ref Missing
"""


def test_a_parameter_default_written_as_a_rain_directive_is_read(tmp_path: Path) -> None:
    """``rain pkg`` runs its directives in a parameter's ``Default`` too: a password kept in
    the ``!Rain::Embed`` / ``!Rain::Include`` file or the ``!Rain::Constant`` a ``Default``
    names, taken by ``Ref`` / ``Fn::Sub`` where a secret goes, PASSed (the ``Default`` was a
    value not known); a file not found is not known where a secret goes."""
    (tmp_path / "template.yaml").write_text(DEFAULTS, encoding="utf-8")
    (tmp_path / "password.txt").write_text("Sup3rS3cretPw\n", encoding="utf-8")
    (tmp_path / "key.yaml").write_text("k-8d7f6e5d4c3b2a1\n", encoding="utf-8")
    result = audit([tmp_path / "template.yaml"], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    template = str(tmp_path / "template.yaml")
    assert found == {
        "Db": (
            Status.FAIL,
            "a secret is written in plain text at 'MasterUserPassword' "
            f"(value set at {template}:11)",
        ),
        "Fn": (  # (``!Sub "${ApiKey}"``: the parameter's Default, sub_origins)
            Status.FAIL,
            "a secret is written in plain text at 'Environment.Variables.API_KEY' "
            f"(value set at {template}:14)",
        ),
        "Root": (
            Status.FAIL,
            "a secret is written in plain text at 'MasterUserPassword' "
            f"(value set at {template}:17)",
        ),
        "Gone": (
            Status.UNKNOWN,
            "part of the definition was not scanned for secrets: the file !Rain::Embed names "
            "(nope.txt) at Properties.MasterUserPassword (through the Default of parameter "
            "Missing) was not read (not found)",
        ),
    }
    (loaded,) = result.inputs
    assert (loaded.status, loaded.line) == (InputStatus.PARTIALLY_ASSESSED, 51)


PAIRS = """\
Rain:
  Constants:
    Creds:
      Key: api_token
      Value: tok-9f8e7d6c5b4a3
Parameters:
  TagSecret:
    Type: String
    Default: !Rain::Env TAG_SECRET
Resources:
  Tagged:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      Tags:
        - Key: db_password
          Value: !Rain::Env DB_PASSWORD
        - Key: Name
          Value: !Rain::Env HOST_NAME
  ByRef:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      Tags:
        - Key: api_secret
          Value: !Ref TagSecret
  Obj:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      Tags:
        - Ref: Const::Creds
  NoObj:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      Tags:
        - Ref: Const::Nope
"""


def test_rain_env_in_a_secret_named_pair_and_object_constants_by_ref(tmp_path: Path) -> None:
    """``Tags: [{Key: db_password, Value: !Rain::Env X}]`` PASSed (the property looked at was
    ``Value``, not the pair's name), so did a tag taken from a ``Rain::Env`` parameter
    default; a secret in an object constant taken by ``Ref: Const::Creds`` (rain writes it
    in, ``replaceTemplateConstants``) PASSed too."""
    (tmp_path / "template.yaml").write_text(PAIRS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {
        f.address: (f.status, f.message.en if f.message else "") for f in result.findings
    }
    part = "part of the definition was not scanned for secrets"
    assert found == {
        "Tagged": (
            Status.UNKNOWN,
            f"{part}: the environment variable !Rain::Env names (DB_PASSWORD) at "
            "Properties.Tags.0.Value was not read (its value is set when rain pkg runs)",
        ),
        "ByRef": (
            Status.UNKNOWN,
            f"{part}: the environment variable !Rain::Env names (TAG_SECRET) at "
            "Properties.Tags.0.Value (through the Default of parameter TagSecret) was not "
            "read (its value is set when rain pkg runs)",
        ),
        "Obj": (Status.FAIL, "a secret is written in plain text at 'Tags.0.Value'"),
        "NoObj": (
            Status.UNKNOWN,
            f"{part}: the Rain constant (Nope) at Properties.Tags.0 was not read (no such "
            "constant in the template's Rain section)",
        ),
    }
    (missing,) = (f for f in result.findings if f.address == "NoObj")
    assert missing.message is not None
    assert missing.message.th.endswith(
        "ไม่ได้อ่านค่าคงที่ของ Rain (Nope) ที่ Properties.Tags.0 "
        "(ไม่มีค่าคงที่ชื่อนี้ในส่วน Rain ของเทมเพลต)"
    )


INIT = """\
Resources:
  Host:
    Type: AWS::EC2::Instance
    Metadata:
      AWS::CloudFormation::Init:
        config:
          files:
            /etc/app.env:
              content: !Rain::Env APP_ENV_FILE
    Properties:
      ImageId: ami-12345678
"""


def test_rain_env_in_cfn_init_content_is_not_known(tmp_path: Path) -> None:
    """A cfn-init file whose content is a ``!Rain::Env`` (written in when rain packages the
    template) may hold a password as user data may: it PASSed."""
    (tmp_path / "template.yaml").write_text(INIT, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    (finding,) = result.findings
    assert finding.status == Status.UNKNOWN
    assert finding.message is not None
    assert finding.message.en.endswith(
        "the environment variable !Rain::Env names (APP_ENV_FILE) at Metadata."
        "AWS::CloudFormation::Init.config.files./etc/app.env.content was not read (its value "
        "is set when rain pkg runs)"
    )
