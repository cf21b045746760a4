"""One small PDF: PDF/A-3b, Thai text, the Sarabun font and the JSON attachment."""

from __future__ import annotations

import io
import itertools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.errors import ReportError
from gdcc_audit.report import pdf
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.pdf import ATTACHMENT_NAME, PdfReporter

pypdf = pytest.importorskip("pypdf")


@pytest.fixture(scope="module")
def thai_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("weasyprint")
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(build(3, secret=True), stream, ReportOptions(lang="th"))
    return path


def test_pdf_has_the_json_result_attached(thai_pdf: Path) -> None:
    reader = pypdf.PdfReader(thai_pdf)
    attachments = reader.attachments
    assert list(attachments) == [ATTACHMENT_NAME]
    data = json.loads(attachments[ATTACHMENT_NAME][0])
    assert data["schema_version"] == "1.1"
    assert len(data["findings"]) == 7
    assert "Hunter2-SuperSecret" not in attachments[ATTACHMENT_NAME][0].decode()


def test_pdf_is_pdf_a_3b_with_sarabun_embedded(thai_pdf: Path) -> None:
    reader = pypdf.PdfReader(thai_pdf)
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in raw
    assert 'pdfaid:conformance="B"' in raw
    root = reader.trailer["/Root"]
    assert root["/OutputIntents"][0]["/S"] == "/GTS_PDFA1"
    assert "/AF" in root  # the associated file (PDF/A-3)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    assert {"Sarabun", "Sarabun-Bold"} <= fonts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_text_is_thai_with_page_numbers(thai_pdf: Path) -> None:
    out = subprocess.run(
        ["pdftotext", "-layout", str(thai_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "ไตรมาส 1 ปีงบประมาณ พ.ศ. 2570" in out
    assert "กระทรวงสาธารณสุข" in out
    # SARA AM (ำ) and tone marks come back as written (pdf_text: /ActualText per line)
    assert "บทสรุปสำหรับผู้บริหาร" in out
    pages = len(pypdf.PdfReader(thai_pdf).pages)
    assert f"หน้า 2 / {pages}" in out
    assert "Hunter2-SuperSecret" not in out


def test_missing_pango_becomes_a_report_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def broken(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", broken)
    with pytest.raises(ReportError, match=r"apt-get install libpango-1\.0-0"):
        pdf.render_pdf(build(1), "en")
    with pytest.raises(ReportError):
        PdfReporter().render(build(1), io.BytesIO(), ReportOptions(lang="en"))


def test_importing_the_reporters_does_not_import_weasyprint() -> None:
    code = (
        "import sys, gdcc_audit.report.plugin as p; p.register_reporters();"
        "print('weasyprint' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "False"


def _struct_types(node: object, found: dict[str, list[object]]) -> None:
    node = node.get_object() if hasattr(node, "get_object") else node
    if isinstance(node, dict):
        kind = node.get("/S")
        if kind is not None:
            found.setdefault(str(kind), []).append(node)
        kids = node.get("/K")
        if kids is not None:
            _struct_types(kids, found)
    elif isinstance(node, list):
        for kid in node:
            _struct_types(kid, found)


def test_pdf_is_tagged_for_screen_readers_and_stays_pdf_a_3b(thai_pdf: Path) -> None:
    reader = pypdf.PdfReader(thai_pdf)
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"]) is True
    assert root["/Lang"] == "th"
    found: dict[str, list[object]] = {}
    _struct_types(root["/StructTreeRoot"], found)
    assert {"/Document", "/H1", "/Table", "/TH", "/TD", "/Figure"} <= set(found)
    # every chart is a Figure with its text alternative
    alts = [str(figure["/Alt"]) for figure in found["/Figure"]]  # type: ignore[index]
    assert len(alts) == 4
    assert any(alt.startswith("ผลการตรวจทั้งหมดจำแนกตามผล. ผ่าน ") for alt in alts)
    raw = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in raw
    assert 'pdfaid:conformance="B"' in raw


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_classification_marking_on_every_page(thai_pdf: Path) -> None:
    pages = len(pypdf.PdfReader(thai_pdf).pages)
    for number in range(1, pages + 1):
        text = subprocess.run(
            ["pdftotext", "-f", str(number), "-l", str(number), str(thai_pdf), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        # the factory's highest system classification is ลับ (confidential)
        assert "CONFIDENTIAL" in text, number


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_summary_cards_side_by_side(tmp_path: Path) -> None:
    """The grade and failed-checks cards of the summary sit side by side (each 45 % wide
    plus its padding and border, the second went under the first, half the page empty)."""
    pytest.importorskip("weasyprint")
    path = tmp_path / "report.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(build(3), stream, ReportOptions(lang="en"))
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', boxes)
    grade = next((float(x), float(y)) for x, y, w in words if w == "Overall")
    failing = next(
        (float(x), float(y))
        for (x, y, w), (_, _, after) in itertools.pairwise(words)
        if w == "Failed" and after == "checks"
    )
    assert abs(grade[1] - failing[1]) < 1  # one row
    assert failing[0] > grade[0] + 200  # the second card to the right of the first
