"""Text whose every character is shifted by one: a paywall's obfuscated article body.

Some publishers serve the paywalled part of an article with each character moved one code
point up ("Die Food-Trucks sind wieder in Witten." becomes "Ejf Gppe.Usvdlt tjoe xjfefs jo
Xjuufo/") and a script shifts it back for subscribers; a scraper keeps the shifted text.
Read in Fundus's test pages of Funke's WAZ (docs/measurements/precn.md): one such body gave
six hygiene.glued ("Gppe.Usvdlt"), three language.mixed and one hygiene.encoding false
alarms, and no finding said the article was unreadable. paywall.text reports each shifted
run of lines; glued, mixed and encoding leave the runs alone.

A line is shifted when, moved one code point back, it holds at least MIN_WORDS of the
function words of audit/data/function_words.txt and SHIFT_RATIO times as many as it holds as written (plain prose holds
many of them; "up" and "if" read back as "to" and "he", so plain text scores a few too).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

MIN_WORDS = 3  # common words a line must hold once shifted back
MIN_DIFFERENT = 2  # ... of which this many different ones
SHIFT_RATIO = 3  # ... and this many times those it holds as written
MAX_GAP_LINES = 2  # short readable lines between two shifted ones that still join them
MAX_GAP_WORDS = 10  # ... each of at most this many words
UNSHIFT = {code: code - 1 for code in range(0x22, 0x250)}  # '"' .. Latin Extended-B, one back
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """audit/data/function_words.txt: the commonest words of seven languages."""
    text = resources.files("audit.data").joinpath("function_words.txt").read_text("utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def _common(text: str) -> tuple[int, int]:
    """How many of the text's words are common words, and how many different ones."""
    words = common_words()
    hits = [word for word in _WORD.findall(text.lower()) if word in words]
    return len(hits), len(set(hits))


def _may_hold(text: str) -> bool:
    """A cheap look first: shifted text ends its sentences with "/" ("Xjuufo/ Tdipo"), so
    "/ " and "/" before a line break outnumber ". " and ".\\n". A text without "/" (most news)
    holds neither: one memchr-fast test spares it the four counts (paywall.text asks every article)."""
    if "/" not in text:
        return False  # slashes == 0 < 3: the same answer
    slashes = text.count("/ ") + text.count("/\n")
    return slashes >= 3 and slashes > text.count(". ") + text.count(".\n")


def is_shifted(line: str) -> bool:
    """Whether a line reads as words only once each character is moved one code point back."""
    back, different = _common(line.translate(UNSHIFT))
    return back >= MIN_WORDS and different >= MIN_DIFFERENT and back >= SHIFT_RATIO * _common(line)[0]


def shifted_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of shifted lines, in order. Up to MAX_GAP_LINES short lines
    between two shifted ones (a subheading the page left readable: "Lesen Sie auch:") join
    them into one run."""
    if not _may_hold(text):
        return []
    runs: list[list[int]] = []
    gap = 0  # worded lines since the last shifted one
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if is_shifted(line):
            if runs and gap <= MAX_GAP_LINES:
                runs[-1][1] = end
            else:
                runs.append([start, end])
            gap = 0
        elif _WORD.search(line):
            gap += 1 if len(line.split()) <= MAX_GAP_WORDS else MAX_GAP_LINES + 1
        start = end + 1
    return [(_first_shifted_word(text, s, e), e) for s, e in runs]


def _first_shifted_word(text: str, start: int, end: int) -> int:
    """Where the shifted words begin in a run: a one-paragraph article keeps its readable title
    and teaser on the line before its shifted body ("... auf die Gabel? Ejf Gppe.Usvdlt ...")."""
    words = common_words()
    for word in _WORD.finditer(text, start, end):
        lower = word.group().lower()
        if lower not in words and lower.translate(UNSHIFT) in words:
            return word.start()
    return start


def inside(runs: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of the runs (sorted, as shifted_runs gives them)."""
    at = bisect_right([s for s, _ in runs], start) - 1
    return at >= 0 and end <= runs[at][1]


def shifted_share(text: str, runs: Sequence[tuple[int, int]]) -> float:
    """The share of the text's characters inside the runs."""
    return sum(e - s for s, e in runs) / len(text) if text else 0.0
