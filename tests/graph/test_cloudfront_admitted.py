"""A security group rule admitting CloudFront reads as admitting CloudFront, not the internet
and not nobody (``graph/network.py`` ``_admits_cloudfront``):

- a custom origin (the distribution's origin domain names a load balancer or instance of the
  scan) whose rule admits the AWS-managed prefix list
  ``com.amazonaws.global.cloudfront.origin-facing`` is forwarded to on an origin port (an
  internet-facing ALB open to CloudFront only was reached by nothing, so the database behind
  it PASSed GDCC-GRAPH-005: a wrong PASS);
- a VPC origin's target whose rule admits CloudFront's own group, looked up by the name
  CloudFront gives it (``data "aws_security_group"`` ``CloudFront-VPCOrigins-Service-SG``),
  is forwarded to surely (it was "sg:unknown (not resolved)": UNKNOWN).
The fixtures are written from ``fixtures/graph/cloudfront_vpc_origin``."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.settings import Settings

BASE = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "cloudfront_vpc_origin"
PATH = "internet → cdn:80,443 → internal:443 → app:8080 → orders:5432"
LIST = '''data "aws_ec2_managed_prefix_list" "cloudfront" {
  name = "com.amazonaws.global.cloudfront.origin-facing"
}'''
LIST_RULE = "    prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront.id]"
GROUP_RULE = "    security_groups = [data.aws_security_group.cloudfront.id]"
VPC_ORIGIN = (
    "    vpc_origin_config {\n      vpc_origin_id = aws_cloudfront_vpc_origin.alb.id\n    }\n"
)
CUSTOM_ORIGIN = (
    "    custom_origin_config {\n      http_port              = 80\n"
    '      https_port             = 443\n      origin_protocol_policy = "https-only"\n'
    '      origin_ssl_protocols   = ["TLSv1.2"]\n    }\n'
)


def _write(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    text = (BASE / "terraform" / "main.tf").read_text(encoding="utf-8")
    for old, new in changes:
        assert old in text
        text = text.replace(old, new)
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    return tmp_path


def _finding(folder: Path, address: str = "aws_db_instance.db") -> Finding:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-005"]))
    return next(f for f in result.findings if f.address == address)


def _group(lookup: str) -> tuple[str, str]:
    return LIST, f'data "aws_security_group" "cloudfront" {{\n{lookup}\n}}'


def _custom(tmp_path: Path, *changes: tuple[str, str]) -> Path:
    # an internet-facing ALB in public subnets; the distribution's origin is its DNS name
    return _write(
        tmp_path, ("internal           = true", "internal           = false"),
        (VPC_ORIGIN, CUSTOM_ORIGIN),
        ('resource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.main.id\n',
         'resource "aws_internet_gateway" "gw" {\n  vpc_id = aws_vpc.main.id\n}\n\n'
         'resource "aws_subnet" "a" {\n  vpc_id     = aws_vpc.main.id\n'
         "  map_public_ip_on_launch = true\n"),
        *changes,
    )


def test_a_vpc_origin_target_admitting_cloudfronts_group_by_name(tmp_path: Path) -> None:
    # UNKNOWN on the old code ("alb allows sg:unknown (not resolved)")
    folder = _write(tmp_path, _group('  name = "CloudFront-VPCOrigins-Service-SG"'),
                    (LIST_RULE, GROUP_RULE))
    found = _finding(folder)
    assert found.status is Status.FAIL
    assert found.message.en == f"a workload reachable from the internet can connect to port " \
        f"5432: {PATH}"
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is True
    assert hop["via"] == "forwards (VPC origin); it admits CloudFront's VPC origins security group"
    assert reason_th(hop["via"]) == (
        "ส่งต่อผ่าน VPC origin; ปลายทางอนุญาต security group ของ VPC origin ของ CloudFront"
    )


def test_cloudfronts_group_found_by_a_group_name_filter(tmp_path: Path) -> None:
    folder = _write(tmp_path, _group(
        '  filter {\n    name   = "group-name"\n'
        '    values = ["CloudFront-VPCOrigins-Service-SG"]\n  }'), (LIST_RULE, GROUP_RULE))
    assert _finding(folder).status is Status.FAIL


def test_another_group_looked_up_by_name_stays_not_known(tmp_path: Path) -> None:
    folder = _write(tmp_path, _group('  name = "edge-proxies"'), (LIST_RULE, GROUP_RULE))
    assert _finding(folder).status is Status.UNKNOWN


def test_a_custom_origin_admitting_the_origin_facing_list_is_reached(tmp_path: Path) -> None:
    # PASS on the old code: the internet does not reach the ALB (only CloudFront's list is
    # admitted) and the distribution's custom origin was not followed
    found = _finding(_custom(tmp_path))
    assert found.status is Status.FAIL
    assert found.message.en == f"a workload reachable from the internet can connect to port " \
        f"5432: {PATH}"
    hop = found.evidence["path_hops"][2]
    assert hop["certain"] is True
    assert hop["via"] == (
        "forwards (custom origin); it admits CloudFront's origin-facing prefix list"
    )
    assert reason_th(hop["via"]).startswith("ส่งต่อผ่าน custom origin")


def test_a_custom_origin_admitting_cloudfront_on_no_origin_port(tmp_path: Path) -> None:
    # CloudFront connects to an origin on 80, 443 or 1024-65535 only
    folder = _custom(tmp_path, (
        "    from_port       = 443\n    to_port         = 443\n    protocol        = \"tcp\"\n"
        f"{LIST_RULE}",
        "    from_port       = 22\n    to_port         = 22\n    protocol        = \"tcp\"\n"
        f"{LIST_RULE}",
    ))
    assert _finding(folder).status is Status.PASS


def test_cloudfronts_vpc_origins_group_admits_no_custom_origin(tmp_path: Path) -> None:
    # the group holds CloudFront's VPC origin interfaces; a custom origin is reached from the
    # origin-facing addresses, which it does not admit
    folder = _custom(tmp_path, _group('  name = "CloudFront-VPCOrigins-Service-SG"'),
                     (LIST_RULE, GROUP_RULE))
    assert _finding(folder).status is not Status.FAIL
