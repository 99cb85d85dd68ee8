"""metadata.leak: bylines, date stamps, photo credits and reading times left in the body.

Extractors often keep the page's metadata block as text lines ("By Sarah E. Needleman",
"Published: May 15, 2025 10:59pm", "Photo: AP", "5 min read"). Each such line is a
finding; its `data` carries what it says (author, date) so that `audit.detect.clean`
can take it into the table when the record itself has no better metadata.

Rules: `audit/data/metadata_patterns.tsv` (whole-line patterns, one compiled
alternation) plus date-only lines read with `audit.normalise.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import Any

from audit.detect.leakage.chrome_lines import (
    FUNCTION_WORDS,
    Line,
    data_rows,
    kinded_alternation,
    literal_alternation,
)
from audit.detect.leakage.regex_literals import Prefilter, prefilter
from audit.detect.leakage.spans import SENTENCE_STARTERS, iter_spans
from audit.model import Article, Finding, span_finding
from audit.normalise.dates import MONTHS, WEEKDAYS, find_dates, local_date_line

CHECK = "metadata.leak"
MAX_WORDS = 20  # metadata lines are short; longer lines are prose that happens to match
_TIME = re.compile(r"\b\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?\b|\bago\b", re.IGNORECASE)
# (its seconds, and its zone after a space: "4:11:27 PM", "21:43 IST", a second reader's cut stamps)
_TIME_AFTER = re.compile(r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?"
                         r"(?:\s*[|/]\s*\d{1,2}[:.]\d\d\s*(?:[AaPp]\.?[Mm]\.?)?)?")
# "Gus Stewart via Getty Images", "CBS via Getty Images" (Webz.io, FakeNewsNet): a credit line
# without the agency's slash. Asked only of a line holding "Getty Images": as one more branch
# of the patterns' alternation (after its ".{0,300}"), it made every line's match 40% dearer.
_GETTY_VIA = re.compile(r".{0,300}?\s(?:via|for)\s+Getty Images")
CALENDAR_WORDS = frozenset(MONTHS) | frozenset(WEEKDAYS) | {"then", "now", "today", "tomorrow"}
_DIGIT = re.compile(r"\d")
# What a date of audit.normalise.dates can start with: a digit, a weekday or a month (the
# first-letter lookaheads of its patterns, under their IGNORECASE)
_DATE_START = re.compile(r"[\dadfjmnostw]", re.IGNORECASE)
LOCAL_DATE_MAX_CHARS = 60  # "Quarta-feira, 27 de setembro de 2017": longer lines are not read so
_LEAD = re.compile(r"^[\s•·▪*|\-–—]+")
KIND_WORDS = {
    "byline": "a byline", "stamp": "a publication/update stamp", "date": "a date line",
    "credit": "a photo credit or caption", "reading": "a reading-time stamp", "contact": "an author's or the site's contact or follow prompt",
    "syndication": "a syndication notice (where the piece first ran)",
    "contributor": "a contributors' credit",
}


@dataclass(frozen=True)
class Leak:
    kind: str
    author: str | None = None
    published: date | None = None


@lru_cache(maxsize=1)
def _pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """The data file's regexes as one alternation; group name -> kind."""
    alternation, kinds = kinded_alternation("metadata_patterns.tsv")
    return re.compile(r"^(?:" + alternation + r")$"), kinds


def classify(line: Line) -> Leak | None:
    """What metadata this line is, or None when it is not a metadata line."""
    if line.words > MAX_WORDS:
        return None
    return _classify(line.text, line.prose)


@lru_cache(maxsize=8192)
def _classify(text: str, prose: bool) -> Leak | None:
    """classify's answer from all it reads of a line. Memoised: boilerplate.line asks again
    about every line metadata.leak has just read (a pure function: sharing changes nothing)."""
    if text[:1] in "—–" and (signed := _SIGNATURE.fullmatch(text)) is not None:
        return Leak("byline", author=signed.group("by").strip())
    body = _LEAD.sub("", text)
    if (dated := _date_line(body)) is not None:
        return Leak("date", published=dated)
    if "Getty Images" in body and _GETTY_VIA.fullmatch(body):
        return Leak("credit")
    pattern, kinds = _pattern()
    m = pattern.match(body)
    if m is None or m.lastgroup is None:
        return None
    kind = kinds[m.lastgroup]
    if kind == "credit" and _CODE_VALUE.search(body):
        return None  # "source: '',\t//视频发布来源": a field of a page's script (Sina's video player), no credit
    if kind == "stamp":
        stamp = m.group("stamp")
        stamp = body if stamp is None else stamp  # a row that is a stamp whole ("19:23 ت م")
        mentions = find_dates(stamp)
        if not mentions and not _TIME.search(stamp):
            return None  # "Updated figures show 5% growth" is prose, not a stamp
        return Leak(kind, published=mentions[0].to_date() if mentions else None)
    if kind == "byline":
        author = m.group("author") or m.group("author2") or m.group("author3")
        if prose or (author and author.split()[0].lower().rstrip(".,") in CALENDAR_WORDS):
            return None  # "By Thursday, the delegations had still not met."
        if author and author.split()[0].lower() in NOT_A_NAME:
            return None  # "By The Numbers: 12 March 2016 in review": a column's title
        if author and author.split()[0].rstrip(".,-") in LICENCE_CODES:
            return None  # "BY NC ND ALCUNI DIRITTI RISERVATI": a Creative Commons licence (DICE)
        if m.group("author") and " " not in author and body[m.end("author"):m.end("author") + 1] == "-":
            return None  # "Von T-Shirts und kurzen Hosen ...": a compound's first half is no name
        return Leak(kind, author=_person(author), published=_byline_date(body, m))
    return Leak(kind)


