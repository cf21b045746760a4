"""Kubernetes workloads and ECS services are data stores by one image matcher
(``graph/store_images.py``): the last part of the image's repository name starts with a
database's. A Kubernetes image matched a database's name anywhere in its reference, so an
application (``flask-postgres``, ``hello-app-redis``) or a log shipper
(``quay.io/fluentd_elasticsearch/fluentd``) was a data store: GDCC-GRAPH-010 FAILed "no
NetworkPolicy isolates it"."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.ecs_stores import is_ecs_store
from gdcc_audit.graph.store_images import beside_a_store, image_engine
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource, SourceLocation
from gdcc_audit.normalize.ecs_network import ECS_CONTAINERS
from gdcc_audit.settings import Settings

_WORKLOAD = """\
apiVersion: apps/v1
kind: {kind}
metadata: {{name: {name}, namespace: shop}}
spec:
  selector: {{matchLabels: {{app: {name}}}}}
  template:
    metadata: {{labels: {{app: {name}}}}}
    spec:
      containers:
        - name: main
          image: {image}
{ports}"""


def _workload(kind: str, name: str, image: str, port: int | None = None) -> str:
    ports = f"          ports: [{{containerPort: {port}}}]\n" if port else ""
    return _WORKLOAD.format(kind=kind, name=name, image=image, ports=ports)


_K8S = "---\n".join((
    # applications whose image names a database further on: no data stores
    _workload("Deployment", "flask", "example/flask-postgres:1.0", 5000),
    _workload("Deployment", "hello-web", "us-docker.pkg.dev/google-samples/containers/gke/"
              "hello-app-redis:1.0"),
    _workload("DaemonSet", "fluentd", "quay.io/fluentd_elasticsearch/fluentd:v2.5.2"),
    # databases: still stores (no port declared; only a port that is no usual database's)
    _workload("StatefulSet", "db", "docker.io/bitnami/postgresql:16"),
    _workload("StatefulSet", "es", "quay.io/pires/docker-elasticsearch-kubernetes:5.6.2", 9300),
    _workload("StatefulSet", "cache", "library/redis:7"),
    _workload("StatefulSet", "pg", "registry.developers.crunchydata.com/crunchydata/"
              "crunchy-postgres:ubi8-16.2-0"),
))

_ISOLATED = "no NetworkPolicy isolates it: every pod in the cluster can connect (namespace shop)"


def test_kubernetes_applications_naming_a_database_are_no_data_stores(tmp_path: Path) -> None:
    """Wrong FAIL: an application whose image only holds a database's name was a data
    workload (GDCC-GRAPH-010 FAIL); the databases' own images still make stores."""
    (tmp_path / "shop.yaml").write_text(_K8S, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-010",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "Deployment/shop/flask": (Status.NOT_APPLICABLE, "not a data workload"),
        "Deployment/shop/hello-web": (Status.NOT_APPLICABLE, "not a data workload"),
        "DaemonSet/shop/fluentd": (Status.NOT_APPLICABLE, "not a data workload"),
        "StatefulSet/shop/db": (Status.FAIL, _ISOLATED),
        "StatefulSet/shop/es": (Status.FAIL, _ISOLATED),
        "StatefulSet/shop/cache": (Status.FAIL, _ISOLATED),
        "StatefulSet/shop/pg": (Status.FAIL, _ISOLATED),
    }


