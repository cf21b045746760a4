"""The TCP ports a data store listens on, for lateral-movement checks (GDCC-GRAPH-005).

A store that writes its port (Terraform ``port``, CloudFormation ``Port``) listens there; one
that writes none listens on the port its provider documents. A Redshift cluster (5439), an
OpenSearch domain (443), an EFS file system (2049) or a Neptune cluster (8182) listens on
none of the usual database ports, so a check limited to those passed a path that reaches
them. A port written as a value that is not known (a variable without a value, an
unresolved parameter) is reported as such: any port an internet-facing workload reaches may
be it.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdcc_audit.graph import kube
from gdcc_audit.graph.ecs_stores import ecs_store_ports
from gdcc_audit.graph.store_images import image_engine
from gdcc_audit.models.ports import port_number
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.arm_types import azurerm_equivalent

#: The attribute that holds a written port (Terraform, CloudFormation).
_PORT_KEYS = ("port", "Port")

# Redshift "Default: 5439": https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/
# aws-resource-redshift-cluster.html#cfn-redshift-cluster-port
_REDSHIFT = (5439,)
# OpenSearch / Elasticsearch domains answer HTTPS on 443 and, unless HTTPS is enforced, HTTP
# on 80: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/vpc.html
# ("allow inbound traffic ... HTTPS (443)")
_SEARCH = (443, 80)
_NFS = (2049,)  # https://docs.aws.amazon.com/efs/latest/ug/network-access.html (NFS, TCP 2049)
# Neptune listens on 8182: https://docs.aws.amazon.com/neptune/latest/userguide/
# get-started-connecting.html
_NEPTUNE = (8182,)
# FSx (https://docs.aws.amazon.com/fsx/latest/<Guide>/limit-access-security-groups.html):
# Lustre TCP 988 (LustreGuide), Windows SMB TCP 445 (WindowsGuide), ONTAP NFS 2049 and SMB
# 445 (ONTAPGuide), OpenZFS NFS 2049 (OpenZFSGuide)
_FSX = {"LUSTRE": (988,), "WINDOWS": (445,), "ONTAP": (2049, 445), "OPENZFS": (2049,)}
# DAX: 8111, and 9111 with TLS: https://docs.aws.amazon.com/amazondynamodb/latest/
# developerguide/DAX.create-cluster.console.configure-inbound-rules.html
_DAX = (8111, 9111)
# OpenSearch Serverless collections answer on their HTTPS endpoint only
# (``https://<id>.<region>.aoss.amazonaws.com``; "OpenSearch Serverless supports TLS 1.2"
# in transit: OpenSearch Service developer guide, serverless-encryption-in-transit)
_AOSS = (443,)
# DocumentDB clusters and instances listen on 27017 unless a port is written (the DocumentDB
# developer guide's security groups admit "port 27017", the default port of the cluster)
_DOCDB = (27017,)
# Valkey / Redis OSS stores on 6379 (ElastiCache User Guide, above): an ElastiCache
# replication group is Valkey or Redis OSS only ("creates an Amazon ElastiCache (Valkey or
# Redis OSS) replication group", CloudFormation AWS::ElastiCache::ReplicationGroup; Terraform
# ``engine`` "Valid values are redis or valkey. Default is redis"), and a MemoryDB cluster is
# too (its ``port`` "Defaults to 6379", Terraform aws_memorydb_cluster)
_REDIS = (6379,)

# Amazon MSK brokers: plaintext 9092, TLS 9094, SASL/SCRAM 9096, IAM 9098 (public access
# 9194 / 9196 / 9198), Apache ZooKeeper 2181 and 2182 with TLS (MSK developer guide,
# port-info.html); MSK Serverless: IAM only ("MSK Serverless requires IAM access control for
# all clusters", serverless.html), 9098
_MSK = (9092, 9094, 9096, 9098, 2181, 2182, 9194, 9196, 9198)
_MSK_SERVERLESS = (9098,)
# Amazon MQ: ActiveMQ OpenWire 61617, AMQP 5671, STOMP 61614, MQTT 8883, WSS 61619 and the web
# console 8162; RabbitMQ AMQP 5671 and the web console / management API on 443 and 15671
# (Amazon MQ developer guide: "Amazon MQ for ActiveMQ brokers", "Listener ports" of
# "Amazon MQ for RabbitMQ brokers")
_ACTIVEMQ = (61617, 5671, 61614, 8883, 61619, 8162)
_RABBITMQ = (5671, 443, 15671)
_MQ_ENGINES = {"activemq": _ACTIVEMQ, "rabbitmq": _RABBITMQ}
_MQ_TYPES = frozenset({"aws_mq_broker", "AWS::AmazonMQ::Broker"})
#: Message brokers with listeners in a VPC, whose ports GDCC-GRAPH-005 checks (queues, topics
#: and streams used through a service API have none).
AWS_BROKERS = _MQ_TYPES | {
    "aws_msk_cluster", "AWS::MSK::Cluster", "aws_msk_serverless_cluster",
    "AWS::MSK::ServerlessCluster",
}

#: The documented port of each store type that has one of its own.
SERVICE_PORTS: dict[str, tuple[int, ...]] = {
    "aws_redshift_cluster": _REDSHIFT,
    "aws_redshiftserverless_workgroup": _REDSHIFT,
    "AWS::Redshift::Cluster": _REDSHIFT,
    "AWS::RedshiftServerless::Workgroup": _REDSHIFT,
    "aws_opensearch_domain": _SEARCH,
    "aws_elasticsearch_domain": _SEARCH,
    "AWS::OpenSearchService::Domain": _SEARCH,
    "AWS::Elasticsearch::Domain": _SEARCH,
    "aws_efs_file_system": _NFS,
    "AWS::EFS::FileSystem": _NFS,
    "google_filestore_instance": _NFS,
    "aws_neptune_cluster": _NEPTUNE,
    "AWS::Neptune::DBCluster": _NEPTUNE,
    "aws_fsx_lustre_file_system": _FSX["LUSTRE"],
    "aws_fsx_windows_file_system": _FSX["WINDOWS"],
    "aws_fsx_ontap_file_system": _FSX["ONTAP"],
    "aws_fsx_openzfs_file_system": _FSX["OPENZFS"],
    "aws_dax_cluster": _DAX,
    "AWS::DAX::Cluster": _DAX,
    "aws_opensearchserverless_collection": _AOSS,
    **dict.fromkeys(
        ("aws_docdb_cluster", "aws_docdb_cluster_instance", "AWS::DocDB::DBCluster",
         "AWS::DocDB::DBInstance"),
        _DOCDB,
    ),
    **dict.fromkeys(
        ("aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup",
         "aws_memorydb_cluster", "AWS::MemoryDB::Cluster"),
        _REDIS,
    ),
    "AWS::OpenSearchServerless::Collection": _AOSS,
    # Memorystore for Memcached: 11211; Memorystore for Redis Cluster: the discovery endpoint
    # on 6379 and the nodes on 11000-13047, of which the first is checked (a rule opening the
    # range opens it): normalize/terraform/google_memorystore.py
    "google_memcache_instance": (11211,),
    "google_redis_cluster": (6379, 11000),
    "google_memorystore_instance": (6379, 11000),  # Memorystore for Valkey, the same
    # Memorystore for Redis: 6379, and 6378 with in-transit encryption (``_google_redis``)
    "aws_msk_cluster": _MSK,
    "AWS::MSK::Cluster": _MSK,
    "aws_msk_serverless_cluster": _MSK_SERVERLESS,
    "AWS::MSK::ServerlessCluster": _MSK_SERVERLESS,
    # Azure AI Search and Data Explorer answer HTTPS (their REST and query endpoints; the
    # mapper's ingress, normalize/terraform/azure_reach.py)
    "azurerm_search_service": (443,),
    "azurerm_kusto_cluster": (443,),
}


#: Database types whose listening port is their engine's: Azure SQL 1433, MySQL 3306,
#: PostgreSQL 5432 (https://learn.microsoft.com/en-us/azure/azure-sql/database/
#: connectivity-architecture, .../mysql/flexible-server/concepts-networking,
#: .../postgresql/flexible-server/concepts-networking); Azure Cache for Redis 6380 with TLS and
#: 6379 without (.../azure-cache-for-redis/cache-configure#access-ports).
_ENGINE_OF_TYPE = {
    **dict.fromkeys(
        ("azurerm_mssql_server", "azurerm_sql_server", "azurerm_mssql_database",
         "azurerm_mssql_managed_instance",
         "azurerm_sql_managed_instance", "azurerm_synapse_workspace"),
        "sqlserver",
    ),
    **dict.fromkeys(("azurerm_mysql_server", "azurerm_mysql_flexible_server"), "mysql"),
    **dict.fromkeys(
        ("azurerm_postgresql_server", "azurerm_postgresql_flexible_server"), "postgres"
    ),
}
_REDIS_TYPES = frozenset({"azurerm_redis_cache"})
#: An engine's default port, by the prefix of its name (RDS and ElastiCache ``engine`` /
#: ``Engine``, Cloud SQL ``database_version``): MySQL and MariaDB 3306, PostgreSQL 5432,
#: SQL Server 1433, Oracle 1521, Db2 50000 (https://docs.aws.amazon.com/AmazonRDS/latest/
#: APIReference/API_CreateDBInstance.html, "Port";
#: https://cloud.google.com/sql/docs/mysql/connect-overview); ElastiCache Memcached 11211,
#: Redis OSS and Valkey 6379 (ElastiCache User Guide, "Access patterns for accessing an
#: ElastiCache cache in an Amazon VPC": the cluster's security group admits "6379 for Valkey
#: and Redis OSS, 11211 for Memcached").
_ENGINE_PORTS = (
    ("aurora-postgresql", 5432), ("aurora-mysql", 3306), ("aurora", 3306),
    ("postgres", 5432), ("mysql", 3306), ("mariadb", 3306), ("sqlserver", 1433),
    ("oracle", 1521), ("db2", 50000), ("memcached", 11211), ("redis", 6379),
    ("valkey", 6379),
)
_ENGINE_KEYS = ("engine", "Engine", "database_version")
#: Every RDS DB engine's default port (MySQL / MariaDB, PostgreSQL, SQL Server, Oracle, Db2:
#: ``_ENGINE_PORTS``): the ports a read replica whose source and engine are not known may use.
RDS_ENGINE_PORTS = (3306, 5432, 1433, 1521, 50000)


#: ElastiCache Serverless for Valkey and Redis OSS: the endpoint on 6379 and the reader
#: endpoint on 6380 (AWS's getting-started script for a Valkey serverless cache opens "ports
#: 6379 and 6380" in its security group: docs.aws.amazon.com/ec2/latest/devguide/
#: example_ec2_GettingStarted_065_section.html). Memcached: its engine's 11211.
_SERVERLESS_CACHES = frozenset(
    {"aws_elasticache_serverless_cache", "AWS::ElastiCache::ServerlessCache"}
)
#: ElastiCache caches whose engine may be Valkey, Redis OSS or Memcached: with no engine known
#: (a parameter, a variable without a value) they may listen on any of their engines' ports,
#: never a PostgreSQL one. A cluster that joins a replication group
#: (``replication_group_id`` / ``ReplicationGroupId``) takes its group's engine, Valkey or
#: Redis OSS.
_CACHES = frozenset({"aws_elasticache_cluster", "AWS::ElastiCache::CacheCluster"}) | (
    _SERVERLESS_CACHES
)
_GROUP_KEYS = ("replication_group_id", "ReplicationGroupId")


def _cache_ports(resource: Resource) -> tuple[int, ...]:
    """The ports of an ElastiCache cache whose engine is not known: its group's Valkey / Redis
    OSS for a member of a replication group, else every engine's it may be."""
    if any(resource.attributes.get(key) for key in _GROUP_KEYS):
        return _REDIS
    serverless = resource.provider_type in _SERVERLESS_CACHES
    return (6379, 6380, 11211) if serverless else (6379, 11211)


