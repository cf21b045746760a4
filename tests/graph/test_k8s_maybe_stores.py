"""A Kubernetes workload whose image no database is known by but is named like one
(``acme/orders-db:1.2``, ``timeseriesdb``), declaring no usual database port, may hold data:
GDCC-GRAPH-001 / -004 / -005 / -010 are UNKNOWN saying so, as for an ECS task's container
(tests/graph/test_ecs_maybe_stores.py). They were NOT_APPLICABLE "not a data store" / "not a
data workload". A known database image (``postgres:15``, no port declared) stays a store;
an application image stays not one."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

MANIFESTS = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders, namespace: shop}
spec:
  selector: {matchLabels: {app: orders}}
  template:
    metadata: {labels: {app: orders}}
    spec:
      containers:
        - name: orders
          image: acme/orders-db:1.2
        - name: shipper
          image: fluent/fluent-bit:3.0
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: pg, namespace: shop}
spec:
  selector: {matchLabels: {app: pg}}
  template:
    metadata: {labels: {app: pg}}
    spec:
      containers:
        - name: pg
          image: postgres:15
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
"""

MAYBE_EN = (
    "it may be a data store: its container orders runs image acme/orders-db:1.2, named like a "
    "database but no known database image, and declares no usual database port; whether it "
    "holds data, and on which port, is not known"
)
MAYBE_TH = (
    "อาจเป็นที่เก็บข้อมูล: คอนเทนเนอร์ orders รัน image acme/orders-db:1.2 "
    "ซึ่งตั้งชื่อแบบฐานข้อมูลแต่ไม่ใช่อิมเมจฐานข้อมูลที่รู้จัก "
    "และไม่ได้ประกาศพอร์ตฐานข้อมูลทั่วไป จึงไม่ทราบว่าเก็บข้อมูลหรือไม่และเปิดรับที่พอร์ตใด"
)
RULES = ("GDCC-GRAPH-001", "GDCC-GRAPH-004", "GDCC-GRAPH-005", "GDCC-GRAPH-010")


def test_a_workload_named_like_a_database_may_be_a_store(tmp_path: Path) -> None:
    (tmp_path / "app.yaml").write_text(MANIFESTS, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=RULES))
    found = {(f.rule_id, f.address): f for f in result.findings}
    for rule in RULES:
        maybe = found[(rule, "Deployment/shop/orders")]
        assert (maybe.status, maybe.message.en, maybe.message.th) == (
            Status.UNKNOWN, MAYBE_EN, MAYBE_TH
        ), rule
        assert found[(rule, "Deployment/shop/web")].status is Status.NOT_APPLICABLE, rule
    # postgres:15 with no containerPort: a store on its image's port 5432
    assert found[("GDCC-GRAPH-010", "Deployment/shop/pg")].status is Status.FAIL
    assert found[("GDCC-GRAPH-004", "Deployment/shop/pg")].message.en == (
        "the data tier is not segmented from the web tier: it admits any pod of the cluster "
        "on port(s) 5432"
    )


def test_more_database_images_are_stores() -> None:
    # official images of databases the matcher did not know (InfluxDB and RethinkDB were only
    # "named like a database"), on their images' ports; a client image holds no data
    from gdcc_audit.graph.store_images import image_engine, named_like_a_database

    assert {image: image_engine(image) for image in (
        "influxdb:2.7", "neo4j:5", "cockroachdb/cockroach:v23.1.0",
        "clickhouse/clickhouse-server:24.3", "registry.k8s.io/rethinkdb:1.16.0_1",
        "arangodb:3.11", "couchbase:community-7.2.0", "yandex/clickhouse-client:21.3",
    )} == {
        "influxdb:2.7": ("influxdb", 8086), "neo4j:5": ("neo4j", 7687),
        "cockroachdb/cockroach:v23.1.0": ("cockroach", 26257),
        "clickhouse/clickhouse-server:24.3": ("clickhouse", 9000),
        "registry.k8s.io/rethinkdb:1.16.0_1": ("rethinkdb", 28015),
        "arangodb:3.11": ("arangodb", 8529), "couchbase:community-7.2.0": ("couchbase", 11210),
        "yandex/clickhouse-client:21.3": None,
    }
    assert not named_like_a_database("influxdb:2.7")
    assert not named_like_a_database("yandex/clickhouse-client:21.3")
