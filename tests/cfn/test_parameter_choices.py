"""CloudFormation parameters with ``AllowedValues`` (``normalize/cloudformation/choices.py``):
a verdict a parameter default decides says so, where the default is written and what another
allowed value gives; a parameter without a default is tried with each allowed value (the
same verdict for all -> that one, else UNKNOWN naming each; never a PASS one of them would
not earn)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  IsPublic:
    Type: String
    Default: 'false'
    AllowedValues: ['true', 'false']
  Encrypt:
    Type: String
    AllowedValues: ['true', 'false']
  Tier:
    Type: String
    AllowedValues: [small, large]
  Exposed:
    Type: String
    Default: 'false'
Conditions:
  Public: !Equals [!Ref IsPublic, 'true']
  Large: !Equals [!Ref Tier, large]
Resources:
  ByCondition:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: !If [Public, true, false]
      StorageEncrypted: !Ref Encrypt
  SameEitherWay:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: !If [Large, db.r5.large, db.t3.micro]
      PubliclyAccessible: false
      StorageEncrypted: !If [Large, true, true]
  ByReference:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: !Ref Exposed
"""


def _findings(root: Path, rule: str) -> dict[str, Finding]:
    (root / "db.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([root], Settings(rule_ids=(rule,)))
    return {f.address: f for f in result.findings if f.rule_id == rule}


def test_a_pass_decided_by_a_default_names_the_allowed_value_that_fails(
    tmp_path: Path,
) -> None:
    # Was a bare PASS: 'IsPublic' defaults to 'false', but a deployment passing 'true' (an
    # allowed value) makes the database public; the message hid it.
    finding = _findings(tmp_path, "GDCC-NET-002")["ByCondition"]
    assert finding.status.value == "PASS"
    at = f"{tmp_path / 'db.yaml'}:5"
    assert finding.message.en == (
        "Databases and message brokers are not reachable through a public endpoint (decided "
        f"by the default of the parameter IsPublic ('false', value set at {at}); a "
        "deployment with IsPublic = 'true': FAIL)"
    )
    assert finding.evidence["alternatives"] == {"with IsPublic = 'true'": "FAIL"}
    assert finding.evidence["value_set_at"] == {"public_endpoint": at}


def test_a_parameter_without_a_default_is_tried_with_each_allowed_value(
    tmp_path: Path,
) -> None:
    found = _findings(tmp_path, "GDCC-ENC-001")
    # 'Encrypt' has no default: 'false' (allowed) leaves it unencrypted -> UNKNOWN, naming
    # each value's verdict.
    unknown = found["ByCondition"]
    assert unknown.status.value == "UNKNOWN"
    assert unknown.message.en == (
        "the verdict depends on how the template is deployed: PASS with Encrypt = 'true', "
        "Tier = 'small', or with Encrypt = 'true', Tier = 'large'; FAIL with Encrypt = "
        "'false', Tier = 'small', or with Encrypt = 'false', Tier = 'large'"
    )
    # Was UNKNOWN: 'Tier' has no default, but each of its allowed values encrypts.
    same = found["SameEitherWay"]
    assert same.status.value == "PASS"
    assert same.message.en == "Data stores are encrypted at rest"


def test_a_pass_a_default_decides_points_at_it(tmp_path: Path) -> None:
    # Was a bare PASS: 'PubliclyAccessible: !Ref Exposed' is 'false' by the parameter's
    # default (no AllowedValues: any value may be passed); the PASS says where it is set.
    finding = _findings(tmp_path, "GDCC-NET-002")["ByReference"]
    assert finding.status.value == "PASS"
    at = f"{tmp_path / 'db.yaml'}:15"
    assert finding.message.en == (
        "Databases and message brokers are not reachable through a public endpoint "
        f"(value set at {at})"
    )
    assert finding.evidence["value_set_at"] == {"public_endpoint": at}


CONDITIONAL = """\
Parameters:
  Env:
    Type: String
    Default: dev
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      PubliclyAccessible: !If [IsProd, false, true]
"""


def test_a_value_a_condition_chooses_points_at_the_parameters_it_reads(
    tmp_path: Path,
) -> None:
    # Was a FAIL without "value set at": the condition IsProd reads Env, whose default
    # 'dev' makes the database public.
    path = tmp_path / "db.yaml"
    path.write_text(CONDITIONAL, encoding="utf-8")
    result = audit([path], Settings(rule_ids=("GDCC-NET-002",)))
    [finding] = result.findings
    assert finding.status.value == "FAIL"
    assert finding.evidence["value_set_at"] == {"public_endpoint": f"{path}:4"}
    assert finding.message.en.endswith(f"(value set at {path}:4)")