# A story signed with its author's initials after a dash at its end: "... circostanza sospetta.
# — D.M.", "— S.TO" (DICE's Gazzetta di Modena: 66 of 804 stories; no such unit in the other 32
# corpora). A unit of its own since an em dash after a sentence cuts one (spans._AFTER_MARK);
# recurring, boilerplate.line called it site chrome. Also with a stray full stop after it ("— F.D. .",
# "— F.D.."). Not a first name and an initial ("— Vale C."): a jokes page signs each reader's joke
# so ("—Lewis G.", 13 lines of the multilingual pages), content, no byline.
_SIGNATURE = re.compile(r"[—–]\s*(?P<by>(?:[A-Z]\.\s?){1,3}|[A-Z]\.(?:[A-Z]{2}|[a-z]{2})\.?)\s*\.?\s*")


# A field of a script's settings: an empty quoted value, or a value and a comment after it
_CODE_VALUE = re.compile(r":\s*(?:''|\"\")|['\"],?\s*//")


NOT_A_NAME = frozenset(["the", "a", "an", "this", "these", "that", "our", "all", "some", "its"])
LICENCE_CODES = frozenset(["NC", "ND", "SA"])  # what follows "BY" in a Creative Commons licence
_POSSESSIVE = re.compile(r"[’']s\b")
_SITE = re.compile(r"\S+\.[A-Za-z]{2,}")  # "GoldenJackass.com", "USAWatchdog.com"


def _person(author: str | None) -> str | None:
    """The people a byline names, without what follows them on the line: a site after a
    possessive or a comma ("Greg Hunter’s USAWatchdog.com", "Jim Willie CB,
    GoldenJackass.com": fresh21), a credit word ("von Alexander Karper Foto: © GEPA")."""
    if not author:
        return None
    names = [part.strip() for part in _POSSESSIVE.split(author, 1)[0].split(",")]
    names = [name for name in names if name and not _SITE.fullmatch(name)]
    if names and names[-1].split()[-1].lower() in CREDIT_WORDS:
        names[-1] = names[-1].rsplit(None, 1)[0] if " " in names[-1] else ""
    return ", ".join(name for name in names if name) or None


CREDIT_WORDS = frozenset(["photo", "photos", "foto", "fotos", "bild", "image", "images", "picture", "video"])


def _byline_date(body: str, m: re.Match[str]) -> date | None:
    """The full date a byline goes on to give ("By Pam Martens and Russ Martens: April 4,
    2016", "By: Jim Willie CB, GoldenJackass.com / 26 December 2017"): the article's date,
    which provenance.missing said the text did not give (fresh21, FakeNewsCorpus)."""
    if not m.group("author"):
        return None
    mentions = [d for d in find_dates(body[m.end("author"):]) if d.year is not None]
    return mentions[0].to_date() if mentions else None


def _date_line(body: str) -> date | None:
    """A line that is only a date, maybe with a time ("Nov. 19, 2019 8:03 am ET"), or only a
    date in another language's words ("Segunda-feira, 13 de fevereiro de 2017.": g1's evening
    digest opens so, 143 of Fake.Br's articles, none found: local_date_line)."""
    if _DIGIT.search(body) is None:
        return None  # a date line holds a digit (most short lines do not)
    if _DATE_START.match(body) is None or not (mentions := find_dates(body)):  # no English date
        return local_date_line(body) if len(body) <= LOCAL_DATE_MAX_CHARS else None
    if mentions[0].start > 0 or mentions[0].year is None:
        return None
    rest = body[mentions[0].end:].strip()
    if len(rest) > 16 or (rest and not _TIME.search(rest) and len(rest) > 4):
        return None
    return mentions[0].to_date() or None


_SOURCE_LINE = re.compile(r"^[\s•·▪*|\-–—]*(?:source|sources|quelle|fuente|fonte|稿件来源|文章来源|本文来源|来源)\s*[:|：]",
                          re.IGNORECASE)


def what_it_is(text: str, kind: str) -> str:
    """The kind's words; a credit line that names a source ("Source: http://..."), not an
    image, is a source line (fresh21, FakeNewsCorpus: 94 of 484 findings were
    "Source: <the original's URL>", each called a photo credit)."""
    if kind == "credit" and _SOURCE_LINE.match(text) and not _IMAGE_WORDS.search(_URL.sub(" ", text)):
        return "a source line"
    return KIND_WORDS.get(kind, "page metadata")


_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)  # its words are the page's, not the line's
_IMAGE_WORDS = re.compile(r"\b(?:photo|photos|image|images|picture|pictures|foto|fotos|bild|getty|reuters|ap|afp)\b",
                          re.IGNORECASE)


def message(line: Line, leak: Leak) -> str:
    what = what_it_is(line.text, leak.kind)
    said = ""
    if leak.author:
        said = f" (author: {leak.author})"
    elif leak.published:
        said = f" (date: {leak.published.isoformat()})"
    return f"Line {line.text[:80]!r} is {what}{said} left in the body by the extractor, not article text."


@lru_cache(maxsize=1)
def _inline() -> tuple[re.Pattern[str], dict[str, str], Prefilter | None]:
    """`metadata_inline.tsv` as one alternation (found anywhere); group name -> kind; and the
    fixed strings its matches hold ("Published", "Photo", ...): most texts hold none."""
    alternation, kinds = kinded_alternation("metadata_inline.tsv")
    pattern = re.compile(alternation)
    return pattern, kinds, prefilter(pattern)


