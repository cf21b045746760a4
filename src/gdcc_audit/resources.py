"""Locate the packaged data folders (``rules/`` and ``reports/``) in a wheel or a checkout."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The ``rules`` or ``reports`` folder: inside the installed package, else the source tree."""
    packaged = _PACKAGE_DIR / "_data" / name
    if packaged.is_dir():
        return packaged
    # Editable installs and checkouts: src/gdcc_audit -> repository root.
    checkout = _PACKAGE_DIR.parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"gdcc-audit data folder {name!r} not found next to {_PACKAGE_DIR}")


def rules_dir() -> Path:
    """The built-in rule packs and catalogs."""
    return data_dir("rules")


def reports_dir() -> Path:
    """The built-in report templates, CSS and fonts."""
    return data_dir("reports")
