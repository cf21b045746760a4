"""The HTML / PDF report shows paths relative to the scan root (named once per section that
lists paths), makes long paths in a message breakable, and captions the English evidence in
the Thai report; the JSON result keeps every path as scanned."""

from __future__ import annotations

import json
import re
from pathlib import Path

from gdcc_audit.cli.app import run
from gdcc_audit.report.templating import message_html, unbroken

#: A public bucket: its message names the file and line of the policy that makes it so.
PUBLIC_BUCKET = """
resource "aws_s3_bucket" "b" {
  bucket = "b"
}

resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::b/*"
    }]
  })
}
"""


def _scan(folder: Path, out: Path, lang: str) -> tuple[str, dict[str, object]]:
    run(
        ["scan", str(folder), "--now", "2026-11-23", "--rules", "GDCC-DATA-001", "--lang",
         lang, "--format", "html,json", "--output", str(out)]
    )
    html = unbroken((out / "gdcc-audit.html").read_text("utf-8"))
    html = re.sub(r'<span class="nobr">(.*?)</span>', r"\1", html)  # Thai words kept whole
    return html, json.loads((out / "gdcc-audit.json").read_text("utf-8"))


def test_rows_show_paths_relative_to_the_root_named_once(tmp_path: Path) -> None:
    for name in ("storage", "network"):
        (tmp_path / "iac" / name).mkdir(parents=True)
    (tmp_path / "iac" / "storage" / "bucket.tf").write_text(PUBLIC_BUCKET)
    (tmp_path / "iac" / "network" / "vpc.tf").write_text('resource "aws_vpc" "v" {}\n')
    html, result = _scan(tmp_path / "iac", tmp_path / "out", "en")
    root = str(tmp_path / "iac")
    # the root: in the scope, the findings and the appendix, nowhere else
    assert html.count(root) == 3
    said = f'Paths are relative to the scanned folder <span class="code wrap">{root}</span>'
    assert html.count(said) == 3
    assert '<td class="code wrap small">storage/bucket.tf:2-4</td>' in html
    assert "(value set at storage/bucket.tf:8)" in html
    assert 'value_set_at: {&#34;public_access&#34;: &#34;storage/bucket.tf:8&#34;}' in html
    # the JSON result keeps the paths as scanned
    text = json.dumps(result)
    assert f"{root}/storage/bucket.tf" in text
    assert f"(value set at {root}/storage/bucket.tf:8)" in text


def test_the_thai_report_captions_the_english_evidence(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(PUBLIC_BUCKET)
    html, _ = _scan(tmp_path, tmp_path / "out", "th")
    assert "<th>ผลการตรวจ / หลักฐาน (ภาษาอังกฤษสำหรับเครื่องมือ)</th>" in html
    assert '<div class="evidence code" lang="en">data_classification: null<br>' in html
    english, _ = _scan(tmp_path, tmp_path / "out-en", "en")
    assert "<th>Finding / Evidence</th>" in english


def test_a_long_path_in_a_message_is_breakable() -> None:
    message = "statement 1 allows everyone by aws_s3_bucket_policy.p at modules/storage/main.tf:9"
    assert str(message_html(message)) == (
        "statement 1 allows everyone by "
        '<span class="brk">aws_<wbr>s3_<wbr>bucket_<wbr>policy.p</span> at '
        '<span class="brk">modules/<wbr>storage/<wbr><span class="nobr">main.tf:9</span></span>'
    )
    # short words, Thai, and Markdown code as before
    assert str(message_html("พอร์ต 22 เปิด `a.b` <x>")) == (
        'พอร์ต 22 เปิด <code class="code">a.b</code> &lt;x&gt;'
    )
