"""``origins.span_end`` looks a value's last line up in ``line_tokens.closing_lines`` (each
line's next line where the brackets opened after it are closed, found once per file) instead
of counting the brackets of every line of the value at each question: terraform-aws-vpc asks
it 1,555 times per audit, over values of up to hundreds of lines. The answers are those of
the count, for every start and end line (strings, comments and heredocs blanked first)."""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.load.terraform import line_tokens, origins
from gdcc_audit.load.terraform.line_tokens import closing_lines, code_lines
from gdcc_audit.load.terraform.origins import span_end

TEXT = '''\
settings = {
  name    = "[a"
  rules = [
    { from = 1, to = [2, 3] },
    {
      cidr = "10.0.0.0/8" # }
    },
  ]
}
policy = <<EOF
{"Statement": [
EOF
single = { a = 1 }
call = merge(
  { x = 1 }, /* ( */
  local.y)
extra = ]
open = {
  never = "closed"
'''
LINES = TEXT.splitlines()


def _counted(lines: list[str], start: int, end: int) -> int:
    """span_end as it was: the brackets of each line counted from ``start``."""
    depth = 0
    code = code_lines(lines)
    for number in range(start, min(end, len(lines)) + 1):
        text = code[number - 1]
        depth += sum(text.count(c) for c in "{[(") - sum(text.count(c) for c in "}])")
        if depth <= 0:
            return number
    return end


def test_closing_lines() -> None:
    code = code_lines(LINES)
    found = closing_lines(code)
    never = len(LINES) + 1
    # before the file: settings closes on line 9; after line 2 (inside it): rules closes on
    # 8; a line opening nothing closes "itself" (line 2, the "[a" string blanked)
    assert found[:10] == [9, 2, 8, 4, 7, 6, 7, 8, 9, 10]
    # the heredoc's "[" is no bracket: after line 10 the next line is already "closed"
    assert found[10:12] == [11, 12]
    # merge( on line 14 closes on 16 (the comment's "(" is none)
    assert found[12:17] == [13, 16, 15, 16, 17]
    # after line 17 (which closes more than it opens) the object of line 18 never closes
    assert found[17:] == [never, 19, never]
    assert closing_lines(code) is found  # kept for the same list


def test_span_end_is_what_counting_gives_for_every_start_and_end() -> None:
    for start in range(0, len(LINES) + 2):
        for end in range(start, len(LINES) + 3):
            assert span_end(LINES, start, end) == _counted(LINES, start, end), (start, end)


def test_span_end_does_not_read_the_lines_of_the_value(monkeypatch: pytest.MonkeyPatch) -> None:
    blanked = _Unread(code_lines(LINES))
    asked: list[Any] = []

    def found(lines: list[str]) -> list[str]:
        asked.append(lines)
        return blanked

    monkeypatch.setattr(origins, "code_lines", found)
    assert span_end(LINES, 1, len(LINES)) == 9  # before: read lines 1..9 one by one
    assert span_end(LINES, 14, len(LINES)) == 16
    assert span_end(LINES, 18, len(LINES)) == len(LINES)
    assert len(asked) == 3


class _Unread(list[str]):
    """Blanked lines that may be walked (to find their closing lines once) but not read
    one by one."""

    def __getitem__(self, index: Any) -> Any:
        raise AssertionError("a line was read")


def test_kept_lookups_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(line_tokens, "_CLOSING", {})
    for n in range(line_tokens._KEPT + 5):
        closing_lines([f"x{n} = {{", "}"])
    assert len(line_tokens._CLOSING) <= line_tokens._KEPT
