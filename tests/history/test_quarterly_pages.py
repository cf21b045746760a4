"""The quarterly PDF's pages: the README's Thai quarterly of MOPH 2570Q1 left the appendix's
last inputs row (waivers.yaml) alone on page 9, without a header (print.css, quarterly
template)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.cli import run
from gdcc_audit.history import Store, record_run
from gdcc_audit.models.result import AuditResult

DIGEST = re.compile(r"\b[0-9a-f]{64}\b")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_thai_quarterly_keeps_its_inputs_rows_together_under_their_header(
    tmp_path: Path, quarter_results: dict[str, AuditResult]
) -> None:
    db = f"sqlite:///{tmp_path / 'h.sqlite3'}"
    with Store(db) as store:
        for result in quarter_results.values():
            record_run(store, result)
    pdf = tmp_path / "q.pdf"
    assert run(["report", "quarterly", "--tenant", "moph-health-platform", "--quarter", "2570Q1",
                "--format", "pdf", "--lang", "th", "-o", str(pdf), "--db", db]) == 0  # fmt: skip
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    with_inputs = [page for page in pages if DIGEST.search(page)]
    assert len(with_inputs) == 1  # the two inputs, tenant.yaml and waivers.yaml, on one page
    page = with_inputs[0]
    assert len(DIGEST.findall(page)) == 2
    assert "ไฟล์นำเข้า (SHA-256)" in page  # the heading
    header = next(line for line in page.splitlines() if "ที่อยู่ไฟล์" in line)
    assert header.split() == ["ที่อยู่ไฟล์", "SHA-256"]
    assert "tenant.yaml" in page
    assert "waivers.yaml" in page
