"""Candidate spans of running text: chrome checks on articles without line breaks.

Scraped corpora often hold an article as one paragraph: the menu, the headline, the body,
an inline "READ MORE: <headline>" teaser, "Share this slide" and the comments all run
together. The chrome checks decide per unit; here a long line is cut into spans at
- sentence ends (not after "Mr." or "U.S."),
- inline chrome markers (`audit/data/chrome_markers.tsv`, one Aho-Corasick pass over the
  line): a marker alone ("Share this slide", "Print this story") is a span of its own, a
  teaser marker ("READ MORE:", "Related Links") runs on over the headline or link text
  after it,
- the article's title where it occurs (the headline stays a span of its own: content),
- runs of Title-Case link text at the start of a sentence ("Home World Politics ...").
Short lines stay whole, so text with one block a line is judged line by line as before.
Every step is one pass over the text: no cost grows with the square of its length.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlparse

import ahocorasick

from audit.detect.leakage.chrome_lines import (
    SENTENCE_KINDS,
    Line,
    PhraseHit,
    data_rows,
    make_line,
    phrase_table,
    physical_lines,
)
from audit.detect.leakage.pieces import piece_lines
from audit.model import Article
from audit.normalise import dates
from audit.normalise.text import strip_accents

SPLIT_MIN_WORDS = 40  # a line with more words is cut into spans (a paragraph, a flattened page)
TITLE_RUN_MIN = 6  # capitalised words in a row at a sentence start that make link text
TEASER_MAX_WORDS = 25  # a teaser's headline is at most this long
SUBJECT_MAX_WORDS = 3
SLUG_MIN_WORDS = 3  # a URL slug with fewer words names no headline
SLUG_FIGURE_MAX = 4  # digits of a number a slug keeps (a year, "caixa-2"); a longer one is an id
HEADLINE_COVER = 0.8
SEGMENT_CACHE = 1024  # articles whose units are kept: more than a worker's batch (BATCH_SIZE)
HEADLINE_MAX_WORDS = 30  # a headline line is at most this long
SLUG_LINE_SHARE = 0.5  # ... and at least this share of its words are slug words  # a line is the headline when the title or slug words cover this much of it
SLUG_NOISE = frozenset(["html", "htm", "php", "amp", "index", "www"])
# Words a slug holds that a headline may hold too ("... discurso sobre fake news.": a slug without
# "news" left "news." a span of its own, read as a section label), not counted as naming one
SLUG_WORDS_UNCOUNTED = frozenset(["story", "article", "news"])
_NUMBERED = re.compile(r"([^\W\d_]{3,})\d{1,3}|(\d{1,4})[^\W\d_]")  # "brasil23"; "2017a"
# Video and audio labels: what follows is a Title-Case title (a teaser) or the embedded
# post's own words ("Watch:Gillibrand called on ...", a tweet's text: ISOT 2017), which
# the label's span does not take.
MEDIA_LABELS = frozenset(["watch:", "listen:"])
# Labels that also end a name when written Title-case after a capitalised word: "according
# to Human Rights Watch:The government ..." (ISOT 2017), "features to the Apple Watch:
# Sleep tracking" (Yahoo Finance 2019). "MUST WATCH:" and "Related Stories WATCH:" stay labels.
NAME_ENDINGS = frozenset(["watch:"])
_NAME_BEFORE = re.compile(r"(?<![\w'’&.-])[A-Z][\w'’&-]* $")

# A sentence ends at . ! ? (closing quotes kept) before a space and an upper-case start, a
# caseless script's letter (Korean, Japanese, Chinese with spaces) or ©, also after a list
# dash ("... really lucky. - NASA Europa Mission ...": a teaser list run on) or an em dash
# ("... di Vignola. — © RIPRODUZIONE RISERVATA": the Gazzetta di Modena's closing copyright,
# DICE's Italian news, 10 of 804 articles, was one unit with the story's last sentence). Written
# "[.!?…][.!?…]*", not "[.!?…]+": the same matches, but a pattern that opens with a
# character class lets the engine skip to the next mark in C (half the scan's time).
# Or with its space lost, before a capitalised word ("... read more.On Tuesday", "... is
# vile.Featured image via ..."), when two lower-case letters end the sentence (sentence_ends):
# a flattened corpus glues its paragraphs so (ISOT's Fake.csv: 7,172 in 1,413 articles).
# Also before a parenthesis that opens a capitalised word: a wire story's update note glued to
# its last sentence ("They have declined 29% this year.(Adds other companies ...)For more
# articles like this, ...": Bloomberg on Yahoo Finance, where the closing promo's unit took the
# story's last sentence with it, 23 spans).
# The capitals past À-Ý that open a sentence: Latin Extended (Vietnamese "Đ", "Ư", "Ơ", "Ắ";
# Polish "Ś", "Ż"; Turkish "Ş", "İ"; Romanian "Ș") and Greek. Without them a Vietnamese story
# was not cut before "Đó là ..." (vi_news: 95-word pieces of three sentences, read as no prose, so
# the sentences before a closing prompt were called the page's tail). Listed one by one: those
# blocks alternate capital and small letters, and a small one after a full stop is no sentence.
_MORE_CAPITALS = "".join(chr(c) for c in [*range(0x100, 0x250), *range(0x370, 0x400), *range(0x1E00, 0x1F00)]
                         if chr(c).isupper())
_AFTER_MARK = (r"[.!?…]*[\"'”’)\]]*(?:\s+(?=(?:[-–—•]\s+)?(?:[\"“‘'(\[]?[A-Z0-9À-ÝА-ЯЁ" + _MORE_CAPITALS
               + r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]|©))"
               r"|(?=\(?[A-Z" + _MORE_CAPITALS + r"][^\W\d_A-Z]|©\s))")  # glued: "more.On", "anlaştı.İspanyol", "Mursaleen.© ...", "year.(Adds"
_SENTENCE_END = re.compile(r"[.!?…]" + _AFTER_MARK)
# _SENTENCE_END for a line whose only sentence mark is the full stop: the same matches, found
# faster (a pattern opening with one literal character lets the engine skip to it with a
# tight loop; with a class it tests the class at every character, 14% of the segmentation).
_DOT_END = re.compile(r"\." + _AFTER_MARK)
_WORD = re.compile(r"\S+")
_BULLET_START = re.compile(r"[-–—•·*>]\s")
_SLUG_WORD = re.compile(r"[^\W_]+")
_NON_ALNUM = re.compile(r"[\W_]+")
# Not sentence ends: titles, initials, months and "U.S." (from the seeds and the Zyte pages).
ABBREVIATIONS = frozenset(
    ["mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col", "capt", "sgt", "prof", "rev", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m"])
# Continental abbreviations that never end a sentence ("Urheberrecht bzw. Copyright (all rights
# reserved)": a German page cut there and read the rest as a footer; precision-multilingual.md).
ABBREVIATIONS = ABBREVIATIONS | frozenset(
    ["bzw", "vgl", "ca", "nr", "evtl", "ggf", "inkl", "zzgl", "bzgl", "sog", "hrsg", "z.b", "u.a", "d.h", "u.u",
     "mme", "mlle", "sra", "srta", "dña", "avda", "sig", "dott", "mio", "mrd",
     # Portuguese addresses and titles: "Av. Pompeia, 2.517", "Al. Santos", "Jd. Europa", "Dra. Ana"
     # (Fake.Br's Estadão listings were cut there, and "Av." recurred as chrome in 5 articles)
     "av", "al", "jd", "dra",
     # Turkish titles and "etc.": "Doç. Dr. Ata" (an associate professor: "Doç." was cut off and
     # recurred as chrome in 6 articles of a Turkish daily), "Yrd. Doç.", "Uzm. Dr.", "vb.", "bkz."
     "doç", "yrd", "uzm", "vb", "bkz"])
# Written in capitals only, so read as written: French "MM." (Messieurs) before names ("MM.
# Gbagbo et Blé Goudé resteront sous la garde de la CPI": La DH, 2019, cut there, and "MM."
# then recurred as chrome; precde.md), where the lower-case "mm." ends a sentence on millimetres.
CASED_ABBREVIATIONS = frozenset(["MM"])
ABBREVIATION_MAX = max(map(len, ABBREVIATIONS | CASED_ABBREVIATIONS))  # letters: a word of more is none of them
# A day or an ordinal written with a dot ("am 6. September 1944", "12. Januar 2022", "des 20.
# Jahrhunderts"): not a sentence end when a month name follows, or one of these German
# words (articles, prepositions with an article) stands before the figure. A sentence that
# ends on a figure ("stieg auf 12. Die Polizei") has none of them.
ORDINAL_BEFORE = frozenset(["im", "vom", "zum", "beim", "des", "dem", "den", "der", "die", "das", "zur", "ins"])
MONTHS = frozenset(
    ["januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
     "november", "dezember", "janvier", "février", "mars", "avril", "juin", "juillet", "août", "septembre",
     "octobre", "novembre", "décembre", "januari", "februari", "maart", "mei", "augustus", "marts", "maj",
     "january", "february", "march", "june", "july", "october", "december"])
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_LETTERED_ORDINAL = re.compile(r"\d{1,3}[aoªº]")  # "13a.", "1o.", "2ª." (Fake.Br: "[para a 13a. Vara de Curitiba]")
RANK_BEFORE = frozenset(["-", "–", "—"])  # a list dash before a figure and its dot: a rank ("– 3. Andreas")
DAY_MAX, MONTH_MAX = 31, 12
_MONTH_FIGURE = re.compile(r"\d{1,2}\.")  # "9." after the day of "30. 9. 2015"
_DAY_FIGURE = re.compile(r"\d{1,2}\.")
_YEAR = re.compile(r"\d{4}\b")
SMALL_WORDS = frozenset(
    ["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "nor", "but", "with", "by", "from", "as", "vs", "after", "before", "over", "under", "into", "onto", "about", "amid", "against", "between", "than", "via", "per", "up", "out", "off", "is", "are", "was", "be", "&", "|", "-", "–", "—", "·", "•", "/"])
# ... and those of other languages, which a headline holds between its slug's words ("Coreia do
# Sul diz ...": the slug drops "do"; Fake.Br's diariodobrasil): a slug's run goes on over them.
SLUG_SMALL_WORDS = SMALL_WORDS | frozenset(
    ["de", "do", "da", "dos", "das", "del", "della", "di", "du", "des", "la", "le", "les", "el", "los", "las",
     "o", "os", "e", "y", "et", "em", "no", "na", "nos", "nas", "ao", "aos", "à", "às", "um", "uma", "en", "au",
     "aux", "und", "der", "die", "das", "im", "am", "zu", "van", "het", "een", "il", "lo", "gli", "al"])
# Titles before a name: the subject of a sentence starts there ("President Vladimir Putin said").
TITLE_WORDS = frozenset([
    "president", "prime", "minister", "chancellor", "secretary", "senator", "sen", "rep", "governor",
    "gov", "mayor", "king", "queen", "prince", "princess", "pope", "general", "gen", "judge", "mr",
    "mrs", "ms", "dr", "sir", "lord", "lady", "officer", "chief", "coach", "ceo"])
# Capitalised words that start a sentence rather than continue a headline.
SENTENCE_STARTERS = frozenset(
    ["the", "a", "an", "he", "she", "it", "they", "we", "i", "this", "that", "these", "those", "his", "her", "its", "their", "in", "on", "at", "but", "and", "as", "when", "while", "after", "before", "if", "there", "here", "what", "why", "how", "mr", "mrs", "ms", "dr"])


@dataclass(frozen=True)
class Marker:
    """One inline chrome marker found in a line: where it is and how far it reaches."""

    start: int
    end: int
    kind: str
    extent: str  # alone, teaser
    phrase: str


@lru_cache(maxsize=1)
def _markers() -> ahocorasick.Automaton:
    """The marker phrases of `chrome_markers.tsv` in one automaton (value: kind, extent, phrase)."""
    automaton = ahocorasick.Automaton()
    for row in data_rows("chrome_markers.tsv"):
        kind, extent, phrase, _source = row.split("\t")
        automaton.add_word(phrase.lower(), (kind, extent, phrase.lower()))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _line_phrases() -> ahocorasick.Automaton:
    """The markers and the phrase list's "contains" phrases in one automaton: one pass over a
    long line finds its markers, whether a span's key can hold a "contains" phrase, and where
    a phrase that decides alone starts (value: the marker's (kind, extent, phrase) or None,
    whether it is a contains phrase, and its length if it is one of SENTENCE_KINDS, else 0)."""
    markers = dict(_markers().items())
    table = phrase_table()
    contains = set(table.contains)
    automaton = ahocorasick.Automaton()
    for phrase in markers.keys() | contains:
        deciding = any(hit.mode == "contains" and hit.kind in SENTENCE_KINDS for hit in table.entries.get(phrase, ()))
        automaton.add_word(phrase, (markers.get(phrase), phrase in contains, len(phrase) if deciding else 0))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _unscreened() -> bool:
    """Whether a contains phrase holds ":" or a sigma: it may be in a span's key and not in
    the lowered line (" :" becomes ":" in a key; a sigma's lower form depends on what follows)."""
    return any(frozenset(":σςΣ") & set(phrase) for phrase in phrase_table().contains)


def scan_line(line: str) -> tuple[list[Marker], bool, list[int]]:
    """A long line's markers (as find_markers), whether a "contains" phrase of the phrase
    list is in it, and where the phrases of SENTENCE_KINDS start (`_first_opens`). The
    second is True as well when the line's str.lower is longer than the line (a character
    lowered to two, as "İ": a span's key is lowered by str.lower, the markers are looked for
    in _lower's same-length form) or a contains phrase holds ":" or a sigma."""
    return scan_lowered(line, line.lower())


def scan_lowered(line: str, lowered: str) -> tuple[list[Marker], bool, list[int]]:
    """scan_line, given line.lower() (the caller keeps it for the spans' keys)."""
    exact = len(lowered) == len(line)  # then _lower(line) is `lowered`
    raw, contains, opens = [], False, []
    for end, (marker, inside, deciding) in _line_phrases().iter(lowered if exact else _lower(line)):
        if marker is not None:
            raw.append((end, marker))
        contains = contains or inside
        if deciding:
            opens.append(end - deciding + 1)
    return _markers_in(line, raw), contains or not exact or _unscreened(), opens


_UNSEEN_STOPS = frozenset(".!?…")


def _opens_span(line: str, start: int) -> bool:
    """Whether a phrase of SENTENCE_KINDS starting at `start` opens a span: it starts with a
    capital glued to the word before it, or after a full stop the splitter took for an
    abbreviation's. Yahoo Finance glues Bloomberg's close to the story ("... remains the
    biggest underweight globallyFor more articles like this, please visit us at bloomberg.com
    ...", "Trade Groups SayFor ...", "... Google, Temasek and Bain & Co. For more ..."): a span
    of 126 words, or the phrase inside a word, where a "contains" phrase does not count
    (yahoo_flat: 61 closes of 1,175 unflagged). Not after a label ("Disclaimer: The opinions
    expressed ...": one span), nor after a bracket ("(Updates ...)For more ...": the update
    note goes with the close), nor at the line's start (a cut already)."""
    if start == 0 or not line[start].isupper():
        return False
    if line[start - 1].isalnum():
        return True
    before = line[max(0, start - 3):start].rstrip()
    return bool(before) and before[-1] in _UNSEEN_STOPS


def _lower(text: str) -> str:
    """Lower case with the same length (a character whose lower form is longer stays)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def find_markers(line: str) -> list[Marker]:
    """Inline markers in a line, left to right, not overlapping (longest first at a place).

    A marker counts where it starts a word written upper-case ("Share this slide", not
    "share this slide with"; a lower-case one of 3+ words where a sentence could start)
    and ends a word; an "alone" marker must also be followed by
    an upper-case word, a digit, punctuation or the end ("Advertisement The president",
    not "Advertisement revenue fell").
    """
    return _markers_in(line, _markers().iter(_lower(line)))


def _markers_in(line: str, raw: Iterable[tuple[int, tuple[str, str, str]]]) -> list[Marker]:
    """find_markers' choice among the marker phrases found in the lowered line (end, value)."""
    found: list[Marker] = []
    for end, (kind, extent, phrase) in raw:
        start = end - len(phrase) + 1
        after = end + 1
        if start > 0 and line[start - 1].isalnum():
            continue
        if not line[start].isupper() and not (extent == "alone" and phrase.count(" ") >= 2
                                              and _sentence_start(line, start)):
            continue  # "back to top" written lower-case counts only where a sentence could start
        if after < len(line) and line[after].isalnum() and phrase[-1].isalnum():
            continue
        if extent == "alone" and not _free_after(line, after):
            continue
        if phrase in NAME_ENDINGS and _ends_name(line, start, after):
            continue
        found.append(Marker(start, after, kind, extent, phrase))
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Marker] = []
    for marker in found:
        if not kept or marker.start >= kept[-1].end:
            kept.append(marker)
    return kept


