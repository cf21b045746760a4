"""Cross-check gdcc-audit with checkov on IaC nobody here has scanned: wrong-PASS candidates.

For every result of a ``rules/checkov/mapping.yaml`` check in a saved checkov report, find the
resource and the native finding of the mapped rule the way the checkov bridge does
(``ResourceIndex``: file and native address, else file and first line; ``judged_alike``;
``native_verdict``, companions included), and list:

- ``wrong-PASS candidates``: checkov FAILs, gdcc PASSes (or is NOT_APPLICABLE);
- ``UNKNOWN, checkov decides``: gdcc UNKNOWN, checkov PASS or FAIL;
- ``gdcc stricter``: checkov PASSes, gdcc FAILs (wrong-FAIL candidates, or checkov misses).

Each row is to be read by hand against the provider's documentation: a real wrong PASS is a
bug; a difference in judgement must be stated in ``mapping.yaml`` (``difference`` /
``known_differences``); some are checkov's own mistakes. Applicability is switched on for
every resource (personal data, high security category), as ``accuracy_groundtruth.py`` does.
Run checkov first (an absolute folder: with a relative ``-d`` checkov reports wrong absolute
paths for Kubernetes and CloudFormation; without ``--quiet``: passed checks are compared too)::

    checkov -d "$PWD/DIR" -o json --compact --skip-download \\
        --framework terraform cloudformation kubernetes > checkov.json
    python benchmarks/checkov_crosscheck.py DIR checkov.json [--json rows.json] [-v]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from gdcc_audit.bridges.checkov.convert import (
    Merger,
    _worst,
    caller_of,
    checkov_address,
    companion_of,
    judged_alike,
    native_verdict,
)
from gdcc_audit.bridges.checkov.runner import parse_reports
from gdcc_audit.bridges.checkov.table import load_table
from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.models.finding import Finding
from gdcc_audit.models.resource import Resource
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.resources import rules_dir
from gdcc_audit.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy_groundtruth import load_resources

#: What ``Row.native`` says when there is nothing to compare.
NO_RESOURCE = "NO_RESOURCE"  # checkov's resource is none of ours (not read, or not created)
NO_FINDING = "NO_FINDING"  # ours, but the mapped rule gave no finding on it


@dataclass(frozen=True)
class Row:
    """One checkov result of a mapped check, with gdcc's verdict on the same property."""

    check: str
    rule: str
    checkov: str
    native: str
    framework: str
    name: str
    file: str | None
    line: int | None
    address: str | None = None
    message: str | None = None
    #: False when the mapping is compared under parameters not in force (not the same property)
    alike: bool = True

    @property
    def compared(self) -> bool:
        """Both sides judged the same property of the same resource."""
        return self.alike and self.native not in (NO_RESOURCE, NO_FINDING)

    @property
    def kind(self) -> str | None:
        """Which list the row belongs to, if any (see the module docstring)."""
        if not self.compared:
            return None
        if self.checkov == "FAIL" and self.native in ("PASS", "NOT_APPLICABLE"):
            return "wrong-PASS candidate"
        if self.native == "UNKNOWN":
            return "UNKNOWN, checkov decides"
        if self.checkov == "PASS" and self.native == "FAIL":
            return "gdcc stricter"
        return None


def native_scan(folder: Path) -> tuple[list[Resource], list[Finding], Merger]:
    """Resources and findings of every native rule on ``folder`` (applicability on), and the
    bridge's merger over them (the table with the rules' parameters in force)."""
    settings = Settings()
    registry = collect(make_plugin_manager(), settings)
    resources, scope = load_resources(folder, registry, settings)
    graph = ResourceGraph(resources, scope=scope)
    findings = list(evaluate(resources, registry.rules, tenants=[], graph=graph, settings=settings))
    metas = {rule.meta.id: rule.meta for rule in registry.rules}
    table = load_table(rules_dir() / "checkov", metas)
    in_force = {name: dict(meta.parameters) for name, meta in metas.items()}
    return resources, findings, Merger(table, resources, findings, None, in_force)


