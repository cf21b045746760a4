"""Fixtures for the checkov bridge: a stand-in checkov for the odd cases, the real one for the
rest (``GDCC_AUDIT_CHECKOV``, else ``.checkov-venv`` at the repository root, which ``.ci/run``
creates; with ``GDCC_AUDIT_REQUIRE_CHECKOV=1`` a missing checkov fails instead of skipping)."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHECKOV_FIXTURES = ROOT / "tests" / "fixtures" / "checkov"

FAKE = '''#!{python}
"""A stand-in for checkov: FAKE_CHECKOV=record|crash|hang|malformed|text|wait (wait: records
once FAKE_CHECKOV_GO exists, or after 30 s)."""
import os, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_CHECKOV_ARGS"], "a") as log:
    log.write(" ".join(args) + "\\n")
mode = os.environ.get("FAKE_CHECKOV", "record")
root = args[args.index("-d") + 1] if "-d" in args else os.path.dirname(args[args.index("-f") + 1])
if mode == "crash":
    sys.stderr.write("Traceback (most recent call last):\\nTypeError: unhashable type: 'dict'\\n")
    sys.exit(1)
if mode == "hang":
    time.sleep(60)
if mode == "wait":
    waited = 0
    while not os.path.exists(os.environ["FAKE_CHECKOV_GO"]) and waited < 3000:
        time.sleep(0.01)
        waited += 1
if mode == "malformed":
    sys.stdout.write('[{{"check_type": "terraform", "results": {{"failed_checks": [')
    sys.exit(0)
if mode == "text":
    sys.stdout.write("Passed checks: 3, Failed checks: 1\\n")
    sys.exit(0)
with open(os.environ["FAKE_CHECKOV_JSON"], encoding="utf-8") as recorded:
    sys.stdout.write(recorded.read().replace("{{ROOT}}", os.path.realpath(root)))
'''


@pytest.fixture
def fake_checkov(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An executable that behaves as checkov as FAKE_CHECKOV says (record: prints
    FAKE_CHECKOV_JSON with {ROOT} replaced by the scanned folder); its arguments are logged."""
    path = tmp_path / "bin" / "checkov"
    path.parent.mkdir()
    path.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("FAKE_CHECKOV_ARGS", str(tmp_path / "args.log"))
    monkeypatch.setenv("FAKE_CHECKOV_JSON", str(CHECKOV_FIXTURES / "recorded-list.json"))
    return path


def real_checkov() -> str | None:
    """The real checkov for the bridge tests, or None."""
    named = os.environ.get("GDCC_AUDIT_CHECKOV")
    if named:
        return named
    local = ROOT / ".checkov-venv" / "bin" / "checkov"
    return str(local) if local.exists() else None


@pytest.fixture(scope="session")
def checkov_path() -> str:
    """The real checkov; skipped when missing, unless GDCC_AUDIT_REQUIRE_CHECKOV=1 (CI)."""
    found = real_checkov()
    if found is None:
        if os.environ.get("GDCC_AUDIT_REQUIRE_CHECKOV") == "1":
            pytest.fail("GDCC_AUDIT_REQUIRE_CHECKOV=1 but no checkov: see .ci/run")
        pytest.skip("checkov is not installed (set GDCC_AUDIT_CHECKOV or create .checkov-venv)")
    return found
