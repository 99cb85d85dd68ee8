"""paywall.text: subscription and paywall blocks, one finding per block.

A paywall block means the page cut the article short: it starts at a line that says so
("Unlock unlimited access", "Subscribe to continue reading", "Already a subscriber?",
"To Read the Full Story") and runs on over the offer around it (membership perks as a
bullet list, "Support <publisher>", "Subscribe", "Sign In"). Templates (`audit/data/paywall_templates.tsv`,
one compiled pattern) add classes of such lines: trial offers, "This article is reserved
for subscribers", and membership or support appeals ("become a supporter from only $5 a
month"), which are a finding of their own even with no cut. A lone "Subscribe" link with
no such line is site chrome that free articles carry too: boilerplate.line reports it,
and its message says it is not a paywall. Phrases: `audit/data/chrome_phrases.tsv`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Any

from audit.detect.hygiene.shifted import UNSHIFT, shifted_runs
from audit.detect.leakage.chrome_lines import (
    PROSE_MIN_LOWER,
    READER_WORDS,
    RUN_ON_WORDS,
    Line,
    kinded_alternation,
    phrase_hits,
    says_reader_words,
)
from audit.detect.leakage.regex_literals import Prefilter, prefilter
from audit.detect.leakage.spans import iter_spans
from audit.model import Article, Finding, span_finding

CHECK = "paywall.text"
# Every template in paywall_templates.tsv holds one of these: a substring test first spares
# most lines the regex (the alternation costs ~0.5 ms a line, the test microseconds). "try"
# opens the priced trial ("Try 4 weeks for 99p"), which held none of the others and was never
# looked at; tests/test_paywall.py checks each template's examples hold a trigger.
TEMPLATE_TRIGGERS = ("trial", "subscri", "member", "supporter", "patron", "premium", "keep reading",
                     "log in", "sign in", "support", "contribution", "donat", "try", "$", "£", "€")
MAX_TEMPLATE_WORDS = 60  # templates are read in lines and sentences this short
OFFER_MAX_WORDS = 8  # "Support Just the News": an offer line is short unless a phrase says more
LOOK_BACK = 2  # offer lines just before the cut line belong to the block


@dataclass
class Block:
    """Consecutive lines of one subscription offer, from first to last line."""

    lines: list[Line] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    cut: bool = True  # says the article is cut short; else a membership or support appeal

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


@lru_cache(maxsize=1)
def _templates() -> tuple[re.Pattern[str], dict[str, str], Prefilter | None]:
    """`paywall_templates.tsv` as one compiled alternation; group name -> kind (cut, appeal);
    and the fixed words its matches hold ("trial", "become" and "member", ...)."""
    alternation, kinds = kinded_alternation("paywall_templates.tsv")
    pattern = re.compile(alternation, re.IGNORECASE)
    return pattern, kinds, prefilter(pattern)


@lru_cache(maxsize=1)
def _opening_words() -> Prefilter | None:
    """The fixed words of the templates that can open a block (cut, appeal), None when they
    cannot be read: an offer template ("for just $5 a month") opens nothing, and most lines
    that hold a template trigger ("$", "£", "member") hold none of the cut or appeal words."""
    _pattern, kinds, words = _templates()
    if words is None or len(words.alternatives) != len(kinds):
        return None  # not one alternative a rule: no screen
    return Prefilter(tuple(alternative for i, alternative in enumerate(words.alternatives)
                           if kinds[f"g{i}"] != "offer"), words.ignorecase).longest_first()


def _may_open(line: Line) -> bool:
    """False only when the line can neither be cut (a paywall-cut phrase, a cut template) nor
    an appeal (an appeal template): the regex is spared lines with only an offer's words."""
    if any(hit.kind == "paywall-cut" for hit in line.hits):
        return True
    if line.words > MAX_TEMPLATE_WORDS:
        return False  # templates are not read in a unit this long (_template_hits)
    opening = _opening_words()
    return opening is None or opening.may_match(line.text)


@lru_cache(maxsize=1)
def _triggers() -> re.Pattern[str]:
    """TEMPLATE_TRIGGERS as one pattern: one scan of a line key instead of fifteen."""
    return re.compile("|".join(re.escape(t) for t in TEMPLATE_TRIGGERS))


def _template_hits(line: Line, kind: str) -> list[str]:
    """The template matches of one kind in a line or sentence (short units only)."""
    if line.words > MAX_TEMPLATE_WORDS or not _triggers().search(line.key):
        return []
    return [text for found, text in _template_matches(line.text) if found == kind]


