"""The SAM transform's common types are read as what they expand to."""

from __future__ import annotations

from pathlib import Path

from iac_helpers import run

TEMPLATE = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
  Table:
    Type: AWS::Serverless::SimpleTable
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
  Http:
    Type: AWS::Serverless::HttpApi
"""


def test_sam_types_are_mapped(tmp_path: Path) -> None:
    path = tmp_path / "template.yaml"
    path.write_text(TEMPLATE, encoding="utf-8")
    resources, errors, _ = run(path)
    assert errors == []
    assert {k: r.kind for k, r in resources.items()} == {
        "Fn": "compute.function",
        "FnRole": "identity.role",  # the execution role the transform creates for Fn
        "Table": "database.instance",
        "Api": "network.api_gateway",
        "Http": "network.api_gateway",
    }
    table = resources["Table"].facets
    assert (table.encrypted_at_rest, table.customer_managed_key) == (True, False)
