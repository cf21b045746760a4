"""The line finder (``origins.key_line`` / ``span_end`` / ``item_line`` / ``element_start``
/ ``element_line``) reads the code of each line (``line_tokens.code_lines``): brackets and
keys inside strings (``"[a"``, ``"${x[0]}}"``, ``"("``), comments and heredocs (a JSON
document) no longer open or close a value nor count as a key. Before, ``name = "[a"`` kept
an object open to the end of the file, and a heredoc's ``"acl":`` made the key ``acl``
ambiguous (no line)."""

from __future__ import annotations

from gdcc_audit.load.terraform.ast import Lit
from gdcc_audit.load.terraform.line_tokens import code_lines
from gdcc_audit.load.terraform.origins import (
    element_line,
    element_start,
    item_line,
    key_line,
    span_end,
)

TEXT = '''\
settings = {
  name    = "[a"
  pattern = "${var.x[0]}}"
  note    = "(" # {
  acl     = "private"
}
other = 1
policy = <<EOF
  "acl": [
EOF
rules = [
  {
    description = "opens {"
    cidr        = "10.0.0.0/8"
  },
  /* { */
  {
    description = "]"
    cidr        = "0.0.0.0/0"
  },
]
cidrs = [
  "0.0.0.0/0",
  # "10.0.0.0/8",
  "10.0.0.0/8",
]
'''
LINES = TEXT.splitlines()


def test_code_lines_blank_strings_comments_and_heredocs() -> None:
    code = code_lines(LINES)
    assert code[1] == '  name    = "  "'
    assert code[2] == '  pattern = "            "'
    assert code[3] == '  note    = " "    '
    assert code[8].strip() == ""  # the heredoc's body
    assert code[9] == "EOF"
    assert code[15].strip() == ""  # /* { */
    assert [len(c) for c in code] == [len(line) for line in LINES]


def test_brackets_in_strings_do_not_open_or_close_a_value() -> None:
    assert span_end(LINES, 1, len(LINES)) == 6
    assert item_line(LINES, 1, 6, ("acl",)) == 5
    assert key_line(LINES, 1, len(LINES), "acl") == 5  # not the heredoc's "acl":
    # the second element of rules opens on line 17 (the comment's { is none)
    assert element_start(LINES, 11, len(LINES), 1) == 17
    assert item_line(LINES, 11, span_end(LINES, 11, len(LINES)), ("1", "cidr")) == 19
    # the commented-out element is no element
    assert element_line(LINES, 22, 26, Lit("10.0.0.0/8")) == 25
