"""An AWS-managed prefix list as a rule's source (``com.amazonaws.<region>.s3``, ``.dynamodb``,
``….ipv6.route53-healthchecks``, ``com.amazonaws.global.cloudfront.origin-facing``) holds an
AWS service's ranges: not the internet, not a tenant network (``graph/service_lists.py``). It
was read as "any internal address … (not resolved)", an uncertain edge from every workload of
the tenant: a database admitting only S3's ranges was UNKNOWN on GDCC-GRAPH-001 / 005 through
the app server behind an internet-facing balancer. VPC Lattice's list still stands for clients
of any VPC (its proxies carry their requests), and CloudFront's reaches the target from a
distribution of the scan whose VPC origin's target is not known."""

from __future__ import annotations

from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.graph.service_lists import sends_nothing, service_of
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph"
BASE = FIXTURES / "cloudfront_any_distribution" / "terraform" / "main.tf"
DB_SOURCE = "    security_groups = [aws_security_group.app.id]\n"
LISTS = {
    "s3": ('data "aws_prefix_list" "svc" {\n  name = "com.amazonaws.ap-southeast-7.s3"\n}\n',
           "data.aws_prefix_list.svc.id"),
    "dynamodb": ('data "aws_ec2_managed_prefix_list" "svc" {\n'
                 '  name = "com.amazonaws.ap-southeast-7.dynamodb"\n}\n',
                 "data.aws_ec2_managed_prefix_list.svc.id"),
    "route53": ('data "aws_ec2_managed_prefix_list" "svc" {\n  filter {\n'
                '    name   = "prefix-list-name"\n'
                '    values = ["com.amazonaws.us-east-1.ipv6.route53-healthchecks"]\n  }\n}\n',
                "data.aws_ec2_managed_prefix_list.svc.id"),
    "endpoint": ('resource "aws_vpc_endpoint" "svc" {\n  vpc_id       = aws_vpc.main.id\n'
                 '  service_name = "com.amazonaws.ap-southeast-7.s3"\n}\n',
                 "aws_vpc_endpoint.svc.prefix_list_id"),
    # the Region not known (``${var.region}``, ``data.aws_region``): still AWS's S3 list (the
    # data "aws_prefix_list" left the whole security group not mapped on the old code:
    # "TypeError: an UNKNOWN value has no truth value"; the others were "outside the scan")
    "s3_region": ('data "aws_region" "current" {}\n'
                  'data "aws_ec2_managed_prefix_list" "svc" {\n'
                  '  name = "com.amazonaws.${data.aws_region.current.name}.s3"\n}\n',
                  "data.aws_ec2_managed_prefix_list.svc.id"),
    "s3_variable": ('variable "region" {\n  type = string\n}\n'
                    'data "aws_prefix_list" "svc" {\n'
                    '  name = "com.amazonaws.${var.region}.s3"\n}\n',
                    "data.aws_prefix_list.svc.id"),
    "dynamodb_filter": ('variable "region" {\n  type = string\n}\n'
                        'data "aws_ec2_managed_prefix_list" "svc" {\n  filter {\n'
                        '    name   = "prefix-list-name"\n'
                        '    values = ["com.amazonaws.${var.region}.ipv6.dynamodb"]\n  }\n}\n',
                        "data.aws_ec2_managed_prefix_list.svc.id"),
    "service_variable": ('variable "region" {\n  type = string\n}\n'
                         'variable "service" {\n  type = string\n}\n'
                         'data "aws_ec2_managed_prefix_list" "svc" {\n'
                         '  name = "com.amazonaws.${var.region}.${var.service}"\n}\n',
                         "data.aws_ec2_managed_prefix_list.svc.id"),
    "lattice": ('data "aws_ec2_managed_prefix_list" "svc" {\n'
                '  name = "com.amazonaws.ap-southeast-7.vpc-lattice"\n}\n',
                "data.aws_ec2_managed_prefix_list.svc.id"),
}


def _db(tmp_path: Path, shape: str, rule: str) -> Finding:
    block, reference = LISTS[shape]
    text = BASE.read_text(encoding="utf-8")
    assert DB_SOURCE in text
    text = text.replace(DB_SOURCE, f"    prefix_list_ids = [{reference}]\n") + block
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=[rule]))
    return next(f for f in result.findings if f.address == "aws_db_instance.db")


@pytest.mark.parametrize("rule", ["GDCC-GRAPH-001", "GDCC-GRAPH-005"])
@pytest.mark.parametrize(
    "shape", ["s3", "dynamodb", "route53", "endpoint", "s3_region", "s3_variable",
              "dynamodb_filter"])
def test_a_service_list_admits_no_workload(tmp_path: Path, shape: str, rule: str) -> None:
    # UNKNOWN on the old code: "db allows com.amazonaws.ap-southeast-7.s3 (not resolved)"
    found = _db(tmp_path, shape, rule)
    assert found.status is Status.PASS, found.message.en


