"""A database placed by its subnet group (``aws_db_subnet_group``): the resource graph puts
it in the group's subnets (``normalize/terraform/subnet_groups.py``). Before, it was in no
subnet: a publicly accessible database in private subnets (no route to the internet gateway)
FAILed GDCC-GRAPH-001 with a certain path ``internet → hidden:5432``; RDS reaches a public
database only through subnets routed to an internet gateway. CloudFormation alike
(``AWS::RDS::DBSubnetGroup``, ``cloudformation/db_exposure.link_subnet_groups``)."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

FIXTURE = Path(__file__).parent.parent / "fixtures" / "graph" / "terraform" / "db_subnet_groups"


def test_database_placed_by_its_subnet_group() -> None:
    result = audit([FIXTURE / "main.tf"], Settings(rule_ids=("GDCC-GRAPH-001", "GDCC-NET-002")))
    found = {(f.address, f.rule_id): f for f in result.findings}
    exposed = found[("aws_db_instance.exposed", "GDCC-GRAPH-001")]
    assert (exposed.status, exposed.message.en) == (
        Status.FAIL,
        "exposed holds confidential data and is reachable from the internet: "
        "internet → exposed:5432",
    )
    hidden = found[("aws_db_instance.hidden", "GDCC-GRAPH-001")]
    assert hidden.status is Status.PASS
    # its endpoint is still public (publicly_accessible): NET-002 judges the setting
    assert found[("aws_db_instance.hidden", "GDCC-NET-002")].status is Status.FAIL
    # an Aurora instance naming no subnet group is in its cluster's (was a certain FAIL)
    aurora = found[("aws_rds_cluster_instance.aurora", "GDCC-GRAPH-001")]
    assert aurora.status is Status.PASS
    # a group with a subnet outside the scan: placement not known, never a PASS
    assert found[("aws_db_instance.mixed", "GDCC-GRAPH-001")].status is not Status.PASS


def test_subnet_group_read_for_context() -> None:
    result = audit([FIXTURE / "main.tf"], Settings(rule_ids=("GDCC-GRAPH-001",)))
    assert "aws_db_subnet_group" not in result.not_judged
    assert "aws_db_subnet_group" in result.read_for_context


def test_cloudformation_database_placed_by_its_subnet_group() -> None:
    result = audit([FIXTURE / "template.yaml"], Settings(rule_ids=("GDCC-GRAPH-001",)))
    found = {f.address: f for f in result.findings}
    assert found["Exposed"].message.en == (
        "Exposed holds confidential data and is reachable from the internet: "
        "internet → Exposed:5432"
    )
    assert found["Hidden"].status is Status.PASS