def _sentence_start(line: str, at: int) -> bool:
    before = line[max(0, at - 3):at].rstrip()
    return not before or before[-1] in ".!?:\"”’)]"


def _ends_name(line: str, start: int, end: int) -> bool:
    """Whether a label written Title-case ("Watch:") closes a name: a capitalised word and
    one space stand right before it ("Human Rights Watch:", "Apple Watch:")."""
    word = line[start:end - 1]
    return word[:1].isupper() and word[1:].islower() and bool(_NAME_BEFORE.search(line, max(0, start - 40), start))


def _free_after(line: str, at: int) -> bool:
    rest = line[at:at + 3].lstrip()
    return not rest or not rest[0].isalpha() or rest[0].isupper()


def _is_capitalised(word: str) -> bool:
    """Whether the word's first letter or digit is upper-case or a digit."""
    for c in word:
        if c.isalnum():
            return c.isupper() or c.isdigit()
    return False


CLOCK_WORDS = frozenset(["am", "pm", "a.m", "p.m"])  # after a figure: a time ("11:11 am."), not prose


def _clock(words: Sequence[re.Match[str]], i: int) -> bool:
    """Whether word i is a time's "am"/"pm" ("Last Updated December 28, 2023 11:11 am.", a CMS
    stamp of citynews.ca in Webz.io's set): the stamp's, not the first lower-case word of a
    sentence after a run of link text (that cut left "11:11 am." a unit of its own)."""
    return (i > 0 and words[i].group().lower().rstrip(".,;") in CLOCK_WORDS
            and words[i - 1].group()[:1].isdigit())


