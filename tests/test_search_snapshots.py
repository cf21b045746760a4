"""Every OpenSearch Service domain takes automated snapshots, kept 14 days (OpenSearch
developer guide, "Creating index snapshots"): GDCC-BCK-001 and GDCC-BCK-002 PASS labelled with
that page, in Terraform and CloudFormation (were UNKNOWN)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

TF = """\
resource "aws_elasticsearch_domain" "es" {
  domain_name           = "es"
  elasticsearch_version = "7.10"
}

resource "aws_opensearch_domain" "os" {
  domain_name    = "os"
  engine_version = "OpenSearch_2.11"
}
"""

CFN = """\
Resources:
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties: {EngineVersion: OpenSearch_2.11}
  Legacy:
    Type: AWS::Elasticsearch::Domain
    Properties: {ElasticsearchVersion: "7.10"}
"""

DOC = "https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html"


def test_search_domains_have_automated_snapshots(tmp_path: Path) -> None:
    (tmp_path / "tf").mkdir()
    (tmp_path / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (tmp_path / "template.yaml").write_text(CFN, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-BCK-001", "GDCC-BCK-002")))
    found = {
        (f.address or "", f.rule_id): (f.status, f.evidence) for f in result.findings
    }
    label = {"attribute": "automated snapshots (every domain)", "value": "default",
             "documentation": DOC}
    expected = {}
    for address in ("aws_elasticsearch_domain.es", "aws_opensearch_domain.os", "Search",
                    "Legacy"):
        expected[(address, "GDCC-BCK-001")] = (
            Status.PASS,
            {"backup_enabled": True, "defaults": {"backup_enabled": label}},
        )
        expected[(address, "GDCC-BCK-002")] = (
            Status.PASS,
            {"backup_retention_days": 14, "defaults": {"backup_retention_days": label}},
        )
    assert found == expected
