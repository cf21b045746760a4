"""Scale of the resource graph: build it and run every graph rule on synthetic tenants.

    python benchmarks/bench_graph.py [--sizes 10000,100000] [--json out.json]

Each size runs in its own process (one core: the graph is single-threaded), so peak memory is
per size. The synthetic tenant is made of three-tier "cells" (subnet, web/app/db security
groups trusting each other, a public web server, an app server, a personal-data database, a
bucket, a key, an IAM role with a policy, a role for the web server) in virtual networks of
50 cells whose main route table routes to the internet gateway, half of them with flow logs
to a bucket, every tenth subnet with a network ACL denying SSH, every tenth web role allowed
to overwrite any object, every tenth database reachable from the internet through the web
tier. Resources
are built directly (no IaC parsing), so the numbers are the graph's and the rules': building
the reachability graph, one breadth-first search from the internet, and every graph rule on
every resource of its kinds. Targets (issue 11): 100k at most 12x the time of 10k, under 30 s
and 2 GB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from typing import Any


def synthetic(size: int) -> tuple[list[Any], list[Any]]:
    """About ``size`` canonical resources and the tenant they belong to."""
    from gdcc_audit.models import Reference, Resource, SourceLocation
    from gdcc_audit.models.resource import AclRule, Facets, IngressRule, PolicyStatement, Route
    from gdcc_audit.models.tenant import Tenant

    tenant = Tenant.model_validate(
        {
            "id": "bench",
            "agency": {"name_th": "หน่วยงาน", "name_en": "Agency"},
            "systems": [
                {"id": f"sys{s}", "name_th": "ระบบ", "name_en": "System", "personal_data": True,
                 "security_category": {"confidentiality": "medium", "integrity": "medium",
                                       "availability": "low"}}
                for s in range(20)
            ],
        }
    )
    out: list[Resource] = []

    def add(name: str, kind: str, system: str, refs: tuple[str, ...] = (), **facets: Any) -> str:
        rid = f"bench/{system}/bench_{kind.replace('.', '_')}.{name}"
        out.append(
            Resource(
                id=rid, kind=kind, name=name, provider="aws", provider_type=f"bench_{kind}",
                tenant="bench", system=system, address=name,
                facets=Facets(**facets),
                attributes={"cidr_block": facets.pop("cidr", None)} if "cidr" in facets else {},
                references=tuple(Reference(target=r, attribute="ref") for r in refs),
                location=SourceLocation(file=f"cell{len(out) // 5000}.tf", start_line=1),
            )
        )
        return name

    cell = 0
    vpc = ""
    while len(out) < size:
        system = f"sys{cell % 20}"
        if cell % 50 == 0:
            vpc = add(f"vpc{cell}", "network.vpc", system)
            out[-1] = out[-1].model_copy(
                update={"attributes": {"cidr_block": f"10.{(cell // 50) % 256}.0.0/16"}}
            )
            igw = add(f"igw{cell}", "network.router", system, (vpc,))
            # the VPC's main route table sends the default route to its gateway
            add(f"rt{cell}", "network.route_table", system, (vpc, igw), vpc_default=True,
                routes=(Route(destination="0.0.0.0/0", target="internet_gateway"),))
            if cell % 100 == 0:
                logs = add(f"logs{cell}", "storage.bucket", system, (), holds_logs=True)
                add(f"flow{cell}", "logging.flow_log", system, (vpc, logs), enabled=True)
        subnet = add(f"subnet{cell}", "network.subnet", system, (vpc,), public_access=cell % 2 == 0)
        out[-1] = out[-1].model_copy(
            update={"attributes": {"cidr_block": f"10.{(cell // 50) % 256}.{cell % 50}.0/24"}}
        )
        web_sg = add(f"websg{cell}", "network.security_group", system, (),
                     ingress=(IngressRule(protocol="tcp", from_port=443, to_port=443,
                                          sources=("0.0.0.0/0",)),))
        app_sg = add(f"appsg{cell}", "network.security_group", system, (),
                     ingress=(IngressRule(protocol="tcp", from_port=8080, to_port=8080,
                                          sources=(f"sg:{web_sg}",)),))
        trusted = web_sg if cell % 10 == 0 else app_sg  # every tenth database is exposed
        db_sg = add(f"dbsg{cell}", "network.security_group", system, (),
                    ingress=(IngressRule(protocol="tcp", from_port=5432, to_port=5432,
                                         sources=(f"sg:{trusted}",)),))
        if cell % 10 == 0:  # every tenth subnet's ACL denies SSH from anywhere
            add(f"acl{cell}", "network.acl", system, (subnet,), acl_rules=(
                AclRule(number=100, allow=False, protocol="tcp", from_port=22, to_port=22,
                        cidr="0.0.0.0/0"),
                AclRule(number=200, allow=True, protocol="all", from_port=0, to_port=65535,
                        cidr="0.0.0.0/0"),
                AclRule(number=100, egress=True, allow=True, protocol="all", from_port=0,
                        to_port=65535, cidr="0.0.0.0/0"),
            ))
        # every tenth web role may overwrite any object (the flow-log bucket too)
        action = "s3:PutObject" if cell % 10 == 0 else "s3:GetObject"
        web_role = add(f"webrole{cell}", "identity.role", system, (), permissions=(
            PolicyStatement(actions=(action,), resources=("*",)),
        ))
        add(f"web{cell}", "compute.instance", system, (web_sg, subnet, web_role),
            public_endpoint=True)
        add(f"app{cell}", "compute.instance", system, (app_sg, subnet), public_endpoint=False)
        key = add(f"key{cell}", "crypto.key", system, (), key_rotation=cell % 3 != 0)
        db = add(f"db{cell}", "database.instance", system, (db_sg, key),
                 public_endpoint=False, personal_data=True)
        add(f"bucket{cell}", "storage.bucket", system, (key,), public_access=cell % 25 == 0,
            personal_data=True)
        role = add(f"role{cell}", "identity.role", system)
        add(f"policy{cell}", "identity.policy", system, (role, db))
        cell += 1
    return out, [tenant]


def measure(size: int) -> dict[str, Any]:
    """Time building the graph and running the graph rules on ``size`` resources."""
    from gdcc_audit.evaluate.checks.plugin import builtin_rules
    from gdcc_audit.evaluate.engine import evaluate
    from gdcc_audit.graph.model import ResourceGraph
    from gdcc_audit.graph.scope import Scope
    from gdcc_audit.settings import Settings

    resources, tenants = synthetic(size)
    rules = [r for r in builtin_rules() if r.id.startswith("GDCC-GRAPH-")]
    settings = Settings()
    cpu = _cpu()
    start = time.perf_counter()
    graph = ResourceGraph(resources, tenants, Scope())
    graph.network  # noqa: B018 - builds the reachability graph
    built = time.perf_counter()
    findings = list(evaluate(resources, rules, tenants=tenants, graph=graph, settings=settings))
    done = time.perf_counter()
    statuses: dict[str, int] = {}
    for finding in findings:
        statuses[finding.status.value] = statuses.get(finding.status.value, 0) + 1
    return {
        "resources": len(resources),
        "network_edges": graph.network.number_of_edges(),
        "build_s": round(built - start, 2),
        "rules_s": round(done - built, 2),
        "total_s": round(done - start, 2),
        # CPU seconds of this process: on a shared, loaded machine wall time includes waiting
        "cpu_s": round(_cpu() - cpu, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "findings": statuses,
    }


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--json", help="write the measurements here")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return 0
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(size)],
            check=True, capture_output=True, text=True,
        )
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rows.append(row)
        print(
            f"{row['resources']:>7} resources  {row['network_edges']:>7} network edges  "
            f"build {row['build_s']:6.2f} s  rules {row['rules_s']:6.2f} s  "
            f"total {row['total_s']:6.2f} s  cpu {row['cpu_s']:6.2f} s  "
            f"peak {row['peak_mb']:5d} MB  {row['findings']}"
        )
    ok = all(min(r["total_s"], r["cpu_s"]) < 30 and r["peak_mb"] < 2048 for r in rows)
    if len(rows) >= 2:
        # CPU seconds: on a shared machine wall time mostly measures the other processes
        ratio = rows[-1]["cpu_s"] / max(rows[0]["cpu_s"], 0.01)
        wall = rows[-1]["total_s"] / max(rows[0]["total_s"], 0.01)
        scale = rows[-1]["resources"] / rows[0]["resources"]
        print(
            f"CPU time x{ratio:.1f} (wall x{wall:.1f}) for x{scale:.0f} resources "
            f"(target: at most x{scale * 1.2:.0f})"
        )
        ok = ok and ratio <= scale * 1.2
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(rows, handle, indent=1)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
