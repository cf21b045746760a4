"""A CloudFormation parameter declared twice with two declarations (aws-samples/
aws-cloudformation-sap-commerce declares ``Version`` three times) left the whole template
not assessed: which declaration CloudFormation keeps is not defined. The template is now
assessed with that parameter's value not known (its ``Default``, ``AllowedValues`` and
``AllowedPattern`` dropped), with a warning per declaration: what reads the parameter is
UNKNOWN, the rest is judged. A key written twice in ``Mappings`` with two values still
refuses the template."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Encrypt:
    Type: String
    Default: "true"
    AllowedValues: ["true", "false"]
  Size:
    Type: Number
    Default: 20
  Encrypt:
    Type: String
    Default: "false"
Resources:
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: !Ref Size
      StorageEncrypted: !Ref Encrypt
  Cache:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: mysql
      DBInstanceClass: db.t3.micro
      AllocatedStorage: !Ref Size
      StorageEncrypted: false
"""


def test_a_parameter_declared_twice_is_read_with_its_value_not_known(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-001",), cache=False))
    (found,) = result.inputs
    assert (found.status, found.error, found.warnings) == (
        InputStatus.ASSESSED,
        None,
        (
            "line 10: Parameters.Encrypt: duplicate key 'Encrypt' (first at line 3): a "
            "parameter declared twice, differently: which declaration CloudFormation keeps "
            "is not defined, so the template is read with this parameter's value not known",
        ),
    )
    verdicts = {f.address: (f.status.value, f.message.en) for f in result.findings}
    assert verdicts["Db"][0] == "UNKNOWN"
    assert verdicts["Cache"] == ("FAIL", "encryption at rest is off")
