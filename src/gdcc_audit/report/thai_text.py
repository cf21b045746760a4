"""Thai line breaking for the console (loaded only when a line to print holds Thai).

Thai is written without spaces between words; rich wraps only at whitespace and folds a longer
run anywhere, so a narrow column split Thai in the middle of a word ("ครั้งล่ | าสุด").
``ThaiText`` is a ``FoldText`` (a rich ``Text`` folding a long word after a separator) whose
wrap also breaks between Thai words, as ``thai_segment.segment`` cuts them. A line may also
break after "/" before Thai (ผ่าน/ไม่ผ่าน). Text without Thai wraps as ``FoldText`` wraps it.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from gdcc_audit.report.fold_text import FoldText, words
from gdcc_audit.report.thai_segment import THAI_RUN, segment


def pieces(text: str) -> Iterator[tuple[int, str]]:
    """rich's words (non-space runs with the spaces after them), each cut further between
    Thai words: ``(offset, piece)``."""
    for offset, word in words(text):
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


class ThaiText(FoldText):
    """A rich ``Text`` that wraps Thai between words."""

    @staticmethod
    def pieces(text: str) -> Iterator[tuple[int, str]]:
        """rich's words, cut further between Thai words."""
        return pieces(text)
