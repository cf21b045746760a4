"""A value missing before a block's '}' (``bucket =`` then ``}``): tree-sitter's recovery reads
the '}' as an object and runs the block to the end of the file, taking every block after it.
The error named only the broken block ("block resource aws_s3_bucket bad (line 1) skipped")
while the two good buckets after it had no finding either: the file looked assessed but for
one block. It now names the lines lost."""

from __future__ import annotations

from pathlib import Path

from gdcc_audit.api import audit
from gdcc_audit.models.result import InputStatus
from gdcc_audit.settings import Settings

TF = """\
resource "aws_s3_bucket" "bad" {
  bucket =
}
resource "aws_s3_bucket" "ok" {
  bucket = "a"
}
resource "aws_s3_bucket" "ok2" {
  bucket = "b"
}
"""


def test_a_block_never_closed_names_the_lines_it_takes(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",), cache=False))
    (item,) = result.inputs
    assert (item.status, item.line, item.error) == (
        InputStatus.PARTIALLY_ASSESSED,
        3,
        "partially parsed: syntax error (missing '{'); block resource aws_s3_bucket bad "
        "(line 1, never closed: lines 1-9 with every block in them) skipped",
    )
    assert result.findings == ()  # nothing in those lines is claimed to pass


def test_a_broken_block_that_is_closed_still_names_only_itself(tmp_path: Path) -> None:
    text = TF.replace('  bucket =\n}', '  bucket = "x" "y"\n}')
    (tmp_path / "main.tf").write_text(text, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-DATA-005",), cache=False))
    (item,) = result.inputs
    assert item.error is not None
    assert item.error.endswith("block resource aws_s3_bucket bad (line 1) skipped")
    assert sorted(f.address for f in result.findings) == [
        "aws_s3_bucket.ok", "aws_s3_bucket.ok2"
    ]


TEMPLATE = """\
resource "google_compute_network" "default" {
  name = "psc-network-%{random_suffix}"
}

resource "google_vertex_ai_endpoint" "endpoint" {
  name         = "endpoint-name"
  display_name = "sample-endpoint"
  location     = "us-central1"
}
"""


def test_a_string_template_never_closed_names_the_lines_it_takes(tmp_path: Path) -> None:
    """``"psc-network-%{random_suffix}"`` (a Magic Modules placeholder, as in
    terraform-google-modules/docs-examples) opens a template directive that is never closed:
    the recovery reads the rest of the file into that value, so the endpoint after it was
    lost too, while the error named only the network block. It now names the lines lost."""
    (tmp_path / "main.tf").write_text(TEMPLATE, encoding="utf-8")
    result = audit([tmp_path], Settings(rule_ids=("GDCC-SECRET-001",), cache=False))
    (item,) = result.inputs
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.error is not None
    assert item.error.endswith(
        "block resource google_compute_network default (line 1, never closed: lines 1-9 with "
        "every block in them) skipped"
    )
    assert result.findings == ()
