"""Transcripts: a speaker's short replies are what was said, not site chrome.

A debate, a Sunday show or a speech as delivered gives each turn to a speaker label
("BLITZER:", "SEN. BARACK OBAMA:", "MR. HARWOOD:"), on its own line or opening the turn, and
its short replies ("Thank you.", "Yeah.", "AMANPOUR: All right.", "Christiane?") recur in every
transcript of the broadcaster, so recurrence across a publisher's articles called them chrome:
59 boilerplate.line findings on the PolitiFact pages of FakeNewsNet (CNN, ABC, Fox News,
MSNBC, whitehouse.gov; docs/measurements/precf.md). A transcript is a text whose turns carry
speaker labels: at least TRANSCRIPT_MIN_TURNS of them, by at least two speakers who speak
twice. A teaser label ("RELATED:", "WATCH:", "MORE:") is in the phrase list, not a speaker.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from audit.detect.leakage.chrome_lines import Line

TRANSCRIPT_MIN_TURNS = 6  # speaker-labelled turns that make a text a transcript
UTTERANCE_MAX_WORDS = 4  # a reply this short ("Thank you.", "SANDERS: Good evening.")
# A speaker label: capitals (titles, initials, a network after a comma, "(?)"), then a colon.
_LABEL = re.compile(r"([A-Z][A-Z .,'’()?\-]{0,38}[A-Z.)]|Q)\s*:(?:\s|$)")
_REPLY_END = re.compile(r"[.!?][\"”’)]*$")


def speaker(line: Line) -> str | None:
    """The speaker label that opens a line ("BLITZER" of "BLITZER: Thank you."), if any and
    the line has no phrase-list hit (a teaser label is chrome's)."""
    found = _LABEL.match(line.text)
    return found.group(1) if found and not line.hits and line.marker is None else None


def is_transcript(lines: Sequence[Line]) -> bool:
    """At least TRANSCRIPT_MIN_TURNS speaker-labelled turns, two speakers speaking twice."""
    turns = Counter(s for s in map(speaker, lines) if s)
    return sum(turns.values()) >= TRANSCRIPT_MIN_TURNS and sum(n >= 2 for n in turns.values()) >= 2


def utterances(lines: Sequence[Line]) -> set[int]:
    """In a transcript, the lines that are a short reply: at most UTTERANCE_MAX_WORDS words after
    the speaker label, ending as a sentence does, no phrase-list hit ("ALL RIGHTS RESERVED."
    stays the footer's). A bare label line ("BLITZER:") is left to the other signals."""
    if not is_transcript(lines):
        return set()
    found = set()
    for ln in lines:
        if ln.hits or ln.marker is not None:
            continue
        label = _LABEL.match(ln.text)
        said = ln.text[label.end():] if label else ln.text
        if said.strip() and len(said.split()) <= UTTERANCE_MAX_WORDS and _REPLY_END.search(said.rstrip()):
            found.add(ln.index)
    return found
