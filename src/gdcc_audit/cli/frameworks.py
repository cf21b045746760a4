"""``gdcc-audit frameworks list|show``: browse the control catalogs and the crosswalk."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from gdcc_audit.cli.common import fail, plugin_registry
from gdcc_audit.errors import GdccAuditError

if TYPE_CHECKING:
    from gdcc_audit.frameworks.catalog import Catalog, ControlDef
    from gdcc_audit.frameworks.registry import Frameworks
    from gdcc_audit.models.framework import RuleMapping
    from gdcc_audit.plugins import Registry


def _load() -> tuple[Frameworks, Registry]:
    from gdcc_audit.frameworks.registry import load_frameworks

    registry = plugin_registry()
    frameworks = load_frameworks(registry.frameworks)
    frameworks.check_rule_ids(r.id for r in registry.rules)
    return frameworks, registry


@click.group("frameworks")
def frameworks_group() -> None:
    """List frameworks and show their controls, sources and crosswalk links."""


@frameworks_group.command("list")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def frameworks_list(lang: str, fmt: str) -> None:
    """Every registered framework with its status, confidence and control count."""
    try:
        loaded, _ = _load()
    except GdccAuditError as exc:
        fail(str(exc))
    rows = [
        {
            "id": c.framework.id,
            "title": c.framework.title.get(lang),
            "version": c.framework.version,
            "kind": c.framework.kind,
            "status": c.framework.status.value,
            "confidence": c.framework.confidence.value if c.framework.confidence else None,
            "controls": len(c.scored),
        }
        for c in loaded.select(())
    ]
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(expand=True)
    for column in ("id", "controls", "status", "confidence", "title"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["id"]),
            str(row["controls"]),
            str(row["status"]),
            str(row["confidence"] or ""),
            str(row["title"]),
        )
    Console(highlight=False).print(table)
    click.echo(f"crosswalk links: {loaded.link_count}")


@frameworks_group.command("show")
@click.argument("framework_id")
@click.option("--control", "control_id", help="Show one control with its rules and links.")
@click.option("--lang", type=click.Choice(["th", "en"]), default="en")
def frameworks_show(framework_id: str, control_id: str | None, lang: str) -> None:
    """The controls of one framework, or one control in detail."""
    from gdcc_audit.score import mapping_index

    try:
        loaded, registry = _load()
    except GdccAuditError as exc:
        fail(str(exc))
    catalog = loaded.catalog(framework_id)
    if catalog is None:
        fail(f"no framework {framework_id!r}; see 'gdcc-audit frameworks list'")
    index = mapping_index([r.meta for r in registry.rules], loaded)
    meta = catalog.framework
    if control_id is None:
        click.echo(f"{meta.id} {meta.version} — {meta.title.get(lang)}")
        if meta.instrument:
            click.echo(f"  {meta.instrument.get(lang)}")
        standing = f"  status: {meta.status.value}"
        if meta.confidence:
            standing += f", confidence: [{meta.confidence.value}]"
        click.echo(standing)
        for item in catalog.controls:
            rules = index.get(f"{meta.id}:{item.id}", [])
            mark = "" if item.scored else "  (heading)"
            click.echo(f"{item.id:<14} {len(rules):>3} rules  {item.title.get(lang)}{mark}")
        return
    control = catalog.control(control_id)
    if control is None:
        fail(f"no control {control_id!r} in {framework_id}")
    click.echo("\n".join(_control_lines(loaded, catalog, control, index, lang)))


def _control_lines(
    loaded: Frameworks,
    catalog: Catalog,
    control: ControlDef,
    index: dict[str, list[RuleMapping]],
    lang: str,
) -> list[str]:
    meta = catalog.framework
    ref = f"{meta.id}:{control.id}"
    instrument = control.instrument or meta.instrument
    lines = [f"{ref} — {control.title.get(lang)}"]
    if control.parent:
        group = catalog.group(control.parent)
        section = f" {group.title.get(lang)}" if group else ""
        lines.append(f"  section: {control.parent}{section}")
    if instrument:
        lines.append(f"  source: {instrument.get(lang)}, {control.clause or ''}")
    confidence = control.confidence or meta.confidence
    status = control.status or meta.status
    lines.append(
        f"  status: {status.value}" + (f", confidence: [{confidence.value}]" if confidence else "")
    )
    if control.baselines:
        lines.append("  800-53B baselines: " + ", ".join(control.baselines))
    if control.ig:
        lines.append(f"  implementation group: IG{control.ig}")
    if control.applies_when:
        lines.append(
            "  applies when: "
            + json.dumps(
                [c.model_dump(mode="json", exclude_none=True) for c in control.applies_when],
                ensure_ascii=False,
            )
        )
    if control.note:
        lines.append(f"  note: {control.note.get(lang)}")
    lines.append("  rules:")
    for mapping in index.get(ref, []):
        via = f" via {mapping.via}" if mapping.via else ""
        lines.append(f"    {mapping.rule_id} [{mapping.severity.value}] {mapping.kind.value}{via}")
    lines.append("  crosswalk, counts toward: " + ", ".join(sorted(loaded.linked(ref))))
    lines.append("  crosswalk, counts from: " + ", ".join(sorted(loaded.incoming(ref))))
    return lines
