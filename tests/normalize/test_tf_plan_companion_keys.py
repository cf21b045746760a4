"""Companion references as a plan writes them (``normalize/terraform/context.py``): a plan
lists ``aws_s3_bucket.b[count.index]`` (or ``aws_s3_bucket.b[0]``) and the keyless
``aws_s3_bucket.b`` for one reference. The keyless one was read as ``b[0]`` for every
instance (a counted versioning configuration of ``b[1]`` credited ``b[0]``)."""

from __future__ import annotations

from tfhelpers import map_all, res

from gdcc_audit.load.terraform_model import TfReference, TfResource


def _instance(address: str, index: int | None, values: dict[str, object],
              refs: list[tuple[str, str]]) -> TfResource:
    made = res(address, values)
    made.index = index
    made.references = [TfReference(target, attribute) for attribute, target in refs]
    return made


def test_plan_references_name_the_referring_instance() -> None:
    # a plan lists aws_s3_bucket.b[count.index] (or b[0]) and the keyless aws_s3_bucket.b
    # for one reference; the keyless one named b[0] for every instance, or (keyed and keyless
    # read apart) both buckets
    buckets = [_instance(f"aws_s3_bucket.b[{i}]", i, {"bucket": f"b{i}"}, []) for i in (0, 1)]
    enabled = {"versioning_configuration": [{"status": "Enabled"}]}
    counted = _instance(
        "aws_s3_bucket_versioning.v[1]", 1, dict(enabled),
        [("bucket", "aws_s3_bucket.b[count.index]"), ("bucket", "aws_s3_bucket.b")],
    )
    found = map_all(*buckets, counted)
    assert found["aws_s3_bucket.b[1]"].facets.versioning is True
    assert found["aws_s3_bucket.b[0]"].facets.versioning is not True
    keyed = _instance(
        "aws_s3_bucket_versioning.w", None, dict(enabled),
        [("bucket", "aws_s3_bucket.b[0]"), ("bucket", "aws_s3_bucket.b")],
    )
    found = map_all(*buckets, keyed)
    assert found["aws_s3_bucket.b[0]"].facets.versioning is True
    assert found["aws_s3_bucket.b[1]"].facets.versioning is not True
    assert "versioning" not in found["aws_s3_bucket.b[1]"].unknown
