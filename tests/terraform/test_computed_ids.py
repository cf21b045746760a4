"""A resource's ``id`` is known only after apply but is never null nor empty: a list of group
ids built with ``compact`` / ``distinct`` / ``concat`` stays a list of those groups (it was
wholly UNKNOWN, so an instance whose port has such a list had GDCC-NET-001 and
GDCC-GRAPH-002 UNKNOWN: kubespray contrib/terraform/openstack, 13 servers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from gdcc_audit.api import audit
from gdcc_audit.load.terraform.evaluate import Context, evaluate_or_unknown
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.load.terraform.types import ConstantScope
from gdcc_audit.load.terraform.values import Computed
from gdcc_audit.load.terraform_model import UNKNOWN
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings

from .helpers import load, resources

FIXTURE = Path(__file__).parent.parent / "fixtures" / "openstack_compact_groups"

A = Computed("aws_security_group.a.id", "aws_security_group.id")
B = Computed("aws_security_group.b.id", "aws_security_group.id")
BUCKET = Computed("aws_s3_bucket.c.id", "aws_s3_bucket.id")


def value(source: str, **names: Any) -> Any:
    """``x = <source>`` evaluated with ``names`` bound, as it leaves the evaluator."""
    parsed = parse_hcl("t.tf", f"x = {source}\n".encode())
    ctx = Context(ConstantScope(), dict(names))
    return evaluate_or_unknown(parsed.body.attributes["x"].expr, ctx)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('compact([a, b, ""])', [UNKNOWN, UNKNOWN]),
        ("compact([a, null])", [UNKNOWN]),
        ("length(compact([a, b, null]))", 2),
        ("length(distinct([a, b, a]))", 2),
        ("length(toset([a, a]))", 1),
        ("flatten([[a], [b]])", [UNKNOWN, UNKNOWN]),
        ("coalesce(null, a)", UNKNOWN),
        ("a != null", True),
        ('a == ""', False),
        ('length(compact(concat([a], ["sg-1", ""])))', 2),
        ('length(compact(["${u}/32", ""]))', 1),  # a text with written characters
        ('"${u}/32" == ""', False),
        # the value of an unknown condition whose branches agree
        ('u ? "x" : "x"', "x"),
        ("u ? a : a", UNKNOWN),
        ("length(u ? [a] : [a])", 1),
        # still not known
        ('compact([a, u ? b : ""])', UNKNOWN),
        ("distinct([a, c])", UNKNOWN),  # a bucket's id is its name: two kinds may be equal
        ("distinct([a, u])", UNKNOWN),
        ("a == b", UNKNOWN),
        ('u ? "x" : "y"', UNKNOWN),
        ('contains([a], "sg-1")', UNKNOWN),
        ("upper(a)", UNKNOWN),
    ],
)
def test_computed_ids(source: str, expected: Any) -> None:
    found = value(source, a=A, b=B, c=BUCKET, u=UNKNOWN)
    assert found == expected if expected is not UNKNOWN else found is UNKNOWN


def test_instances_behind_a_compact_list_of_groups_are_judged() -> None:
    result = audit([FIXTURE], Settings(rule_ids=("GDCC-NET-001", "GDCC-GRAPH-002")))
    found = {(f.rule_id, f.address): (f.status, f.message.en) for f in result.findings}
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.bastion")] == (
        Status.FAIL, "management port 22 reachable from the internet: internet → bastion:22"
    )
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.bastion")] == (
        Status.NOT_APPLICABLE, "judged on its security groups: bastion, k8s"
    )
    assert found[("GDCC-GRAPH-002", "openstack_compute_instance_v2.node")] == (
        Status.FAIL,
        "management ports 22, 3389, 5985, 5986, 23, 2375, 2376, 6443, 10250 reachable from the "
        "internet: internet → bastion:22 → node:22",
    )
    assert found[("GDCC-NET-001", "openstack_compute_instance_v2.node")] == (
        Status.NOT_APPLICABLE, "judged on its security groups: k8s"
    )


def test_a_count_written_as_a_string_is_converted(tmp_path: Path) -> None:
    """``count = var.nodes_count`` of a ``string`` input (rke2's node module) is converted to
    a number as Terraform does: the instances were one of unknown count."""


    (tmp_path / "main.tf").write_text(
        'variable "n" {\n  type    = string\n  default = "2"\n}\n'
        'resource "aws_sqs_queue" "q" {\n  count = var.n\n  name = "q-${count.index}"\n}\n'
    )
    found = resources(load(tmp_path)[0])
    assert sorted(found) == ["aws_sqs_queue.q[0]", "aws_sqs_queue.q[1]"]


def test_splat_of_counted_resources_keeps_one_id_each(tmp_path: Path) -> None:
    """``aws_security_group.g[*].id`` of a counted group is a list of one id per instance
    (it was UNKNOWN): an instance holding it is in those groups."""


    (tmp_path / "main.tf").write_text(
        'resource "aws_security_group" "g" {\n  count = 2\n  name = "g${count.index}"\n}\n'
        'resource "aws_instance" "i" {\n  ami = "ami-1"\n'
        "  vpc_security_group_ids = aws_security_group.g[*].id\n}\n"
    )
    found = resources(load(tmp_path)[0])
    instance = found["aws_instance.i"]
    assert instance.values["vpc_security_group_ids"] == [UNKNOWN, UNKNOWN]
    assert {r.target for r in instance.references} == {
        "aws_security_group.g[0]", "aws_security_group.g[1]", "aws_security_group.g"
    }


def test_a_template_refers_to_what_follows_a_part_not_known(tmp_path: Path) -> None:
    """``"${var.prefix}/${aws_s3_bucket.b.arn}/*"`` refers to the bucket (the reference was
    lost: rendering stopped at the input that is not known)."""
    (tmp_path / "main.tf").write_text(
        'variable "prefix" {\n  type = string\n}\n'
        'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n'
        'resource "aws_iam_policy" "p" {\n'
        '  policy = "${var.prefix}/${aws_s3_bucket.b.arn}/*"\n}\n'
    )
    found = resources(load(tmp_path)[0])
    assert [(r.attribute, r.target) for r in found["aws_iam_policy.p"].references] == [
        ("policy", "aws_s3_bucket.b")
    ]
