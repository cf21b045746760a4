"""Agreement of gdcc-audit with checkov's own Terraform test fixtures (ground truth).

For every Terraform entry of ``checkov-tests/groundtruth.json`` whose check id is in
``rules/checkov/mapping.yaml``, run gdcc-audit's loader, mappers and the mapped rule on the
example folder, and compare our verdict on each expected pass / fail resource (by Terraform
address) with checkov's expectation. Disagreements are classified:

- ``unknown``       we say UNKNOWN (a value that is not static, or not known from the input);
- ``not mapped``    no canonical resource carries that address (type not mapped, or folded
                    into nothing), or no finding of the rule on it;
- ``not applicable`` gdcc says NOT_APPLICABLE where checkov expects FAIL. Where checkov
                    expects PASS, NOT_APPLICABLE agrees: neither reports a problem, and a
                    checkov resource check has no not-applicable result (it passes an internal
                    load balancer for a WAF check); these are counted and printed apart
                    ("agree as not applicable");
- ``judgement``     the mapping entry documents a difference in judgement for this check;
- ``review``        a PASS/FAIL mismatch nobody has explained yet: a bug until shown otherwise.

Applicability is switched on for every resource (personal data, high security category) so a
rule limited to sensitive systems is still exercised. ``--frameworks`` also takes
``cloudformation`` (logical ids) and ``kubernetes`` (manifests: checkov's
``Kind.namespace.name`` is gdcc-audit's ``Kind/namespace/name``). Run from the repository
root::

    python benchmarks/accuracy_groundtruth.py [--corpus ../shared/corpus] [--verbose]
        [--mapping candidates.yaml] [--only CKV_AWS_20,CKV_AWS_21]
        [--frameworks terraform,cloudformation,kubernetes]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from gdcc_audit.bridges.checkov.convert import companion_of, native_verdict
from gdcc_audit.bridges.checkov.table import table_check_id
from gdcc_audit.errors import InputError
from gdcc_audit.evaluate.engine import evaluate
from gdcc_audit.graph.model import ResourceGraph
from gdcc_audit.graph.scope import Scope
from gdcc_audit.load.discover import discover
from gdcc_audit.models.common import Level, SecurityCategory
from gdcc_audit.models.finding import Finding, Status
from gdcc_audit.models.resource import Resource
from gdcc_audit.normalize.interface import MapContext
from gdcc_audit.normalize.kubernetes.mapper import native_address
from gdcc_audit.normalize.lost import attach as attach_lost
from gdcc_audit.plugins import Registry, collect, make_plugin_manager
from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
HIGH = SecurityCategory(confidentiality=Level.HIGH, integrity=Level.HIGH, availability=Level.HIGH)


@dataclass(frozen=True)
class Outcome:
    """One expected resource of one check: what checkov expects and what we said."""

    framework: str
    check: str
    rule: str
    address: str
    expected: str
    got: str
    category: str
    detail: str
    documented: bool = False


def load_resources(
    folder: Path, registry: Registry, settings: Settings
) -> tuple[list[Resource], Scope]:
    """Load and map one example folder, with applicability forced on, and what of it the scan
    saw whole (as a scan of the folder would: a missing companion FAILs in a whole unit).
    Ids are relative to the folder: two roots in one folder keep their resources apart."""
    found = discover([folder], registry.loaders, settings)
    loaders = {loader.name: loader for loader in registry.loaders}
    resources: dict[str, Resource] = {}
    documents = []
    for name, claims in found.claims.items():
        for document in loaders[name].load(claims, settings):
            if isinstance(document, InputError):
                continue
            documents.append(document)
            mapper = registry.mappers.get(document.format)
            if mapper is None:
                continue
            context = MapContext(settings, base=str(folder if folder.is_dir() else folder.parent))
            for item in mapper.map(document, context):
                if isinstance(item, Resource):
                    facets = item.facets.model_copy(
                        update={"personal_data": True, "security_category": HIGH}
                    )
                    resources.setdefault(item.id, item.model_copy(update={"facets": facets}))
    # Parts not assessed keep what they name from a PASS, as in a scan (api._scan_native).
    return attach_lost(list(resources.values()), documents), Scope.from_documents(documents)


def _verdict(
    findings: Sequence[Finding], key: str | None, companion: str | None = None
) -> Status | None:
    """Our verdict on what checkov named: the bridge's :func:`native_verdict` (one port or
    list item of a finding; a companion rule resource judged by whether the finding blames
    it), else the finding reported under ``key``."""
    if not findings:
        return None
    if key is None or key.startswith(("port:", "listed:")):
        return _worst([native_verdict(f, key, companion) for f in findings])
    exact = [f.status for f in findings if f.evidence_key == key]
    if exact:
        return _worst(exact)
    # the rule reports per key; a key not reported was checked and is fine
    if any(f.status in {Status.PASS, Status.FAIL, Status.UNKNOWN} for f in findings):
        return Status.PASS
    return _worst([f.status for f in findings])


def _copy_verdict(
    holders: Sequence[Resource],
    findings: Sequence[Finding],
    key: str | None,
    expected: str,
    address: str,
) -> Status | None:
    """The verdict of the copy that answers ``expected`` when an address has several copies
    (each judged alone), else the worst of them."""
    verdicts = [
        _verdict(
            [f for f in findings if f.resource_id == holder.id],
            key,
            companion_of(holder, [address]),
        )
        for holder in holders
    ]
    decided = [v for v in verdicts if v is not None]
    match = [v for v in decided if v.value == expected]
    if match:
        return match[0]
    return _worst(decided) if decided else None


def _companion(holders: Sequence[Resource], address: str) -> str | None:
    """``address`` when it names a rule resource merged into the holders (an
    ``aws_network_acl_rule`` in its ACL), not a holder itself."""
    found = [companion_of(holder, [address]) for holder in holders]
    return address if found and all(found) else None


def _worst(statuses: Iterable[Status]) -> Status:
    order = [Status.ERROR, Status.FAIL, Status.UNKNOWN, Status.PASS, Status.NOT_APPLICABLE]
    present = set(statuses)
    return next(s for s in order if s in present)


def _native_address(framework: str, named: str) -> str:
    """The address gdcc-audit gives the resource checkov's fixture names: Terraform
    addresses are the same; CloudFormation ``AWS::S3::Bucket.MyBucket`` is the logical id
    ``MyBucket`` (a logical id has no dot; the type has none either)."""
    if framework == "cloudformation":
        return named.rsplit(".", 1)[-1]
    if framework == "kubernetes":
        # ``Kind.namespace.name`` -> ``Kind/namespace/name`` (``Kind/name`` when the kind is
        # cluster-scoped); a namespace has no dot, a name may have some
        kind, _, rest = named.partition(".")
        namespace, _, name = rest.partition(".")
        return native_address(kind, name, namespace)
    return named


def _block_address(address: str) -> str | None:
    """``aws_x.y`` for an instance ``aws_x.y[0]`` / ``aws_x.y["k"]`` of a block with
    ``count`` / ``for_each`` (checkov names the block); ``None`` for an address without an
    index."""
    if not address.endswith("]") or "[" not in address:
        return None
    return address[: address.rindex("[")]


def _owners(resources: Sequence[Resource]) -> dict[str, list[Resource]]:
    """Address -> resources carrying it (own address, or a companion folded into them). The
    instances of a counted block also answer for the block's address (checkov judges the
    block: the worst of its instances)."""
    out: dict[str, list[Resource]] = defaultdict(list)
    for resource in resources:
        owned = [resource.address] if resource.address else []
        owned += resource.attributes.get("merged_from", [])
        for address in owned:
            out[address].append(resource)
            block = _block_address(address)
            if block is not None and resource not in out[block]:
                out[block].append(resource)
    return out


def _judge_folders(
    entry: dict[str, Any],
    spec: dict[str, Any],
    params: dict[str, Any],
    rule: Any,
    registry: Registry,
    settings: Settings,
    corpus: Path,
    loaded: dict[str, tuple[list[Resource], Scope]],
    cache: dict[tuple[str, str], list[Finding]],
) -> dict[str, tuple[list[Resource], list[Finding]]]:
    """Address -> (resources carrying it, their findings) over the entry's example folders.
    An entry may name several folders (a .tf folder and a plan): each expected address is
    judged in the first folder that declares it, MISSING only if none does."""
    judged: dict[str, tuple[list[Resource], list[Finding]]] = {}
    for example in entry["example_paths"]:
        folder = corpus / example
        if str(folder) not in loaded:
            loaded[str(folder)] = load_resources(folder, registry, settings)
        resources, scope = loaded[str(folder)]
        key = (str(folder), f"{spec['gdcc_rule']}:{json.dumps(params, sort_keys=True)}")
        if key not in cache:
            graph = ResourceGraph(resources, scope=scope)
            found = evaluate(resources, [rule], tenants=[], graph=graph, settings=settings)
            cache[key] = list(found)
        for address, holders in _owners(resources).items():
            if address not in judged:
                ids = {r.id for r in holders}
                judged[address] = (holders, [f for f in cache[key] if f.resource_id in ids])
    return judged


def run(
    corpus: Path,
    verbose: bool,
    mapping_file: Path | None = None,
    only: set[str] | None = None,
    frameworks: Sequence[str] = ("terraform",),
) -> int:
    """Compare, print the table, return 0."""
    source = mapping_file or ROOT / "rules/checkov/mapping.yaml"
    mapping = yaml.safe_load(source.read_text())["mappings"]
    by_check = {m["checkov_id"]: m for m in mapping if not only or m["checkov_id"] in only}
    truth = json.loads((corpus / "checkov-tests/groundtruth.json").read_text())
    entries = [
        {**e, "check_id": table_check_id(e["framework"], e["check_id"])}
        for e in truth
        if e["framework"] in frameworks
        and table_check_id(e["framework"], e["check_id"]) in by_check
        and e["example_paths"]
    ]  # an entry without example folders holds its HCL inside checkov's test code
    manager = make_plugin_manager()
    outcomes: list[Outcome] = []
    cache: dict[tuple[str, str], list[Finding]] = {}
    loaded: dict[str, tuple[list[Resource], Scope]] = {}
    for entry in entries:
        spec = by_check[entry["check_id"]]
        params = spec.get("parameters") or {}
        settings = Settings(rule_parameters={spec["gdcc_rule"]: params} if params else {})
        registry = collect(manager, settings)
        rule = next((r for r in registry.rules if r.meta.id == spec["gdcc_rule"]), None)
        if rule is None:
            print(f"{entry['check_id']}: rule {spec['gdcc_rule']} not found", file=sys.stderr)
            continue
        judged = _judge_folders(
            entry, spec, params, rule, registry, settings, corpus, loaded, cache
        )
        # an address declared in two folders of one example (a root and a sub-folder), one
        # copy expected to pass and the other to fail: each copy answers one expectation
        both = set(entry["expected_pass"]) & set(entry["expected_fail"])
        for expected, addresses in (
            ("PASS", entry["expected_pass"]),
            ("FAIL", entry["expected_fail"]),
        ):
            for named in addresses:
                if named.startswith("/"):
                    continue  # provider checks name files, not resources
                address = _native_address(entry["framework"], named)
                holders, mine = judged.get(address, ([], []))
                status = (
                    _verdict(mine, spec.get("evidence_key"), _companion(holders, address))
                    if holders
                    else None
                )
                if address in both and len(holders) > 1:
                    status = _copy_verdict(
                        holders, mine, spec.get("evidence_key"), expected, address
                    )
                got = "MISSING" if not holders else status.value if status else "NO_FINDING"
                documented = bool(
                    address in (spec.get("known_differences") or {}) or spec.get("difference")
                )
                if got == expected:
                    category = "agree"
                elif got == "NOT_APPLICABLE" and expected == "PASS":
                    category = "agree"  # no problem reported on either side (printed apart)
                elif got == "UNKNOWN":
                    category = "unknown"
                elif got == "NOT_APPLICABLE":
                    category = "not applicable"
                elif got in {"MISSING", "NO_FINDING"}:
                    category = "not mapped"
                elif documented:
                    category = "judgement"
                else:
                    category = "review"
                detail = ""
                if holders and category != "agree":
                    facets = holders[0].facets.model_dump(exclude_none=True, mode="json")
                    detail = f"{holders[0].provider_type} {facets}"
                outcomes.append(
                    Outcome(
                        entry["framework"],
                        entry["check_id"],
                        spec["gdcc_rule"],
                        address,
                        expected,
                        got,
                        category,
                        detail,
                        documented,
                    )
                )
    _print(outcomes, verbose)
    return 0


def _print(outcomes: Sequence[Outcome], verbose: bool) -> None:
    per_check: dict[str, Counter[str]] = defaultdict(Counter)
    for outcome in outcomes:
        per_check[f"{outcome.check} -> {outcome.rule}"][outcome.category] += 1
    print(f"{'check -> rule':42} {'agree':>5} / {'total':>5}  disagreements")
    for name, counts in sorted(per_check.items()):
        total = sum(counts.values())
        rest = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k != "agree")
        print(f"{name:42} {counts['agree']:>5} / {total:>5}  {rest}")
    overall = Counter(o.category for o in outcomes)
    total = sum(overall.values())
    print(
        f"\noverall: {overall['agree']} / {total} agree "
        f"({100 * overall['agree'] / max(total, 1):.1f} %); "
        + ", ".join(f"{k} {v}" for k, v in sorted(overall.items()) if k != "agree")
    )
    as_na = [o for o in outcomes if o.category == "agree" and o.got == "NOT_APPLICABLE"]
    if as_na:
        print(
            f"of which agree as not applicable: {len(as_na)} "
            "(gdcc NOT_APPLICABLE where checkov passes; listed with -v)"
        )
    decided = [o for o in outcomes if o.got in {"PASS", "FAIL"}]
    agree = sum(1 for o in decided if o.got == o.expected)
    print(f"where gdcc gave PASS/FAIL: {agree} / {len(decided)} agree")
    differing = [o for o in outcomes if o.category != "agree"]
    explained = sum(1 for o in differing if o.documented)
    print(
        f"disagreements with a stated reason in mapping.yaml: {explained} / {len(differing)}"
    )
    if verbose and as_na:
        print("\nagree as not applicable:")
        for o in as_na:
            print(f"  {o.check} {o.address}: expected PASS, got NOT_APPLICABLE")
    if verbose:
        print("\ndisagreements:")
        for o in outcomes:
            if o.category != "agree":
                print(
                    f"  [{o.category}] {o.check} {o.address}: expected {o.expected}, "
                    f"got {o.got}  {o.detail}"
                )


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--verbose", "-v", action="store_true")
    parser.add_argument(
        "--mapping", type=Path, default=None, help="another mapping table (to try candidates)"
    )
    parser.add_argument("--only", default="", help="comma-separated checkov ids to compare")
    parser.add_argument(
        "--frameworks",
        default="terraform",
        help=(
            "checkov test frameworks to compare, comma-separated: terraform (default),"
            " cloudformation, kubernetes; both = terraform,cloudformation"
        ),
    )
    args = parser.parse_args(argv)
    only = {c.strip() for c in args.only.split(",") if c.strip()} or None
    frameworks = tuple(f.strip() for f in args.frameworks.split(",") if f.strip())
    if frameworks == ("both",):
        frameworks = ("terraform", "cloudformation")
    unknown = set(frameworks) - {"terraform", "cloudformation", "kubernetes"}
    if unknown:
        parser.error(f"unknown framework(s): {', '.join(sorted(unknown))}")
    return run(args.corpus, args.verbose, args.mapping, only, frameworks)


if __name__ == "__main__":
    sys.exit(main())
