"""VPC Lattice's AWS-managed prefix list as a rule's source (``graph/lattice.py``,
``graph/network.py`` ``_lattice_sources``): Lattice's proxies carry the requests of clients in
the VPCs associated with the service networks of the services forwarding to the target. It
was "any internal address (not resolved)", which spans only the networks joined to the
target's: a public web server in a VPC joined to the app's by nothing but Lattice did not
reach the app, and the database behind it PASSed GDCC-GRAPH-001 / 005 (a wrong PASS). Now
the associated VPCs reach it (surely with auth type NONE, the default; perhaps where an auth
policy or the association's security groups decide), and what the scan does not tell (no
Lattice target group of the scan, a service in no service network of the scan) reaches it
perhaps from every VPC of the tenant."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph import lattice
from gdcc_audit.graph.scope import _template_target
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "vpc_lattice"
PATH = "internet → web:22 → app:8080 → orders:5432"
ALLOWS = "app allows com.amazonaws.ap-southeast-7.vpc-lattice"
THROUGH = "clients in client reach it through VPC Lattice service network " \
    "aws_vpclattice_service_network.net"


def _write(tmp_path: Path, old: str = "", new: str = "", extra: str = "") -> Path:
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    if old:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "main.tf").write_text(text + extra, encoding="utf-8")
    return tmp_path


def _finding(folder: Path, rule: str = "GDCC-GRAPH-005",
             address: str = "aws_db_instance.db") -> Finding:
    result = audit([folder], Settings(rule_ids=[rule]))
    return next(f for f in result.findings if f.address == address)


@pytest.mark.parametrize("rule", ["GDCC-GRAPH-001", "GDCC-GRAPH-005"])
def test_a_vpc_associated_with_the_service_network_reaches_its_targets(rule: str) -> None:
    # PASS on the old code: "any internal address" spanned the app's VPC only
    found = _finding(BASE / "terraform", rule)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(f": {PATH}")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is True
    assert hop["via"] == f"{ALLOWS}; {THROUGH}"
    assert reason_th(hop["via"]).endswith(
        "; ไคลเอนต์ใน client เข้าถึงได้ผ่าน VPC Lattice service network "
        "aws_vpclattice_service_network.net")


def test_the_list_named_with_a_region_variable_is_lattices(tmp_path: Path) -> None:
    # the aws-samples VPC Lattice blueprints' shape: ``com.amazonaws.${var.region}.
    # vpc-lattice`` was "outside the scan" on the old code (GDCC-GRAPH-005 UNKNOWN through
    # "any internal address"); it is Lattice's list, whose clients the scan names
    folder = _write(tmp_path, '"com.amazonaws.ap-southeast-7.vpc-lattice"',
                    '"com.amazonaws.${var.region}.vpc-lattice"',
                    'variable "region" {\n  type = string\n}\n')
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en.endswith(f": {PATH}")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is True
    assert hop["via"] == f"app allows com.amazonaws.<region>.vpc-lattice; {THROUGH}"


@pytest.mark.parametrize("rule", ["GDCC-GRAPH-001", "GDCC-GRAPH-005"])
def test_a_template_naming_lattices_list_follows_the_chain(rule: str) -> None:
    # the template's parameter describes its pl- id as com.amazonaws.ap-southeast-7.vpc-lattice:
    # it was "outside the scan" on the old code, and the database PASSed (a wrong PASS)
    found = _finding(BASE / "cloudformation", rule, "Db")
    assert found.status is Status.FAIL
    assert found.message.en.endswith(": internet → Web:22 → App:8080 → Db:5432")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is True
    assert hop["via"] == (
        "AppGroup allows com.amazonaws.ap-southeast-7.vpc-lattice; clients in VpcClient reach "
        "it through VPC Lattice service network Network")


def test_a_vpc_not_associated_does_not_reach(tmp_path: Path) -> None:
    # the service network is associated with the app's own VPC only: the web server's VPC
    # is joined to nothing
    folder = _write(tmp_path, "vpc_identifier             = aws_vpc.client.id",
                    "vpc_identifier             = aws_vpc.app.id")
    assert _finding(folder).status is Status.PASS


@pytest.mark.parametrize(("old", "new", "why"), [
    # PASS on the old code for each (the wrong PASS above)
    ('resource "aws_vpclattice_service_network" "net" {\n  name = "apps"\n',
     'resource "aws_vpclattice_service_network" "net" {\n  name = "apps"\n'
     '  auth_type = "AWS_IAM"\n',
     "the auth policy of aws_vpclattice_service_network.net decides who may call it "
     "(auth_type AWS_IAM)"),
    ('resource "aws_vpclattice_service" "orders" {\n  name = "orders"\n',
     'resource "aws_vpclattice_service" "orders" {\n  name = "orders"\n'
     "  auth_type = var.auth\n",
     "the auth type of aws_vpclattice_service.orders is not known"),
    ("  service_network_identifier = aws_vpclattice_service_network.net.id\n}\n",
     "  service_network_identifier = aws_vpclattice_service_network.net.id\n"
     "  security_group_ids         = [aws_security_group.web.id]\n}\n",
     "the security groups of aws_vpclattice_service_network_vpc_association.client decide "
     "which of its clients may"),
], ids=["iam-auth", "auth-not-known", "association-groups"])
def test_what_decides_beside_the_network_is_not_known(
    tmp_path: Path, old: str, new: str, why: str
) -> None:
    folder = _write(tmp_path, extra='variable "auth" {\n  type = string\n}\n')
    body = (folder / "main.tf").read_text(encoding="utf-8")
    if old.startswith("  service_network"):
        # the VPC association's (the last block)
        head, _, tail = body.rpartition(old)
        body = head + new + tail
    else:
        assert body.count(old) == 1
        body = body.replace(old, new)
    (folder / "main.tf").write_text(body, encoding="utf-8")
    found = _finding(folder)
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(f": {PATH}")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is False
    assert hop["via"] == f"{ALLOWS}; {THROUGH}; {why}"
    assert reason_th(why) != why  # (Thai)


@pytest.mark.parametrize(("old", "why"), [
    # the service is associated with no service network of the scan
    ('resource "aws_vpclattice_service_network_service_association" "orders" {\n'
     "  service_identifier         = aws_vpclattice_service.orders.id\n"
     "  service_network_identifier = aws_vpclattice_service_network.net.id\n}\n",
     "VPC Lattice service aws_vpclattice_service.orders may be in a service network not in "
     "the scan"),
    # no listener of the scan forwards to the target group
    ('  default_action {\n    forward {\n      target_groups {\n'
     "        target_group_identifier = aws_vpclattice_target_group.app.id\n"
     "      }\n    }\n  }\n",
     "target group aws_vpclattice_target_group.app may be used by a VPC Lattice service not "
     "in the scan"),
], ids=["no-service-association", "no-listener"])
def test_a_chain_not_all_in_the_scan_reaches_from_every_vpc_perhaps(
    tmp_path: Path, old: str, why: str
) -> None:
    # PASS on the old code
    replacement = "" if old.startswith("resource") else (
        '  default_action {\n    fixed_response {\n      status_code = 404\n    }\n  }\n')
    found = _finding(_write(tmp_path, old, replacement))
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(f": {PATH}")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is False
    assert hop["via"] == f"{ALLOWS}; {why}"
    assert reason_th(why) != why


def test_no_lattice_target_group_in_the_scan_is_not_resolved_from_every_vpc(
    tmp_path: Path,
) -> None:
    # the Lattice resources are elsewhere: PASS on the old code (the app's VPC only)
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    start = text.index('resource "aws_vpclattice_service_network" "net"')
    folder = _write(tmp_path, text[start:], "")
    found = _finding(folder)
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(f": {PATH}")
    assert found.evidence["path_hops"][2]["via"] == f"{ALLOWS} (not resolved)"


def _cfn() -> dict[str, dict[str, object]]:
    """The Lattice part of the template fixture (cloudformation/template.yaml), as loaded."""
    return {
        "VpcClient": {"Type": "AWS::EC2::VPC", "Properties": {"CidrBlock": "10.1.0.0/16"}},
        "App": {"Type": "AWS::EC2::Instance", "Properties": {}},
        "Network": {"Type": "AWS::VpcLattice::ServiceNetwork", "Properties": {"Name": "apps"}},
        "Orders": {"Type": "AWS::VpcLattice::Service", "Properties": {"Name": "orders"}},
        "AppTargets": {"Type": "AWS::VpcLattice::TargetGroup", "Properties": {
            "Type": "INSTANCE", "Targets": [{"Id": {"Ref": "App"}, "Port": 8080}]}},
        "Listener": {"Type": "AWS::VpcLattice::Listener", "Properties": {
            "Protocol": "HTTP", "ServiceIdentifier": {"Ref": "Orders"},
            "DefaultAction": {"Forward": {"TargetGroups": [
                {"TargetGroupIdentifier": {"Ref": "AppTargets"}}]}}}},
        "OrdersInNetwork": {"Type": "AWS::VpcLattice::ServiceNetworkServiceAssociation",
                            "Properties": {"ServiceIdentifier": {"Ref": "Orders"},
                                           "ServiceNetworkIdentifier": {"Ref": "Network"}}},
        "ClientInNetwork": {"Type": "AWS::VpcLattice::ServiceNetworkVpcAssociation",
                            "Properties": {"VpcIdentifier": {"Ref": "VpcClient"},
                                           "ServiceNetworkIdentifier": {"Ref": "Network"}}},
    }


def _read(resources: dict[str, dict[str, object]]) -> dict[str, lattice.Reach]:
    return lattice.from_template(resources, lambda v: _template_target(v, resources))


def test_cloudformation_chain_is_read() -> None:
    # (a template names Lattice's list by a pl- id, read as Lattice's where the template
    # says so: test_a_template_naming_lattices_list_follows_the_chain)
    resources = _cfn()
    assert _read(resources) == {"App": lattice.Reach((lattice.Client("VpcClient", "Network"),))}
    network = resources["Network"]["Properties"]
    association = resources["ClientInNetwork"]["Properties"]
    assert isinstance(network, dict)
    assert isinstance(association, dict)
    network["AuthType"] = "AWS_IAM"
    association["SecurityGroupIds"] = ["sg-1"]
    assert _read(resources)["App"].clients[0].doubts == (
        lattice.IAM_AUTH.format("Network"), lattice.GROUPS_DECIDE.format("ClientInNetwork"))
    del resources["OrdersInNetwork"]
    assert _read(resources)["App"] == lattice.Reach((), (lattice.SERVICE_OPEN.format("Orders"),))


class _Tf:
    """A Terraform resource as ``lattice.from_terraform`` reads it."""

    def __init__(self, kind: str, values: dict[str, object] | None = None,
                 **refs: list[str]) -> None:
        self.type, self.values, self.refs = kind, values or {}, refs


def _tf(managed: dict[str, _Tf]) -> dict[str, lattice.Reach]:
    return lattice.from_terraform(managed, lambda r, argument: list(r.refs.get(argument, [])))


GROUP = "aws_vpclattice_target_group.app"
CHAIN = {
    GROUP: _Tf("aws_vpclattice_target_group"),
    "aws_vpclattice_listener.http": _Tf(
        "aws_vpclattice_listener", service_identifier=["aws_vpclattice_service.s"],
        default_action=[GROUP]),
    "aws_vpclattice_service.s": _Tf("aws_vpclattice_service", {"auth_type": "NONE"}),
    "aws_vpclattice_service_network.n": _Tf("aws_vpclattice_service_network"),
    "aws_vpclattice_service_network_service_association.s": _Tf(
        "aws_vpclattice_service_network_service_association",
        service_identifier=["aws_vpclattice_service.s"],
        service_network_identifier=["aws_vpclattice_service_network.n"]),
    "aws_vpclattice_service_network_vpc_association.c": _Tf(
        "aws_vpclattice_service_network_vpc_association",
        vpc_identifier=["aws_vpc.client"],
        service_network_identifier=["aws_vpclattice_service_network.n"]),
}
CLIENT = lattice.Client("aws_vpc.client", "aws_vpclattice_service_network.n")


def test_ecs_services_and_scaling_groups_are_lattice_targets() -> None:
    managed = dict(CHAIN)
    managed["aws_ecs_service.api"] = _Tf(
        "aws_ecs_service", vpc_lattice_configurations=[GROUP, "aws_iam_role.infra"])
    managed["aws_iam_role.infra"] = _Tf("aws_iam_role")
    managed["aws_autoscaling_traffic_source_attachment.a"] = _Tf(
        "aws_autoscaling_traffic_source_attachment",
        {"traffic_source": [{"type": "vpc-lattice"}]}, traffic_source=[GROUP],
        autoscaling_group_name=["aws_autoscaling_group.web"])
    found = _tf(managed)
    # (the ECS service's role is no target group)
    assert found == {"aws_ecs_service.api": lattice.Reach((CLIENT,)),
                     "aws_autoscaling_group.web": lattice.Reach((CLIENT,))}


def test_a_service_network_endpoint_and_a_shared_network() -> None:
    managed = dict(CHAIN)
    managed["aws_vpclattice_target_group_attachment.a"] = _Tf(
        "aws_vpclattice_target_group_attachment", target_group_identifier=[GROUP],
        target=["aws_instance.app"])
    managed["aws_vpc_endpoint.sn"] = _Tf(
        "aws_vpc_endpoint", {"vpc_endpoint_type": "ServiceNetwork"}, vpc_id=["aws_vpc.other"],
        service_network_arn=["aws_vpclattice_service_network.n"])
    managed["aws_ram_resource_association.n"] = _Tf(
        "aws_ram_resource_association", resource_arn=["aws_vpclattice_service_network.n"])
    found = _tf(managed)["aws_instance.app"]
    assert found.clients == (
        CLIENT, lattice.Client("aws_vpc.other", "aws_vpclattice_service_network.n"))
    assert found.open == (
        lattice.NETWORK_OPEN.format("aws_vpclattice_service_network.n"),)