def inline_leaks(line: Line, fixed: Prefilter | None = None) -> Iterator[tuple[int, int, Leak]]:
    """Metadata inside a sentence span of running text: (start, end) offsets into the line.

    `fixed`: the inline patterns' prefilter narrowed to the article's text (what its lines
    may hold), else the whole prefilter is asked."""
    pattern, kinds, whole = _inline()
    fixed = fixed or whole
    if fixed is not None and not fixed.may_match(line.text):
        return
    for m in pattern.finditer(line.text):
        kind = kinds[m.lastgroup or ""]
        if kind != "stamp":
            yield m.start(), m.end(), Leak(kind)
            continue
        window = line.text[m.end():m.end() + 60]
        mentions = find_dates(window)
        if not mentions or mentions[0].start > 0 or mentions[0].year is None:
            continue  # "Updated figures show ..." is prose
        end = m.end() + mentions[0].end
        if (time := _TIME_AFTER.match(line.text, end)) is not None:
            end = time.end()
        yield m.start(), end, Leak(kind, published=mentions[0].to_date() or None)


# A sentence end glued onto the next word: "... out of himself.Featured image via Drew
# Angerer/Getty Images", "... October 23, 2017Featured image via ..." (a partisan-news set of
# 2017, where 20 of 25 credit spans read began with the article's last sentence:
# precision-2026-12-03.md).
# Also a colon: "You can watch Fox News defend Trump and Ivanka below:Featured image via ..."
# (ISOT Fake.csv: the video's lead-in, the author's words, began 3 of 30 credit spans read);
# every such end is kept only when what follows it reads as a credit (caption_start). A closing
# bracket too: "... in the 2016 election)Featured image via Getty Images" (ISOT, Fake.csv).
_GLUED_END = re.compile(r"(?:[^\W\d_](?:[.!?:]+[\"”’)]*|\))|\d)(?=[A-Z][a-z])")


# A sentence end before a capital outside A-Z and À-Ý, which `spans.sentence_ends` does not
# cut at: "... (pod względem liczby infekcji). Źródło: PAP Źródło zdjęcia głównego: ELVIS
# GONZALEZ/PAP/EPA" (a Polish page, precision-multilingual.md) was one span, sentence and credit.
_UNCUT_END = re.compile(r"[.!?][.!?]*[\"”’)\]]*\s+(?=[\u0100-\u024f])")


CAPTION_TAIL = 1000  # characters at the end of a line where a glued-on credit can start


def caption_start(text: str) -> int:
    """Where a caption glued onto the sentence before it starts: after the last glued (or
    uncut) sentence end whose rest is still a photo credit, 0 when there is none."""
    cut = 0
    tail = max(0, len(text) - CAPTION_TAIL)  # a credit is short: ends before it cannot start one
    ends = [m.end() for m in _GLUED_END.finditer(text, tail)]
    ends += [m.end() for m in _UNCUT_END.finditer(text, tail) if text[m.end()].isupper()]
    for end in ends:
        rest = _classify(text[end:], False)
        if rest is not None and rest.kind == "credit":
            cut = max(cut, end)
    return cut


# A credit line run on into the next sentence where the page had a line break: "Source:
# Carrie Fereday / Shutterstock.com The shares have been a 10-bagger, ..." (Yahoo Finance
# 2020, 17 of 25 credit spans read: precision-heldout.md). The credit ends at its agency.
# Or glued to it with no space at all: "Photograph: EPAPope Francis has offered ...", "John
# Thys/AFP/Getty ImagesThe word “backstop” ..." (the Irish Times pages of feryah/gilets_jaunes,
# 5 of 54 credit spans: docs/measurements/precy.md).
_AGENCY_THEN_SENTENCE = re.compile(
    r"(?<![\w.])(?:Getty Images|AFP|AP|Reuters|Shutterstock(?:\.com)?|EPA|Bloomberg|Alamy|iStock|NurPhoto"
    # Europe's agencies (fundus pages: "Foto: NTB Ryktene om ...", a Norwegian lead run on)
    r"|NTB Scanpix|NTB(?!\s+Scanpix)|Ritzau Scanpix|TT(?!\s+Nyhetsbyrån)|dpa|ANP|ANSA|APA|Keystone|EFE|Xinhua)"
    r"(?=\s+[\"“‘]?[A-Z]|[\"“‘]?[A-Z][a-z])")


# A credit's or source's last name glued to the next sentence's first word, a word that opens
# sentences, with two more words after it: "Source: PoliticoThis time, though, ...", "Source:
# CNBCEven that is a lie.", "Source: CNNAt about the 20 second mark" (ISOT Fake.csv: 4 of 30
# credit spans read ran on so). Not a camel-cased name ("via YouTube video screen capture").
_NAME_THEN_SENTENCE = re.compile(r"(?<=[a-z]{2}|[A-Z]{2})(?=([A-Z][a-z]+)\s+\S+\s+\S)")
GLUED_OPENERS = SENTENCE_STARTERS | {"even", "so", "yet", "now", "then", "also", "still", "were", "was", "is"}
# A labelled credit's name in capitals glued to the next sentence's first word, whatever that
# word: "Source: CNNTeenagers, try that argument ...", "Source: CNBCSix to 10 years ago"
# (ISOT's fake news, 4 spans that ran to the sentence's end; a reader's "partly")
# The capitals open their token, and a sentence goes on after the word: a comma or a lower-case
# word ("Picture: INFphoto.com" is a site; "Source: CNNMoney", "Photo: NBCUniversal" are names)
_CAPS_THEN_WORD = re.compile(r"(?<![\w.])[A-Z]{2,}(?=[A-Z][a-z]{2,}(?:,|\s+[a-z]))")


def caption_end(text: str, language: str | None = None) -> int:
    """Where a credit ends when the next sentence runs on after its agency or glued to its
    last name (or, in a language of `credit_stops.tsv`, at a word that opens a sentence),
    else len(text)."""
    m = _AGENCY_THEN_SENTENCE.search(text)
    end = m.end() if m else len(text)
    glued = next((g.start() for g in _NAME_THEN_SENTENCE.finditer(text) if g.group(1).lower() in GLUED_OPENERS), end)
    end = min(end, glued)
    if (label := _LABEL.match(text)) is not None and (caps := _CAPS_THEN_WORD.search(text, label.end())):
        end = min(end, caps.end())
    stops = _credit_stops().get(language or "")
    if language == "en":
        end = min(end, _sentence_after_name(text))
    return min(end, _stop_word_end(text, stops)) if stops else end


