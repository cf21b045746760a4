"""``gdcc-audit schema tenant|waivers|result``: JSON Schemas of the inputs and the result."""

from __future__ import annotations

import click

from gdcc_audit.cli.common import layout_option


@click.group("schema")
def schema() -> None:
    """Print JSON Schemas of the input formats."""


@schema.command("tenant")
def schema_tenant() -> None:
    """The JSON Schema of the tenant manifest (gdcc-audit/v1)."""
    from gdcc_audit.models.manifest_schema import tenant_schema_json

    click.echo(tenant_schema_json(), nl=False)


@schema.command("waivers")
def schema_waivers() -> None:
    """The JSON Schema of waiver files (kind: Waivers)."""
    from gdcc_audit.models.manifest_schema import waivers_schema_json

    click.echo(waivers_schema_json(), nl=False)


@schema.command("result")
@layout_option(
    "--layout",
    help="Result layout (schema_version): 1.1 is what scan writes; 1.0 is --json-layout 1.0.",
)
def schema_result(layout: str) -> None:
    """The JSON Schema of the JSON result (scan --format json)."""
    from gdcc_audit.report.json_schema import result_schema_json

    click.echo(result_schema_json(layout), nl=False)
