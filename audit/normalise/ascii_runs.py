"""Word runs of an ASCII text by a byte translation and a split: what three of our
regexes find there, at a third of their time.

A Unicode class (`[^\\W_]+` and its kin) is tested character by character through the
Unicode database; on ASCII text (two news texts in three) the class is a fixed set of
bytes, so every other byte made a space and the text split on spaces gives the same runs.
Each table is tested against its regex over all 128 ASCII characters
(tests/test_ascii_runs.py). Callers check `text.isascii()` first, or call `runs` or
`spaced`, which read any text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache


def _table(keep: Callable[[str], bool]) -> bytes:
    return bytes(c if c < 128 and keep(chr(c)) else 32 for c in range(256))


LETTERS = _table(str.isalpha)  # [^\W\d_]+
ALNUM = _table(str.isalnum)  # [^\W_]+
WORD = _table(lambda ch: ch.isalnum() or ch == "_")  # \w+


def ascii_runs(text: str, table: bytes) -> list[bytes]:
    """The runs, as bytes (ASCII text only)."""
    return text.encode("ascii").translate(table).split()


def ascii_words(text: str, table: bytes) -> list[str]:
    """The runs, as str (ASCII text only)."""
    return text.encode("ascii").translate(table).decode("ascii").split()


@lru_cache(maxsize=8)
def _keeping_high(table: bytes) -> bytes:
    """The table with every byte from 0x80 on kept: what UTF-8 writes characters past ASCII with."""
    return table[:128] + bytes(range(128, 256))


_ASCII = bytes(range(128))


def beyond_ascii(raw: bytes) -> str:
    """The characters past ASCII of a text whose UTF-8 bytes (surrogatepass) are `raw`,
    in order: its bytes with the ASCII ones deleted, in C (UTF-8 writes no ASCII byte
    inside a character), so a text's few curly quotes or accents are read, not every
    character of it."""
    return raw.translate(None, _ASCII).decode("utf-8", "surrogatepass")

# Distinct characters past ASCII outside the class that a text may hold before `spaced`
# gives up (each is one bytes.replace over the text; news texts hold a handful: curly
# quotes, dashes, the odd symbol)
MAX_CUT = 32


@lru_cache(maxsize=8192)
def _outside(pattern: re.Pattern[str], ch: str) -> bool:
    """Whether one character is outside the class the pattern repeats (`[...]+`, `\\w+`)."""
    return pattern.fullmatch(ch) is None


def spaced(text: str, table: bytes, pattern: re.Pattern[str]) -> bytes | None:
    """The text as UTF-8 bytes with every character outside the pattern's class made one
    space: split, the pieces are the pattern's runs (as bytes), in order. None when the
    text holds more than MAX_CUT distinct characters past ASCII outside the class.

    ASCII bytes go through the pattern's table; the characters past ASCII are found by
    deleting the ASCII bytes (in C), each distinct one tested once against the pattern,
    and those outside it replaced by a space (UTF-8 writes no character's bytes inside
    another's, so a replace cannot cut one). No character of a class is white space
    (tests/test_split_speed.py), so a piece is a whole run. The regex tests each
    character through the Unicode database; this reads the text in a few C passes.
    """
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) == len(text):
        return raw.translate(table)
    high = beyond_ascii(raw)
    cut = [ch for ch in set(high) if _outside(pattern, ch)]
    if len(cut) > MAX_CUT:
        return None
    for ch in cut:
        raw = raw.replace(ch.encode("utf-8", "surrogatepass"), b" ")
    return raw.translate(_keeping_high(table))


def runs(text: str, table: bytes, pattern: re.Pattern[str]) -> list[str]:
    """`pattern.findall(text)`, where `table` is the pattern's ASCII table, for any text.

    ASCII text by `ascii_words`; any other by `spaced` (a third of a news corpus:
    accents, curly quotes, mojibake; and texts in other scripts), or the regex where
    `spaced` gives up (tests/test_split_speed.py: equal to the regex on every code point
    and on real text).
    """
    if text.isascii():
        return ascii_words(text, table)
    found = spaced(text, table, pattern)
    if found is None:
        return pattern.findall(text)
    return found.decode("utf-8", "surrogatepass").split()
