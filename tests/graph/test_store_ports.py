"""GDCC-GRAPH-005 checks each data store on the port it listens on, not only on the usual
database ports: a Redshift cluster (5439), an OpenSearch domain (443), a Neptune cluster
(8182) and a database on a written port (15432) reached from an internet-facing web server
were PASS "No internet-facing workload can move laterally to a data store's database port".
A port written as a value that is not known makes any reached port UNKNOWN, never PASS."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.store_ports import StorePorts, store_ports
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource, SourceLocation
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "store_ports"
RULE = "GDCC-GRAPH-005"


def _findings(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=(RULE,)))
    return {
        f.address or "": (f.status, f.message.en)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def test_terraform_stores_are_checked_on_their_own_port() -> None:
    found = _findings(FIXTURES / "terraform")
    lateral = "a workload reachable from the internet can connect to port"
    assert found == {
        "aws_redshift_cluster.warehouse": (
            Status.FAIL, f"{lateral} 5439: internet → web:443 → warehouse:5439"
        ),
        "aws_opensearch_domain.search": (
            Status.FAIL, f"{lateral} 443: internet → web:443 → search:443"
        ),
        "aws_db_instance.custom_port": (
            Status.FAIL, f"{lateral} 15432: internet → web:443 → custom_port:15432"
        ),
        # reached through its mount target, whose group admits the web tier on NFS
        "aws_efs_file_system.share": (
            Status.FAIL, f"{lateral} 2049: internet → web:443 → share:2049"
        ),
        "aws_db_instance.port_not_known": (
            Status.UNKNOWN,
            "its port is not known and a workload reachable from the internet can connect "
            "to it: internet → web:443 → port_not_known:443,2049,5439,15432",
        ),
        # reached only by the application tier, which is not internet-facing
        "aws_redshift_cluster.internal": (
            Status.PASS,
            "No internet-facing workload can move laterally to a data store's database port",
        ),
    }
    result = audit([FIXTURES / "terraform"], Settings(rule_ids=(RULE,)))
    internal = next(f for f in result.findings if f.address == "aws_redshift_cluster.internal")
    assert internal.evidence["checked_ports"] == [
        5439, 5432, 3306, 1433, 1521, 27017, 6379, 9200, 9042, 5984, 11211
    ]


def test_cloudformation_stores_are_checked_on_their_own_port() -> None:
    found = _findings(FIXTURES / "stack.yaml")
    lateral = "a workload reachable from the internet can connect to port"
    assert found == {
        "Warehouse": (Status.FAIL, f"{lateral} 5439: internet → Web:443 → Warehouse:5439"),
        "Graph": (Status.FAIL, f"{lateral} 8182: internet → Web:443 → Graph:8182"),
        "GraphOnAParameter": (
            Status.UNKNOWN,
            "its port is not known and a workload reachable from the internet can connect "
            "to it: internet → Web:443 → GraphOnAParameter:5439,8182",
        ),
    }


def test_cloudformation_file_system_is_reached_through_its_mount_targets() -> None:
    """An ``AWS::EFS::MountTarget`` is folded into its file system: its subnet and groups
    decide who reaches the file system (GDCC-GRAPH-004 and 005 were UNKNOWN, "filtering not
    known", on every file system); the mount target is not a resource of its own."""
    result = audit([FIXTURES / "efs.yaml"], Settings(rule_ids=("GDCC-GRAPH-004", RULE)))
    found = {
        (f.address, f.rule_id): (f.status, f.message.en)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }
    assert found == {
        ("Share", "GDCC-GRAPH-004"): (
            Status.PASS,
            "the data tier admits members of security group WebGroup, which holds "
            "internet-facing Web (a lateral path GDCC-GRAPH-005 judges)",
        ),
        ("Share", RULE): (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 2049: "
            "internet → Web:443 → Share:2049",
        ),
    }
    assert "ShareTarget" not in {r.address for r in result.resources}


def _store(provider_type: str, **attributes: object) -> Resource:
    return Resource(
        id=f"t/s/{provider_type}.x",
        kind="storage.file_share" if "FSx" in provider_type else "database.instance",
        name="x",
        provider="aws",
        provider_type=provider_type,
        attributes=dict(attributes),
        location=SourceLocation(file="x"),
    )


def test_store_ports_written_documented_and_not_known() -> None:
    assert store_ports(_store("aws_db_instance", port=3307)) == StorePorts((3307,), False)
    assert store_ports(_store("AWS::RDS::DBInstance", Port="3308")) == StorePorts((3308,), False)
    assert store_ports(_store("aws_db_instance", port=None)) == StorePorts((), True)
    assert store_ports(_store("AWS::RDS::DBInstance", Port={"Ref": "P"})) == StorePorts((), True)
    assert store_ports(_store("aws_db_instance")) == StorePorts((), False)
    assert store_ports(_store("aws_redshift_cluster")) == StorePorts((5439,), False)
    assert store_ports(_store("AWS::FSx::FileSystem", FileSystemType="WINDOWS")) == StorePorts(
        (445,), False
    )
    assert store_ports(_store("AWS::FSx::FileSystem")) == StorePorts((), True)
    # an OpenSearch Serverless collection answers HTTPS only (aws-samples/retail-demo-store's
    # Collection was reached "on port 5432")
    for aoss in ("AWS::OpenSearchServerless::Collection", "aws_opensearchserverless_collection"):
        assert store_ports(_store(aoss)) == StorePorts((443,), False)


def test_engine_ports_when_no_port_is_written() -> None:
    """An all-ports path to a SQL Server was reported on port 5432 (the first usual port):
    the engine's documented port comes first."""
    assert store_ports(_store("aws_db_instance", engine="sqlserver-ex")) == StorePorts(
        (1433,), False
    )
    assert store_ports(_store("AWS::RDS::DBCluster", Engine="aurora-postgresql")) == StorePorts(
        (5432,), False
    )
    assert store_ports(_store("aws_rds_cluster", engine="aurora")) == StorePorts((3306,), False)
    assert store_ports(
        _store("google_sql_database_instance", database_version="SQLSERVER_2019_STANDARD")
    ) == StorePorts((1433,), False)
    assert store_ports(_store("azurerm_mssql_server")) == StorePorts((1433,), False)
    assert store_ports(_store("azurerm_mysql_flexible_server")) == StorePorts((3306,), False)
    assert store_ports(_store("azurerm_redis_cache")) == StorePorts((6380, 6379), False)
    assert store_ports(_store("aws_db_instance", engine="custom-thing")) == StorePorts((), False)
    # ElastiCache (aws-refarch-drupal's memcached cluster, whose group comes from a parameter,
    # was reached "on port 5432")
    assert store_ports(_store("AWS::ElastiCache::CacheCluster", Engine="memcached")) == (
        StorePorts((11211,), False)
    )
    assert store_ports(_store("aws_elasticache_cluster", engine="redis")) == (
        StorePorts((6379,), False)
    )


def test_an_all_ports_path_names_the_engine_port(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(
        """\
resource "azurerm_redis_cache" "cache" {
  name                = "cache"
  location            = "southeastasia"
  resource_group_name = "rg"
  capacity            = 1
  family              = "C"
  sku_name            = "Standard"
}

resource "azurerm_linux_virtual_machine" "vm" {
  name                  = "vm"
  resource_group_name   = "rg"
  location              = "southeastasia"
  size                  = "Standard_B1s"
  admin_username        = "u"
  network_interface_ids = []
  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "Standard_LRS"
  }
}
""",
        encoding="utf-8",
    )
    found = _findings(tmp_path)
    # a cache whose filtering is not known (an Azure SQL server is no longer: its firewall
    # admits nothing without a rule, tests/graph/test_documented_store_filtering.py)
    status, message = found["azurerm_redis_cache.cache"]
    assert status is Status.UNKNOWN
    assert "can connect to port 6380 if what is not known allows it" in message


def test_cache_ports_when_the_engine_is_not_written() -> None:
    """A replication group that writes no ``engine`` (Terraform default redis; CloudFormation
    replication groups are Valkey or Redis OSS only) was reached "on port 5432": its path and
    message name 6379. A cache whose engine is not known may be any ElastiCache engine; a
    MemoryDB cluster listens on 6379 and a DocumentDB cluster on 27017."""
    redis = StorePorts((6379,), False)
    for group in ("aws_elasticache_replication_group", "AWS::ElastiCache::ReplicationGroup",
                  "aws_memorydb_cluster", "AWS::MemoryDB::Cluster"):
        assert store_ports(_store(group)) == redis
    assert store_ports(_store("aws_elasticache_replication_group", engine="valkey")) == redis
    assert store_ports(_store("aws_elasticache_replication_group", port=6380)) == StorePorts(
        (6380,), False
    )
    # a member of a replication group takes its group's engine
    assert store_ports(_store("aws_elasticache_cluster", replication_group_id="rg")) == redis
    assert store_ports(
        _store("AWS::ElastiCache::CacheCluster", Engine={"Ref": "Engine"})
    ) == StorePorts((6379, 11211), False)
    assert store_ports(_store("aws_elasticache_serverless_cache")) == StorePorts(
        (6379, 6380, 11211), False
    )
    assert store_ports(_store("aws_elasticache_cluster", engine="memcached")) == StorePorts(
        (11211,), False
    )
    for docdb in ("aws_docdb_cluster", "aws_docdb_cluster_instance", "AWS::DocDB::DBCluster",
                  "AWS::DocDB::DBInstance"):
        assert store_ports(_store(docdb)) == StorePorts((27017,), False)
    # not a cache: an engine not known still names no port of its own
    assert store_ports(_store("aws_db_instance")) == StorePorts((), False)


#: An internet-facing web server in a public subnet (the other store-port tests start from it).
PUBLIC_WEB_TIER_TF = """\
resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }
resource "aws_internet_gateway" "igw" { vpc_id = aws_vpc.main.id }
resource "aws_subnet" "web" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = true
}
resource "aws_security_group" "web" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
resource "aws_instance" "web" {
  ami                    = "ami-12345678"
  instance_type          = "t3.small"
  subnet_id              = aws_subnet.web.id
  vpc_security_group_ids = [aws_security_group.web.id]
}
"""

_ALL_PORTS_TF = PUBLIC_WEB_TIER_TF + """\
# the web tier reaches the stores on every port
resource "aws_security_group" "stores" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 0
    to_port         = 65535
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "no engine written: redis"
  node_type            = "cache.t3.micro"
  security_group_ids   = [aws_security_group.stores.id]
}
resource "aws_memorydb_cluster" "memory" {
  name               = "memory"
  node_type          = "db.t4g.small"
  acl_name           = "open-access"
  security_group_ids = [aws_security_group.stores.id]
}
resource "aws_docdb_cluster" "docs" {
  cluster_identifier     = "docs"
  vpc_security_group_ids = [aws_security_group.stores.id]
}
"""


def test_an_all_ports_path_names_the_cache_port(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_ALL_PORTS_TF, encoding="utf-8")
    lateral = "a workload reachable from the internet can connect to port"
    assert _findings(tmp_path) == {
        "aws_elasticache_replication_group.cache": (
            Status.FAIL, f"{lateral} 6379: internet → web:443 → cache:6379"
        ),
        "aws_memorydb_cluster.memory": (
            Status.FAIL, f"{lateral} 6379: internet → web:443 → memory:6379"
        ),
        "aws_docdb_cluster.docs": (
            Status.FAIL, f"{lateral} 27017: internet → web:443 → docs:27017"
        ),
    }
    result = audit([tmp_path], Settings(rule_ids=(RULE,)))
    keys = {f.address: f.evidence_key for f in result.findings}
    assert keys["aws_elasticache_replication_group.cache"] == "port:6379"


def test_cloudformation_cache_on_its_engine_port(tmp_path: Path) -> None:
    """CloudFormation: a replication group without ``Engine`` and a cache cluster whose
    ``Engine`` is a parameter without a value were reached "on port 5432"."""
    stack = (FIXTURES / "stack.yaml").read_text(encoding="utf-8")
    head = stack.split("  Warehouse:")[0].replace(
        "Parameters:\n  GraphPort:\n    Type: Number\n",
        "Parameters:\n  CacheEngine:\n    Type: String\n",
    ).replace(
        "FromPort: 5439, ToPort: 5439", "FromPort: 0, ToPort: 65535"
    )
    caches = """\
  Cache:
    Type: AWS::ElastiCache::ReplicationGroup
    Properties:
      ReplicationGroupDescription: cache
      CacheNodeType: cache.t3.micro
      NumCacheClusters: 1
      SecurityGroupIds: [!GetAtt StoreGroup.GroupId]
  CacheOnAParameter:
    Type: AWS::ElastiCache::CacheCluster
    Properties:
      Engine: !Ref CacheEngine
      CacheNodeType: cache.t3.micro
      NumCacheNodes: 1
      VpcSecurityGroupIds: [!GetAtt StoreGroup.GroupId]
"""
    (tmp_path / "stack.yaml").write_text(head + caches, encoding="utf-8")
    lateral = "a workload reachable from the internet can connect to port"
    assert _findings(tmp_path) == {
        "Cache": (Status.FAIL, f"{lateral} 6379: internet → Web:443 → Cache:6379"),
        "CacheOnAParameter": (
            Status.FAIL, f"{lateral} 6379: internet → Web:443 → CacheOnAParameter:6379"
        ),
    }


_MEMBERS_TF = PUBLIC_WEB_TIER_TF + """\
# the web tier reaches the cache on 6380, the graph on 8182 and the database on 15432 only
resource "aws_security_group" "stores" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 6380
    to_port         = 6380
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
  ingress {
    from_port       = 8182
    to_port         = 8182
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
  ingress {
    from_port       = 15432
    to_port         = 15432
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "on 6380"
  node_type            = "cache.t3.micro"
  port                 = 6380
  security_group_ids   = [aws_security_group.stores.id]
}
resource "aws_elasticache_cluster" "replica" {
  cluster_id           = "replica"
  replication_group_id = aws_elasticache_replication_group.cache.id
}
resource "aws_neptune_cluster" "graph" {
  cluster_identifier     = "graph"
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.stores.id]
}
resource "aws_neptune_cluster_instance" "graph" {
  cluster_identifier = aws_neptune_cluster.graph.id
  instance_class     = "db.r5.large"
}
resource "aws_rds_cluster" "db" {
  cluster_identifier     = "db"
  engine                 = "aurora-postgresql"
  port                   = 15432
  storage_encrypted      = true
  vpc_security_group_ids = [aws_security_group.stores.id]
}
resource "aws_rds_cluster_instance" "db" {
  cluster_identifier = aws_rds_cluster.db.id
  engine             = "aurora-postgresql"
  instance_class     = "db.r6g.large"
}
"""


def test_cluster_members_are_checked_on_their_cluster_port(tmp_path: Path) -> None:
    """A cluster member listens on its cluster's port: a Neptune instance reached on 8182, a
    cache cluster of a replication group on 6380 and an Aurora instance of a cluster on 15432
    were PASS while their cluster FAILed (wrong PASS)."""
    (tmp_path / "main.tf").write_text(_MEMBERS_TF, encoding="utf-8")
    lateral = "a workload reachable from the internet can connect to port"
    assert _findings(tmp_path) == {
        "aws_elasticache_replication_group.cache": (
            Status.FAIL, f"{lateral} 6380: internet → web:443 → cache:6380"
        ),
        "aws_elasticache_cluster.replica": (
            Status.FAIL, f"{lateral} 6380: internet → web:443 → replica:6380"
        ),
        "aws_neptune_cluster.graph": (
            Status.FAIL, f"{lateral} 8182: internet → web:443 → graph:8182"
        ),
        "aws_neptune_cluster_instance.graph": (
            Status.FAIL, f"{lateral} 8182: internet → web:443 → graph:8182"
        ),
        "aws_rds_cluster.db": (Status.FAIL, f"{lateral} 15432: internet → web:443 → db:15432"),
        "aws_rds_cluster_instance.db": (
            Status.FAIL, f"{lateral} 15432: internet → web:443 → db:15432"
        ),
    }
