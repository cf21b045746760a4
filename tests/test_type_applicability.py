"""Per-type applicability: a rule whose property a resource type does not have is
NOT_APPLICABLE with the reason (never PASS, never UNKNOWN); a value the mapper did read is
always judged (normalize/absent.py, ``Resource.absent``)."""

from __future__ import annotations

import pytest

from gdcc_audit.api import audit
from gdcc_audit.evaluate.engine import absent_reason
from gdcc_audit.evaluate.rule import Rule
from gdcc_audit.models.common import Text
from gdcc_audit.models.finding import Status
from gdcc_audit.models.location import SourceLocation
from gdcc_audit.models.resource import Facets, Resource
from gdcc_audit.normalize.absent import ABSENT, absent_facets
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.settings import Settings

TF = """\
variable "engine" {}

resource "aws_sqs_queue" "queue" {
  name = "jobs"
}

resource "aws_mq_broker" "broker" {
  broker_name                = "mq"
  engine_type                = "ActiveMQ"
  engine_version             = "5.17.6"
  host_instance_type         = "mq.t3.micro"
  auto_minor_version_upgrade = false
}

resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
}

resource "aws_redshift_cluster" "pinned" {
  cluster_identifier    = "pinned"
  node_type             = "ra3.xlplus"
  allow_version_upgrade = false
}

resource "aws_rds_cluster" "aurora" {
  cluster_identifier = "aurora"
  engine             = "aurora-postgresql"
}

resource "aws_rds_cluster" "multi_az" {
  cluster_identifier         = "maz"
  engine                     = "postgres"
  auto_minor_version_upgrade = false
}

resource "aws_rds_cluster" "multi_az_default" {
  cluster_identifier = "maz2"
  engine             = "mysql"
}

resource "aws_rds_cluster" "engine_unknown" {
  cluster_identifier = "u"
  engine             = var.engine
}

resource "aws_rds_cluster_instance" "member" {
  cluster_identifier         = aws_rds_cluster.aurora.id
  instance_class             = "db.r6g.large"
  engine                     = "aurora-postgresql"
  auto_minor_version_upgrade = false
}

resource "azurerm_mssql_server" "sql" {
  name                         = "sql"
  resource_group_name          = "rg"
  location                     = "southeastasia"
  version                      = "12.0"
  administrator_login          = "admin"
  administrator_login_password = var.engine
}

resource "aws_opensearch_domain" "updates_off" {
  domain_name = "search"
}

resource "aws_opensearch_domain" "updates_on" {
  domain_name = "search2"
  software_update_options {
    auto_software_update_enabled = true
  }
}

resource "aws_elasticsearch_domain" "legacy" {
  domain_name = "legacy"
}

resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  hash_key     = "id"
  billing_mode = "PAY_PER_REQUEST"
}

resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "cache"
}

resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}

resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}

resource "aws_neptune_cluster_instance" "graph_member" {
  cluster_identifier         = aws_neptune_cluster.graph.id
  instance_class             = "db.r6g.large"
  auto_minor_version_upgrade = false
}

resource "aws_lambda_permission" "outside" {
  statement_id  = "s3"
  action        = "lambda:InvokeFunction"
  function_name = "function-of-another-stack"
  principal     = "s3.amazonaws.com"
  source_arn    = "arn:aws:s3:::bucket"
}
"""

CFN = """\
Resources:
  Queue:
    Type: AWS::SQS::Queue
  AuroraInstance:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: aurora-mysql
      DBInstanceClass: db.r6g.large
      DBClusterIdentifier: c
      Tags: [{Key: "gdcc:security-category", Value: high}]
  PlainInstance:
    Type: AWS::RDS::DBInstance
    Properties: {Engine: mysql, DBInstanceClass: db.t3.micro, AllocatedStorage: "20"}
  Warehouse:
    Type: AWS::Redshift::Cluster
    Properties: {NodeType: ra3.xlplus, DBName: d, MasterUsername: u, ClusterType: single-node}
  PinnedWarehouse:
    Type: AWS::Redshift::Cluster
    Properties:
      NodeType: ra3.xlplus
      DBName: d
      MasterUsername: u
      ClusterType: single-node
      AllowVersionUpgrade: false
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties: {ReplicationGroupDescription: c, AutoMinorVersionUpgrade: false}
  Search:
    Type: AWS::OpenSearchService::Domain
    Properties: {SoftwareUpdateOptions: {AutoSoftwareUpdateEnabled: true}}
  LegacySearch:
    Type: AWS::Elasticsearch::Domain
    Properties: {ElasticsearchVersion: "7.10"}
"""

RULES = (
    "GDCC-DB-002",
    "GDCC-ENC-001",
    "GDCC-BCK-003",
    "GDCC-CMP-008",
    "GDCC-CMP-011",
    "GDCC-NET-002",
)


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Status, str]]:
    root = tmp_path_factory.mktemp("types")
    (root / "tf").mkdir()
    (root / "tf" / "main.tf").write_text(TF, encoding="utf-8")
    (root / "stack.yaml").write_text(CFN, encoding="utf-8")
    result = audit([root], Settings(rule_ids=RULES))
    return {(f.rule_id, f.address or ""): (f.status, f.message.en) for f in result.findings}