def _run_end(words: Sequence[re.Match[str]], first: int, limit: int) -> tuple[int, int]:
    """(index of the word that ends a Title-Case run starting at `first`, capitalised words in it).

    Small words ("of", "in", "&") stay in the run when a capitalised word follows.
    """
    i, caps = first, 0
    while i < min(len(words), limit):
        word = words[i].group()
        if _is_capitalised(word):
            caps += 1
        elif not _clock(words, i) and not (word.lower() in SMALL_WORDS and i + 1 < len(words) and _is_capitalised(words[i + 1].group())):
            break
        i += 1
    return i, caps


def _back_off(words: Sequence[re.Match[str]], first: int, stop: int) -> int:
    """Where a run ends once the capitalised subject of the next sentence is given back.

    The word before the first lower-case word is the next sentence's subject ("... Talks
    | Ankara has hosted"), with a title and name before it ("... Talks | President
    Vladimir Putin called"), or a sentence starter within three words ("| The two ...").
    """
    if stop >= len(words):
        return stop
    if stop - 2 > first and _clock(words, stop - 1):
        if not words[stop - 1].group().endswith(","):
            return stop  # "Posted by ... 2012 05:10 PM | digg this": the stamp ends with its time
        stop -= 2  # "... Home | As of 7.30 am, there are": the time is the sentence's, not its subject
    for j in range(stop - 1, max(first, stop - SUBJECT_MAX_WORDS - 1), -1):
        word = words[j].group()
        if _is_capitalised(word) and word.lower().strip("\"'“‘") in SENTENCE_STARTERS:
            return j  # "... US-Mediated Talks | The two countries agreed"
    j = stop - 1 if stop - 1 > first else stop
    for k in range(j - 1, max(first, stop - SUBJECT_MAX_WORDS - 1), -1):
        if words[k].group().lower().strip(".,") in TITLE_WORDS:
            return k  # the subject starts at its title
    if j < stop and _all_capitals(words[j].group()) and _dateline_mark(words, j, stop):
        # a dateline in capitals is given back whole: "NEW YORK -- It is HBO to go" (L3S-GN1,
        # flat: "NEW" was left at the end of the stamp's unit, and called chrome with it). Only
        # before a dateline's mark: a menu's last item before an acronym stays with the menu
        # ("Politics | TECH" / "FBI agents raided ...", a review's case)
        while j - 1 > first and stop - j < CAPITALS_OPENING_WORDS and _all_capitals(words[j - 1].group()):
            j -= 1
    return j