@lru_cache(maxsize=4096)
def _template_matches(text: str) -> tuple[tuple[str, str], ...]:
    """(kind, matched text lower-cased) of every template match: a line is asked up to four
    times (cut, appeal, offer, block growth), the alternation runs once."""
    pattern, kinds, words = _templates()
    if words is not None and not words.may_match(text):
        return ()  # no rule's fixed words all in the line: no match (lookups, not a scan of the line)
    return tuple((kinds[m.lastgroup], m.group().lower()) for m in pattern.finditer(text) if m.lastgroup)


def _is_cut(line: Line) -> list[str]:
    """Cut phrases and templates; a span of running text is read whole up to RUN_ON_WORDS
    (a paywall's bullet list run together is one long span)."""
    hits = phrase_hits(line, CHECK, max_words=RUN_ON_WORDS if line.piece else None)
    phrases = [h.phrase for h in hits if h.kind == "paywall-cut"]
    if _CONTINUE_READING in phrases and not _READING_ON.search(line.key):
        phrases.remove(_CONTINUE_READING)
    if any(p in _SUBSCRIBERS_ONLY for p in phrases) and not _about_reading(line):
        phrases = [p for p in phrases if p not in _SUBSCRIBERS_ONLY]
    if (any(p in _FULL_STORY for p in phrases) and _LINK_OUT.search(line.key)
            and not _PAY_WORDS.search(_NEWSLETTER.sub(" ", line.key))):
        phrases = [p for p in phrases if p not in _FULL_STORY]
    return phrases + _template_hits(line, "cut")


# "to read the full story" cuts where the page asks for something first ("To read the full
# story, subscribe", "Log in to read the full article"); a link asks for a click only: "Click
# here to read the full story | - CNet" closes each item of a news digest that links out to
# the whole story on its own site (l3s, a Samsung item of a tech digest, lines and flat: the
# one paywall.text finding called false in the reads of sessions 39 and 40). Such a line is a
# related link (boilerplate's), unless it speaks of paying, subscribing or logging in (a free
# newsletter's sign-up beside it, as there, is no pay word).
_FULL_STORY = frozenset({"to read the full story", "to read the full article"})
_LINK_OUT = re.compile(r"\b(?:click|tap)\s+(?:here\s+)?to\s+read\s+the\s+full\s+(?:story|article)\b"
                       r"|\bto\s+read\s+the\s+full\s+(?:story|article)\s*,?\s*(?:click|tap)\s+here\b")
_PAY_WORDS = re.compile(r"subscri|abonn|\blog\s?in\b|\bsign\s?in\b|regist|member|premium|[$£€]")
_NEWSLETTER = re.compile(r"(?:free\s+)?newsletter\s+subscri\w*|subscri\w*\s+(?:to\s+)?(?:our\s+|the\s+)?"
                         r"(?:free\s+)?newsletters?\b")


# "subscribers only" cuts where the reader's access to the text is meant ("Subscribers only",
# "This article is for subscribers only", "... unlimited access ... subscriber-only
# newsletters"); a product's feature kept for its paying users is news: "This will be
# available to premium subscribers only." (TechCrunch on Strava's AI feature, Fundus's test
# pages: docs/measurements/precn.md). A sentence of prose keeps the phrase when it speaks to
# the reader or names what is read or the access to it.
_SUBSCRIBERS_ONLY = frozenset({"subscribers only", "for subscribers only", "subscriber-only"})
_SUBSCRIBERS_ONLY_MAX_WORDS = 6  # "Subscribers only", "For subscribers only.": a label, not a sentence
_READ_OR_ACCESS = re.compile(
    r"\b(?:articles?|stor(?:y|ies)|content|pieces?|pages?|posts?|access|reading|read|newsletters?)\b",
    re.IGNORECASE)


def _about_reading(line: Line) -> bool:
    return (line.words <= _SUBSCRIBERS_ONLY_MAX_WORDS or says_reader_words(line.text)
            or _READ_OR_ACCESS.search(line.text) is not None)


# "to continue reading" cuts where the reading is of this article ("To continue reading,
# subscribe", "... to continue reading this article"); reading on *about* a subject is a
# pointer to more articles: "If you'd like to continue reading about pathlib, check out my
# follow-up article ..." (a blog of htmldate's evaluation set, the phrase's only finding on
# 15,000 real pages: precision-2026-12-03c.md).
_CONTINUE_READING = "to continue reading"
_READING_ON = re.compile(r"to continue reading(?! about\b)")


