"""``line_tokens.code_lines`` of the list of lines it was asked before is found without
reading their text: the evaluation asks for the lines of one file again and again (each
line looked for by ``origins.span_end`` / ``key_line`` / ``item_line``), and keying by the
text alone built and hashed a tuple of the whole file at each question (terraform-aws-vpc's
1,680-line variables.tf: its audit CPU went from 285 to 487 ms). Another list with the same
text (another root reading the file) still takes the blanked lines kept by text."""

from __future__ import annotations

from typing import Any

import pytest

from gdcc_audit.load.terraform import line_tokens
from gdcc_audit.load.terraform.line_tokens import code_lines

LINES = ['name = "[a"  # {', "acl  = [", '  "x",', "]"]


class _Counted(dict[Any, Any]):
    """A dict counting the lookups of its keys by text."""

    asked = 0

    def get(self, key: Any, default: Any = None) -> Any:
        type(self).asked += 1
        return super().get(key, default)


def test_the_same_list_is_not_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(line_tokens, "_CACHE", _Counted())
    monkeypatch.setattr(line_tokens, "_BY_LIST", {}, raising=False)
    _Counted.asked = 0
    first = code_lines(LINES)
    assert first == ['name = "  "     ', "acl  = [", '  " ",', "]"]
    for _ in range(3):
        assert code_lines(LINES) is first
    assert _Counted.asked == 1  # before: 4 (a tuple of every line built and hashed each time)
    # another list of the same lines: found by its text, not blanked again
    assert code_lines(list(LINES)) is first
    assert _Counted.asked == 2
