"""Resources with equal facets hold one Facets object (memory at scale); facets that are
equal only by Python's loose comparisons (1 == True == 1.0), or that hold nested models, are
never merged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models import Facets, Resource, SourceLocation
from gdcc_audit.models.common import Classification
from gdcc_audit.models.resource import IngressRule
from gdcc_audit.normalize.share import FacetsPool


def _resource(name: str, facets: Facets) -> Resource:
    return Resource(
        id=f"-/-/aws_s3_bucket.{name}",
        kind="storage.bucket",
        name=name,
        provider="aws",
        provider_type="aws_s3_bucket",
        facets=facets,
        location=SourceLocation(file="main.tf", start_line=1),
    )


def test_equal_facets_become_one_object() -> None:
    pool = FacetsPool()
    first = pool.share(_resource("a", Facets(encrypted_at_rest=True, region="ap-southeast-7")))
    second = _resource("b", Facets(encrypted_at_rest=True, region="ap-southeast-7"))
    facets_before = second.facets
    shared = pool.share(second)
    assert shared is second
    assert shared.facets is first.facets
    assert shared.facets == facets_before
    other = pool.share(_resource("c", Facets(encrypted_at_rest=False, region="ap-southeast-7")))
    assert other.facets is not first.facets
    assert other.facets.encrypted_at_rest is False


def test_tuples_dates_and_enums_are_shared_when_exactly_equal() -> None:
    pool = FacetsPool()
    values = {
        "hardcoded_secrets": ("password",),
        "last_rotated": dt.date(2026, 1, 2),
        "data_classification": Classification.SECRET,
    }
    first = pool.share(_resource("a", Facets(**values)))
    assert pool.share(_resource("b", Facets(**values))).facets is first.facets


def test_loosely_equal_values_are_never_merged() -> None:
    pool = FacetsPool()
    as_int = pool.share(_resource("a", Facets.model_construct(log_retention_days=1)))
    as_bool = pool.share(_resource("b", Facets.model_construct(log_retention_days=True)))
    as_float = pool.share(_resource("c", Facets.model_construct(log_retention_days=1.0)))
    assert as_int.facets == as_bool.facets == as_float.facets  # Python's view
    assert as_bool.facets.log_retention_days is True
    assert type(as_float.facets.log_retention_days) is float
    in_tuple = pool.share(_resource("d", Facets.model_construct(host_ports=(1,))))
    bool_tuple = pool.share(_resource("e", Facets.model_construct(host_ports=(True,))))
    assert bool_tuple.facets.host_ports == (True,)
    assert bool_tuple.facets.host_ports[0] is True
    assert in_tuple.facets is not bool_tuple.facets
    as_text = pool.share(_resource("f", Facets(region="secret")))
    as_enum = pool.share(_resource("g", Facets.model_construct(region=Classification.SECRET)))
    assert as_enum.facets is not as_text.facets


def test_fields_set_and_nested_models_keep_their_own_object() -> None:
    pool = FacetsPool()
    given = pool.share(_resource("a", Facets(region=None)))
    left_out = pool.share(_resource("b", Facets()))
    assert given.facets == left_out.facets
    assert given.facets is not left_out.facets
    assert given.facets.model_fields_set == {"region"}
    assert left_out.facets.model_fields_set == set()
    rules = (IngressRule(from_port=22, to_port=22, sources=("0.0.0.0/0",)),)
    nested = pool.share(_resource("c", Facets(ingress=rules)))
    again = pool.share(_resource("d", Facets(ingress=rules)))
    assert nested.facets is not again.facets
    unhashable = pool.share(_resource("e", Facets.model_construct(hardcoded_secrets=["x"])))
    assert unhashable.facets.hardcoded_secrets == ["x"]


def test_an_audit_shares_equal_facets(tmp_path: Path) -> None:
    body = "".join(
        f'resource "aws_subnet" "s{i}" {{\n  vpc_id = "vpc-1"\n  cidr_block = "10.0.{i}.0/24"\n}}\n'
        for i in range(3)
    )
    (tmp_path / "main.tf").write_text(body)
    result = audit([tmp_path])
    assert len(result.resources) == 3
    # the audit's resources are released before the result: look at them through the engine
    from gdcc_audit import api

    seen: list[Resource] = []
    original = api.ResourceGraph

    class Spy(original):  # type: ignore[misc, valid-type]
        def __init__(self, resources: list[Resource], *args: object, **kwargs: object) -> None:
            seen.extend(resources)
            super().__init__(resources, *args, **kwargs)

    api.ResourceGraph = Spy  # type: ignore[misc]
    try:
        again = audit([tmp_path])
    finally:
        api.ResourceGraph = original  # type: ignore[misc]
    assert again.findings == result.findings
    assert len(seen) == 3
    assert seen[0].facets is seen[1].facets is seen[2].facets
