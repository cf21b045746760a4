"""An ECS service whose task runs a database (``postgres``, ``redis``... or a container that
maps a usual database port, as the yelb sample's ``yelb-db`` on 5432) is a data store of the
resource graph. It was none: a Postgres task an internet-facing web server could reach on
5432 had no GDCC-GRAPH-005 finding at all. It is judged on its containers' ports (their port
mappings, else the image's default port, said as such)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.ecs_stores import only_stores
from gdcc_audit.graph.store_images import image_engine
from gdcc_audit.graph.store_ports import StorePorts, store_ports
from gdcc_audit.models.finding import Status
from gdcc_audit.models.resource import Resource, SourceLocation
from gdcc_audit.normalize.ecs_network import ECS_CONTAINERS
from gdcc_audit.settings import Settings

from .test_store_ports import PUBLIC_WEB_TIER_TF

LATERAL = "a workload reachable from the internet can connect to port"
_NONE = "no container of its task runs a known database image or maps a usual database port"

_TASK = """\
resource "aws_ecs_task_definition" "{name}" {{
  family                   = "{name}"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = 256
  memory                   = 512
  container_definitions    = jsonencode({containers})
}}
resource "aws_ecs_service" "{name}" {{
  name            = "{name}"
  cluster         = "arn:aws:ecs:ap-southeast-7:123456789012:cluster/main"
  task_definition = aws_ecs_task_definition.{name}.arn
  launch_type     = "FARGATE"
  network_configuration {{
    subnets         = [aws_subnet.data.id]
    security_groups = [aws_security_group.tasks.id]
  }}
}}
"""

_TF = PUBLIC_WEB_TIER_TF + """\
resource "aws_subnet" "data" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.2.0/24"
}
# the web tier reaches the tasks on every port
resource "aws_security_group" "tasks" {
  vpc_id = aws_vpc.main.id
  ingress {
    from_port       = 0
    to_port         = 65535
    protocol        = "tcp"
    security_groups = [aws_security_group.web.id]
  }
}
""" + "".join(
    _TASK.format(name=name, containers=containers)
    for name, containers in (
        ("pg", '[{ name = "db", image = "postgres:13", essential = true, '
               'portMappings = [{ containerPort = 5432 }] }]'),
        # no port mapping: the image's port (awsvpc: the task's own interface)
        ("cache", '[{ name = "redis", image = "redis:7-alpine", essential = true }]'),
        # an application with a cache beside it: a store, and a workload that connects on
        ("app", '[{ name = "api", image = "example/api:1.2", essential = true, '
                'portMappings = [{ containerPort = 8080 }] }, '
                '{ name = "sidecar", image = "public.ecr.aws/docker/library/memcached:1.6", '
                'essential = false }]'),
        ("exporter", '[{ name = "metrics", image = "prometheuscommunity/postgres-exporter", '
                     'essential = true, portMappings = [{ containerPort = 9187 }] }]'),
        ("unread", '[{ name = "x", image = var.image, essential = true }]'),
    )
) + 'variable "image" { type = string }\n'


def _findings(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    return {f.address or "": (f.status, f.message.en) for f in result.findings}


def test_terraform_services_running_databases_are_data_stores(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_TF, encoding="utf-8")
    assert _findings(tmp_path) == {
        "aws_ecs_service.pg": (
            Status.FAIL,
            f"{LATERAL} 5432 (its task's container db runs image postgres:13 on port 5432): "
            "internet → web:443 → pg:5432",
        ),
        "aws_ecs_service.cache": (
            Status.FAIL,
            f"{LATERAL} 6379 (its task's container redis runs image redis:7-alpine, which "
            "listens on 6379 by default (no port mapping written)): internet → web:443 → "
            "cache:6379",
        ),
        "aws_ecs_service.app": (
            Status.FAIL,
            f"{LATERAL} 11211 (its task's container sidecar runs image public.ecr.aws/docker/"
            "library/memcached:1.6, which listens on 11211 by default (no port mapping "
            "written)): internet → web:443 → app:11211",
        ),
        "aws_ecs_service.exporter": (Status.NOT_APPLICABLE, f"not a networked data store: {_NONE}"),
        "aws_ecs_service.unread": (
            Status.NOT_APPLICABLE,
            f"not a networked data store: {_NONE} (the image of x is not known)",
        ),
        "aws_instance.web": (Status.NOT_APPLICABLE, "not a networked data store"),
    }


_CFN = """\
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  WebGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: web
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0}
  DbGroup:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      SecurityGroupIngress:
        - {IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: !Ref WebGroup}
  Web:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref WebTask
      NetworkConfiguration:
        AwsvpcConfiguration:
          AssignPublicIp: ENABLED
          SecurityGroups: [!Ref WebGroup]
          Subnets: [subnet-1]
  WebTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: ui
          Image: public.ecr.aws/j7e2a1k3/yelb-sc-ui:latest
          PortMappings: [{ContainerPort: 80}]
  YelbDb:
    Type: AWS::ECS::Service
    Properties:
      LaunchType: FARGATE
      TaskDefinition: !Ref DbTask
      NetworkConfiguration:
        AwsvpcConfiguration:
          SecurityGroups: [!Ref DbGroup]
          Subnets: [subnet-1]
  DbTask:
    Type: AWS::ECS::TaskDefinition
    Properties:
      NetworkMode: awsvpc
      RequiresCompatibilities: [FARGATE]
      Cpu: "256"
      Memory: "512"
      ContainerDefinitions:
        - Name: yelb-db
          Image: public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5
          PortMappings: [{ContainerPort: 5432, Protocol: tcp}]
