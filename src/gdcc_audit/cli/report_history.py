"""``gdcc-audit report quarterly`` and ``report portfolio``: reports from the history store."""

from __future__ import annotations

from pathlib import Path

import click

from gdcc_audit.cli.common import OutputPath, errors_to_exit, split
from gdcc_audit.cli.history import db_option, open_store

_LANG = click.option(
    "--lang", type=click.Choice(["th", "en"]), default="th", show_default=True,
    help="Report language.",
)  # fmt: skip
_OUTPUT = click.option(
    "--output", "-o", type=OutputPath(),
    help="Output file (one format) or folder (several). Default: the current folder.",
)  # fmt: skip


def _target(output: Path | None, formats: tuple[str, ...]) -> Path:
    if output is None:
        return Path.cwd()
    if len(formats) > 1:
        output.mkdir(parents=True, exist_ok=True)
    return output


def _check_formats(formats: tuple[str, ...], allowed: tuple[str, ...]) -> None:
    unknown = [f for f in formats if f not in allowed]
    if unknown or not formats:
        raise click.BadParameter(
            f"unknown format(s) {', '.join(unknown) or '(none)'}; available: {', '.join(allowed)}",
            param_hint="--format",
        )


@click.command("quarterly")
@click.option("--tenant", required=True, help="Tenant id (as recorded by scan --record).")
@click.option(
    "--quarter", required=True, help="Thai fiscal quarter: 2570Q1 (Buddhist era), 2027Q1, a date."
)
@click.option(
    "--format",
    "formats",
    default="pdf",
    show_default=True,
    help="pdf, html, json (comma-separated).",
)
@_OUTPUT
@_LANG
@click.option("--officer", default="", help="Responsible officer named in the sign-off block.")
@db_option
def quarterly(
    tenant: str,
    quarter: str,
    formats: str,
    output: Path | None,
    lang: str,
    officer: str,
    db: str | None,
) -> None:
    """One tenant's quarter: summary, four-quarter trends, new/fixed/open findings, waivers,
    evidence and a sign-off block (HTML, PDF/A-3b)."""
    from gdcc_audit.history.quarterly import build_quarterly
    from gdcc_audit.history.quarters import code, parse_quarter
    from gdcc_audit.history.render import write_outputs
    from gdcc_audit.report.i18n import translator

    wanted = split([formats])
    _check_formats(wanted, ("pdf", "html", "json"))
    with errors_to_exit():
        fiscal = parse_quarter(quarter)
    with open_store(db) as store, errors_to_exit():
        t = translator(lang)
        view = build_quarterly(store, tenant, fiscal, t, officer=officer)
        stem = f"{tenant}-{code(fiscal)}-quarterly"
        for path in write_outputs(
            "quarterly.html.j2", view, t, wanted, _target(output, wanted), stem,
            ident=f"{tenant}/{code(fiscal)}/{view.scanned_iso}",
        ):  # fmt: skip
            click.echo(f"wrote {path}", err=True)


@click.command("portfolio")
@click.option("--quarter", default=None, help="Fiscal quarter (default: the latest recorded).")
@click.option("--ministry", default=None, help="Only tenants of this ministry (Thai or English).")
@click.option("--tenant", "tenants", multiple=True, help="Only these tenants (comma-separated).")
@click.option(
    "--framework",
    default=None,
    help="Most-failed controls of this framework only (e.g. TH-NCSC-2564).",
)
@click.option(
    "--format", "formats", default="pdf", show_default=True,
    help="pdf, html, csv, json (comma-separated).",
)  # fmt: skip
@_OUTPUT
@_LANG
@db_option
def portfolio(
    quarter: str | None,
    ministry: str | None,
    tenants: tuple[str, ...],
    framework: str | None,
    formats: str,
    output: Path | None,
    lang: str,
    db: str | None,
) -> None:
    """Many tenants in one quarter: ranking, grade distribution, the controls that fail most
    often, tenants whose score fell (HTML, PDF/A-3b, CSV)."""
    from gdcc_audit.history.portfolio import build_portfolio, portfolio_csv
    from gdcc_audit.history.quarters import code, parse_quarter
    from gdcc_audit.history.render import write_outputs
    from gdcc_audit.report.i18n import translator

    wanted = split([formats])
    _check_formats(wanted, ("pdf", "html", "csv", "json"))
    with errors_to_exit():
        fiscal = parse_quarter(quarter) if quarter else None
    with open_store(db) as store, errors_to_exit():
        t = translator(lang)
        view = build_portfolio(
            store, t, quarter=fiscal, ministry=ministry, tenants=split(tenants), framework=framework
        )
        stem = f"portfolio-{view.quarter_code}"
        for path in write_outputs(
            "portfolio.html.j2", view, t, wanted, _target(output, wanted), stem,
            ident=f"portfolio/{view.quarter_code}", extra={"csv": portfolio_csv(view)},
        ):  # fmt: skip
            click.echo(f"wrote {path}", err=True)
        _ = code
