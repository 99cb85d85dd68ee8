"""What a word is, for the checks that compare words: letters and digits, with the
combining marks written on them.

`[^\\W_]+` ends a word at a combining mark: Python's `\\w` takes no mark, and Devanagari,
Bengali, Tamil, Thai and the other abugidas write their vowel signs and viramas as marks.
"अर्थनामा" was four words ("अर", "थन", "म", ...), so a Hindi passage of 40 such "words"
was some 15 words, a span ended before its word's last vowel sign (a helper's read of
hindi.business-standard.com pages, twenty-first session), and two texts differing only in
their vowel signs were exact copies. The marks' ranges ship as a data file
(audit/data/combining_marks.txt, Unicode 14 as in Python 3.11): scanning every code point
at import took 0.14 s.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from audit.normalise.ascii_runs import beyond_ascii

MARKS_FILE = Path(__file__).resolve().parent.parent / "data" / "combining_marks.txt"


def mark_ranges(text: str) -> list[tuple[int, int]]:
    """The ranges of the data file's lines ("0300-036F", or one code point)."""
    ranges = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            low, _, high = line.partition("-")
            ranges.append((int(low, 16), int(high or low, 16)))
    return ranges


@lru_cache(maxsize=1)
def word_pattern() -> re.Pattern[str]:
    """A run of letters, digits and combining marks (no underscore), as `[^\\W_]+` with the marks."""
    marks = "".join(f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"
                    for low, high in mark_ranges(MARKS_FILE.read_text(encoding="utf-8")))
    return re.compile(rf"(?:[^\W_]|[{marks}])+")


_PLAIN = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _marks() -> frozenset[str]:
    return frozenset(chr(c) for low, high in mark_ranges(MARKS_FILE.read_text(encoding="utf-8"))
                     for c in range(low, high + 1))


def word_finder(text: str) -> re.Pattern[str]:
    """word_pattern() for a text that holds a combining mark, else `[^\\W_]+` (the same
    words there): the pattern with the marks' alternation runs at a fifth of the speed
    (finditer over 4,500 real texts: 0.44 -> 2.2 s), and most texts (Latin script, its
    accents precomposed) hold no mark."""
    if text.isascii() or _marks().isdisjoint(beyond_ascii(text.encode("utf-8", "surrogatepass"))):
        return _PLAIN
    return word_pattern()