"""


def test_cloudformation_service_mapping_a_database_port_is_a_data_store(
    tmp_path: Path,
) -> None:
    """yelb's database: an image of its own, known as a store by its port 5432."""
    (tmp_path / "stack.yaml").write_text(_CFN, encoding="utf-8")
    assert _findings(tmp_path) == {
        "YelbDb": (
            Status.FAIL,
            f"{LATERAL} 5432 (its task's container yelb-db runs image "
            "public.ecr.aws/j7e2a1k3/yelb-sc-db:0.5 on port 5432): internet → Web:80 → "
            "YelbDb:5432",
        ),
        "Web": (Status.NOT_APPLICABLE, f"not a networked data store: {_NONE}"),
    }
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-004",)))
    found = {f.address: f.status for f in result.findings}
    assert found == {"YelbDb": Status.PASS, "Web": Status.NOT_APPLICABLE}


def _service(containers: list[dict[str, object]], mode: str) -> Resource:
    return Resource(
        id="t/s/aws_ecs_service.s", name="s", kind="container.service", provider="aws",
        provider_type="aws_ecs_service", location=SourceLocation(file="main.tf"),
        attributes={ECS_CONTAINERS: {"mode": mode, "containers": containers}},
    )


def test_store_ports_by_network_mode() -> None:
    """awsvpc / host: the container port; bridge: the host port, and a mapping without one
    gets a port of the ephemeral range (not known); bridge without a mapping: nothing
    outside the host reaches it."""
    mapped = [{"name": "db", "image": "mysql:8", "ports": [[3306, None]]}]
    assert store_ports(_service(mapped, "awsvpc")) == StorePorts((3306,), False)
    assert store_ports(_service(mapped, "host")) == StorePorts((3306,), False)
    assert store_ports(_service(mapped, "bridge")) == StorePorts((), True)
    static = [{"name": "db", "image": "mysql:8", "ports": [[3306, 13306]]}]
    assert store_ports(_service(static, "bridge")) == StorePorts((13306,), False)
    bare = [{"name": "db", "image": "mongo", "ports": []}]
    assert store_ports(_service(bare, "awsvpc")) == StorePorts((27017,), False)
    assert store_ports(_service(bare, "bridge")) == StorePorts((), False)


