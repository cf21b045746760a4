"""The ``gdcc-audit`` command group: one module per command group, registered here.

Exit codes: 0 nothing failed at or above ``--fail-on``; 1 findings at or above it (waived
findings and findings already failing in ``--baseline`` do not count); 2 usage,
configuration or input error (a file could not be assessed).
"""

from __future__ import annotations

from collections.abc import Sequence

import click

from gdcc_audit.__about__ import __version__
from gdcc_audit.cli.frameworks import frameworks_group
from gdcc_audit.cli.report import report
from gdcc_audit.cli.rules import rules
from gdcc_audit.cli.scan import scan
from gdcc_audit.cli.schema import schema


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="gdcc-audit")
def main() -> None:
    """Audit GDCC tenant manifests and IaC against ISO 27001, NIST 800-53 and Thai standards."""


for _command in (scan, report, rules, frameworks_group, schema):
    main.add_command(_command)


def run(argv: Sequence[str] | None = None) -> int:
    """Entry point for pre-commit hooks and tests: ``run(argv) -> exit code``."""
    try:
        main.main(args=list(argv) if argv is not None else None, prog_name="gdcc-audit")
    except SystemExit as exc:
        return int(exc.code or 0)
    return 0