CAPITALS_OPENING_WORDS = 2  # "NEW YORK", "PALM DESERT"; more would take a byline's "THE PRESS-ENTERPRISE"
_DATELINE_DASHES = frozenset(["-", "--", "—", "–"])


def _dateline_mark(words: Sequence[re.Match[str]], j: int, stop: int) -> bool:
    """Whether the capitals ending at word j are a dateline's: a dash follows them, or they end
    with a colon or a comma ("KOLLAM:", "PALM DESERT, Calif.")."""
    return (stop < len(words) and words[stop].group() in _DATELINE_DASHES) or words[j].group()[-1:] in (":", ",")


def _all_capitals(word: str) -> bool:
    """Whether a word is two or more letters, all capitals ("YORK", "EDWARDS'")."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _title_follows(words: Sequence[re.Match[str]], first: int) -> bool:
    """Whether a Title-Case title (3+ capitalised words in a row) starts at word `first`."""
    return _run_end(words, first, min(len(words), first + TEASER_MAX_WORDS))[1] >= 3


def _teaser_end(line: str, words: Sequence[re.Match[str]], first: int) -> int:
    """Offset where a teaser's headline (starting at word `first`) ends."""
    limit = min(len(words), first + TEASER_MAX_WORDS)
    stop, caps = _run_end(words, first, limit)
    if caps >= 3:  # a Title-Case headline: up to the next sentence's subject
        end_word = _back_off(words, first, stop) if stop < limit else limit
    else:  # a sentence-case headline: up to a capitalised sentence starter
        end_word = limit
        # a headline's own "!" or "?" ahead: a capitalised word before it that is no sentence
        # starter is a name in the headline ("RELATED: Pat Benatar is moving on from her gorgeous
        # Maui home — see inside!", Postlight's fixtures: cut at "Maui"), not the story's next sentence
        bang = next((i for i in range(first + 2, limit) if words[i].group().rstrip("\"'”’)").endswith(("!", "?"))),
                    None)
        for i in range(first + 2, limit):
            word = words[i].group()
            if not _is_capitalised(word) or _is_capitalised(words[i - 1].group()):
                continue
            starter = word.lower().strip("\"'“‘") in SENTENCE_STARTERS
            if starter or (i + 1 < len(words) and not _is_capitalised(words[i + 1].group())):
                end_word = bang + 1 if bang is not None and bang >= i and not starter else i
                break
    return words[end_word - 1].end() if end_word > first else words[first].start()


