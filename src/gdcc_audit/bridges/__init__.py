"""Bridges to other tools, run out of process (checkov)."""
