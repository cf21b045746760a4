"""Generate src/gdcc_audit/report/thai_words.txt: the Thai words of the project's own text.

The console wraps Thai between words (src/gdcc_audit/report/thai_text.py); it finds the words
by maximal matching against this list. The list holds every word of the Thai text the project
ships (rule texts and catalogs under rules/, report templates under reports/, the Thai strings
of src/, the bundled examples), segmented twice: by libthai's ``th_brk`` (what Pango, and so
WeasyPrint's PDF, uses to break Thai lines) and by ICU's word BreakIterator (what Chromium
uses). The console takes the
fewest words a phrase can be cut into from both lists, so it keeps a word whole when either
library does (ICU cuts "เมานต์" into เมา|นต์, libthai keeps it; libthai cuts "ล่าสุด", ICU
keeps it). Both libraries only run here, on a developer's machine; nothing of them is
shipped: the list is made of the project's own words.

Needs libthai with its dictionary (libdatrie) and ICU (Debian: libthai0, libthai-data,
libicu72 or another version). Run again after adding
Thai text with new words:

    python scripts/build_thai_words.py
"""

from __future__ import annotations

import ctypes
import ctypes.util
import re
import sys
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "gdcc_audit" / "report" / "thai_words.txt"
KEEP = OUTPUT.with_name("thai_keep.txt")
SOURCES = ("src", "rules", "reports", "examples")
SUFFIXES = {".py", ".yaml", ".yml", ".j2", ".json", ".html", ".txt", ".csv"}
THAI_RUN = re.compile(r"[\u0e01-\u0e4f]+")
#: Where Debian and others install libthai's dictionary.
DICTIONARIES = (Path("/usr/share/libthai/thbrk.tri"), Path("/usr/local/share/libthai/thbrk.tri"))


class LibThai:
    """libthai's word breaker through ctypes."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("thai") or "libthai.so.0"
        lib = ctypes.CDLL(name)
        lib.th_brk_new.restype = ctypes.c_void_p
        lib.th_brk_new.argtypes = [ctypes.c_char_p]
        lib.th_brk_wc_find_breaks.restype = ctypes.c_int
        lib.th_brk_wc_find_breaks.argtypes = [
            ctypes.c_void_p,
            ctypes.c_wchar_p,
            ctypes.POINTER(ctypes.c_int),
            ctypes.c_size_t,
        ]
        self._lib = lib
        self._brk = lib.th_brk_new(None)

    def words(self, run: str) -> list[str]:
        """The words of a run of Thai letters."""
        positions = (ctypes.c_int * (len(run) + 1))()
        count = self._lib.th_brk_wc_find_breaks(self._brk, run, positions, len(run) + 1)
        cuts = [0, *positions[:count], len(run)]
        return [run[a:b] for a, b in pairwise(cuts) if b > a]


class Icu:
    """ICU's word BreakIterator (locale th) through ctypes."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("icuuc") or "libicuuc.so"
        lib = ctypes.CDLL(name)
        version = re.search(r"\.so\.(\d+)", name)
        suffix = ""
        if not hasattr(lib, "ubrk_open") and version:
            suffix = f"_{version.group(1)}"
        self._open = getattr(lib, f"ubrk_open{suffix}")
        self._open.restype = ctypes.c_void_p
        self._open.argtypes = [
            ctypes.c_int,
            ctypes.c_char_p,
            ctypes.c_void_p,
            ctypes.c_int32,
            ctypes.POINTER(ctypes.c_int),
        ]
        self._next = getattr(lib, f"ubrk_next{suffix}")
        self._next.restype = ctypes.c_int32
        self._next.argtypes = [ctypes.c_void_p]
        self._close = getattr(lib, f"ubrk_close{suffix}")
        self._close.argtypes = [ctypes.c_void_p]

    def words(self, run: str) -> list[str]:
        """The words of a run of Thai letters (all in the BMP: UTF-16 offsets are indices)."""
        data = run.encode("utf-16-le")
        buffer = ctypes.create_string_buffer(data)
        status = ctypes.c_int(0)
        iterator = self._open(1, b"th", buffer, len(run), ctypes.byref(status))  # UBRK_WORD
        if status.value > 0:
            raise RuntimeError(f"ubrk_open failed: {status.value}")
        cuts = [0]
        while (position := self._next(iterator)) != -1:
            cuts.append(position)
        self._close(iterator)
        return [run[a:b] for a, b in pairwise(cuts) if b > a]