def sentence_ends(line: str) -> list[int]:
    """Offsets where a sentence ends in a line (after its closing marks and spaces), not
    after an abbreviation or an initial."""
    ends: list[int] = []
    only_dots = "!" not in line and "?" not in line and "…" not in line  # 86% of c2000's paragraphs
    for m in (_DOT_END if only_dots else _SENTENCE_END).finditer(line):
        at = m.start()
        if not line[m.end() - 1].isspace():  # glued: "more.On", not "U.S.Army", "e.g.The", "(AP).The"
            before = line[at - 2:at]
            if before.isalpha() and before.islower() and not (
                    line[m.end():m.end() + 1] == "(" and _last_word(line, at) in ABBREVIATIONS):
                ends.append(m.end())  # (not "Apple Inc.(Nasdaq: AAPL)", "etc.(See table 2)")
            continue
        if at > ABBREVIATION_MAX and line[at - ABBREVIATION_MAX - 1:at].isalpha():
            ends.append(m.end())  # after a word longer than any abbreviation, and no figure
            continue
        window = line[max(0, at - 24):at].rsplit(None, 1)  # its last word is all that is read
        before = window[-1].lower().rstrip(".") if window else ""
        if before in ABBREVIATIONS or (len(before) == 1 and before.isalpha()) or (
                window and window[-1].rstrip(".") in CASED_ABBREVIATIONS):
            continue  # "Mr. Putin", "Vladimir V. Putin", "MM. Gbagbo et Blé Goudé"
        if before.isascii() and before.isdigit() and len(before) <= 3 and _ordinal(line, window, m.end()):
            continue  # "am 6. September 1944", "des 20. Jahrhunderts"
        if _LETTERED_ORDINAL.fullmatch(before):
            continue  # "a 13a. Vara de Curitiba", "o 1o. turno": a Portuguese or Spanish ordinal
        ends.append(m.end())
    return ends


def _last_word(line: str, at: int) -> str:
    """The word before offset `at`, lower-cased, without its dots ("Inc." -> "inc")."""
    window = line[max(0, at - 24):at].rsplit(None, 1)
    return window[-1].lower().rstrip(".") if window else ""


def _ordinal(line: str, window: list[str], after: int) -> bool:
    """Whether the figure before a dot is a day or an ordinal: a month name follows, or a
    German article or preposition stands before it (the window's word before the figure), or
    it is part of a date written in figures ("(APA, 30. 9. 2015)", "11. 4. 2002": the day
    before a month's figure, the month between a day and a year), or a rank in a list after a
    dash or a colon ("+0:23,0 Min. – 3. Andreas Mikkelsen", "Weiter: 10. Philipp Orter"):
    Der Standard's pages (10kGNAD), where every such dot cut a fragment that then recurred
    ("– 3.", "2015)"; docs/measurements/precb.md). A sentence that ends on a figure is
    followed by a word, not by another date figure."""
    following = _NEXT_WORD.match(line, after)
    if following and following.group().lower() in MONTHS:
        return True
    previous = window[0].split()[-1:] if len(window) == 2 else []
    if previous and (previous[0].lower() in ORDINAL_BEFORE or previous[0] in RANK_BEFORE
                     or previous[0].endswith(":")):
        return True
    figure = int(window[-1].rstrip("."))
    if figure <= DAY_MAX and _MONTH_FIGURE.match(line, after):
        return True  # the day of "30. 9. 2015"
    return figure <= MONTH_MAX and bool(previous) and _DAY_FIGURE.fullmatch(previous[0]) is not None \
        and _YEAR.match(line, after) is not None  # the month of "30. 9. 2015"


def _first_opens(line: str, deciding: Sequence[int], ends: Sequence[int]) -> list[int]:
    """Where the phrases of SENTENCE_KINDS starting at `deciding` open spans (`_opens_span`):
    the first such phrase after a sentence end only. Two in one sentence are one block of
    chrome ("(Updates ...)For more articles like this, please visit us at
    bloomberg.comSubscribe now to stay ahead ...": one span, as it was)."""
    kept: list[int] = []
    last = -1  # the sentence (its index among `ends`) whose first phrase was seen
    for at in sorted(deciding):
        since = bisect_right(ends, at)
        if since == last:
            continue
        last = since
        if _opens_span(line, at):
            kept.append(at)
    return kept


