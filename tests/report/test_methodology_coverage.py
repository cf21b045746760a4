"""The methodology section of the HTML and PDF reports says what was read but not judged as
the JSON result and the console do: the types no GDCC rule applies to by decision with the
reason (``not_judged_why``: a table of type, count and reason, types sharing a reason
together), the resources configuring something not in the scan
(``companions_without_target``) and the files read with a warning (``inputs[].warnings``).
Before, the three were in the JSON and on the console only."""

from __future__ import annotations

import html as html_lib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markupsafe import escape

from gdcc_audit.api import audit
from gdcc_audit.models.result import AuditResult
from gdcc_audit.normalize.not_judged import DECIDED
from gdcc_audit.report.html import HtmlReporter
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.pdf import PdfReporter
from gdcc_audit.settings import Settings

FIXTURES = Path(__file__).parent.parent / "fixtures" / "not_judged_decided"

CLIENT_VPN = """\
resource "aws_ec2_client_vpn_authorization_rule" "all" {
  client_vpn_endpoint_id = "cvpn-endpoint-1"
  target_network_cidr    = "10.0.0.0/16"
  authorize_all_groups   = true
}
resource "aws_s3_bucket_versioning" "elsewhere" {
  bucket = "existing-site"
  versioning_configuration {
    status = "Enabled"
  }
}
"""

TWICE = """\
{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Logs": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "VersioningConfiguration": {"Status": "Enabled"},
        "VersioningConfiguration": {"Status": "Enabled"}
      }
    }
  }
}
"""


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> AuditResult:
    """The decided types of tests/fixtures/not_judged_decided, a client VPN authorization
    rule (the same reason as the route there), a versioning of a bucket not in the scan and
    a CloudFormation key written twice with the same value (a warning)."""
    folder = tmp_path_factory.mktemp("coverage")
    for item in FIXTURES.iterdir():
        shutil.copy(item, folder / item.name)
    (folder / "vpn.tf").write_text(CLIENT_VPN, encoding="utf-8")
    (folder / "twice.template").write_text(TWICE, encoding="utf-8")
    return audit([folder], Settings(rule_ids=("GDCC-DATA-005",), cache=False))


def _html(result: AuditResult, lang: str) -> str:
    stream = io.StringIO()
    HtmlReporter().render(result, stream, ReportOptions(lang=lang))
    return stream.getvalue()


