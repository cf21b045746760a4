"""The code of each line of an HCL file with what is not code blanked: the text of strings
(interpolations ``${...}`` and directives ``%{...}`` inside them too, nested strings
included), comments (``#``, ``//``, ``/* ... */``) and heredoc bodies become spaces, the
quotes and the heredoc's ``<<EOF`` line stay. What the line finder of ``origins`` counts
(brackets, keys, list elements) is then only what the configuration writes: ``"[a"``,
``"${x[0]}"`` or a JSON document in a heredoc no longer open or close a value, nor hold a key.
"""

from __future__ import annotations

import re

_HEREDOC = re.compile(r"<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*$")
#: What starts something that is not code, in code; what ends or opens something in a
#: string; what matters inside an interpolation.
_CODE = re.compile(r'"|#|//|/\*|<<')
_TEXT = re.compile(r'"|\\|\$\$\{|%%\{|\$\{|%\{')
_INNER = re.compile(r'["{}]')
#: How many files' blanked lines are kept.
_KEPT = 32
_CACHE: dict[tuple[str, ...], list[str]] = {}
#: The same, by the list of lines asked (kept beside its entry, so its id is not reused):
#: one evaluation asks again and again for the lines it read once per file, and keying by
#: their text alone built and hashed a tuple of the whole file at each question
#: (terraform-aws-vpc: +70 % audit CPU).
_BY_LIST: dict[int, tuple[list[str], list[str]]] = {}


def code_lines(lines: list[str]) -> list[str]:
    """``lines`` with strings, comments and heredoc bodies blanked (same lengths); one file's
    lines are blanked once (kept by their text: each root module reads them again), and
    found without reading their text when the same list is asked again (a list of lines is
    read from a file once and never changed)."""
    kept = _BY_LIST.get(id(lines))
    if kept is not None and kept[0] is lines:
        return kept[1]
    key = tuple(lines)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) >= _KEPT:
            _CACHE.clear()
        scanner = _Scanner()
        found = _CACHE[key] = [scanner.line(text) for text in lines]
    if len(_BY_LIST) >= _KEPT:
        _BY_LIST.clear()
    _BY_LIST[id(lines)] = (lines, found)
    return found


#: The closing lines of a file's blanked lines (:func:`closing_lines`), by the list's id (kept
#: beside it, so its id is not reused).
_CLOSING: dict[int, tuple[list[str], list[int]]] = {}
_OPEN, _CLOSE = "{[(", "}])"


def closing_lines(code: list[str]) -> list[int]:
    """For each line number ``n`` (0: before the first line), the first line after it where
    the brackets opened since the end of line ``n`` are all closed again (the bracket depth
    counted from there is back at or below zero); ``len(code) + 1`` when there is none.

    ``code`` is a file's :func:`code_lines` (brackets in strings and comments do not count).
    The depth after each line is a running sum; the answer for each line is its next line
    whose sum is not higher, found for all lines in one pass from the end (a stack of the
    lines after it whose sums only fall): a value's last line is then a lookup, not a walk
    over its lines (``origins.span_end``, asked thousands of times per evaluation)."""
    kept = _CLOSING.get(id(code))
    if kept is not None and kept[0] is code:
        return kept[1]
    sums = [0]
    for text in code:
        sums.append(
            sums[-1] + sum(text.count(c) for c in _OPEN) - sum(text.count(c) for c in _CLOSE)
        )
    never = len(code) + 1
    found = [never] * len(sums)
    stack: list[int] = []
    for number in range(len(sums) - 1, -1, -1):
        while stack and sums[stack[-1]] > sums[number]:
            stack.pop()
        if stack:
            found[number] = stack[-1]
        stack.append(number)
    if len(_CLOSING) >= _KEPT:
        _CLOSING.clear()
    _CLOSING[id(code)] = (code, found)
    return found


class _Scanner:
    """Reads lines in order, keeping what is open across them (a block comment, a heredoc)."""

    def __init__(self) -> None:
        # the open contexts, innermost last: "s" a string, "i" an interpolation (with its
        # own brace depth in ``depths``), "c" a block comment
        self.kinds: list[str] = []
        self.depths: list[int] = []
        self.heredoc: str | None = None

    def line(self, text: str) -> str:
        """``text`` blanked."""
        if self.heredoc is not None:
            if text.strip() == self.heredoc:
                self.heredoc = None
                return text
            return " " * len(text)
        # a quoted string cannot run over lines: one left open ends with its line
        while self.kinds and self.kinds[-1] != "c":
            self._pop()
        if not self.kinds and not _CODE.search(text):
            return text  # code alone
        chars = list(text)
        at = 0
        while 0 <= at < len(text):
            top = self.kinds[-1] if self.kinds else None
            if top == "c":
                at = self._comment(text, at, chars)
            elif top == "s":
                at = self._string(text, at, chars)
            elif top == "i":
                at = self._interpolation(text, at, chars)
            else:
                at = self._code(text, at, chars)
        return "".join(chars)

    def _push(self, kind: str) -> None:
        self.kinds.append(kind)
        self.depths.append(0)

    def _pop(self) -> None:
        self.kinds.pop()
        self.depths.pop()

    @staticmethod
    def _blank(chars: list[str], start: int, end: int) -> None:
        chars[start:end] = " " * (end - start)

    def _comment(self, text: str, at: int, chars: list[str]) -> int:
        close = text.find("*/", at)
        end = len(text) if close < 0 else close + 2
        if close >= 0:
            self._pop()
        self._blank(chars, at, end)
        return end

    def _string(self, text: str, at: int, chars: list[str]) -> int:
        found = _TEXT.search(text, at)
        if found is None:
            self._blank(chars, at, len(text))
            return len(text)
        self._blank(chars, at, found.start())
        token = found.group(0)
        if token == '"':
            self._pop()
            if self.kinds:  # a string inside an interpolation: all of it blanked
                chars[found.start()] = " "
            return found.end()
        if token == "\\":
            end = min(found.end() + 1, len(text))  # the escaped character too
        else:
            end = found.end()
            if token in ("${", "%{"):
                self._push("i")
        self._blank(chars, found.start(), end)
        return end

    def _interpolation(self, text: str, at: int, chars: list[str]) -> int:
        """Code inside a string: blanked, its own strings followed."""
        found = _INNER.search(text, at)
        end = len(text) if found is None else found.end()
        self._blank(chars, at, end)
        if found is None:
            return end
        token = found.group(0)
        if token == '"':
            self._push("s")
        elif token == "{":
            self.depths[-1] += 1
        elif self.depths[-1] == 0:
            self._pop()
        else:
            self.depths[-1] -= 1
        return end

    def _code(self, text: str, at: int, chars: list[str]) -> int:
        found = _CODE.search(text, at)
        if found is None:
            return len(text)
        token = found.group(0)
        if token == '"':
            self._push("s")
        elif token in ("#", "//"):
            self._blank(chars, found.start(), len(text))
            return len(text)
        elif token == "/*":
            self._push("c")
            self._blank(chars, found.start(), found.end())
        else:
            match = _HEREDOC.match(text, found.start())
            if match is not None:
                self.heredoc = match.group(1)
                return len(text)
        return found.end()