def _cuts(line: str, titles: Sequence[tuple[int, int]], markers: list[Marker],
          opens: Sequence[int] = ()) -> list[tuple[int, Marker | None]]:
    """Cut offsets in a line; each with the marker whose span starts there (else None).
    `opens`: where the phrases that decide alone start (scan_lowered)."""
    ends = sentence_ends(line)
    cuts: dict[int, Marker | None] = dict.fromkeys([0, *ends, *_first_opens(line, opens, ends)])
    words: list[re.Match[str]] = []
    starts: list[int] = []
    for marker in markers:
        cuts[marker.start] = marker
        if marker.extent == "alone":
            cuts.setdefault(marker.end, None)
            continue
        if not words:  # only a teaser needs the words (most lines have none)
            words = list(_WORD.finditer(line))
            starts = [w.start() for w in words]
        nxt = bisect_left(starts, marker.end)
        if nxt < len(words) and marker.phrase in MEDIA_LABELS and not _title_follows(words, nxt):
            cuts.setdefault(marker.end, None)  # the embedded post's words: not the label's
        elif nxt < len(words):
            cuts.setdefault(_teaser_end(line, words, nxt), None)
    for a, b in titles:  # the headline is one span: no cut inside it
        for inside in [c for c in cuts if a < c < b] if len(titles) < 8 else []:
            del cuts[inside]
        cuts[a] = None
        cuts[b] = None
    return sorted(cuts.items())


def _title_ranges(line: str, title: str | None, lowered: str | None = None) -> list[tuple[int, int]]:
    """Where the article's title occurs in a line (each place, not overlapping). `lowered`:
    line.lower(), when the caller has it (segment lowers a long line once for its spans' keys
    and its markers; lowering a paragraph again here was 2% of the segmentation)."""
    if not title or len(title.split()) < 3:
        return []
    low = lowered if lowered is not None and len(lowered) == len(line) else _lower(line)  # then _lower is `lowered`
    key = _lower(title.strip())
    found, at = [], low.find(key)
    while at >= 0:
        found.append((at, at + len(key)))
        at = low.find(key, at + len(key))
    return found


def slug_words(url: str | None) -> frozenset[str]:
    """The words of a URL's slug ("/2019/11/20/google-stadia-early-reviews-123.html"),
    without accents (`folded`), and its short numbers: a headline ends on them ("... ao caixa
    2.", "... plano B em 2018.": Fake.Br's g1 and Estadão slugs), where a slug without them
    left the figure a span of its own, which then recurred as chrome ("2." in 31 g1 articles).
    A longer number is an id; at least SLUG_MIN_WORDS words must be more than numbers."""
    if not url:
        return frozenset()
    segments = [seg for seg in urlparse(url).path.split("/") if seg]
    best = unquote(max(segments, key=lambda seg: seg.count("-") + seg.count("_"), default=""))
    words = [folded(w) for w in _SLUG_WORD.findall(best.lower())
             if w not in SLUG_NOISE and not (w.isdigit() and len(w) > SLUG_FIGURE_MAX)]
    # a word a site numbered ("...-do-brasil23", "...-a-lava-jato08": diariodobrasil) is its word too
    words += [m.group(1) or m.group(2) for w in words if (m := _NUMBERED.fullmatch(w)) is not None]
    named = sum(not w.isdigit() and w not in SLUG_WORDS_UNCOUNTED for w in words)
    return frozenset(words) if named >= SLUG_MIN_WORDS else frozenset()


@lru_cache(maxsize=1 << 16)
def folded(word: str) -> str:
    """A lower-case word without its accents, as slugs write it ("justiça" -> "justica",
    "polícia" -> "policia": Fake.Br's headlines ended before such a word, which was left a
    span of its own and recurred as chrome: "Polícia Federal." in 3 articles)."""
    return word if word.isascii() else strip_accents(word)


def _norm(word: str) -> str:
    return _NON_ALNUM.sub("", word.lower())


def _in_slug(word: str, slug: frozenset[str]) -> bool:
    """A word of the slug: as a whole ("play…and" -> "playand") or in its parts ("Russia-Ukraine";
    half of them: g1's "terca-2-de-janeiro" for "Terça-feira, 2 de janeiro"), its accents aside."""
    parts = [folded(p) for p in _SLUG_WORD.findall(word.lower())]
    return bool(parts) and ("".join(parts) in slug or 2 * sum(p in slug for p in parts) >= len(parts))


def _slug_ranges(line: str, slug: frozenset[str]) -> list[tuple[int, int]]:
    """Runs of words from the URL slug that name most of it: the headline without a title.

    A run is consecutive words that are slug words (small words and marks without a letter
    inside it allowed: "OAB quer cassar Bolsonaro? Ora [...] vá ... O PT ...", diariodobrasil);
    it counts when it holds at least half of the slug's distinct words.
    """
    if not slug:
        return []
    found: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    seen: set[str] = set()
    for word in [*_WORD.finditer(line), None]:
        key = _norm(word.group()) if word else ""
        if word is not None and not key and run:
            continue  # "[...]", "...", "-": no word, the run goes on
        hit = word is not None and bool(key) and _in_slug(word.group(), slug)
        if hit or (word is not None and key and run and key in SLUG_SMALL_WORDS):
            run.append(word)
            if hit:
                seen.add(key)
            continue
        while run and not _in_slug(run[-1].group(), slug):
            run.pop()  # a run ends on a slug word
        if (len(seen) >= max(SLUG_MIN_WORDS, len(slug) / 2) and not run[0].group()[:1].islower()
                and (not found or _ends_sentence(line, run[-1].end()))):
            end = _spill_cut(line, run[0].start(), run[-1].end())
            if (stop := _LOOSE_STOP.match(line, end)) is not None:
                end = stop.end()  # "Quinta-feira, 23 de março de 2017 . Boa noite!": its full stop
            found.append((_sentence_head(line, run[0].start()), end))  # (lower-case: a link inside a sentence)
        run, seen = [], set()
    return found


# A full stop a space after the headline's last word (g1's digests: "... de 2017 . Boa noite!"):
# the headline's, not a unit of its own between it and the greeting (which then stood after
# a line of the body and was no chrome before it)
_LOOSE_STOP = re.compile(r"\s+[.!?…]+(?=\s|$)")
SPILL_MAX_WORDS = 4  # words of the body's first sentence a run may have taken on


