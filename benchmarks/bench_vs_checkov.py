#!/usr/bin/env python3
"""Time gdcc-audit against checkov on the same folders in one run.

For every folder both tools run as subprocesses under ``/usr/bin/time -v`` (wall time and peak
resident memory), offline:

    gdcc-audit scan DIR --format json --fail-on none -q
    CKV_SKIP_PACKAGE_UPDATE_CHECK=true checkov -d DIR --quiet --compact -o json --skip-download

Both print one JSON result on standard output (discarded), nothing else.

and the script prints each measurement and the ratios (checkov / gdcc-audit). Absolute numbers
depend on the machine; compare ratios from the same run only.

gdcc-audit runs three ways, each with its own cache folder:

- ``first``: the whole cache folder empty, as on the first run after installing (rule packs and
  control catalogs are compiled into the start-up cache, every file is parsed);
- ``cold``: no parse of the scanned files cached (every file parsed and its parse written),
  the start-up cache filled by an earlier run on another folder, as on any later run;
- ``warm``: a second run on the same folder, every parse read from the cache.

The targets (at least 10x faster, at most a third of the memory) are judged on ``cold``.

    python benchmarks/bench_vs_checkov.py --checkov /work/checkov-venv/bin/checkov \\
        ../shared/corpus/terragoat ../shared/corpus/terraform-aws-eks
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import run_timed

#: The start-up cache's subfolder of the cache folder (gdcc_audit.diskcache.STARTUP_FOLDER;
#: not imported: the benchmark runs without gdcc-audit on its import path).
STARTUP_FOLDER = "startup"

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
DEFAULT_FOLDERS = (
    "terragoat",
    "kubernetes-goat",
    "heat-templates",
    "terraform-aws-s3-bucket",
    "terraform-aws-vpc",
    "terraform-aws-eks",
    "cloud-foundation-fabric",
    "checkov-tests",
)


@dataclass
class Measure:
    """One tool on one folder: median wall seconds, peak RSS in MB, exit code."""

    tool: str
    folder: str
    wall_s: float
    peak_rss_mb: float
    exit_code: int
    runs: int
    cpu_s: float = 0.0


def measure(
    tool: str,
    folder: Path,
    command: list[str],
    runs: int,
    extra_env: dict[str, str] | None = None,
    fresh: Path | None = None,
    keep: str | None = None,
) -> Measure:
    """Run ``command`` ``runs`` times; median wall time, largest peak RSS. With ``fresh``,
    that folder (a cache) is emptied before every run (except its subfolder ``keep``)."""
    env = {**os.environ, "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true", **(extra_env or {})}
    # Bytecode is written as it would be by an installed package (pip compiles on install).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    walls, cpus, peaks, code = [], [], [], 0
    for _ in range(runs):
        if fresh is not None:
            _empty(fresh, keep)
        timed = run_timed(command, env)
        if timed.exit_code in (126, 127):
            sys.exit(f"cannot run {command[0]} (exit {timed.exit_code}); see --help")
        walls.append(timed.wall_s)
        cpus.append(timed.cpu_s)
        peaks.append(timed.peak_rss_mb)
        code = timed.exit_code
    return Measure(
        tool, folder.name, statistics.median(walls), max(peaks), code, runs, statistics.median(cpus)
    )


def _empty(folder: Path, keep: str | None) -> None:
    """Delete ``folder``'s content, except its subfolder ``keep``."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name == keep:
            continue
        if entry.is_dir():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    """Benchmark entry point; returns 0 when every target ratio is met."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--checkov", default=shutil.which("checkov") or "checkov")
    parser.add_argument("--gdcc-audit", default=shutil.which("gdcc-audit") or "gdcc-audit")
    parser.add_argument("--runs", type=int, default=1, help="runs per tool and folder")
    parser.add_argument("--skip-checkov", action="store_true", help="time gdcc-audit only")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args(argv)
    folders = args.folders or [CORPUS / name for name in DEFAULT_FOLDERS]
    missing = [str(f) for f in folders if not f.is_dir()]
    if missing:
        parser.error(f"not a folder: {', '.join(missing)} (give paths, e.g. {CORPUS}/terragoat)")

    results: list[Measure] = []
    cache = Path(tempfile.mkdtemp(prefix="gdcc-bench-cache-"))
    # Warm-up: an empty scan writes gdcc-audit's bytecode, as an installed package has it.
    empty = Path(tempfile.mkdtemp(prefix="gdcc-bench-empty-"))
    measure("warm-up", empty, [args.gdcc_audit, "scan", str(empty), "-q"], 1, {})
    print(
        f"{'folder':28} {'tool':18} {'wall s':>8} {'cpu s':>8} {'peak MB':>8} {'exit':>4}",
        flush=True,
    )
    for folder in folders:
        commands = {
            "gdcc-audit": [
                args.gdcc_audit,
                "scan",
                str(folder),
                "--format",
                "json",
                "--fail-on",
                "none",
                "-q",
            ],
        }
        if not args.skip_checkov:
            commands["checkov"] = [
                args.checkov,
                "-d",
                str(folder),
                "--quiet",
                "--compact",
                "-o",
                "json",
                "--skip-download",
            ]
        runs: list[tuple[str, list[str], dict[str, str], Path | None, str | None]] = []
        first = cache / f"{folder.name}-first"
        folder_cache = cache / folder.name
        env = {"GDCC_AUDIT_CACHE_DIR": str(folder_cache)}
        # The start-up cache of the cold runs is filled by a scan of an empty folder.
        measure("start-up", empty, [args.gdcc_audit, "scan", str(empty), "-q"], 1, env)
        runs.append(
            ("gdcc-audit-first", commands["gdcc-audit"], {"GDCC_AUDIT_CACHE_DIR": str(first)},
             first, None)
        )
        runs.append(("gdcc-audit", commands["gdcc-audit"], env, folder_cache, STARTUP_FOLDER))
        runs.append(("gdcc-audit-warm", commands["gdcc-audit"], env, None, None))
        if "checkov" in commands:
            runs.append(("checkov", commands["checkov"], {}, None, None))
        for tool, command, extra, fresh, keep in runs:
            found = measure(tool, folder, command, args.runs, extra, fresh, keep)
            results.append(found)
            print(
                f"{found.folder:28} {tool:18} {found.wall_s:8.2f} {found.cpu_s:8.2f} "
                f"{found.peak_rss_mb:8.0f} {found.exit_code:4}",
                flush=True,
            )

    met = True
    if not args.skip_checkov:
        print(
            f"\n{'folder':28} {'first':>8} {'cold':>8} {'warm':>8} {'memory':>8}"
            "   (checkov / gdcc-audit)"
        )
        for folder in folders:
            mine = {m.tool: m for m in results if m.folder == folder.name}
            theirs = mine["checkov"]
            speed = theirs.wall_s / mine["gdcc-audit"].wall_s
            warm = theirs.wall_s / mine["gdcc-audit-warm"].wall_s
            first_run = theirs.wall_s / mine["gdcc-audit-first"].wall_s
            memory = theirs.peak_rss_mb / max(
                mine[t].peak_rss_mb for t in ("gdcc-audit-first", "gdcc-audit", "gdcc-audit-warm")
            )
            met = met and speed >= 10 and memory >= 3
            print(
                f"{folder.name:28} {first_run:7.1f}x {speed:7.1f}x {warm:7.1f}x {memory:7.1f}x"
            )
    shutil.rmtree(cache, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps([asdict(m) for m in results], indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
