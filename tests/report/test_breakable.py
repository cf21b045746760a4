"""Long Terraform addresses, paths and call chains wrap in the report's narrow table cells
between their parts (after '.', '/', '_', '::'), never cut off; before, WeasyPrint broke an
address in a bold cell at any letter (``module.vpc.module.flow_logs[`` /
``0].module.s3_log_bucket[0].a`` / ``ws_s3_bucket.flow_logs``)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from gdcc_audit.api import audit
from gdcc_audit.report.interface import ReportOptions
from gdcc_audit.report.pdf import PdfReporter
from gdcc_audit.report.templating import _stylesheets, breakable, font_faces, unbroken
from gdcc_audit.resources import reports_dir
from gdcc_audit.settings import Settings

ADDRESS = (
    "module.outer_wrapper_module.module.inner_bucket_module.aws_s3_bucket."
    "a_rather_long_bucket_resource_name"
)


def test_breakable_allows_breaks_after_separators_only() -> None:
    assert str(breakable("module.a[\"k.v\"].aws_s3_bucket.b")) == (
        '<span class="brk">module.<wbr>a[&#34;k.<wbr>v&#34;].<wbr>aws_<wbr>s3_<wbr>bucket.'
        "b</span>"
    )
    assert str(breakable("AWS::EC2::VPNConnection")) == (
        '<span class="brk">AWS::<wbr>EC2::<wbr>VPNConnection</span>'
    )
    # none before a file's extension or a short last part
    assert str(breakable("modules/s3/main.tf:2-5 → x.yaml")) == (
        '<span class="brk">modules/<wbr>s3/<wbr><span class="nobr">main.tf:2-5</span> → '
        "x.yaml</span>"
    )
    # a path's file name with its line is kept whole, in a no-wrap span (terragoat:
    # 'azure/app_' / 'service.tf:22-41'; 'aws/db-app.tf:' / '243-413', a break after the
    # ':' that WeasyPrint takes as the last one that fits)
    assert str(breakable("terraform/azure/app_service.tf:22")) == (
        '<span class="brk">terraform/<wbr>azure/<wbr><span class="nobr">app_service.tf:22'
        "</span></span>"
    )
    assert str(breakable("aws/db-app.tf:243-413")) == (
        '<span class="brk">aws/<wbr><span class="nobr">db-app.tf:243-413</span></span>'
    )
    # an address held in it stays in the one span
    assert str(breakable("sg/web:0.0.0.0/0")) == (
        '<span class="brk">sg/<wbr><span class="nobr">web:0.0.0.0/0</span></span>'
    )
    assert unbroken(str(breakable("sg/web:0.0.0.0/0"))) == "sg/web:0.0.0.0/0"
    # unless it is longer than the narrowest column holds: then its own breaks stay
    assert str(breakable("azure/application_gateway.tf:1")) == (
        '<span class="brk">azure/<wbr>application_<wbr><span class="nobr">gateway.tf:1</span>'
        "</span>"
    )
    # ... the longest end of it that fits (heat-templates 'oso_node.yaml:' / '172-240')
    assert str(breakable("hot/oso_node.yaml:172-240")) == (
        '<span class="brk">hot/<wbr>oso_<wbr><span class="nobr">node.yaml:172-240</span></span>'
    )
    # a name with no '_' or '.' to break at, longer than the narrowest column: it broke at
    # any letter (heat-templates '…ActiveDirectoryDomai' / 'nController.yaml:'); now at
    # its camel-case boundaries (<wbr>: copied text is the exact name)
    camel = "hot/ActiveDirectoryDomainController.yaml:108-117"
    assert str(breakable(camel)) == (
        '<span class="brk">hot/<wbr>Active<wbr>Directory<wbr>Domain<wbr>'
        '<span class="seg seg-long">Controller.yaml:108-117</span></span>'
    )
    assert unbroken(str(breakable(camel))) == camel
    # ... and the longest end that fits, from one of them, held whole
    assert str(breakable("hot/F18/NovaInstanceWithCinderVolume_Native.yaml:1")) == (
        '<span class="brk">hot/<wbr>F18/<wbr>Nova<wbr>Instance<wbr>With<wbr>Cinder<wbr>'
        '<span class="nobr">Volume_Native.yaml:1</span></span>'
    )
    # a run that fits keeps its letters together: no break inside VPNConnection
    assert str(breakable("AWS::EC2::VPNConnection")) == (
        '<span class="brk">AWS::<wbr>EC2::<wbr>VPNConnection</span>'
    )
    assert str(breakable("AWS::EC2::VPNConnectionRouteTablePropagation")) == (
        '<span class="brk">AWS::<wbr>EC2::<wbr>VPN<wbr>Connection<wbr>Route<wbr>Table<wbr>'
        "Propagation</span>"
    )
    # a part with a hyphen is kept on one line (a long one only outside a table cell)
    assert str(breakable("x/eks-auto-mode/main.tf")) == (
        '<span class="brk">x/<wbr><span class="seg">eks-auto-mode/</span><wbr>'
        '<span class="nobr">main.tf</span></span>'
    )
    assert str(breakable("policy.monitoring-framework-policy")) == (
        '<span class="brk">policy.<wbr><span class="seg seg-long">monitoring-framework-policy'
        "</span></span>"
    )
    assert unbroken(str(breakable("a/eks-auto-mode/b.monitoring-framework-policy"))) == (
        "a/eks-auto-mode/b.monitoring-framework-policy"
    )
    # escaped first; no break at the end or between two separators
    assert str(breakable("<b>/x//y.")) == (
        '<span class="brk">&lt;b&gt;/<wbr>x//<wbr><span class="nobr">y.</span></span>'
    )


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_long_address_and_call_chain_wrap_between_their_parts_in_the_pdf(
    tmp_path: Path,
) -> None:
    pytest.importorskip("weasyprint")
    base = tmp_path / "repo"
    files = {
        "examples/complete_example_with_a_long_name/main.tf":
            'module "outer_wrapper_module" {\n  source = "../../modules/outer_wrapper"\n}\n',
        "modules/outer_wrapper/main.tf":
            'module "inner_bucket_module" {\n  source = "../inner_bucket"\n}\n',
        "modules/inner_bucket/main.tf":
            'resource "aws_s3_bucket" "a_rather_long_bucket_resource_name" {\n'
            '  bucket = "b"\n  acl    = "public-read"\n}\n',
    }
    for name, text in files.items():
        (base / name).parent.mkdir(parents=True, exist_ok=True)
        (base / name).write_text(text, encoding="utf-8")
    cwd = Path.cwd()
    os.chdir(base)
    try:
        result = audit([Path(".")], Settings(rule_ids=("GDCC-DATA-001",)))
    finally:
        os.chdir(cwd)
    assert [f.address for f in result.findings] == [ADDRESS]
    path = tmp_path / "report.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(result, stream, ReportOptions(lang="en"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    # the findings table's cells: the address and the chain in parts, each ending at a
    # separator (pdftotext reads a row across its cells: other cells' lines come in between)
    lines = text.splitlines()
    lines = lines[lines.index("Source file and line"):]  # the findings table (not top risks)
    assert _parts(lines, ADDRESS) == [
        "module.outer_wrapper_module.",
        "module.inner_bucket_module.",
        "aws_s3_bucket.a_rather_long_",
        "bucket_resource_name",
    ]
    assert _parts(lines, "module called at") == ["module called at"]
    chain = _parts(
        lines[lines.index("module called at"):],
        "examples/complete_example_with_a_long_name/main.tf:1 → modules/outer_wrapper/main.tf:1",
    )
    assert " ".join(chain).replace(" ", "") == (
        "examples/complete_example_with_a_long_name/main.tf:1→modules/outer_wrapper/main.tf:1"
    )
    assert len(chain) > 2
    assert all(part.endswith(("_", "/", "→")) for part in chain[:-1]), chain


def _parts(lines: list[str], whole: str) -> list[str]:
    """The lines that, in order, make up ``whole`` (spaces between them left out)."""
    parts: list[str] = []
    rest = whole
    for line in lines:
        if line and rest.startswith(line):
            parts.append(line)
            rest = rest[len(line):].lstrip()
            if not rest:
                break
    return parts


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_long_path_in_a_list_breaks_after_separators_only(tmp_path: Path) -> None:
    """A list item of the methodology (a paragraph, not a table cell) with a path: it broke
    after a hyphen (``.../examples/eks-`` / ``auto-mode/main.tf:83``, terraform-aws-eks's
    modules not read); now only after '/', '.', '_'. The paths start at 40 places, so the
    line's end falls in every part of them."""
    weasyprint = pytest.importorskip("weasyprint")
    base = reports_dir()
    tail = "/terraform-aws-eks/examples/eks-auto-mode-hybrid/self-managed-node-group/main.tf:83"
    items = "".join(
        '<li><span class="code wrap">{}</span> <span class="code wrap">{}</span>: '
        "remote source: not downloaded</li>".format(
            breakable("module.vpc (terraform-aws-modules/vpc/aws)"),
            breakable("/work" + "/x" * k + tail),
        )
        for k in range(40)
    )
    html = (
        f"<html><head><style>{font_faces(base, embed=False)}{_stylesheets(base)}</style>"
        '</head><body class="media-print lang-en"><section class="methodology">'
        f'<ul class="limits">{items}</ul></section></body></html>'
    )
    pdf = tmp_path / "list.pdf"
    pdf.write_bytes(
        weasyprint.HTML(string=html, base_url=str(base), media_type="print").write_pdf()
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) > 40  # the items do wrap
    ends = [line for line in lines if line.endswith("-")]
    assert ends == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_a_location_one_letter_wider_than_its_column_breaks_before_the_file_name(
    tmp_path: Path,
) -> None:
    """A location of 21 letters in the findings table, one more than the column holds: it
    broke after its ':' (terragoat ``aws/db-app.tf:`` / ``243-413``, ``gcp/big_data.tf:`` /
    ``21-37``), the last break that fitted; now before the file name."""
    pytest.importorskip("weasyprint")
    from report_factory import RULES, build, finding

    failing = [
        finding(RULES[0], "db_app", file="aws/db-app.tf", line=243),
        finding(RULES[1], "big_data", file="gcp/big_data.tf", line=21),
        finding(RULES[2], "bad_sg", file="azure/networking.tf", line=1),
        finding(RULES[3], "oso_node", file="hot/oso_node.yaml", line=172),
        finding(RULES[0], "ad", file="win/ActiveDirectoryDomainController.yaml", line=108),
    ]
    result = build(0, full=False).model_copy(update={"findings": tuple(failing)})
    path = tmp_path / "report.pdf"
    with path.open("wb") as stream:
        PdfReporter().render(result, stream, ReportOptions(lang="en"))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    lines = lines[lines.index("Source file and line"):]
    for location in ("aws/db-app.tf:243-248", "gcp/big_data.tf:21-26", "azure/networking.tf:1-6"):
        folder, name = location.split("/")
        assert _parts(lines, location) == [f"{folder}/", name]
    # a longer file name: before its longest end that fits (was 'oso_node.yaml:' / '172-177')
    assert _parts(lines, "hot/oso_node.yaml:172-177") == ["hot/oso_", "node.yaml:172-177"]
    # with no '_' or '.' to break at: at its camel-case boundaries, where it broke at any
    # letter ('win/ActiveDirectoryD' / 'omainController.yaml' / ':108-113'); a column 9
    # letters wider holds 'DomainController.yaml:108-113' on one line
    parts = _parts(lines, "win/ActiveDirectoryDomainController.yaml:108-113")
    assert parts == ["win/ActiveDirectory", "Domain", "Controller.yaml:", "108-113"]
