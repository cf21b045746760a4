"""The ``gdcc-audit`` command group: one module per command group, registered here.

Exit codes: 0 nothing failed at or above ``--fail-on``; 1 findings at or above it (waived
findings and findings already failing in ``--baseline`` do not count); 2 usage,
configuration or input error (a file could not be assessed); 3 internal error (a bug: one
line on stderr naming where to report it; the traceback only with ``--debug``).

Each command's module is imported only when that command runs (``gdcc-audit --version``
and ``--help`` stay fast: no pydantic models, rule packs or catalogs are loaded for them).
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import click

from gdcc_audit.__about__ import __version__
from gdcc_audit.cli.debug import debug_option, debugging, internal_error
from gdcc_audit.gcpause import gc_paused, no_collection_at_exit

#: Command name -> ``module:attribute`` of its click command, imported on first use.
COMMANDS: dict[str, str] = {
    "scan": "gdcc_audit.cli.scan:scan",
    "hook": "gdcc_audit.cli.hook:hook",
    "report": "gdcc_audit.cli.report:report",
    "rules": "gdcc_audit.cli.rules:rules",
    "frameworks": "gdcc_audit.cli.frameworks:frameworks_group",
    "schema": "gdcc_audit.cli.schema:schema",
    "portfolio": "gdcc_audit.cli.portfolio:portfolio",
    "graph": "gdcc_audit.cli.graph:graph",
    "history": "gdcc_audit.cli.history:history",
    "package": "gdcc_audit.cli.package:package",
    "verify": "gdcc_audit.cli.package:verify",
}


class LazyGroup(click.Group):
    """A click group whose subcommands are imported when they are looked up."""

    def __init__(self, *args: object, lazy: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.lazy = dict(lazy)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in self.lazy:
            module_name, _, attribute = self.lazy[cmd_name].partition(":")
            # Importing a command builds thousands of long-lived objects (pydantic models,
            # dataclasses, compiled patterns) and no garbage cycles: the collector would
            # only traverse them again and again (about 4 % of the import's instructions).
            # The dataclasses' generated methods and the regular expressions come compiled
            # from the start-up cache.
            from gdcc_audit.classcode import reuse_class_code
            from gdcc_audit.patterncode import reuse_pattern_code

            reuse_class_code()
            reuse_pattern_code()
            with gc_paused():
                command = getattr(importlib.import_module(module_name), attribute)
            if not isinstance(command, click.Command):
                raise TypeError(f"{self.lazy[cmd_name]} is not a click command")
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; an unexpected exception (a bug) exits 3 with one line on stderr."""
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:
            internal_error(exc, debugging(ctx))


@click.group(
    cls=LazyGroup,
    lazy=COMMANDS,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, prog_name="gdcc-audit")
@debug_option
def main() -> None:
    """Audit GDCC tenant manifests and IaC against ISO 27001, NIST 800-53 and Thai standards."""
    # A command ends the process: the heap it leaves is not collected again at exit.
    no_collection_at_exit()


def console() -> None:
    """The ``gdcc-audit`` console script and ``python -m gdcc_audit``: the command group, the
    bytecode kept in the start-up cache folder where Python may not keep it beside the source
    (:mod:`gdcc_audit.bytecode`; not for :func:`run`, which shares its interpreter)."""
    from gdcc_audit.bytecode import keep_bytecode

    keep_bytecode()
    main(prog_name="gdcc-audit")


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for pre-commit hooks and tests: ``run(argv) -> exit code``."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="gdcc-audit")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
