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

from audit.normalise.ascii_runs import ALNUM, beyond_ascii, runs

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


# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, the Tai scripts):
# their marks stay word breaks, as `[^\W_]+` made them. Joined, a Thai phrase between two
# spaces was one "word" (a page of 338 tokens made 99) and a near copy with 6 letters
# changed was no longer found (a helper's review, twenty-first session).
UNSPACED = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x1950, 0x19DF), (0x1A20, 0x1AAF),
            (0xA9E0, 0xA9FF), (0xAA60, 0xAADF))


@lru_cache(maxsize=1)
def joined_ranges() -> tuple[tuple[int, int], ...]:
    """The marks a word keeps: the data file's, less those of the UNSPACED scripts."""
    kept = []
    for low, high in mark_ranges(MARKS_FILE.read_text(encoding="utf-8")):
        pieces = [(low, high)]
        for a, b in UNSPACED:
            pieces = [piece for lo, hi in pieces for piece in ((lo, min(hi, a - 1)), (max(lo, b + 1), hi))
                      if piece[0] <= piece[1]]
        kept.extend(pieces)
    return tuple(kept)


@lru_cache(maxsize=1)
def word_pattern() -> re.Pattern[str]:
    r"""A run of letters, digits and combining marks (no underscore), as `[^\W_]+` with the marks."""
    marks = "".join(f"\\U{low:08x}" if low == high else f"\\U{low:08x}-\\U{high:08x}"
                    for low, high in joined_ranges())
    return re.compile(rf"(?:[^\W_]|[{marks}])+")


PLAIN_WORD = re.compile(r"[^\W_]+")  # the same words in a text that holds no mark a word keeps


@lru_cache(maxsize=1)
def _marks() -> str:
    return "".join(chr(c) for low, high in joined_ranges() for c in range(low, high + 1))


@lru_cache(maxsize=1)
def _mark_set() -> frozenset[str]:
    return frozenset(_marks())


def has_marks(text: str) -> bool:
    """Whether the text holds a mark a word keeps (most texts, Latin script with its accents
    precomposed, hold none)."""
    return not text.isascii() and not _mark_set().isdisjoint(beyond_ascii(text.encode("utf-8", "surrogatepass")))


def word_finder(text: str) -> re.Pattern[str]:
    """word_pattern() for a text that holds a combining mark, else `[^\\W_]+` (the same
    words there): the pattern with the marks' alternation runs at a fifth of the speed
    (finditer over 4,500 real texts: 0.44 -> 2.2 s)."""
    return word_pattern() if has_marks(text) else PLAIN_WORD


def words_of(text: str) -> list[str]:
    """The text's words (word_pattern's runs, by audit.normalise.ascii_runs.runs), a mark
    that stands on no letter left out: the variation selector of "❤️", a stray accent after
    a space (a word of its own, else; and "❤️" and "❤" were two texts to duplicate.exact)."""
    found = runs(text, ALNUM, word_pattern())
    if not has_marks(text):
        return found
    marks, mark_set = _marks(), _mark_set()
    return [w for w in (w.lstrip(marks) if w[0] in mark_set else w for w in found) if w]


def word_spans(text: str) -> list[tuple[int, int]]:
    """Each word's (start, end) in the text, as words_of finds them."""
    pattern = word_finder(text)
    if pattern is PLAIN_WORD:
        return [m.span() for m in pattern.finditer(text)]
    marks, mark_set = _marks(), _mark_set()
    spans = []
    for m in pattern.finditer(text):
        start, end = m.span()
        if text[start] in mark_set:
            start = end - len(text[start:end].lstrip(marks))
        if start < end:
            spans.append((start, end))
    return spans
