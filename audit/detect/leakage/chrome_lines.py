"""Lines of an article and what they look like: the shared ground of the chrome checks.

boilerplate.line, paywall.text and metadata.leak all decide line by line, from the same
signals: the shipped phrase list (one Aho-Corasick automaton over
`audit/data/chrome_phrases.tsv`), the line's shape (short, no sentence ending, bullet)
and, for boilerplate, how often the line recurs across articles of the same publisher
in this run (the repeated-line signal datatrove and dolma use, learned per run).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePath
from typing import Any

import ahocorasick

from audit.detect.memo import WordMemo
from audit.model import Article

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


def data_rows(file_name: str) -> list[str]:
    """The rows of a data file in audit/data/, without blank lines and `#` comments."""
    rows = (DATA_DIR / file_name).read_text(encoding="utf-8").splitlines()
    return [row for row in rows if row.strip() and not row.startswith("#")]


def literal_alternation(file_name: str) -> str:
    """The rows of a data file as one regex alternation of literal strings (each escaped)."""
    return "|".join(re.escape(row.strip()) for row in data_rows(file_name))


def kinded_alternation(file_name: str) -> tuple[str, dict[str, str]]:
    """Rows `kind<TAB>source<TAB>regex` of a data file as one alternation of named groups,
    and group name -> kind: one compiled pattern per rule family, one scan (STYLE habit 7)."""
    parts: list[str] = []
    kinds: dict[str, str] = {}
    for row in data_rows(file_name):
        kind, _source, regex = row.split("\t")
        name = f"g{len(parts)}"
        kinds[name] = kind
        parts.append(f"(?P<{name}>{regex})")
    return "|".join(parts), kinds
MAX_PHRASE_LINE_WORDS = 40  # "contains" phrases only count in lines this short
# The phrase list's kinds whose "contains" phrases decide alone even inside a sentence, where a
# "contains" phrase is otherwise only evidence ("The company changed its privacy policy" is news):
# a site's standing disclaimer or promo that closes its pieces, or an embed's consent placeholder,
# as a long phrase no story writes and that says nothing else ("Disclaimer: The opinions
# expressed in this article are solely those of the featured analyst", TipRanks' "To find good
# ideas for stocks trading at attractive valuations, visit ...": yahoo_flat, 825 of 849 unfound
# in flat text; "Externer Inhalt nicht verfügbar Deine Privatsphäre-Einstellungen verhindern das
# Laden ...", which reads as prose: fundus pages, Business Insider DE's placeholder 8 times in one
# list article, unflagged). In flat text such a phrase written with a capital also starts a span
# (audit.detect.leakage.spans).
SENTENCE_KINDS = frozenset({"consent", "disclaimer"})
NAV_MAX_WORDS = 15  # a line without a sentence ending and at most this many words is nav-like
PROSE_MIN_WORDS = 16  # this many words make a line prose whatever its ending
PROSE_MIN_LOWER = 0.3  # prose writes most words lower-case (English ~0.7, German ~0.55); link text does not
RUN_ON_WORDS = 80  # a span cut from running text with more words is not one sentence (news: < 1%)
CASED_MIN_WORDS = 8  # the lower-case share is only read for spans with this many cased words

BULLET_MARKS = frozenset("•·▪●◦‣∙*>|»›‹«→←-–—")  # a line starting with one (after spaces) is a bullet
_BULLET = re.compile(r"^[\s" + re.escape("".join(sorted(BULLET_MARKS))) + r"]+")
TRAILING_MARKS = " :|»›‹«→←-–—·•.…"  # closing marks a key drops (after its spaces are collapsed)
_SENTENCE_END_MARKS = frozenset(".!?…:;,\"”’»。！？")  # a line ending so ends like a sentence
# Function words Title Case leaves lower-case: lower_share skips them.
FUNCTION_WORDS = ("a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by", "from", "as",
                  "is", "are", "was", "our", "your", "de", "la", "le", "el", "da", "do", "e", "y", "et", "und",
                  "der", "die", "das")
_FUNCTION_SET = frozenset(FUNCTION_WORDS)
_FUNCTION_MAX = max(map(len, FUNCTION_WORDS))  # a word of more letters is none of them
# A function word as the regex engine's IGNORECASE reads it ("İn" is "in" there, not in str.lower):
# asked only of the rare word that is not ASCII.
_FUNCTION_WORD = re.compile(r"(?:" + "|".join(FUNCTION_WORDS) + r")\b", re.IGNORECASE)
_TOKEN_WORD = re.compile(r"[^\w\s]*([^\W\d_]\w*)")  # a token's first word, after quotes and marks
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


@dataclass(frozen=True)
class PhraseHit:
    check: str  # boilerplate.line or paywall.text
    kind: str  # navigation, share, related, ..., paywall-cut, paywall-offer
    mode: str  # line, prefix, contains
    phrase: str


class computed_once:  # a decorator, named like functools.cached_property
    """functools.cached_property without its lock: Python 3.11's takes an RLock on each
    first read, which makes that read about twice as dear as this one's (`prose` and
    `navlike` are read first once a unit, 20 units an article). The value goes into the
    instance's __dict__, where later reads find it before this descriptor (it defines no
    __set__); a frozen dataclass's __dict__ may be written."""

    def __init__(self, function: Callable[[Any], Any]) -> None:
        self.function, self.name = function, function.__name__
        self.__doc__ = function.__doc__

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.function(instance)
        return value


