"""A catalog's version as its file writes it (``2544 (am. 2561)``, ``2025-draft``) was shown as
it is in the Thai report: English abbreviations in the frameworks' headings, the
methodology's list of catalogs and the appendix. The report now writes it in its language;
the JSON result keeps the catalog's text."""

from __future__ import annotations

import pytest
from report_factory import build

from gdcc_audit.report.templating import make_environment, render_html
from gdcc_audit.report.view import version_text


@pytest.mark.parametrize(
    ("lang", "amended", "draft"),
    [
        ("th", "2544 (แก้ไขเพิ่มเติม 2561)", "2025 (ร่าง)"),
        ("en", "2544 (amended 2561)", "2025 (draft)"),
    ],
)
def test_a_catalog_version_is_written_in_the_report_language(
    lang: str, amended: str, draft: str
) -> None:
    t = make_environment(lang).globals["t"]
    assert version_text("2544 (am. 2561)", t) == amended
    assert version_text("2025-draft", t) == draft
    assert version_text("2562", t) == "2562"
    assert version_text("5.1.1", t) == "5.1.1"

    result = build(0)
    first, second = result.frameworks
    result = result.model_copy(
        update={
            "frameworks": (
                first.model_copy(update={"version": "2544 (am. 2561)"}),
                second.model_copy(update={"version": "2025-draft"}),
            )
        }
    )
    html = render_html(result, lang, media="print")
    assert "(am. " not in html
    assert "-draft" not in html
    # the frameworks' headings, the methodology's catalogs and the appendix
    assert html.count(amended) == 3
    assert html.count(draft) == 3
