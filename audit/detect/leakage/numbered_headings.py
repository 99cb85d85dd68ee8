"""Numbered headings of a list article: its outline, not a menu.

A list article gives each item a numbered heading over its paragraphs: CNN's "5 Things"
("1. Jamal Khashoggi" / "Some recent revelations about ..." / ... / "2. France" / ...).
Above the first item stand the newsletter prompt's short lines ("Sign up here" / ".)"), so the
first heading ended a run of link-like lines under a chrome label, or stood above the main
body's start, and was called chrome (gj_lines, docs/measurements/precz.md). A heading is a
short line of its own "N. Words" with no sentence end, a paragraph below it (a teaser list's numbered
headlines follow one another), and the article has the next or the previous number as such a
heading too: a numbered list of sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from audit.detect.leakage.chrome_lines import Line, has_words

_NUMBERED = re.compile(r"(\d{1,2})[.)]\s+\S")
PARAGRAPH_REACH = 3  # pieces of a link-cut sentence that may stand between a heading and its first full one


def numbered_headings(lines: Sequence[Line]) -> set[int]:
    """The lines that are numbered section headings (see the module's docstring)."""
    numbers: dict[int, list[int]] = {}
    for ln in lines:
        if not ln.text[:1].isdigit():
            continue  # most lines
        m = _NUMBERED.match(ln.text)
        if m and ln.navlike and not ln.piece and not ln.hits and ln.marker is None and _paragraph_below(lines, ln.index):
            numbers.setdefault(int(m.group(1)), []).append(ln.index)
    return {i for n, found in numbers.items() if n - 1 in numbers or n + 1 in numbers for i in found}


def _paragraph_below(lines: Sequence[Line], i: int) -> bool:
    """Whether a prose line follows line i within PARAGRAPH_REACH lines, before another numbered
    line (a link-cut sentence may come first: "3. Qatar" / "The oil-rich country of Qatar" /
    "is pulling out of OPEC" / ", the Organization of ...")."""
    seen = 0
    for ln in lines[i + 1:]:
        if ln.prose:
            return True
        if _NUMBERED.match(ln.text) or seen == PARAGRAPH_REACH:
            return False
        seen += has_words(ln)  # a lone "." left between links takes no place
    return False
