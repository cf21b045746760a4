"""The built-in rule pack ``gdcc-core``: YAML metadata in ``rules/packs`` plus Python checks."""

from __future__ import annotations

from functools import cache

from gdcc_audit.evaluate.checks.registry import PYTHON_CHECKS
from gdcc_audit.evaluate.rule import Rule
from gdcc_audit.evaluate.rulepack import load_rule_pack
from gdcc_audit.hookspecs import hookimpl
from gdcc_audit.resources import rules_dir


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule of the built-in packs, loaded once per process."""
    rules: list[Rule] = []
    for path in sorted((rules_dir() / "packs").glob("**/*.yaml")):
        rules.extend(load_rule_pack(path, PYTHON_CHECKS))
    return tuple(rules)


@hookimpl
def register_rules() -> list[Rule]:
    """The built-in rules."""
    return list(builtin_rules())
