"""A CloudFront distribution's VPC origin (``vpc_origin_config`` / ``VpcOriginConfig``) is
linked to its target, the balancer or instance of the ``aws_cloudfront_vpc_origin`` /
``AWS::CloudFront::VpcOrigin`` it names: the distribution forwards to it on the origin's
ports, as the target's security groups admit CloudFront (its network interfaces in the
target's subnets, or the ``com.amazonaws.global.cloudfront.origin-facing`` prefix list).
The distribution reached only "any internal address", uncertainly: a database behind an
internal balancer that a VPC origin fronts was UNKNOWN on GDCC-GRAPH-005 (Terraform: the
balancer admits CloudFront's prefix list) or PASS (CloudFormation: the balancer admits its
VPC's range, which "any internal address" did not reach)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.reason_words import reason_th
from gdcc_audit.normalize import cdn_origins
from gdcc_audit.settings import Settings
from iac_helpers import run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "graph" / "cloudfront_vpc_origin"
CASES = {
    # format: (file, the database's address, the path)
    "terraform": ("main.tf", "aws_db_instance.db",
                  "internet → cdn:80,443 → internal:443 → app:8080 → orders:5432"),
    "cloudformation": ("template.yaml", "Db",
                       "internet → Cdn:80,443 → Alb:443 → App:8080 → Db:5432"),
}


def _finding(folder: Path, address: str) -> Finding:
    result = audit([folder], Settings(rule_ids=["GDCC-GRAPH-005"]))
    return next(f for f in result.findings if f.address == address)


def _variant(fmt: str, tmp_path: Path, old: str, new: str) -> Path:
    shutil.copytree(FIXTURES / fmt, tmp_path / fmt)
    path = tmp_path / fmt / CASES[fmt][0]
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path.parent


@pytest.mark.parametrize("fmt", sorted(CASES))
def test_the_internet_reaches_the_database_through_the_vpc_origin(fmt: str) -> None:
    _, db, path = CASES[fmt]
    found = _finding(FIXTURES / fmt, db)
    assert found.status is Status.FAIL
    assert found.message.en == (
        f"a workload reachable from the internet can connect to port 5432: {path}"
    )
    hop = found.evidence["path_hops"][2]  # distribution -> balancer
    assert hop["certain"] is True
    assert hop["via"] == (
        "forwards (VPC origin); it admits CloudFront's origin-facing prefix list"
        if fmt == "terraform"
        else "forwards; AlbGroup allows 10.0.0.0/16"
    ), hop


def test_the_distribution_refers_to_the_origins_target() -> None:
    resources, errors, _ = run(FIXTURES / "terraform")
    assert errors == []
    cdn = resources["aws_cloudfront_distribution.cdn"]
    assert cdn.attributes[cdn_origins.VPC_TARGETS] == {"aws_lb.internal": [443]}
    assert cdn.attributes[cdn_origins.VPC_TARGETS_KNOWN] is True
    assert any(r.target == "aws_lb.internal" and r.attribute == cdn_origins.VPC_ORIGIN
               for r in cdn.references)


def test_a_balancer_that_does_not_admit_cloudfront_is_not_reached(tmp_path: Path) -> None:
    folder = _variant(
        "terraform", tmp_path,
        "prefix_list_ids = [data.aws_ec2_managed_prefix_list.cloudfront.id]",
        "security_groups = [aws_security_group.db.id]",
    )
    found = _finding(folder, "aws_db_instance.db")
    assert found.status is Status.PASS


def test_cloudfront_connects_on_the_origins_port_only(tmp_path: Path) -> None:
    # http-only on 8080: the balancer admits CloudFront on 443 only
    folder = _variant("terraform", tmp_path, 'origin_protocol_policy = "https-only"',
                      'origin_protocol_policy = "http-only"')
    resources, _, _ = run(folder)
    assert resources["aws_cloudfront_distribution.cdn"].attributes[
        cdn_origins.VPC_TARGETS] == {"aws_lb.internal": [80]}
    assert _finding(folder, "aws_db_instance.db").status is Status.PASS


@pytest.mark.parametrize(("fmt", "old", "new"), [
    ("terraform", "arn                    = aws_lb.internal.arn",
     "arn                    = var.origin_arn"),
    ("cloudformation", "Arn: !Ref Alb", "Arn: arn:aws:elasticloadbalancing:ap-southeast-1:1:x"),
])
def test_a_target_outside_the_scan_keeps_the_uncertain_reach(
    fmt: str, old: str, new: str, tmp_path: Path
) -> None:
    folder = _variant(fmt, tmp_path, old, new)
    if fmt == "terraform":
        (folder / "variables.tf").write_text(
            'variable "origin_arn" {\n  type = string\n}\n', "utf-8")
    found = _finding(folder, CASES[fmt][1])
    # as before: the distribution reaches "any internal address", uncertainly (Terraform:
    # the balancer admits CloudFront's prefix list, which that node may hold); a literal
    # ARN names a balancer of another stack, not this one (CloudFormation: PASS)
    assert found.status is (Status.UNKNOWN if fmt == "terraform" else Status.PASS)
    resources, _, _ = run(folder)
    cdn = resources["aws_cloudfront_distribution.cdn" if fmt == "terraform" else "Cdn"]
    assert cdn.attributes[cdn_origins.VPC_TARGETS_KNOWN] is False


def test_the_vpc_origin_reason_reads_in_thai() -> None:
    assert reason_th(
        "forwards (VPC origin); it admits CloudFront's origin-facing prefix list"
    ) == "ส่งต่อผ่าน VPC origin; ปลายทางอนุญาต prefix list origin-facing ของ CloudFront"
