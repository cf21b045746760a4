"""Which container images run a database: one matcher for Kubernetes workloads and Amazon ECS
services (``graph/network.is_data_store``, ``graph/ecs_stores.py``).

An image runs a database when the last part of its repository's name (tag and digest left
out, in lower case, a leading ``docker-`` left out) **starts with** the database's name:
``postgres:13``, ``bitnami/postgresql``, ``library/redis``, ``docker.io/mongo:7``,
``bitnami/mongodb``, ``docker.elastic.co/elasticsearch/elasticsearch``,
``quay.io/pires/docker-elasticsearch-kubernetes`` (kubernetes/examples' Elasticsearch
nodes); SQL Server's is ``mcr.microsoft.com/mssql/server``; a few vendors' database images
named otherwise are listed (``_ALIASES``: ``crunchy-postgres``, ``percona-server-mongodb``,
``postgis``, ``timescaledb``...). A name that only holds a database's further on is an
application's (``flask-postgres``, ``hello-app-redis``,
``wildfly-mysql-javaee7``; the guestbook's ``gb-redis-follower`` too, a store by its declared
port 6379). Before, a Kubernetes image matched anywhere in its whole reference, so such a
pod, or ``quay.io/fluentd_elasticsearch/fluentd`` (a log shipper), was a data store
(GDCC-GRAPH-001 / -004 / -005 / -010 judged it; -010 FAILed "no NetworkPolicy isolates it");
a pod that declares a usual database port is still one by its port.

Left out: images that name a database but hold no data (a metrics exporter, an admin
console, an operator: ``redis_exporter``, ``redis-commander``, ``mongo-express``,
``opensearch-dashboards``, ``redisinsight``, ``postgres-operator``) and Oracle Linux
(``oraclelinux``, an operating system image).

``etcd`` is a data store (since stop 43; before, it was left out as "a control-plane or
coordination store"): it is the key-value store that holds every object of a Kubernetes
cluster, its Secrets included (in plain text unless encryption at rest is configured), and
the configuration store of applications (Apache APISIX keeps its consumers' keys there,
Patroni its cluster state, Vitess its topology); whoever reaches its client port 2379
without client TLS reads and writes all of it ("etcd has no authentication by default":
etcd's security model). Its images (``quay.io/coreos/etcd``, ``registry.k8s.io/etcd``,
``bitnami/etcd``, ``gcr.io/etcd-development/etcd``) are matched, listening on 2379 unless
they declare ports. 2379 is not added to :data:`DATABASE_PORTS`: those are tried towards
every store whose own port is not known (an RDS instance's port from a variable), where an
etcd port says nothing; an ``etcd`` client (``etcdctl``) holds no data.
"""

from __future__ import annotations

#: TCP ports of databases (PostgreSQL, MySQL / MariaDB, SQL Server, Oracle, MongoDB, Redis,
#: Elasticsearch, Cassandra, CouchDB, Memcached), in the order lateral movement towards a data
#: store is tried (``evaluate/checks/paths.py``); a container or pod declaring one is a store.
DATABASE_PORTS = (5432, 3306, 1433, 1521, 27017, 6379, 9200, 9042, 5984, 11211)
DB_PORTS = frozenset(DATABASE_PORTS)

