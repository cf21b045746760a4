"""A secret-like name above a mapping does not make every field of it a secret: SAM functions
FAILed GDCC-SECRET-001 "a secret is written in plain text at 'Events.LambdaToken.Type',
'Events.LambdaToken.Properties.Path' ..." for an event its author named ``LambdaToken``, and
at ``Policies.0.AWSSecretsManagerRotationPolicy.FunctionName`` for a policy template. The
mapping's own keys decide; a field named like a secret below it is still one."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TEMPLATE = """\
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Policies:
        - AWSSecretsManagerRotationPolicy: {FunctionName: rotator}
      Events:
        LambdaToken:
          Type: Api
          Properties: {Path: /token, Method: get}
  Leaky:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: python3.12
      CodeUri: src/
      Environment:
        Variables:
          DB_PASSWORD: hunter2hunter2
"""


def test_secret_like_names_of_mappings(tmp_path: Path) -> None:
    (tmp_path / "template.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",)))
    assert {f.address: (f.status, f.message.en) for f in result.findings} == {
        "Fn": (Status.PASS, "No secrets are written in configuration"),
        # the implicit API of the event (API gateways are judged: a custom domain's
        # certificate private key, an API key value can be written there)
        "ServerlessRestApi": (Status.PASS, "No secrets are written in configuration"),
        "Leaky": (
            Status.FAIL,
            "a secret is written in plain text at 'Environment.Variables.DB_PASSWORD'",
        ),
    }
