"""Built-in plugin: the shipped control catalogs and the crosswalk between them."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.frameworks.registry import builtin_framework_paths
from gdcc_audit.hookspecs import hookimpl


@hookimpl
def register_frameworks() -> list[Path]:
    """The built-in catalog and crosswalk folders."""
    return builtin_framework_paths()