def test_minor_upgrades_not_applicable_where_the_setting_does_not_exist(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    status, message = verdicts[("GDCC-DB-002", "aws_sqs_queue.queue")]
    assert status is Status.NOT_APPLICABLE
    assert message == (
        "does not apply to aws_sqs_queue: a message queue without a database engine has no "
        "minor-version upgrades"
    )
    assert verdicts[("GDCC-DB-002", "Queue")][0] is Status.NOT_APPLICABLE
    status, message = verdicts[("GDCC-DB-002", "azurerm_mssql_server.sql")]
    assert status is Status.NOT_APPLICABLE
    assert "the provider patches this managed service itself" in message
    # Aurora: set on each instance, judged there
    status, message = verdicts[("GDCC-DB-002", "aws_rds_cluster.aurora")]
    assert status is Status.NOT_APPLICABLE
    assert "sets this on each cluster instance (aws_rds_cluster_instance" in message
    status, message = verdicts[("GDCC-DB-002", "aws_rds_cluster_instance.member")]
    assert status is Status.FAIL
    assert message.startswith("automatic minor version upgrades are off")


def test_redshift_applies_every_patch_release(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    """Redshift has no minor-upgrade switch: AWS applies each new cluster version in the
    maintenance window; AllowVersionUpgrade only allows major versions (it FAILed DB-002)."""
    for address in ("Warehouse", "PinnedWarehouse"):
        assert verdicts[("GDCC-DB-002", address)] == (
            Status.NOT_APPLICABLE,
            "does not apply to AWS::Redshift::Cluster: Amazon Redshift applies each new "
            "cluster version (its patches and security updates) in the maintenance window "
            "itself, from the current or trailing track; allow_version_upgrade "
            "(AllowVersionUpgrade) only allows major version upgrades and turns no patch off",
        ), address
    for address in ("aws_redshift_cluster.warehouse", "aws_redshift_cluster.pinned"):
        status, message = verdicts[("GDCC-DB-002", address)]
        assert status is Status.NOT_APPLICABLE, address
        assert message.startswith(
            "does not apply to aws_redshift_cluster: Amazon Redshift applies each new cluster "
            "version"
        )


def test_the_setting_is_judged_where_it_exists(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    assert verdicts[("GDCC-DB-002", "aws_mq_broker.broker")][0] is Status.FAIL
    # Multi-AZ DB clusters (mysql / postgres engines) have the setting, default true
    assert verdicts[("GDCC-DB-002", "aws_rds_cluster.multi_az")][0] is Status.FAIL
    assert verdicts[("GDCC-DB-002", "aws_rds_cluster.multi_az_default")][0] is Status.PASS
    # an engine not known before apply may be Aurora or not: UNKNOWN, never NA
    status, message = verdicts[("GDCC-DB-002", "aws_rds_cluster.engine_unknown")]
    assert (status, message) == (
        Status.UNKNOWN,
        "whether automatic minor version upgrades are on is not known from the input",
    )
    # CloudFormation: ElastiCache AutoMinorVersionUpgrade
    assert verdicts[("GDCC-DB-002", "Cache")][0] is Status.FAIL
    assert verdicts[("GDCC-DB-002", "AuroraInstance")][0] is Status.PASS
    # OpenSearch: automatic service software updates, off by default
    status, message = verdicts[("GDCC-DB-002", "aws_opensearch_domain.updates_off")]
    assert status is Status.FAIL
    assert message == (
        "automatic minor version upgrades are off (provider default: "
        "'software_update_options.0.auto_software_update_enabled' not set)"
    )
    assert verdicts[("GDCC-DB-002", "aws_opensearch_domain.updates_on")][0] is Status.PASS
    assert verdicts[("GDCC-DB-002", "Search")][0] is Status.PASS
    for address in ("aws_elasticsearch_domain.legacy", "LegacySearch"):
        status, message = verdicts[("GDCC-DB-002", address)]
        assert status is Status.NOT_APPLICABLE, address
        assert "has no automatic software-update setting" in message


def test_aurora_instance_storage_is_its_clusters(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    for address in ("aws_rds_cluster_instance.member", "AuroraInstance"):
        status, message = verdicts[("GDCC-ENC-001", address)]
        assert status is Status.NOT_APPLICABLE, address
        assert "takes this from its DB cluster (aws_rds_cluster" in message
    # deletion protection of an Aurora instance is its cluster's too (CloudFormation read
    # it as false, the RDS default, before: a wrong FAIL); the instance is tagged high so
    # that the rule's applicability (security category) holds
    status, message = verdicts[("GDCC-BCK-003", "AuroraInstance")]
    assert status is Status.NOT_APPLICABLE
    assert "takes this from its DB cluster" in message
    # a plain RDS instance keeps its own storage: judged
    assert verdicts[("GDCC-ENC-001", "PlainInstance")][0] is Status.FAIL


def test_a_grant_alone_is_judged_only_for_who_it_lets_in(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    status, message = verdicts[("GDCC-CMP-008", "aws_lambda_permission.outside")]
    assert status is Status.NOT_APPLICABLE
    assert "only grants access to a target outside the scan" in message
    assert verdicts[("GDCC-CMP-011", "aws_lambda_permission.outside")][0] is Status.PASS


def _resource(provider_type: str, **facets: object) -> Resource:
    return Resource(
        id=f"-/-/{provider_type}.x",
        kind="database.instance",
        name="x",
        provider="aws",
        provider_type=provider_type,
        facets=Facets(**facets),  # type: ignore[arg-type]
        absent=absent_facets(provider_type, {"engine": "aurora-mysql"}),
        location=SourceLocation(file="main.tf"),
    )


def test_a_value_the_mapper_read_is_always_judged() -> None:
    unset = _resource("aws_rds_cluster_instance")
    read = _resource("aws_rds_cluster_instance", encrypted_at_rest=False)
    assert absent_reason(frozenset({"encrypted_at_rest"}), unset) is not None
    assert absent_reason(frozenset({"encrypted_at_rest"}), read) is None
    # one facet of the rule exists on the type: the rule applies
    assert absent_reason(frozenset({"encrypted_at_rest", "auto_patching"}), unset) is None
    # nothing declared: the rule applies
    assert absent_reason(frozenset(), unset) is None


def test_reasons_are_bilingual_and_name_known_facets() -> None:
    from gdcc_audit.models.resource import FACET_NAMES

    for provider_type, entries in ABSENT.items():
        for entry in entries:
            assert entry.facets, provider_type
            assert entry.facets <= FACET_NAMES, provider_type
            assert isinstance(entry.reason, Text)
            assert entry.reason.th
            assert entry.reason.en


def test_rules_know_the_facets_they_judge() -> None:
    registry = collect(make_plugin_manager(entry_points=False), Settings())
    rules: dict[str, Rule] = {r.id: r for r in registry.rules}
    assert rules["GDCC-DB-002"].reads == {"auto_patching"}
    assert rules["GDCC-ENC-002"].reads == {"encrypted_at_rest", "customer_managed_key"}
    # a rule asking the graph is set aside for a facet only when its graph part can only
    # pass a resource: GDCC-GRAPH-013 (`any: [not internet_reachable, access_logging]`)
    assert rules["GDCC-GRAPH-013"].reads == {"access_logging"}
    graph_rules = [
        r for r in registry.rules if r.id.startswith("GDCC-GRAPH-") and r.id != "GDCC-GRAPH-013"
    ]
    assert graph_rules
    assert all(not r.reads for r in graph_rules)


def test_public_endpoint_of_api_only_and_vpc_only_services(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    """DynamoDB has no network endpoint of its own (NOT_APPLICABLE, never PASS); ElastiCache
    is reachable from inside its VPC only (a fact: PASS)."""
    for address in ("aws_dynamodb_table.orders",):
        status, message = verdicts[("GDCC-NET-002", address)]
        assert status is Status.NOT_APPLICABLE
        assert "reached only through the provider's API and authorised by IAM" in message
    assert verdicts[("GDCC-NET-002", "aws_elasticache_replication_group.cache")] == (
        Status.PASS,
        "Databases and message brokers are not reachable through a public endpoint",
    )
    assert verdicts[("GDCC-NET-002", "Cache")][0] is Status.PASS


def test_document_and_graph_clusters(
    verdicts: dict[tuple[str, str], tuple[Status, str]],
) -> None:
    """DocumentDB performs no minor version upgrades at all; Neptune sets them per instance,
    where they are judged (and the instance's storage is its cluster's)."""
    status, message = verdicts[("GDCC-DB-002", "aws_docdb_cluster.docs")]
    assert status is Status.NOT_APPLICABLE
    assert "Amazon DocumentDB performs no minor version upgrades" in message
    status, message = verdicts[("GDCC-DB-002", "aws_neptune_cluster.graph")]
    assert status is Status.NOT_APPLICABLE
    assert (
        "on each cluster instance (aws_neptune_cluster_instance / AWS::Neptune::DBInstance)"
        in message
    )
    status, message = verdicts[("GDCC-DB-002", "aws_neptune_cluster_instance.graph_member")]
    assert (status, message) == (Status.FAIL, "automatic minor version upgrades are off")
    status, message = verdicts[("GDCC-ENC-001", "aws_neptune_cluster_instance.graph_member")]
    assert status is Status.NOT_APPLICABLE
    assert "a Neptune instance takes this from its cluster" in message
    assert verdicts[("GDCC-NET-002", "aws_neptune_cluster_instance.graph_member")][0] is (
        Status.PASS
    )
