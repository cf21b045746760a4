"""GDCC-DB-004 on a CloudFormation database whose ``Engine`` is an intrinsic function: a
``!Ref`` to a parameter without a value was NOT_APPLICABLE "not a PostgreSQL database" (the
check read the function as written); now UNKNOWN "the database engine is not known from the
input". A parameter's default or a decidable ``!If`` gives the engine (``engine`` attribute:
the value it resolves to), judged as written."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Free:
    Type: String
  Given:
    Type: String
    Default: mysql
Conditions:
  Never: !Equals [a, b]
Resources:
  FromFree:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !Ref Free
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
  FromGiven:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !Ref Given
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
  Chosen:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: !If [Never, postgres, mariadb]
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
"""


def test_cfn_engine_not_known(tmp_path: Path) -> None:
    (tmp_path / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DB-004",), cache=False))
    found = {f.address: (f.status, f.message.en if f.message else None) for f in result.findings}
    assert found == {
        "FromFree": (
            Status.UNKNOWN,
            "the database engine is not known from the input: whether it is PostgreSQL, and "
            "its connection logging flags, are not known",
        ),
        "FromGiven": (Status.NOT_APPLICABLE, "not a PostgreSQL database"),
        "Chosen": (Status.NOT_APPLICABLE, "not a PostgreSQL database"),
    }