def _is_appeal(line: Line) -> list[str]:
    """Appeal templates in a sentence or a short widget, not in a menu run together
    ("Footer menu About Us Advertise With Us Become a Subscriber ..." is site chrome), and
    only where the sentence speaks to the reader (`addresses_reader`)."""
    if line.lower_share is not None and line.lower_share < PROSE_MIN_LOWER:
        return []
    hits = _template_hits(line, "appeal")
    if hits and _SOMEONE_CONTRIBUTES.search(line.text) and not _APPEAL_ELSEWHERE.search(
            _SOMEONE_CONTRIBUTES.sub("", line.text)):
        return []
    return hits if hits and addresses_reader(line.text, hits[0]) else []


# The speaker or a third party makes the contribution: "... situations where we can make a contribution
# on important legal issues" (an FTC speech among CleanEval's pages), "it could make a contribution".
# An appeal asks the reader to make it: "please make a contribution", "we ask you to make a contribution".
_SOMEONE_CONTRIBUTES = re.compile(
    r"(?i)\b(?:we|i|it|they|he|she)\s+(?:(?:can|could|will|would|may|might|should|must|shall|also|"
    r"still|hope\s+to|want\s+to|wish\s+to|plan\s+to|are\s+able\s+to)\s+){0,2}"
    r"make\s+a\s+(?:one-off\s+|monthly\s+|recurring\s+)?contribution\b")
_APPEAL_ELSEWHERE = re.compile(r"(?i)\b(?:contribution|donat)")


# An appeal asks the reader: it opens with the request ("Become a member today", "Support
# independent journalism: ...") or says you / we / our ("Our newsroom depends on readers").
# News reports the same words of a third party: "Russia ... hopes to finally become a member
# by early 2006", "In order to become a member, Moscow would have to ...", "the Argentine
# state would not make a contribution" (BBC 2004-05 and Reuters 1987, read 2026-12-03:
# 3 of 3 appeals on real news were such sentences; docs/measurements/precision-2026-12-03.md).
# The reader words must be in the appeal's own clause: "... so we are not involved in the
# ventilator efforts but it could make a contribution ..." (Bill Gates answering readers,
# Yahoo Finance 2020: "it" makes the contribution; precision-2026-12-03b.md).
_REQUEST_OPENING = re.compile(
    r"^\W*(?:please\s+|so\s+|and\s+|now\s+|today(?:\s*,)?\s+)?"  # no two \s runs to share
    r"(?:support|become|join|make|donate|give|help|subscribe|consider|contribute|sign)\b",
    re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:()–—]|\b(?:but|so|because|while|although|though|whereas)\b", re.IGNORECASE)


def addresses_reader(sentence: str, template: str | None = None) -> bool:
    """Whether a sentence asks its reader: it opens with the request, or it says you, we or
    our ("US", the country, is not "us") outside quotes and reported speech ("we will not make
    a contribution," he said) and the clause holding the template's words (as
    `_template_matches` gives them) does too, or opens with the request ("If you value our
    work, please make a contribution")."""
    if _REQUEST_OPENING.match(sentence):
        return True
    if not says_reader_words(sentence):
        return False
    clause = _clause(sentence, template)
    return READER_WORDS.search(clause) is not None or _REQUEST_OPENING.match(clause) is not None


def _clause(sentence: str, template: str | None) -> str:
    """The stretch of the sentence between the clause breaks around the template's words
    (the whole sentence when there is no template or it is not found)."""
    found = re.search(re.escape(template), sentence, re.IGNORECASE) if template else None
    if found is None:
        return sentence
    start = max((m.end() for m in _CLAUSE_BREAK.finditer(sentence, 0, found.start())), default=0)
    after = _CLAUSE_BREAK.search(sentence, found.end())
    return sentence[start:after.start() if after else len(sentence)]


def _is_offer(line: Line) -> list[str]:
    """Offer phrases in the line; prefix entries ("support ...") only for short lines."""
    return [h.phrase for h in phrase_hits(line, CHECK)
            if h.kind == "paywall-offer" and (h.mode == "contains" or line.words <= OFFER_MAX_WORDS)]


def _belongs(line: Line) -> list[str] | None:
    """Whether a line continues a block: an offer, a cut line, or a bullet of perks."""
    found = _is_cut(line) + _is_appeal(line) + _is_offer(line) + _template_hits(line, "offer")
    if found:
        return found
    if line.bullet and line.words <= 25:
        return []
    return None


BLOCKS_KEPT = 1024  # articles whose blocks are kept: as many as spans.segment keeps units of


