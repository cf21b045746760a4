"""``gdcc-audit rules list|show``: the available rules, explained in Thai or English."""

from __future__ import annotations

import json

import click

from gdcc_audit.cli.common import errors_to_exit, fail, plugin_registry


@click.group("rules")
def rules() -> None:
    """List and explain rules."""


@rules.command("list")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def rules_list(lang: str, fmt: str) -> None:
    """List every available rule."""
    with errors_to_exit():
        registry = plugin_registry()
    if fmt == "json":
        data = [r.meta.model_dump(mode="json") for r in registry.rules]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(expand=True)
    for column in ("id", "severity", "kinds", "title"):
        table.add_column(column, overflow="fold")
    for rule in registry.rules:
        meta = rule.meta
        table.add_row(meta.id, meta.severity.value, ", ".join(meta.kinds), meta.title.get(lang))
    Console(highlight=False).print(table)


@rules.command("show")
@click.argument("rule_id")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en")
def rules_show(rule_id: str, lang: str) -> None:
    """Explain one rule: rationale, remediation, controls, applicability."""
    with errors_to_exit():
        registry = plugin_registry()
    found = registry.rule(rule_id)
    if found is None:
        fail(f"no rule {rule_id!r}; see 'gdcc-audit rules list'")
    meta = found.meta
    lines = [
        f"{meta.id}  [{meta.severity.value}]  ({meta.pack}, {meta.source or 'python'})",
        meta.title.get(lang),
        "",
        ("เหตุผล: " if lang == "th" else "Why: ") + meta.rationale.get(lang),
        ("วิธีแก้ไข: " if lang == "th" else "Fix: ") + meta.remediation.get(lang),
        "",
        "Kinds: " + ", ".join(meta.kinds),
        "Controls: " + ", ".join(str(c) for c in meta.controls),
        "Tags: " + ", ".join(meta.tags),
        "Check type: " + meta.check_type.value,
    ]
    if not meta.applicability.is_unconditional:
        applicability = meta.applicability.model_dump(mode="json", exclude_none=True)
        lines.append("Applies when: " + json.dumps(applicability, ensure_ascii=False))
    if meta.parameters:
        lines.append("Parameters: " + json.dumps(meta.parameters, ensure_ascii=False))
    click.echo("\n".join(lines))