@dataclass(frozen=True)
class Line:
    """One non-blank line: its span in `article.text`, its matching key and its shape."""

    index: int  # position among the article's non-blank lines
    start: int
    end: int
    text: str
    key: str  # lower-case, bullets and closing marks stripped, spaces collapsed
    words: int
    bullet: bool  # starts with a bullet mark ("• No Ads Within Stories")
    piece: bool = False  # a span cut out of a longer line (audit.detect.leakage.spans), not a whole line
    marker: PhraseHit | None = None  # the inline chrome marker that starts this span, if any
    lower_share: float | None = None  # share of cased words written lower-case (None: too few)
    headline: bool = False  # the article's title (or most of its URL slug's words) stands here
    # phrase-list entries matching where their mode says (a "contains" entry's line-length
    # limit is applied by phrase_hits): found once, asked by all three chrome checks
    hits: tuple[PhraseHit, ...] = ()

    # prose and navlike are read many times a line by the three checks: computed once (a
    # computed_once writes the instance's __dict__, which a frozen dataclass allows; not a field,
    # so equality and hashing are those of the fields)
    @computed_once
    def prose(self) -> bool:
        """A sentence: ends like one with a few words, or is long anyway; not a run of Title Case."""
        if self.piece and self.words > RUN_ON_WORDS:
            # a "sentence" this long is blocks run together without punctuation, unless it is
            # written as prose, writes function words and ends with a full stop (a bill's or a ruling's sentence)
            return long_sentence(self.text, self.lower_share)
        if link_list(self.text):
            return False  # "About us | Contact us | Work with us | Privacy Policy | Sitemap"
        ends = self.words >= 5 and ends_like_a_sentence(self.text.rstrip())
        if self.lower_share is not None and self.lower_share < PROSE_MIN_LOWER and (
                not ends or (self.piece and not capitals_prose(self.text))):
            return False  # "Home World Politics Business Opinion Sign In ..." is link text
        return ends or self.words >= PROSE_MIN_WORDS

    @computed_once
    def navlike(self) -> bool:
        """Short, no sentence ending, not a continuation (starts lower-case): a link or label."""
        first = _BULLET.sub("", self.text)[:1]
        continuation = first.islower() and self.words >= 5 and not self.bullet  # "that he intends to..."
        return not self.prose and self.words <= NAV_MAX_WORDS and not continuation


# Links a page separates by pipes: each item a few words opening with a capital (a table's
# cells open with figures). 16 words of them were prose by their count: L3S-GN1's Hindustan
# Times page ended "About us | Contact us | Work with us | Privacy Policy | Disclaimer |
# Sitemap", flattened, and its "privacy policy" was read as a sentence's (held-out set, dev).
_PIPE = re.compile(r"\s\|\s")
LINK_LIST_MIN_ITEMS = 4
LINK_ITEM_MAX_WORDS = 4