def test_one_image_matcher() -> None:
    for image in (
        "example/flask-postgres:1.0",
        "arungupta/wildfly-mysql-javaee7:k8s",
        "quay.io/fluentd_elasticsearch/fluentd:v2.5.2",
        "oraclelinux:8",  # an operating system, not Oracle Database
        "bitnami/etcdctl:3.5",  # etcd's client, no data
        "redis/redisinsight:2.50",  # an admin console
        "ghcr.io/zalando/postgres-operator:v1.12.2",  # an operator
    ):
        assert image_engine(image) is None, image
    assert image_engine("docker.io/mongo:7") == ("mongo", 27017)
    assert image_engine("library/redis") == ("redis", 6379)
    assert image_engine("bitnami/postgresql:16") == ("postgres", 5432)
    assert image_engine("quay.io/pires/docker-elasticsearch-kubernetes:5.6.2") == (
        "elasticsearch", 9200
    )
    assert image_engine("mcr.microsoft.com/mssql/rhel/server:2022-latest") == ("mssql", 1433)
    assert image_engine("gvenzl/oracle-free:23") == ("oracle", 1521)
    # vendors' database images named otherwise (store_images._ALIASES)
    assert image_engine("registry.developers.crunchydata.com/crunchydata/crunchy-postgres:"
                        "ubi8-16.2-0") == ("postgres", 5432)
    assert image_engine("percona/percona-server-mongodb:7.0") == ("mongo", 27017)
    assert image_engine("percona/percona-xtradb-cluster:8.0") == ("mysql", 3306)
    assert image_engine("postgis/postgis:16-3.4") == ("postgres", 5432)
    assert image_engine("timescale/timescaledb-ha:pg16") == ("postgres", 5432)
    assert image_engine("percona/percona-server-mongodb-operator:1.16.0") is None
    # an exporter is no store, but serves only the database beside it
    assert beside_a_store("quay.io/prometheus/mysqld-exporter:v0.15.1") is True
    assert beside_a_store("example/flask-postgres:1.0") is False


def _service(image: str) -> Resource:
    containers = [{"name": "main", "image": image, "ports": [[8080, None]]}]
    return Resource(
        id="t/s/aws_ecs_service.s", name="s", kind="container.service", provider="aws",
        provider_type="aws_ecs_service", location=SourceLocation(file="main.tf"),
        attributes={ECS_CONTAINERS: {"mode": "awsvpc", "containers": containers}},
    )


def test_ecs_uses_the_same_matcher() -> None:
    """An ECS task on Oracle Linux was a store (its image's name starts with ``oracle``)."""
    assert is_ecs_store(_service("oraclelinux:9-slim")) is False
    assert is_ecs_store(_service("example/flask-postgres:1.0")) is False
    assert is_ecs_store(_service("gvenzl/oracle-free:23-slim")) is True
    assert is_ecs_store(_service("quay.io/pires/docker-elasticsearch-kubernetes:5.6.2")) is True


_SERVED = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: hello-web}
  ports: [{port: 80, targetPort: 8080}]
