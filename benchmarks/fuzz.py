"""Fuzz every built-in loader with mutated inputs; count crashes (must be 0).

    .venv/bin/python benchmarks/fuzz.py [--per-loader 100000] [--seed 1] [--only terraform]

Each input is a fixture mutated one to three times (truncation, byte flips, token insertion,
splices, deletions, deep nesting, BOM/CRLF/UTF-16/Latin-1 re-encodings, duplicated lines:
tests/hardening/fuzz_harness.py), written to a temporary folder and run through discover,
recognise, load and map with the audit's own guards. Every input must end *assessed*,
*named* (each problem an error naming the file) or *not recognised*; a *crash* (a guard
caught an exception, or a file not assessed without a reason) is a bug and is saved under
``benchmarks/fuzz-crashes/`` for replay. Runs on one core; prints a table and JSON.
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
    args = parser.parse_args()
    harness = Harness()
    totals: dict[str, Counter[str]] = {}
    examples: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix="gdcc-fuzz-", dir="/dev/shm") as scratch:
        for loader in args.only or sorted(SEEDS):
            rng = random.Random(f"{args.seed}:{loader}")
            name, pool = seeds(loader)
            counts: Counter[str] = Counter()
            started = time.perf_counter()
            folder = Path(scratch) / loader
            folder.mkdir()
            target = folder / name
            for index in range(args.per_loader):
                data = mutate(rng.choice(pool), rng)
                target.write_bytes(data)
                outcome = harness.check(target)
                counts[outcome.kind] += 1
                if outcome.kind == "crash":
                    args.crashes.mkdir(exist_ok=True)
                    saved = args.crashes / f"{loader}-{index}-{name}"
                    saved.write_bytes(data)
                    examples.setdefault(loader, f"{saved}: {outcome.detail}")
                if index and index % 10_000 == 0:
                    rate = index / (time.perf_counter() - started)
                    print(f"{loader}: {index:,} inputs, {dict(counts)}, {rate:.0f}/s", flush=True)
            counts["seconds"] = round(time.perf_counter() - started)
            totals[loader] = counts
            print(f"{loader}: done {dict(counts)}", flush=True)
    print(f"{'loader':22} {'inputs':>8} {'assessed':>9} {'named':>8} {'unrecog.':>9} "
          f"{'crash':>6} {'seconds':>8}")
    for loader, c in totals.items():
        inputs = sum(v for k, v in c.items() if k != "seconds")
        print(f"{loader:22} {inputs:8,} {c['assessed']:9,} {c['named']:8,} "
              f"{c['unrecognised']:9,} {c['crash']:6,} {c['seconds']:8,}")
    print(json.dumps({"totals": {k: dict(v) for k, v in totals.items()}, "crashes": examples}))
    return 1 if any(c["crash"] for c in totals.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
