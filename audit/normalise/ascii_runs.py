"""Word runs of an ASCII text by a byte translation and a split: what three of our
regexes find there, at a third of their time.

A Unicode class (`[^\\W_]+` and its kin) is tested character by character through the
Unicode database; on ASCII text (two news texts in three) the class is a fixed set of
bytes, so every other byte made a space and the text split on spaces gives the same runs.
Each table is tested against its regex over all 128 ASCII characters
(tests/test_ascii_runs.py). Callers check `text.isascii()` first, or call `runs`, which
reads any text.
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


# UTF-8 bytes past one a character (a byte or more for each character past ASCII) above
# one in this many characters: a text mostly in another script (Cyrillic: ~0.8)
OTHER_SCRIPT_ONE_IN = 8


@lru_cache(maxsize=8)
def _keeping_high(table: bytes) -> bytes:
    """The table with every byte from 0x80 on kept: what UTF-8 writes characters past ASCII with."""
    return table[:128] + bytes(range(128, 256))


def runs(text: str, table: bytes, pattern: re.Pattern[str]) -> list[str]:
    """`pattern.findall(text)`, where `table` is the pattern's ASCII table, for any text.

    Most words of a text that is not ASCII (a third of a news corpus: accents, curly
    quotes, mojibake) are ASCII all the same. The text is read as UTF-8 bytes, every ASCII
    byte the pattern does not take made a space, every byte past ASCII kept (UTF-8 writes
    no ASCII byte inside a character), then split: a piece of ASCII only is one run, a
    piece holding another character goes through the pattern. No run crosses a piece's
    edge (an ASCII character the pattern does not take, or a white space, which no
    pattern here takes). Half the regex's time on c2000's non-ASCII texts
    (tests/test_split_speed.py: equal to the regex on every code point and on real text).
    A text in another script (most words not ASCII: a call a word) goes to the regex whole.
    """
    if text.isascii():
        return ascii_words(text, table)
    raw = text.encode("utf-8", "surrogatepass")
    if len(raw) - len(text) > len(text) // OTHER_SCRIPT_ONE_IN:
        return pattern.findall(text)
    spaced = raw.translate(_keeping_high(table)).decode("utf-8", "surrogatepass")
    found: list[str] = []
    for piece in spaced.split():
        if piece.isascii():
            found.append(piece)
        else:
            found += pattern.findall(piece)
    return found
