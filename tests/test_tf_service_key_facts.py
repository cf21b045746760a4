"""Terraform DAX clusters and AppSync API caches have no key to choose (never a customer-managed
key: GDCC-ENC-002 FAILs rather than UNKNOWN), and Keyspaces accepts only TLS (GDCC-ENC-004
PASS), as their CloudFormation twins already read."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MAIN = """\
resource "aws_dax_cluster" "cache" {
  cluster_name       = "sessions"
  iam_role_arn       = "arn:aws:iam::111122223333:role/dax"
  node_type          = "dax.r4.large"
  replication_factor = 1
  server_side_encryption {
    enabled = true
  }
}

resource "aws_appsync_api_cache" "cache" {
  api_id                     = "abc123"
  api_caching_behavior       = "FULL_REQUEST_CACHING"
  type                       = "LARGE"
  ttl                        = 900
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}

resource "aws_keyspaces_table" "events" {
  keyspace_name = "audit"
  table_name    = "events"
  schema_definition {
    column {
      name = "id"
      type = "text"
    }
    partition_key {
      name = "id"
    }
  }
}
"""

MANIFEST = """\
apiVersion: gdcc-audit/v1
kind: Tenant
metadata: {name: keys}
agency: {name_th: หน่วยงานทดสอบ, name_en: Test Agency}
iac:
  - {path: main.tf, system: payments}
systems:
  - id: payments
    name_th: ระบบชำระเงิน
    name_en: Payments
    personal_data: true
    security_category: {confidentiality: high, integrity: high, availability: high}
"""


def test_service_key_and_tls_facts(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(MAIN)
    (tmp_path / "tenant.yaml").write_text(MANIFEST)
    result = audit(
        [tmp_path / "tenant.yaml"], Settings(rule_ids=("GDCC-ENC-002", "GDCC-ENC-004"))
    )
    found = {(f.rule_id, f.address): (f.status, f.evidence) for f in result.findings}
    assert found[("GDCC-ENC-002", "aws_dax_cluster.cache")] == (
        Status.FAIL,
        {"customer_managed_key": False},
    )
    assert found[("GDCC-ENC-002", "aws_appsync_api_cache.cache")] == (
        Status.FAIL,
        {"customer_managed_key": False},
    )
    assert found[("GDCC-ENC-002", "aws_keyspaces_table.events")][0] == Status.FAIL
    assert found[("GDCC-ENC-004", "aws_keyspaces_table.events")][0] == Status.PASS
