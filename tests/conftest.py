"""Shared fixtures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AUDIT_TIME = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)


@pytest.fixture
def fixtures() -> Path:
    """The tests/fixtures folder."""
    return FIXTURES


@pytest.fixture
def settings() -> Settings:
    """Settings with a fixed audit time."""
    return Settings(now=AUDIT_TIME)