def paywall_blocks(lines: Sequence[Line]) -> list[Block]:
    """The paywall blocks among an article's lines, each grown around a cut line.

    Memoised by the identity of the units' tuple: boilerplate.line leaves these lines to
    paywall.text and asks for the blocks of an article paywall.text has just read, with the
    very tuple spans.segment handed to both (a memo keyed by the tuple's value hashed its 20
    Lines, every field of each, on both calls). The tuple is kept with its blocks, so its id
    names no other object while it is in the memo; another tuple of equal Lines is read
    again, to the same blocks (Lines are frozen; Blocks are not changed once made).
    """
    units = tuple(lines)
    kept = _kept_blocks.get(id(units))
    if kept is not None and kept[0] is units:
        return list(kept[1])
    blocks = _blocks(units)
    if len(_kept_blocks) >= BLOCKS_KEPT:
        del _kept_blocks[next(iter(_kept_blocks))]  # the oldest
    _kept_blocks[id(units)] = (units, blocks)
    return list(blocks)


_kept_blocks: dict[int, tuple[tuple[Line, ...], tuple[Block, ...]]] = {}  # the memo of paywall_blocks


def _blocks(lines: tuple[Line, ...]) -> tuple[Block, ...]:
    """The blocks, each grown around a line that opens one."""
    blocks: list[Block] = []
    may_start = _may_start(lines)
    if not may_start:
        return ()  # the loop below opens a block only at a line in may_start
    i = 0
    while i < len(lines):
        if i not in may_start or not _may_open(lines[i]):
            i += 1  # neither a paywall phrase nor a template trigger (or words) of a cut or appeal
            continue
        cut = _is_cut(lines[i])
        appeal = [] if cut else _is_appeal(lines[i])
        if not cut and not appeal:
            i += 1
            continue
        first = i
        while first > 0 and i - first < LOOK_BACK and _is_offer(lines[first - 1]):
            first -= 1
        if blocks and first <= blocks[-1].lines[-1].index:
            first = blocks[-1].lines[-1].index + 1
        block = Block(list(lines[first:i + 1]), [p for ln in lines[first:i] for p in _is_offer(ln)] + cut + appeal,
                      cut=bool(cut))
        i += 1
        while i < len(lines) and (more := _belongs(lines[i])) is not None:
            block.lines.append(lines[i])
            block.phrases.extend(more)
            block.cut = block.cut or bool(_is_cut(lines[i]))
            i += 1
        blocks.append(block)
    return tuple(_joined_to_the_end(blocks, lines))


def _joined_to_the_end(blocks: list[Block], lines: tuple[Line, ...]) -> list[Block]:
    """The blocks from a cut to the one that ends the text as one, when each is a cut, prose
    comes before the first (the cut is where the article stops, not a label over it) and
    fewer than GOES_ON_WORDS words lie between two: what follows such a cut is the paywall's.
    The Haitian Times' appeal between its cut and its closing log-in line was in neither
    block (pages_flat, pages_lines; docs/measurements.md, thirty-sixth session)."""
    while len(blocks) >= 2:
        first, last = blocks[-2], blocks[-1]
        between = lines[first.lines[-1].index + 1:last.lines[0].index]
        if (not (first.cut and last.cut) or last.lines[-1].index != lines[-1].index
                or not any(ln.prose for ln in lines[:first.lines[0].index])
                or sum(ln.words for ln in between) >= GOES_ON_WORDS):
            break
        phrases = [p for ln in between for p in _belongs(ln) or []]
        blocks = [*blocks[:-2], Block(first.lines + list(between) + last.lines,
                                      first.phrases + phrases + last.phrases, cut=True)]
    return blocks


def _may_start(lines: Sequence[Line]) -> set[int]:
    """Positions of the lines that can start a block: a phrase-list hit, or a template
    trigger in the line key (each trigger looked up in all keys at once: none holds a newline)."""
    found = {i for i, ln in enumerate(lines) if ln.hits}
    joined = "\n".join(ln.key for ln in lines)
    ends: list[int] = []
    for trigger in TEMPLATE_TRIGGERS:
        at = joined.find(trigger)
        if at >= 0 and not ends:
            ends = list(accumulate(len(ln.key) + 1 for ln in lines))  # one past each key's newline
        while at >= 0:
            line = bisect_right(ends, at)
            found.add(line)
            at = joined.find(trigger, ends[line])  # on from the next key: this one is in already
    return found


GOES_ON_WORDS = 150  # prose words after a paywall block that say the article was not cut there


