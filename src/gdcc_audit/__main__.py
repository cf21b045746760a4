"""``python -m gdcc_audit``."""

from gdcc_audit.cli import main

main(prog_name="gdcc-audit")
