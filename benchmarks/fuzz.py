"""Fuzz every built-in loader with mutated inputs; count crashes (must be 0).

    .venv/bin/python benchmarks/fuzz.py [--per-loader 100000] [--seed 1] [--only terraform]
        [--state /tmp/fuzz-state.json]

Each input is a fixture mutated one to three times (truncation, byte flips, token insertion,
splices, deletions, deep nesting, BOM/CRLF/UTF-16/Latin-1 re-encodings, duplicated lines:
tests/hardening/fuzz_harness.py), written to a temporary folder and run through discover,
recognise, load and map with the audit's own guards. Every input must end *assessed*,
*named* (each problem an error naming the file) or *not recognised*; a *crash* (a guard
caught an exception, or a file not assessed without a reason) is a bug and is saved under
``benchmarks/fuzz-crashes/`` for replay. Runs on one core; prints a table and JSON.
With ``--state``, progress (counts and the random generators' states) is saved every 1,000
rounds and a run started again with the same file resumes where it stopped, so a killed run
loses at most 1,000 inputs per loader and fuzzes the same inputs it would have.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests" / "hardening"))

from fuzz_harness import SEEDS, Harness, mutate, seeds  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--per-loader", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--only", action="append", choices=sorted(SEEDS))
    parser.add_argument("--crashes", type=Path, default=HERE / "fuzz-crashes")
    parser.add_argument("--state", type=Path, help="save progress here; resume from it")
    args = parser.parse_args()
    harness = Harness()
    loaders = args.only or sorted(SEEDS)
    totals: dict[str, Counter[str]] = {loader: Counter() for loader in loaders}
    seconds: Counter[str] = Counter()
    examples: dict[str, str] = {}
    rngs = {loader: random.Random(f"{args.seed}:{loader}") for loader in loaders}
    start = 0
    wall = 0.0
    if args.state is not None and args.state.exists():
        state = json.loads(args.state.read_text("utf-8"))
        start, wall = state["done"], state["wall"]
        for loader in loaders:
            totals[loader].update(state["totals"][loader])
            seconds[loader] = state["seconds"][loader]
            version, internal, gauss = state["rngs"][loader]
            rngs[loader].setstate((version, tuple(internal), gauss))
        examples.update(state["crashes"])
        print(f"resuming after {start:,} inputs per loader", flush=True)
    began = time.monotonic() - wall
    pools = {loader: seeds(loader) for loader in loaders}
    with tempfile.TemporaryDirectory(prefix="gdcc-fuzz-", dir=_scratch_root()) as scratch:
        targets = {}
        for loader in loaders:
            (Path(scratch) / loader).mkdir()
            targets[loader] = Path(scratch) / loader / pools[loader][0]
        # Round robin, so that an interrupted run has fuzzed every loader as much.
        for index in range(start, args.per_loader):
            for loader in loaders:
                started = time.process_time()
                data = mutate(rngs[loader].choice(pools[loader][1]), rngs[loader])
                targets[loader].write_bytes(data)
                outcome = harness.check(targets[loader])
                seconds[loader] += time.process_time() - started
                totals[loader][outcome.kind] += 1
                if outcome.kind == "crash":
                    args.crashes.mkdir(exist_ok=True)
                    saved = args.crashes / f"{loader}-{index}-{targets[loader].name}"
                    saved.write_bytes(data)
                    examples.setdefault(loader, f"{saved}: {outcome.detail}")
            if args.state is not None and (index + 1) % 1_000 == 0:
                _save(args.state, index + 1, time.monotonic() - began, totals, seconds,
                      rngs, examples)
            if (index + 1) % 5_000 == 0:
                _table(totals, seconds, time.monotonic() - began)
                print(json.dumps({"per_loader": index + 1, "crashes": examples}), flush=True)
    _table(totals, seconds, time.monotonic() - began)
    print(json.dumps({"totals": {k: dict(v) for k, v in totals.items()}, "crashes": examples}))
    return 1 if any(c["crash"] for c in totals.values()) else 0


def _scratch_root() -> str | None:
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def _save(
    path: Path,
    done: int,
    wall: float,
    totals: dict[str, Counter[str]],
    seconds: Counter[str],
    rngs: dict[str, random.Random],
    examples: dict[str, str],
) -> None:
    state = {
        "done": done,
        "wall": wall,
        "totals": {k: dict(v) for k, v in totals.items()},
        "seconds": dict(seconds),
        "rngs": {k: rng.getstate() for k, rng in rngs.items()},
        "crashes": examples,
    }
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(state), "utf-8")
    partial.replace(path)


def _table(totals: dict[str, Counter[str]], seconds: Counter[str], wall: float) -> None:
    print(f"{'loader':22} {'inputs':>8} {'assessed':>9} {'named':>8} {'unrecog.':>9} "
          f"{'crash':>6} {'cpu s':>8} {'ms/input':>9}")
    for loader, c in totals.items():
        per = 1000 * seconds[loader] / max(c.total(), 1)
        print(f"{loader:22} {c.total():8,} {c['assessed']:9,} {c['named']:8,} "
              f"{c['unrecognised']:9,} {c['crash']:6,} {seconds[loader]:8.0f} {per:9.2f}",
              flush=True)
    inputs = sum(c.total() for c in totals.values())
    print(f"{inputs:,} inputs in {wall:,.0f} s of wall time "
          f"({inputs / max(wall, 1e-9):,.0f} inputs/s)", flush=True)


if __name__ == "__main__":
    sys.exit(main())