# An English sentence run on after a labelled credit's name in flat text: a capitalised word
# that opens sentences (SENTENCE_STARTERS) or follows a credit's own token (`_CREDIT_TOKEN`),
# then two lower-case words, the first no function word or name particle ("Credit:
# NASA/JPL-Caltech/SwRI/MSSS Jupiter looks beautiful in pearls!", "Credit: Christopher Go The
# photos were taken ...", "Photo Credit: www.facebook.com/WhiteHouse How close is ...":
# FakeNewsCorpus, flat, 5 of 20 credit spans read ran into the story). A name's own lower-case
# words are particles ("U.S. Department of the Interior", "Museo del Prado"), and a name's
# capitalised words run on ("Photo: Mark Schiefelbein Die Hard fans lined up": not cut).
_RUN_ON_SENTENCE = re.compile(r"(?<=\s)[A-Z][a-z'’]*\s+([a-z][a-z'’-]*)\s+[a-z]")
NAME_PARTICLES = frozenset(FUNCTION_WORDS) | {"del", "della", "di", "du", "des", "van", "von", "al", "bin", "ibn"}
# A credit's own token: an agency's capitals, a path or a site ("MSSS", "NASA/JPL", "www.x.com")
_CREDIT_TOKEN = re.compile(r"^[A-Z0-9]{2,}$|[/.]\w")


def _sentence_after_name(text: str) -> int:
    """Where such a sentence starts after the credit's label and its name's first word, less
    the marks before it; len(text) when none (or no label: "... / Reuters" is a caption)."""
    label = _LABEL.match(text)
    first = _CREDIT_WORD.search(text, label.end()) if label is not None else None
    if first is None:
        return len(text)
    for m in _RUN_ON_SENTENCE.finditer(text, first.end()):
        before = text[:m.start()].rstrip(_CREDIT_TRAIL)
        last = before.rsplit(None, 1)[-1] if before.strip() else ""
        if m.group(1) not in NAME_PARTICLES and (
                m.group().split()[0].lower() in SENTENCE_STARTERS or _CREDIT_TOKEN.search(last)):
            return len(before)
    return len(text)


@lru_cache(maxsize=1)
def _credit_stops() -> dict[str, frozenset[str]]:
    """`credit_stops.tsv`: language -> the words that open the sentence after a credit."""
    table: dict[str, frozenset[str]] = {}
    for row in data_rows("credit_stops.tsv"):
        language, _source, words = row.split("\t")
        table[language] = frozenset(words.split())
    return table


_CREDIT_WORD = re.compile(r"[„“\"‚‘»«(]?([^\s„“\"‚‘»«(]+)")
_CREDIT_TRAIL = " \t–—-|,;:/"
_LABEL = re.compile(r"\W*(?:\w+\s+){0,2}\w+\s*[:|]")  # "Foto:", "Photo Credit:", "Quelle :"


def byline_end(text: str, language: str | None = None) -> int:
    """Where a byline ends when the first sentence runs on after the name in flat text ("Von
    Eva Kirchner-Rätsch Das Hotel ...", fundus): before a sentence-opening word of the
    article's language (credit_stops.tsv), read after the byline's word and the name's first."""
    stops = _credit_stops().get(language or "")
    return _before_stop_word(text, stops, 0, 2) if stops else len(text)


def _stop_word_end(text: str, stops: frozenset[str]) -> int:
    """Where a credit ends before a sentence-opening word ("Foto: City-Press Der EHC ..."):
    a stop word after the label's colon and the name's first word; len(text) when none."""
    label = _LABEL.match(text)
    if label is None:
        return len(text)  # not a labelled credit ("... sagte: ... / Reuters" is a caption)
    return _before_stop_word(text, stops, label.end(), 1)


def _before_stop_word(text: str, stops: frozenset[str], start: int, skip: int) -> int:
    """Where the text ends before the first of `stops` among its words from `start`, the first
    `skip` of them passed over (a credit's name, a byline's word and name), less the marks
    before it; len(text) when none."""
    for n, word in enumerate(_CREDIT_WORD.finditer(text, start)):
        if n >= skip and word.group(1).rstrip(":,.;!?") in stops:
            return len(text[:word.start()].rstrip(_CREDIT_TRAIL))
    return len(text)


TIMELINE_MIN_DATES = 3  # bare date lines of this many different dates in one text head a timeline's entries


def _bare_date(line: Line, leak: Leak | None) -> date | None:
    """The date of a line that is a date and nothing else ("October 1, 2019"), else None. A
    listing's stamps carry a time or a separator ("05/12/2020 - 15:10", "02.12.2022 |")."""
    if leak is None or leak.kind != "date":
        return None
    body = _LEAD.sub("", line.text).strip().rstrip(".")
    mentions = find_dates(body)
    if not mentions:  # a date line in another language's words (classify read it with local_date_line,
        return leak.published  # the line whole): a German TV schedule's "Freitag, 04. Februar 2022"
    return leak.published if mentions[0].end == len(body) else None


def _timeline_headings(read: Sequence[tuple[Line, Leak | None]]) -> bool:
    """Whether the text's bare date lines are the headings of a timeline ("February 4, 2021"
    / "October 28, 2020" / ... over a celebrity couple's story, each a paragraph's date): the
    article's structure, not a publication date the extractor left. A page keeps its own date
    once or twice (published, updated); a timeline dates many entries. Read on GossipCop's
    pages of FakeNewsNet: 8 of 25 metadata.leak findings were two timelines' headings
    (docs/measurements/precx.md). Entries written "Oct. 6, 1923: First football game. ..." date
    a timeline too (the Los Angeles Times's history of the Coliseum, Fundus's pages: precn.md).
    A listing of other articles stamps its items with a time or a separator, so its lines stay
    metadata."""
    dates = {d for line, leak in read if (d := _bare_date(line, leak)) is not None}
    entries = {d for line, _ in read if (d := _entry_date(line)) is not None}
    return len(dates | entries) >= TIMELINE_MIN_DATES


