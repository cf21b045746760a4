"""``gdcc-audit graph PATH... --format json|graphml|dot|html``: the resource graph."""

from __future__ import annotations

import json
from pathlib import Path

import click

from gdcc_audit.cli.common import errors_to_exit, fail
from gdcc_audit.cli.debug import debug_option

FORMATS = ("json", "graphml", "dot", "html")


@click.command("graph")
@debug_option
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="json",
    show_default=True,
    help="json (the same data as the JSON result's graph), graphml, dot (Graphviz) or html "
    "(attack paths and the system overview).",
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Output file (default: stdout)."
)
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, help="Language of html.")
@click.option("--now", default=None, help="Audit date YYYY-MM-DD (reproducible runs).")
@click.option(
    "--var-file", "var_files", multiple=True, type=click.Path(path_type=Path),
    help="Terraform variable file(s).",
)
def graph(
    paths: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    lang: str | None,
    now: str | None,
    var_files: tuple[Path, ...],
) -> None:
    """Export the resource graph of manifests and IaC under PATH: resources, references,
    network reachability from the internet, unresolved references."""
    from gdcc_audit.api import audit
    from gdcc_audit.atomic import atomic_write
    from gdcc_audit.graph import export
    from gdcc_audit.settings import Settings

    with errors_to_exit():
        try:
            settings = Settings(
                now=now, var_files=tuple(str(v) for v in var_files), lang=lang or "en"
            )
        except ValueError as exc:
            fail(str(exc).splitlines()[0])
        result = audit(list(paths), settings)
        data = result.graph or {}
        if fmt == "json":
            text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
        elif fmt == "graphml":
            text = export.to_graphml(data)
        elif fmt == "dot":
            text = export.to_dot(data)
        else:
            from gdcc_audit.report.graph_page import render_graph_page

            text = render_graph_page(result, lang or "th")
        if output is None:
            click.echo(text, nl=False)
        else:
            with atomic_write(output, binary=False) as stream:
                stream.write(text)
            click.echo(f"wrote {output}", err=True)
        not_assessed = [i for i in result.inputs if i.status.value == "not_assessed"]
        for item in not_assessed:
            click.echo(f"gdcc-audit: not assessed: {item.path}: {item.error}", err=True)
        if not_assessed:
            raise SystemExit(2)
