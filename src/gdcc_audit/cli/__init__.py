"""Command-line interface: the only package that turns errors into exit codes."""

from __future__ import annotations

from gdcc_audit.cli.app import main, run

__all__ = ["main", "run"]
