"""The audit pauses cyclic garbage collection (42 % of a large scan's CPU) and restores it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from gdcc_audit import audit
from gdcc_audit.gcpause import gc_paused
from gdcc_audit.settings import Settings

MINIMAL = Path(__file__).parent / "fixtures" / "manifests" / "minimal.yaml"


def test_collection_is_off_inside_and_restored_after_even_on_error() -> None:
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():  # nested: still off, and the outer block turns it back on
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError, match="boom"), gc_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_audit_leaves_the_collector_on(settings: Settings) -> None:
    result = audit([MINIMAL], settings)
    assert result.resources
    assert gc.isenabled()


def test_a_large_scan_frees_the_loaders_cycles_before_building_the_graph(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A loader that may leave reference cycles (a Terraform plan's), which the paused
    collector keeps: a scan of at least ``COLLECT_FROM`` resources holding such documents
    collects them once the documents are released, so the graph and the findings reuse their
    memory. Here the threshold is one resource: nothing is left unreachable when the graph is
    built. (Terraform configurations, Heat and CloudFormation leave none: no collection,
    tests/terraform/test_module_release.py, tests/test_loader_cycles.py.)"""
    from gdcc_audit import api

    (tmp_path / "tfplan.json").write_text(
        '{"format_version": "1.2", "terraform_version": "1.9.0", "planned_values": '
        '{"root_module": {"resources": [{"address": "aws_s3_bucket.logs", "mode": "managed", '
        '"type": "aws_s3_bucket", "name": "logs", "provider_name": '
        '"registry.terraform.io/hashicorp/aws", "values": {"bucket": "logs"}}, '
        '{"address": "aws_vpc.v", "mode": "managed", "type": "aws_vpc", "name": "v", '
        '"provider_name": "registry.terraform.io/hashicorp/aws", '
        '"values": {"cidr_block": "10.0.0.0/16"}}]}}}'
    )
    seen: list[int] = []
    collected: list[int] = []
    graph = api.ResourceGraph
    collect = api.gc.collect

    def counting(*args: object, **kwargs: object) -> object:
        seen.append(collect())  # what is left unreachable
        return graph(*args, **kwargs)  # type: ignore[arg-type]

    def collecting(*args: int) -> int:
        collected.append(1)
        return collect(*args)

    monkeypatch.setattr(api, "ResourceGraph", counting)
    monkeypatch.setattr(api, "COLLECT_FROM", 1)
    monkeypatch.setattr(api.gc, "collect", collecting)
    result = audit([tmp_path], Settings(workers=1, cache=False))
    assert len(result.resources) == 2
    assert collected == [1]
    assert seen == [0]
    assert gc.isenabled()


def test_a_small_scan_does_not_collect(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below ``COLLECT_FROM`` resources no collection runs (it traverses the whole heap)."""
    from gdcc_audit import api

    (tmp_path / "main.tf").write_text('resource "aws_vpc" "v" {\n  cidr_block = "10.0.0.0/16"\n}\n')
    calls: list[int] = []
    monkeypatch.setattr(api.gc, "collect", lambda *a: calls.append(1) or 0)
    audit([tmp_path], Settings(workers=1, cache=False))
    assert calls == []
