"""The plain-HCL reader gives tree-sitter's syntax tree, lines and node counts, or nothing."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from gdcc_audit.load.terraform import fastparse, parse
from gdcc_audit.load.terraform.ast import Attribute, Block, Body
from gdcc_audit.load.terraform.fastparse import read_plain
from gdcc_audit.load.terraform.parse import ParsedHcl, parse_hcl

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
if not CORPUS.is_dir():  # a worktree beside main: /work/wt-x/tests -> /work/shared
    CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

PLAIN = b"""# a comment line
variable "environment" {
  type    = string
  default = "prod"
}

locals {
  common_tags = {
    ManagedBy = "terraform", Env = var.environment
    "gdcc:system" = "sys-1"
  }
  empty = {}
  none  = []
}

resource "aws_instance" "app_1" {
  // line comment in a body
  ami           = "ami-0abc"   # trailing comment
  instance_type = var.environment == "prod" ? "m5.large" : "t3.medium"
  count         = -1
  enabled       = !var.disabled
  subnet_id     = aws_subnet.a[0].id
  ratio         = 1.5
  nothing       = null
  yes           = true
  user_data     = base64encode("#!/bin/bash\\necho \\"x\\" \\u00e9\\n")
  spaces        = "   "
  name          = "${var.environment}-app-${count.index} "
  only          = "${var.environment}"
  cidr          = cidrsubnet(aws_vpc.vpc_1.cidr_block, 1, 0)
  groups        = [aws_security_group.web.id, "sg-1",]
  sum           = var.a + 2
  dollar        = "costs $5 or 5%"

  root_block_device {
    encrypted = false
  }

  empty {}

  only_comments {
    # nothing else
  }

  tags = merge(local.common_tags, {
    Name = "app-1"
  })

  policy = jsonencode({
    Statement = [{
      Effect    = "Deny"
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
top_level_attribute = "x"
"""


def _tree_sitter_items(
    source: bytes, path: str = "main.tf"
) -> list[tuple[Attribute | Block, int]] | None:
    """Each top-level item as the tree-sitter builder makes it, with its node count."""
    root = parse._parser().parse(source).root_node
    if root.has_error:
        return None
    builder = parse._Builder(path, source)
    items: list[tuple[Attribute | Block, int]] = []
    for child in root.children:
        for node in child.children if child.type == "body" else []:
            if node.type == "comment":
                continue
            body = Body()
            builder.item(node, body)
            item = body.blocks[0] if body.blocks else next(iter(body.attributes.values()))
            items.append((item, node.descendant_count))
    return items


def test_plain_text_reads_as_tree_sitter_reads_it() -> None:
    plain = read_plain(PLAIN, "main.tf", 0, 64, 1 << 20)
    assert plain is not None
    assert [type(item).__name__ for item, _ in plain] == ["Block", "Block", "Block", "Attribute"]
    assert plain == _tree_sitter_items(PLAIN)
    instance = plain[2][0]
    assert isinstance(instance, Block)
    assert (instance.start_line, instance.end_line) == (16, 55)
    assert instance.body.attributes["instance_type"].start_line == 19


def test_line_offset_moves_every_line() -> None:
    plain = read_plain(PLAIN, "main.tf", 100, 64, 1 << 20)
    assert plain is not None
    block = plain[2][0]
    assert isinstance(block, Block)
    assert (block.start_line, block.end_line) == (116, 155)
    assert block.body.blocks[0].start_line == 135


@pytest.mark.parametrize(
    "text",
    [
        "a = <<EOT\nx\nEOT\n",
        "a = [for x in y : x]\n",
        "a = x[*].id\n",
        "a = x.*.id\n",
        "a = x.0\n",
        "/* block */\na = 1\n",
        "a = 1 /* c */\n",
        "a = 1 + 2 + 3\n",
        "a = b ? c : d ? e : f\n",
        "a = -b + c\n",
        "a = (b)\n",
        'a = "${~b}"\n',
        'a = "%{ if b }x%{ endif }"\n',
        'a = "$${b}"\n',
        'a = "\\q"\n',
        "a = [\n  1, # one\n]\n",
        'b "x" { a = 1 }\n',
        'b "x" { # c\n}\n',
        'b "x" {\n} # c\n',
        "a = 1\r\n",
        "a = f(x...)\n",
        "a = f(x,)\n",
        "a = provider::p::f(x)\n",
        "a = 1 b = 2\n",
        "a = 1e5\n",
        "a = 1-2\n",
        'a = { "${k}" = 1 }\n',
        "a = { k : 1 }\n",
        'b "${x}" {\n}\n',
        'a = "x\n',
        "b {\n  a = 1\n",
        "a = \u00e9\n",
        'a = "\u00a0"\n',
        "a = true.x\n",
        "a = null.x\n",
        "a = for.x\n",
        "a = in.x\n",
        'a = { for = "x" }\n',
        'a = { true = "x" }\n',
        'a = { k = "x" y }\n',
        "a = x.y.0\n",
    ],
)
def test_anything_else_is_left_to_tree_sitter(text: str) -> None:
    assert read_plain(text.encode(), "main.tf", 0, 64, 1 << 20) is None


#: Lines the reader takes in one match (``_SIMPLE_ATTRIBUTE``, ``_SIMPLE_MEMBER``), next to
#: near misses it reads step by step.
SIMPLE = b"""a = "x"
b = 12
c = 1.25 # one
d = true
e = false   // two
f = null
g = var.name
h = aws_vpc.main-1.cidr_block
i = local.x.y.z
j = ""
k = "   "
l = var.a == "b" ? "c" : "d"
m = "x" + "y"
n = var.list[0]
o = merge(local.tags, { Name = "n", "gdcc:system" = "s",
  Tier = "web"
  "k" = "v" })
p = { a = "1", b = "2" }
q = { a = "1" }
r = { a = "x" == "y" ? "1" : "2" }
s = {
  x = "1"
  "y z" = "2"
}
blk "l" {
  inner = "v"
  ref   = var.x
  deeper {
    n = 0
  }
}
"""


def test_simple_lines_read_as_tree_sitter_reads_them() -> None:
    plain = read_plain(SIMPLE, "main.tf", 0, 64, 1 << 20)
    assert plain is not None
    assert plain == _tree_sitter_items(SIMPLE)
    g = plain[6][0]
    assert isinstance(g, Attribute)
    assert (g.name, g.start_line, g.end_line) == ("g", 7, 7)


def test_simple_lines_keep_the_depth_and_string_limits() -> None:
    nested = b"a {\n  b {\n    c = \"x\"\n  }\n}\n"
    assert read_plain(nested, "main.tf", 0, 6, 1 << 20) is not None
    assert read_plain(nested, "main.tf", 0, 5, 1 << 20) is None
    member = b"a {\n  b {\n    c = { k = \"x\" }\n  }\n}\n"
    assert read_plain(member, "main.tf", 0, 8, 1 << 20) is not None
    assert read_plain(member, "main.tf", 0, 7, 1 << 20) is None
    assert read_plain(b'a = "' + b"x" * 48 + b'"\n', "main.tf", 0, 64, 50) is not None
    assert read_plain(b'a = "' + b"x" * 49 + b'"\n', "main.tf", 0, 64, 50) is None
    member = b'a = { k = "' + b"x" * 49 + b'" }\n'
    assert read_plain(member, "main.tf", 0, 64, 50) is None


def test_mutated_text_is_read_as_tree_sitter_reads_it_or_left_to_it() -> None:
    """Differential fuzzing: cut, deleted and inserted characters; whatever the reader
    accepts must be tree-sitter's tree, lines and node counts."""
    rng = random.Random(15)
    sources = [PLAIN, SIMPLE]
    accepted = 0
    for _ in range(600):
        source = bytearray(rng.choice(sources))
        at = rng.randrange(len(source))
        kind = rng.random()
        if kind < 0.4:
            del source[at]
        elif kind < 0.8:
            source[at:at] = bytes([rng.choice(b'{}[]()"=,.:?#/\n ${}a1-!*<>\\')])
        else:
            del source[at : at + rng.randrange(1, 40)]
        text = bytes(source)
        plain = read_plain(text, "main.tf", 0, 64, 1 << 20)
        if plain is None:
            continue
        accepted += 1
        assert plain == _tree_sitter_items(text), text
    assert accepted > 100


def test_nesting_near_the_limit_is_left_to_tree_sitter() -> None:
    source = b"a = " + b"[" * 40 + b"1" + b"]" * 40 + b"\n"
    assert read_plain(source, "main.tf", 0, 64, 1 << 20) is None
    assert read_plain(b"a = [[1]]\n", "main.tf", 0, 64, 1 << 20) is not None


def test_long_strings_are_left_to_tree_sitter() -> None:
    assert read_plain(b'a = "' + b"x" * 100 + b'"\n', "main.tf", 0, 64, 50) is None


def _without_fast_reader(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fastparse, "read_plain", lambda *args: None)


def _parse_both(
    monkeypatch: pytest.MonkeyPatch, source: bytes, **limits: int
) -> tuple[ParsedHcl, ParsedHcl]:
    fast = parse_hcl("main.tf", source, **limits)
    with monkeypatch.context() as patched:
        _without_fast_reader(patched)
        slow = parse_hcl("main.tf", source, **limits)
    return fast, slow


def test_node_cap_stops_at_the_same_item(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "CHUNK_BYTES", 600)
    source = PLAIN * 6
    plain = read_plain(PLAIN, "main.tf", 0, 64, 1 << 20)
    assert plain is not None
    per_copy = sum(nodes for _, nodes in plain)
    for cap in (per_copy * 2 + 5, per_copy * 4 - 1, per_copy * 6):
        fast, slow = _parse_both(monkeypatch, source, max_nodes=cap)
        assert fast == slow
    fast, _ = _parse_both(monkeypatch, source, max_nodes=per_copy * 2 + 5)
    assert len(fast.issues) == 1
    assert "syntax nodes" in fast.issues[0].message


def test_depth_limit_and_broken_blocks_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "CHUNK_BYTES", 600)
    broken = PLAIN.replace(b"  ratio         = 1.5\n", b"  ratio = = 1.5\n")
    for source, limits in ((PLAIN * 3, {"max_depth": 4}), (PLAIN + broken + PLAIN, {})):
        fast, slow = _parse_both(monkeypatch, source, **limits)
        assert fast == slow
        assert fast.issues


def _corpus_files() -> list[Path]:
    found: list[Path] = []
    for folder, _, names in os.walk(CORPUS):
        found += [Path(folder, n) for n in names if n.endswith((".tf", ".tofu", ".tfvars"))]
    return sorted(found)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")
def test_every_corpus_file_it_reads_reads_as_tree_sitter_reads_it() -> None:
    read = 0
    for path in _corpus_files():
        try:
            source = path.read_text(encoding="utf-8").encode()
        except (UnicodeDecodeError, OSError):
            continue
        plain = read_plain(source, str(path), 0, 64, 1 << 20)
        if plain is None:
            continue
        read += 1
        assert plain == _tree_sitter_items(source, str(path)), path
    assert read > 1_500  # most of the corpus is plain HCL
