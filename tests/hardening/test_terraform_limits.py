"""Terraform limits and structural surprises: each reported with its line, never silent."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gdcc_audit import audit
from gdcc_audit.load.terraform import parse
from gdcc_audit.load.terraform.parse import _parser, chunks, parse_hcl
from gdcc_audit.models.result import AuditResult, InputFile, InputStatus
from gdcc_audit.settings import Settings

ONE_RULE = "GDCC-DATA-001"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "terraform"


def _only(result: AuditResult) -> InputFile:
    (item,) = result.inputs
    return item


def _scan(tmp_path: Path, text: str, settings: Settings) -> AuditResult:
    (tmp_path / "main.tf").write_text(text)
    # One rule: these tests are about loading, and 5,000 instances x every rule is slow.
    return audit([tmp_path], settings.model_copy(update={"rule_ids": (ONE_RULE,)}))


def test_count_over_the_instance_cap_is_reported(tmp_path: Path, settings: Settings) -> None:
    result = _scan(
        tmp_path, 'resource "aws_s3_bucket" "a" {\n  count  = 100000000\n  bucket = "x"\n}\n',
        settings,
    )
    item = _only(result)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.line == 2
    assert item.error == (
        "aws_s3_bucket.a: count capped at 5,000 of 100,000,000: the other instances are not "
        "assessed"
    )
    assert item.resources == 5000


def test_for_each_over_the_instance_cap_is_reported(tmp_path: Path, settings: Settings) -> None:
    result = _scan(
        tmp_path,
        'locals {\n  names = flatten([for a in range(100) : [for b in range(60) : "${a}-${b}"]])'
        '\n}\nresource "aws_s3_bucket" "b" {\n  for_each = toset(local.names)\n'
        '  bucket = each.key\n}\n',
        settings,
    )
    item = _only(result)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.error) == (
        5,
        "aws_s3_bucket.b: for_each capped at 5,000 of 6,000: the other instances are not "
        "assessed",
    )


def test_negative_count_is_refused_with_its_line(tmp_path: Path, settings: Settings) -> None:
    result = _scan(
        tmp_path,
        'resource "aws_s3_bucket" "a" {\n  count = -3\n}\nresource "aws_s3_bucket" "b" {\n}\n',
        settings,
    )
    item = _only(result)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.error) == (
        2,
        "aws_s3_bucket.a: count = -3 is not a whole number >= 0 (Terraform refuses it); no "
        "instance assessed",
    )
    assert [r.id.rsplit("/", 1)[-1] for r in result.resources] == ["aws_s3_bucket.b"]


def test_duplicate_resource_address_is_reported_and_the_first_kept(
    tmp_path: Path, settings: Settings
) -> None:
    (tmp_path / "other.tf").write_text('resource "aws_s3_bucket" "a" {\n  bucket = "two"\n}\n')
    result = _scan(tmp_path, 'resource "aws_s3_bucket" "a" {\n  bucket = "one"\n}\n', settings)
    other = next(f for f in result.inputs if f.path.endswith("other.tf"))
    assert other.status == InputStatus.PARTIALLY_ASSESSED
    assert (other.line, other.error) == (
        1,
        "duplicate aws_s3_bucket.a: already declared at line 1 in main.tf (Terraform refuses "
        "this configuration); this one is read only for the secrets written in it",
    )
    (bucket,) = result.resources
    assert bucket.file.endswith("main.tf")


def test_a_string_over_the_cap_is_unknown_not_read(tmp_path: Path) -> None:
    settings = Settings(max_string_bytes=1000)
    big = "x" * 5000
    result = _scan(
        tmp_path,
        f'resource "aws_s3_bucket" "a" {{\n  bucket = "{big}"\n  policy = <<EOF\n'
        + f"{big}\n" * 3 + "EOF\n}\n",
        settings,
    )
    item = _only(result)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert (item.line, item.error) == (
        2,
        "partially parsed: string of 5,002 bytes over the cap of 1,000: its value is not read "
        "(unknown)",
    )
    assert item.additional_errors == (
        "line 3: partially parsed: string of 15,003 bytes over the cap of 1,000: its value is "
        "not read (unknown)",
    )
    (bucket,) = result.resources
    assert (bucket.line, bucket.name) == (1, "a")


def test_node_cap_stops_reading_with_the_line(tmp_path: Path) -> None:
    block = 'resource "aws_s3_bucket" "b{}" {{\n  bucket = "x"\n}}\n'
    text = "".join(block.format(i) for i in range(50))
    result = _scan(tmp_path, text, Settings(max_hcl_nodes=200))
    item = _only(result)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    kept = len(result.resources)
    assert 0 < kept < 50
    assert item.line == kept * 3 + 1
    assert item.error == (
        "partially parsed: more than 200 syntax nodes (the cap per file): the file from this "
        "line on is not assessed"
    )


def test_a_big_file_is_parsed_in_pieces_with_true_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "CHUNK_BYTES", 4096)  # 512 KiB in real use
    block = 'resource "aws_s3_bucket" "b{}" {{\n  bucket = "x"\n}}\n\n'
    source = "".join(block.format(i) for i in range(4_000)).encode()
    pieces = list(chunks(source, 4096))
    assert len(pieces) > 40
    assert all(p.startswith(b"resource") for _, p in pieces)
    assert b"".join(p for _, p in pieces) == source
    parsed = parse_hcl("big.tf", source)
    assert parsed.issues == []
    assert len(parsed.body.blocks) == 4_000
    assert [(b.labels[1], b.start_line, b.end_line) for b in parsed.body.blocks[-2:]] == [
        ("b3998", 15_993, 15_995),
        ("b3999", 15_997, 15_999),
    ]


@pytest.mark.parametrize("fixture", ["basic/main.tf", "nested/main.tf"])
def test_every_truncation_keeps_the_blocks_before_the_cut(fixture: str) -> None:
    """Cut a valid file at every byte: a broken cut is always reported, and every complete
    top-level block before the cut is kept (the root error case used to lose them all)."""
    source = (FIXTURES / fixture).read_bytes()
    whole = parse_hcl("x.tf", source).body.blocks
    ends = [(b.end_line, b.labels) for b in whole]
    root_errors = 0
    for cut in range(len(source)):
        piece = source[:cut]
        parsed = parse_hcl("x.tf", piece)
        tree = _parser().parse(piece)
        if tree.root_node.has_error:
            assert parsed.issues, f"cut at {cut}: broken but no issue"
        root_errors += tree.root_node.type == "ERROR"
        complete_lines = piece.count(b"\n")
        expected = [labels for end, labels in ends if end <= complete_lines - 1]
        got = [b.labels for b in parsed.body.blocks]
        assert got[: len(expected)] == expected, f"cut at {cut}"
    assert root_errors > 0  # the case that used to lose everything is exercised


def test_node_cap_follows_the_size_cap() -> None:
    # 0.6 syntax nodes per byte of the size cap: ordinary HCL has at most ~0.5 per byte.
    assert Settings().max_hcl_nodes == int(Settings().max_file_bytes * 0.6) == 12_582_912
    assert Settings(max_file_bytes=1_000).max_hcl_nodes == 600
    assert Settings(max_file_bytes=1_000, max_hcl_nodes=7).max_hcl_nodes == 7
    assert Settings(max_file_bytes=1_000).model_copy(update={"lang": "th"}).max_hcl_nodes == 600


def test_ordinary_hcl_under_the_size_cap_never_reaches_the_node_cap() -> None:
    # The densest ordinary file of the corpus has ~0.51 nodes per byte; this one (blocks with
    # lists, maps and references) stays well under the 0.6 per byte of the cap.
    block = FIXTURES.joinpath("basic", "main.tf").read_bytes()
    nodes = _parser().parse(block).root_node.descendant_count
    assert nodes / len(block) < 0.6


def test_a_block_too_large_to_parse_at_once_is_skipped_with_its_line(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parse, "CHUNK_BYTES", 256)
    monkeypatch.setattr(parse, "MAX_BLOCK_BYTES", 2_000)
    small = 'resource "aws_s3_bucket" "a{}" {{\n  bucket = "x"\n}}\n'
    huge = "locals {\n  x = [" + ",".join(["1"] * 1_500) + "]\n}\n"
    text = small.format(1) + huge + small.format(2)
    result = _scan(tmp_path, text, settings.model_copy(update={"cache": False}))
    item = _only(result)
    assert item.status == InputStatus.PARTIALLY_ASSESSED
    assert item.line == 4
    assert item.error == (
        f"partially parsed: top-level block of {len(huge):,} bytes, over the cap of 2,000 for "
        "one block: not read (the rest of the file is)"
    )
    assert sorted(r.address for r in result.resources) == ["aws_s3_bucket.a1", "aws_s3_bucket.a2"]


@pytest.mark.parametrize(
    "hidden",
    [
        '/*\nresource "aws_s3_bucket" "old{i}" {{\n  bucket = "old"\n}}\n*/\n',
        'resource "aws_instance" "web{i}" {{\n  user_data = <<-EOF\n#!/usr/bin/env python3\n'
        'import os\nprint(os.getcwd())  # "arn:aws:s3:::b/*"\n  EOF\n}}\n',
    ],
    ids=["commented-out block", "heredoc line reading 'import'"],
)
def test_a_big_file_is_never_cut_inside_a_comment_or_heredoc(
    monkeypatch: pytest.MonkeyPatch, hidden: str
) -> None:
    """Pieces are cut before lines that start like a block; one inside a block comment or a
    heredoc is not a block (the cut there broke both pieces: syntax errors, lost blocks)."""
    monkeypatch.setattr(parse, "CHUNK_BYTES", 1024)
    block = 'resource "aws_s3_bucket" "b{i}" {{\n  policy = "arn:aws:s3:::b{i}/*"\n}}\n'
    source = "".join(block.format(i=i) + hidden.format(i=i) for i in range(300)).encode()
    assert len(list(chunks(source, 1024))) > 30
    parsed = parse_hcl("big.tf", source)
    assert parsed.issues == []
    real = 600 if "web" in hidden else 300
    assert len(parsed.body.blocks) == real
    monkeypatch.setattr(parse, "CHUNK_BYTES", 10**9)
    assert parsed == parse_hcl("big.tf", source)  # the same as in one piece


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        (b'a = "x/*" /* real\nresource "a" "b" {}\n*/\n', [(10, 40)]),
        (b'a = "x" # /* no\nb = 1\n', []),
        (b'a = "\\"/*" // /* no\n', []),
        (b'a = <<EOF\nimport os\nEOF\nb = "<<EOF"\n', [(4, 23)]),
        (b'a = "${"}"} /* c */"\n', []),
    ],
)
def test_comments_and_heredocs_found_outside_strings(text: bytes, spans: list[object]) -> None:
    assert parse._hidden_spans(text) == spans


def test_finding_comments_is_linear() -> None:
    # 400,000 "/*" inside strings on one line: each string is read once.
    source = b"locals {\n  x = [" + b'"/*",' * 400_000 + b"]\n}\n"
    started = time.process_time()
    assert parse._hidden_spans(source) == []
    assert time.process_time() - started < 5  # ~0.4 s; quadratic would be hours
