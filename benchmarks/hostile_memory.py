# ruff: noqa: E501  (the case table reads better one case a line)
"""Peak memory of an audit on the worst inputs of issue 16, each in its own process.

    .venv/bin/python benchmarks/hostile_memory.py [--only NAME]

Cases (generated in a temporary folder): a 19 MB .tf (just under the 20 MiB size cap), 19 MB
of dense HCL (``[1,1,...]``, stopped by the node cap), one 18 MB top-level block, a
5 MB string literal, a 5 MB heredoc, a YAML alias bomb, deep nesting (HCL, JSON, YAML),
count = 100,000,000, a YAML complex-key bomb (found by the fuzzer), a 19 MB plan JSON of
real (non-alias) data, and evaluator bombs (doubling strings, lists and numbers through
chained locals, setproduct, nested for, format width, join/replace amplification, a
backtracking regex, a quadratic distinct, locals holding as much as the evaluation budget
lets them), CloudFormation string functions (a join of 10,000 references to a 1 MB parameter,
a Fn::Sub doubling its variable through 18 nested levels, 1,000 resources each joining
900 KB). Prints peak RSS (MB), CPU seconds and what the file became; the budget is 500 MB
and 60 CPU seconds per case.
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
BUDGET_CPU_S = 60


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


def _plan_19mb(dense: bool = False) -> str:
    """A plan JSON of ~19 MB: distinct resources with real values (no shared structure);
    ``dense``: many short tags, so that the file holds close to the 2,000,000-node cap."""
    resources, changes, size, i = [], [], 0, 0
    while size < (19_000_000 if dense else 19_900_000):
        values = {
            "bucket": f"agency-bucket-{i}", "acl": "private", "force_destroy": False,
            "tags": {"Owner": "dga", "Name": f"bucket-{i}", "CostCentre": f"cc-{i % 97}"},
            "versioning": [{"enabled": True, "mfa_delete": False}],
            "server_side_encryption_configuration": [{"rule": [{
                "apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms",
                                                             "kms_master_key_id": f"key-{i}"}]}]}],
        }
        if dense:
            values["tags"].update({f"t{k}": k for k in range(300)})
        address = f"aws_s3_bucket.b{i}"
        resource = {"address": address, "mode": "managed", "type": "aws_s3_bucket",
                    "name": f"b{i}", "provider_name": "registry.terraform.io/hashicorp/aws",
                    "values": values}
        change = {"address": address, "mode": "managed", "type": "aws_s3_bucket",
                  "name": f"b{i}", "change": {"actions": ["create"], "after": values,
                                              "after_unknown": {"arn": True, "id": True}}}
        resources.append(resource)
        changes.append(change)
        size += 2 * len(json.dumps(values)) + 400
        i += 1
    plan = {"format_version": "1.2", "terraform_version": "1.9.0",
            "planned_values": {"root_module": {"resources": resources}},
            "resource_changes": changes}
    return json.dumps(plan)  # one line, as `terraform show -json` writes it


def _chain(name: str, first: str, step: str, n: int, use: str) -> str:
    lines = [f"  {name}0 = {first}"] + [
        f"  {name}{i} = " + step.replace("PREV", f"local.{name}{i - 1}") for i in range(1, n + 1)
    ]
    return ("locals {\n" + "\n".join(lines) + "\n}\n"
            f'resource "aws_s3_bucket" "b" {{\n  bucket = "b"\n  acl = {use}\n}}\n')


def _bucket(acl: str, before: str = 'locals {\n  r = range(1024)\n}\n') -> str:
    return before + f'resource "aws_s3_bucket" "b" {{\n  bucket = "b"\n  acl = {acl}\n}}\n'


def _retained() -> str:
    """Sixteen locals of ~470,000 units each, all kept and used: as much as the
    evaluation's total lets a module hold."""
    body = [
        f'  m{k} = {{for i in range(1000) : "k{k}-${{i}}" => [for j in range(160) : "v${{j}}"]}}'
        for k in range(16)
    ]
    uses = " + ".join(f"length(local.m{k})" for k in range(16))
    return _bucket(f'{uses} > 0 ? "private" : "x"', "locals {\n" + "\n".join(body) + "\n}\n")


def _cfn(resources: dict[str, object], default: str) -> str:
    return json.dumps({"AWSTemplateFormatVersion": "2010-09-09",
                       "Parameters": {"P": {"Type": "String", "Default": default}},
                       "Resources": resources})


