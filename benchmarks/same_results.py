#!/usr/bin/env python3
"""Check that two versions of gdcc-audit give byte-identical results on the same inputs.

    python benchmarks/same_results.py --base REF [--python PY] FOLDER...

``REF`` is a git revision of this repository (default: the commit of ``main`` that
the compared revision starts from): it is checked out into a
temporary worktree and run from its ``src`` (``PYTHONPATH``) with the same interpreter as
the working tree's code (or ``--new REV``'s, checked out the same way). Every folder is
scanned by both at a fixed ``--now`` with the formats json alone (grouped), json with sarif,
html, csv, junit and oscal, and json with ``--full-findings --full-graph``; the files, and
the console summary printed with them, must be equal byte for byte. Exit 0 when all are, 1
otherwise (the differing files are kept and named). Use it before landing an optimisation:
speed work must not change a result.

With ``--checkov PATH`` each run is made once more with the checkov bridge on. checkov's
output is recorded once per folder (the command the bridge runs) and replayed to both sides,
so that both merge the same report; the time checkov took (``seconds`` in the JSON, "in N s"
in the run summary) is the only text masked before comparing.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
NOW = "2026-12-01"
# (label, format, extra options)
RUNS = (
    ("json", "json", ()),
    ("formats", "json,sarif,html,csv,junit,oscal", ()),
    ("full", "json", ("--full-findings", "--full-graph")),
)


#: What differs between two bridged runs of the same checkov report: the time it took.
_CHECKOV_TIME = (
    (re.compile(rb'("seconds": ?)[0-9.]+'), rb"\1N"),
    (re.compile(rb"( in )[0-9.]+( s)"), rb"\1N\2"),
    (re.compile("(ใช้เวลา )[0-9.]+( วินาที)".encode()), rb"\1N\2"),
)


def _record_checkov(checkov: str, folder: Path, work: Path) -> Path:
    """checkov's report on ``folder`` (the bridge's own command), and an executable that
    prints it whatever its arguments."""
    sys.path.insert(0, str(REPO / "src"))
    from gdcc_audit.bridges.checkov.runner import OFFLINE_ENV, command

    work.mkdir(parents=True, exist_ok=True)
    report = work / "checkov.json"
    with report.open("wb") as handle:
        subprocess.run(
            command(checkov, [str(folder.resolve())], files=False),
            env={**os.environ, **OFFLINE_ENV},
            stdout=handle,
            stderr=subprocess.DEVNULL,
            check=True,
        )
    replay = work / "checkov-replay"
    replay.write_text(f"#!/bin/sh\nexec cat '{report}'\n")
    replay.chmod(0o755)
    return replay


def _same(one: Path, other: Path, masked: bool) -> bool:
    if not masked:
        return filecmp.cmp(one, other, False)
    texts = [one.read_bytes(), other.read_bytes()]
    for pattern, replacement in _CHECKOV_TIME:
        texts = [pattern.sub(replacement, text) for text in texts]
    return texts[0] == texts[1]


def _scan(src: Path, python: str, folder: Path, out: Path, extra: tuple[str, ...], fmt: str) -> int:
    env = {**os.environ, "PYTHONPATH": str(src), "GDCC_AUDIT_CACHE_DIR": str(out / ".cache")}
    out.mkdir(parents=True, exist_ok=True)
    command = [python, "-m", "gdcc_audit", "scan", str(folder), "--format", fmt, "-o", str(out)]
    command += ["--fail-on", "none", "-q", "--now", NOW, *extra]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1, 2):
        sys.stderr.write(done.stderr)
    # The console summary printed with the files is an output too.
    (out / "stdout.txt").write_text(done.stdout, encoding="utf-8")
    return done.returncode


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(REPO), *args], check=True, capture_output=True)
    return done.stdout.decode().strip()


def _remove(tree: Path) -> None:
    remove = ["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)]
    subprocess.run(remove, capture_output=True, check=False)


def _tree(path: Path, revision: str) -> Path:
    """A detached worktree of ``revision`` at ``path``."""
    _remove(path)
    add = ["git", "-C", str(REPO), "worktree", "add", "--detach", str(path), revision]
    subprocess.run(add, check=True, capture_output=True)
    return path


def main(argv: list[str] | None = None) -> int:
    """Compare the results of ``--base`` and the working tree on every folder."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument(
        "--base", help="git revision to compare with (default: where HEAD or --new left main)"
    )
    parser.add_argument(
        "--new", help="git revision to compare (default: the working tree, as it is now)"
    )
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--keep", type=Path, help="folder for the outputs (default: temporary)")
    parser.add_argument(
        "--checkov",
        metavar="PATH",
        help="also compare every run with the checkov bridge on (checkov's report recorded "
        "once per folder with this checkov, replayed to both sides)",
    )
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="gdcc-same-"))
    base = args.base or _git("merge-base", "main", args.new or "HEAD")
    trees = {"base": _tree(work / "base-tree", base)}
    trees["new"] = _tree(work / "new-tree", args.new) if args.new else REPO
    differ = 0
    try:
        for folder in args.folders:
            runs = [(label, fmt, extra, False) for label, fmt, extra in RUNS]
            if args.checkov:
                replay = _record_checkov(args.checkov, folder, work / folder.name / "checkov")
                runs += [
                    (f"{label}+ckv", fmt, (*extra, f"--checkov={replay}"), True)
                    for label, fmt, extra in RUNS
                ]
            for label, fmt, extra, masked in runs:
                outs = {}
                for side, tree in trees.items():
                    src = tree / "src"
                    out = work / folder.name / label / side
                    shutil.rmtree(out, ignore_errors=True)
                    code = _scan(src, args.python, folder, out, extra, fmt)
                    outs[side] = (out, code)
                (base_out, base_code), (new_out, new_code) = outs["base"], outs["new"]
                names = sorted(p.name for p in base_out.iterdir() if p.is_file())
                bad = [n for n in names if not _same(base_out / n, new_out / n, masked)]
                if base_code != new_code:
                    bad.append(f"exit code {base_code} != {new_code}")
                status = "SAME" if not bad else "DIFFERENT: " + ", ".join(bad)
                print(f"{folder.name:>28} {label:>8}: {len(names)} files {status}", flush=True)
                differ += bool(bad)
    finally:
        for tree in trees.values():
            if tree != REPO:
                _remove(tree)
    if differ:
        print(f"outputs kept in {work}")
    elif args.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
