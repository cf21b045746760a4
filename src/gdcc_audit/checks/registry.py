"""The table of built-in Python checks, by the name rule packs use in ``python:``."""

from __future__ import annotations

from gdcc_audit.checks import network
from gdcc_audit.rule import CheckFn

PYTHON_CHECKS: dict[str, CheckFn] = {
    "network.admin_ports_not_public": network.admin_ports_not_public,
}
