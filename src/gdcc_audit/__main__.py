"""``python -m gdcc_audit``."""

from gdcc_audit.cli.app import console

console()