ENTRY_DATE_MAX_CHARS = 24  # "Sept. 29, 1946:", "14 September 2021:": a timeline entry's date and colon


def _entry_date(line: Line) -> tuple[int, int, int] | None:
    """(year, month, day) of a line that opens with a full date and a colon ("Jan. 14, 1973: Super
    Bowl VII. ..."), else None."""
    text = _LEAD.sub("", line.text)
    colon = text.find(":", 0, ENTRY_DATE_MAX_CHARS)
    if colon < 0:
        return None
    head = text[:colon].rstrip()
    mentions = find_dates(head)
    if not mentions or mentions[0].start != 0 or mentions[0].end != len(head) or mentions[0].year is None:
        return None
    return mentions[0].year, mentions[0].month, mentions[0].day


@lru_cache(maxsize=1)
def _letter_opener() -> re.Pattern[str]:
    """audit/data/letter_openers.txt as one pattern: how a letter goes on after its date."""
    words = literal_alternation("letter_openers.txt")
    return re.compile(rf"(?:{words})\b", re.IGNORECASE)


# A schedule's entry under its day: a clock time within its first words, maybe its zone, then a mark and
# the event's words ("15:55 WIB | Free Practice 1", "Pukul 16.00 WIB: Free Practice 1", "7:30 pm - Doors
# open"). A stamp's time stands alone ("01:52 PM EDT", ", 16:37 Uhr": a post's date and time, metadata),
# as does a range ("13:30 - 17:45"), and "04.04.2020" is a date, not a time.
_TIMED_ENTRY = re.compile(r"\W*(?:[^\W\d]+\s+){0,2}\d{1,2}[:.]\d{2}(?![.:]?\d)(?:\s*[A-Za-z.]{2,5})?\s*[|:–—-]\s*[^\W\d_]")


LINK_TAIL_LINES = 3  # short lines a note cut at its links may go on over ("di sini" / "dan" / "di sini.")
LINK_TAIL_WORDS = 3


_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def _year_follows(read: Sequence[tuple[Line, Any, Leak | None]], k: int) -> bool:
    """Whether a stamp or date on a line of its own goes on to the next line, a year alone:
    "POSTED: 7:54 am EST January 23," / "2008" (CNN's pages of 2008 in L3S's set: the year was
    left in the text, a reader: partly)."""
    line, _, leak = read[k]
    if leak is None or leak.kind not in ("stamp", "date") or line.piece or k + 1 >= len(read):
        return False
    following, _, its_leak = read[k + 1]
    return (line.text.rstrip().endswith(",") and its_leak is None and not following.piece
            and _YEAR.fullmatch(following.text.strip()) is not None)


def _link_tail(read: Sequence[tuple[Line, Any, Leak | None]], k: int) -> int:
    """The index after the last line that a note on line k goes on over: the short lines of the
    links it was cut at, up to the one that ends it ("Artikel ini telah naik di" / "detikJabar.";
    "... Selengkapnya klik di" / "sini."; id_news, a second reader: 8 of 15 notes stopped short).
    k + 1 when the note ends on its own line or nothing short and ending follows."""
    if _ENDS_SENTENCE.search(read[k][0].text):
        return k + 1
    for j in range(k + 1, min(len(read), k + 1 + LINK_TAIL_LINES)):
        line, _, leak = read[j]
        if leak is not None or line.words > LINK_TAIL_WORDS:
            break
        if _ENDS_SENTENCE.search(line.text):
            return j + 1
    return k + 1


def _heads_its_text(read: Sequence[tuple[Line, Any, Leak | None]], k: int) -> bool:
    """Whether line k, a bare date, heads the text's own words rather than stamping the page:
    a letter the text quotes, whose next line opens as a letter does after its date ("The
    Honorable Ken Salazar", "Dear Secretary Sebelius"), or a schedule's day, whose next line is
    an entry with its time (id_news: "Jumat, 20 Juni 2025" / "15:55 WIB | Free Practice 1" in a
    race's broadcast schedule, 9 such days, none a stamp the extractor left)."""
    if k + 1 >= len(read) or _bare_date(read[k][0], read[k][2]) is None:
        return False
    after = read[k + 1][0].text
    return _letter_opener().match(_LEAD.sub("", after)) is not None or _TIMED_ENTRY.match(after) is not None


@lru_cache(maxsize=1)
def _contact_prompt() -> re.Pattern[str]:
    """audit/data/contact_prompts.txt as one pattern: what the line above an author's handle says."""
    words = literal_alternation("contact_prompts.txt")
    return re.compile(rf"\b(?:{words})\b", re.IGNORECASE)


_ENDS_SENTENCE = re.compile(r"[.!?…][\"”’»)]*\s*$")


def _lone_handle(read: Sequence[tuple[Line, Any, Leak | None]], k: int) -> bool:
    return read[k][2] is not None and read[k][2].kind == "contact" and _LEAD.sub("", read[k][0].text).startswith("@")


def _tweets_handle(read: Sequence[tuple[Line, Any, Leak | None]], k: int) -> bool:
    """Whether line k, a lone @handle, is a word of a quoted tweet, not the author's contact:
    beside another lone handle (a tweet's mentions), or inside a sentence cut at its link (the
    line above ends no sentence and asks nobody to follow anyone: `contact_prompts.txt`)."""
    if not _lone_handle(read, k):
        return False
    if (k > 0 and _lone_handle(read, k - 1)) or (k + 1 < len(read) and _lone_handle(read, k + 1)):
        return True
    before = read[k - 1][0].text if k > 0 else ""
    return bool(before.strip()) and not _ENDS_SENTENCE.search(before) and not _contact_prompt().search(before)


