"""AWS puts a resource that names no security group in its VPC's default security group,
whose documented rules admit only the group's own members: GDCC-GRAPH-004 was UNKNOWN
"filtering not known" on every such database (terragoat's nine Aurora clusters and its
Neptune cluster). ``aws_default_security_group`` in the scan replaces the documented rules;
a VPC, a member or a module that is not known keeps the verdict UNKNOWN with that reason."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.network import NetworkBuilder
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).parent.parent / "fixtures" / "graph" / "default_groups"
RULES = ("GDCC-GRAPH-002", "GDCC-GRAPH-004", "GDCC-GRAPH-005")
DOCUMENTED = (
    "the documented default rules of a VPC's default security group admit its own members "
    "only, and no aws_default_security_group in the scan changes them"
)
LATERAL_PASS = "No internet-facing workload can move laterally to a data store's database port"


def _findings(folder: str) -> dict[tuple[str, str], tuple[Status, str]]:
    result = audit([FIXTURES / folder], Settings(rule_ids=RULES))
    assert all(i.status.value == "assessed" for i in result.inputs), result.inputs
    return {
        (f.rule_id, f.address or ""): (f.status, f.message.en)
        for f in result.findings
        if f.status is not Status.NOT_APPLICABLE
    }


def test_a_lone_database_in_the_documented_default_group_admits_only_its_members() -> None:
    admits = (
        "only members of the default security group of the default VPC (orders, web), none "
        f"internet-facing: {DOCUMENTED}"
    )
    assert _findings("documented") == {
        # the web server's only group is the default one: nothing from the internet
        ("GDCC-GRAPH-002", "aws_instance.web"): (
            Status.PASS, "No management port is reachable from the internet through any path"
        ),
        ("GDCC-GRAPH-004", "aws_db_instance.orders"): (
            Status.PASS, f"the data tier admits {admits}"
        ),
        ("GDCC-GRAPH-005", "aws_db_instance.orders"): (Status.PASS, LATERAL_PASS),
    }
    result = audit([FIXTURES / "documented"], Settings(rule_ids=("GDCC-GRAPH-004",)))
    (finding,) = [f for f in result.findings if f.address == "aws_db_instance.orders"]
    assert finding.evidence == {"admits": admits}


def test_cloudformation_resources_without_groups_share_the_default_group() -> None:
    assert _findings("cfn")[("GDCC-GRAPH-004", "Orders")] == (
        Status.PASS,
        "the data tier admits only members of the default security group of the default VPC "
        f"(Orders, Web), none internet-facing: {DOCUMENTED}",
    )


def test_a_declared_default_group_replaces_the_documented_rules() -> None:
    assert _findings("declared_open") == {
        ("GDCC-GRAPH-004", "aws_db_instance.orders"): (
            Status.FAIL,
            "the data tier is not segmented from the web tier: it admits any address on "
            "port(s) 5432",
        ),
        ("GDCC-GRAPH-005", "aws_db_instance.orders"): (Status.PASS, LATERAL_PASS),
    }


def test_a_database_sharing_its_group_with_an_internet_facing_server_fails() -> None:
    found = _findings("declared_shared")
    assert found[("GDCC-GRAPH-004", "aws_db_instance.orders")] == (
        Status.FAIL,
        "the data tier is not segmented from the web tier: it admits members of default, "
        "which holds internet-facing web",
    )
    assert found[("GDCC-GRAPH-005", "aws_db_instance.orders")] == (
        Status.FAIL,
        "a workload reachable from the internet can connect to port 5432: "
        "internet → web:443 → orders:5432",
    )


def test_a_subnet_group_not_in_the_scan_leaves_the_other_members_unknown() -> None:
    assert _findings("unplaced")[("GDCC-GRAPH-004", "aws_db_instance.orders")] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: its subnet or subnet group is not in the "
        "scan, so the other members of its VPC's default security group are not known",
    )


def test_a_server_of_a_vpc_not_known_may_share_the_default_group() -> None:
    found = _findings("cfn_unplaced")
    assert found[("GDCC-GRAPH-004", "Orders")] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: the default security group of the default "
        "VPC holds Kiosk, which may be internet-facing",
    )
    assert found[("GDCC-GRAPH-005", "Orders")] == (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not "
        "known allows it: internet → Kiosk → Orders:5432",
    )


def test_a_launch_template_without_groups_may_be_a_member_and_cluster_instances_follow() -> None:
    reason = (
        "cannot tell which addresses it admits: the default security group of the default "
        "VPC holds workers, which may be internet-facing"
    )
    found = _findings("maybe")
    assert found[("GDCC-GRAPH-004", "aws_rds_cluster.ledger")] == (Status.UNKNOWN, reason)
    # the cluster instance takes its cluster's groups (here: the default one)
    assert found[("GDCC-GRAPH-004", "aws_rds_cluster_instance.ledger")] == (
        Status.UNKNOWN, reason
    )
    assert found[("GDCC-GRAPH-005", "aws_rds_cluster.ledger")] == (
        Status.UNKNOWN,
        "a workload reachable from the internet can connect to port 5432 if what is not "
        "known allows it: internet → workers → ledger:5432",
    )


def test_a_module_not_scanned_may_manage_the_default_group() -> None:
    assert _findings("partial")[("GDCC-GRAPH-004", "aws_db_instance.orders")] == (
        Status.UNKNOWN,
        "cannot tell which addresses it admits: an aws_default_security_group may be declared "
        "in what was not scanned (module.network (../not-here): no Terraform files in the "
        "module folder)",
    )


def test_only_an_application_load_balancer_gets_the_default_group() -> None:
    found, errors, _ = run(FIXTURES / "balancers")
    assert not errors
    builder = NetworkBuilder(ResourceGraph(found.values()))
    groups = {address: [g.name for g in builder.groups_of(r)] for address, r in found.items()}
    assert groups == {
        # its subnets come from a variable: the default group of a VPC not known
        "aws_lb.application": ["the default security group of its VPC"],
        "aws_lb.network": [],  # a Network Load Balancer has no group unless it names one
        "aws_lb.type_not_known": [],  # may be a Network Load Balancer: not assumed
    }