def test_a_list_whose_service_is_not_known_stays_outside_the_scan(tmp_path: Path) -> None:
    # ``com.amazonaws.${var.region}.${var.service}``: any service's list, VPC Lattice's too
    found = _db(tmp_path, "service_variable", "GDCC-GRAPH-005")
    assert found.status is Status.UNKNOWN
    assert found.evidence["path_hops"][-1]["via"] == (
        "prefix list data.aws_ec2_managed_prefix_list.svc is outside the scan (a "
        "customer-managed list may hold any range, 0.0.0.0/0 too)"
    )


def test_vpc_lattice_still_stands_for_any_vpcs_clients(tmp_path: Path) -> None:
    found = _db(tmp_path, "lattice", "GDCC-GRAPH-005")
    assert found.status is Status.UNKNOWN
    assert found.evidence["path_hops"][-1]["via"] == (
        "db allows com.amazonaws.ap-southeast-7.vpc-lattice (not resolved)"
    )


def test_a_vpc_origin_whose_target_is_not_known_reaches_from_its_distribution(
    tmp_path: Path,
) -> None:
    # before: internet → cdn → any internal address → internal (every workload of the
    # tenant reached the balancer through CloudFront's list)
    source = FIXTURES / "cloudfront_vpc_origin" / "terraform" / "main.tf"
    text = source.read_text(encoding="utf-8")
    old = "arn                    = aws_lb.internal.arn"
    assert old in text
    (tmp_path / "main.tf").write_text(text.replace(old, "arn                    = var.arn"),
                                      encoding="utf-8")
    (tmp_path / "variables.tf").write_text('variable "arn" {\n  type = string\n}\n', "utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-005"]))
    found = next(f for f in result.findings if f.address == "aws_db_instance.db")
    assert found.status is Status.UNKNOWN
    assert found.message.en.endswith(
        ": internet → cdn:80,443 → internal:443 → app:8080 → orders:5432")
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is False
    assert hop["via"] == (
        "alb allows com.amazonaws.global.cloudfront.origin-facing; a VPC origin of the "
        "distribution whose target is not known may be it"
    )
    assert reason_th(hop["via"]).endswith(
        "; VPC origin ของ distribution ที่ไม่ทราบปลายทางอาจส่งต่อมาที่นี่")


def test_service_names() -> None:
    assert service_of("com.amazonaws.ap-southeast-7.s3") == "s3"
    assert service_of("com.amazonaws.global.cloudfront.origin-facing") == (
        "cloudfront.origin-facing")
    assert service_of("com.amazonaws.us-east-1.ipv6.ec2-instance-connect") == (
        "ec2-instance-connect")
    assert service_of("pl-0123456789abcdef0") is None
    assert sends_nothing("com.amazonaws.eu-west-1.s3express")
    assert not sends_nothing("com.amazonaws.eu-west-1.vpc-lattice")
    assert not sends_nothing("com.amazonaws.eu-west-1.execute-api")


def test_ssh_from_ec2_instance_connect_only_is_no_internet_path(tmp_path: Path) -> None:
    # AWS's way to open SSH to the console's EC2 Instance Connect only: the users an IAM
    # policy allows, not the internet; UNKNOWN on the old code ("app allows
    # com.amazonaws.ap-southeast-7.ec2-instance-connect (not resolved)")
    text = BASE.read_text(encoding="utf-8")
    old_app = (
        "    from_port       = 8080\n    to_port         = 8080\n    protocol        = \"tcp\"\n"
        "    security_groups = [aws_security_group.alb.id]\n"
    )
    assert old_app in text
    text = text.replace(old_app, (
        "    from_port       = 22\n    to_port         = 22\n    protocol        = \"tcp\"\n"
        "    prefix_list_ids = [data.aws_ec2_managed_prefix_list.eic.id]\n"
    )).replace("  subnet_id              = aws_subnet.private.id\n",
               "  subnet_id              = aws_subnet.a.id\n")
    text += ('data "aws_ec2_managed_prefix_list" "eic" {\n'
             '  name = "com.amazonaws.ap-southeast-7.ec2-instance-connect"\n}\n'
             # an internet-facing web server beside it
             'resource "aws_security_group" "web" {\n  vpc_id = aws_vpc.main.id\n'
             '  ingress {\n    from_port   = 80\n    to_port     = 80\n'
             '    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n'
             'resource "aws_instance" "web" {\n  ami           = "ami-0123456789abcdef0"\n'
             '  instance_type = "t3.micro"\n  subnet_id     = aws_subnet.a.id\n'
             '  vpc_security_group_ids = [aws_security_group.web.id]\n}\n')
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=["GDCC-GRAPH-002"]))
    found = next(f for f in result.findings if f.address == "aws_instance.app")
    assert found.status is Status.PASS, found.message.en
