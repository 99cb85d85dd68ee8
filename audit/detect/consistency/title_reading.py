"""How a title mention is used in its sentence: a present title, or history, report or quote.

"Judge Sullivan, appointed by President Barack Obama" in 2017 gives Obama no present
title; "European leaders—led by German Chancellor Olaf Scholz—are expected to press" in
June 2025 does. consistency.title_anachronism and consistency.contradiction judge a
title against the publication date only when `read_mention` says it is present. The
reading is a few ordered rules over the sentence, each naming the words that decided
it, so a finding (or its absence) can be explained:
1. quoted speech: the mention sits inside quotation marks (a speaker's words, not the
   article's claim);
2. a "then-", "the late" or "outgoing" status word;
3. (not after "former" or "current", which stay claims about now) a cue right before
   the title phrase: "appointed by", "under", "during", "the
   administration of", "predecessor,", "adviser to" (office_reading.json);
4. a cue right after the name: a possessive ("President Barack Obama's healthcare
   law"), "-era";
5. the past in the sentence: a written year before the publication year, "last year",
   "years ago", "at the time";
6. status words: "former", "ex-", "-elect", "incoming", "current", "newly installed"
   make a present claim on their own ("former X" is wrong only while X holds the post);
7. a plain title needs present evidence right after the name: the person as the
   speaker of a report ("X said", "X, 70, told reporters"), or in its appositive and
   the next words of its clause a present or future verb ("are expected", "says",
   "will") or a time of this week ("on Sunday", "today"). Without it the mention is not
   judged: a plain title of a past holder is mostly history in real news.
Rules and word lists: audit/data/office_reading.json (sources there).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

READING_PATH = Path(__file__).resolve().parents[2] / "data" / "office_reading.json"
YEAR = re.compile(r"(?<![\w/.-])((?:19|20)\d\d)(?![\w/-])")
# Tokens before a full stop that do not end a sentence: "U.S.", "Mr.", "Dec.", "George W."
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Adm|Prof|Rev|Jan|Feb|"
    r"Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|No|Co|Corp|Inc|Ltd|vs|approx|U\.S|U\.K|U\.N|E\.U))\.$")
# A full stop before a capital, or glued to it after a lowercase word ("Obama.We have")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9])|(?<=[a-z])[.!?](?=[A-Z][a-z])|\n")
_OPEN_QUOTES = "“«"
_CLOSE_QUOTES = "”»"
PRESENT_STATUSES = ("former", "elect")  # statuses that are a claim about now on their own
# Status words that stay a claim about now even after "by" or before a possessive: "signed
# by former President Trump" in 2025 still calls a sitting president former.
FIRM_WORDS = ("former", "ex", "ex-", "onetime", "one-time", "erstwhile", "current", "incumbent", "sitting")
PAST_STATUSES = ("then", "outgoing")


@dataclass(frozen=True)
class Reading:
    """Whether a mention is a present title, the rule that decided and its words."""

    present: bool
    rule: str  # quoted, status, cue_before, cue_after, past_in_sentence, status_word,
    # reporting_verb, present_evidence or no_evidence
    words: str  # the words of the text that decided it ("" when nothing was found)

    def describe(self) -> str:
        return f"{self.rule.replace('_', ' ')}: '{self.words}'" if self.words else self.rule.replace("_", " ")


@lru_cache(maxsize=1)
def load_reading() -> dict[str, Any]:
    return json.loads(READING_PATH.read_text(encoding="utf-8"))


def _words(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=1)
def _rules() -> dict[str, re.Pattern[str]]:
    data = load_reading()
    return {
        "adjective": re.compile(rf"(?:(?i:pro|anti)-[\w’'.-]+|{_words(data['adjectives']['words'])})"),
        "cue_before": re.compile(
            rf"(?i:(?<![\w-])(?:{_words(data['cues_before']['words'])}))[,:]?\s+(?:the\s+)?$"),
        "cue_after": re.compile("|".join(f"(?:{p})" for p in data["cues_after"]["patterns"]), re.I),
        "past": re.compile(rf"(?i:\b(?:{_words(data['past_in_clause']['phrases'])})\b)"),
        "reporting": re.compile(rf"\s*(?:{_words(data['reporting_verbs']['words'])})\b"),
        "evidence": re.compile(
            rf"(?<![\w'’-])(?:on\s+)?(?:{_words(data['present_evidence']['words'])})(?![\w'’-])"),
    }


def adjective_pattern() -> str:
    """The words allowed between a status word and a title ("former Democratic President")."""
    return _rules()["adjective"].pattern


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): full stops after "U.S.", "Mr." or "W." do not end it."""
    left = max(0, start - 600)
    for m in _SENTENCE_END.finditer(text, left, start):
        if m.group() == "\n" or not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start() + 1):
            left = m.end()
    right = len(text)
    for m in _SENTENCE_END.finditer(text, end, min(len(text), end + 600)):
        if m.group() == "\n" or not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start() + 1):
            right = m.start() + 1
            break
    return left, right


