"""Fixtures for report tests: results built directly (no engine) and one scanned fixture."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.models.result import AuditResult

HERE = Path(__file__).resolve().parent
INJECTION_MANIFEST = HERE / "fixtures" / "injection" / "tenant.yaml"


@pytest.fixture(scope="session")
def sample() -> AuditResult:
    """Six failures over four rules, a PASS, an UNKNOWN, an ERROR, two frameworks, a grade."""
    return build(6)


@pytest.fixture(scope="session")
def hostile() -> AuditResult:
    """The sample with an HTML injection in a resource name and the agency, and secrets."""
    return build(6, injection=True, secret=True)
