"""Property tests: whatever bytes a loader gets, every input ends assessed, named (each
problem an error naming the file) or not recognised; never a crash. ``benchmarks/fuzz.py``
runs the same harness for 100,000 inputs per loader."""

from __future__ import annotations

import random
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fuzz_harness import MUTATIONS, SEEDS, Harness, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = settings(
    max_examples=200,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def harness() -> Harness:
    return Harness()


@pytest.fixture(scope="module")
def scratch() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="gdcc-fuzz-") as folder:
        yield Path(folder)


def _check(harness: Harness, scratch: Path, loader: str, data: bytes) -> None:
    name, _ = seeds(loader)
    target = scratch / loader / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(data)
    outcome = harness.check(target)
    assert outcome.kind != "crash", f"{outcome.detail}\ninput: {data[:300]!r}"


@pytest.mark.parametrize("loader", sorted(SEEDS))
@EXAMPLES
@given(data=st.data())
def test_mutated_inputs_never_crash(
    harness: Harness, scratch: Path, loader: str, data: st.DataObject
) -> None:
    _, pool = seeds(loader)
    content = data.draw(st.sampled_from(pool))
    rng = data.draw(st.randoms(use_true_random=False))
    for _ in range(data.draw(st.integers(1, 3))):
        content = data.draw(st.sampled_from(MUTATIONS))(content, rng)
    _check(harness, scratch, loader, content)


@pytest.mark.parametrize("loader", sorted(SEEDS))
@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_truncation_point_is_safe(
    harness: Harness, scratch: Path, loader: str, data: st.DataObject
) -> None:
    _, pool = seeds(loader)
    content = data.draw(st.sampled_from(pool))
    cut = data.draw(st.integers(0, len(content)))
    _check(harness, scratch, loader, content[:cut])


@pytest.mark.parametrize("loader", ["terraform", "kubernetes", "tfplan"])
@settings(max_examples=100, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=2_000))
def test_arbitrary_bytes_are_safe(harness: Harness, scratch: Path, loader: str, raw: bytes) -> None:
    _check(harness, scratch, loader, raw)


def test_mutations_are_deterministic_per_seed() -> None:
    _, pool = seeds("terraform")
    first = [m(pool[0], random.Random(7)) for m in MUTATIONS]
    assert first == [m(pool[0], random.Random(7)) for m in MUTATIONS]
