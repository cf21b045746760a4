"""GDCC-ENC-004 on DynamoDB (``normalize/dynamodb_transport.py``): DynamoDB's endpoints serve
HTTP as well as HTTPS (AWS General Reference, DynamoDB endpoints), so a table accepts a signed
request in clear text unless a resource policy denies ``aws:SecureTransport`` false, as S3
does for GDCC-DATA-008. Before, every table was UNKNOWN ("whether only encrypted connections
(TLS) are accepted is not known"), a fact the configuration shows."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

HERE = Path(__file__).parent / "fixtures" / "dynamodb_transport"
NO_POLICY = (
    "unencrypted connections are accepted (provider default: 'a resource policy denying "
    "aws:SecureTransport false' not set)"
)
NO_STREAM_POLICY = (
    "unencrypted connections are accepted (provider default: 'a resource policy denying "
    "aws:SecureTransport false on the table and its stream' not set)"
)


def _found(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-ENC-004",)))
    return {f.address: (f.status, f.message.en) for f in result.findings}


def test_terraform_tables(tmp_path: Path) -> None:
    shutil.copy(HERE / "main.tf", tmp_path / "main.tf")
    found = _found(tmp_path)
    assert found["aws_dynamodb_table.plain"] == (Status.FAIL, NO_POLICY)
    assert found["aws_dynamodb_table.https"][0] is Status.PASS
    # the only policy may be the table's or the stream's: the other accepts HTTP
    assert found["aws_dynamodb_table.streamed"] == (Status.FAIL, NO_STREAM_POLICY)
    assert found["aws_dynamodb_table.both"][0] is Status.PASS
    assert found["aws_dynamodb_table.unknown"][0] is Status.UNKNOWN
    assert found["aws_dynamodb_table_replica.replica"] == (Status.FAIL, NO_POLICY)
    # the table's and its stream's policies deny HTTP; its replica's are not read
    status, message = found["aws_dynamodb_table.global"]
    assert status is Status.UNKNOWN
    assert message.endswith("its replicas in other Regions are tables of their own, whose "
                            "resource policies are not read")


def test_policy_naming_a_table_not_told(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """
variable "table_arn" {
  type = string
}
resource "aws_dynamodb_table" "t" {
  name     = "t"
  hash_key = "id"
  attribute {
    name = "id"
    type = "S"
  }
}
resource "aws_dynamodb_resource_policy" "p" {
  resource_arn = var.table_arn
  policy       = "{}"
}
""",
        encoding="utf-8",
    )
    status, message = _found(tmp_path)["aws_dynamodb_table.t"]
    assert status is Status.UNKNOWN
    assert "aws_dynamodb_resource_policy.p names a table that cannot be told" in message


def test_cloudformation_tables() -> None:
    found = _found(HERE / "template.yaml")
    assert found["Plain"] == (Status.FAIL, NO_POLICY)
    assert found["Https"][0] is Status.PASS
    assert found["Streamed"] == (Status.FAIL, NO_STREAM_POLICY)
    # the SAM transform's table has no resource policy
    assert found["Simple"] == (Status.FAIL, NO_POLICY)
    # every replica is a table of its own: one without a policy accepts HTTP
    assert found["Global"] == (Status.FAIL, NO_POLICY)
