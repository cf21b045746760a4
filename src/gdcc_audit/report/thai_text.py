"""Thai line breaking for the console (loaded only when a line to print holds Thai).

Thai is written without spaces between words; rich wraps only at whitespace and folds a longer
run anywhere, so a narrow column split Thai in the middle of a word ("ครั้งล่ | าสุด").
``ThaiText`` is a rich ``Text`` whose wrap also breaks between Thai words. The words are found
by maximal matching (fewest letters left unmatched, then fewest words) against
``thai_words.txt``, the words of the project's own Thai text (scripts/build_thai_words.py).
Letters that match no word stay together as one piece. A line never starts with a Thai mark,
a following vowel (ะ า ำ ๅ), ๆ or ฯ, and never ends with a leading vowel (เ แ โ ใ ไ).
A line may also break after "/" before Thai (ผ่าน/ไม่ผ่าน). Text without Thai wraps exactly as
rich wraps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from rich.cells import cell_len, chop_cells
from rich.containers import Lines
from rich.measure import Measurement
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, JustifyMethod, OverflowMethod

#: Thai letters, vowels, tone marks and signs (digits and ๏ ๚ ๛ excluded).
THAI_RUN = re.compile("[\u0e01-\u0e4f]+")
#: rich's words: a run of non-space characters with the spaces around it.
_WORD = re.compile(r"\s*\S+\s*")
#: Never at the start of a line: marks above and below, following vowels, ๆ and ฯ.
_NO_BREAK_BEFORE = frozenset(
    "\u0e2f\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e45\u0e46\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
#: Never at the end of a line: the leading vowels เ แ โ ใ ไ.
_NO_BREAK_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_WORDS_FILE = Path(__file__).with_name("thai_words.txt")


@cache
def _dictionary() -> tuple[frozenset[str], int]:
    """The word list and its longest word's length."""
    lines = _WORDS_FILE.read_text("utf-8").splitlines()
    words = frozenset(line for line in lines if line and not line.startswith("#"))
    return words, max(map(len, words), default=1)


def _breakable(run: str, position: int) -> bool:
    """Whether a line may break before ``run[position]`` (0 < position < len(run))."""
    return run[position] not in _NO_BREAK_BEFORE and run[position - 1] not in _NO_BREAK_AFTER


@lru_cache(maxsize=4096)
def segment(run: str) -> tuple[str, ...]:
    """A run of Thai letters cut into words: the list's words, and what matches no word kept
    whole between them. ``"".join(segment(run)) == run``. Cached: a report repeats its
    phrases (measured, then wrapped, row after row)."""
    words, longest = _dictionary()
    size = len(run)
    # best[i]: (letters unmatched, words) of the best cut of run[:i], and where its last
    # piece starts and whether that piece is a word.
    best: list[tuple[int, int, int, bool] | None] = [None] * (size + 1)
    best[0] = (0, 0, 0, True)
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        unmatched, count = here[0], here[1]
        if start == 0 or _breakable(run, start):
            for end in range(start + 2, min(size, start + longest) + 1):
                if run[start:end] not in words:
                    continue
                if end < size and not _breakable(run, end):
                    continue
                _relax(best, end, (unmatched, count + 1, start, True))
        _relax(best, start + 1, (unmatched + 1, count, start, False))
    pieces: list[tuple[str, bool]] = []
    end = size
    while end > 0:
        step = best[end]
        assert step is not None
        pieces.append((run[step[2] : end], step[3]))
        end = step[2]
    pieces.reverse()
    merged: list[str] = []
    unmatched_before = False
    for piece, is_word in pieces:
        if not is_word and unmatched_before:
            merged[-1] += piece
        else:
            merged.append(piece)
        unmatched_before = not is_word
    return tuple(merged)


def _relax(
    best: list[tuple[int, int, int, bool] | None],
    end: int,
    candidate: tuple[int, int, int, bool],
) -> None:
    current = best[end]
    if current is None or candidate[:2] < current[:2]:
        best[end] = candidate


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