_CODE_FOLLOWS = re.compile(r"\s*(?:async\s+def|def|class)\s+\w|\s*@\w")  # a Python decorator's next line


def _not_a_contact(read: Sequence[tuple[Line, Any, Leak | None]], k: int) -> bool:
    """Whether line k, a lone address or @handle, belongs to the text around it: a code
    listing's decorator ("@classmethod" above "def setUpClass(cls):", trafilatura's
    caktusgroup page), or the address a sentence above announces ("... a mis en place une
    boîte mail dédiée :" / "suivi.reformes.blanquer@gmail.com", its sauvonsluniversite page:
    a prose line of 8 words or more ending in a colon, asking nobody to follow or write to
    an author)."""
    found = read[k][2]
    if found is None or found.kind != "contact" or len(read[k][0].text.split()) != 1:
        return False
    if k + 1 < len(read) and _CODE_FOLLOWS.match(read[k + 1][0].text):
        return True
    before = read[k - 1][0].text.rstrip() if k > 0 else ""
    return before.endswith(":") and len(before.split()) >= 8 and not _contact_prompt().search(before)


# A unit holding this many reading-time stamps is a list of teasers, each headline with its
# source and reading time ("TRENDING MAFS' Melinda Willis' huge transformation ... Yahoo
# Lifestyle · 2-min read Dire warning before New Year's Eve NCA NewsWire · 2-min read ...",
# Yahoo in Webz.io's set): chrome as a whole (boilerplate.line), not metadata in prose.
TEASER_LIST_STAMPS = 2


@lru_cache(maxsize=1)
def _reading() -> re.Pattern[str]:
    """metadata_inline.tsv's reading-time stamp alone ("2-min read"): one spelling of it."""
    (regex,) = [row.split("\t")[2] for row in data_rows("metadata_inline.tsv") if row.startswith("reading\t")]
    return re.compile(regex)


def teaser_list(text: str) -> bool:
    """Whether the text holds TEASER_LIST_STAMPS reading-time stamps or more: asked by
    boilerplate.line (the line is chrome) and here (its stamps are not metadata) alike."""
    return "read" in text and len(_reading().findall(text)) >= TEASER_LIST_STAMPS


_CLOCK = re.compile(r",?\s*(?:at\s+|um\s+)?\d{1,2}[:.]\d\d(?:\s*[AaPp]\.?[Mm]\.?|\s+Uhr\b)?(?:\s+[A-Z]{2,4}\b)?")


_SEPARATORS = "-|–—·• "


# A photo's date and its photographer's e-mail closing a caption line ("... 성묘를 하고 있다.
# 2022.01.23. lmy@newsis.com", "... 행진을 하고 있다. 2021.12.23 jin90@yna.co.kr", "... (사진=서울시
# 제공) 2021.12.21. photo@newsis.com"): Newsis's and Yonhap's photo captions, 295 lines of ko_news
# none found. The credit alone: in a photo story the caption before it is the story.
_MAILED_CREDIT = re.compile(
    r"(?:^|(?<=\s)|(?<=[.)\]]))(?:\((?:사진|자료)\s?=[^()]{1,40}\)\s*)?\d{4}[./]\s?\d{1,2}[./]\s?\d{1,2}\.?\s*"
    r"(?:\[[^\[\]]{1,40}\]\s*)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+\s*(?:\*\s?재판매 및 DB 금지\s*)?$")


def mailed_credit(text: str) -> list[tuple[int, int, Leak]]:
    """A photo's date and e-mail credit ending a line (`_MAILED_CREDIT`), as an inline leak."""
    if "@" not in text:
        return []
    m = _MAILED_CREDIT.search(text)
    return [(m.start(), len(text.rstrip()), Leak("credit"))] if m is not None and m.start() > 0 else []


def opening_stamp(text: str) -> list[tuple[int, int, Leak]]:
    """The date and time that open an article's first line before its first sentence, with
    no label ("Thursday, December 28th 2023, 3:23 pm It didn't guarantee the Cowboys ...": a
    news9.com page of Webz.io's set). The time is required: a sentence may open with a date
    ("December 28, 2023 was the coldest day ..."), not with a date and a clock time."""
    head = text[:12].split()
    first = head[0].strip(",.").lower() if head else ""
    if not (first[:1].isdigit() or first in CALENDAR_WORDS):
        return []  # most articles: no date opens them (find_dates is the dearer question)
    mentions = find_dates(text[:80])
    if not mentions or mentions[0].start != 0 or mentions[0].year is None:
        return []
    clock = _CLOCK.match(text, mentions[0].end)
    if clock is None:
        return []
    rest = text[clock.end():].lstrip()
    after = rest.lstrip(_SEPARATORS)[:1]  # "02.02.2022 10:16 Uhr - 1. Bundesliga - ...": a rubric follows
    if not (after.isupper() or (after.isdigit() and rest[:1] in _SEPARATORS)):
        return []
    return [(0, clock.end(), Leak("stamp", published=mentions[0].to_date() or None))]


def _finding(article: Article, start: int, end: int, msg: str, leak: Leak) -> Finding:
    data: dict[str, Any] = {"kind": leak.kind}
    if leak.author:
        data["author"] = leak.author
    if leak.published:
        data["published"] = leak.published.isoformat()
    return span_finding(article, CHECK, start, end, msg, data=data)


