"""An address or range in a finding's message stays on one line in the PDF and on screen:
WeasyPrint broke the Thai GDCC-NET-001 message ``... ทั้งหมด (0.0.0.0/`` / ``0) (สร้างขึ้น
เฉพาะเมื่อกำหนด is_cluster_stack = 'true')`` on every row of a Thai PDF (Magnum
kubecluster.yaml, CloudFormation and Heat conditional groups), and ``::/`` / ``0`` in English
too: a line ending ``0.0.0.0/`` reads as another range."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.report.templating import (
    _stylesheets,
    breakable,
    font_faces,
    message_html,
    unbroken,
)
from gdcc_audit.resources import reports_dir

THAI = (
    "พอร์ต 22 เปิดให้เข้าถึงได้จากอินเทอร์เน็ตทั้งหมด (0.0.0.0/0) (สร้างขึ้นเฉพาะเมื่อกำหนด "
    "is_cluster_stack = 'true') และ ::/0 จาก 10.0.0.0/16 ถึง 2001:db8::/32"
)
ENGLISH = "port 22 is open to the whole internet (0.0.0.0/0) and ::/0 from 10.0.0.0/16"


def test_each_address_of_a_message_is_in_a_no_wrap_span() -> None:
    assert str(message_html(ENGLISH)) == (
        'port 22 is open to the whole internet (<span class="nobr">0.0.0.0/0</span>) and '
        '<span class="nobr">::/0</span> from <span class="nobr">10.0.0.0/16</span>'
    )
    # an address alone, an IPv6 range, in Markdown code; what is no address (a version, a
    # file's line) as before
    assert str(message_html("10.1.2.3, 2001:db8::/32 `0.0.0.0/0` v1.2.3.4.5 main.tf:1")) == (
        '<span class="nobr">10.1.2.3</span>, <span class="nobr">2001:db8::/32</span> '
        '<code class="code"><span class="nobr">0.0.0.0/0</span></code> v1.2.3.4.5 main.tf:1'
    )
    assert str(message_html("<b>1.2.3.4</b>")) == (
        '&lt;b&gt;<span class="nobr">1.2.3.4</span>&lt;/b&gt;'
    )
    assert unbroken(str(message_html(THAI))) == THAI.replace("'", "&#39;")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
@pytest.mark.parametrize(("lang", "message"), [("th", THAI), ("en", ENGLISH)], ids=["th", "en"])
def test_no_pdf_line_ends_inside_an_address(tmp_path: Path, lang: str, message: str) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    rows = "".join(
        f'<p style="width: {width}mm">{message_html(message)}</p>' for width in range(30, 120)
    )
    html = (
        f'<html lang="{lang}"><head><style>{font_faces(base, embed=False)}'
        f"{_stylesheets(base)}</style></head>"
        f'<body class="media-print lang-{lang}">{rows}</body></html>'
    )
    pdf = tmp_path / "addresses.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 200  # the messages wrap, at many widths
    assert [line for line in lines if line.endswith(("/", ":", "."))] == []
    assert sum("(0.0.0.0/0)" in line for line in lines) == 90


def test_an_address_inside_a_long_name_stays_whole() -> None:
    """A 20+ letter word of a message goes through ``breakable``; an address in it
    (``web:0.0.0.0/0``, ``from_2001:db8::/32``) had a break after each '.' and '/'."""
    message = (
        "Ingress from aws_security_group.web:0.0.0.0/0 and "
        "aws_security_group_rule.from_2001:db8::/32, not v1.2.3.4.5 nor main.tf:1"
    )
    html = str(message_html(message))
    assert html == (
        'Ingress from <span class="brk">aws_<wbr>security_<wbr>group.web:'
        '<span class="nobr">0.0.0.0/0</span></span> and '
        '<span class="brk">aws_<wbr>security_<wbr>group_<wbr>rule.<wbr>from_<wbr>'
        '<span class="nobr">2001:db8::/32</span>,</span> not v1.2.3.4.5 nor main.tf:1'
    )
    assert unbroken(html) == message
    # inside a hyphenated part of a path too: the address's span sits in the part's
    name = "module.vpc.aws_subnet.private_10.0.1.0/24-az-a"
    assert str(breakable(name)) == (
        '<span class="brk">module.<wbr>vpc.<wbr>aws_<wbr>subnet.<wbr>private_<wbr>'
        '<span class="seg"><span class="nobr">10.0.1.0/24</span>-az-a</span></span>'
    )
    assert unbroken(str(breakable(name))) == name
