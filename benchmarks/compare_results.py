#!/usr/bin/env python3
"""Scan the same inputs with the code under test and compare with a saved run: JSON and SARIF.

    python benchmarks/compare_results.py run OUT_DIR NAME=PATH [NAME=PATH ...]
    python benchmarks/compare_results.py diff BEFORE_DIR AFTER_DIR

``run`` writes ``OUT_DIR/NAME/result.json`` (every finding, the whole graph) and
``result.sarif`` for each input, scanned with a fixed ``--now`` and no parse cache, with the
``gdcc-audit`` next to this interpreter. ``diff`` compares two such folders (the JSON without
its ``scanned_at`` time) and exits 1 on any difference, naming the first differing key. Used
to check that a speed change leaves every result identical.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

NOW = "2026-12-01T00:00:00"


def _run(out: Path, cases: list[str]) -> int:
    tool = str(Path(sys.executable).with_name("gdcc-audit"))
    for case in cases:
        name, _, path = case.partition("=")
        target = out / name
        target.mkdir(parents=True, exist_ok=True)
        for fmt, suffix in (("json", "json"), ("sarif", "sarif")):
            command = [tool, "scan", path, "--format", fmt, "-o", str(target / f"result.{suffix}")]
            command += ["--now", NOW, "--no-cache", "--fail-on", "none", "-q"]
            command += ["--full-findings", "--full-graph"] if fmt == "json" else []
            done = subprocess.run(command, check=False, capture_output=True, text=True)
            if done.returncode not in (0, 1, 2) or not (target / f"result.{suffix}").exists():
                print(f"{name}: {fmt} exited {done.returncode}\n{done.stderr}", file=sys.stderr)
                return 2
        print(f"{name}: written", flush=True)
    return 0


def _first_difference(a: Any, b: Any, where: str = "") -> str | None:
    if type(a) is not type(b):
        return f"{where}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if key not in a or key not in b:
                return f"{where}.{key}: only on one side"
            found = _first_difference(a[key], b[key], f"{where}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{where}: {len(a)} items != {len(b)}"
        for index, (x, y) in enumerate(zip(a, b, strict=True)):
            found = _first_difference(x, y, f"{where}[{index}]")
            if found:
                return found
        return None
    return None if a == b else f"{where}: {str(a)[:200]!r} != {str(b)[:200]!r}"


def _diff(before: Path, after: Path) -> int:
    bad = 0
    for case in sorted(p for p in before.iterdir() if p.is_dir()):
        for suffix in ("json", "sarif"):
            old = json.loads((case / f"result.{suffix}").read_text())
            new = json.loads((after / case.name / f"result.{suffix}").read_text())
            for data in (old, new):
                if suffix == "json":
                    data.pop("scanned_at", None)
            found = _first_difference(old, new)
            print(f"{case.name} {suffix}: {'identical' if found is None else found}")
            bad += found is not None
    return 1 if bad else 0


def main(argv: list[str]) -> int:
    """Entry point."""
    if len(argv) >= 3 and argv[0] == "run":
        return _run(Path(argv[1]), argv[2:])
    if len(argv) == 3 and argv[0] == "diff":
        return _diff(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
