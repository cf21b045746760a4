"""The overview figure of the HTML / PDF report ("systems the internet reaches"): each system's
box is as tall as its label. Before, every box was 66 px with its label cut at 60 px
(``overflow: hidden``): a system reached through many resources lost the end of their list,
and a wrapped title left its Thai tone marks touching the line above (line height 1.25). A
tag (``· ข้อมูลส่วนบุคคล``) broke inside its words (``ข้อมูลส่วน`` / ``บุคคล``)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from report_factory import RULES, TENANT, build, finding

from gdcc_audit.models.result import AuditResult, ResourceSummary
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.report.templating import _stylesheets, font_faces, make_environment
from gdcc_audit.report.view import build_view
from gdcc_audit.resources import reports_dir

LONG_NAME = "ระบบแลกเปลี่ยนข้อมูลสุขภาพแห่งชาติสำหรับโรงพยาบาลในสังกัด (Health Information Exchange)"
REACHED = [f"module.data_platform.aws_db_instance.replica_{i:02d}" for i in range(12)]


def _system(sid: str, name: str, **more: Any) -> dict[str, Any]:
    return {"id": sid, "name_th": name, "name_en": name, **more}


def _result(systems: list[dict[str, Any]], reached: dict[str, list[str]]) -> AuditResult:
    """A result whose tenant has ``systems``; ``reached`` names, by system, the resources
    an internet path reaches (one GDCC-NET-001 FAIL each, with its ``path_hops``)."""
    findings, resources = [], []
    for sid, names in reached.items():
        for name in names:
            made = finding(
                RULES[0],
                name,
                system=sid,
                evidence={"path_hops": [{"node": "internet"}, {"node": f"r/{sid}/{name}"}]},
            )
            findings.append(made.model_copy(update={"resource_id": f"r/{sid}/{name}"}))
            resources.append(
                ResourceSummary(
                    id=f"r/{sid}/{name}",
                    kind="database.instance",
                    name=name,
                    provider="aws",
                    provider_type="aws_db_instance",
                    system=sid,
                    file="main.tf",
                    line=1,
                )
            )
    tenant = Tenant.model_validate({**TENANT, "systems": systems})
    return build(0).model_copy(
        update={"tenants": (tenant,), "findings": tuple(findings), "resources": tuple(resources)}
    )


def _overview_html(result: AuditResult, lang: str) -> str:
    environment = make_environment(lang)
    view = build_view(result, environment.globals["t"])
    return environment.get_template("graph_overview.html.j2").render(view=view)


FIGURE = _result(
    [
        _system("hie", LONG_NAME, personal_data=True, data_classification="internal"),
        _system("portal", "เว็บท่าบริการประชาชน"),
    ],
    {"hie": REACHED, "portal": ["portal-lb"]},
)


def test_a_tag_keeps_its_words_together_and_boxes_fit_their_labels() -> None:
    html = _overview_html(FIGURE, "th")
    assert (
        '<span class="go-tags">· <span class="go-tag">ข้อมูลส่วนบุคคล</span></span> '
        '<span class="go-tags">· <span class="go-tag">ใช้ภายใน</span></span>'
    ) in html
    # every resource reached is listed (none cut off)
    assert ", ".join(REACHED) in html
    rects = [
        (int(top), int(height))
        for top, height in re.findall(r'<rect x="240" y="(\d+)" width="\d+" height="(\d+)"', html)
    ]
    # lines counted with the font's widths, erring high (the PDF below has the title on 2
    # and the list on 12): title 3 x 18 px, the paths and 12 resources 13 x 15 px, 6 px
    # above and below; the short one is the smallest box; 10 px between them
    assert rects == [(0, 3 * 18 + 13 * 15 + 12), (261 + 10, 56)]
    assert 'style="height: 327px; width: 600px"' in html


def test_many_systems_go_on_in_figures_that_fit_a_page() -> None:
    systems = [_system(f"s{i:02d}", f"ระบบงานที่ {i}") for i in range(30)]
    result = _result(systems, {"s00": ["lb"], "s29": ["web"]})
    overview = build_view(result, make_environment("th").globals["t"]).graph_overview
    assert overview is not None
    # 30 boxes of 56 px with 10 px between: 13 a figure (13 * 66 - 10 = 848 <= 860)
    assert [len(f.systems) for f in overview.figures] == [13, 13, 4]
    assert [f.height for f in overview.figures] == [848, 848, 254]
    assert [s.top for s in overview.figures[1].systems[:2]] == [0, 66]
    html = _overview_html(result, "th")
    assert html.count('<div class="go-figure"') == 3


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_labels_in_the_pdf_are_whole_and_their_lines_spaced_for_thai_marks(
    tmp_path: Path,
) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        '</head><body class="media-print lang-th">'
        f"{_overview_html(FIGURE, 'th')}</body></html>"
    )
    pdf = tmp_path / "overview.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = [
        (float(y_min), float(y_max), text)
        for y_min, y_max, text in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>',
            bbox,
        )
    ]
    texts = [w[2] for w in words]
    # the last resources of the long list are there
    assert "module.data_platform.aws_db_instance.replica_11" in texts
    # the title's two lines: 18 px (13.5 pt) apart, not 1.25 of the font size (10.6 pt)
    first = next(y_min for y_min, _, text in words if text.startswith("ระบบแลก"))
    second = next(y_min for y_min, _, text in words if text == "(Health")
    assert second - first == pytest.approx(13.5, abs=0.2)
    # the first box's label ends above the second box's title
    portal = next(y_min for y_min, _, text in words if text.startswith("เว็บท่า"))
    first_label = [w for w in words if first <= w[0] < portal]
    assert first_label[-1][2] == "module.data_platform.aws_db_instance.replica_11"
    assert max(y_max for _, y_max, _ in first_label) < portal


def test_a_path_several_rules_report_is_counted_once() -> None:
    """The quick start's Health Link box read "2 paths from the internet: hie-db": GDCC-GRAPH-001
    and GRAPH-005 both report internet → hie-lb → hie-api → hie-db; Mor Prom's "3 paths"
    were 2 (morprom-rds by two rules, pacs-legacy-elb)."""
    hops = [{"node": "internet"}, {"node": "r/hie/hie-lb"}, {"node": "r/hie/hie-db"}]
    base = _result([_system("hie", "ระบบ HIE")], {"hie": ["hie-db", "hie-lb"]})
    db, lb = base.findings
    findings = (
        db.model_copy(update={"evidence": {"path_hops": hops}}),
        # the same route, found by another rule
        finding(RULES[1], "hie-db", system="hie", evidence={"path_hops": hops}).model_copy(
            update={"resource_id": "r/hie/hie-db"}
        ),
        lb,  # a second route: internet -> hie-lb
    )
    result = base.model_copy(update={"findings": findings})
    overview = build_view(result, make_environment("en").globals["t"]).graph_overview
    assert overview is not None
    (hie,) = overview.systems
    assert (hie.paths, hie.resources) == (2, ("hie-db", "hie-lb"))
    html = _overview_html(result, "en")
    assert "<b>2 path(s) from the internet</b>: hie-db, hie-lb" in html
