"""How much of the third-party corpus the CloudFormation, Heat and Kubernetes loaders read.

Usage: python benchmarks/corpus_load.py [CORPUS_DIR] [--json]

For each corpus slice: the YAML/JSON files found, how many a given loader claimed, how many
loaded and mapped without error, the resources produced, and the reasons for everything else
(parse errors, input errors, not recognised), grouped. Offline; no rules are run.
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from gdcc_audit.errors import InputError
from gdcc_audit.load.discover import STRUCTURED_SUFFIXES, discover
from gdcc_audit.normalize.interface import MapContext
from gdcc_audit.plugins import collect, make_plugin_manager
from gdcc_audit.settings import Settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

#: (slice name, folders under the corpus, loader whose share is measured, folders excluded)
SLICES: tuple[tuple[str, tuple[str, ...], str, tuple[str, ...]], ...] = (
    ("CloudFormation: checkov-tests", ("checkov-tests/tests/cloudformation",), "cloudformation",
     ()),
    ("CloudFormation: heat-templates/cfn", ("heat-templates/cfn",), "cloudformation", ()),
    ("Heat HOT: heat-templates", ("heat-templates",), "heat", ("heat-templates/cfn",)),
    ("Kubernetes: kubernetes-goat", ("kubernetes-goat",), "kubernetes", ()),
    ("Kubernetes: checkov-tests", ("checkov-tests/tests/kubernetes",), "kubernetes", ()),
)


@dataclass
class SliceResult:
    name: str
    loader: str
    files: int = 0
    claimed: int = 0
    loaded: int = 0
    resources: int = 0
    seconds: float = 0.0
    claimed_by_others: dict[str, int] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    not_recognised: dict[str, int] = field(default_factory=dict)
    examples: dict[str, str] = field(default_factory=dict)


def _reason(message: str) -> str:
    """An error message with names, numbers and quoted text folded, to group alike errors."""
    text = re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", message)
    return re.sub(r"\d+", "N", text)[:110]


def _why_not(path: Path) -> str:
    """A short description of an unrecognised file, from its top-level keys."""
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    except OSError:
        return "unreadable"
    for marker, label in (
        ("heat_template_version", "HOT template (not recognised?)"),
        ("AWSTemplateFormatVersion", "CloudFormation (not recognised?)"),
        ("parameters:", "Heat environment / parameter file"),
        ("resource_registry", "Heat environment / parameter file"),
        ("apiVersion", "object of an unknown kind (custom resource, Kustomization...)"),
    ):
        if marker in head:
            return label
    return "not IaC (plain data)"


def measure(corpus: Path, name: str, folders: tuple[str, ...], loader: str,
            excluded: tuple[str, ...]) -> SliceResult:
    settings = Settings()
    manager = make_plugin_manager(entry_points=False)
    registry = collect(manager, settings)
    result = SliceResult(name, loader)
    started = time.perf_counter()
    found = discover([corpus / f for f in folders], registry.loaders, settings)
    skip = tuple(str(corpus / e) for e in excluded)

    def inside(path: str) -> bool:
        return not path.startswith(skip) and path.endswith(STRUCTURED_SUFFIXES)

    errors: dict[str, str] = {}
    for error in found.errors:
        if inside(error.path):
            errors[error.path] = _reason(error.message)
    unrecognised = [p for p, _ in found.unrecognised if inside(str(p))]
    claimed: dict[str, list[str]] = {}
    for loader_name, claims in found.claims.items():
        claimed[loader_name] = [str(c.path) for c in claims if inside(str(c.path))]
    result.claimed = len(claimed.get(loader, []))
    result.claimed_by_others = {k: len(v) for k, v in claimed.items() if k != loader and v}
    loaders = {ldr.name: ldr for ldr in registry.loaders}
    target = [c for c in found.claims.get(loader, []) if inside(str(c.path))]
    loaded_files: set[str] = set()
    for item in loaders[loader].load(target, settings):
        if isinstance(item, InputError):
            errors[item.path] = _reason(item.message)
            continue
        mapper = registry.mappers[item.format]
        for mapped in mapper.map(item, MapContext(settings)):
            if isinstance(mapped, InputError):
                errors[item.path] = "mapping: " + _reason(mapped.message)
            else:
                result.resources += 1
        loaded_files.add(item.path)
    result.seconds = round(time.perf_counter() - started, 2)
    result.loaded = len(loaded_files - set(errors))
    result.files = len(errors) + len(unrecognised) + sum(len(v) for v in claimed.values())
    result.files -= len(set(errors) & {p for v in claimed.values() for p in v})
    for path, reason in errors.items():
        result.errors[reason] = result.errors.get(reason, 0) + 1
        result.examples.setdefault(reason, str(Path(path).relative_to(corpus)))
    reasons = Counter(found.reasons.get(str(p)) or _why_not(p) for p in unrecognised)
    result.not_recognised = dict(reasons.most_common())
    for path in unrecognised:
        reason = found.reasons.get(str(path)) or _why_not(path)
        result.examples.setdefault(reason, str(path.relative_to(corpus)))
    return result


def render(results: list[SliceResult]) -> str:
    lines = [
        "| corpus slice | YAML/JSON files | claimed | loaded | share of claimed | resources | s |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        share = f"{100 * r.loaded / r.claimed:.1f} %" if r.claimed else "-"
        lines.append(
            f"| {r.name} | {r.files} | {r.claimed} | {r.loaded} | {share} | {r.resources} "
            f"| {r.seconds} |"
        )
    for r in results:
        lines.append(f"\n**{r.name}**")
        if r.claimed_by_others:
            lines.append(f"- claimed by other loaders: {r.claimed_by_others}")
        for reason, count in sorted(r.errors.items(), key=lambda kv: -kv[1]):
            lines.append(f"- error ×{count}: {reason} (e.g. `{r.examples[reason]}`)")
        for reason, count in r.not_recognised.items():
            lines.append(f"- not recognised ×{count}: {reason} (e.g. `{r.examples[reason]}`)")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    corpus = Path(next((a for a in argv if not a.startswith("--")), DEFAULT_CORPUS))
    results = [measure(corpus, *spec) for spec in SLICES]
    if "--json" in argv:
        sys.stdout.write(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    else:
        sys.stdout.write(render(results) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
