"""`import gdcc_audit` stays light and has no side effects."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("weasyprint", "sqlalchemy", "checkov", "dask", "networkx", "jinja2", "rich", "tree_sitter")


def test_import_does_not_load_heavy_modules() -> None:
    code = (
        "import sys, logging, signal; handler = signal.getsignal(signal.SIGINT);"
        "import gdcc_audit;"
        f"print([m for m in {HEAVY!r} if m in sys.modules]);"
        "print(logging.getLogger().handlers == [] and signal.getsignal(signal.SIGINT) is handler)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded, clean = out.stdout.splitlines()
    assert loaded == "[]"
    assert clean == "True"


def test_public_api_exposes_audit_lazily() -> None:
    import gdcc_audit

    assert callable(gdcc_audit.audit)
    assert "audit" in gdcc_audit.__all__