def _spill_cut(line: str, start: int, end: int) -> int:
    """Where a run of the slug's words ends once the body's first words are taken off: a run
    goes on over the next sentence's opening when its words are the slug's too (g1's "...
    vocês...nada".  O jornalista José ...": "o", "jornalista"; "... durante entrevista.  Durante
    uma uma entrevista coletiva"), and would leave the rest of that sentence a span of its own.
    The run ends at its last sentence end when at most SPILL_MAX_WORDS words follow it."""
    inside = [e for e in sentence_ends(line) if start < e < end]
    if inside and len(line[inside[-1]:end].split()) <= SPILL_MAX_WORDS:
        return len(line[:inside[-1]].rstrip())
    return end


def _ends_sentence(line: str, end: int) -> bool:
    """Whether a run of words ending at `end` ends its sentence (a mark, or the line's end). A
    second run of the slug's words is the headline again only so: the body restating the
    headline ("A delação premiada de Delcídio Amaral está prestes a ser homologada por Teori
    Zavascki.", Fake.Br) is its own sentence, not a headline leaving "por Teori Zavascki." a
    span of its own (read as a byline)."""
    rest = line[end:end + 3].lstrip("\"'”’)]")
    return not rest.strip() or rest[:1] in ".!?…:|"


HEAD_MAX_WORDS = 8  # words a headline may open with before its slug's ("Em busca de agenda positiva, ...")


def _sentence_head(line: str, start: int) -> int:
    """Where the sentence holding `start` begins, when at most HEAD_MAX_WORDS words stand
    before it there: a headline reworded at its start ("Em busca de agenda positiva, Temer
    libera R$ 3 bilhões ..." under the slug "governo-lanca-programa-com-oferta-de-r-3-bilhoes-...",
    g1) is the headline whole, not a fragment left to recur as chrome. Written as prose, most
    of those words lower-case: a menu before the headline ("Home World Politics") stays out.
    Else `start`."""
    ends = [e for e in sentence_ends(line) if e <= start]
    begin = ends[-1] if ends else len(line) - len(line.lstrip())
    head = line[begin:start].split()
    if not head or len(head) > HEAD_MAX_WORDS or 2 * sum(w[:1].islower() for w in head) < len(head):
        return start
    return begin


def _slug_line(line: str, title: str | None, url: str | None) -> bool:
    """Whether a short line without a title to compare is the headline: most of its words
    are words of the URL slug, and at least three of them (slugs are cut and reworded)."""
    if title or len(line.split()) > HEADLINE_MAX_WORDS or line[:1].islower():
        return False  # a headline starts upper-case ("science fiction and fantasy" is a link in a sentence)
    slug = slug_words(url)
    words = line.split()
    hits = {_norm(w) for w in words if _in_slug(w, slug)}
    return len(hits) >= SLUG_MIN_WORDS and sum(_in_slug(w, slug) for w in words) >= SLUG_LINE_SHARE * len(words)


def trusted_title(title: str | None, url: str | None, first_line: str) -> str | None:
    """The title, unless audit.normalise may have guessed it from the text (a missing title
    is taken from the first lines) and it looks wrong: the text's first line (it can be the
    site's menu) sharing almost no word with the URL slug, or any line starting with a
    bullet ("- Automatically on, automatically connected": a product box's list)."""
    if title and _BULLET_START.match(title):
        return None
    slug = slug_words(url)
    if not title or not slug or title.strip() != first_line:
        return title
    return title if len({_norm(w) for w in title.split()} & slug) >= 2 else None


def headline_ranges(line: str, title: str | None, url: str | None,
                    lowered: str | None = None) -> list[tuple[int, int]]:
    """Where the headline stands in a line: the title's places, else runs of slug words.
    `lowered`: line.lower(), when the caller has it."""
    if title and len(title.split()) >= 3:
        return _title_ranges(line, title, lowered)
    return _slug_ranges(line, slug_words(url))


def _opens_title_run(head: Sequence[str]) -> bool:
    """Whether the first TITLE_RUN_MIN words are all capitalised or small words. A loop, not
    any() over _is_capitalised: read for every sentence (20 an article), and the second word
    usually ends it; a word whose first character is a letter or digit is read there."""
    for word in head[:TITLE_RUN_MIN]:
        first = word[0]
        capitalised = first.isupper() or first.isdigit() if first.isalnum() else _is_capitalised(word)
        if not capitalised and word.lower() not in SMALL_WORDS:
            return False
    return True


def _split_title_runs(line: str, start: int, end: int) -> list[int]:
    """Offsets that cut link text off the start of a sentence ("Home World Politics ... |")."""
    head = line[start:end].split(None, TITLE_RUN_MIN)  # the first TITLE_RUN_MIN words, then the rest
    if len(head) <= TITLE_RUN_MIN or not _opens_title_run(head):
        return []  # most sentences: a lower-case word among the first six ends the run too soon
    words: list[re.Match[str]] = []  # the opening run and the word that ends it: all _run_end reads
    for word in _WORD.finditer(line, start, end):
        words.append(word)
        if (not _is_capitalised(word.group()) and word.group().lower() not in SMALL_WORDS
                and not _clock(words, len(words) - 1)):
            break
    if len(words) <= TITLE_RUN_MIN:
        return []  # a cut needs TITLE_RUN_MIN capitalised words and a word after them
    stop, caps = _run_end(words, 0, len(words))
    if caps < TITLE_RUN_MIN or stop >= len(words):
        return []
    cut = _back_off(words, 0, stop)
    if not 0 < cut < len(words):
        return []
    return [*_after_clocks(words, cut), words[cut].start()]


_CALENDAR = MONTHS | frozenset(dates.MONTHS) | frozenset(dates.WEEKDAYS)
_ZONE = re.compile(r"[A-Z]{1,4}T[.,;]?|UTC|GMT")  # "EST", "ET", "CEST" after a time