# WordPress feeds' footer ("The post <title> appeared first on <site>."): the segmenter cuts
# the title out as a run of Title Case, so no unit holds it whole (FakeNewsCorpus, flat: 7 of
# 7 missed). Read on the whole text; the site's name ends at a full stop within 60 characters.
_FEED_FOOTER = re.compile(r"\bThe post [^\n]{2,200}? appeared first on [^\n]{2,60}?(?:\.(?=\s|$)|$)")
# A contributors' credit, read on the whole text too: in flat text the segmenter cuts its names
# as a run of Title Case, and the unit that held "contributed to this report." began at the last
# name ("Salaheddin contributed to this report.": 12 of about 60 flat credits on 9 corpora). From
# a line's or a sentence's start (or a wire story's "___" or dash, "—Steve Eder, Erica E. Phillips
# and ...") to its full stop.
_CONTRIBUTORS = re.compile(r"(?:^|(?<=\n)|(?<=[.!?\"”’)] )|(?<=[_—–-] )|(?<=[_—–]))[A-Z](?:[^.!?\n]|(?<=\b[A-Z])\.){1,200}? "
                           r"contributed (?:reporting )?to this (?:report|story|article)(?: from [^.!?\n]{2,60})?(?:\.|(?=\n)|$)")


# A story's closing credit with its date, in parentheses after a sentence end or on a line of
# its own: "... stemmen dürfen. (APA, 5.9.2015)", "(red, 16. 5. 2016)", "(APA/dpa, 23.8.2015)",
# "(Birgit Baumann aus Berlin, Anna Giulia Fink, 3.5.2024)": DER STANDARD's, and the Austrian and
# German agencies' (10kGNAD, 1,028 articles: 98 such credits, none found; fundus: 1). The date is
# the article's (a record without one gets it, as from a byline's). Only a numeric day-first
# date, whole: a month name's form is how a blog cites its quotes' sources ("... 'not
# Christian'. (Reuters, Jan. 12, 2018)", FakeNewsCorpus: 3), and a citation inside a sentence
# comes before its full stop.
_DATED_CREDIT = re.compile(r"(?:(?<=[.!?\"”“»«)\n])|(?<=[.!?\"”“»«)] )|(?<=[.!?\"”“»«)]  ))"
                           r"\((?P<by>[^\W\d_][^()\d\n]{0,80}?)[,;] ?(?P<on>\d{1,2}\. ?\d{1,2}\. ?(?:19|20)\d\d)\)(?=\s|$)")
_CREDIT_YEAR = re.compile(r"\. ?(?:19|20)\d\d\)")  # what every such credit holds: texts without it are not read
# Bloomberg's closing contacts ("To contact the reporter on this story: Ann Koh in Singapore at
# akoh15@bloomberg.net To contact the editors responsible for this story: Serene Cheong at ...,
# Ben Sharples"), each run into the next and into "For more articles like this, please visit us
# at bloomberg.com ©2019 Bloomberg L.P.": no full stop ends them, so no unit holds one alone
# (yahoo_flat: 553 of its stories close so, 401 of them unfound; a read of session 40). The
# contacts from the first label to what follows the last one's names, with the site's prompt
# and copyright that close them, read on the whole text; a stamp, a column's disclaimer or a
# table's bar after them is not theirs ("... at hsmith26@bloomberg.net Last Updated: January
# 11, 2008 11:43 EST": l3s, whose stamp dates it).
_CONTACTS = re.compile(r"(?:^|(?<=\s))To contact the (?:reporters?|editors?|writers?|authors?)(?: responsible for| on| of)"
                       r" this (?:story|article|report)\s*:[^\n]{2,400}?(?=\s*(?:\.\s+)?(?:For more articles like this|©"
                       r"|(?:Last )?Updated|Published|This column|\|)|\n|$)"
                       r"(?:\s*For more articles like this, please visit us at [\w.]*\w)?(?:\s*©\s?(?:19|20)\d\d Bloomberg L\.P\.)?")
# Bloomberg's contributors' credit before them: "--With assistance from James Thornhill."
_ASSISTED = re.compile(r"(?:^|(?<=\s))-{1,2}\s?With assistance (?:from|by) [^.!?\n]{2,200}\.")


# A wire's credit in parentheses ("(Reporting by Greg Roumeliotis, Joshua Franklin, Koh Gui Qing,
# with reporting by Herb Lash and Megan Davies, editing by Martin Howell.)", VentureBeat's Reuters
# copy in the Zyte set), read on the whole text: units cut long runs of names ("... Koh Gui" /
# "Qing, ..."), and the inline pattern of metadata_inline.tsv then saw no closing bracket.
_WIRE_CREDIT = re.compile(r"\((?:[Aa]dditional [Rr]eporting|Reporting|Writing|Editing) by [^()\n]{2,250}\)")


# Footers that take only the units inside them: the unit they end in may hold more metadata
# (a dated credit's sentence; Bloomberg's contacts run into "Last Updated: ..." on l3s pages).
_OWN_UNITS = frozenset({"byline", "contact"})


def text_leaks(text: str) -> list[tuple[int, int, Leak]]:
    """Where the text holds a feed's footer, a contributors' credit or a dated closing
    credit, and what each is, in order: read on the whole text, where units may cut them
    (most texts hold none: substring tests first)."""
    found = [(*m.span(), Leak("syndication")) for m in _FEED_FOOTER.finditer(text)] if "appeared first on" in text else []
    if " contributed " in text:
        found += [(*m.span(), Leak("contributor")) for m in _CONTRIBUTORS.finditer(text)]
    if "To contact the " in text:
        found += [(*m.span(), Leak("contact")) for m in _CONTACTS.finditer(text)]
    if "eporting by " in text or "diting by " in text or "riting by " in text:
        found += [(*m.span(), Leak("contributor")) for m in _WIRE_CREDIT.finditer(text)]
    if "With assistance " in text:
        found += [(*m.span(), Leak("contributor")) for m in _ASSISTED.finditer(text)]
    if ")" in text and _CREDIT_YEAR.search(text):
        for m in _DATED_CREDIT.finditer(text):
            mentions = find_dates(m.group("on").replace(" ", ""))  # "16. 5. 2016" too
            day = mentions[0].to_date() if len(mentions) == 1 and mentions[0].year is not None else None
            if day:  # "(APA, 31.9.2015)" names no day: left alone
                found.append((*m.span(), Leak("byline", author=_person(m.group("by").strip()), published=day)))
    return sorted(found, key=lambda leak: leak[:2])


