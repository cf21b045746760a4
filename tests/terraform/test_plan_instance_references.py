"""A plan names a counted or keyed companion's target the way Terraform's JSON writes it:
``bucket = aws_s3_bucket.b[count.index].id`` is ``["aws_s3_bucket.b", "count.index"]``
(``load/tfplan_instances.py``). The keyless reference named every instance, so each
versioning configuration was one of several candidates on every bucket (GDCC-DATA-005
UNKNOWN on all). Now instance ``i`` names ``b[i]`` when that list holds nothing else and both
have as many instances; ``[each.key]`` and ``each.value`` of a ``for_each`` over one resource
the same; an input read beside the key designates nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from gdcc_audit.api import audit
from gdcc_audit.models.finding import Status
from gdcc_audit.settings import Settings


def _bucket(address: str, index: Any) -> dict[str, Any]:
    name = address.split("[", maxsplit=1)[0].split(".")[1]
    return {
        "address": address, "mode": "managed", "type": "aws_s3_bucket", "name": name,
        "index": index, "values": {"bucket": f"bucket-{index}"},
    }


def _versioning(name: str, index: Any, status: str = "Enabled") -> dict[str, Any]:
    key = json.dumps(index)
    values = {"versioning_configuration": [{"status": status, "mfa_delete": None}]}
    return {
        "address": f"aws_s3_bucket_versioning.{name}[{key}]", "mode": "managed",
        "type": "aws_s3_bucket_versioning", "name": name, "index": index, "values": values,
    }


def _config(name: str, refs: list[str], **extra: Any) -> dict[str, Any]:
    return {
        "address": f"aws_s3_bucket_versioning.{name}", "mode": "managed",
        "type": "aws_s3_bucket_versioning", "name": name, "provider_config_key": "aws",
        "expressions": {"bucket": {"references": refs}, "versioning_configuration": [
            {"status": {"constant_value": "Enabled"}}]},
        **extra,
    }


def _plan(tmp_path: Path, resources: list[dict[str, Any]], config: list[dict[str, Any]]) -> Path:
    buckets = [
        {"address": address, "mode": "managed", "type": "aws_s3_bucket", "name": address[14:15],
         "provider_config_key": "aws", "expressions": {"bucket": {"constant_value": "x"}}}
        for address in ("aws_s3_bucket.b", "aws_s3_bucket.m")
    ]
    plan = {
        "format_version": "1.2", "terraform_version": "1.9.0",
        "planned_values": {"root_module": {"resources": resources}},
        "resource_changes": [
            {"address": r["address"], "mode": "managed", "type": r["type"], "name": r["name"],
             "index": r["index"], "change": {"actions": ["create"], "after": r["values"],
                                             "after_unknown": {"id": True, "arn": True}}}
            for r in resources
        ],
        "configuration": {"root_module": {"resources": buckets + config}},
    }
    path = tmp_path / "tfplan.json"
    path.write_text(json.dumps(plan), encoding="utf-8")
    return path


def _versioned(path: Path) -> dict[str, Status]:
    result = audit([path], Settings(rule_ids=("GDCC-DATA-005",)))
    return {(f.address or ""): f.status for f in result.findings}


BUCKETS = [_bucket("aws_s3_bucket.b[0]", 0), _bucket("aws_s3_bucket.b[1]", 1)]


def test_a_counted_companion_names_its_own_instance(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path, [*BUCKETS, _versioning("v", 0, "Suspended"), _versioning("v", 1)],
        [_config("v", ["aws_s3_bucket.b", "count.index"])],
    )
    # was UNKNOWN on both buckets: the keyless reference named every instance
    assert _versioned(plan) == {
        "aws_s3_bucket.b[0]": Status.FAIL, "aws_s3_bucket.b[1]": Status.PASS,
    }


def test_an_input_beside_the_key_designates_nothing(tmp_path: Path) -> None:
    plan = _plan(
        tmp_path, [*BUCKETS, _versioning("v", 0), _versioning("v", 1)],
        [_config("v", ["var.existing", "aws_s3_bucket.b", "count.index"])],
    )
    assert set(_versioned(plan).values()) == {Status.UNKNOWN}


def test_counts_that_differ_designate_nothing(tmp_path: Path) -> None:
    # one versioning for two buckets: element() may wrap, the index may be shifted
    plan = _plan(
        tmp_path, [*BUCKETS, _versioning("v", 0)],
        [_config("v", ["aws_s3_bucket.b", "count.index"])],
    )
    assert set(_versioned(plan).values()) == {Status.UNKNOWN}


def test_each_value_of_a_for_each_over_a_resource_names_that_instance(tmp_path: Path) -> None:
    keyed = [_bucket('aws_s3_bucket.m["x"]', "x"), _bucket('aws_s3_bucket.m["y"]', "y")]
    plan = _plan(
        tmp_path, [*keyed, _versioning("w", "y")],
        [_config("w", ["each.value.id", "each.value"],
                 for_each_expression={"references": ["aws_s3_bucket.m"]})],
    )
    # was: no target at all (each.value names no resource), both FAIL
    assert _versioned(plan) == {
        'aws_s3_bucket.m["x"]': Status.FAIL, 'aws_s3_bucket.m["y"]': Status.PASS,
    }
