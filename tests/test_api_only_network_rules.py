"""A data service reached only through the provider's API (DynamoDB, Keyspaces, QLDB...)
has no host and no port: the network-path rules on management ports (GDCC-GRAPH-002),
data-tier segmentation (GDCC-GRAPH-004) and lateral movement to database ports
(GDCC-GRAPH-005) are NOT_APPLICABLE to it, as GDCC-NET-002 already was. Every DynamoDB
table was UNKNOWN for GRAPH-002 ("management ports 22, 3389... reachable from the internet
if what is not known allows it") and GRAPH-004 ("filtering not known"). A database with a
network endpoint is still judged."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
"""

CFN = """\
Resources:
  Table:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
      KeySchema: [{AttributeName: id, KeyType: HASH}]
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      EngineVersion: "16.3"
      DBInstanceClass: db.t3.micro
      AllocatedStorage: "20"
      PubliclyAccessible: true
"""

RULES = ("GDCC-GRAPH-002", "GDCC-GRAPH-004", "GDCC-GRAPH-005")


def _api_only(kind: str) -> tuple[Status, str]:
    return (
        Status.NOT_APPLICABLE,
        f"does not apply to {kind}: the service is reached only through the provider's API "
        "and authorised by IAM: it has no network endpoint of its own to make private (VPC "
        "endpoints or VPC Service Controls restrict the API)",
    )


def test_api_only_services_have_no_ports(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "stack.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.address or "", f.rule_id): (f.status, f.message.en) for f in result.findings}
    expected = {}
    for address, kind in (
        ("aws_dynamodb_table.orders", "aws_dynamodb_table"),
        ("Table", "AWS::DynamoDB::Table"),
    ):
        for rule in RULES:
            expected[(address, rule)] = _api_only(kind)
    assert {k: v for k, v in found.items() if k[0] != "Db"} == expected
    # a database with an endpoint is still judged on its paths (its engine port): naming no
    # security group, it is in the default VPC's default group (the API-only table is not a
    # member of it); it has no SSH / RDP port
    assert found[("Db", "GDCC-GRAPH-002")][0] is Status.NOT_APPLICABLE
    assert found[("Db", "GDCC-GRAPH-004")] == (
        Status.PASS,
        "the data tier admits only members of the default security group of the default VPC "
        "(Db), none internet-facing: the documented default rules of a VPC's default security "
        "group admit its own members only, and no aws_default_security_group in the scan "
        "changes them",
    )
