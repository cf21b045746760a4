"""Shared fixtures."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from gdcc_audit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
AUDIT_TIME = dt.datetime(2026, 11, 23, tzinfo=dt.UTC)

#: Tests that leave threads behind in this process: Dask's offload thread and IO loops, a rule
#: that hangs on purpose. A forking stage runs in one process while another thread is alive
#: (``load.parallel.may_fork``), so these run last and every other test exercises the forks.
LEAVE_THREADS = ("tests/portfolio_runs/", "tests/history/test_portfolio_store.py")

#: In CI (``.ci/run`` sets ``GDCC_AUDIT_HYPOTHESIS=ci``; ``CI=true`` does too) the property tests
#: draw the same examples on every run, so a red CI is reproducible and a landing is never blocked
#: by a lucky draw; on a developer's machine they keep exploring new examples.
#: hypothesis is a test dependency of .venv; .ci/run's networkx 2.6 environment (pytest only)
#: runs the graph tests, which draw nothing.
_PROFILE = os.environ.get("GDCC_AUDIT_HYPOTHESIS") or (
    "ci" if os.environ.get("CI", "").lower() == "true" else ""
)
try:
    from hypothesis import settings as hypothesis_settings
except ModuleNotFoundError:
    pass
else:
    hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
    if _PROFILE:
        hypothesis_settings.load_profile(_PROFILE)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Move the tests that leave threads behind to the end (a stable sort keeps the rest)."""
    items.sort(key=lambda item: item.nodeid.startswith(LEAVE_THREADS))


@pytest.fixture(autouse=True, scope="session")
def _private_parse_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The test session's parse cache is its own folder, not the user's cache."""
    import os

    from gdcc_audit.load.cache import CACHE_ENV

    os.environ.setdefault(CACHE_ENV, str(tmp_path_factory.mktemp("parse-cache")))


@pytest.fixture
def fixtures() -> Path:
    """The tests/fixtures folder."""
    return FIXTURES


@pytest.fixture
def settings() -> Settings:
    """Settings with a fixed audit time."""
    return Settings(now=AUDIT_TIME)
