"""A parameter whose ``Default`` is a secret that no resource reads (declared and left
unused, read only by an output or a condition) had no finding: a secret was reported only
where a resource takes it. It is a credential committed to the repository all the same: the
parameter is now a secret holder of its own (GDCC-SECRET-001 FAIL at its ``Default`` line,
named as the template names it). A parameter a resource reads is reported on that resource
once; an empty ``NoEcho`` default, a parameter with no default and an SSM parameter type
(whose default names a parameter) stay clean."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit import Settings, audit

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  DBPassword:
    Type: String
    NoEcho: true
    Default: Sup3r-S3cret-Pw
  UnusedPassword:
    Type: String
    NoEcho: true
    Default: Unus3d-S3cret-Pw
  ApiToken:
    Type: String
    Default: ghp_abcdefghijklmnopqrstuvwxyz0123456789
  OutputOnlySecret:
    Type: String
    Default: 0utput-S3cret-Pw
  EmptyPassword:
    Type: String
    NoEcho: true
    Default: ""
  SsmPassword:
    Type: AWS::SSM::Parameter::Value<String>
    Default: /app/db/password
  NoDefault:
    Type: String
    NoEcho: true
  Environment:
    Type: String
    Default: production
Conditions:
  HasToken: !Not [!Equals [!Ref ApiToken, ""]]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      MasterUsername: admin
      MasterUserPassword: !Ref DBPassword
      Tags:
        - Key: env
          Value: !Sub "${Environment}-db"
Outputs:
  Secret:
    Value: !Ref OutputOnlySecret
"""


def test_a_parameter_default_no_resource_reads_is_a_secret_of_its_own(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    found = {
        f.address: (
            f.status.value,
            f.evidence.get("paths"),
            f.location.start_line,
            {k: Path(v).name for k, v in (f.evidence.get("value_set_at") or {}).items()},
        )
        for f in result.findings
    }
    assert found == {
        "Db": ("FAIL", ["MasterUserPassword"], 33, {"MasterUserPassword": "db.yaml:6"}),
        "UnusedPassword": ("FAIL", ["Default"], 10, {"Default": "db.yaml:10"}),
        "ApiToken": ("FAIL", ["Default"], 13, {"Default": "db.yaml:13"}),
        "OutputOnlySecret": ("FAIL", ["Default"], 16, {"Default": "db.yaml:16"}),
    }
    held = [r for r in result.resources if r.address == "UnusedPassword"]
    assert [(r.kind, r.provider_type) for r in held] == [
        ("other.secret_holder", "AWS::CloudFormation::Parameter")
    ]
