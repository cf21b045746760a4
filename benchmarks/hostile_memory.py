# ruff: noqa: E501  (the case table reads better one case a line)
"""Peak memory of an audit on the worst inputs of issue 16, each in its own process.

    .venv/bin/python benchmarks/hostile_memory.py [--only NAME]

Cases (generated in a temporary folder): a 19 MB .tf (just under the 20 MiB size cap), a
5 MB string literal, a 5 MB heredoc, a YAML alias bomb, deep nesting (HCL, JSON, YAML), and
count = 100,000,000. Prints peak RSS (MB), CPU seconds and what the file became; the budget
is 500 MB per case.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MB = 500


def _big_tf() -> str:
    block = (
        'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bucket-{i}"\n  tags = {{\n'
        '    Name = "n{i}"\n  }}\n}}\n\nresource "aws_security_group" "sg{i}" {{\n'
        '  name = "sg{i}"\n  ingress {{\n    from_port   = 22\n    to_port     = 22\n'
        '    protocol    = "tcp"\n    cidr_blocks = ["10.0.0.0/8"]\n  }}\n}}\n'
    )
    out, size, i = [], 0, 0
    while size < 19_000_000:
        text = block.format(i=i)
        out.append(text)
        size += len(text)
        i += 1
    return "".join(out)


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    return "\n".join(lines) + "\n"


CASES = {
    "tf-19MB": ("main.tf", _big_tf),
    "string-5MB": ("main.tf", lambda: f'resource "aws_s3_bucket" "a" {{\n  bucket = "{"x" * 5_000_000}"\n}}\n'),
    "heredoc-5MB": ("main.tf", lambda: 'resource "aws_s3_bucket" "a" {\n  policy = <<EOF\n' + ("x" * 79 + "\n") * 62_500 + "EOF\n}\n"),
    "alias-bomb": ("bomb.yaml", _alias_bomb),
    "deep-hcl": ("main.tf", lambda: "locals {\n  x = " + "[" * 100_000 + "]" * 100_000 + "\n}\n"),
    "deep-json": ("t.json", lambda: '{"Resources": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}"),
    "deep-yaml": ("k.yaml", lambda: "".join(f"{'  ' * i}a{i}:\n" for i in range(900))),
    "count-1e8": ("main.tf", lambda: 'resource "aws_s3_bucket" "a" {\n  count = 100000000\n}\n'),
}  # fmt: skip

_CHILD = """
import json, sys, time
from gdcc_audit import audit
started = time.process_time()
result = audit([sys.argv[1]])
print(json.dumps({"cpu": round(time.process_time() - started, 1), "resources": len(result.resources),
                  "inputs": [[i.status.value, i.line, (i.error or "")[:110]] for i in result.inputs]}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(CASES))
    args = parser.parse_args()
    worst = 0.0
    print(f"{'case':12} {'peak MB':>8} {'cpu s':>6} {'wall s':>7}  outcome")
    for name in args.only or list(CASES):
        file_name, make = CASES[name]
        with tempfile.TemporaryDirectory(prefix="gdcc-hostile-") as folder:
            (Path(folder) / file_name).write_text(make())
            started = time.perf_counter()
            child = subprocess.Popen(
                [sys.executable, "-c", _CHILD, folder], stdout=subprocess.PIPE, text=True
            )
            out = child.stdout.read() if child.stdout else ""
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - started
        peak = usage.ru_maxrss / 1024
        worst = max(worst, peak)
        try:
            data = json.loads(out.strip().splitlines()[-1])
            outcome = f"{data['resources']} resources; " + "; ".join(
                f"{s} line {ln}: {e}" for s, ln, e in data["inputs"]
            )
            cpu = data["cpu"]
        except (ValueError, IndexError):
            outcome, cpu = f"exit status {status}", 0
        print(f"{name:12} {peak:8.0f} {cpu:6} {wall:7.1f}  {outcome}", flush=True)
    print(f"worst peak: {worst:.0f} MB (budget {BUDGET_MB} MB)")
    return 0 if worst < BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