def link_list(text: str) -> bool:
    """Whether a line is LINK_LIST_MIN_ITEMS or more items between pipes, each at most
    LINK_ITEM_MAX_WORDS words opening with a capital letter."""
    if text.count("|") < LINK_LIST_MIN_ITEMS - 1:
        return False
    items = [item.strip() for item in _PIPE.split(text.strip(" |"))]
    return len(items) >= LINK_LIST_MIN_ITEMS and all(
        item[:1].isupper() and len(item.split()) <= LINK_ITEM_MAX_WORDS for item in items)


# A sentence speaks to its reader when it says "you", "we" or "our" as a site does, outside
# quotes and reported speech (paywall appeals, boilerplate's site voice). Not IGNORECASE: "US"
# is the country ("The US, the largest of the IMF's 184 members, is a strong supporter of
# ...", BBC 2004-05; docs/measurements/precision-2026-12-03b.md).
READER_WORDS = re.compile(r"\b(?:[Yy]ou|[Yy]ours?|[Ww]e|us|[Oo]urs?)\b")
REPORTED_SPEECH = re.compile(r"\b(?:said|says|told|adds|added|according to)\b|[\"“”]", re.IGNORECASE)


def has_words(line: Line) -> bool:
    """Whether a line holds a letter or digit: a divider ("___"), a zero-width space or a
    lone "." left between links is layout, not a line a reader would call chrome or count."""
    return any(c.isalnum() for c in line.text)


def says_reader_words(text: str) -> bool:
    """Whether the text says you, we or our, and holds no quote mark or reporting verb
    ("we will not make a contribution," he said: someone else's words)."""
    return READER_WORDS.search(text) is not None and REPORTED_SPEECH.search(text) is None


CAPITALS_MIN_FUNCTION_SHARE = 0.2  # an all-capitals sentence writes this share of function words


def capitals_prose(text: str) -> bool:
    """A sentence written all in capitals: no lower-case letter, and a fifth of its words
    or more are function words ("A PERSON COVERED BY THE SOCIAL SECURITY ACT HAS NOT SUCH A
    RIGHT IN OLD-AGE BENEFIT PAYMENTS AS WOULD ...": the Supreme Court's Flemming v. Nestor on
    ssa.gov, 14 lines for 73,000 characters, docs/measurements/precx.md). Link text run
    together in capitals ("HOME NEWS SPORT BUSINESS ...") names things and writes few."""
    if any(c.islower() for c in text):
        return False
    return _function_share(text) >= CAPITALS_MIN_FUNCTION_SHARE


def _function_share(text: str) -> float:
    """The share of a text's words that are function words: FUNCTION_WORDS and the commonest
    words of six more languages (audit/data/function_words.txt). FUNCTION_WORDS alone, English
    with a few Romance and German articles, left a Spanish sentence's "en", "que", "se", "los",
    "con", "por" uncounted: a run-on paragraph of 86 words (a full stop lost between two
    sentences) fell under a fifth, read as link text, and the follow prompt after it made it
    tail chrome (multilingual pages, mc-0880); so were two Portuguese paragraphs of Fake.Br, a
    Spanish one above an "Advertisement" line and sentences shouted in capitals ("QUE LASTIMA
    QUE UN LIDER ESTATAL CONFUNDA ASI A SU PUEBLO ...", the Spanish Fake News Corpus)."""
    tokens = text.lower().split()
    return sum(t in _SHARE_WORDS for t in tokens) / len(tokens) if tokens else 0.0


# the other languages' rows only: English's row ("that", "it", "be", "this", "have", "not") made
# a tabloid's teaser headlines run together a sentence (Zyte, The Sun flattened: 35 footer lines
# kept), and FUNCTION_WORDS holds English's articles and prepositions already
_SHARE_WORDS = _FUNCTION_SET | frozenset(
    word for row in data_rows("function_words.txt") if "the" not in row.split() for word in row.split())


