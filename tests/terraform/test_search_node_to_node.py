"""GDCC-ENC-004 on an OpenSearch / Elasticsearch domain that enforces HTTPS but leaves
node-to-node encryption off (the cloudposse/terraform-aws-elasticsearch default,
``node_to_node_encryption_enabled = false``) FAILed "unencrypted connections are accepted"
with nothing more: an auditor reading the domain's ``enforce_https = true`` would take it for
a wrong FAIL. The message now says what is not encrypted."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

_TF = """
resource "aws_opensearch_domain" "https_only" {
  domain_name = "https"
  domain_endpoint_options { enforce_https = true }
  node_to_node_encryption { enabled = false }
}
resource "aws_elasticsearch_domain" "both" {
  domain_name = "both"
  domain_endpoint_options { enforce_https = true }
  node_to_node_encryption { enabled = true }
}
resource "aws_opensearch_domain" "bare" {
  domain_name = "bare"
}
"""


def test_node_to_node_encryption_off_is_named(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_TF)
    result = audit([tmp_path], Settings(rule_ids=("GDCC-ENC-004",)))
    found = {f.address: f for f in result.findings}
    https_only = found["aws_opensearch_domain.https_only"]
    assert https_only.status is Status.FAIL
    assert https_only.message.en == (
        "unencrypted connections are accepted (HTTPS is enforced for clients, but node-to-node "
        "encryption is off (node_to_node_encryption.enabled): traffic between the domain's "
        "nodes is not encrypted)"
    )
    assert "node_to_node_encryption.enabled" in https_only.message.th
    assert found["aws_elasticsearch_domain.both"].status is Status.PASS
    # no endpoint options at all: plain HTTP accepted, the provider default named as before
    assert found["aws_opensearch_domain.bare"].message.en == (
        "unencrypted connections are accepted (provider default: 'domain_endpoint_options' "
        "not set)"
    )
