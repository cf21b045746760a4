"""Terraform's regular expressions (``regex``, ``regexall``, ``replace`` with ``/.../``).

Terraform uses Go's RE2 syntax, which matches in time linear in the input. Python's ``re``
backtracks: a pattern such as ``(a+)+$`` from a hostile file could hang a scan for hours.
Patterns therefore run on RE2 itself (the ``google-re2`` package, imported on first use),
which also gives Terraform's semantics (no backreferences or lookaround, ASCII ``\\d``...).
Where it is not installed, these functions give UNKNOWN rather than run a pattern on a
backtracking engine.
"""

from __future__ import annotations

import functools
from typing import Any

from gdcc_audit.load.terraform.budget import BudgetExceeded
from gdcc_audit.load.terraform.values import EvalError, UnknownResult

#: Compiled patterns kept (a module's patterns repeat across its instances).
_CACHE_SIZE = 256


@functools.lru_cache(maxsize=1)
def _engine() -> Any:
    try:
        import re2  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError:  # pragma: no cover - google-re2 is a dependency
        return None
    return re2


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _compiled(pattern: str) -> Any:
    re2 = _engine()
    if re2 is None:  # pragma: no cover
        raise UnknownResult
    options = re2.Options()
    options.log_errors = False  # RE2 would print every bad pattern on stderr
    try:
        return re2.compile(pattern, options=options)
    except re2.error as exc:
        message = exc.args[0] if exc.args else exc
        if isinstance(message, bytes):
            message = message.decode("utf-8", "replace")
        raise EvalError(f"invalid regular expression: {message}") from None


def _shape(match: Any, regexp: Any) -> Any:
    """Terraform's result for one match: the text, a list of groups, or a map of names."""
    if regexp.groupindex:
        if len(regexp.groupindex) != regexp.groups:
            raise EvalError("regex: named and unnamed capture groups cannot be mixed")
        return {name: match.group(name) or "" for name in regexp.groupindex}
    if regexp.groups:
        return [group or "" for group in match.groups()]
    return match.group(0)


def search(pattern: str, text: str) -> Any:
    """``regex(pattern, text)``: the first match, shaped as Terraform shapes it."""
    regexp = _compiled(pattern)
    match = regexp.search(text)
    if match is None:
        raise EvalError("regex did not match")
    return _shape(match, regexp)


def find_all(pattern: str, text: str) -> list[Any]:
    """``regexall(pattern, text)``: every non-overlapping match."""
    regexp = _compiled(pattern)
    return [_shape(match, regexp) for match in regexp.finditer(text)]


def replace(text: str, pattern: str, template: str, limit: int) -> str:
    """``replace(text, "/pattern/", template)``: Go's ``ReplaceAllString`` (``$1``,
    ``${name}``, ``$$``), refusing a result over ``limit`` characters before building it."""
    regexp = _compiled(pattern)
    out: list[str] = []
    length = 0
    position = 0
    for match in regexp.finditer(text):
        piece = text[position : match.start()] + _expand(template, match, regexp)
        length += len(piece)
        if length > limit:
            raise BudgetExceeded(f"replace() would build more than {limit:,} characters")
        out.append(piece)
        position = match.end()
    out.append(text[position:])
    return "".join(out)


def _expand(template: str, match: Any, regexp: Any) -> str:
    """Go's ``Regexp.Expand``: ``$name`` takes the longest run of word characters."""
    out: list[str] = []
    index = 0
    while index < len(template):
        char = template[index]
        if char != "$" or index + 1 == len(template):
            out.append(char)
            index += 1
            continue
        following = template[index + 1]
        if following == "$":
            out.append("$")
            index += 2
            continue
        if following == "{":
            end = template.find("}", index + 2)
            name = template[index + 2 : end] if end > 0 else ""
            if not name or not _word(name):
                out.append(char)
                index += 1
                continue
            index = end + 1
        else:
            end = index + 1
            while end < len(template) and _word(template[end]):
                end += 1
            name = template[index + 1 : end]
            if not name:
                out.append(char)
                index += 1
                continue
            index = end
        out.append(_group(match, regexp, name))
    return "".join(out)


def _word(text: str) -> bool:
    return all(c.isalnum() or c == "_" for c in text)


def _group(match: Any, regexp: Any, name: str) -> str:
    if name.isdigit():
        number = int(name)
        return (match.group(number) or "") if number <= regexp.groups else ""
    return (match.group(name) or "") if name in regexp.groupindex else ""


__all__ = ["find_all", "replace", "search"]