def message(block: Block, words_after: int = 0) -> str:
    """`words_after`: the prose words after the block. Many say the text goes on past it (a
    Wired guide: "subscriber-only" at character 1,160 of 31,537, the guide after it whole,
    fundus pages): the offer is no proof of a cut."""
    shown = ", ".join(repr(p) for p in dict.fromkeys(block.phrases))
    if not block.cut:
        return (f"Membership or support appeal of {len(block.lines)} line(s) or sentence(s) ({shown}): "
                f"the site's offer to pay, not article text (paywall.text, not site chrome).")
    if words_after >= GOES_ON_WORDS:
        return (f"Paywall block of {len(block.lines)} line(s) ({shown}): a subscription offer inside the "
                f"text, which goes on for {words_after:,} words of prose after it, so a part may be "
                f"missing rather than the rest (not just a Subscribe link in the site chrome).")
    if not _SAYS_CUT.search(" ".join(block.phrases)):
        return (f"Paywall block of {len(block.lines)} line(s) ({shown}): the text ends on a subscription "
                f"offer, which says nothing of reading on: the page may have cut the article short, or "
                f"this is the site's standing offer under a whole story (not just a Subscribe link in "
                f"the site chrome).")
    return (f"Paywall block of {len(block.lines)} line(s) ({shown}): the page cut the article "
            f"short behind a subscription offer, so the text is probably incomplete "
            f"(not just a Subscribe link in the site chrome).")


# Words of a cut phrase or template that speak of reading on or of access to this text ("to
# continue reading", "to view the full story", "free articles remaining", "for subscribers
# only", "réservé aux abonnés"). A block whose phrases hold none ("get unlimited access", "log
# in to access premium content") is an offer: at the end of the text it may be a cut, or the
# tagline a site sets under every story. A read of 15 paywall findings on the 46 corpora
# (thirty-ninth session): 4 said "cut short" under such an offer after a whole story
# (Register-Guard's "Subscribe to get unlimited access and support local journalism", a
# review's "Log in to access premium content and features on this site").
_SAYS_CUT = re.compile(r"\b(?:read|continu|full\b|view|limit\b|remaining|exclusiv|reserv|réservé|riservato"
                       r"|weiterlesen|subscribers?[ -]only|for subscribers|assinantes|suscriptores|abonnés"
                       r"|abbonati)")


def find_paywall_blocks(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per paywall block, spanning all its lines, and one per run of text the
    paywall left obfuscated (every character shifted by one: audit.detect.hygiene.shifted)."""
    for article, lines in iter_spans(articles):
        for block in paywall_blocks(lines):
            data = {"kind": "paywall-block" if block.cut else "support-appeal", "lines": len(block.lines),
                    "phrases": list(dict.fromkeys(block.phrases))}
            after = sum(ln.words for ln in lines if ln.start >= block.end and ln.prose) if block.cut else 0
            yield span_finding(article, CHECK, block.start, _block_end(block), message(block, after), data=data)
        for start, end in shifted_runs(article.text):
            yield span_finding(article, CHECK, start, end, _shifted_message(article.text[start:end]),
                               data={"kind": "obfuscated"})


PROSE_TAIL_WORDS = 12  # words after the offer's last sentence in its unit that make that tail prose
_SENTENCE_STOP = re.compile(r"[.!?…][\"”’»)]*(?=\s)")


def _block_end(block: Block) -> int:
    """Where the block's finding ends: its last line's end, or, when that line is a span of
    one-paragraph text running on past the offer, the end of the offer's last sentence. A
    flat Webz.io record's "... es exclusivo para suscriptores. suscribirse ya estoy suscripto
    La prestigiosa institución estadounidense invitó a ..." was one unit (no capital after the
    notice's full stop), and the finding took the article's first sentence with the notice."""
    last = block.lines[-1]
    if not last.piece:
        return last.end
    lowered = last.text.lower()
    hit = max((lowered.rfind(p) + len(p) for p in block.phrases if p in lowered), default=-1)
    stop = _SENTENCE_STOP.search(last.text, hit) if hit >= 0 else None
    if stop is None or len(last.text[stop.end():].split()) < PROSE_TAIL_WORDS:
        return last.end
    return last.start + stop.end()


def _shifted_message(run: str) -> str:
    shown = " ".join(run.split()[:4])
    return (f"Obfuscated text of {len(run):,} characters ({shown!r} ...): every character is shifted by one, "
            f"as a paywall serves the part of the article it hides, so the text is not readable "
            f"(shifted back: {shown.translate(UNSHIFT)!r}).")
