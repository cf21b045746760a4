#!/usr/bin/env python3
"""Share of Terraform files parsed without error, per corpus folder, and load time.

    python benchmarks/parse_accuracy.py [CORPUS_DIR]

For each folder: HCL files (.tf/.tofu), files with a syntax error (the file is still loaded,
the broken block is reported), parse-only time, full load time (parse + static evaluation),
documents, resources and module calls left unexpanded. Evaluation crashes are counted apart:
they are loader bugs and must stay at zero.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from gdcc_audit.errors import InputError
from gdcc_audit.load.discover import walk
from gdcc_audit.load.interface import Claim
from gdcc_audit.load.terraform import TerraformLoader
from gdcc_audit.load.terraform.parse import parse_hcl
from gdcc_audit.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main(argv: list[str]) -> int:
    """Print one line per corpus folder; exit 1 if the loader crashed anywhere."""
    corpus = Path(argv[0]) if argv else CORPUS
    crashed = 0
    header = f"{'folder':26} {'hcl':>5} {'ok':>5} {'ok %':>6} {'parse s':>8} {'load s':>7}"
    print(header + f" {'docs':>5} {'resources':>9} {'remote':>6}")
    for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
        files = walk([folder]).files
        claims = [Claim(p) for p, _ in files if p.name.endswith(TerraformLoader.suffixes)]
        hcl = [c.path for c in claims if c.path.name.endswith((".tf", ".tofu"))]
        if not hcl:
            continue
        start = time.perf_counter()
        bad = sum(1 for p in hcl if parse_hcl(str(p), p.read_bytes()).issues)
        parse_s = time.perf_counter() - start
        start = time.perf_counter()
        docs = resources = remote = 0
        for item in TerraformLoader().load(claims, Settings()):
            if isinstance(item, InputError):
                crashed += "internal error" in item.message
                continue
            docs += 1
            resources += len(item.data.resources)
            remote += len(item.data.unexpanded_modules)
        load_s = time.perf_counter() - start
        ok = len(hcl) - bad
        print(
            f"{folder.name:26} {len(hcl):5} {ok:5} {100 * ok / len(hcl):5.1f}% {parse_s:8.2f} "
            f"{load_s:7.2f} {docs:5} {resources:9} {remote:6}"
        )
    print(f"evaluation crashes: {crashed}")
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
