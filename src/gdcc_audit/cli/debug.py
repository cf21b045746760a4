"""``--debug`` and exit code 3: a bug is one line on stderr naming where to report it; the
traceback only on request. Light on purpose (click only): the command group imports it."""

from __future__ import annotations

import os
import sys
import traceback
from typing import NoReturn

import click

EXIT_INTERNAL = 3


def debugging(ctx: click.Context | None = None) -> bool:
    """Whether ``--debug`` (before or after the command) or ``GDCC_AUDIT_DEBUG=1`` is set."""
    if os.environ.get("GDCC_AUDIT_DEBUG", "") not in ("", "0"):
        return True
    ctx = ctx or click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().meta.get("gdcc_audit.debug"))


def _set_debug(ctx: click.Context, _param: click.Parameter, value: bool) -> bool:
    if value:
        ctx.find_root().meta["gdcc_audit.debug"] = True
    return value


#: ``--debug``, accepted before the command and after ``scan``/``report``.
debug_option = click.option(
    "--debug",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_set_debug,
    help="Print the traceback of an internal error (exit code 3).",
)


def internal_error(exc: BaseException, debug: bool) -> NoReturn:
    """Report a bug and exit 3: one line naming where to report it; the traceback only with
    ``debug``."""
    from gdcc_audit.load.guard import ISSUES_URL, describe_bug

    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    hint = "" if debug else " (run again with --debug for the traceback)"
    click.echo(
        f"gdcc-audit: internal error: {describe_bug(exc)}; this is a bug, please report it at "
        f"{ISSUES_URL}{hint}",
        err=True,
    )
    sys.exit(EXIT_INTERNAL)