def _after_clocks(words: Sequence[re.Match[str]], cut: int) -> list[int]:
    """Where stamps end inside a run before word `cut`: after each time's "am"/"pm" (and its
    zone) that more of the run follows. Yahoo's byline, given twice before the story in
    Webz.io's flat text ("By Kelsey Weekman, Yahoo News December 28, 2023 at 12:38 pm EST By
    Kelsey ..."), is two stamps, each a unit of its own."""
    out = []
    for i in range(1, cut - 1):
        if _clock(words, i):
            end = i + 1 if _ZONE.fullmatch(words[i + 1].group()) else i
            if end + 1 < cut and not _stamp_goes_on(words[end + 1].group()):
                out.append(words[end + 1].start())
    return out


def _stamp_goes_on(word: str) -> bool:
    """Whether the word after a time is still its stamp's: a date after the time ("POSTED: 7:54
    am EST January 23, 2008", "1:13 pm, August 9th, 2012"), a figure, or a lower-case word
    ("Posted 8:11 AM by Marty Lederman"): L3S and Dragnet pages."""
    bare = word.strip(".,;:()[]|").lower()
    return not word[:1].isupper() or bare in _CALENDAR or bare[:1].isdigit()


def split_line(line: str, titles: Sequence[tuple[int, int]] = (),
               markers: list[Marker] | None = None,
               opens: Sequence[int] = ()) -> list[tuple[int, int, Marker | None]]:
    """A long line's spans as (start, end, marker) offsets into the line, blanks dropped.

    `titles`: the headline's places in the line (`headline_ranges`), kept whole; `markers`
    and `opens`: its scan_line answers, when the caller has them (else scanned here).
    """
    if markers is None:
        markers, _, opens = scan_line(line)
    cuts = _cuts(line, titles, markers, opens)
    title_set = set(titles)
    bounds = [c for c, _ in cuts] + [len(line)]
    spans: list[tuple[int, int, Marker | None]] = []
    for (begin, marker), finish in zip(cuts, bounds[1:]):
        whole = marker is not None or (begin, finish) in title_set
        runs = [] if whole else _split_title_runs(line, begin, finish)
        if runs:
            for k, (a, b) in enumerate(zip([begin, *runs], [*runs, finish])):
                _add_stripped(spans, line, a, b, marker if k == 0 else None)
        else:
            _add_stripped(spans, line, begin, finish, marker)
    return _stops_joined(spans, line, title_set)


_STOPS_ONLY = frozenset(".…")  # not "?": "Comments" / "?" is a comments section's heading and its prompt


def _stops_joined(spans: list[tuple[int, int, Marker | None]], line: str,
                  titles: set[tuple[int, int]]) -> list[tuple[int, int, Marker | None]]:
    """The spans with a span of full stops alone joined to the span before it: a marker's span
    ends at its phrase, and the page's " ." after it ("... cho trang Ý kiến tại đây ." on
    VnExpress's opinion pages) was a unit of its own, reported as a line of chrome (21 in
    vi_news; a second reader: partly). Not to a headline's span, which is kept as found."""
    if len(spans) < 2 or not any(_STOPS_ONLY.issuperset(line[a:b]) for a, b, _ in spans):
        return spans
    joined: list[tuple[int, int, Marker | None]] = []
    for a, b, marker in spans:
        if joined and _STOPS_ONLY.issuperset(line[a:b]) and joined[-1][:2] not in titles:
            joined[-1] = (joined[-1][0], b, joined[-1][2])
        else:
            joined.append((a, b, marker))
    return joined


def _add_stripped(spans: list[tuple[int, int, Marker | None]], line: str, a: int, b: int, marker: Marker | None) -> None:
    """Append line[a:b]'s offsets without the white space at its ends (as str.strip), unless
    it is blank. Offsets moved, no slice made: a span has a space or none at each end."""
    while a < b and line[a].isspace():
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    if a < b:
        spans.append((a, b, marker))


@lru_cache(maxsize=SEGMENT_CACHE)
def segment(text: str, title: str | None = None, url: str | None = None) -> tuple[Line, ...]:
    """The units the chrome checks judge: short lines whole, long lines cut into spans.

    A unit that is the headline (the title, or most of the URL slug's words) says so.
    Memoised: boilerplate.line, paywall.text and metadata.leak each ask for the same
    article's units one after the other (a worker's batch at a time); a pure function of
    its arguments returning frozen Lines, so sharing the answer changes none.
    """
    units: list[Line] = []
    lines = list(physical_lines(text))
    title = trusted_title(title, url, lines[0][1] if lines else "")
    for start, body in lines:
        if len(body.split(None, SPLIT_MIN_WORDS)) <= SPLIT_MIN_WORDS:  # (split no further than needed)
            titles = headline_ranges(body, title, url)
            covered = sum(b - a for a, b in titles) >= HEADLINE_COVER * len(body)
            units.append(make_line(len(units), start, body, headline=covered or _slug_line(body, title, url)))
            continue
        lowered = body.lower()
        titles = headline_ranges(body, title, url, lowered)
        title_set = set(titles)
        markers, contains, opens = scan_lowered(body, lowered)
        spans = [(a, b, PhraseHit("boilerplate.line", marker.kind, "marker", marker.phrase) if marker else None,
                  (a, b) in title_set) for a, b, marker in split_line(body, titles, markers, opens)]
        units += piece_lines(body, start, spans, len(units), contains, lowered)
    return tuple(units)


def iter_spans(articles: Sequence[Article]) -> Iterator[tuple[Article, tuple[Line, ...]]]:
    """Each article with its units; bad text never raises (an empty text has none)."""
    for article in articles:
        yield article, segment(article.text or "", article.title, article.url)
