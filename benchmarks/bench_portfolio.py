"""Portfolio throughput on Dask: tenants per second with 1 and 2 workers, scheduler overhead.

    python benchmarks/bench_portfolio.py --tenants 3000            # generate, then 1 and 2 workers
    python benchmarks/bench_portfolio.py --tenants 600 --workers 1,2 --out /tmp/pf

Tenants are generated from the bundled examples (five manifests, each renamed per tenant so its
systems differ) with Terraform of varied size (aws networks, security groups referring to each
other, instances, databases, buckets; 4 to 160 resources per tenant). Every tenant is one Dask
task on a LocalCluster of N single-threaded worker processes.

Reported per worker count: wall time, tenants/s, the sum of time spent inside tenant audits,
and the scheduler overhead per task = (wall x workers - task time) / tenants, as a share of the
mean task time (wall counted from a ready cluster; it includes the idle tail), and, independent
of other load on the machine, the CPU time of this process (which hosts the LocalCluster's
scheduler) per task against the CPU time of a tenant audit. Run it on a quiet machine (or with
``nice -n -20`` on a shared one). The projection for 32
workers assumes the measured per-worker rate and the measured overhead share.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ("moph-health-platform", "eec-oss", "neic", "police-region8", "smart-bus-terminal")
SIZES = (1, 2, 5, 10, 20, 40)  # groups of 4 resources per tenant


def terraform(tenant: str, groups: int) -> str:
    """``groups`` x (security group, instance, database, bucket) in one VPC."""
    blocks = [
        f'resource "aws_vpc" "main" {{\n  cidr_block = "10.0.0.0/16"\n'
        f'  tags = {{ "gdcc:system" = "{tenant}-core" }}\n}}\n'
    ]
    for g in range(groups):
        port = (22, 443, 5432, 3389, 8080)[g % 5]
        source = "0.0.0.0/0" if g % 3 == 0 else "10.0.0.0/8"
        blocks.append(
            f'resource "aws_security_group" "sg{g}" {{\n  vpc_id = aws_vpc.main.id\n'
            f"  ingress {{\n    from_port = {port}\n    to_port = {port}\n"
            f'    protocol = "tcp"\n    cidr_blocks = ["{source}"]\n  }}\n}}\n'
            f'resource "aws_instance" "vm{g}" {{\n  ami = "ami-123"\n'
            f'  instance_type = "t3.micro"\n'
            f"  vpc_security_group_ids = [aws_security_group.sg{g}.id]\n"
            f"  associate_public_ip_address = {str(g % 2 == 0).lower()}\n}}\n"
            f'resource "aws_db_instance" "db{g}" {{\n  engine = "postgres"\n'
            f'  instance_class = "db.t3.micro"\n  storage_encrypted = {str(g % 4 != 0).lower()}\n'
            f"  vpc_security_group_ids = [aws_security_group.sg{g}.id]\n}}\n"
            f'resource "aws_s3_bucket" "b{g}" {{\n  bucket = "{tenant}-b{g}"\n}}\n'
        )
    return "".join(blocks)


def generate(out: Path, count: int) -> Path:
    """Write ``count`` tenants and a portfolio file under ``out``; returns the portfolio."""
    if out.exists():
        shutil.rmtree(out)
    (out / "tenants").mkdir(parents=True)
    lines = [
        "apiVersion: gdcc-audit/v1",
        "kind: Portfolio",
        f"metadata: {{name: synthetic-{count}}}",
        "tenants:",
    ]
    manifests = {e: (ROOT / "examples" / e / "tenant.yaml").read_text("utf-8") for e in EXAMPLES}
    for index in range(count):
        name = f"t{index:05d}"
        example = EXAMPLES[index % len(EXAMPLES)]
        folder = out / "tenants" / name
        (folder / "iac").mkdir(parents=True)
        text = re.sub(r"(?m)^(  name: )\S+", rf"\g<1>{name}", manifests[example], count=1)
        (folder / "tenant.yaml").write_text(text, "utf-8")
        if example == "moph-health-platform":
            shutil.copy(ROOT / "examples" / example / "waivers.yaml", folder / "waivers.yaml")
        groups = SIZES[(index // len(EXAMPLES)) % len(SIZES)]
        (folder / "iac" / "main.tf").write_text(terraform(name, groups), "utf-8")
        lines += [
            f"  - id: {name}",
            f"    manifest: tenants/{name}/tenant.yaml",
            f"    iac: [tenants/{name}/iac]",
            f"    labels: {{ministry: m{index % 20:02d}, size: '{groups * 4 + 1}'}}",
        ]
    path = out / "portfolio.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def measure(portfolio: Path, workers: int) -> dict[str, float]:
    from gdcc_audit.portfolio import TenantStatus, audit_portfolio
    from gdcc_audit.settings import Settings

    before = resource.getrusage(resource.RUSAGE_SELF)
    result = audit_portfolio(portfolio, Settings(), workers=workers)
    after = resource.getrusage(resource.RUSAGE_SELF)
    # The LocalCluster's scheduler runs in this process: its CPU time is the coordination cost.
    client_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    wall = result.seconds - result.startup_seconds  # cluster start-up reported apart
    failed = result.count(TenantStatus.FAILED)
    if failed:
        raise SystemExit(f"{failed} tenants failed: {result.outcomes[0].error}")
    tasks = [o.seconds for o in result.outcomes]
    busy = sum(tasks)
    overhead = (wall * workers - busy) / len(tasks)
    return {
        "startup": result.startup_seconds,
        "wall": wall,
        "rate": len(tasks) / wall,
        "busy": busy,
        "mean_task": statistics.fmean(tasks),
        "overhead": overhead,
        "share": overhead / statistics.fmean(tasks),
        "task_cpu": statistics.fmean(o.cpu_seconds for o in result.outcomes),
        "client_cpu": client_cpu / len(tasks),
        "peak_mb": max(o.worker_peak_mb or 0.0 for o in result.outcomes),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=3000)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--out", type=Path, default=Path("/tmp/gdcc-portfolio-bench"))
    args = parser.parse_args()
    portfolio = generate(args.out, args.tenants)
    print(f"{args.tenants} tenants generated in {args.out}")
    results = {}
    for workers in (int(w) for w in args.workers.split(",")):
        r = measure(portfolio, workers)
        results[workers] = r
        print(
            f"workers={workers}: cluster start {r['startup']:.1f} s, then wall {r['wall']:.1f} s, "
            f"{r['rate']:.2f} tenants/s, "
            f"mean task {r['mean_task'] * 1000:.0f} ms, overhead/task "
            f"{r['overhead'] * 1000:.1f} ms ({r['share']:.1%} of task time), "
            f"worker peak RSS {r['peak_mb']:.0f} MB; CPU per task: audit "
            f"{r['task_cpu'] * 1000:.0f} ms, scheduler+client {r['client_cpu'] * 1000:.1f} ms "
            f"({r['client_cpu'] / r['task_cpu']:.1%})"
        )
        sys.stdout.flush()
    if 1 in results and 2 in results:
        print(f"speed-up 2 workers vs 1: {results[2]['rate'] / results[1]['rate']:.2f}x")
    one = results[min(results)]
    per_worker = one["rate"] / min(results)
    projected = 3000 / (per_worker * 32 / (1 + one["share"]))
    print(
        f"projection: 3,000 tenants on 32 workers ~ {projected:.0f} s "
        f"({per_worker:.2f} tenants/s per worker, overhead share {one['share']:.1%})"
    )


if __name__ == "__main__":
    main()