LONG_SENTENCE_MIN_LOWER = 0.6  # a sentence over RUN_ON_WORDS words is prose when this share is lower-case
# a full stop, maybe inside quotes, maybe followed by a wiki's citation marks (".[12][13]")
_FULL_STOP = re.compile(r"[.!?][\"”’»)\]]*(?:\[\d{1,3}\])*\s*$")
_GLUED_STOP = re.compile(r"[a-z][.!?][\"“”’']?[A-Z][a-z]")  # "a SPAC.There are": sentences glued, not one


def long_sentence(text: str, lower_share: float | None) -> bool:
    """A sentence of more than RUN_ON_WORDS words that is one: mostly lower-case (a run of link
    text or teaser titles is not), a fifth of its words function words (a results table's
    "o xo xxx" is not), no sentence end glued to the next inside (Yahoo Finance's stories run
    together are not) and closed by a full stop. Legal text writes them: the appropriations
    bill H.R. 3338 (2001, on govtrack) has 74 sentences of 81 to 377 words ("For pay,
    allowances, clothing, subsistence, gratuities, travel, and related expenses for personnel
    of the Army Reserve ..., $2,670,197,000."), read as link text they ended its body after 28
    of 411 lines: 372 findings (docs/measurements/precf.md). So do a wiki's sentences run
    together at their citation marks ("... in Miami.[12] Luis Fonsi ...[14]"), which the
    full stop's marks may close: 111 findings on Wikipedia pages of GossipCop's crawl."""
    if lower_share is None:  # too few cased words to say: a paragraph of a script without case?
        return caseless_paragraph(text)
    return (lower_share >= LONG_SENTENCE_MIN_LOWER and _FULL_STOP.search(text) is not None
            and _function_share(text) >= CAPITALS_MIN_FUNCTION_SHARE and _GLUED_STOP.search(text) is None)


# A full stop of Arabic, Persian, Urdu or Hindi text (the Latin one too), closing marks after it,
# and a flattened table's empty cells ("...प्राप्त की थी। | | | | |": hindi.business-standard.com's
# story, one row of its layout table, was no prose, so the body was the footer's disclaimer and
# the story "a block before the article's main body, above the headline"; multiling pages)
_CASELESS_STOP = re.compile(r"[.!?؟۔।][\"”’»)\]]*(?:\s|\\?\|)*$")
_CASELESS_LETTER = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0590-\u05ff]")
CASELESS_MIN_SHARE = 0.5  # of a paragraph's visible characters: letters of those scripts


def caseless_paragraph(text: str) -> bool:
    """A paragraph of a script without case (Arabic, Persian, Hebrew, Hindi) closed by a full stop.
    spans.sentence_ends cuts no sentence of these scripts, so a paragraph is one unit of more
    than RUN_ON_WORDS words, and its case cannot say it is prose: every such unit was not, and the
    heading above it ("شرح بازی:", a match report's label, over 148 words of report) was a label
    among labels, called repeated site chrome (fa_news: Varzesh3's match reports)."""
    if _CASELESS_STOP.search(text) is None:
        return False
    visible = len(text) - text.count(" ")
    return len(_CASELESS_LETTER.findall(text)) >= CASELESS_MIN_SHARE * visible


def ends_like_a_sentence(text: str) -> bool:
    """Whether a text with no white space at its end ends with a sentence mark. It was the
    regex `[...]$` over the text, which is tried at each of a unit's ~120 starts before
    it finds the end (4 us a unit, 20 units an article; this 0.5 us; tested equal)."""
    return text[-1:] in _SENTENCE_END_MARKS


def line_key(text: str, tokens: list[str] | None = None) -> str:
    """The form phrase lists and recurrence counts compare: case, bullets, spacing ignored.

    `tokens`: the text's `str.split()`, when the caller has it. The words are joined before
    the bullets are stripped and the case lowered: no bullet mark or space has a case, so
    the key is the same as when lowered, stripped and split in that order.
    """
    return joined_key(" ".join(text.split() if tokens is None else tokens))  # str.split's white space is \s


