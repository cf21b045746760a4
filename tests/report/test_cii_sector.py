"""The cover names a CII sector of the manifest in the report's language: the Thai cover read
``ใช่ (public_health)``, the manifest's id as written."""

from __future__ import annotations

import re

import pytest

from gdcc_audit.models.result import AuditResult
from gdcc_audit.models.tenant import Tenant
from gdcc_audit.report.templating import render_html


def _cii_row(result: AuditResult, lang: str) -> str:
    """The text of the cover's CII row."""
    html = render_html(result, lang, media="print")
    cover = html[html.index('<section class="cover"') :]
    row = re.search(
        r"<th>(?:โครงสร้างพื้นฐานสำคัญทางสารสนเทศ|Critical information infrastructure)</th>"
        r"<td>([^<]*)</td>",
        cover,
    )
    assert row is not None
    return row[1]


@pytest.mark.parametrize(
    ("sector", "lang", "shown"),
    [
        ("public_health", "th", "ใช่ (ด้านสาธารณสุข)"),
        ("public_health", "en", "yes (public health)"),
        ("energy", "th", "ใช่ (ด้านพลังงานและสาธารณูปโภค)"),
        ("water_supply", "th", "ใช่ (water_supply)"),
    ],
)
def test_the_cover_names_the_sector(
    sample: AuditResult, sector: str, lang: str, shown: str
) -> None:
    tenant = sample.tenants[0]
    cii = tenant.cii.model_copy(update={"sector": sector})
    result = sample.model_copy(
        update={"tenants": [Tenant.model_validate(tenant.model_copy(update={"cii": cii}))]}
    )
    assert _cii_row(result, lang) == shown
