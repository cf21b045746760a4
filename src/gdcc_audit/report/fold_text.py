"""Console text that folds a word longer than its column after a separator.

rich wraps at whitespace and folds a longer word at any letter, so a message's quoted
attribute broke as ``'environment.VIDEO_GATEWAY_PAS`` / ``SWORD'`` (or left its closing quote
alone on a line). ``FoldText`` is a rich ``Text`` whose wrap folds such a word after a '.',
'/', '_', ':', ',', '=', '\\' or '-' instead (``'environment.VIDEO_GATEWAY_`` /
``PASSWORD'``); a word without one folds as rich folds it. ``thai_text.ThaiText`` also breaks
between Thai words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod

#: rich's words: a run of non-space characters with the spaces around it.
WORD = re.compile(r"\s*\S+\s*")
#: Where a word longer than a line is folded: after these characters.
_FOLD_AFTER = re.compile(r"[./_:,=\\-]+")


def words(text: str) -> Iterator[tuple[int, str]]:
    """rich's words of ``text`` (non-space runs with the spaces around them):
    ``(offset, word)``."""
    for match in WORD.finditer(text):
        yield match.start(), match.group()


def fold(piece: str, width: int) -> list[str]:
    """``piece`` (a word longer than ``width`` cells) in lines of at most ``width`` cells,
    each ending after a separator of ``_FOLD_AFTER`` when one falls in the last three
    quarters of the line; by grapheme (as rich folds) when none does."""
    if width < 1:  # a column squeezed to nothing: one chunk (a loop that never ended)
        return [piece]
    chunks: list[str] = []
    rest = piece
    while cell_len(rest) > width:
        head = chop_cells(rest, width)[0]
        cut = max(
            (found.end() for found in _FOLD_AFTER.finditer(head) if found.end() < len(rest)),
            default=0,
        )
        if cut <= len(head) // 4:
            cut = len(head) or 1  # a wide letter in a one-cell line: alone (was an endless loop)
        chunks.append(rest[:cut])
        rest = rest[cut:]
    return [*chunks, rest] if rest else chunks


class FoldText(Text):
    """A rich ``Text`` that folds a word longer than its line after a separator."""

    @staticmethod
    def pieces(text: str) -> Iterator[tuple[int, str]]:
        """Where a line may break: the pieces of ``text`` (``(offset, piece)``)."""
        return words(text)

    def divide_line(self, text: str, width: int, *, fold_long: bool = True) -> list[int]:
        """Offsets at which to break ``text`` so that each line fits ``width`` cells: rich's
        ``divide_line`` over ``pieces``, folding a longer piece with ``fold``."""
        breaks: list[int] = []
        used = 0  # cells on the current line
        for start, piece in self.pieces(text):
            length = cell_len(piece.rstrip())
            if width - used >= length:
                used += cell_len(piece)
            elif length > width:  # longer than a line: folded or cropped
                chunks = fold(piece, width) if fold_long else [piece]
                position = start
                for chunk in chunks:
                    if position:
                        breaks.append(position)
                    position += len(chunk)
                    used = cell_len(chunk)
            elif used and start:
                breaks.append(start)
                used = cell_len(piece)
        return breaks

    @classmethod
    def of(cls, text: Text) -> FoldText:
        """``text`` (its string, styles and settings) as this class."""
        made = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        made.spans = list(text.spans)
        return made

    def copy(self) -> FoldText:
        """A copy that still wraps this way."""
        return type(self).of(self)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Narrowest: the widest piece."""
        text = self.plain
        lines = text.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        narrowest = max(
            (cell_len(piece.strip()) for line in lines for _, piece in self.pieces(line)),
            default=widest,
        )
        return Measurement(narrowest, widest)

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        """As ``Text.wrap``, breaking between ``pieces`` and folding with ``fold``."""
        wrap_justify = justify or self.justify or "default"
        wrap_overflow = overflow or self.overflow or "fold"
        no_wrap = bool(self.no_wrap if no_wrap is None else no_wrap) or overflow == "ignore"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            if no_wrap:
                if overflow == "ignore":
                    lines.append(line)
                    continue
                new_lines = Lines([line])
            else:
                offsets = self.divide_line(str(line), width, fold_long=wrap_overflow == "fold")
                new_lines = line.divide(offsets)
                for new_line in new_lines:
                    new_line.rstrip_end(width)
                # the spaces where a line was broken are not printed (rich kept them: a piped
                # line ended "Center, " / "50 ")
                for index in range(len(new_lines) - 1):
                    new_lines[index].rstrip()
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for new_line in new_lines:
                new_line.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines
