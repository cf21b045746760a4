"""The scope table of the methodology (a tenant's systems): its id column was 7em wide and
broke the bundled example's ``disease-analytics`` as ``disease-`` / ``analytics``, in the PDF
and on screen. It is now as wide as the longest id, up to 24 letters; a longer id breaks at a
hyphen or after '.', '/', '_' (``breakable``), never at any letter."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from report_factory import build

from gdcc_audit.report.templating import (
    _stylesheets,
    font_faces,
    id_width,
    make_environment,
    unbroken,
)
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir

IDS = ("his", "disease-analytics", "national-health-data-hub", "mor-prom")
TOO_LONG = "provincial-hospital-information-exchange-2570"


def _scope(lang: str, ids: tuple[str, ...]) -> str:
    environment = make_environment(lang)
    view = build_view(build(0, full=False), environment.globals["t"])
    tenant = view.tenants[0]
    systems = tuple(replace(tenant.systems[0], id=i) for i in ids)
    view = replace(view, tenants=(replace(tenant, systems=systems),))
    return environment.get_template("methodology.html.j2").render(view=view)


def test_the_id_column_is_as_wide_as_the_longest_id() -> None:
    assert id_width(["his", "mor-prom"]) == "7.0em"
    assert id_width(["disease-analytics"]) == "9.8em"
    assert id_width(["national-health-data-hub"]) == "13.5em"  # 24 letters
    assert id_width([TOO_LONG]) == "13.5em"
    assert id_width([]) == "7.0em"
    html = _scope("en", IDS)
    assert '<col class="w-id" style="width: 13.5em">' in html
    cells = re.findall(r'<tr><td class="code wrap">(.*?)</td>', html)
    assert [unbroken(cell) for cell in cells] == list(IDS)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize("lang", ["th", "en"])
def test_ids_of_up_to_24_letters_stay_whole_in_the_pdf(tmp_path: Path, lang: str) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    body = _scope(lang, (*IDS, TOO_LONG))
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        f'</head><body class="media-print lang-{lang}">{body}</body></html>'
    )
    pdf = tmp_path / "scope.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    starts = [line.split()[0] for line in text.splitlines() if line.strip()]
    for system in IDS:
        assert system in starts
    # a longer id breaks at its hyphens only
    parts = [s for s in starts if s.startswith(("provincial", "hospital", "information",
                                                "exchange", "-2570"))]
    assert "".join(parts) == TOO_LONG
    assert all(part.endswith("-") for part in parts[:-1]), parts
