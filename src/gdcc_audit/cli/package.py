"""``gdcc-audit package`` and ``gdcc-audit verify``: signed evidence packages."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from gdcc_audit.atomic import atomic_write
from gdcc_audit.cli.common import EXIT_ERROR, errors_to_exit, fail
from gdcc_audit.cli.debug import debug_option

_PATH = click.Path(path_type=Path, dir_okay=False)


def _password(key: Path) -> str | None:
    """The key's password: the environment variable, else a hidden prompt on a terminal,
    else none. Never an option: argv is visible to every user of the machine."""
    from gdcc_audit.signing.keys import PASSWORD_ENV

    if PASSWORD_ENV in os.environ:
        return os.environ[PASSWORD_ENV]
    if sys.stdin.isatty():
        entered: str = click.prompt(
            f"Password for {key} (empty if none)",
            hide_input=True,
            default="",
            show_default=False,
            err=True,
        )
        return entered or None
    return None


@click.command("package")
@debug_option
@click.argument("run", metavar="RESULT.json", type=_PATH)
@click.option("--key", required=True, type=_PATH, help="PKCS#12 (.p12/.pfx) or PEM/DER key.")
@click.option("--cert", type=_PATH, help="The key's certificate (needed for a PEM/DER key).")
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Default: RESULT.package.pdf."
)
@click.option("--lang", type=click.Choice(["th", "en"]), default="th", show_default=True)
def package(run: Path, key: Path, cert: Path | None, output: Path | None, lang: str) -> None:
    """Write a signed evidence package: the PDF/A-3 report of a saved JSON result with the
    result and the input manifest attached, signed (PAdES) with KEY. The key's password comes
    from GDCC_AUDIT_KEY_PASSWORD or a prompt."""
    from pydantic import ValidationError

    from gdcc_audit.models.result import AuditResult
    from gdcc_audit.signing.keys import load_signer
    from gdcc_audit.signing.package import make_package

    target = output or run.with_name(f"{run.stem}.package.pdf")
    with errors_to_exit():
        if target.resolve() == run.resolve():
            fail(f"{target}: output would overwrite the input; use --output")
        try:
            result = AuditResult.model_validate_json(run.read_bytes())
        except ValidationError as exc:
            fail(f"{run}: not a gdcc-audit JSON result: {exc.errors()[0]['msg']}")
        signer = load_signer(key, cert, _password(key))
        signed = make_package(result, signer, lang)  # fully in memory: nothing written yet
        with atomic_write(target, binary=True) as stream:
            stream.write(signed)
        click.echo(f"wrote {target} (signed by {signer.subject})", err=True)


@click.command("verify")
@debug_option
@click.argument("file", metavar="PACKAGE.pdf", type=_PATH)
@click.option("--cert", type=_PATH, help="The signer's certificate, or the CA that issued it.")
@click.option(
    "--inputs",
    type=click.Path(path_type=Path, file_okay=False),
    help="The folder the scan ran from: re-hash every scanned file against the manifest.",
)
def verify(file: Path, cert: Path | None, inputs: Path | None) -> None:
    """Verify a signed evidence package: the signature, changes after signing, the attached
    result and input manifest, and with --inputs the scanned files. Exit 0 when everything
    holds, 2 when anything was altered (each alteration is named)."""
    from gdcc_audit.signing.verify import verify_package

    with errors_to_exit():
        outcome = verify_package(file, cert, inputs)
    for line in outcome.checked:
        click.echo(f"ok: {line}")
    for line in outcome.problems:
        click.echo(f"ALTERED: {line}")
    if not outcome.ok:
        click.echo(f"gdcc-audit: error: {file}: verification failed", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"{file}: verified")