#: The port each database's official image listens on (its Dockerfile's ``EXPOSE``,
#: hub.docker.com/_/<name>), by the start of the image's name: the ``mysql`` image's 3306 (and
#: 33060 for the X protocol), ``postgres`` 5432, ``mongo`` 27017, ``redis`` / ``valkey``
#: 6379, ``memcached`` 11211, ``elasticsearch`` / ``opensearch`` 9200 (HTTP; 9300 between
#: nodes), ``cassandra`` 9042 (CQL), ``couchdb`` 5984, ``mariadb`` 3306; SQL Server
#: (``mcr.microsoft.com/mssql/server``) 1433; Oracle Database (``container-registry.oracle.com/
#: database/...``, gvenzl/oracle-*) 1521; MinIO (``minio/minio``, an S3-compatible object store)
#: 9000; etcd (``quay.io/coreos/etcd``, ``registry.k8s.io/etcd``) 2379, its client port (2380
#: is between members). Since stop 44 the databases whose official images name them
#: (their ``EXPOSE``, the client or query port): InfluxDB (``influxdb``) 8086, Neo4j
#: (``neo4j``) 7687 (Bolt), CockroachDB (``cockroachdb/cockroach``) 26257, ClickHouse
#: (``clickhouse/clickhouse-server``) 9000 (native protocol), RethinkDB (``rethinkdb``) 28015,
#: ArangoDB (``arangodb``) 8529, Couchbase Server (``couchbase``) 11210 (data): they were only
#: "named like a database" (``named_like_a_database``: influxdb, rethinkdb; UNKNOWN) or
#: nothing (kubernetes/examples' RethinkDB pods).
IMAGE_PORTS: tuple[tuple[str, int], ...] = (
    ("postgres", 5432), ("mysql", 3306), ("mariadb", 3306), ("mongo", 27017),
    ("redis", 6379), ("valkey", 6379), ("memcached", 11211), ("elasticsearch", 9200),
    ("opensearch", 9200), ("cassandra", 9042), ("couchdb", 5984), ("mssql", 1433),
    ("oracle", 1521), ("minio", 9000), ("etcd", 2379),
    ("influxdb", 8086), ("neo4j", 7687), ("cockroach", 26257), ("clickhouse", 9000),
    ("rethinkdb", 28015), ("arangodb", 8529), ("couchbase", 11210),
)
#: Database images whose name does not start with the database's: Crunchy Data's PostgreSQL
#: (``crunchydata/crunchy-postgres``, ``crunchy-postgres-gis``), Percona Server for MongoDB and
#: for MySQL, Percona XtraDB Cluster (MySQL), PostGIS (``postgis/postgis``, the official
#: ``postgres`` image with PostGIS) and TimescaleDB (``timescale/timescaledb``, PostgreSQL with
#: the extension). The first two matched on Kubernetes when any part of the name counted.
_ALIASES: tuple[tuple[str, str, int], ...] = (
    ("crunchy-postgres", "postgres", 5432), ("percona-server-mongodb", "mongo", 27017),
    ("percona-server", "mysql", 3306), ("percona-xtradb-cluster", "mysql", 3306),
    ("postgis", "postgres", 5432), ("timescaledb", "postgres", 5432),
)
#: Words of an image's name that say it holds no data though it names a database (a metrics
#: exporter, an admin console, an operator, a client: ``redis_exporter``, ``redis-commander``,
#: ``mongo-express``, ``opensearch-dashboards``, ``redisinsight``, ``postgres-operator``,
#: ``clickhouse-client``).
_NOT_STORES = ("exporter", "commander", "admin", "dashboards", "mongo-express", "insight",
               "operator", "client")  # (``clickhouse-client``: a client holds no data)
#: Names that start with a database's but are not one (Oracle Linux, an OS image; etcd's
#: command-line client).
_NOT_DATABASES = ("oraclelinux", "etcdctl")


def image_name(image: str) -> str:
    """The last part of an image's repository name, without tag or digest, in lower case."""
    return image.rsplit("/", 1)[-1].split("@", 1)[0].split(":", 1)[0].lower()


def _named(image: str) -> tuple[str, int] | None:
    """``(database, its image's port)`` when the image's name starts with a database's (a
    database's, its exporter's or its admin console's)."""
    name = image_name(image).removeprefix("docker-")
    if name.startswith(_NOT_DATABASES):
        return None
    if name == "server" and "/mssql/" in f"/{image.lower()}":
        return "mssql", 1433
    alias = next(((db, port) for start, db, port in _ALIASES if name.startswith(start)), None)
    return alias or next(((db, port) for db, port in IMAGE_PORTS if name.startswith(db)), None)


def serves_a_store(image: str) -> bool:
    """False for an image that names a database but holds no data: a metrics exporter, an
    admin console or an operator (``_NOT_STORES``)."""
    name = image_name(image)
    return not any(word in name for word in _NOT_STORES)


def beside_a_store(image: str) -> bool:
    """True for an image that names a database (a database's, or its exporter's or admin
    console's): a container of it holds data or serves only the database beside it."""
    return _named(image) is not None


#: How the name of an in-house database image usually ends (the yelb sample's
#: ``mreferre/yelb-db:0.6``, a PostgreSQL image of its own; ``timeseriesdb``).
_DATABASE_ENDINGS = ("db", "database")


def named_like_a_database(image: str) -> bool:
    """True for an image no database is known by whose name ends like one's (``yelb-db``,
    ``orders_database``, ``timeseriesdb``): it may be a database, on a port not known. Such a name
    is not enough to judge it a store (a ``seed-db`` job or ``backup-db`` tool holds no data
    of its own), nor to pass over it (``graph/ecs_stores.maybe_store_text``)."""
    if image_engine(image) is not None or not serves_a_store(image):
        return False
    return image_name(image).endswith(_DATABASE_ENDINGS)


def image_engine(image: str) -> tuple[str, int] | None:
    """``(database, its image's port)`` when ``image`` is a database's official or common
    image; None otherwise (an application whose name only holds a database's, an exporter,
    an admin console)."""
    return _named(image) if serves_a_store(image) else None