#: Cosmos DB accounts answer HTTPS on 443 and, by their API, 10255 (MongoDB) or 10350
#: (Cassandra): the mapper's ingress opens each (``normalize/terraform/azurerm._cosmos_ports``).
#: None of them is a usual database port: an account a web server reached on 443 was
#: GDCC-GRAPH-005 PASS.
_COSMOS = "azurerm_cosmosdb_account"


def _declared_ports(resource: Resource, none: tuple[int, ...] = (443,)) -> tuple[int, ...]:
    """The single ports the store's own ingress rules open, in their order (``none`` when
    none: 443 for an account that admits nothing)."""
    found: list[int] = []
    for rule in resource.facets.ingress or ():
        port = rule.from_port
        if port is not None and port == rule.to_port and port not in found:
            found.append(port)
    return tuple(found) or none


def _type_of(resource: Resource) -> str:
    """The azurerm type a resource stands for: an AzAPI resource is read as one
    (``normalize.arm_types``), and listens where it does."""
    written = resource.attributes.get("type")
    return azurerm_equivalent(resource.provider_type, written) or resource.provider_type


def _mq_ports(resource: Resource) -> tuple[int, ...]:
    """An Amazon MQ broker's listener ports: its engine's (``engine_type`` / ``EngineType``),
    else both engines'."""
    engine = next(
        (v for k in ("engine_type", "EngineType")
         if isinstance(v := resource.attributes.get(k), str)),
        None,
    )
    found = _MQ_ENGINES.get(engine.lower()) if engine else None
    return found or _ACTIVEMQ + tuple(p for p in _RABBITMQ if p not in _ACTIVEMQ)