def test_database_images() -> None:
    assert image_engine("postgres:13") == ("postgres", 5432)
    assert image_engine("bitnami/postgresql:16") == ("postgres", 5432)
    assert image_engine("docker.elastic.co/elasticsearch/elasticsearch:8.13.0") == (
        "elasticsearch", 9200
    )
    assert image_engine("mcr.microsoft.com/mssql/server:2022-latest") == ("mssql", 1433)
    assert image_engine("mongo@sha256:abc") == ("mongo", 27017)
    assert image_engine("oliver006/redis_exporter") is None
    assert image_engine("rediscommander/redis-commander") is None
    assert image_engine("mongo-express:1.0") is None
    assert image_engine("minio/minio:RELEASE.2024-06-13T22-53-53Z") == ("minio", 9000)
    assert image_engine("nginx:1.27") is None


def test_a_service_whose_task_definition_is_not_in_the_scan_says_so(tmp_path: Path) -> None:
    text = _CFN.replace("TaskDefinition: !Ref DbTask", "TaskDefinition: yelb-db:3")
    (tmp_path / "stack.yaml").write_text(text, encoding="utf-8")
    assert _findings(tmp_path)["YelbDb"] == (
        Status.NOT_APPLICABLE,
        "not a networked data store: what its tasks run is not known (its task definition is "
        "not in the scan or not known); an ECS service is judged as a data store when its "
        "task runs a database",
    )


_K8S = """\
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache-metrics, namespace: shop}
spec:
  selector: {matchLabels: {app: cache-metrics}}
  template:
    metadata: {labels: {app: cache-metrics}}
    spec:
      containers:
        - name: exporter
          image: oliver006/redis_exporter:v1.62.0
          ports: [{containerPort: 9121}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache, namespace: shop}
spec:
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      containers:
        - name: redis
          image: redis:7
          ports: [{containerPort: 6379}]
        - name: exporter
          image: oliver006/redis_exporter:v1.62.0
          ports: [{containerPort: 9121}]
"""


def test_kubernetes_exporters_are_no_data_stores(tmp_path: Path) -> None:
    """A metrics exporter names a database in its image but holds no data: it was a data
    workload (GDCC-GRAPH-010 FAIL "no NetworkPolicy isolates it"); a pod with the database
    beside its exporter still is one."""
    (tmp_path / "shop.yaml").write_text(_K8S, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-GRAPH-010",)))
    found = {f.address: (f.status, f.message.en) for f in result.findings}
    assert found == {
        "Deployment/shop/cache-metrics": (Status.NOT_APPLICABLE, "not a data workload"),
        "Deployment/shop/cache": (
            Status.FAIL,
            "no NetworkPolicy isolates it: every pod in the cluster can connect (namespace "
            "shop)",
        ),
    }


_SIDECAR = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web, namespace: shop}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: web, port: {number: 80}}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
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
        - name: app
          image: example/shop-web:1.4
          ports: [{containerPort: 8080}]
        - name: cache
          image: redis:7
          ports: [{containerPort: 6379}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
        - name: postgres
          image: postgres:16
          ports: [{containerPort: 5432}]
"""


def test_a_pod_with_a_database_sidecar_does_not_end_paths(tmp_path: Path) -> None:
    """Wrong PASS: a web pod with a redis sidecar was a data store, and a search of paths
    ended there, so the database it reaches PASSed GDCC-GRAPH-005 (FAIL without the
    sidecar). A workload ends paths only when every container is a database's (or its
    exporter's)."""
    (tmp_path / "app.yaml").write_text(_SIDECAR, encoding="utf-8")
    assert _findings(tmp_path)["StatefulSet/shop/db"] == (
        Status.FAIL,
        f"{LATERAL} 5432: internet → shop/Service/web:80 → shop/Deployment/web:8080 → "
        "shop/StatefulSet/db:5432",
    )


def test_ecs_tasks_end_paths_only_when_every_container_is_the_databases() -> None:
    pg = {"name": "db", "image": "postgres:16", "ports": [[5432, None]]}
    exporter = {"name": "m", "image": "prometheuscommunity/postgres-exporter", "ports": []}
    app = {"name": "api", "image": "example/api:1", "ports": [[8080, None]]}
    assert only_stores(_service([pg, exporter], "awsvpc")) is True
    assert only_stores(_service([app, pg], "awsvpc")) is False
    assert only_stores(_service([app], "awsvpc")) is False
