"""Work that grows with the scan is done once per scan, not once per resource (the one-20-MB-file
regression of stop 39: ``group_lists.not_in_scan`` read the name of every security group of the
scan for every AWS resource, 53 s of a 134 s profile). Counted, not timed: the resources of one
type are handed to the mapper in a list that counts how often it is walked."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

import pytest
from tests.normalize.tfhelpers import map_all, res

from gdcc_audit.load.terraform_model import UNKNOWN, TfResource
from gdcc_audit.normalize.group_lists import GROUPS_NOT_IN_SCAN
from gdcc_audit.normalize.terraform import context

#: Instances (and groups) of the synthetic scan: a per-resource walk shows as N walks.
N = 40


class _Counted(list[TfResource]):
    """A list of one type's resources that counts the walks over it, by type."""

    walks: ClassVar[Counter[str]] = Counter()

    def __iter__(self) -> Any:
        if self:
            _Counted.walks[self[0].type] += 1
        return super().__iter__()


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every list of ``TfContext.by_type`` counts its walks."""
    built = context._index

    def _index(resources: Any) -> Any:
        by_address, by_type = built(resources)
        return by_address, {kind: _Counted(items) for kind, items in by_type.items()}

    _Counted.walks = Counter()
    monkeypatch.setattr(context, "_index", _index)
    return _Counted.walks


def test_group_names_are_read_once_per_scan(counted: Counter[str]) -> None:
    """N instances each listing a literal ``sg-…`` id and a group of the scan: the groups'
    names (is the literal one of them?) are read once, not once per instance (N walks over
    N groups: quadratic)."""
    groups = [
        res(f"aws_security_group.g{i}", {"name": f"g{i}", "vpc_id": "vpc-1"}) for i in range(N)
    ]
    instances = [
        res(
            f"aws_instance.i{i}",
            {"ami": "ami-1", "vpc_security_group_ids": [f"sg-0{i:08d}", UNKNOWN]},
            {"vpc_security_group_ids.1": f"aws_security_group.g{i}"},
        )
        for i in range(N)
    ]
    mapped = map_all(*groups, *instances)
    # the verdicts' input is unchanged: each instance's literal is a group outside the scan
    for i in range(N):
        noted = mapped[f"aws_instance.i{i}"].attributes[GROUPS_NOT_IN_SCAN]
        assert noted == [f"sg-0{i:08d}"]
    assert counted["aws_security_group"] <= 2, counted


def test_literal_names_are_indexed_once_per_document(counted: Counter[str]) -> None:
    """N bucket policies naming their bucket by a literal name (``bucket = "b7"``): the buckets'
    names are indexed once, not walked once per policy (quadratic), and each policy still
    lands on the bucket it names."""
    buckets = [res(f"aws_s3_bucket.b{i}", {"bucket": f"b{i}"}) for i in range(N)]
    policies = [
        res(
            f"aws_s3_bucket_public_access_block.p{i}",
            {
                "bucket": f"b{i}", "block_public_acls": True, "block_public_policy": True,
                "ignore_public_acls": True, "restrict_public_buckets": i % 2 == 0,
            },
        )
        for i in range(N)
    ]
    mapped = map_all(*buckets, *policies)
    for i in range(N):
        bucket = mapped[f"aws_s3_bucket.b{i}"]
        assert bucket.facets.public_access_block is (i % 2 == 0), i
    assert counted["aws_s3_bucket"] <= 4, counted