def _text(markup: str) -> str:
    """The visible text of HTML, white space made single (the screen HTML wraps Thai words
    a browser would cut in spans)."""
    inline = re.sub(r"</?span[^>]*>|<wbr>", "", markup)  # Thai words kept whole, breaks
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def _rows(markup: str) -> list[list[str]]:
    """The rows of the table of decided types, as the text of their cells."""
    table = re.search(r'<table class="decided">(.*?)</table>', markup, re.S)
    assert table is not None
    return [
        [_text(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S)
        if "<td" in row
    ]


def test_the_data_is_there(result: AuditResult) -> None:
    assert sorted(result.not_judged_why) == [
        "AWS::EC2::VPNConnection", "AWS::EMRServerless::Application",
        "aws_ec2_client_vpn_authorization_rule", "aws_ec2_client_vpn_route",
        "aws_emrserverless_application", "aws_vpn_connection",
    ]
    assert list(result.companions_without_target.values()) == [
        ("aws_s3_bucket_versioning.elsewhere",)
    ]
    assert [w[:7] for i in result.inputs for w in i.warnings] == ["line 8:"]


@pytest.mark.parametrize("lang", ["en", "th"])
def test_html_tables_each_decided_type_with_its_count_and_reason(
    result: AuditResult, lang: str
) -> None:
    markup = _html(result, lang)
    why = {name: text.get(lang) for name, text in DECIDED.items()}
    # one row per type; the reason once for the types sharing it (in the order of their
    # first type), in a cell spanning their rows
    assert _rows(markup) == [
        ["AWS::EC2::VPNConnection", "1", _text(why["aws_vpn_connection"])],
        ["aws_vpn_connection", "1"],
        ["AWS::EMRServerless::Application", "1", _text(why["aws_emrserverless_application"])],
        ["aws_emrserverless_application", "1"],
        ["aws_ec2_client_vpn_authorization_rule", "1", _text(why["aws_ec2_client_vpn_route"])],
        ["aws_ec2_client_vpn_route", "1"],
    ]
    assert markup.count('rowspan="2"') == 3  # site-to-site VPN, EMR Serverless, client VPN
    heading = {
        "en": "Of these, no GDCC rule applies to the following types, by decision (nothing "
        "in them is claimed to pass):",
        "th": "ในจำนวนนี้ ชนิดต่อไปนี้ไม่มีกฎของ GDCC ที่ใช้ได้โดยเจตนา (ไม่ถือว่าผ่านการตรวจ):",
    }[lang]
    assert heading in _text(markup)


def test_html_names_companions_without_target_and_input_warnings(result: AuditResult) -> None:
    text = _text(_html(result, "en"))
    vpn = next(p for p in result.companions_without_target)
    assert (
        "Resources that configure another resource which is not in the scan (1) were judged "
        f"by no rule: {Path(vpn).name}: aws_s3_bucket_versioning.elsewhere"
    ) in text
    twice = next(i for i in result.inputs if i.warnings)
    assert (
        "Read the way the file's own tool reads it, with a warning (1): "
        f"{Path(twice.path).name}: {twice.warnings[0]}"
    ) in text
    thai_markup = _html(result, "th")
    thai = _text(thai_markup)
    assert "ทรัพยากรที่ตั้งค่าทรัพยากรอื่นซึ่งไม่อยู่ในการตรวจ (1 รายการ)" in thai
    # the reader's English warning is said to be English and marked so (lang="en")
    assert (
        "อ่านแบบเดียวกับเครื่องมือของไฟล์นั้นแต่มีคำเตือน (1 รายการ "
        "คำเตือนแสดงเป็นภาษาอังกฤษตามที่ตัวอ่านไฟล์รายงาน)"
    ) in thai
    assert f'<span lang="en">{escape(twice.warnings[0])}</span>' in thai_markup


def test_nothing_decided_shows_no_table(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "null_resource" "n" {}\n', encoding="utf-8")
    markup = _html(audit([tmp_path], Settings()), "en")
    assert '<span class="code">null_resource</span> 1' in markup
    assert 'class="decided"' not in markup
    assert "Of these, no GDCC rule applies" not in markup


def _column(pdf: Path, header: str, right: str | None = None) -> str:
    """The text of the PDF's table column under ``header`` (up to the column headed
    ``right``, else to the page's edge), from the header down, white space removed: pdftotext
    reads a table row by row across its columns, and a cell's lines break where they fit."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    page, found = 0, {}
    for line in boxes.splitlines():
        page += line.lstrip().startswith("<page")
        word = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>(.*)</word>', line)
        if word and word.group(3) in (header, right) and word.group(3) not in found:
            found[word.group(3)] = (page, float(word.group(1)), float(word.group(2)))
    where, x, y = found[header]
    width = (found[right][1] if right else 595) - x
    crop = ["-x", str(int(x) - 1), "-y", str(int(y)), "-W", str(int(width)), "-H", "900"]
    text = subprocess.run(
        ["pdftotext", "-f", str(where), "-l", str(where), *crop, str(pdf), "-"],
        capture_output=True, text=True, check=True,
    ).stdout
    return "".join(text.split())


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdf_shows_the_decided_types_companions_and_warnings(
    result: AuditResult, tmp_path: Path
) -> None:
    pytest.importorskip("weasyprint")
    path = tmp_path / "report.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(result, stream, ReportOptions(lang="th"))
    types = _column(path, "ชนิดทรัพยากร", "จำนวน")
    # each type whole, one after the other (a long one breaks after '_' or '::' only)
    assert types.startswith(
        "ชนิดทรัพยากรAWS::EC2::VPNConnectionaws_vpn_connectionAWS::EMRServerless::Application"
        "aws_emrserverless_applicationaws_ec2_client_vpn_authorization_rule"
        "aws_ec2_client_vpn_route"
    )
    # each reason whole, once per group, in the report's language
    reasons = _column(path, "เหตุที่ไม่มีกฎประเมิน")
    expected = "".join(
        DECIDED[name].th
        for name in ("aws_vpn_connection", "aws_emrserverless_application",
                     "aws_ec2_client_vpn_route")
    )
    assert reasons.startswith("เหตุที่ไม่มีกฎประเมิน" + "".join(expected.split()))
    text = " ".join(
        subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert "aws_s3_bucket_versioning.elsewhere" in text
    assert (
        "อ่านแบบเดียวกับเครื่องมือของไฟล์นั้นแต่มีคำเตือน (1 รายการ "
        "คำเตือนแสดงเป็นภาษาอังกฤษตามที่ตัวอ่านไฟล์รายงาน)"
    ) in text


def test_files_assessed_in_part_say_so_with_each_error(tmp_path: Path) -> None:
    """A file assessed in part was listed under "Files not assessed" with no status, as if
    none of it had been read; it now has its status, and each error its own line."""
    (tmp_path / "two.yaml").write_text(
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::S3::Bucket\n'
        '---\nAWSTemplateFormatVersion: "2010-09-09"\nResources:\n  B:\n'
        "    Type: AWS::S3::Bucket\n",
        encoding="utf-8",
    )
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",), cache=False))
    item = result.inputs[0]
    assert item.status.value == "partially_assessed"
    extra = "line 9: Resources.B: a further error"
    result = result.model_copy(
        update={"inputs": (item.model_copy(update={"additional_errors": (extra,)}),)}
    )
    markup = _html(result, "en")
    section = re.search(r'<section class="not-assessed".*?</section>', markup, re.S)
    assert section is not None
    assert _text(section.group(0)) == (
        "Files not assessed or assessed in part These files could not be read or understood, "
        "whole or in part: what the error names is missing from every result above (in a file "
        "assessed in part, the rest was assessed). File Status Error "
        f"{Path(item.path).name}:6 partially assessed {item.error} {extra}"
    )
    assert f"<div>{html_lib.escape(item.error or '')}</div><div>{extra}</div>" in markup
    thai_markup = _html(result, "th")
    thai = _text(thai_markup)
    assert "ไฟล์ที่ตรวจไม่ได้หรือตรวจได้บางส่วน" in thai
    assert f"{Path(item.path).name}:6 ตรวจได้บางส่วน" in thai
    # the readers' errors are English: said so, and marked lang="en" in the Thai report
    assert "ข้อความข้อผิดพลาดแสดงเป็นภาษาอังกฤษตามที่ตัวอ่านไฟล์รายงาน" in thai
    assert (
        f'<div><span lang="en">{escape(item.error or "")}</span></div>'
        f'<div><span lang="en">{extra}</span></div>'
    ) in thai_markup