def joined_key(joined: str) -> str:
    """line_key of a text whose words are joined by single spaces already (a span of a
    paragraph written so: audit.detect.leakage.pieces)."""
    key = _BULLET.sub("", joined).lower().replace(" :", ":")
    stripped = key.rstrip(TRAILING_MARKS)  # spaces are single now: the closing marks and spaces
    return stripped if stripped else key


def _word_count(text: str, tokens: list[str] | None = None) -> int:
    return word_count(text, len(text.split() if tokens is None else tokens))


def has_cjk(text: str) -> bool:
    """Whether word_count may count more words than tokens in the text or a part of it.

    A text whose characters are all below U+0100 holds none (the CJK ranges start at
    U+3040): such a string encodes to Latin-1 by a copy, where the pattern tests its class
    at every character (a 2,000-character paragraph: ~70,000 instructions, 3% of the
    segmentation on c2000, where 558 of the 689 paragraphs that are not ASCII are Latin-1)."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _CJK.search(text) is not None
    return False


def word_count(text: str, tokens: int) -> int:
    """The words of a text of `tokens` white-space tokens: CJK writes no spaces, so two of its
    characters count as a word where they outnumber the tokens."""
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    return max(tokens, cjk // 2)


def lower_share(text: str, tokens: list[str] | None = None) -> float | None:
    """Share of the content words (not "of", "and", ...) written lower-case (None: too few).

    Link text and headlines capitalise content words, prose does not (English ~0.7,
    German with its capitalised nouns ~0.5); menus run together score near 0.
    Each whitespace-separated token counts by the first letter of its first word (after
    quotes and marks; a token whose first word starts with a digit counts nothing).
    `tokens`: the text's `str.split()`, when the caller has it. Each token's case is read
    once a corpus (`token_cases`, a memo: tokens recur).
    """
    cases = token_cases(text.split() if tokens is None else tokens)
    return share_between(cases, 0, len(cases))


# A token's case as a number that sums (`_case_sum`): a lower-case word 1, an upper-case one
# 1 << 20, the others 0. The sum of a run of fewer than 2^20 tokens holds both counts; built-in
# sum adds such ints in C without making an int object a token.
_LOWER, _UPPER = 1, 1 << 20


def token_cases(tokens: list[str]) -> Sequence[int]:
    """The tokens' cases (`_case_sum`), each read once a corpus (a memo: tokens recur)."""
    return list(map(_CASE_MEMO.__getitem__, tokens))


def cased_counts(cases: Sequence[int], first: int, end: int) -> tuple[int, int]:
    """How many of tokens first..end (`token_cases`) are lower-case words, and how many upper-case."""
    if end - first < _UPPER:
        both = sum(cases[first:end])
        return both & (_UPPER - 1), both >> 20
    run = cases[first:end]  # too many tokens for the packed sum
    return run.count(_LOWER), run.count(_UPPER)


def share_between(cases: Sequence[int], first: int, end: int) -> float | None:
    """lower_share of tokens first..end (`token_cases`): lower-case over cased, None when
    fewer than CASED_MIN_WORDS are cased."""
    lower, upper = cased_counts(cases, first, end)
    return lower / (lower + upper) if lower + upper >= CASED_MIN_WORDS else None


def _case_of(token: str) -> int:
    """1 when a token counts as a lower-case word for lower_share, -1 as an upper-case one,
    0 when it counts nothing (a function word, no letter first, a caseless script)."""
    if len(token) > _FUNCTION_MAX and token[:_FUNCTION_MAX + 1].isalpha():
        first = token[0]  # the common case: a word too long to be a function word
    else:
        if token.isalpha():
            word = token
        elif (m := _TOKEN_WORD.match(token)) is not None:
            word = m.group(1)
        else:
            return 0
        if (word.lower() in _FUNCTION_SET) if word.isascii() else _FUNCTION_WORD.match(word):
            return 0
        first = word[0]
    return 1 if first.islower() else -1 if first.isupper() else 0


