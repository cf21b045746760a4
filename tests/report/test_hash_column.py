"""The appendix's SHA-256 column holds a digest in two lines of 32 letters.

At 14em it held 31 letters a line, so every input's digest took three lines, the last one
two letters long (``51c938b9...f859a`` / ``db`` on the quick start's appendix). The column is
14.5em: 32 letters of the .7em DejaVu Sans Mono (0.602em a letter) and the cell's padding."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.pdf import PdfReporter


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_digest_is_two_lines_of_32(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint")
    stream = io.BytesIO()
    PdfReporter().render(build(1), stream, ReportOptions(lang="en"))
    path = tmp_path / "report.pdf"
    path.write_bytes(stream.getvalue())
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    digest = hashlib.sha256(b"main").hexdigest()  # iac/his/main.tf's, in report_factory
    # the digest's pieces as the page shows them (words of 3 letters or more with a letter)
    pieces = [
        word for word in text.split()
        if len(word) > 2 and word in digest and not word.isdigit()
    ]
    assert pieces == [digest[:32], digest[32:]]
