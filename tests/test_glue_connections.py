"""Glue connections (``aws_glue_connection``, ``AWS::Glue::Connection``) hold a data store's
connection properties: a JDBC password written in them is a hard-coded secret (GDCC-SECRET-001
FAIL, naming the property). They were not mapped: a literal database password had no finding.
What a connection does not decide (who may read it, its encryption and rotation) is
NOT_APPLICABLE, saying where it is set."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TERRAFORM = """
variable "password" {
  type      = string
  sensitive = true
}
resource "aws_glue_connection" "literal" {
  name = "literal"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:mysql://db.example.com:3306/app"
    USERNAME            = "admin"
    PASSWORD            = "Sup3rS3cretPassw0rd!"
  }
}
resource "aws_glue_connection" "input" {
  name = "input"
  connection_properties = {
    JDBC_CONNECTION_URL = "jdbc:mysql://db.example.com:3306/app"
    USERNAME            = "admin"
    PASSWORD            = var.password
  }
}
"""
TEMPLATE = """
Resources:
  Literal:
    Type: AWS::Glue::Connection
    Properties:
      CatalogId: !Ref AWS::AccountId
      ConnectionInput:
        ConnectionType: JDBC
        ConnectionProperties:
          JDBC_CONNECTION_URL: jdbc:mysql://db.example.com:3306/app
          USERNAME: admin
          PASSWORD: Sup3rS3cretPassw0rd!
  Referenced:
    Type: AWS::Glue::Connection
    Properties:
      CatalogId: !Ref AWS::AccountId
      ConnectionInput:
        ConnectionType: JDBC
        ConnectionProperties:
          JDBC_CONNECTION_URL: jdbc:mysql://db.example.com:3306/app
          SECRET_ID: app/db
"""
RULES = ("GDCC-SECRET-001", "GDCC-SECRET-002", "GDCC-SECRET-003")


def test_passwords_in_connections(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TERRAFORM, encoding="utf-8")
    (tmp_path / "glue.yaml").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.address, f.rule_id): f for f in result.findings}
    literal = found[("aws_glue_connection.literal", "GDCC-SECRET-001")]
    assert (literal.status, literal.message.en) == (
        Status.FAIL, "a secret is written in plain text at 'connection_properties.PASSWORD'"
    )
    assert found[("aws_glue_connection.input", "GDCC-SECRET-001")].status is Status.PASS
    cfn = found[("Literal", "GDCC-SECRET-001")]
    assert (cfn.status, cfn.message.en) == (
        Status.FAIL,
        "a secret is written in plain text at 'ConnectionInput.ConnectionProperties.PASSWORD'",
    )
    assert found[("Referenced", "GDCC-SECRET-001")].status is Status.PASS
    for address in ("aws_glue_connection.literal", "Literal"):
        for rule in ("GDCC-SECRET-002", "GDCC-SECRET-003"):
            finding = found[(address, rule)]
            assert finding.status is Status.NOT_APPLICABLE
            assert "Data Catalog's resource policy" in finding.message.en
