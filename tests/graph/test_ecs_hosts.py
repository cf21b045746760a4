"""ECS tasks in ``bridge`` or ``host`` network mode run in their container instances' network:
the service stands for them with the hosts' security groups and subnets, found through the
cluster's capacity providers (Auto Scaling groups) or the launch templates / instances whose
user data sets ``ECS_CLUSTER``; on the host ports (``hostPort``, else 32768-65535 in bridge
mode; the container ports in host mode). The service was in no security group, so a
database that admits only the hosts' group PASSed GDCC-GRAPH-005 although the internet
reaches the tasks through the load balancer. Hosts that cannot be found make the path
UNKNOWN, never PASS."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "ecs_hosts"
PASS = (Status.PASS, "No internet-facing workload can move laterally to a data store's "
        "database port")


def _lateral(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    assert result.not_judged == {}
    # the services, data stores only when their task runs a database (test_ecs_data_stores)
    return {
        f.address or "": (f.status, f.message.en) for f in result.findings
        if not (f.resource_kind == "container.service" and f.status is Status.NOT_APPLICABLE)
    }


def _hops(path: Path, address: str) -> list[tuple[str, str | None, bool, str | None]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    found = next(f for f in result.findings if f.address == address)
    return [(h["label"], h["ports"], h["certain"], h["via"]) for h in found.evidence["path_hops"]]


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(FIXTURES, tmp_path / "ecs")
    return tmp_path / "ecs" / "tf" / "main.tf", tmp_path / "ecs" / "cfn" / "stack.yaml"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _cut(path: Path, start: str, end: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index(start)] + text[text.index(end):], encoding="utf-8")


def _fail(balancer: str, app: str, db: str, ports: str = "32768-65535") -> tuple[Status, str]:
    return (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432: internet → "
        f"{balancer}:443 → {app}:{ports} → {db}:5432",
    )


def test_bridge_tasks_on_a_capacity_provider_reach_what_admits_their_hosts() -> None:
    """The service (no network configuration, a task definition without ``network_mode``:
    bridge) runs on the capacity provider's Auto Scaling group; the balancer reaches its
    tasks on the dynamic host ports the hosts' group admits from it."""
    assert _lateral(FIXTURES / "tf") == {"aws_db_instance.db": _fail("front", "app", "db")}
    assert _lateral(FIXTURES / "cfn") == {"DB": _fail("Front", "App", "DB")}
    hops = _hops(FIXTURES / "tf", "aws_db_instance.db")
    assert hops[2] == ("app", "32768-65535", True, "forwards; hosts allows lb")
    assert hops[3] == ("db", "5432", True, "db allows hosts")


def test_hosts_registered_by_user_data(tmp_path: Path) -> None:
    """No capacity provider: the launch template's user data sets ``ECS_CLUSTER`` to the
    cluster (a reference in Terraform, ``Fn::Sub`` in CloudFormation); its scaling group's
    instances are the hosts."""
    tf, cfn = _copy(tmp_path)
    _cut(tf, 'resource "aws_ecs_capacity_provider"', 'resource "aws_ecs_task_definition"')
    _edit(tf, '  image_id               = "ami-1"\n',
          '  image_id               = "ami-1"\n  user_data              = base64encode('
          '"#!/bin/bash\\necho ECS_CLUSTER=${aws_ecs_cluster.main.name} >> /etc/ecs/ecs.config")'
          "\n")
    _cut(cfn, "  HostsProvider:", "  AppTask:")
    _edit(cfn, "        ImageId: ami-1\n",
          "        ImageId: ami-1\n        UserData:\n          Fn::Base64: !Sub |\n"
          "            #!/bin/bash\n"
          "            echo ECS_CLUSTER=${Cluster} >> /etc/ecs/ecs.config\n")
    assert _lateral(tf.parent) == {"aws_db_instance.db": _fail("front", "app", "db")}
    assert _lateral(cfn.parent) == {"DB": _fail("Front", "App", "DB")}


def test_a_cluster_name_written_in_user_data(tmp_path: Path) -> None:
    """``ECS_CLUSTER=main`` written as text (base64-encoded by Terraform) names the cluster
    called ``main``."""
    tf, _ = _copy(tmp_path)
    _cut(tf, 'resource "aws_ecs_capacity_provider"', 'resource "aws_ecs_task_definition"')
    _edit(tf, '  image_id               = "ami-1"\n',
          '  image_id               = "ami-1"\n  user_data              = base64encode('
          '"#!/bin/bash\\necho ECS_CLUSTER=main >> /etc/ecs/ecs.config")\n')
    assert _lateral(tf.parent) == {"aws_db_instance.db": _fail("front", "app", "db")}
    _edit(tf, "ECS_CLUSTER=main", "ECS_CLUSTER=other")
    assert _lateral(tf.parent)["aws_db_instance.db"][0] is Status.UNKNOWN


