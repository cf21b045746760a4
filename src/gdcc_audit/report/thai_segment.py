"""Thai words: a phrase cut into the words of the project's own Thai text (no dependency).

Thai is written without spaces between words. ``segment`` finds the words by maximal matching
(fewest letters left unmatched, then fewest words, then fewest words that only one of libthai
and ICU gave) against ``thai_words.txt``, the words of the project's own Thai text
(scripts/build_thai_words.py). Letters that match no word stay
together as one piece. A cut never puts a Thai mark, a following vowel (ะ า ำ ๅ), ๆ or ฯ first,
nor a leading vowel (เ แ โ ใ ไ) last. Used by the console (``thai_text``) and by the HTML
report (``keep_words_whole``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

#: Thai letters, vowels, tone marks and signs (digits and ๏ ๚ ๛ excluded).
THAI_RUN = re.compile("[\u0e01-\u0e4f]+")
#: Never at the start of a line: marks above and below, following vowels, ๆ and ฯ.
_NO_BREAK_BEFORE = frozenset(
    "\u0e2f\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a"
    "\u0e45\u0e46\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
#: Never at the end of a line: the leading vowels เ แ โ ใ ไ.
_NO_BREAK_AFTER = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
#: Letters unmatched, words, words only one of libthai and ICU gave: less is better, in order.
_Score = tuple[int, int, int]
_WORDS_FILE = Path(__file__).with_name("thai_words.txt")
_KEEP_FILE = Path(__file__).with_name("thai_keep.txt")


@cache
def _dictionary() -> tuple[frozenset[str], frozenset[str], int]:
    """The word list, its words only one of libthai and ICU gave (marked with a tab and 1),
    and its longest word's length."""
    entries = [
        line.split("\t")
        for line in _WORDS_FILE.read_text("utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    words = frozenset(entry[0] for entry in entries)
    weak = frozenset(entry[0] for entry in entries if entry[1:] == ["1"])
    return words, weak, max(map(len, words), default=1)


def _breakable(run: str, position: int) -> bool:
    """Whether a line may break before ``run[position]`` (0 < position < len(run))."""
    return run[position] not in _NO_BREAK_BEFORE and run[position - 1] not in _NO_BREAK_AFTER


@lru_cache(maxsize=4096)
def segment(run: str) -> tuple[str, ...]:
    """A run of Thai letters cut into words: the list's words, and what matches no word kept
    whole between them. ``"".join(segment(run)) == run``. Cached: a report repeats its
    phrases (measured, then wrapped, row after row)."""
    words, weak, longest = _dictionary()
    size = len(run)
    # best[i]: the score (letters unmatched, words, words only one library gave) of the best
    # cut of run[:i], where its last piece starts and whether that piece is a word.
    best: list[tuple[_Score, int, bool] | None] = [None] * (size + 1)
    best[0] = ((0, 0, 0), 0, True)
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        unmatched, count, doubtful = here[0]
        if start == 0 or _breakable(run, start):
            for end in range(start + 2, min(size, start + longest) + 1):
                word = run[start:end]
                if word not in words:
                    continue
                if end < size and not _breakable(run, end):
                    continue
                score = (unmatched, count + 1, doubtful + (word in weak))
                _relax(best, end, (score, start, True))
        _relax(best, start + 1, ((unmatched + 1, count, doubtful), start, False))
    pieces: list[tuple[str, bool]] = []
    end = size
    while end > 0:
        step = best[end]
        assert step is not None
        pieces.append((run[step[1] : end], step[2]))
        end = step[1]
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
    best: list[tuple[_Score, int, bool] | None],
    end: int,
    candidate: tuple[_Score, int, bool],
) -> None:
    """Keep ``candidate`` as the best cut of ``run[:end]`` if it scores better; of equal
    scores the first found stays (the one whose last piece starts earliest)."""
    current = best[end]
    if current is None or candidate[0] < current[0]:
        best[end] = candidate




@cache
def _keep() -> frozenset[str]:
    lines = _KEEP_FILE.read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


#: An element whose text is not HTML text (kept as it is), a tag, a run of text, or a "<"
#: that opens no tag.
_HTML_PART = re.compile(
    r"(<(script|style|title|textarea|svg)\b.*?</\2\s*>)|(<[^>]*>)|([^<]+)|<", re.S | re.I
)


def keep_words_whole(html: str) -> str:
    """``html`` with each word that Chromium's dictionary (ICU) cuts and libthai keeps whole
    (``thai_keep.txt``: คลาวด์, ไฮบริด, ...) in ``<span class="nobr">``, so that a browser never
    breaks a line inside it ("คลา|วด์"). Tags, attributes and the text of ``script``,
    ``style``, ``title``, ``textarea`` and ``svg`` are left as they are."""
    keep = _keep()

    def text(part: str) -> str:
        def run(match: re.Match[str]) -> str:
            words = segment(match.group())
            if not keep.intersection(words):
                return match.group()
            return "".join(
                f'<span class="nobr">{word}</span>' if word in keep else word for word in words
            )

        return THAI_RUN.sub(run, part)

    return "".join(
        text(match.group(4)) if match.group(4) else match.group()
        for match in _HTML_PART.finditer(html)
    )