def quoted(text: str, start: int) -> bool:
    """Inside quotation marks on its line: curly quotes, or an odd count of straight ones."""
    line_start = text.rfind("\n", 0, start) + 1
    head = text[max(line_start, start - 1500):start]
    last_open = max(head.rfind(q) for q in _OPEN_QUOTES)
    last_close = max(head.rfind(q) for q in _CLOSE_QUOTES)
    if last_open > last_close:
        return True
    sentence_start, _ = sentence_bounds(text, start, start)
    return text.count('"', max(line_start, sentence_start), start) % 2 == 1


def _past_words(sentence: str, day: date) -> str:
    years = [y for y in YEAR.findall(sentence) if int(y) < day.year]
    if years:
        return years[0]
    m = _rules()["past"].search(sentence)
    return m.group() if m else ""


# How far back before a mention's sentence a written year still dates it, inside its paragraph
# (line): "With the 2008 financial crash ... “Laissez-faire is finished,” declared French
# President Nicolas Sarkozy. ... In an extraordinary statement, Australian Prime Minister
# Kevin Rudd declared that ..." (New Republic, 2019-12-23: the year is 4 sentences, 470
# characters, before the mention; precision-2026-12-03c.md, precl.md).
PASSAGE_REACH = 800


def passage_year(text: str, start: int, day: date) -> int | None:
    """The year the text itself dates the passage around a mention to: the last year written
    in the mention's paragraph in the PASSAGE_REACH characters before its sentence, when it
    is before the publication year and its own sentence tells of that time (no present or
    future verb, no "now": "With the 2008 financial crash ..., neoliberalism lost its
    force"), else None. A year inside a present sentence is a past event seen from now
    ("Turkey's economy has steadily recovered from a severe crisis in 2001."), and a year of
    the publication year or later puts the passage back in the present."""
    left, _ = sentence_bounds(text, start, start)
    line_start = text.rfind("\n", 0, left) + 1
    years = list(YEAR.finditer(text, max(line_start, left - PASSAGE_REACH), left))
    if not years or int(years[-1].group(1)) >= day.year:
        return None
    first, last = sentence_bounds(text, years[-1].start(), years[-1].end())
    if _rules()["evidence"].search(text, first, last):
        return None
    return int(years[-1].group(1))


def _reporting_verb(text: str, end: int, stop: int) -> str:
    """'said' right after the name, or right after its appositive ("Shoigu, 70, said")."""
    m = _rules()["reporting"].match(text, end, stop)
    if m is None:
        aside = re.match(r"\s*,[^,;:—–()]{1,80},", text[end:stop])
        m = _rules()["reporting"].match(text, end + aside.end(), stop) if aside else None
    return m.group().strip() if m else ""


def _evidence_window(text: str, end: int, stop: int) -> str:
    """The name's appositive (", speaking on Sunday," / "—are expected") and its next words."""
    tail = text[end:stop]
    aside = re.match(r"\s*[,—–(]\s*([^,—–()]{0,140})[,—–)]?", tail)
    parts = [aside.group(1)] if aside else []
    rest = tail[aside.end():] if aside else tail
    parts.append(" ".join(re.split(r"[,;:—–()]", rest, maxsplit=1)[0].split()[:8]))
    return " | ".join(parts)


def read_mention(text: str, start: int, end: int, status: str, modifier: str, day: date) -> Reading:
    """How the title mention text[start:end] (status word `modifier`, or "") is used on `day`."""
    if quoted(text, start):
        return Reading(False, "quoted", "")
    if status in PAST_STATUSES:
        return Reading(False, "status", modifier or status)
    rules = _rules()
    if modifier not in FIRM_WORDS:
        cue = rules["cue_before"].search(text, max(0, start - 40), start)
        if cue:
            return Reading(False, "cue_before", cue.group().strip())
        after = rules["cue_after"].search(text[end:end + 20])
        if after:
            return Reading(False, "cue_after", after.group().strip())
    left, right = sentence_bounds(text, start, end)
    past = _past_words(text[left:right], day)
    if past:
        return Reading(False, "past_in_sentence", past)
    if status in PRESENT_STATUSES or modifier:
        return Reading(True, "status_word", modifier or status)
    verb = _reporting_verb(text, end, right)
    if verb:
        return Reading(True, "reporting_verb", verb)
    window = _evidence_window(text, end, right)
    evidence = rules["evidence"].search(window)
    if evidence:  # as written, with the next word after a verb: "are expected", "on Sunday"
        found = evidence.group()
        following = window[evidence.end():].split()[:1] if found.islower() else []
        return Reading(True, "present_evidence", " ".join([*found.split(), *following]))
    return Reading(False, "no_evidence", "")
