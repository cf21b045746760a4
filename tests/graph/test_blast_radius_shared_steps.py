"""GDCC-GRAPH-006 at scale: what an AWS holder's grants reach is found once per scan.

Every walk (one per role, twice for a role another parameter value changes) read the grants
of each holder it passed through again: aws-cloudformation-templates read 1,620 holders'
grants for 192 walks. And every walk looked through all resources of the scan for Kubernetes
objects of the namespaces it holds everything of, even when it held none: quadratic, 19 of
bench_graph's 37 profiled seconds at 10,000 resources. The verdicts are the same; these tests
hold both the results and the work.
"""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.graph import grants
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models import Reference, Resource, SourceLocation
from gdcc_audit.models.resource import Facets, PolicyStatement


def _resource(
    label: str, kind: str, provider_type: str, system: str | None, *,
    statements: tuple[PolicyStatement, ...] | None = None, refs: tuple[str, ...] = (),
    wildcard: bool = False, **attributes: Any,
) -> Resource:
    return Resource(
        id=f"t/{provider_type}.{label}", kind=kind, name=label, provider="aws",
        provider_type=provider_type, tenant="t", system=system,
        address=f"{provider_type}.{label}",
        facets=Facets(permissions=statements, wildcard_permissions=wildcard),
        attributes=attributes,
        references=tuple(Reference(target=r, attribute="role") for r in refs),
        location=SourceLocation(file="main.tf", start_line=1),
    )


def _role(name: str, system: str | None, *statements: PolicyStatement) -> Resource:
    return _resource(name, "identity.role", "aws_iam_role", system, statements=statements,
                     name=name)


def _scan() -> list[Resource]:
    """Five roles of system ``app`` that may pass the role ``shared``, which reads every
    bucket whose name starts ``pay-``: ``pay-ledger`` (system ``payroll``) and one whose name
    is generated (system ``payroll``: the pattern may or may not name it)."""
    passing = PolicyStatement(actions=("iam:PassRole",), resources=("arn:aws:iam::*:role/shared",))
    reading = PolicyStatement(actions=("s3:GetObject",), resources=("arn:aws:s3:::pay-*/*",))
    return [
        *(_role(f"starter{i}", "app", passing) for i in range(5)),
        _role("shared", None, reading),
        _resource("ledger", "storage.bucket", "aws_s3_bucket", "payroll", bucket="pay-ledger"),
        _resource("generated", "storage.bucket", "aws_s3_bucket", "payroll"),
        _role("payroll_starter", "payroll", passing),
    ]


def _counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = grants.aws_steps

    def counted(graph: Any, holder: Resource, system: str | None = None) -> Any:
        calls.append(holder.name)
        return original(graph, holder, system)

    monkeypatch.setattr(grants, "aws_steps", counted)
    return calls


def test_each_holder_s_grants_are_read_once_per_system(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    graph = ResourceGraph(_scan())
    for i in range(5):
        radius = graph.blast_radius(f"t/aws_iam_role.starter{i}")
        assert radius.resources == ("t/aws_iam_role.shared", "t/aws_s3_bucket.ledger")
        assert radius.acts_as == ("t/aws_iam_role.shared",)
        assert radius.data == ("t/aws_s3_bucket.ledger",)
        # the generated bucket of another system: the reach on it is not known
        assert radius.not_known == ("aws_iam_role.shared",)
    # the start's own grants five times, the shared role's once (it was read in every walk)
    assert sorted(calls) == ["shared", *(f"starter{i}" for i in range(5))]


def test_the_start_s_system_is_part_of_what_is_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shared role's pattern may name the generated bucket of ``payroll``: UNKNOWN from
    ``app``, not reached from ``payroll`` itself (its own bucket)."""
    calls = _counting(monkeypatch)
    graph = ResourceGraph(_scan())
    from_app = graph.blast_radius("t/aws_iam_role.starter0")
    from_payroll = graph.blast_radius("t/aws_iam_role.payroll_starter")
    assert from_app.not_known == ("aws_iam_role.shared",)
    assert from_payroll.not_known == ()
    assert from_payroll.resources == ("t/aws_iam_role.shared", "t/aws_s3_bucket.ledger")
    assert calls.count("shared") == 2


def test_an_edge_added_reads_the_grants_again(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _counting(monkeypatch)
    graph = ResourceGraph(_scan())
    graph.blast_radius("t/aws_iam_role.starter0")
    graph.add_edge("t/aws_iam_role.starter1", "t/aws_iam_role.shared", "role")
    graph.blast_radius("t/aws_iam_role.starter0")
    assert calls.count("shared") == 2


class _Counted(dict[str, Resource]):
    looked: int = 0

    def values(self) -> Any:
        self.looked += 1
        return super().values()


def test_walks_do_not_look_through_every_resource() -> None:
    """Twenty walks, none of which holds a Kubernetes namespace or everything: the scan's
    resources are looked through once (to index them), not once per walk."""
    scan = [
        _role(f"r{i}", "app", PolicyStatement(actions=("s3:GetObject",), resources=("*",)))
        for i in range(20)
    ] + [_resource("b", "storage.bucket", "aws_s3_bucket", "app", bucket="b")]
    graph = ResourceGraph(scan)
    counted = _Counted(graph._by_id)
    graph._by_id = counted
    for i in range(20):
        assert graph.blast_radius(f"t/aws_iam_role.r{i}").resources == ("t/aws_s3_bucket.b",)
    assert counted.looked <= 2


def test_everything_of_the_provider_in_the_scan_s_order() -> None:
    admin = PolicyStatement(actions=("*",), resources=("*",))
    scan = [
        _resource("b", "storage.bucket", "aws_s3_bucket", "app", bucket="b"),
        _resource("admin", "identity.role", "aws_iam_role", "app", statements=(admin,),
                  wildcard=True, name="admin"),
        _role("other", "payroll"),
    ]
    radius = ResourceGraph(scan).blast_radius("t/aws_iam_role.admin")
    assert radius.unbounded
    assert radius.resources == (
        "t/aws_iam_role.admin", "t/aws_iam_role.other", "t/aws_s3_bucket.b",
    )
    assert radius.systems == ("app", "payroll")