def _engine_port(resource: Resource, kind: str) -> tuple[int, ...]:
    if kind in _MQ_TYPES:
        return _mq_ports(resource)
    if kind in _REDIS_TYPES:
        return (6380, 6379)
    if kind == _COSMOS:
        return _declared_ports(resource)
    engine = _ENGINE_OF_TYPE.get(kind)
    if engine is None:
        written = next(
            (v for k in _ENGINE_KEYS if isinstance(v := resource.attributes.get(k), str)), None
        )
        engine = written.lower() if written else None
    if engine is not None:
        for prefix, port in _ENGINE_PORTS:
            if engine.startswith(prefix):
                if port == 6379 and resource.provider_type in _SERVERLESS_CACHES:
                    return (6379, 6380)
                return (port,)
    return _cache_ports(resource) if resource.provider_type in _CACHES else ()


@dataclass(frozen=True)
class StorePorts:
    """The ports a store listens on (``ports``), and whether it writes one not known."""

    ports: tuple[int, ...]
    not_known: bool


def store_ports(resource: Resource) -> StorePorts:
    """The ports ``resource`` listens on beyond the usual database ports: the port it
    writes, else its type's or engine's documented port (none when neither is known); an
    ECS service's: its database containers' (``graph/ecs_stores.py``)."""
    attributes = resource.attributes
    if resource.kind == "container.service":
        return StorePorts(*ecs_store_ports(resource))
    if resource.kind == "k8s.workload":
        # its database images' ports (graph/store_images.IMAGE_PORTS): etcd's 2379 and
        # MinIO's 9000 are no usual database ports, and were not tried
        engines = (image_engine(image) for image in kube.images(resource))
        return StorePorts(tuple(dict.fromkeys(e[1] for e in engines if e is not None)), False)
    for key in _PORT_KEYS:
        if key in attributes:
            number = port_number(attributes[key])
            if number is None:
                return StorePorts((), True)
            return StorePorts((number,), False)
    if resource.provider_type == "AWS::FSx::FileSystem":
        kind = attributes.get("FileSystemType")
        if not isinstance(kind, str) or kind.upper() not in _FSX:
            return StorePorts((), True)
        return StorePorts(_FSX[kind.upper()], False)
    kind = _type_of(resource)
    if kind == "google_redis_instance":
        # 6379, and 6378 first with in-transit encryption: the ports its ingress opens
        # (normalize/terraform/google_memorystore.py)
        return StorePorts(_declared_ports(resource, (6379,)), False)
    documented = SERVICE_PORTS.get(kind) or _engine_port(resource, kind)
    return StorePorts(documented, False)


def replica_ports(replica: Resource, source: Resource | None) -> StorePorts:
    """The ports of a read replica of a DB instance: the port it writes, else its source's
    ("Default: Inherits from the source DB instance", RDS API CreateDBInstanceReadReplica,
    Port), which is its source's written port or its engine's. A source not in the scan may
    listen on a port of its own: then its engine's port (the replica's written engine, else
    every RDS engine's) comes first and the port is not known."""
    if any(key in replica.attributes for key in _PORT_KEYS):
        return store_ports(replica)
    own = store_ports(replica).ports
    if source is not None:
        of_source = store_ports(source)
        return StorePorts(
            of_source.ports + tuple(p for p in own if p not in of_source.ports),
            of_source.not_known,
        )
    return StorePorts(own or RDS_ENGINE_PORTS, True)