_DI = re.compile(r"\s*di\s", re.IGNORECASE)
DI_BYLINE_LANGUAGES = frozenset({"it"})  # "di Mario Rossi", Italian's "by"


def _by_di(text: str, language: str | None) -> bool:
    """Whether a byline's "by" is "di" in a text not in Italian: there "di" is Indonesian's and
    Malay's "in, at" ("di Pulau Gag,", "Di Thailand, New Honda PCX": 6 of 12 metadata.leak
    findings on Indonesian news, thirty-second session) or a name ("Di Ca", Vietnamese)."""
    return language not in DI_BYLINE_LANGUAGES and _DI.match(text) is not None


def find_metadata_leaks(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per metadata line (or span inside running text), with what it says in `data`."""
    whole = _inline()[2]
    for article, lines in iter_spans(articles):
        # spans are parts of the text: what the text cannot hold, none of them holds
        fixed = whole.narrow(article.text or "") if whole is not None else None
        scan = whole is None or fixed is not None
        read = []
        for k, line in enumerate(lines):
            inline = list(inline_leaks(line, fixed)) if scan and line.piece else []
            leak = None if inline else classify(line)  # in running text the exact span first
            if leak is not None and leak.kind == "byline" and _by_di(line.text, article.language):
                leak = None
            if leak is None and scan and not line.piece:
                # a whole line that is no metadata line may hold metadata as a piece of running
                # text does: a caption line and its credit ("... in Washington, DC. Photograph:
                # Chip Somodevilla/Getty Images", 24 words; "... Taylor Swift (Picture:
                # Rex/Shutterstock)"), which text with line breaks keeps on one line
                inline = list(inline_leaks(line, fixed))
            if leak is None and not inline and (k == 0 or (k == 1 and lines[0].headline)):
                inline = opening_stamp(line.text)
            if leak is None and not inline:
                inline = mailed_credit(line.text)
            read.append((line, inline, leak))
        timeline = _timeline_headings([(line, leak) for line, _, leak in read])
        footers = text_leaks(article.text or "")
        told = 0  # footers found so far, each before the first unit it covers
        carried = 0  # lines a syndication note took into its span (the link it was cut at)
        for k, (line, inline, leak) in enumerate(read):
            if k < carried:
                continue
            while told < len(footers) and footers[told][0] < line.end:  # a footer across units: once, whole
                start, end, found = footers[told]
                told += 1
                text = article.text[start:end]
                said = f" (author: {found.author})" if found.author else ""
                yield _finding(article, start, end, f"{text[:80]!r} is {what_it_is(text, found.kind)}{said} "
                               "left in the body by the extractor, not article text.", found)
            if footers and any(start < line.end and line.start < end and (found.kind not in _OWN_UNITS or
                                                                          (start <= line.start and line.end <= end))
                               for start, end, found in footers):
                continue  # (its units: "The post", the title, "appeared first on <site>."; a credit's own unit)
            if timeline and (_bare_date(line, leak) is not None or (leak is not None and leak.kind == "date"
                                                                      and _entry_date(line) is not None)):
                continue  # a timeline's heading or an entry's date, the article's own structure
            if leak is not None and leak.kind == "date" and line.headline:
                continue  # a page whose headline is its date (g1's digests: title and slug "Quinta-feira,
                # 17 de agosto de 2017"), not a stamp left by the extractor (a held-out read, 20 of 20)
            if _heads_its_text(read, k):
                continue  # a quoted letter's date, the letter's text; a schedule's day, its heading
            if _tweets_handle(read, k) or _not_a_contact(read, k):
                continue  # "Oggi con" / "@ale_dibattista": a quoted tweet's words; a decorator
            if leak is not None:
                cut = caption_start(line.text) if leak.kind == "credit" else 0
                stop = (caption_end(line.text, article.language) if leak.kind == "credit" and line.piece
                        else byline_end(line.text, article.language) if leak.kind == "byline" and line.piece
                        else len(line.text))
                if cut or stop < len(line.text):
                    shown = replace(line, start=line.start + cut, end=line.start + stop, text=line.text[cut:stop])
                    if leak.kind == "byline":  # its author read from the byline alone, not the words after it
                        leak = _classify(shown.text, False) or leak
                else:
                    shown = line
                if leak.kind == "syndication" and shown is line and (carried := _link_tail(read, k)) > k + 1:
                    last = read[carried - 1][0]
                    shown = replace(line, end=last.end, text=article.text[line.start:last.end])
                elif shown is line and _year_follows(read, k):
                    year = read[k + 1][0]
                    shown = replace(line, end=year.end, text=article.text[line.start:year.end])
                    leak = _classify(f"{line.text} {year.text}", False) or leak  # its date, the year known
                    carried = k + 2
                yield _finding(article, shown.start, shown.end, message(shown, leak), leak)
                continue
            if inline and teaser_list(line.text):
                inline = [x for x in inline if x[2].kind != "reading"]  # a teaser list: boilerplate.line's
            for start, end, found in inline:
                text = line.text[start:end]
                msg = (f"{text[:80]!r} is {what_it_is(text, found.kind)} left inside the "
                       f"running text by the extractor, not article text.")
                yield _finding(article, line.start + start, line.start + end, msg, found)
