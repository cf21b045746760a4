#!/usr/bin/env python3
"""The checkov bridge's cost: ``gdcc-audit scan --checkov`` against checkov alone (the same
checkov command the bridge runs), on the same folders in one run, alternating the order.

Target: with the bridge on, total time at most 15 % over checkov's own time (the native scan
runs while the checkov subprocess does). Wall time and peak RSS from ``/usr/bin/time -v``; the
peak is that of the biggest process (gdcc-audit's own, or checkov's).

    python benchmarks/bench_bridge.py --checkov /work/checkov-venv/bin/checkov \\
        [--runs 2] [FOLDER ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[1]
CORPUS = HERE.parent / "shared" / "corpus"
DEFAULT = ("terragoat", "kubernetes-goat", "terraform-aws-s3-bucket")
sys.path.insert(0, str(HERE / "src"))
sys.path.insert(0, str(HERE / "benchmarks"))

from timing import run_timed  # noqa: E402

from gdcc_audit.bridges.checkov.runner import OFFLINE_ENV, command  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkov", required=True, help="checkov executable")
    parser.add_argument("--gdcc-audit", default=str(HERE / ".venv" / "bin" / "gdcc-audit"))
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("folders", nargs="*")
    args = parser.parse_args()
    folders = [Path(f) for f in args.folders] or [CORPUS / name for name in DEFAULT]
    env = {**os.environ, **OFFLINE_ENV}
    print(
        f"{'folder':28} {'checkov s':>10} {'bridge s':>10} {'overhead':>9} "
        f"{'checkov MB':>11} {'bridge MB':>10}"
    )
    for folder in folders:
        alone = command(args.checkov, [str(folder.resolve())], files=False)
        bridged = [
            args.gdcc_audit,
            "scan",
            str(folder),
            f"--checkov={args.checkov}",
            "--format",
            "json",
            "-o",
            os.devnull,
            "--fail-on",
            "none",
            "-q",
        ]
        checkov_times, bridge_times, checkov_rss, bridge_rss = [], [], [], []
        for run in range(args.runs):
            order = [("c", alone), ("b", bridged)]
            for kind, argv in order if run % 2 == 0 else order[::-1]:
                measured = run_timed(argv, env)
                wall, rss, code = measured.wall_s, measured.peak_rss_mb, measured.exit_code
                if kind == "c":
                    checkov_times.append(wall)
                    checkov_rss.append(rss)
                else:
                    if code not in (0, 1):
                        print(f"  note: bridge run exited {code} (input errors listed)")
                    bridge_times.append(wall)
                    bridge_rss.append(rss)
        c, b = statistics.median(checkov_times), statistics.median(bridge_times)
        print(
            f"{folder.name:28} {c:10.2f} {b:10.2f} {100 * (b - c) / c:8.1f}% "
            f"{max(checkov_rss):11.0f} {max(bridge_rss):10.0f}"
        )
        sys.stdout.flush()


if __name__ == "__main__":
    main()
