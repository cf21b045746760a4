"""``python -m gdcc_audit``."""

from gdcc_audit.cli.app import main

main(prog_name="gdcc-audit")
