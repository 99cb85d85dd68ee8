"""Text normalisation: the one form of the text that every offset points into."""

from __future__ import annotations

import hashlib
import re
import unicodedata

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
