"""Rule packs as data: YAML files of rule metadata with a declarative or Python check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from gdcc_audit.diskcache import compiled
from gdcc_audit.errors import InputError, RuleError
from gdcc_audit.evaluate.conditions import Condition, compile_condition
from gdcc_audit.evaluate.rule import CheckFn, Outcome, Rule, RuleContext, facets_read
from gdcc_audit.load.source import read_source
from gdcc_audit.load.yamltree import parse_yaml
from gdcc_audit.models.resource import FACET_NAMES, Resource
from gdcc_audit.models.rule import RuleMeta

_PACK_KEYS = {"pack", "version", "description", "rules"}


def _declarative(condition: Condition) -> CheckFn:
    def check(resource: Resource, context: RuleContext) -> Outcome:
        verdict = condition.evaluate(resource, context.params, context.graph)
        return Outcome(verdict.status, verdict.reason, verdict.evidence)

    return check


#: Code that decides what ``_read_pack`` returns (see ``diskcache.code_stamp``).
_CODE = ("evaluate/rulepack.py", "models", "load/yamltree.py", "load/source.py", "diskcache.py")


@dataclass(frozen=True)
class _Entry:
    """One validated rule of a pack: its metadata and its check, not yet compiled."""

    meta: RuleMeta
    condition: Any
    python: str | None
    where: str


def load_rule_pack(path: Path, python_checks: Mapping[str, CheckFn] | None = None) -> list[Rule]:
    """Load and validate one rule-pack file; every error names the file, line and rule.

    The validated metadata is compiled once per content of the file (see
    ``diskcache.compiled``); the checks are bound and compiled on every load."""
    checks = python_checks or {}
    entries = compiled("rule-pack", [path], _CODE, lambda: _read_pack(path), tuple)
    rules: list[Rule] = []
    for entry in entries:
        if entry.python is not None:
            if entry.python not in checks:
                raise RuleError(f"{entry.where}: no Python check named {entry.python!r}")
            check = checks[entry.python]
            rules.append(Rule(entry.meta, check, facets_read(check)))
        else:
            condition = compile_condition(entry.condition, entry.where, entry.meta.parameters)
            # a condition that also asks the graph is set aside for absent facets only when
            # the graph can only pass a resource (``_graph_only_excuses``)
            graph = _asks_graph(entry.condition) and not _graph_only_excuses(entry.condition)
            read = frozenset() if graph else frozenset(condition.facets()) & FACET_NAMES
            rules.append(Rule(entry.meta, _declarative(condition), read))
    return rules


def _graph_only_excuses(spec: Any) -> bool:
    """Whether the graph only ever passes a resource: ``any`` of negated graph leaves and
    conditions without the graph (GDCC-GRAPH-013: an entry point the internet cannot reach
    needs no access logs of its own). Only the facets can then fail it, so a type without
    them is NOT_APPLICABLE as for a facet rule (an API custom domain name, whose logs are its
    stages'); a graph leaf that can fail a resource keeps the rule on every type."""
    if not isinstance(spec, dict) or set(spec) != {"any"} or not isinstance(spec["any"], list):
        return False
    for item in spec["any"]:
        inner = item.get("not") if isinstance(item, dict) and set(item) == {"not"} else None
        negated_leaf = isinstance(inner, dict) and "graph" in inner
        if _asks_graph(item) and not negated_leaf:
            return False
    return True


def _asks_graph(spec: Any) -> bool:
    """Whether a condition has a graph leaf anywhere."""
    if isinstance(spec, dict):
        return "graph" in spec or any(_asks_graph(v) for v in spec.values())
    if isinstance(spec, list):
        return any(_asks_graph(v) for v in spec)
    return False


def _read_pack(path: Path) -> tuple[_Entry, ...]:
    try:
        source = read_source(path)
        # not cached on its own: the validated pack is (``compiled``)
        documents = parse_yaml(source.text, str(path))
    except InputError as exc:
        raise RuleError(str(exc)) from exc
    if len(documents) != 1 or not isinstance(documents[0].data, dict):
        raise RuleError(f"{path}: a rule pack is one YAML mapping with a 'rules' list")
    doc = documents[0]
    data: dict[str, Any] = doc.data
    unknown = set(data) - _PACK_KEYS
    if unknown or not isinstance(data.get("rules"), list) or not isinstance(data.get("pack"), str):
        raise RuleError(
            f"{path}: a rule pack needs 'pack' (a name) and 'rules' (a list)"
            + (f"; unknown keys {sorted(unknown)}" if unknown else "")
        )
    pack = data["pack"]
    entries: list[_Entry] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["rules"]):
        line = doc.line_of(f"/rules/{index}")
        rule_id = entry.get("id", f"#{index}") if isinstance(entry, dict) else f"#{index}"
        where = f"{path}:{line} rule {rule_id}"
        if not isinstance(entry, dict):
            raise RuleError(f"{where}: a rule must be a mapping")
        if rule_id in seen:
            raise RuleError(f"{where}: duplicate rule id")
        seen.add(rule_id)
        body = dict(entry)
        condition_spec = body.pop("check", None)
        python_name = body.pop("python", None)
        try:
            version = data.get("version")
            meta = RuleMeta.model_validate(
                {
                    **body,
                    "pack": pack,
                    "pack_version": None if version is None else str(version),
                    "source": path.name,
                }
            )
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
            )
            raise RuleError(f"{where}: {problems}") from exc
        if (condition_spec is None) == (python_name is None):
            raise RuleError(f"{where}: give exactly one of 'check' (declarative) or 'python'")
        entries.append(_Entry(meta, condition_spec, python_name, where))
    return tuple(entries)