def _cfn_sub_doubling() -> str:
    inner: object = {"Ref": "P"}
    for _ in range(18):  # 3 nesting levels each: 18 stay under the depth limit of 64
        inner = {"Fn::Sub": ["${a}${a}", {"a": inner}]}
    bucket = {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": inner}}
    return _cfn({"B": bucket}, "x" * 1000)


def _cfn_joins(count: int, refs: int, size: int) -> str:
    join = {"Fn::Join": ["", [{"Ref": "P"}] * refs]}
    buckets = {f"B{i}": {"Type": "AWS::S3::Bucket", "Properties": {"AccessControl": join}}
               for i in range(count)}
    return _cfn(buckets, "x" * size)


def _dense_tf() -> str:
    """Blocks of ``[1,1,1,...]``: 2 syntax nodes per byte, so the node cap (0.6 per byte of
    the size cap) stops it."""
    block = "locals {{\n  a{} = [" + ",".join(["1"] * 500) + "]\n}}\n"
    return "".join(block.format(i) for i in range(18_900))


CASES = {
    "tf-19MB": ("main.tf", _big_tf),
    "dense-tf-19MB": ("main.tf", _dense_tf),
    "one-block-18MB": ("main.tf", lambda: "locals {\n  a = [" + ",".join(["1"] * 9_000_000) + "]\n}\n"),
    "string-5MB": ("main.tf", lambda: f'resource "aws_s3_bucket" "a" {{\n  bucket = "{"x" * 5_000_000}"\n}}\n'),
    "heredoc-5MB": ("main.tf", lambda: 'resource "aws_s3_bucket" "a" {\n  policy = <<EOF\n' + ("x" * 79 + "\n") * 62_500 + "EOF\n}\n"),
    "alias-bomb": ("bomb.yaml", _alias_bomb),
    "deep-hcl": ("main.tf", lambda: "locals {\n  x = " + "[" * 100_000 + "]" * 100_000 + "\n}\n"),
    "deep-json": ("t.json", lambda: '{"Resources": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}"),
    "deep-yaml": ("k.yaml", lambda: "".join(f"{'  ' * i}a{i}:\n" for i in range(900))),
    "count-1e8": ("main.tf", lambda: 'resource "aws_s3_bucket" "a" {\n  count = 100000000\n}\n'),
    "yaml-complex-key": ("k.yaml", lambda: "kind: Pod\nspec:\n  " + "{" * 64 + "}" * 64 + ": 1\n"),
    "plan-19MB": ("plan.json", _plan_19mb),
    "plan-19MB-dense": ("plan.json", lambda: _plan_19mb(dense=True)),
    "str-doubling": ("main.tf", lambda: _chain("s", '"private"', '"${PREV}${PREV}"', 60, "substr(local.s60, 0, 7)")),
    "list-doubling": ("main.tf", lambda: _chain("l", '["x"]', "[PREV, PREV]", 60, 'length(jsonencode(local.l60)) > 0 ? "private" : "x"')),
    "num-squaring": ("main.tf", lambda: _chain("n", "10", "PREV * PREV", 60, 'local.n60 > 0 ? "private" : "x"')),
    "setproduct": ("main.tf", lambda: _bucket('length(setproduct(local.r, local.r, local.r)) > 0 ? "private" : "x"')),
    "nested-for": ("main.tf", lambda: _bucket('length([for a in local.r : [for b in local.r : [for c in local.r : c if c < 0]]]) > 0 ? "private" : "x"')),
    "format-width": ("main.tf", lambda: _bucket('length(format("%999999999d", 1)) > 0 ? "private" : "x"')),
    "join-amplify": ("main.tf", lambda: _bucket('length(join(join("", local.r), [for i in local.r : join("", local.r)])) > 0 ? "private" : "x"')),
    "replace-amplify": ("main.tf", lambda: _bucket('length(replace(join("", local.r), "1", join("", local.r))) > 0 ? "private" : "x"')),
    "regex-backtrack": ("main.tf", lambda: _bucket('try(regex("^(a+)+$", "' + "a" * 5000 + '!"), "private")')),
    "distinct-900k": ("main.tf", lambda: _bucket('length(distinct(flatten([for a in range(900) : range(900)]))) == 900 ? "private" : "x"')),
    "retained-locals": ("main.tf", _retained),
    "cfn-join-10k": ("t.json", lambda: _cfn_joins(1, 10_000, 1_000_000)),
    "cfn-sub-doubling": ("t.json", _cfn_sub_doubling),
    "cfn-1000-joins": ("t.json", lambda: _cfn_joins(1000, 9, 100_000)),
}  # fmt: skip

_CHILD = """
import json, sys, time
from gdcc_audit import audit
started = time.process_time()
result = audit([sys.argv[1]])
print(json.dumps({"cpu": round(time.process_time() - started, 1), "resources": len(result.resources),
                  "inputs": [[i.status.value, i.line, (i.error or "")[:110]] for i in result.inputs],
                  "verdicts": sorted({f.status.value for f in result.findings if f.rule_id == "GDCC-DATA-001"})}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", action="append", choices=sorted(CASES))
    parser.add_argument("--make", nargs=2, metavar=("CASE", "PATH"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        # Cases are generated in a process of their own: a child forked from a parent that
        # built a 19 MB file would inherit the parent's peak RSS in ru_maxrss.
        Path(args.make[1]).write_text(CASES[args.make[0]][1]())
        return 0
    worst = 0.0
    slowest = 0.0
    print(f"{'case':16} {'peak MB':>8} {'cpu s':>6} {'wall s':>7}  outcome")
    for name in args.only or list(CASES):
        file_name, _ = CASES[name]
        with tempfile.TemporaryDirectory(prefix="gdcc-hostile-") as folder:
            target = str(Path(folder) / file_name)
            subprocess.run([sys.executable, __file__, "--make", name, target], check=True)
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
            outcome = f"{data['resources']} resources; DATA-001 {data['verdicts']}; " + "; ".join(
                f"{s} line {ln}: {e}" for s, ln, e in data["inputs"]
            )
            cpu = data["cpu"]
        except (ValueError, IndexError):
            outcome, cpu = f"exit status {status}", BUDGET_CPU_S
        slowest = max(slowest, cpu)
        print(f"{name:16} {peak:8.0f} {cpu:6} {wall:7.1f}  {outcome}", flush=True)
    print(f"worst peak: {worst:.0f} MB (budget {BUDGET_MB} MB); slowest: {slowest:.1f} CPU s "
          f"(budget {BUDGET_CPU_S} s)")
    return 0 if worst < BUDGET_MB and slowest < BUDGET_CPU_S else 1


if __name__ == "__main__":
    sys.exit(main())
