"""Text normalisation: the one form of the text that every offset points into."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_TRAILING_SPACE = re.compile(r"[ \t\u00a0]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, one newline style, no trailing space, at most one blank line in a row.

    Nothing else changes: mojibake, quotes and case are left for the detectors to see
    (a repair the user did not ask for would hide the evidence).
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    # Each pattern scans the whole text; a substring test (in C) says when it has nothing
    # to do: trailing space is a space, tab or NBSP before a newline or at the end (a
    # text of one line, most of a flattened corpus, needs only the end looked at).
    before_newline = "\n" in text and any(s in text for s in (" \n", "\t\n", "\xa0\n"))
    if before_newline or text.endswith((" ", "\t", "\xa0")):
        text = _TRAILING_SPACE.sub("", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


def holds(text: str, pattern: re.Pattern[str], outside: bytes) -> bool:
    """`pattern.search(text) is not None` for a pattern of one character class, `outside`
    the ASCII bytes not in the class (`ascii_outside`). The text's UTF-8 bytes with those
    deleted (in C) leave the class's ASCII characters and every character past ASCII;
    only the latter, when there are some, go to the regex (a few curly quotes, not the
    whole text: the regex tests each character, a third of the time again)."""
    rest = text.encode("utf-8", "surrogatepass").translate(None, outside)
    if not rest:
        return False
    if rest.isascii():
        return True
    return pattern.search(rest.decode("utf-8", "surrogatepass")) is not None


def ascii_outside(pattern: re.Pattern[str]) -> bytes:
    """The ASCII bytes whose character a one-character-class pattern does not match."""
    return bytes(b for b in range(128) if not pattern.fullmatch(chr(b)))


_UPPER, _LOWER = bytes(range(65, 91)), bytes(range(97, 123))


def ascii_cases(text: str) -> tuple[int, int]:
    """How many of a text's ASCII letters are capitals, and how many lower case: counted on
    its ASCII bytes by translate (C loops: 10,000 characters in about 40 us), not a Python
    loop a character. Letters past ASCII are not counted."""
    data = text.encode("ascii", "ignore")
    return len(data) - len(data.translate(None, _UPPER)), len(data) - len(data.translate(None, _LOWER))


def strip_accents(text: str) -> str:
    """`text` without its combining marks, after compatibility decomposition (NFKD): "Terça"
    -> "Terca", as URL slugs and accent-free spellings write words."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Under re.IGNORECASE these match ASCII letters (re compares one character's simple
# case mapping), but lower() leaves them apart: "ſept" matched a month pattern, then
# MONTHS["ſept"] raised KeyError and stopped the run. Only these four (all of Unicode
# checked against a-z).
_REGEX_CASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
REGEX_CASE_TWINS = "".join(map(chr, _REGEX_CASE_TWINS))  # the same four, for a text test


def fold_matched(word: str) -> str:
    """The lower-case key of a word a case-insensitive pattern matched (month, weekday,
    title tables), as the pattern read it."""
    return word.translate(_REGEX_CASE_TWINS).lower()


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Overlapping or touching (start, stop) spans joined, in order: [[0, 5], [9, 12]]."""
    merged: list[list[int]] = []
    for start, stop in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], stop)
        else:
            merged.append([start, stop])
    return merged
