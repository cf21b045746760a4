"""A ``NoEcho`` parameter's ``Default`` is a secret written in the template (the template
declares the value secret): any property that takes it by ``Ref`` or ``Fn::Sub`` FAILs
GDCC-SECRET-001 naming that property, whatever its name (a Lambda environment variable
``UPSTREAM`` taking one PASSed: only secret-named properties counted). A ``NoEcho`` parameter
without a default, or a default of a parameter that is not ``NoEcho`` under a plain name,
writes no secret."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

TEMPLATE = """\
Parameters:
  ApiCredential:
    Type: String
    NoEcho: true
    Default: q8Zr2vLm0PxT4nWs
  Passed:
    Type: String
    NoEcho: true
  Region:
    Type: String
    Default: ap-southeast-7
Resources:
  WithDefault:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/r
      Code: {ZipFile: "def handler(e, c): pass"}
      Environment:
        Variables:
          UPSTREAM: !Sub "https://api.example.com/?k=${ApiCredential}"
          REGION: !Ref Region
  PassedAtDeploy:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/r
      Code: {ZipFile: "def handler(e, c): pass"}
      Environment:
        Variables:
          UPSTREAM: !Ref Passed
          REGION: !Ref Region
"""


def test_noecho_defaults_are_written_secrets(tmp_path: Path) -> None:
    (tmp_path / "stack.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "WithDefault": (
            Status.FAIL,
            "a secret is written in plain text at 'Environment.Variables.UPSTREAM'",
        ),
        "PassedAtDeploy": (Status.PASS, "No secrets are written in configuration"),
    }
    resources, errors, _ = run(tmp_path / "stack.yaml")
    assert errors == []
    variables = resources["WithDefault"].attributes["Environment"]["Variables"]
    assert variables == {"UPSTREAM": "<redacted>", "REGION": {"Ref": "Region"}}