def _case_sum(token: str) -> int:
    return _LOWER if (case := _case_of(token)) > 0 else _UPPER if case < 0 else 0


_CASE_MEMO = WordMemo(_case_sum)  # a token's case for lower_share, read once a corpus


def make_line(index: int, start: int, text: str, *, piece: bool = False,
              marker: PhraseHit | None = None, headline: bool = False) -> Line:
    """A Line for `text` found at `start` (already stripped)."""
    tokens = text.split()
    key = line_key(text, tokens)
    return new_line(index, start, text, key, _word_count(text, tokens), lower_share(text, tokens),
                    piece=piece, marker=marker, headline=headline)


def new_line(index: int, start: int, text: str, key: str, words: int, share: float | None, *,
             piece: bool, marker: PhraseHit | None, headline: bool, contains: bool = True) -> Line:
    """A Line from fields read already (its phrase hits aside). `contains`: False when no
    "contains" phrase can be in the key (pieces.py looks once a paragraph). The fields are
    set at once: a frozen dataclass's __init__ sets each of the 12 with object.__setattr__
    (a fifth of what making a unit costs); equality, hash and repr are the dataclass's, as
    for Line(...)."""
    return unit(index, start, text, key, words, bool(_BULLET.match(text)), piece, marker, share, headline,
                hits_in(key, contains))


def unit(index: int, start: int, text: str, key: str, words: int, bullet: bool, piece: bool,
         marker: PhraseHit | None, share: float | None, headline: bool, hits: tuple[PhraseHit, ...]) -> Line:
    """A Line of these fields, made as Line(...) would (equal, same hash and repr), without
    the frozen dataclass's __init__ and its 12 object.__setattr__ calls: its __dict__ is
    set whole (a fifth of what making a unit cost)."""
    line = object.__new__(Line)
    object.__setattr__(line, "__dict__", {
        "index": index, "start": start, "end": start + len(text), "text": text, "key": key, "words": words,
        "bullet": bullet, "piece": piece, "marker": marker, "lower_share": share, "headline": headline,
        "hits": hits})
    return line


def physical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Each non-blank line's start offset and stripped text."""
    offset = 0
    for raw in text.split("\n"):
        body = raw.strip()
        if body:
            yield offset + (len(raw) - len(raw.lstrip())), body
        offset += len(raw) + 1


def split_lines(text: str) -> list[Line]:
    """The article's non-blank lines with their character spans (trailing spaces excluded)."""
    return [make_line(i, start, body) for i, (start, body) in enumerate(physical_lines(text))]


@dataclass(frozen=True)
class PhraseTable:
    """The phrase list, arranged by where an entry's mode lets it count in a line key."""

    entries: dict[str, list[PhraseHit]]  # phrase key -> its entries, in file order
    prefixes: tuple[str, ...]  # keys with a "prefix" entry: they count at a key's start only
    inside: ahocorasick.Automaton  # keys with a "contains" entry, anywhere (value: the key)
    contains: tuple[str, ...]  # those keys
    # the first two characters of each prefix key: a key starting otherwise starts with none
    # of them (a set lookup instead of str.startswith with 26 prefixes, on every unit); None
    # when a prefix key is shorter
    heads: frozenset[str] | None

    def may_start(self, key: str) -> bool:
        """Whether a prefix key starts `key`."""
        return (self.heads is None or key[:2] in self.heads) and key.startswith(self.prefixes)


@lru_cache(maxsize=1)
def phrase_table() -> PhraseTable:
    """All phrases of the data file: a "line" entry is found by a dict lookup of the whole
    key, a "prefix" entry by `str.startswith`, only "contains" entries by the automaton (the
    136 line entries, "ad", "more", "home", matched inside every word that holds them)."""
    table: dict[str, list[PhraseHit]] = {}
    for row in data_rows("chrome_phrases.tsv"):
        check, kind, mode, _lang, phrase = row.split("\t")
        key = line_key(phrase) if mode != "prefix" else phrase.lower()
        table.setdefault(key, []).append(PhraseHit(check, kind, mode, key))
    contains = tuple(key for key, hits in table.items() if any(hit.mode == "contains" for hit in hits))
    automaton = ahocorasick.Automaton()
    for key in contains:
        automaton.add_word(key, key)
    automaton.make_automaton()
    prefixes = tuple(key for key, hits in table.items() if any(hit.mode == "prefix" for hit in hits))
    heads = frozenset(p[:2] for p in prefixes) if all(len(p) >= 2 for p in prefixes) else None
    return PhraseTable(table, prefixes, automaton, contains, heads)


