"""Thai line breaking for the console (loaded only when a line to print holds Thai).

Thai is written without spaces between words; rich wraps only at whitespace and folds a longer
run anywhere, so a narrow column split Thai in the middle of a word ("ครั้งล่ | าสุด").
``ThaiText`` is a rich ``Text`` whose wrap also breaks between Thai words, as
``thai_segment.segment`` cuts them. A line may also break after "/" before Thai
(ผ่าน/ไม่ผ่าน). Text without Thai wraps exactly as rich wraps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

from gdcc_audit.report.thai_segment import THAI_RUN, segment

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod

#: rich's words: a run of non-space characters with the spaces around it.
_WORD = re.compile(r"\s*\S+\s*")


def pieces(text: str) -> Iterator[tuple[int, str]]:
    """rich's words (non-space runs with the spaces after them), each cut further between
    Thai words: ``(offset, piece)``."""
    for match in _WORD.finditer(text):
        word, offset = match.group(), match.start()
        cuts = [0]
        for run in THAI_RUN.finditer(word):
            position = run.start()
            if position and word[position - 1] == "/":  # ผ่าน/ไม่ผ่าน: a break after "/"
                cuts.append(position)
            for part in segment(run.group())[:-1]:
                position += len(part)
                cuts.append(position)
        cuts.append(len(word))
        for start, end in pairwise(cuts):
            yield offset + start, word[start:end]


def divide_line(text: str, width: int, *, fold: bool = True) -> list[int]:
    """Offsets at which to break ``text`` so that each line fits ``width`` cells: rich's
    ``divide_line`` with breaks between Thai words too."""
    breaks: list[int] = []
    used = 0  # cells on the current line
    for start, piece in pieces(text):
        length = cell_len(piece.rstrip())
        if width - used >= length:
            used += cell_len(piece)
        elif length > width:  # longer than a line: folded (by grapheme) or cropped
            chunks = chop_cells(piece, width) if fold else [piece]
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


class ThaiText(Text):
    """A rich ``Text`` that wraps Thai between words."""

    @classmethod
    def of(cls, text: Text) -> ThaiText:
        """``text`` (its string, styles and settings) as a ``ThaiText``."""
        thai = cls(
            text.plain,
            style=text.style,
            justify=text.justify,
            overflow=text.overflow,
            no_wrap=text.no_wrap,
            end=text.end,
            tab_size=text.tab_size,
        )
        thai.spans = list(text.spans)
        return thai

    def copy(self) -> ThaiText:
        """A copy that still wraps Thai between words."""
        return ThaiText.of(self)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """Narrowest: the widest word (a Thai word, not a whole Thai phrase)."""
        text = self.plain
        lines = text.splitlines()
        widest = max((cell_len(line) for line in lines), default=0)
        narrowest = max(
            (cell_len(piece.strip()) for line in lines for _, piece in pieces(line)),
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
        """As ``Text.wrap``, breaking between Thai words too."""
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
                offsets = divide_line(str(line), width, fold=wrap_overflow == "fold")
                new_lines = line.divide(offsets)
                for new_line in new_lines:
                    new_line.rstrip_end(width)
            if wrap_justify:
                new_lines.justify(console, width, justify=wrap_justify, overflow=wrap_overflow)
            for new_line in new_lines:
                new_line.truncate(width, overflow=wrap_overflow)
            lines.extend(new_lines)
        return lines
