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
    # to do: trailing space is a space, tab or NBSP before a newline or at the end.
    if any(s in text for s in (" \n", "\t\n", "\xa0\n")) or text.endswith((" ", "\t", "\xa0")):
        text = _TRAILING_SPACE.sub("", text)
    if "\n\n\n" in text:
        text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip("\n")


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