def test_hosts_not_found_make_the_path_unknown(tmp_path: Path) -> None:
    """No capacity provider, no user data naming the cluster: the tasks may run on any
    instance, so the database's verdict is UNKNOWN (was PASS), and the path says why."""
    tf, cfn = _copy(tmp_path)
    _cut(tf, 'resource "aws_ecs_capacity_provider"', 'resource "aws_ecs_task_definition"')
    _cut(cfn, "  HostsProvider:", "  AppTask:")
    unknown = (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not "
        "known allows it: internet → {app}:32768-65535 → {db}:5432",
    )
    assert _lateral(tf.parent) == {
        "aws_db_instance.db": (unknown[0], unknown[1].format(app="app", db="db"))
    }
    assert _lateral(cfn.parent) == {"DB": (unknown[0], unknown[1].format(app="App", db="DB"))}
    why = ("no container instance of cluster aws_ecs_cluster.main was found (no capacity "
           "provider with an Auto Scaling group, no launch template or instance whose user "
           "data sets ECS_CLUSTER)")
    assert _hops(tf.parent, "aws_db_instance.db")[2] == (
        "db", "5432", False, f"may run on any instance: its hosts are not all known ({why}); "
        "db allows hosts",
    )


def test_a_capacity_provider_not_in_the_scan(tmp_path: Path) -> None:
    """A strategy naming a provider the scan does not hold: its instances are not known."""
    tf, _ = _copy(tmp_path)
    _edit(tf, "  desired_count   = 2\n",
          '  desired_count   = 2\n  capacity_provider_strategy {\n'
          '    capacity_provider = "elsewhere"\n    weight            = 1\n  }\n')
    found = _lateral(tf.parent)["aws_db_instance.db"]
    assert found[0] is Status.UNKNOWN
    assert "capacity provider elsewhere is not in the scan" in _hops(
        tf.parent, "aws_db_instance.db")[-1][3]


def test_host_ports_decide_what_the_balancer_reaches(tmp_path: Path) -> None:
    """In host mode the tasks listen on their container port (8080), which the hosts' group
    does not admit from the balancer: no path (PASS). With a ``hostPort`` in the range it
    admits, bridge tasks are reached on that port alone."""
    tf, cfn = _copy(tmp_path)
    _edit(tf, '  family = "app"\n', '  family       = "app"\n  network_mode = "host"\n')
    _edit(cfn, "      Family: app\n", "      Family: app\n      NetworkMode: host\n")
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}
    assert _lateral(cfn.parent) == {"DB": PASS}
    _edit(tf, '  network_mode = "host"\n', "")
    _edit(tf, "portMappings = [{ containerPort = 8080 }]",
          "portMappings = [{ containerPort = 8080, hostPort = 40000 }]")
    _edit(cfn, "      NetworkMode: host\n", "")
    _edit(cfn, "            - ContainerPort: 8080\n",
          "            - ContainerPort: 8080\n              HostPort: 40000\n")
    assert _lateral(tf.parent) == {"aws_db_instance.db": _fail("front", "app", "db", "40000")}
    assert _lateral(cfn.parent) == {"DB": _fail("Front", "App", "DB", "40000")}


def test_network_mode_none_reaches_nothing(tmp_path: Path) -> None:
    """"none": the containers have no external connectivity."""
    tf, _ = _copy(tmp_path)
    _edit(tf, '  family = "app"\n', '  family       = "app"\n  network_mode = "none"\n')
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}


def test_fargate_services_keep_their_own_interface(tmp_path: Path) -> None:
    """An awsvpc service with its own group (which admits the balancer on 8080) is not a
    member of the hosts' group: the database that admits only the hosts PASSes."""
    tf, _ = _copy(tmp_path)
    _edit(tf, "  desired_count   = 2\n",
          '  desired_count   = 2\n  launch_type     = "FARGATE"\n  network_configuration {\n'
          "    subnets         = [aws_subnet.private.id]\n"
          "    security_groups = [aws_security_group.task.id]\n  }\n")
    _edit(tf, 'resource "aws_security_group" "db" {',
          'resource "aws_security_group" "task" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n'
          "    from_port       = 8080\n    to_port         = 8080\n"
          '    protocol        = "tcp"\n'
          "    security_groups = [aws_security_group.lb.id]\n  }\n}\n\n"
          'resource "aws_security_group" "db" {')
    assert _lateral(tf.parent) == {"aws_db_instance.db": PASS}