class LibThaiDictionary:
    """The dictionary libthai breaks words with (``thbrk.tri``, read through libdatrie)."""

    def __init__(self) -> None:
        name = ctypes.util.find_library("datrie") or "libdatrie.so.1"
        lib = ctypes.CDLL(name)
        lib.trie_new_from_file.restype = ctypes.c_void_p
        lib.trie_new_from_file.argtypes = [ctypes.c_char_p]
        lib.trie_retrieve.restype = ctypes.c_int
        lib.trie_retrieve.argtypes = [
            ctypes.c_void_p,
            ctypes.POINTER(ctypes.c_uint32),
            ctypes.POINTER(ctypes.c_int32),
        ]
        self._lib = lib
        found = [p for p in DICTIONARIES if p.is_file()]
        if not found:
            raise RuntimeError(f"libthai's dictionary not found in {DICTIONARIES}")
        self._trie = lib.trie_new_from_file(str(found[0]).encode())

    def known(self, word: str) -> bool:
        """Whether ``word`` is a word of the dictionary."""
        letters = (ctypes.c_uint32 * (len(word) + 1))(*[ord(c) for c in word], 0)
        data = ctypes.c_int32()
        return bool(self._lib.trie_retrieve(self._trie, letters, ctypes.byref(data)))


def lump_parts(
    word: str, icu: Icu, dictionary: LibThaiDictionary, words: set[str]
) -> list[str] | None:
    """The words a word that only libthai gave is glued from, or None. libthai keeps text it
    cannot cut (a loanword it does not know) with the word after it: "อินสแตนซ์แบบ" gives
    อิน|สแตนซ์แบบ. Such a lump is not in libthai's own dictionary, and ICU cuts it where a word
    of the dictionary (แบบ) follows a part the dictionary does not know; both parts are words
    of the project found on their own (``words``: สแตนซ์ from อิน|สแตนซ์), or the part before
    is such a lump in turn. A word libthai knows whole (ตรวจสอบ), one whose unknown part comes
    last (เมานต์: เมา|นต์) and an abbreviation (กระทรวงฯ: ``ฯ`` keeps it out of the
    dictionary) are never cut."""
    if "ฯ" in word or dictionary.known(word):
        return None
    position = 0
    for piece in icu.words(word)[:-1]:
        position += len(piece)
        head, tail = word[:position], word[position:]
        if tail not in words or not dictionary.known(tail) or dictionary.known(head):
            continue
        if head in words:
            return [head, tail]
        inner = lump_parts(head, icu, dictionary, words)
        if inner is not None:
            return [*inner, tail]
    return None


def project_runs(root: Path = ROOT) -> set[str]:
    """Every run of Thai letters in the project's text files."""
    runs: set[str] = set()
    for folder in SOURCES:
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in SUFFIXES or not path.is_file():
                continue
            if path in (OUTPUT, KEEP):
                continue
            try:
                text = path.read_text("utf-8")
            except UnicodeDecodeError:
                continue
            runs.update(THAI_RUN.findall(text))
    return runs


def main(argv: list[str]) -> int:
    output = Path(argv[1]) if len(argv) > 1 else OUTPUT
    keep_output = output.with_name(KEEP.name)
    libthai, icu = LibThai(), Icu()
    found: dict[str, set[str]] = {"libthai": set(), "icu": set()}
    for run in project_runs():
        for name, breaker in (("libthai", libthai), ("icu", icu)):
            # A single letter is mostly a guess for a word the library does not know; the
            # console keeps such letters with their neighbours.
            found[name].update(w for w in breaker.words(run) if len(w) > 1)
    # Lumps libthai made of an unknown loanword and a word (สแตนซ์แบบ) are left out: kept,
    # the console and the HTML report could not break a line between the two words.
    dictionary = LibThaiDictionary()
    every = found["libthai"] | found["icu"]
    for word in sorted(found["libthai"] - found["icu"]):
        if lump_parts(word, icu, dictionary, every - {word}) is not None:
            # dropped only: its parts are words of the list already (found on their own)
            found["libthai"].discard(word)
    words = found["libthai"] | found["icu"]
    # A word only one library gave is either a word the other does not know (ตรวจสอบ, ค้นหา)
    # or what is left of a phrase the library could not cut (งกันมัลแวร์ where ICU did not
    # know ป้องกัน before มัลแวร์): marked, so that between cuts into as many words the
    # segmenter takes the one with fewer of them.
    weak = words - (found["libthai"] & found["icu"])
    # Words libthai keeps whole and ICU cuts (คลา|วด์, ไฮ|บริด): Chromium would break a line
    # inside them, so the HTML report keeps them on one line.
    keep = {w for w in words if libthai.words(w) == [w] and len(icu.words(w)) > 1}
    header = "# {} of gdcc-audit's own text, one a line (scripts/build_thai_words.py).\n"
    output.write_text(
        header.format("Thai words")
        + "# A word followed by a tab and 1 was found by one of libthai and ICU only.\n"
        + "".join(f"{w}\t1\n" if w in weak else f"{w}\n" for w in sorted(words)),
        "utf-8",
    )
    keep_output.write_text(
        header.format("Thai words ICU (Chromium) cuts and libthai keeps whole")
        + "".join(f"{w}\n" for w in sorted(keep)),
        "utf-8",
    )
    print(
        f"{len(words)} words ({len(weak)} from one library only) -> {output}; "
        f"{len(keep)} kept whole -> {keep_output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