def hits_in(key: str, contains: bool = True) -> tuple[PhraseHit, ...]:
    """The phrase-list entries found in a line key where their mode holds.

    Only the places where some entry's mode can hold are looked at: the whole key ("line"),
    its start ("prefix"), anywhere for "contains" phrases. They are taken in the order an
    automaton of all phrases reports them (by end, the longest first at one end) and each
    entry's mode is checked there, so the hits and their order are those of one automaton
    pass over all phrases (tests/test_chrome_speed.py). `contains`: False when the caller
    knows no "contains" phrase is in the key (the automaton is not run).
    """
    table = phrase_table()
    if not contains and key not in table.entries and not table.may_start(key):
        return ()  # most units
    found: list[tuple[int, int, str]] = []  # (end, -length, phrase key)
    if key in table.entries:
        found.append((len(key) - 1, -len(key), key))
    if table.may_start(key):
        found += [(len(p) - 1, -len(p), p) for p in table.prefixes if key.startswith(p)]
    if contains:
        found += [(end, -len(phrase), phrase) for end, phrase in table.inside.iter(key)]
    if not found:
        return ()  # most units
    hits: list[PhraseHit] = []
    for end, _length, phrase in sorted(set(found)):
        for hit in table.entries[phrase]:
            if _mode_holds(hit.mode, key, end - len(phrase) + 1, end):
                hits.append(hit)
    return tuple(hits)


def phrase_hits(line: Line, check: str | None = None, max_words: int | None = None) -> list[PhraseHit]:
    """The phrase-list entries this line matches (each mode checked where it matched).

    `max_words`: the longest line a "contains" phrase counts in (MAX_PHRASE_LINE_WORDS):
    "become a member to" in a widget, not in a paragraph.
    """
    if not line.hits:
        return []  # most lines (all but 64 of 40,610 units of 2,000 news texts)
    limit = max_words or MAX_PHRASE_LINE_WORDS
    return [hit for hit in line.hits if (check is None or hit.check == check)
            and (hit.mode != "contains" or line.words <= limit)]


def _mode_holds(mode: str, key: str, begin: int, end: int) -> bool:
    """Whether a phrase found at key[begin:end + 1] counts in its mode (lengths aside)."""
    if mode == "line":
        return begin == 0 and end == len(key) - 1
    if mode == "prefix":
        return begin == 0 and _at_word_end(key, end)
    return (begin == 0 or not key[begin - 1].isalnum() or not key[begin].isalnum()) and _at_word_end(key, end)


def _at_word_end(key: str, end: int) -> bool:
    return end == len(key) - 1 or not key[end].isalnum() or not key[end + 1].isalnum()


def group_of(article: Article) -> str:
    """Where an article's chrome is shared: its publisher, else its source folder."""
    if article.publisher:
        return f"publisher:{article.publisher.strip().lower()}"
    return f"folder:{PurePath(article.source_uri.split('#')[0]).parent}"


def group_label(article: Article) -> str:
    """How a message names the articles of the article's group: its publisher as written, or
    the folder its file is in ("recurs in 3 articles of ." said nothing: a corpus of files in
    the current folder whose records name no publisher)."""
    kind, _, name = group_of(article).partition(":")
    if kind == "publisher":
        return (article.publisher or name).strip()
    return "the current folder" if name in ("", ".") else f"the folder {name}"


def key_id(key: str) -> int:
    """A line key as 8 bytes: what recurrence counts and the workers send back (a corpus
    holds millions of lines; a 64-bit digest makes a collision a one-in-10^19 event)."""
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