---
""" + _workload(
    "Deployment", "hello-web", "us-docker.pkg.dev/google-samples/containers/gke/hello-app-redis:1.0"
)


def test_an_application_naming_a_database_listens_where_its_services_send(
    tmp_path: Path,
) -> None:
    """A pod that declares no port was taken to listen on the port of the database its image
    named (6379 for ``hello-app-redis``: GDCC-GRAPH-004 FAIL "admits any pod of the cluster on
    port(s) 6379"); it is taken to listen where its Services send (8080)."""
    (tmp_path / "app.yaml").write_text(_SERVED, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-002", "GDCC-GRAPH-004")))
    found = {
        (f.rule_id, f.address): (f.status, f.message.en) for f in result.findings
        if f.address == "Deployment/shop/hello-web"
    }
    assert found == {
        ("GDCC-GRAPH-002", "Deployment/shop/hello-web"): (
            Status.PASS,
            "its containers declare no port; the Services that select it (web) send to 8080, "
            "taken as the ports it listens on; no management port (22, 3389, 5985, 5986, 23, "
            "2375, 2376) is reachable from the internet",
        ),
        ("GDCC-GRAPH-004", "Deployment/shop/hello-web"): (
            Status.NOT_APPLICABLE, "not a networked data store"
        ),
    }


def test_etcd_is_a_data_store(tmp_path: Path) -> None:
    """etcd holds a cluster's objects, Secrets included, or an application's configuration,
    and has no authentication without client TLS: an etcd StatefulSet that no NetworkPolicy
    isolates was N/A "not a data workload" on GDCC-GRAPH-010, and a NetworkPolicy that
    admits any pod of the cluster to it went unjudged by GDCC-GRAPH-004."""
    assert image_engine("quay.io/coreos/etcd:v3.5.9") == ("etcd", 2379)
    assert image_engine("registry.k8s.io/etcd:3.5.12-0") == ("etcd", 2379)
    assert image_engine("docker.io/bitnami/etcd:3.5.16") == ("etcd", 2379)
    (tmp_path / "etcd.yaml").write_text(
        _workload("StatefulSet", "etcd", "quay.io/coreos/etcd:v3.5.9")
        + "---\n"
        + _workload("Deployment", "etcdctl", "bitnami/etcdctl:3.5", 8080),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-010",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "StatefulSet/shop/etcd": (Status.FAIL, _ISOLATED),
        "Deployment/shop/etcdctl": (Status.NOT_APPLICABLE, "not a data workload"),
    }


_EXPOSED_WEB = """\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
"""


def test_lateral_movement_tries_the_store_images_own_port(tmp_path: Path) -> None:
    """GDCC-GRAPH-005 tried only the usual database ports towards a Kubernetes store: a
    web pod on the internet reaching etcd on 2379 or MinIO on 9000 PASSed "no internet-facing
    workload can move laterally". The store's images' own ports come first now."""
    (tmp_path / "shop.yaml").write_text(
        _EXPOSED_WEB
        + "---\n".join((
            _workload("Deployment", "web", "example/web:1.0.0", 8080),
            _workload("StatefulSet", "etcd", "quay.io/coreos/etcd:v3.5.9", 2379),
            _workload("StatefulSet", "minio", "quay.io/minio/minio:RELEASE.2024-01-01", 9000),
        )),
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-005",), cache=False))
    found = {f.address: (f.status, f.evidence.get("path")) for f in result.findings
             if f.status != Status.NOT_APPLICABLE}  # fmt: skip
    assert found == {
        "StatefulSet/shop/etcd": (
            Status.FAIL,
            "internet → shop/Service/web:80 → shop/Deployment/web:8080 → "
            "shop/StatefulSet/etcd:2379",
        ),
        "StatefulSet/shop/minio": (
            Status.FAIL,
            "internet → shop/Service/web:80 → shop/Deployment/web:8080 → "
            "shop/StatefulSet/minio:9000",
        ),
    }


def test_a_network_policy_does_not_surely_isolate_a_host_network_store(tmp_path: Path) -> None:
    """A NetworkPolicy selecting a database pod on the node's network PASSed GDCC-GRAPH-010:
    Kubernetes leaves NetworkPolicy behaviour for hostNetwork pods undefined, and most network
    plugins ignore such pods. The same pod on the pod network still PASSes."""
    policy = (
        "---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
        "metadata: {name: only-app, namespace: shop}\n"
        "spec:\n  podSelector: {}\n"
        "  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]\n"
    )
    host = _workload("StatefulSet", "etcd", "registry.k8s.io/etcd:3.5.12-0", 2379).replace(
        "    spec:\n      containers:", "    spec:\n      hostNetwork: true\n      containers:"
    )
    (tmp_path / "shop.yaml").write_text(
        host + "---\n" + _workload("StatefulSet", "cache", "library/redis:7", 6379) + policy,
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-010",), cache=False))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "StatefulSet/shop/etcd": (
            Status.UNKNOWN,
            "a NetworkPolicy selects it, but its pods run on the node's network (hostNetwork), "
            "where NetworkPolicy behaviour is undefined: most network plugins do not isolate "
            "such pods; limit who reaches port(s) 2379 on its nodes with the nodes' firewall "
            "or security group (only the clients that need it, such as the API server)",
        ),
        "StatefulSet/shop/cache": (
            Status.PASS, "Kubernetes data workloads are isolated by a NetworkPolicy"
        ),
    }