def compare(reports: Iterable[Mapping[str, Any]], merger: Merger) -> list[Row]:
    """One row per mapped check, resource and checkov verdict (a module resource checkov
    reports once per caller is one row)."""
    rows: list[Row] = []
    seen: set[tuple[str, str, str]] = set()
    for report in reports:
        framework = str(report.get("check_type", ""))
        results = report.get("results", {})
        for verdict in ("failed_checks", "passed_checks"):
            for result in results.get(verdict, []) or []:
                row = _row(
                    framework, "FAIL" if verdict == "failed_checks" else "PASS", result, merger
                )
                if row is None:
                    continue
                # one row per resource: a module's resource once per root calling it
                caller = caller_of(result)
                once = (row.check, f"{row.file}:{row.name}:{row.address}:{caller}", row.checkov)
                if once not in seen:
                    seen.add(once)
                    rows.append(row)
    return rows


def _row(framework: str, status: str, result: Mapping[str, Any], merger: Merger) -> Row | None:
    check = str(result.get("check_id", ""))
    entry = merger.table.get(check)
    if entry is None or entry.native_rule is None:
        return None
    file = result.get("file_abs_path") or result.get("file_path")
    lines = result.get("file_line_range") or []
    name = str(result.get("resource", ""))
    resource = merger.index.find(framework, name, file, lines, caller_of(result))
    base = {
        "check": check,
        "rule": entry.native_rule,
        "checkov": status,
        "framework": framework,
        "name": name,
        "file": file,
        "line": lines[0] if lines else None,
        "alike": judged_alike(entry, merger.parameters),
    }
    if resource is None:
        return Row(native=NO_RESOURCE, **base)
    positions = merger.by_rule_resource.get((entry.native_rule, resource.id), [])
    hits = [merger.native[i] for i in positions]
    if not hits:
        return Row(native=NO_FINDING, address=resource.address, **base)
    companion = companion_of(resource, checkov_address(framework, name))
    native = _worst(native_verdict(f, entry.evidence_key, companion) for f in hits)
    message = hits[0].message.en if hits[0].message is not None else None
    return Row(native=native.value, address=resource.address, message=message, **base)


def summary(rows: Sequence[Row]) -> dict[str, Any]:
    """Counts: rows, compared, verdict pairs, and each list's size by check."""
    compared = [r for r in rows if r.compared]
    lists: dict[str, Counter[str]] = {}
    for row in compared:
        if row.kind is not None:
            lists.setdefault(row.kind, Counter())[f"{row.check} -> {row.rule}"] += 1
    return {
        "rows": len(rows),
        "compared": len(compared),
        "pairs": dict(Counter(f"checkov {r.checkov} / gdcc {r.native}" for r in compared)),
        "not compared": dict(
            Counter(r.native if r.alike else "other parameters" for r in rows if not r.compared)
        ),
        **{kind: dict(counts.most_common()) for kind, counts in sorted(lists.items())},
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the IaC folder checkov scanned")
    parser.add_argument("report", type=Path, help="checkov's JSON report of that folder")
    parser.add_argument("--json", type=Path, default=None, help="write every row here")
    parser.add_argument("--verbose", "-v", action="store_true", help="print each listed row")
    args = parser.parse_args(argv)
    _resources, _findings, merger = native_scan(args.folder)
    rows = compare(parse_reports(args.report.read_bytes()), merger)
    print(json.dumps(summary(rows), indent=1))
    if args.verbose:
        for row in rows:
            if row.kind is not None:
                print(
                    f"[{row.kind}] {row.check} -> {row.rule} {row.address} "
                    f"({row.file}:{row.line}): checkov {row.checkov}, gdcc {row.native}: "
                    f"{row.message}"
                )
    if args.json is not None:
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
