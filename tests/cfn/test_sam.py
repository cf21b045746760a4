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


SIMPLE_TABLES = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Plain:
    Type: AWS::Serverless::SimpleTable
  Kept:
    Type: AWS::Serverless::SimpleTable
    Properties:
      PointInTimeRecoverySpecification:
        PointInTimeRecoveryEnabled: true
      SSESpecification:
        SSEEnabled: true
        SSEType: KMS
        KMSMasterKeyId: arn:aws:kms:ap-southeast-7:111122223333:key/1234abcd
"""


def test_simple_table_is_read_as_its_dynamodb_table(tmp_path: Path) -> None:
    """Point-in-time recovery and the key pass to the DynamoDB table (were "never": a wrong
    FAIL); the table's defaults, API-only reach and service patching are the SimpleTable's
    (GDCC-NET-002, GRAPH-004/005, DB-002 were UNKNOWN)."""
    from gdcc_audit.api import audit
    from gdcc_audit.models.finding import Status
    from gdcc_audit.settings import Settings

    path = tmp_path / "template.yaml"
    path.write_text(SIMPLE_TABLES, encoding="utf-8")
    resources, errors, _ = run(path)
    assert errors == []
    kept, plain = resources["Kept"], resources["Plain"]
    assert (kept.facets.backup_enabled, kept.facets.customer_managed_key) == (True, True)
    assert kept.facets.backup_retention_days == 35  # the PITR period's default
    assert (plain.facets.backup_enabled, plain.facets.customer_managed_key) == (False, False)
    assert plain.defaults["backup_enabled"].attribute == "PointInTimeRecoverySpecification"
    rules = ("GDCC-BCK-001", "GDCC-NET-002", "GDCC-GRAPH-005", "GDCC-DB-002")
    result = audit([path], Settings(rule_ids=rules))
    found = {(f.address, f.rule_id): f.status for f in result.findings}
    assert found == {
        ("Kept", "GDCC-BCK-001"): Status.PASS,
        ("Plain", "GDCC-BCK-001"): Status.FAIL,
        **{(t, r): Status.NOT_APPLICABLE for t in ("Kept", "Plain") for r in rules[1:]},
    }


GLOBAL_URL = """\
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
    FunctionUrlConfig:
      AuthType: NONE
    Tags:
      gdcc_classification: internal
Resources:
  Open:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
  Signed:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      FunctionUrlConfig:
        AuthType: AWS_IAM
"""


def test_function_globals_are_the_functions(tmp_path: Path) -> None:
    """``Globals: Function:`` is merged into every function as the transform merges it (maps
    merged, the function's values win): a function URL without authentication written there
    PASSed GDCC-CMP-011 on every function."""
    from gdcc_audit.api import audit
    from gdcc_audit.models.finding import Status
    from gdcc_audit.settings import Settings

    path = tmp_path / "template.yaml"
    path.write_text(GLOBAL_URL, encoding="utf-8")
    resources, errors, _ = run(path)
    assert errors == []
    assert resources["Open"].tags["gdcc_classification"] == "internal"
    result = audit([path], Settings(rule_ids=("GDCC-CMP-011",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {"Open": Status.FAIL, "Signed": Status.PASS}
