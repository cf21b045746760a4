"""ECS services stand for their running tasks in the resource graph: the security groups and
subnets of their awsvpc network configuration, a public IP only when they assign one. They
were not read at all, so a database that only a public Fargate service could reach PASSed
GDCC-GRAPH-005."""

from __future__ import annotations

import shutil
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "ecs_service"


def _lateral(path: Path) -> dict[str, tuple[Status, str]]:
    result = audit([path], Settings(rule_ids=("GDCC-GRAPH-005",)))
    assert result.not_judged == {}
    # the services, data stores only when their task runs a database (test_ecs_data_stores)
    return {
        f.address or "": (f.status, f.message.en) for f in result.findings
        if not (f.resource_kind == "container.service" and f.status is Status.NOT_APPLICABLE)
    }


def test_a_database_a_public_service_reaches_fails() -> None:
    assert _lateral(FIXTURES / "tf") == {
        "aws_db_instance.db": (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 5432: internet → "
            "app:8080 → db:5432",
        )
    }
    assert _lateral(FIXTURES / "cfn") == {
        "DB": (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 5432: internet → "
            "Service:8080 → DB:5432",
        )
    }


def test_tasks_without_a_public_ip_are_not_reached_from_the_internet(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES, tmp_path / "ecs")
    tf = tmp_path / "ecs" / "tf" / "main.tf"
    tf.write_text(tf.read_text().replace("assign_public_ip = true", "assign_public_ip = false"))
    cfn = tmp_path / "ecs" / "cfn" / "stack.yaml"
    cfn.write_text(cfn.read_text().replace("AssignPublicIp: ENABLED", "AssignPublicIp: DISABLED"))
    assert _lateral(tmp_path / "ecs" / "tf")["aws_db_instance.db"][0] is Status.PASS
    assert _lateral(tmp_path / "ecs" / "cfn")["DB"][0] is Status.PASS


DEFAULT_GROUP = FIXTURES.parent / "ecs_default_group"


def test_tasks_without_security_groups_are_in_the_vpc_default_group() -> None:
    """"If you don't specify a security group, the default security group for the VPC is
    used" (AwsVpcConfiguration). Terraform: the configuration opens that group on 8080 and
    the database admits it: FAIL (was PASS: the service was in no group). CloudFormation:
    the documented default group admits only its members, so the public task is not reached
    from the internet: PASS (was UNKNOWN "filtering not known")."""
    assert _lateral(DEFAULT_GROUP / "tf") == {
        "aws_db_instance.db": (
            Status.FAIL,
            "a workload reachable from the internet can connect to port 5432: internet → "
            "app:8080 → db:5432",
        )
    }
    assert _lateral(DEFAULT_GROUP / "cfn") == {
        "DB": (Status.PASS, "No internet-facing workload can move laterally to a data "
               "store's database port")
    }


def test_a_security_group_written_keeps_the_default_group_out(tmp_path: Path) -> None:
    """Naming a group (one that admits nothing) takes the tasks out of the default group."""
    shutil.copytree(DEFAULT_GROUP, tmp_path / "d")
    tf = tmp_path / "d" / "tf" / "main.tf"
    tf.write_text(tf.read_text().replace(
        "    assign_public_ip = true\n",
        "    assign_public_ip = true\n    security_groups  = [aws_security_group.db.id]\n",
    ))
    assert _lateral(tmp_path / "d" / "tf")["aws_db_instance.db"][0] is Status.PASS
