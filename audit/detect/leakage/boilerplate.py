"""boilerplate.line: site chrome lines left in the text, each with the evidence.

No single word list decides: a line is chrome when
- it matches the shipped phrase list (`audit/data/chrome_phrases.tsv`: navigation, share,
  "READ MORE: <headline>", newsletter, cookie, footer and comment lines), or
- its shape and place say so: a short line with no sentence ending inside a run of such
  lines (a menu, a list of teasers), or before the first / after the last paragraph, or
- it recurs across articles of the same publisher (or source folder) in this run, the
  repeated-line signal datatrove and dolma use, learned per run.
A heading inside the article ("Historical Context of the Conflict", "Conclusion") is a
lone short line followed by a paragraph, and the headline is the short line just above
the first paragraph: both stay content, whatever the weaker signals say. Lines that
paywall.text or metadata.leak report are left to them.
"""

from __future__ import annotations

import json
import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import numpy as np

from audit.detect.cache import packed_text, unpacked
from audit.detect.leakage import metadata_leak, paywall, share_bars
from audit.detect.leakage.chrome_lines import (
    MAX_PHRASE_LINE_WORDS,
    NAV_MAX_WORDS,
    PROSE_MIN_LOWER,
    PROSE_MIN_WORDS,
    RUN_ON_WORDS,
    SENTENCE_KINDS,
    Line,
    PhraseHit,
    cased_counts,
    data_rows,
    group_label,
    group_of,
    has_cjk,
    has_words,
    hits_in,
    key_id,
    literal_alternation,
    lower_share,
    phrase_hits,
    phrase_table,
    says_reader_words,
    token_cases,
)
from audit.detect.leakage.edit_links import edit_link
from audit.detect.leakage.markup import markup_spans
from audit.detect.leakage.numbered_headings import numbered_headings
from audit.detect.leakage.recurrence import unit_recurrence
from audit.detect.leakage.spans import ABBREVIATIONS, SLUG_SMALL_WORDS, segment
from audit.detect.leakage.transcripts import utterances
from audit.detect.leakage.tweets import quoted_tweet, tweet_lines
from audit.model import Article, Finding, span_finding
from audit.normalise.text import ascii_cases

CHECK = "boilerplate.line"
SAID = {"sign_off": "not the story's text.", "wire_mark": "not the story's text.",
        "byline": "not the story's text."}  # what a finding of the signal is, when not site chrome
EDGE_SIGNALS = frozenset({"head", "tail"})  # lines judged by their place before or after the body
MARKUP_EVIDENCE = "is HTML or script code left in the text (the page's or an embed's)"  # markup.py
EDGE_BLOCK_LINES = 10  # ... this many in a row are one finding (_as_blocks)
BLOCK_WORDS = 40  # a unit longer than this is a block (several sentences), not a sentence
CHROME_COST = 8  # body segmentation: what a known chrome line costs
SHORT_COST = 3  # ... and a short line, on top of its words (tuned on the Zyte benchmark)
PIECE_NAV_FACTOR = 3  # running text: a word of link text costs this much (teaser lists mix blurbs in)
PROSE_BONUS = 5  # a paragraph brings its words and this: a short list inside the body stays in it
KICKER_MAX_WORDS = 6  # a headline's kicker (Dachzeile, surtitre) is a few words (_kicker); a
# masthead is longer ("The White House Office of the Press Secretary", FakeNewsNet)
# A main body with less of the page's words than this, and of its prose than BODY_MIN_PROSE,
# is none (main_body_of): the page is a table, a list or a directory, not an article with
# chrome around it. The Zyte benchmark's news pages, menus and all, give their body 7% of
# their words or more, or (flattened) all their prose.
BODY_MIN_SHARE = 0.03
BODY_MIN_PROSE = 0.35
# A page whose letters are mostly capitals has no body by line shape either (_in_capitals):
# its sentences read as link text. FakeNewsCorpus' all-capitals market report (82% of its
# letters) had 46 of its own lines called head and tail chrome. News text writes 2-5%; of the
# pages of 23 corpora, five pass 0.6 (all-capitals documents: that report, a film's credits,
# FakeNewsNet's pages of a bill), the next writes 49%.
CAPITALS_PAGE_SHARE = 0.6
CAPITALS_PAGE_MIN_LETTERS = 200
CAPITALS_SAMPLE_LINES, CAPITALS_SAMPLE_CHARS = 40, 2000  # the start read first (_in_capitals)
LINK_TEXT_MIN_WORDS = 20  # a run of capitalised link text this long says "menu" (zone evidence)
NUMERIC_MAX_SHARE = 0.25  # ... unless this share of its words hold digits (a table)
LIST_WORDS_PER_COMMA = 12  # ... or it has a comma every this many words (a list in the text)
LIST_WORDS = frozenset(["v", "vs", "v.", "vs."])  # words that separate a fixture list's items as commas do
# Languages whose sentences end on their verb (Turkish, Azerbaijani): a piece ending in a lower-case
# word and a full stop is a sentence there, whatever its capitals (_zone_evidence)
VERB_FINAL_LANGUAGES = frozenset(["tr", "az"])
# Words a sentence does not end on: a line ending so goes on in the next (English, from the
# gold bodies of the Zyte benchmark, where links break sentences into lines).
OPEN_ENDINGS = frozenset(["the", "a", "an", "and", "or", "that", "his", "her", "their", "its", "our", "your",
                          "these", "than", "but", "who", "which", "was", "were", "is", "are"])
SENTENCE_PIECE_WORDS = 4  # a line of this many words without a sentence end can be a cut sentence
LINK_GAP_MAX_WORDS = 3  # a line this short inside a sentence cut on both sides: the words between dropped links
OPENER_MAX_WORDS = 2  # ... and a line this short before it can be the sentence's first, linked words
WRAPPED_MIN_LOWER = 0.5  # a line this lower-case is a wrapped sentence's, however short (_closes_sentence)
TAG_WORDS_PER_COMMA = 6  # a lower-case line with a comma every few words is a tag list, not a sentence
_SENTENCE_END = re.compile(r"[.!?…:;\"”’»]$")
_SENTENCE_CLOSE = re.compile(r"[.!?…][\"”’»)\]]*$")  # a sentence's full stop, maybe inside quotes
# Lower-case words a menu or a title also holds: only the other lower-case words say "prose".
_FUNCTION_WORDS = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by",
                             "from", "as", "v", "vs", "de", "la", "le", "el", "da", "do", "e", "y", "et", "und"])
NAMED_SENTENCE_LOWER = 2  # lower-case content words that make a name-dense full sentence prose
# Items set out with bullets inside one line ("See more from Benzinga * Click here for options trades
# from Benzinga * Barron's Picks And Pans This Week: Apple, ..."): a list, not a sentence
_INLINE_BULLETS = (" * ", " • ")
EARLY_VERBS = frozenset(["is", "was", "are", "were", "has", "had", "have", "will", "said", "says", "became"])
SAYS_EARLY_WITHIN = 3  # a subject's name and its verb: "Sung is Professor of ..." (_says_early)
NAMED_SENTENCE_VERB_WITHIN = 8  # ... the first of them (the verb, most often) within this many words
NAMED_SENTENCE_MAX_RUN = 10  # ... and no run of more capitalised words (link text run together)
LINK_TEXT_MAX_LOWER = 0.25  # link text run together is nearly all capitalised (menus ~0, teasers < 0.2);
# a list or fixture table of the article's writes more lower-case words ("designed by", "or")
LEAD_IN_ENDS = (":", "?")
END_KINDS = frozenset({"comments", "footer", "related", "tags", "disclaimer"})  # chrome that follows an article
# A stretch of prose outside the body this long (consecutive full sentences, no chrome line
# between them) is a text of its own, not chrome around the article: a page carrying several
# stories (Yahoo Finance 2020: a Benzinga story, its footer, then a Bloomberg one) has one body
# and, after or before it, other stories. jusText judges a long block with the words of prose
# "good" whatever its neighbours; here a block is PASSAGE_MIN_LINES sentences holding two
# blocks' words (BLOCK_WORDS each). Teaser blurbs, captions and a footer's lines are shorter.
PASSAGE_MIN_LINES = 3
PASSAGE_MIN_WORDS = 2 * BLOCK_WORDS
OPENING_MIN_LINES = 2  # ... the text's opening above one block that parts it from the body (_passages)
OPENING_MIN_WORDS = BLOCK_WORDS
# A sentence end whose space was lost at extraction ("taking the name.That wasn't the end",
# "equities.“Investor sentiment"): a lower-case letter, a sentence mark, maybe a quote, then a
# capitalised word in lower case (not "U.S.Army", "Amazon.com", "ASP.NET"). A span cut from
# running text over RUN_ON_WORDS is no sentence (Line.prose), unless such ends cut it into ones.
_GLUED_END = re.compile(r"[a-z][.!?][\"“”’']?[A-Z][a-z]")
TAIL_MIN_ANCHORS = 2  # lines between the body and the first chrome phrase below it are chrome
# only when the stretch shows this many kinds of chrome (a page's footer and teasers); one closing line
# ("Leave a Reply", a copyright) says nothing about the list or credits above it
WEAK_KINDS = frozenset({"section"})  # "World", "Local News": content when used as a heading
# Chrome that stands inside the body where the page put it (an embed's placeholder, an ad
# slot's label): it neither cuts the body nor says the page's chrome starts there. A
# portfolio page's "Werbung" (advertising, one of its fields) had made the 26 lines above
# it "head" chrome (pages). A news agency's end mark neither: it closes the story, and the
# Saudi Press Agency's long paragraphs above it had been "after the body" (SaudiNewsNet).
IN_BODY_KINDS = SENTENCE_KINDS | {"ad", "wire-mark", "teaser"}
# ... and of those, the ones that say nothing of the zone around the body either: a teaser set
# between a story's paragraphs (detik's "Baca juga:" / <headline>, "Simak Video '<title>':",
# Okezone's "Baca Juga:<headline>" run into the text). As zone evidence, a teaser glued to a
# standings paragraph made it and the paragraphs around it chrome (id_news: 3 such lines).
# An ad slot's label ("ADVERTISEMENT") is in the body too; as evidence it changed nothing there.
NO_ZONE_KINDS = frozenset({"teaser"})
TEASER_LABEL_KINDS = frozenset({"related", "teaser"})  # labels whose next link-like lines are teasers
KIND_WORDS = {
    "navigation": "a navigation link", "share": "a share button", "related": "a related-link teaser",
    "newsletter": "a newsletter or app prompt", "cookie": "a cookie, consent or policy line",
    "tips": "a prompt to send the site tips, photos, videos or readers' pieces",
    "consent": "the consent placeholder of an embed (a video, a chart, a post) that was not loaded",
    "ad": "an ad slot's label",
    "teaser": "a teaser for another story, or a video's title or credit, set between the story's paragraphs",
    "footer": "a copyright or footer line", "section": "a section label", "tags": "a tag-list label",
    "disclaimer": "a site's standing disclaimer or promo, closing its pieces",
    "wire-mark": "a news agency's mark ending a story or a part of it",
    "comments": "a comments prompt", "paywall-offer": "a Subscribe/Sign-in link in the site chrome "
    "(not a paywall block: no line next to it says the article is cut)",
}


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Suite params of boilerplate.line (defaults from the seeds and the Zyte benchmark)."""

    run_min_lines: int = 3  # short link-like lines in a row that make a menu
    recur_min_docs: int = 3  # articles of one publisher sharing a short line
    # ... sharing a sentence-like line: a background sentence of one story recurs in its
    # follow-ups (3-6 articles of Reuters 2017 and BBC 2004-05, read 2026-12-03), a site's
    # standing line (a bio, a disclaimer) in all its articles of that kind (7-22 there)
    recur_min_docs_prose: int = 7
    # ... sharing a sentence in which the site speaks for itself (audit/data/site_voice.txt: a
    # newsletter or podcast plug, a reporter's contact line, a staff bio): such a line in 3-6
    # articles was chrome on Yahoo Finance, where the background sentences of 3-6 were prose
    recur_min_docs_site_voice: int = 3
    recur_min_docs_block: int = 10  # ... sharing a block longer than BLOCK_WORDS (duplicate.passage
    # leaves such a block to this check from as many articles of one publisher)
    recur_max_share: float = 0.5  # an article with more recurring lines is a duplicate, not chrome
    # ... and in a publisher of many articles, a sentence written as prose (REUSED_MIN_WORDS
    # words, half of them lower case) must recur in this share of them: a site covering one
    # story for months reuses its background sentences in tens of follow-ups (Fake.Br: g1's
    # 2,300 articles on Lula's trial, "A defesa diz que o MPF não tem provas que sustentem a
    # denúncia." in 8, 125 such findings), where its chrome recurs in hundreds ("Boa noite!"
    # 135) or asks the reader ("Veja mais detalhes." 18). A short statement needs it too (a quote,
    # an author's tic: reused_sentence). Up to 700 articles a publisher, nothing changes.
    recur_min_share_prose: float = 0.01

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> Settings:
        names, defaults = cls.__dataclass_fields__, cls()
        return cls(**{k: type(getattr(defaults, k))(v) for k, v in params.items() if k in names})


@lru_cache(maxsize=16)
def _as_dict(settings: Settings) -> dict[str, Any]:
    """asdict, made once per settings (prepare runs per article). Every share holds this one
    dict, never a copy, and nothing changes it: a batch's shares pickle it once (pickle's
    memo), where a copy per article was ~0.4 KB of the run's memory each (mem8.md)."""
    return asdict(settings)


@dataclass(frozen=True)
class Verdict:
    line: Line
    reason: str  # phrase, wire_mark, run, head, tail, recurring
    evidence: str  # the sentence part that says why


def _taken_by_others(lines: Sequence[Line]) -> set[int]:
    taken = {ln.index for b in paywall.paywall_blocks(lines) for ln in b.lines}
    taken.update(ln.index for ln in lines if metadata_leak.classify(ln) is not None)
    return taken


@dataclass(frozen=True)
class Run:
    """A run of consecutive nav-like lines: its length and whether a chrome phrase anchors it."""

    length: int
    anchored: bool  # it starts or ends at (or next to) a line with a strong chrome phrase (below
    # it, not one that closes an article: a list right above "Tags" is the article's)


def _labelling(ln: Line) -> bool:
    """Whether the line holds strong chrome of a kind that labels the lines around it: any but
    IN_BODY_KINDS (an ad label, an embed's placeholder: chrome itself, and no label)."""
    return any(h.kind not in IN_BODY_KINDS for h in _strong_hits(ln))


def _runs(lines: Sequence[Line], text: str = "") -> dict[int, Run]:
    """Line index -> the run of consecutive nav-like lines it belongs to (one pass). A run
    that ends a paragraph (`_ends_paragraph`) is anchored only by its own first line: what
    stands below it (an ad slot's label in it or after it) does not make a paragraph's last
    sentences a list."""
    found: dict[int, Run] = {}
    run: list[int] = []
    for ln in [*lines, None]:
        if ln is not None and ln.navlike:
            run.append(ln.index)
            continue
        if run:
            j, k = run[0], run[-1]
            edges = {e for e in (j, k, j - 1, k + 1) if 0 <= e < len(lines)}
            if _ends_paragraph(lines, j, k, text):
                edges = {j}
            info = Run(len(run), any(_labelling(lines[e]) and (e <= j or not _ends_an_article(lines[e]))
                                     for e in edges))
            found.update((i, info) for i in run)
        run = []
    return found


def _ends_paragraph(lines: Sequence[Line], j: int, k: int, text: str) -> bool:
    """Whether the run of lines j..k starts with the last sentences of a paragraph line: its
    first unit is a piece cut from the line whose piece before it is prose, and the line
    ends before the run does ('... look forward to the next. Why not say, "Be kind." Or even,
    "Yes! I see you, Queen!"' / "Advertisement": Racked's story in Postlight's fixtures, 3
    short quotes called a list of teasers under an ad slot's label). Flat text has one line:
    there a byline's pieces after the story's last sentence, then "Share this article", stay
    a run under a label ("Sally Grover - Celebrity News Service News Writer |", L3S)."""
    if j == 0 or not lines[j].piece or not lines[j - 1].piece or not _prose(lines[j - 1]):
        return False
    below = lines[min(k + 1, len(lines) - 1)].start
    return "\n" not in text[lines[j - 1].end:lines[j].start] and "\n" in text[lines[j].start:below]


def _headlines(article: Article, lines: Sequence[Line], first_prose: int, skip: set[int]) -> set[int]:
    """The headline: the title's line or span, else the one holding most of the URL
    slug's words (audit.detect.leakage.spans marks them). Only when neither is found, a guess:
    up to two nav-like lines right above the first paragraph, or in running text the
    one span there (a menu run together with the headline is not nav-like: not kept).
    """
    found = {ln.index for ln in lines if ln.headline}
    if found:
        return found  # nothing guessed above a known headline (the menu is there)
    piece = first_prose >= 0 and lines[first_prose].piece
    i = first_prose - 1
    while i >= 0 and len(found) < (1 if piece else 3):
        ln = lines[i]
        if ln.index in skip or _strong_hits(ln):
            i -= 1
            continue
        if not (ln.navlike and ln.words >= 4):
            break
        found.add(ln.index)
        i -= 1
    return found


# "©" (byte A9) after a Latin-1 letter that leads a two-byte UTF-8 sequence (C3-DF; "Â", C2,
# makes "©" itself): one character of another script decoded with the wrong codec. An Egyptian
# story's UTF-8 decoded as cp1252 ("Ø§Ù„ØµØ\xadØ©") had 38 of its sentences called copyright
# lines, one for each "Ø©" ("ة", the commonest ending of Arabic words).
_MOJIBAKE_MARK = re.compile("[\u00c3-\u00df]©|[\u00e0-\u00ef]\\S©")  # and a three-byte one's last byte ("२" -> "à¥©")


def _mojibake_marks(text: str) -> bool:
    """Whether the text has a "©" and every one is mojibake's (_MOJIBAKE_MARK)."""
    return "©" in text and len(_MOJIBAKE_MARK.findall(text)) == text.count("©")


def _phrase_hits(line: Line) -> list[PhraseHit]:
    """phrase_hits, without a "©" that is only mojibake: "Ã©" is "é" decoded as Latin-1
    ("Que absurdo Ã© esse?"), "Ø©" Arabic's "ة", "Ð©" Russian's "Щ", "Î©" Greek's "Ω"
    (_MOJIBAKE_MARK), not a copyright sign ("Â©" is one: kept); nor a circled "ⓒ"
    beside a "ⓑ": a list's marks, not Korean's copyright sign."""
    hits = phrase_hits(line)
    if _mojibake_marks(line.text):
        hits = [h for h in hits if h.phrase != "©"]
    if "ⓒ" in line.text and "ⓑ" in line.text:  # "ⓐ ... ⓑ ... ⓒ ...": a list's third item
        hits = [h for h in hits if h.phrase != "ⓒ"]
    return hits


def _strong_hits(line: Line) -> list[PhraseHit]:
    """Phrase-list hits that decide alone; in a sentence cut from running text, only
    the inline marker, whole-span phrases, "Copyright ..." and contains- or prefix-phrases
    of a non-sentence count ("The company changed its privacy policy" is news, not a cookie
    banner; "More: It did not reveal the crash location ..." is the text after a label)."""
    if not line.hits and line.marker is None:
        return []
    hits = [line.marker] if line.marker else []
    hits += [h for h in _phrase_hits(line) if h.kind in SENTENCE_KINDS or _teaser_run(line, h)
             or (h.phrase in COPYRIGHT_MARKS and _COPYRIGHT_OPENING.match(line.text)) or not (
        line.piece and line.prose and (h.mode == "contains" or (h.mode == "prefix" and h.kind != "footer")))]
    return [h for h in hits if (h.check == CHECK and h.kind not in WEAK_KINDS)
            or (h.kind == "paywall-offer" and h.mode == "line")]


def _teaser_run(line: Line, hit: PhraseHit) -> bool:
    """A related-links label opening a span of running text too long for one sentence: the
    teasers' headlines run together after it ("Veja também: Paquistão nega que soubesse ...
    Morte não põe fim à guerra ao terror ...", Fake.Br), which long_sentence may read as one
    written as prose; the label decides, as it does on a shorter span that is no sentence."""
    return hit.kind == "related" and hit.mode == "prefix" and line.words > RUN_ON_WORDS


def _is_heading(lines: Sequence[Line], i: int) -> bool:
    """A lone short line followed by a paragraph: an in-article heading."""
    after = lines[i + 1] if i + 1 < len(lines) else None
    before = lines[i - 1] if i > 0 else None
    return after is not None and after.prose and (before is None or not before.navlike)


def _flat_sentence(ln: Line) -> bool:
    """A short sentence of flat text ending in a full stop (or "!"), which `_is_heading` takes for a
    heading by its shape (a short unit before a long one): "Add your two cents." between
    beforeitsnews' "% of readers think this story is Fact." and its recurring "Headline: ..."
    teaser, and that teaser's "Blockchain Stocks Are Next!" before a paragraph (FakeNewsCorpus,
    flat: 44 of 48 left). A heading does not end in a full stop, but
    a sentence of the article may recur in its publisher's articles ("He declined to
    comment."): so it is chrome only when it recurs and stands beside chrome (`article_findings`)."""
    return ln.piece and ln.text.rstrip().rstrip(_CLOSING)[-1:] in ".!" and ln.marker is None and not ln.hits


def _lead_in(lines: Sequence[Line], i: int) -> bool:
    """A short line ending in a colon or question mark that a paragraph answers."""
    after = lines[i + 1] if i + 1 < len(lines) else None
    return lines[i].navlike and lines[i].text.rstrip()[-1:] in LEAD_IN_ENDS and after is not None and after.prose


SHORT_SENTENCE_WORDS = 2
_CLOSING = "\"'”’»)"


def _short_sentence(text: str, lines: Sequence[Line], i: int) -> bool:
    """A sentence of one or two words inside a paragraph, after a sentence of it and before
    more of it (one of the two a full sentence): an answer, a question or a label in running
    text ("Est-ce assez pour les patrons? Non. Est-ce une rupture?", "Was genau wurde
    beschlossen? Ein Überblick. Über den Plan ...", "¿Medidas tomadas? Ninguna. Caso
    cerrado."). Interviews and teasers repeat such
    words across a publisher's articles, so recurrence alone called them chrome: Le Temps,
    Tribune de Genève, El Confidencial, tagesschau.de (precde.md). A signature or an agency
    name closes the text or its paragraph ("R. B.", "(TDG)") and is not in between."""
    ln = lines[i]
    if not ln.piece or ln.words > SHORT_SENTENCE_WORDS or i == 0 or i + 1 >= len(lines):
        return False
    if ln.text.rstrip().rstrip(_CLOSING)[-1:] not in ".!?":
        return False
    before, after = lines[i - 1], lines[i + 1]
    ended = before.text.rstrip().rstrip(_CLOSING)[-1:]
    if not before.piece or ended not in ".!?…" or "\n" in text[before.end:ln.start]:
        return False
    if after.piece and "\n" not in text[ln.end:after.start]:
        return before.prose or after.prose or _paragraph_prose(text, lines, i)
    # the answer that closes its paragraph, after a question: "Цель-то какая? Нет.", "Разве она
    # в состоянии совершить революцию с таким рейтингом? Нет." (Nezavisimaya Gazeta, ng.ru)
    return ended == "?"


def _paragraph_prose(text: str, lines: Sequence[Line], i: int) -> bool:
    """Whether the paragraph holding unit i (its units with no line break between them) has a
    full sentence: "Просто обнять. Нет. Прижаться." and "А потом перестала. Почему?
    Рассказываю." are short sentences around a short answer in a paragraph of prose (ng.ru)."""
    j = i
    while j > max(0, i - PARAGRAPH_REACH) and lines[j - 1].piece and "\n" not in text[lines[j - 1].end:lines[j].start]:
        j -= 1
        if lines[j].prose:
            return True
    j = i
    while (j + 1 < min(len(lines), i + PARAGRAPH_REACH + 1) and lines[j + 1].piece
           and "\n" not in text[lines[j].end:lines[j + 1].start]):
        j += 1
        if lines[j].prose:
            return True
    return False


PARAGRAPH_REACH = 8  # units read either side: a paragraph of 2,000 short replies costs linear time

# A dialogue's turn written after a dash, as Russian, French or Spanish texts write replies
# ("– Есть.", "- Да.", "– Почему?", "- Так может быть?"), or a list's number left alone by the
# sentence cut ("3." of "... в год. 3. Из Алжира в Испанию."): recurring across a paper's
# articles, recurrence called them chrome (ng.ru, 1,598 articles: 8 turns, 2 numbers).
_TURN = re.compile(r"[–—-]\s+\S(?:[^\n]*\S)?[.!?…][.!?…\"'”’»)]*|\d{1,2}[.)]")
TURN_MAX_WORDS = 4


def turn_or_number(ln: Line) -> bool:
    """Whether a unit is a short dialogue turn or a list's number alone (`_TURN`)."""
    return ln.words <= TURN_MAX_WORDS and not ln.hits and _TURN.fullmatch(ln.text.strip()) is not None


_NON_WORD = re.compile(r"\W+")
SIDEBAR_PROSE_RATIO = 4  # the story below a sidebar's comments header: 4x the prose above it, or more
SIDEBAR_MAX_PROSE_WORDS = 100  # and above the header no more prose than a menu run together (APC's: 60)


def _prose_words(lines: Sequence[Line]) -> int:
    return sum(ln.words for ln in lines if ln.prose)


def _is_title(line: Line, title: str | None) -> bool:
    """Whether a line is the record's title and nothing more (marks and case aside)."""
    return bool(title) and _NON_WORD.sub(" ", line.text.lower()).split() == _NON_WORD.sub(" ", (title or "").lower()).split()


def _comments_start(text: str, lines: Sequence[Line], first: int, last: int, after: int = -1) -> int | None:
    """The comments header inside the body stretch (past line `after`), if any: comments are
    chrome, however much prose they hold (the body ends before them)."""
    if first < 0:
        return None
    for ln in lines[max(first, after) + 1:last + 1]:
        if (any(h.kind == "comments" for h in _strong_hits(ln)) and not _share_box(lines, ln.index)
                and not _share_bar(text, lines, ln.index) and not _no_comments(text, ln)):
            return ln.index
    return None


# A comments link that counts none: "Comments (0)", "Comments: 0", "Comments [0]", "0 Comments", "No
# comments". Blog pages of CleanEval end each post with one ("John Hawkins | 11:59 PM | Comments (0)",
# "Posted by Harry on July 29, 2006 4:56 PM Comments: 0") and go on with the next post: no comments
# follow it, so it does not open their section (docs/measurements/precr.md).
_ZERO_AFTER = re.compile(r"\s*(?:\(\s*0\s*\)|\[\s*0\s*\]|:\s*0(?![\d.,]))")
_ZERO_BEFORE = re.compile(r"(?i)(?<![\w.,])(?:0|no)\s+$")
ZERO_REACH = 12  # characters read before a header for "0" or "no", after its "comments" for the count


def _no_comments(text: str, line: Line) -> bool:
    """Whether the comments header of `line` counts no comments, written after its word "comments"
    or before it ("0 Comments", "No comments")."""
    for word in re.finditer(r"(?i)\bcomments?\b", text[line.start:line.end]):
        at, end = line.start + word.start(), line.start + word.end()
        if _ZERO_AFTER.match(text[end:end + ZERO_REACH]) or _ZERO_BEFORE.search(text[max(0, at - ZERO_REACH):at]):
            return True
    return False


def _share_bar(text: str, lines: Sequence[Line], i: int) -> bool:
    """Whether the comments header at line i is a link in a share bar run into the text: a share
    button right before it on the same line (thehill.com's "... increased again." Tweet View
    Comments Pelosi said ...": the story goes on after it, flattened), or a share or print button
    right after it on the same line (Summit Daily's byline bar "... January 17, 2008 Comments
    Print Email I caught the film ...", L3S-GN1: the review follows, not its comments)."""
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    return ((before is not None and "\n" not in text[before.end:lines[i].start]
             and any(h.kind == "share" for h in _phrase_hits(before)))
            or (after is not None and "\n" not in text[lines[i].end:after.start] and _opens_with_button(after)))


_BUTTON_STRIP = "|·•,;:.-"


def _opens_with_button(line: Line) -> bool:
    """Whether the line's first word is a share button ("Email", "Tweet", "Share") or "Print"
    (a navigation word of the phrase list; its other ones, "Home", "News", open menus)."""
    words = line.text.split(None, 1)
    first = words[0].strip(_BUTTON_STRIP).lower() if words else ""
    return bool(first) and any(h.mode == "line" and (h.kind == "share" or h.phrase == "print")
                               for h in hits_in(first, False))


def _share_box(lines: Sequence[Line], i: int) -> bool:
    """Whether the comments header at line i opens a social-media box, not a comments section:
    the next line asks to share on a network (CNN's "Join the conversation / See the latest news
    and share your comments with CNN Health on Facebook": the story goes on after it)."""
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and any(h.kind == "share" for h in _phrase_hits(nxt))


@dataclass(frozen=True)
class Body:
    """The main body (first and last line, -1 when none) and the evidence that the stretches
    before and after it are site chrome: position alone is not (the gold bodies of the Zyte
    benchmark end in lists, score tables and closing lines that sit "after the body")."""

    first: int
    last: int
    head_anchor: int | None  # a line above the body with a chrome phrase of its own
    tail_anchor: int | None  # ... below the body (the first one)
    tail_anchors: int  # how many kinds of chrome the lines below the body show
    headline: int  # the known headline (title or URL slug) nearest above the body, else -1
    passages: frozenset[int] = frozenset()  # lines outside the body in a passage of prose (`_passages`)
    teasers: Mapping[int, str] = field(default_factory=dict, hash=False, compare=False)  # a teaser list's stamped pieces (`teaser_lines`)


def _broken(lines: Sequence[Line], i: int) -> bool:
    """Whether line i is a piece of a sentence cut where the page had a link: it ends with
    an article or conjunction ("(Reuters) — The", "It makes perfect sense since Apple
    products are so pricey, and the"), or it has a few words without a sentence end and
    goes on in lower case across the line break ("WASHINGTON (Reuters) - Scientists on
    Monday unveiled the first" / "global geological map of Saturn's moon Titan").
    Menus end on nouns, and their one- or two-word items ("food", "climate") are not read
    as continuations."""
    ln = lines[i]
    text = ln.text.rstrip()
    last_word = text.rsplit(None, 1)[-1].lower() if text else ""
    if last_word in OPEN_ENDINGS and ln.words >= 1 and not ln.bullet:
        return True
    if ln.words < SENTENCE_PIECE_WORDS or _SENTENCE_END.search(text):
        return False
    before = lines[i - 1].text.rstrip() if i > 0 else ""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    return (text[:1].islower() and bool(before) and not _SENTENCE_END.search(before)) or after[:1].islower()


def _goes_on(lines: Sequence[Line], i: int) -> bool:
    """Whether line i's sentence goes on in the next line (lower case, or a dropped link's
    closing mark), or ends on an article or conjunction: words cut at a link, no headline."""
    after = lines[i + 1].text if i + 1 < len(lines) else ""
    return _broken(lines, i) or after[:1].islower() or _goes_on_after_link(after)


# The line after a dropped link's words: the mark that closed them, then the sentence's next
# word in lower case (", повара") or its own mark ("». О ..."); not a tag list's lone "," nor
# a menu's "» Markets" (Zyte pages: the first, wider rule lost 31 true chrome lines so).
_AFTER_A_LINK = re.compile(r"\s*[,;:)»”]+(?:[.,;:!?]|\s*(?P<word>\w))")


_TAIL_AFTER_LINK = re.compile(r"\s*,\s*\w[^\n]*[.!?][\"”’)]*\s*$")


def _goes_on_after_link(text: str) -> bool:
    m = _AFTER_A_LINK.match(text)
    return m is not None and (m["word"] is None or m["word"].islower())


# The line after a link that ends the cut sentence, or goes on from its comma: the full stop alone,
# or the mark and a piece of sentence (". Lijnders kan menjadi asisten ...", ", Selasa (10/6/2025),
# menuai kecaman ..."): detik's and Kompas's sentences cut at their linked names (id_news: "Manchester
# City", "Raja Ampat", "AFP" recurred as chrome in 60 stories)
_CLOSING_MARK = re.compile(r"\s*[.,](?:\s*$|\s+\w)")


def _closes_after_link(after: Line) -> bool:
    return _CLOSING_MARK.match(after.text) is not None and (
        after.text.strip() == "." or after.words >= SENTENCE_PIECE_WORDS)


CONNECTIVE_MAX_WORDS = 2
LINKED_NAME_MAX_WORDS = 4


def _linked_name(ln: Line) -> bool:
    """A name of LINKED_NAME_MAX_WORDS words, each capitalised or a figure, with no mark after it: a
    link's text cut from its sentence ("Piala Dunia Antarklub 2025", "Kualifikasi Piala Dunia 2026").
    Not a label ("For More Information See:") nor a line of a sentence ("for this mild season.")."""
    words = ln.text.split()
    return len(words) == LINKED_NAME_MAX_WORDS and ln.text.rstrip()[-1:].isalnum() and all(map(_name_word, words))


def _name_word(word: str) -> bool:
    """A word of a name as a link writes it: capitalised, or a figure ("2025")."""
    return word[:1].isupper() or word[:1].isdigit()


def _connective(ln: Line) -> bool:
    """A word or two in lower case with no mark ("dan", "and", "serta"): what joins two links."""
    return (ln.words <= CONNECTIVE_MAX_WORDS and ln.text == ln.text.lower() and ln.text != ln.text.upper()
            and ln.text.replace(" ", "").isalpha())


def _link_gap(lines: Sequence[Line], i: int) -> bool:
    """Whether line i is the few words a scraper left between links it dropped (the Irish Times
    pages of feryah/gilets_jaunes: "Speaking at a press conference with" / "president" / "in
    Strasbourg on Monday night, ..."; "... to win support for her" / "deal."): the same "The",
    "president" or "British prime minister" recur in many articles, yet they are the article's
    words. At most LINK_GAP_MAX_WORDS words, no phrase of its own, the sentence goes on across a
    line break (the next line goes on in lower case, or the line ends in lower case one that a line
    of several words began: not "CB Tavierre Thomas 1 1%" / "No stats registered."), and no neighbour
    holds a chrome phrase ("Sign up for our new" / "newsletter"), but for a sentence's tail after its
    link or its first word before it (_opens_at_link), which a slot's label may stand beside."""
    ln = lines[i]
    if not (1 <= ln.words <= LINK_GAP_MAX_WORDS or _linked_name(ln)) or ln.hits or ln.marker is not None:
        return False
    before = lines[i - 1] if i > 0 else None
    after = lines[i + 1] if i + 1 < len(lines) else None
    if before is not None and (before.hits or before.marker is not None):
        return _opens_at_link(lines, i)
    # the sentence's tail after a link, from its comma to its full stop ("... seperti dilansir
    # kantor berita" / "AFP" / ", Selasa (10/6/2025)."): detik dates its sources' quotes so, and
    # the day's date recurs in its stories of that day (id_news: 9 tails and their sources); a
    # slot's label after it ("SCROLL TO CONTINUE WITH CONTENT") takes nothing from it
    open_before = before is not None and not _SENTENCE_CLOSE.search(before.text.rstrip())
    if open_before and _TAIL_AFTER_LINK.match(ln.text) is not None:
        return True
    if after is not None and (after.hits or after.marker is not None):
        return False
    # the sentence goes on in lower case, or with the mark that closed a dropped link's words
    # (ng.ru: "... потерпели бедствие сухогрузы «" / "» и «" / "». О человеческих ...";
    # "подтвердили гибель матросов" / "и" / ", повара")
    goes_on = after is not None and (after.text[:1].islower() or (_goes_on_after_link(after.text) and open_before) or (
        _TAIL_AFTER_LINK.match(after.text) is not None and open_before and before.words >= SENTENCE_PIECE_WORDS)
        or (open_before and before.words >= 2 and _closes_after_link(after)))
    if (open_before and after is not None and _connective(ln) and after.words >= SENTENCE_PIECE_WORDS
            and before.words >= SENTENCE_PIECE_WORDS):
        goes_on = True  # "... atau Pasal 3" / "juncto" / "Pasal 18 Undang-Undang Nomor 31 Tahun 1999 ...": a
        # word joining a sentence's piece before a link to the piece after it (not a widget's "Jack" /
        # "on" / <post title>: a comment's author and the post, Dragnet's Towleroad page)
    if after is not None and i + 2 < len(lines) and _short_link(after):
        further = lines[i + 2]
        if open_before and _connective(ln):
            # "Egy Maulana Vikri" / "dan" / "Ricky Kambuaya" / "yang jadi ...": the word that joins
            # two links of one sentence, which goes on after the second
            goes_on = goes_on or (not further.hits and (
                further.text[:1].islower() or _goes_on_after_link(further.text) or _closes_after_link(further)))
    ends_one = (before is not None and before.words >= SENTENCE_PIECE_WORDS
                and (ln.text.lstrip("\"“‘'")[:1].islower() or _closing_name(ln, before))
                and not _SENTENCE_END.search(before.text.rstrip()) and bool(_SENTENCE_END.search(ln.text.rstrip())))
    # (and the source's link after such a first word: "BBC")
    return goes_on or ends_one or _opens_at_link(lines, i) or (i > 0 and _opens_at_link(lines, i - 1))


_NAME_JOINS = frozenset(["vs", "vs.", "v", "v."])  # "Jepang vs Indonesia": a match's name


def _closing_name(ln: Line, before: Line) -> bool:
    """A linked name and the full stop of the sentence it ends, after a line that stops on a
    word in lower case: "... membawa 23 pemain untuk laga" / "Jepang vs Indonesia." / "Itu
    merupakan ..." (detik; the match's name recurred in 25 stories: "site chrome"), "... yang
    dikutip" / "ESPN.". Not "Contact us at letters@time.com." nor "Ảnh minh họa." (words in
    lower case: a line of chrome, which stays chrome)."""
    text = ln.text.rstrip()
    words = text.split()
    return (len(words) <= LINKED_NAME_MAX_WORDS and text.endswith(".") and not text.endswith("..")
            and before.text.rstrip()[-1:].islower() and all(_name_word(w) or w in _NAME_JOINS for w in words))


def _opens_at_link(lines: Sequence[Line], i: int) -> bool:
    """A sentence's first word or two before its linked source, the sentence going on from the
    link's comma: "Diberitakan" / "BBC" / ", Sabtu (7/6/2025) polisi Bavaria mengatakan, ..." (as
    reported by; whatever stands above it, a slot's label too)."""
    ln = lines[i]
    if not (ln.text[:1].isupper() and ln.words <= OPENER_MAX_WORDS and i + 2 < len(lines)
            and not _SENTENCE_END.search(ln.text.rstrip())):
        return False
    after, further = lines[i + 1], lines[i + 2]
    return (_short_link(after) and not further.hits and further.text.lstrip()[:1] == ","
            and _closes_after_link(further))


def _short_link(ln: Line) -> bool:
    """A line that can be one link's text: a few words, or a name (_linked_name), no phrase."""
    return (ln.words <= LINK_GAP_MAX_WORDS or _linked_name(ln)) and not ln.hits and ln.marker is None


def _opens_sentence(lines: Sequence[Line], i: int) -> bool:
    """A menu word that is the first word of a sentence cut at its link ("Photos" / "which
    were released online and are making the rounds on social media,"): one or two words
    without an ending, and the next line goes on in lower case for a few words."""
    ln, after = lines[i], lines[i + 1] if i + 1 < len(lines) else None
    return (ln.words <= OPENER_MAX_WORDS and not ln.piece and after is not None
            and after.text[:1].islower() and after.words >= SENTENCE_PIECE_WORDS
            and after.text.count(",") * TAG_WORDS_PER_COMMA < after.words  # "Tags" / "stock car, stock car brasil, ..."
            and not _SENTENCE_END.search(ln.text.rstrip()))


def _closes_sentence(lines: Sequence[Line], i: int) -> bool:
    """A menu word that is the last word of a sentence hard-wrapped onto its own line
    ("... problems are growing abroad, but jobs aren't growing here at" / "home.": CNN's
    transcript of the 2012 vice-presidential debate, wrapped at 65 characters): one or two
    words in lower case ending the sentence, after a line of several words with no ending.
    That line may be short enough to look like link text, when half its words are lower
    case as a sentence's are and link text's are not ("Quidditch, the Death Eaters, and
    entire mythology of Rowling's wider wizarding" / "world.": The New Republic's review
    as its page's source wraps it, Postlight's fixtures; "world" is a menu's word)."""
    ln, before = lines[i], lines[i - 1] if i > 0 else None
    return (ln.words <= OPENER_MAX_WORDS and not ln.piece and before is not None
            and ln.text[:1].islower() and bool(_SENTENCE_END.search(ln.text.rstrip()))
            and before.words >= SENTENCE_PIECE_WORDS
            and (not before.navlike or (before.lower_share or 0) >= WRAPPED_MIN_LOWER)
            and not _SENTENCE_END.search(before.text.rstrip()))


def _run_on(ln: Line) -> bool:
    """A span of running text that is neither a sentence nor a short label (many words
    without a sentence end: a teaser list or footer flattened), or a line of link text.
    A whole line of names with commas ("Choreographer_Jeong Hye Jin, Director_Oh ...") is
    a list of the article's."""
    return not _prose(ln) and not ln.navlike and (ln.piece or _link_text(ln))


def _ends_an_article(ln: Line) -> bool:
    """A phrase that closes an article (tags, comments, related links, copyright): what
    stands above it is the article, so it is no evidence for the stretch above the body."""
    return any(h.kind in END_KINDS for h in _phrase_hits(ln)) or bool(ln.marker and ln.marker.kind in END_KINDS)


def _zone_evidence(lines: Sequence[Line], language: str | None = None) -> set[int]:
    """Lines that say a stretch outside the body is chrome, without deciding alone: any
    phrase-list hit, also a "contains" phrase inside a sentence ("... © 2019 Example Inc.
    All Rights Reserved", "Terms of Use and Privacy Policy" in a footer run together), and
    link text run together in a piece of running text (a menu flattened). A whole line of
    capitalised words is no such evidence where the text keeps its lines: there it was a
    table's row or a product's name (prec20: a trial's "| Official Title: | ..." row, a
    monument's opening hours, a game's quest table, a singer's bio), each taking the rest
    of its page for chrome; the Zyte benchmark's verdicts stay the same without it.

    In a language whose sentences end on their verb (VERB_FINAL_LANGUAGES), a piece ending in a
    lower-case word and a full stop is a sentence: Turkish capitalises each word of a title, and
    a list of guests with theirs ("... Beyoğlu Belediye Başkanı Ahmet Misbah Demircan, İstanbul İl
    Emniyet Müdür Yardımcısı Halil Yılmaz, ... Özben Önal katıldı.") read as menu links run
    together: it said site chrome stood above it, and the story's first paragraph was called
    chrome (tr_news). An English menu run together may end so ("... Sign up for our newsletter.")."""
    verb_final = language in VERB_FINAL_LANGUAGES
    return {ln.index for ln in lines
            if (ln.piece and _link_text(ln) and not (verb_final and _ends_on_a_verb(ln.text))) or any(
                (h.check == CHECK and h.kind not in NO_ZONE_KINDS)
                or (h.kind == "paywall-offer" and not _offer_in_a_sentence(lines, ln, h))
                for h in _phrase_hits(ln))}


def _ends_on_a_verb(text: str) -> bool:
    """Whether a text that lists (a comma) ends as a statement on a word in lower case ("...
    Halil Yılmaz, ... Özben Önal katıldı."); a Turkish menu run together may end on a prompt's
    verb too ("... Bültenimize abone olun."), with no comma."""
    words = text.split()
    return ("," in text and bool(words) and words[-1][-1:] == "." and words[-1][:1].islower()
            and len(words[-1]) > 2)


def _offer_in_a_sentence(lines: Sequence[Line], ln: Line, hit: PhraseHit) -> bool:
    """An offer's words ("per week", "ad-free", "exclusive access") inside a sentence: a game
    wiki's "You can give Penny up to two gifts per week (plus one on" / "her" said site chrome
    stands above it, and the 46 lines of the page above were called chrome (multiling pages).
    Such a phrase is offer evidence only on a line that is no sentence or piece of one."""
    return hit.mode == "contains" and (_prose(ln) or _broken(lines, ln.index))


def _kinds(lines: Sequence[Line], anchors: Sequence[int]) -> int:
    """How many kinds of chrome the anchor lines show (navigation, share, footer, link
    text, ...): a page's footer mixes several; a caption credit and a copyright line
    ("photos © Inexhibit", "copyright Inexhibit 2019") are one kind, twice."""
    kinds: set[str] = set()
    for i in anchors:
        ln = lines[i]
        kinds.update(h.kind for h in _phrase_hits(ln) if h.check == CHECK or h.kind == "paywall-offer")
        if ln.marker:
            kinds.add(ln.marker.kind)
        if _link_text(ln):
            kinds.add("link-text")
    return len(kinds)


def _link_text(ln: Line) -> bool:
    """Many words of link text run together: a menu or teaser list flattened ("Home News
    Markets Earnings Portfolio Watchlist Forum ..."): capitalised words with no commas
    between them. A list in the article separates its items with commas ("Assassin's Creed
    Odyssey, Attack on Titan: Final Battle 2, ...", "June 10 -- Amphitheatre, Tampa, FL")
    and a table flattened is mostly numbers ("1 Kyle Busch 5040 5 1 17 27"): content."""
    if (ln.words < LINK_TEXT_MIN_WORDS or _prose(ln) or ln.lower_share is None
            or ln.lower_share >= LINK_TEXT_MAX_LOWER or _says_early(ln) or _sentence_cell(ln.text)
            or _shouted(ln.text)):
        return False
    tokens = ln.text.split()
    numeric = sum(any(c.isdigit() for c in t) for t in tokens)
    cased = sum(t[:1].isalpha() and t[:1].lower() != t[:1].upper() for t in tokens)
    # "Saul Bellow (Canada) ...", "Derby v Watford or Fulham ...": an annotated list, a fixture list
    commas = ln.text.count(",") + ln.text.count(";") + ln.text.count("(") + sum(t in LIST_WORDS for t in tokens)
    return (numeric < NUMERIC_MAX_SHARE * len(tokens) and cased >= 0.5 * len(tokens)
            and commas * LIST_WORDS_PER_COMMA < len(tokens))


_FIRST_PERSON = frozenset(["I", "MY", "ME"])  # a form's words in capitals, not a sentence shouted
SHOUTED_MIN_SMALL = 0.2  # share of a line's words that are small words when it is a sentence in capitals


def _shouted(text: str) -> bool:
    """A sentence written in capitals, as a partisan site shouts ("INFORMAÇÃO DO ANTAGONISTA
    REVELOU HOJE [12] QUE O MINISTRO TEORI ZAVASCKI, DO STF, JÁ DECIDIU E IRÁ REMETER OS
    PROCESSOS ...": Fake.Br's diariodobrasil): its small words are capitals too (DO, O, E, OS, A,
    DE: a fifth of its words), which link text run together is not made of. Read as a menu, it
    said site chrome stood above it, and the story's first sentence was called chrome. A form
    speaks as its reader ("I AM OVER 18 YEARS OF AGE AND I AGREE TO ... MY PERSONAL DATA": a
    consent box, chrome): not so."""
    if text.upper() != text:
        return False
    tokens = text.split()
    if not _FIRST_PERSON.isdisjoint(tokens) or text.count("/") + text.count("|") >= 2:
        return False  # (items set out with slashes or bars: a report's teaser line, FakeNewsCorpus)
    small = sum(t.strip(".,;:!?\"'()[]").lower() in SLUG_SMALL_WORDS for t in tokens)
    return small >= SHOUTED_MIN_SMALL * len(tokens)


def _sentence_cell(text: str) -> bool:
    """A table row that holds a sentence in a cell ("| Monday | Time | Location | | 8:30 AM |
    Leaves the farmhouse and heads to Pierre's General Store. |"): a table of the page's, not a
    menu set out with bars (a game wiki's schedule took the 35 lines above it for chrome,
    multiling pages). A table: an empty cell ("| |", as extractors write a table's rows; a
    menu flattened, "Ascom | Hospital Solutions Ascom | ... Sales Partners around the world.",
    has none). A sentence: more than SENTENCE_PIECE_WORDS words, a full stop, most of the
    words after its first in lower case."""
    if "| |" not in text:
        return False
    for cell in text.split("|"):
        words = cell.split()
        if len(words) > SENTENCE_PIECE_WORDS and cell.rstrip()[-1:] in ".!?" and \
                2 * sum(w[:1].islower() for w in words[1:]) >= len(words) - 1:
            return True
    return False


def _says_early(ln: Line) -> bool:
    """A full sentence whose verb comes early: one of EARLY_VERBS among its first
    SAYS_EARLY_WITHIN words, after its subject ("Sung is Professor of Law and Director of the
    General Counsel Initiative, Lowell Milken Institute for Business Law and Policy at UCLA."):
    a bio, not menu links run together, however many of its words are capitalised. It was
    the only evidence that the welcome above it was a page's header (fresh21, FakeNewsCorpus).
    A menu run together puts its lower-case words, if any, at its end ("... Sign up for our
    newsletter."); any lower-case word there was too wide a net: flattened menus write
    "Markets realtor.com ...", "Terms and conditions ..." (Zyte flat: recall 0.824 -> 0.807)."""
    if not _SENTENCE_CLOSE.search(ln.text):
        return False
    return any(t in EARLY_VERBS for t in ln.text.split()[1:SAYS_EARLY_WITHIN])


def _named_sentence(ln: Line) -> bool:
    """A full sentence dense in names and titles: prose, though most of its words are
    capitalised. "Mike Leigh's Vera Drake is among the nominees for best British film.",
    "Campbell is joined by Ulster colleagues Roger Wilson and Ronan McCormack along with
    ...": it ends with a full stop and writes a few lower-case words that are not the
    function words a title keeps lower-case (a verb, a noun). Link text run together has no
    full stop or no such words; a list item ("- Listen to the full interview ...") starts
    with a dash and is left to the other signals.

    Two such words do (a nominee list: 'Nominated for outstanding actress: Jurnee Smollett for
    "The Great Debaters," Angelina Jolie for "A Mighty Heart," ...'), and a comma ends a run of
    capitalised words: the sentence names its items one by one, where link text run together
    has no commas. Items set out with bullets in the line are a list (Benzinga's "See more from
    Benzinga * Click here ... * Barron's Picks ..."). L3S's AP and UPI stories of 2008 had their
    nominee and chart lists read as menus, and the story's other sentences called chrome."""
    if (not ln.piece or ln.bullet or not 5 <= ln.words <= RUN_ON_WORDS or not _SENTENCE_CLOSE.search(ln.text)
            or sum(map(ln.text.count, _INLINE_BULLETS)) >= 2):
        return False
    lower, run, longest = 0, 0, 0
    for position, token in enumerate(ln.text.split()):
        if token[:1].isdigit():
            continue  # a number is no capitalised word (lower_share counts it nothing too)
        if not token[:1].islower():
            run += 1
            longest = max(longest, run)
            if token.rstrip("\"'”’)").endswith((",", ";")):
                run = 0  # a list's item ends: link text run together has no commas
            continue
        run = 0
        if token.strip(".,;:!?\"'()").lower() not in _FUNCTION_WORDS:
            if not lower and position >= NAMED_SENTENCE_VERB_WITHIN:
                return False  # "Home News Sport ... Sign up for our newsletter.": a menu, then a prompt
            lower += 1
    return lower >= NAMED_SENTENCE_LOWER and longest <= NAMED_SENTENCE_MAX_RUN


def _prose(ln: Line) -> bool:
    """A sentence or paragraph (Line.prose), or a full sentence dense in names."""
    return ln.prose or _named_sentence(ln)


def _body(lines: Sequence[Line], first: int, last: int, anchors: set[int], text: str) -> Body:
    """The body and its chrome evidence, as jusText decides short blocks from their context:
    a short block takes the class of what is around it, and here only a line with a chrome
    phrase, an inline marker or the comments header is "bad" (jusText also counts the edge
    of the page as bad, which marks an article's own closing list as chrome)."""
    if first < 0:
        return Body(first, last, None, None, 0, -1)
    anchors = {i for i in anchors if not _opens_sentence(lines, i)}
    head = [i for i in anchors if i < first and not _ends_an_article(lines[i])]
    tail = [i for i in anchors if i > last]
    # the headline above the body, or opening it below nothing but link text: a flattened
    # page's headline is a piece that reads as prose, and the stretch may start with it (RT's
    # menu run together above it was kept: no chrome phrase said "chrome" there, Zyte
    # benchmark 4a44ab3e). Not below a sentence, a dek or a paragraph the body did not take
    # (a Hindi lead of 200 words with no sentence end, a gossip story's dek above its title:
    # content, hi_news and fnn_gossip)
    opens = all(_menu_run(ln) for ln in lines[:first])
    above = [ln.index for ln in lines[:first + opens] if ln.headline and not _broken(lines, ln.index)
             and not (ln.index > 0 and _broken(lines, ln.index - 1)) and not _verse_above(lines, ln.index)
             and not _inside_a_sentence(text, ln)]
    return Body(first, last, max(head) if head else None, min(tail) if tail else None, _kinds(lines, tail),
                max(above) if above else -1)


def _menu_run(ln: Line) -> bool:
    """No prose, and link text by its case: under CLOSING_MAX_LOWER of its cased words
    lower-case (RT's menu run together writes "facebook twitter youtube" among its names:
    0.29, over _link_text's LINK_TEXT_MAX_LOWER)."""
    return not _prose(ln) and ln.lower_share is not None and ln.lower_share < CLOSING_MAX_LOWER


VERSE_CONTINUATIONS = 2  # sentences going on across line breaks above a title: text, not chrome ...
VERSE_SHARE = 0.2  # ... when they are this share of the lines above it (a long menu has a stray "iMac")


def _verse_above(lines: Sequence[Line], headline: int) -> bool:
    """Whether the lines above a title's occurrence are the text itself, so the title is
    restated further down, not the page's headline: VERSE_CONTINUATIONS or more of them, and
    VERSE_SHARE of them, go on a sentence in lower case from a line of two or more words with
    no ending ("Приближаюсь к твоим" / "неозвученным фразам": a poem on ng.ru whose title is
    one of its lines, 8 of the 22 lines above it; they were called "above the headline").
    A menu's items do not go on one another: a long one has a stray lower-case item after a
    two-word one ("Menu mobile" / "search" on the Zyte pages), no more, and a product's name
    is no lower-case word ("Apple Watch" / "iMac", "tvOS 13")."""
    going_on = sum(1 for i in range(1, headline)
                   if not lines[i].piece and _lower_word(lines[i].text) and lines[i - 1].words >= 2
                   and not _SENTENCE_END.search(lines[i - 1].text.rstrip()))
    return going_on >= VERSE_CONTINUATIONS and going_on >= VERSE_SHARE * headline


def _inside_a_sentence(text: str, ln: Line) -> bool:
    """Whether a title's occurrence cut out of running text goes on as a sentence: a comma or a
    lower-case word right after it ("... الهلال والنصر هو سحر الدقيقة 119، وما ...": an Arabic
    column whose title is words of its first sentence; the sentence's start was "above the
    headline"). A headline is followed by its text's first sentence, not by a comma."""
    if not ln.piece or not text:
        return False
    if text[ln.end:ln.end + 1] in _APOSTROPHES and text[ln.end + 1:ln.end + 2].isalpha():
        return True  # a Turkish case ending on the name: "Milli Paralimpik Komitesi’nin ilk genel kurulu"
    after = text[ln.end:ln.end + 3].lstrip(" ")
    return after[:1] in (",", "،", ";", "؛") or after[:1].islower()


_APOSTROPHES = ("'", "’")


def _lower_word(text: str) -> bool:
    """Whether a line starts with a word in lower case ("неозвученным", not "iMac" or "tvOS")."""
    first = text.split(None, 1)[0] if text.strip() else ""
    return first[:1].islower() and first.islower()


def _passages(lines: Sequence[Line], first: int, last: int, chrome: set[int],
              anchors: set[int] = frozenset()) -> frozenset[int]:
    """Lines outside the body [first, last] in a passage: PASSAGE_MIN_LINES or more prose lines
    in a row holding PASSAGE_MIN_WORDS words, none with a chrome phrase. Not after a comments
    header below the body: comments are prose and chrome (`_comments_start` reads only the body).

    Above the body, a run that only one line parts from it, with no chrome evidence (`anchors`)
    above it, is the text's opening cut off by a block inside the text, with OPENING_MIN_LINES
    and OPENING_MIN_WORDS: a Republika story's first four sentences (68 words) above a "Baca
    Juga" teaser glued to them weighed less than it, so the body began below the teaser, and
    three of them were called chrome "before the article's main body" (a thirty-seventh
    session's read).
    Below a menu, such lines are a page's header (a Russian site's channel links and its
    newsletter prompt between two menus). Recurrence may still call the opening chrome."""
    stop = next((ln.index for ln in lines[last + 1:] if any(h.kind == "comments" for h in _strong_hits(ln))),
                len(lines))
    found: set[int] = set()
    for low, high in ((0, first), (last + 1, stop)):
        run: list[Line] = []
        for ln in [*lines[low:high], None]:
            if ln is not None and ln.index not in chrome and (_prose(ln) or _glued_sentences(ln)):
                run.append(ln)
                continue
            words = sum(r.words for r in run)
            if (len(run) >= PASSAGE_MIN_LINES and words >= PASSAGE_MIN_WORDS) or (
                    run and high == first and run[-1].index == first - 2
                    and len(run) >= OPENING_MIN_LINES and words >= OPENING_MIN_WORDS
                    and not any(i < run[0].index for i in anchors)):
                found.update(r.index for r in run)
            run = []
    return frozenset(found)


def _glued_sentences(ln: Line) -> bool:
    """A span of running text too long for one sentence that is sentences whose spaces were lost
    (Yahoo Finance 2020 pages glue their paragraphs: "...taking the name.That wasn't the end"):
    at most RUN_ON_WORDS words a sentence once its glued ends are counted, written as prose is."""
    return (ln.piece and ln.words > RUN_ON_WORDS and ln.lower_share is not None
            and ln.lower_share >= PROSE_MIN_LOWER
            and ln.words <= RUN_ON_WORDS * (1 + len(_GLUED_END.findall(ln.text))))


def main_body(lines: Sequence[Line], chrome: set[int], teasers: Mapping[int, str] | None = None) -> tuple[int, int]:
    """First and last line index of the article's main body (-1, -1 when it has no prose).

    Body text extraction on lines (the idea of Finn et al.'s BTE): prose lines score their
    word count, short lines and known chrome cost a little, and the body is the stretch
    with the highest total (Kadane). Headings and short quotes inside it cost less than
    the paragraphs around them bring, menus and teaser lists around it cost more.
    """
    best, best_span = 0, (-1, -1)
    total, start = 0, 0
    for ln in lines:
        weight = _weight(ln, chrome, teasers)
        if weight < 0 and ln.index not in chrome and _after_initials(lines, ln.index):
            weight = ln.words + PROSE_BONUS  # the rest of a sentence cut at a name's initials
        if total <= 0:
            total, start = 0, ln.index
        total += weight
        if total > best:
            best, best_span = total, (start, ln.index)
    return best_span


# A piece cut off a sentence at a name's initials ("... guard A.J." / "Newton to five points.":
# the sentence splitter takes "A.J." for a sentence's end, as it must "D.C." or "L.P."), a short
# piece that ends as a sentence does, weighs as the sentence it finishes: l3s' Examiner.com
# story lost its last two sentences to a teaser list below them (its body ended at "A.J.").
_INITIALS_END = re.compile(r"(?:^|\s)[A-Z](?:\.[A-Z])+\.$")


INITIALS_REST_WORDS = 12  # the rest of a sentence cut at initials: a teaser list's piece is longer


def _after_initials(lines: Sequence[Line], index: int) -> bool:
    """Whether the line finishes a sentence of prose that the line before cut at a name's
    initials: short, capitalised, closing as a sentence does (and not at initials again)."""
    if index == 0 or not lines[index].piece:
        return False
    before, ln = lines[index - 1], lines[index]
    initials = _INITIALS_END.search(before.text)
    if initials is None or initials.group().strip().lower().rstrip(".") in ABBREVIATIONS:
        return False  # "U.S.", "U.K.": a sentence may end there
    return (before.prose and ln.words <= INITIALS_REST_WORDS
            and ln.text[:1].isupper() and _SENTENCE_CLOSE.search(ln.text) is not None
            and _INITIALS_END.search(ln.text) is None)


def main_body_of(lines: Sequence[Line], chrome: set[int], teasers: Mapping[int, str] | None = None
                 ) -> tuple[int, int]:
    """main_body, or (-1, -1) when what it finds holds less than BODY_MIN_SHARE of the page's
    words: the best stretch of a page that is a table or a list (a school's curriculum, a game
    wiki's schedules) is a short paragraph, and its place said "chrome" of the page's content
    (multiling pages: 7 blocks of 10-22 lines on one curriculum page). With no body, only
    phrases and recurrence decide, as on a page without prose."""
    first, last = main_body(lines, chrome, teasers)
    if first < 0:
        return first, last
    inside = sum(ln.words for ln in lines[first:last + 1])
    if inside >= BODY_MIN_SHARE * sum(ln.words for ln in lines):
        return first, last
    return (first, last) if _prose_words(lines[first:last + 1]) >= BODY_MIN_PROSE * _prose_words(lines) else (-1, -1)


def _in_capitals(lines: Sequence[Line]) -> bool:
    """Whether the page is written in capitals: CAPITALS_PAGE_SHARE of its ASCII letters or
    more, of CAPITALS_PAGE_MIN_LETTERS or more. Counted on bytes (C loops: 10,000 characters
    with some past ASCII, 40 us), and first on the first lines' CAPITALS_SAMPLE_CHARS alone:
    a page whose start writes half that share is not counted whole (most pages: 5 us).
    Letters past ASCII are not counted, nor are pages of other scripts (few ASCII letters)."""
    head = _capitals_share("\n".join(ln.text for ln in lines[:CAPITALS_SAMPLE_LINES])[:CAPITALS_SAMPLE_CHARS])
    if head is None or head < CAPITALS_PAGE_SHARE / 2:
        return False
    share = _capitals_share("\n".join(ln.text for ln in lines))
    return share is not None and share >= CAPITALS_PAGE_SHARE


def _capitals_share(text: str) -> float | None:
    """The share of a text's ASCII letters that are capitals; None under CAPITALS_PAGE_MIN_LETTERS."""
    upper, lower = ascii_cases(text)
    return upper / (upper + lower) if upper + lower >= CAPITALS_PAGE_MIN_LETTERS else None


# A teaser list's items carry their age: cbsnews' "... big money 32M ago Israel carries out ...
# 1H ago ...", run together with the teasers' blurbs into pieces of 50-800 words that read as
# prose, which made its flattened page's body 13,000 characters of other stories (Zyte flat:
# 82 chrome blocks so stamped, none of the gold bodies' 3,618 blocks; no "32M ago" in the 46
# corpora). A story says when things happened too ("posted on Facebook 3h ago", "the first shock
# came 2 hours ago and an aftershock followed 30 minutes ago"), one sentence at a time: a
# teaser list is a run of pieces with compact stamps ("32M ago"), or a run-on piece of spelled
# ones (TEASER_STAMPS or more, a stamp every AGE_STAMP_WORDS words or more: teaser_lines).
_AGE_STAMP = re.compile(r"(?<![\w.])\d{1,2}[MHDmhd] ago\b"
                        r"|(?<![\w.])\d{1,2} (?:mins?|minutes?|hrs?|hours?|days?|weeks?) ago\b")
_COMPACT_AGE = re.compile(r"\d[MHDmhd] ago")
AGE_STAMP_WORDS = 40
TEASER_STAMPS = 3  # stamps that make one piece a teaser list alone


def _stamps(ln: Line) -> tuple[list[str], bool]:
    """A piece's age stamps, and whether one is compact: a compact one counts wherever it
    stands, spelled ones when dense enough for a teaser list's (a blurb a stamp)."""
    if " ago" not in ln.text:
        return [], False
    stamps = _AGE_STAMP.findall(ln.text)
    compact = any(_COMPACT_AGE.search(stamp) for stamp in stamps)
    if compact or (stamps and ln.words <= AGE_STAMP_WORDS * len(stamps)):
        return stamps, compact
    return [], False


def teaser_lines(lines: Sequence[Line]) -> dict[int, str]:
    """The pieces of a teaser list whose items carry their age, each with its first stamp: a
    piece with a compact stamp ("32M ago") beside another, or holding two; a piece of spelled
    stamps only ("3 days ago") when it holds TEASER_STAMPS and does not close as a sentence
    does (a story's sentences say "2 days ago" beside a byline's "3h ago": a second review)."""
    stamped = {ln.index: stamps for ln in lines if (stamps := _stamps(ln))[0]}
    compact = {i for i, (_, has_compact) in stamped.items() if has_compact}
    teasers = {}
    for i, (found, has_compact) in stamped.items():
        if has_compact:
            if len(found) >= 2 or i - 1 in compact or i + 1 in compact:
                teasers[i] = found[0]
        elif len(found) >= TEASER_STAMPS and _SENTENCE_CLOSE.search(lines[i].text) is None:
            teasers[i] = found[0]
    return teasers


FOOTER_COST = 10**9  # the body's stretch never runs across the page's footer (_page_footer)


def _page_footer(ln: Line) -> bool:
    """Whether the line is the page's footer: link text (no prose, LINK_TEXT_MIN_WORDS words or
    more, under LINK_TEXT_MAX_LOWER of them lower-case) holding a copyright ("©", "All rights reserved") and a policy
    link ("Terms of Use", "Privacy Policy"), however long (a flattened page runs its sections,
    teasers and footer into one piece). The article is on one side of it: Sputnik's page,
    flattened, went on after its footer with registration and GDPR dialogs whose sentences
    read as prose, and the body's stretch ran across the footer to them, taking the 600 words
    of latest news, sections and footer between as the article's (Zyte benchmark, 1f765c48)."""
    if (ln.prose or not ln.hits or ln.words < LINK_TEXT_MIN_WORDS
            or (ln.lower_share is not None and ln.lower_share >= LINK_TEXT_MAX_LOWER)):
        return False  # (a copyright line alone between paragraphs, "... Terms of Use | Privacy Policy": no wall)
    mojibake = _mojibake_marks(ln.text)  # (ln.hits: "contains" phrases past MAX_PHRASE_LINE_WORDS too)
    kinds = {h.kind for h in ln.hits if h.check == CHECK and h.mode != "line" and not (mojibake and h.phrase == "©")}
    return "footer" in kinds and "cookie" in kinds


def _weight(ln: Line, chrome: set[int], teasers: Mapping[int, str] | None = None) -> int:
    if _page_footer(ln):
        return -FOOTER_COST
    if ln.index in chrome:
        return -CHROME_COST
    if teasers and ln.index in teasers:  # its words are other stories': they cost what they would bring
        return -(SHORT_COST + ln.words)
    if ln.prose:
        return ln.words + PROSE_BONUS
    if _named_sentence(ln):
        return 0  # neither pulls the body out to it nor cuts the body at it: its neighbours decide
    factor = PIECE_NAV_FACTOR if ln.piece and ln.words <= RUN_ON_WORDS else 1
    return -(SHORT_COST + ln.words * factor)


@dataclass(frozen=True)
class Pending:
    """A line whose verdict waits for the corpus: chrome if its key recurs in enough of
    the publisher's articles (known only once every article is read), else `fallback`
    (the verdict the other signals give, or none). Small: most body lines are pending."""

    index: int
    start: int
    end: int
    min_docs: int  # the publisher's articles that must carry it (recur_min_docs*, by its shape)
    fallback: Verdict | None
    beside: bool = False  # chrome only when it recurs and stands right beside chrome (_flat_sentence)


def judge(article: Article, lines: Sequence[Line], settings: Settings) -> list[Verdict | Pending]:
    """The chrome lines of one article and why. Lines that recurrence across the
    publisher's articles could still decide come back as Pending: `prepare` runs this per
    article in the workers, and find_boilerplate_lines resolves them once the corpus is counted.
    """
    skip = _taken_by_others(lines)
    said = utterances(lines)  # a transcript's short replies: what was said, however often it recurs
    quoted = tweet_lines(lines) | numbered_headings(lines)  # embedded tweets, a list article's headings
    closers = {ln.index for ln in lines if _closes_sentence(lines, ln.index)}
    strong = {ln.index for ln in lines if _strong_hits(ln)} - closers
    # an embed's consent placeholder stands where the embed stood, inside the body: chrome
    # itself, but it neither cuts the body nor says the page's chrome starts there (a list
    # article's items after each placeholder were "tail" lines, fundus pages)
    embeds = {i for i in strong if not _labelling(lines[i])}
    teasers = teaser_lines(lines)
    first, last = (-1, -1) if _in_capitals(lines) else main_body_of(lines, skip | (strong - embeds), teasers)
    comments = _comments_start(article.text or "", lines, first, last)
    # a comments header above the story's headline (the record's title found in the text), with
    # little prose above it, heads a sidebar's list of comments on other stories ("Latest
    # Comments"), which a blog's page gives before its post: chrome down to the headline, and
    # the story's own comments, if any, start at a header after it (L3S-GN1's APC page,
    # flattened: the whole story was called comments; 60 words of prose above the header, a
    # menu run together, 678 below the headline). With the post's prose above, the header is
    # its own: a blog's page may write the title again far below, over the next post
    # (Dragnet's knitting blog: 329 words above, 209 below). The headline must be the title
    # itself, written once: replies titled "Re: <title>" are comments, not the story's head
    heads = [ln for ln in lines if ln.headline]
    headline = heads[0].index if len(heads) == 1 and _is_title(heads[0], article.title) else -1
    sidebar = None
    above = _prose_words(lines[first:comments]) if comments is not None else 0
    if (comments is not None and comments < headline <= last and above <= SIDEBAR_MAX_PROSE_WORDS
            and above * SIDEBAR_PROSE_RATIO < _prose_words(lines[headline:last + 1])):
        sidebar = range(comments, headline)
        comments = _comments_start(article.text or "", lines, first, last, after=headline)
    if comments is not None:
        last = comments - 1
    headlines = _headlines(article, lines, first, skip) if first >= 0 else set()
    anchors = (strong | (_zone_evidence(lines, article.language) - closers)) - embeds
    body = replace(_body(lines, first, last, anchors, article.text or ""), teasers=teasers)
    if first >= 0 and (first > 0 or last < len(lines) - 1):
        body = replace(body, passages=_passages(lines, first, last, strong | skip, anchors))
    runs = _runs(lines, article.text or "")
    code = markup_spans(article.text or "", 0, len(article.text or ""))
    code_ends = [e for _, e in code]
    labels = any(h.kind in TEASER_LABEL_KINDS for ln in lines for h in ln.hits)  # a teaser label anywhere
    byline = _closing_byline(lines)
    # a tag list after it, the text's last lines: judged after the loop, in the text's order
    tags = list(range(byline + 1, len(lines))) if byline is not None else []
    titled = _title_twice_above(lines, byline) if byline is not None else []
    verdicts: list[Verdict | Pending] = []
    for ln in (lines[:tags[0]] if tags else lines):
        if ln.index in skip or ln.index in said:
            continue
        if not ln.headline and ln.index not in quoted and share_bars.share_bar(ln):  # a flattened page's share buttons run together (a
            # run of capitalised names, as a teaser's headline is): inside the story's stretch too
            verdicts.append(Verdict(ln, "phrase", "is a share bar: the names of the networks to share the story on"))
            continue
        if ln.index in headlines and (not labels or _teaser_label(lines, ln) is None):
            continue  # (a headline right under "Leia também" is another story's: a teaser)
        if ln.index in titled:
            verdicts.append(Verdict(ln, "phrase", "is a teaser's title, written twice right above the story's "
                                    f"closing byline {lines[titled[-1] + 1].text.strip()!r}"))
            continue
        if sidebar is not None and ln.index in sidebar:
            verdicts.append(Verdict(ln, "comments", "is in a list of comments above the story's headline "
                                    f"(from {lines[sidebar.start].text[:40]!r} on)"))
            continue
        if comments is not None and ln.index >= comments:
            header = lines[comments].text[:40]
            verdicts.append(Verdict(ln, "comments", f"is in the comments section after the article "
                                    f"(from {header!r} on)"))
            continue
        marks: list[Verdict] = []
        if code:  # (most articles hold none: nothing read a line)
            k = bisect_right(code_ends, ln.start)  # the runs are in order and apart: their ends too
            inside = []
            while k < len(code) and code[k][0] < ln.end:
                inside.append(code[k])
                k += 1
            # each run of code once, whole, with the unit it starts in (flat text's units cut a
            # script at its "PandoSites." as at a sentence's end)
            marks = [Verdict(replace(ln, start=s, end=e, text=article.text[s:e]), "markup", MARKUP_EVIDENCE)
                     for s, e in inside if s >= ln.start]
            if inside and sum(min(e, ln.end) - max(s, ln.start) for s, e in inside) * 2 >= ln.end - ln.start:
                verdicts.extend(marks)  # a line of code: the code is the finding
                continue
        if ln.index in quoted:  # a quoted tweet's words are the article's; its embed code is not
            verdicts.extend(marks)
            continue
        if "read" in ln.text and metadata_leak.teaser_list(ln.text):
            verdicts.append(Verdict(ln, "phrase", "is a list of teasers, headlines with their reading times"))
            continue
        link = edit_link(ln)
        if link is not None:  # "Career [ edit ]": the heading is the page's, its edit link the wiki's
            start, end = link
            verdicts.append(Verdict(replace(ln, start=start, end=end, text=article.text[start:end]), "phrase",
                                    "is a wiki's edit link after a section heading"))
            continue
        verdict = _judge_line(article, lines, ln, body, runs, settings)
        if labels and not isinstance(verdict, Verdict) and (label := _teaser_label(lines, ln)) is not None:
            verdict = Verdict(ln, "phrase", f"is a teaser's headline under {label!r}")
        if not isinstance(verdict, Verdict):  # a chrome line holds its code; else the code alone
            verdicts.extend(marks)
        if verdict:
            verdicts.append(verdict)
    verdicts.extend(Verdict(lines[i], "phrase", f"is a tag of the tag list after the story's byline "
                            f"{lines[tags[0] - 1].text.strip()!r}") for i in tags)
    return verdicts


TAG_MAX_WORDS = 5
_TAG_WORDS = re.compile(r"[^\W_][\w'’ -]*")  # words only: no sentence end, no address (a KBS page's URL)


def _tag(ln: Line) -> bool:
    """A tag of a list that ends a page: a few words, all in lower case (some cased letter), and
    nothing but words ("real madrid", "tambang raja ampat", "harga yamaha nmax bekas")."""
    text = ln.text.strip()
    return (0 < ln.words <= TAG_MAX_WORDS and text == text.lower() and text != text.upper()
            and _TAG_WORDS.fullmatch(text) is not None)


def _closing_byline(lines: Sequence[Line]) -> int | None:
    """The index of the byline that closes the story: the last line, or the one above a tag list
    that runs to the text's end. detik closes a story on its editors' initials, then its tags
    ("(aff/pur)" / "real madrid" / "xabi alonso" / "gonzalo garcia"; id_news: 1,089 such tags in
    268 stories, 53 found, those recurring: a tag of one story is no line of its publisher's
    others), and puts its video's title twice right above them (_title_twice_above)."""
    k = len(lines)
    while k > 0 and _tag(lines[k - 1]) and metadata_leak.classify(lines[k - 1]) is None:
        k -= 1
    if k == 0:
        return None
    leak = metadata_leak.classify(lines[k - 1])
    return k - 1 if leak is not None and leak.kind == "byline" else None


TITLE_TWICE_MAX_WORDS = 25  # a teaser's title written twice (its link and its caption) is a headline's length


def _title_twice_above(lines: Sequence[Line], byline: int) -> list[int]:
    """The two lines of one title written twice in a row right above the story's closing
    byline (_closing_byline): detik closes a story on its video's link and caption, "Video
    Kesedihan Fabio Quartararo di Pinggir Trek Silverstone" twice, then "(rgr/dry)" (id_news:
    226 such lines, the second copy found only as a repeated sentence). A story's own line
    is not written twice over, and its last paragraph, so written, is a duplicate's business."""
    if byline < 2:
        return []
    first, second = lines[byline - 2], lines[byline - 1]
    if first.text.strip() != second.text.strip() or not 0 < second.words <= TITLE_TWICE_MAX_WORDS or second.piece:
        return []
    return [first.index, second.index]


LABEL_TEASERS = 3  # headline lines a related-link label alone on its line heads at most
ASKING_MAX_LOWER = 0.25  # a headline that asks writes its content words capitalised (a question in the text does not)
# Labels of a button that shows more of the same page: what follows is the article going on
# (CNN's "Read More" between two paragraphs, gilets jaunes pages), not another story's headline.
GOES_ON_LABELS = frozenset(["read more", "continue reading", "load more", "show more", "more"])


def _teaser_label(lines: Sequence[Line], ln: Line) -> str | None:
    """The related-link label ("Leia também", "Read more:") alone on a line at most
    LABEL_TEASERS lines above this link-like line, with only link-like lines between: this
    line is a teaser's headline ("Leia também" / "Ernesto Paglia retrata ... do Globoplay",
    estadao.com.br in Webz.io's set; a run of two is too short for _runs' anchored runs).
    A headline that asks or exclaims is one right under its label only (_asking_headline)."""
    if ln.headline or not (ln.navlike or _asking_headline(ln)):
        return None
    for back in range(1, (LABEL_TEASERS if ln.navlike else 1) + 1):
        if ln.index - back < 0:
            return None
        above = lines[ln.index - back]
        kinds = {h.kind for h in above.hits if h.kind in TEASER_LABEL_KINDS and h.mode != "contains"
                 and len(h.phrase) >= len(above.key) - 1 and h.phrase.rstrip(":") not in GOES_ON_LABELS}
        if "related" in kinds or ("teaser" in kinds and back == 1 and not ln.piece and not _goes_on(lines, ln.index)):
            # a teaser label set inside the body heads one headline: the lines after it are the
            # story's, and a line that goes on in the next one is a sentence cut at its links
            # (detik's "Baca juga:" / "KPK Panggil ..."; "Mengutip" / "The Mirror" / ", Sabtu ..."),
            # as is a piece of a longer line
            return above.text
        if not above.navlike or above.headline:
            return None
    return None


def _asking_headline(ln: Line) -> bool:
    """A headline in Title Case that ends in "?" or "!", which makes it prose, not link-like:
    detik's "Baca juga:" / "Sule Punya Cucu tapi Masih Ada Anak Kecil, Gimana Rasanya?" (id_news:
    87 such under their label, none found). A question of the text writes its words lower-case
    ("Kapan Piala Dunia Antarklub 2025 digelar?" has too few to tell, and is not taken)."""
    share = ln.lower_share
    return (not ln.piece and ln.words <= NAV_MAX_WORDS and ln.text.rstrip()[-1:] in "?!"
            and share is not None and share <= ASKING_MAX_LOWER)


def recurring_docs(groups: Sequence[str], keys: Sequence[np.ndarray],
                   settings: Settings) -> tuple[list[int], list[int | None]]:
    """How many articles of its publisher (`groups`: each article's, group_of) carry each unit's line key
    (`recurrence.unit_recurrence`: all articles' units in order), and where each article's
    units start in that list; None for an article most of whose units recur (a duplicate
    article: the duplicate checks' business, not chrome). Offsets, not a list an article:
    20,000 small lists made the collector walk the parent's heap."""
    counts = unit_recurrence(groups, keys)
    return counts.tolist(), unit_starts(counts, [len(k) for k in keys], settings)


def unit_starts(counts: np.ndarray, lengths: list[int], settings: Settings) -> list[int | None]:
    """Where each article's units start in `counts` (recurring_docs), None for an article
    most of whose units recur."""
    owner = np.repeat(np.arange(len(lengths)), lengths)
    recurring = np.bincount(owner[counts >= settings.recur_min_docs], minlength=len(lengths)).tolist()
    starts: list[int | None] = []
    at = 0
    for n, chrome in zip(lengths, recurring):
        starts.append(None if chrome > settings.recur_max_share * n else at)
        at += n
    return starts


def _judge_line(article: Article, lines: Sequence[Line], ln: Line, body: Body,
                runs: dict[int, Run], settings: Settings) -> Verdict | Pending | None:
    if stage_direction(ln.text):
        return None  # "(APPLAUSE)", "(CROSSTALK)": a transcript's own words, though every transcript repeats them
    if dateline(ln.text) or (ln.index == 0 and not ln.hits and (place_dateline(ln.text) or dash_dateline(lines))):
        return None  # "Paris (CNN)" on a line of its own: the lead's first words, in every story of the site
    if _link_gap(lines, ln.index):
        return None  # "president" / "in Strasbourg on Monday night": a sentence's words between dropped links
    stamp = body.teasers.get(ln.index)
    if stamp is not None:
        signal, where = ("run", "") if body.first < 0 else (
            ("tail", "after") if ln.index > body.last else ("head", "before") if ln.index < body.first
            else ("run", "inside"))
        where = f" {where} the article's main body" if where else ""
        return Verdict(ln, signal, f"is a teaser list{where}: its items carry their age ({stamp!r})")
    if not ln.hits and ln.marker is None and ln.prose and body.first <= ln.index <= body.last:
        # most lines: a sentence of the body with no phrase. No phrase, no place outside the
        # body, and prose is neither a heading, a lead-in nor in a run: only recurrence can decide
        return Pending(ln.index, ln.start, ln.end, _min_docs(ln, settings), None) if has_words(ln) else None
    closing = _link_text_closing(ln, body)
    if closing is not None:
        return Verdict(ln, "tail", f"is link text run together after the article's main body, holding "
                       f"{KIND_WORDS[closing.kind]} ({closing.phrase!r})")
    strong = [] if _opens_sentence(lines, ln.index) or _closes_sentence(lines, ln.index) else _strong_hits(ln)
    if strong:
        at = _credit_after_sentence(ln.text) if all(h.phrase in COPYRIGHT_MARKS for h in strong) else None
        if at is not None:  # the credit alone: the caption before it is the page's words, not a footer
            part = replace(ln, start=ln.start + at, text=ln.text[at:])
            return Verdict(part, "phrase", f"is a copyright credit ending a caption or sentence "
                           f"(phrase list: {strong[0].phrase!r})")
        return Verdict(ln, "wire_mark" if strong[0].kind == "wire-mark" else "phrase",
                       f"is {KIND_WORDS[strong[0].kind]} (phrase list: {strong[0].phrase!r})")
    weak = [h for h in phrase_hits(ln) if h.kind in WEAK_KINDS or h.kind == "paywall-offer"]
    label = f"{KIND_WORDS[weak[0].kind]} ({weak[0].phrase!r}) " if weak else ""
    first, last = body.first, body.last
    outside = first >= 0 and (ln.index > last or ln.index < first)
    anchored = (body.tail_anchor if ln.index > last else body.head_anchor) is not None
    if outside and (ln.index in body.passages or (ln.navlike and ln.index + 1 in body.passages)):
        # another story on the page, or its headline (a short line right above it), not chrome
        # around this one; only recurrence can still call it chrome ("Benzinga does not provide
        # investment advice.")
        return Pending(ln.index, ln.start, ln.end, _min_docs(ln, settings), None) if has_words(ln) else None
    if outside and _prose(ln) and not _between_chrome(lines, ln.index, (first, last) if anchored else None):
        # a paragraph just beyond the body (after a list, say): its place is not enough evidence,
        # but recurrence is (a promo line above 130 of the site's 155 articles: 3 were missed)
        return Pending(ln.index, ln.start, ln.end, _min_docs(ln, settings), None) if has_words(ln) else None
    if outside and _broken(lines, ln.index):
        return None  # "(Reuters) — The" / "deals on Apple devices": a sentence cut at its links
    if first >= 0 and ln.index > last and body.tail_anchor is not None and (
            ln.index > body.tail_anchor or body.tail_anchors >= TAIL_MIN_ANCHORS or _run_on(ln)):
        return Verdict(ln, "tail", f"is {label or 'a line '}after the article's main body, where "
                       f"{lines[body.tail_anchor].text[:40]!r} says site chrome follows")
    if first >= 0 and ln.index < first and (body.head_anchor is not None or ln.index < body.headline) and not (
            body.head_anchor is None and _kicker(lines, ln.index, body.headline, article.url)):
        why = (f"where {lines[body.head_anchor].text[:40]!r} says site chrome stands"
               if body.head_anchor is not None else "above the headline")
        return Verdict(ln, "head", f"is {label or 'a line '}before the article's main body, {why}")
    if ln.navlike and _is_heading(lines, ln.index):
        if _flat_sentence(ln) and has_words(ln) and not turn_or_number(ln):  # ("1." numbers a digest's item)
            return Pending(ln.index, ln.start, ln.end, _min_docs(ln, settings), None, beside=True)
        return None  # "Conclusion", "Historical Context of the Conflict"
    if (_lead_in(lines, ln.index) or _short_sentence(article.text, lines, ln.index)
            or (turn_or_number(ln) and ln.index + 1 < len(lines))):
        # "Here's the thing:", "Ready?" before a paragraph, "Oui." inside one, "– Есть.": the
        # author's voice, even if it recurs (the last unit is no turn: "— F.D.." signs the story)
        return None
    run = runs.get(ln.index)
    fallback = None
    if ln.navlike and run and run.length >= settings.run_min_lines and run.anchored:
        fallback = Verdict(ln, "run", f"is {label or 'a short link-like line '}in a run of "
                           f"{run.length} such lines under a chrome label (a list of teasers)")
    if not has_words(ln):
        return fallback  # a divider or zero-width space: recurrence does not make it chrome
    if _in_table(lines, ln.index):
        return fallback  # a table's heading or row: the same in many reports, and their content
    return Pending(ln.index, ln.start, ln.end, _min_docs(ln, settings), fallback)


# What a page's closing link text holds when a flattened page runs it together (no sentence
# ends: one piece of hundreds of words), and so the page's end: its copyright, its policy links.
# Not a wire's standing disclaimer or promo: Yahoo Finance glues Bloomberg's "For more articles
# like this, please visit us at bloomberg.com" to the story's last paragraph (a conference
# schedule, yahoo_flat), which no sentence end parts from it.
PAGE_END_KINDS = (END_KINDS - {"disclaimer"}) | {"cookie"}


CLOSING_MAX_LOWER = 0.4  # link text run together writes few words lower-case (the NYP's: 0.32)
_CELLS = re.compile(r"\s(?:\\?\|\s*)+")  # a flattened table's cell marks (" | | ", " \\| "), or one separator
CELL_OPENING_MIN_WORDS = 8  # words before the first cell mark that make a sentence of the story


def _opens_as_prose(text: str) -> bool:
    """Whether a piece opens with a sentence of the story before its first cell mark: at least
    CELL_OPENING_MIN_WORDS words, half of the cased ones lower-case ("A decision is expected to be
    announced on the new stadium scheme on Wednesday | | | Most Viewed ...": L3S pages,
    flattened, glue the story's last sentence to the page's table of links)."""
    text = text.lstrip(" |\\")  # a row that opens with empty cells ("| | A decision is ...")
    cells = _CELLS.search(text)
    words = (text[:cells.start()] if cells else text).split()
    cased = [w for w in words if w[:1].lower() != w[:1].upper()]
    return (len(words) >= CELL_OPENING_MIN_WORDS and bool(cased)
            and sum(w[:1].islower() for w in cased) * 2 >= len(cased))


def _link_text_closing(ln: Line, body: Body) -> PhraseHit | None:
    """The footer or policy phrase of a piece of flat text after the body that is link text
    run together: longer than a "contains" phrase counts in (MAX_PHRASE_LINE_WORDS), no prose
    (no sentence, or not written as one). The New York Post's page, flattened, ends the story
    with 381 words of teasers, share counts, its sections and "© 2019 NYP Holdings, Inc. All
    Rights Reserved Terms of Use ...": too long for its phrases to count, no unit after the
    body said chrome, and none of it was found. On the Zyte pages such pieces held 474
    chrome blocks and no block of content. A copyright mark alone is no such phrase: photo
    credits ("© Jan Bechberger © Jörg Steinbach ...") close an exhibition's facts, and a
    wire's "©2019 Bloomberg L.P." a conference schedule glued to its contacts (yahoo_flat)."""
    if body.first < 0 or ln.index <= body.last or not ln.piece or ln.prose or ln.words <= MAX_PHRASE_LINE_WORDS:
        return None
    # the line's own hits, whatever its length (phrase_hits drops a "contains" phrase past
    # MAX_PHRASE_LINE_WORDS); read before the piece's text, as most pieces hold none
    hit = next((h for h in ln.hits if h.check == CHECK and h.mode == "contains" and h.kind in PAGE_END_KINDS
                and h.phrase not in COPYRIGHT_MARKS), None)
    if hit is None or (ln.lower_share is not None and ln.lower_share >= CLOSING_MAX_LOWER) or _opens_as_prose(ln.text):
        return None
    return hit


# A report's table, one row a line, recurs in its words: Reuters' earnings stories (1987) write
# "Year", "Nine mths", "1st half" between figure rows ("Avg shrs 198.8 mln vs 199.5 mln" /
# "Nine mths" / "Shr 2.80 dlrs vs 4.48 dlrs"), and dividend notices "Qtly div 10 cts vs 10 cts
# prior" / "Pay May 15". Recurrence across the publisher's stories called 150 such lines of
# reuters_paras chrome (a read: "12 mths", thirty-ninth session). A figure row: two numbers
# or more ("41", "1,234,000", "12.3"), a quarter of its tokens (NUMERIC_MAX_SHARE, as a
# flattened table is told). One number is not a table's row: a contact box's "▷ 전화 :
# 02-781-1234", a comment thread's "1 more reply", a spec line's "RAM 1GB" stay chrome when
# they recur (a first try counted any token with a digit and lost 240 such findings).
HEADING_MAX_WORDS = 3
FIGURE_ROW_NUMBERS = 2
_NUMBER = re.compile(r"[-+(]?\d[\d.,]*%?\)?")


def _figure_row(ln: Line) -> bool:
    tokens = ln.text.split()
    numbers = sum(_NUMBER.fullmatch(t) is not None for t in tokens)
    return numbers >= FIGURE_ROW_NUMBERS and numbers >= NUMERIC_MAX_SHARE * len(tokens)


def _in_table(lines: Sequence[Line], i: int) -> bool:
    """Whether line i is a row of a table (a figure row beside another), or a table's section
    heading: HEADING_MAX_WORDS words at most, between two figure rows one of which has another
    beside it (three rows). Two lone figure rows are no table: a carousel's pagers around
    Yahoo's "Today on Yahoo!" ("1 - 4 of 20" / ... / "1 - 8 of 48"), a press release's date
    line and contact line around its "FOR IMMEDIATE RELEASE"."""
    def row(k: int) -> bool:
        return 0 <= k < len(lines) and _figure_row(lines[k])

    if row(i):
        return row(i - 1) or row(i + 1)
    return (lines[i].words <= HEADING_MAX_WORDS and row(i - 1) and row(i + 1)
            and (row(i - 2) or row(i + 2)))


COPYRIGHT_MARKS = frozenset(["©", "ⓒ"])
_MARK = re.compile("[©ⓒⒸ]")  # the phrase list matches lower-cased lines: "Ⓒ한샘" is "ⓒ한샘"
# A sentence-like piece that opens with the mark and a year is a copyright line ("© 2007 United
# Press International.": five words and a full stop read as prose, and a "contains" phrase does not
# decide inside prose); a caption's credit has its sentence before the mark (_credit_after_sentence)
_COPYRIGHT_OPENING = re.compile(rf"\s*{_MARK.pattern}\s*(?:19|20)\d\d\b")  # _MARK's marks, one set
# A sentence's end before a credit: a letter's full stop ("모습.", "building."), or a closing
# quote or bracket after one; not a date's dots ("2021.1.25/뉴스1" belongs to the credit), nor a
# domain's ("solarserver.de © Solarthemen Media GmbH": a letter follows)
_CAPTION_END = re.compile(r"(?:(?<=[^\W\d_])[.!?。](?:[\"”’)]+)?|[.!?。][\"”’)]+)(?![^\W\d_])")
CREDIT_REACH = 60  # characters between a sentence's end and the mark: "(청와대 제공) ", "2022.1.21/뉴스1 "
CAPTION_MIN = 12  # characters of words before the credit that make it a caption, not a footer


def _credit_after_sentence(text: str) -> int | None:
    """Where a copyright credit that ends a caption starts ("...대기하고 있다. ⓒ연합뉴스",
    "...임명장 수여식을 기다리고 있는 모습. (청와대 제공) © 뉴스1"), when a sentence comes before
    its mark; None for a footer line ("© 2020 Reuters", "Copyright ... All rights reserved").
    A caption's credit made the whole caption a "copyright line": in Korean photo stories
    the caption is most of the article (ko_news, 20 such findings read partly true)."""
    found = _MARK.search(text)
    if found is None:
        return None
    mark = found.start()
    ends = [m.end() for m in _CAPTION_END.finditer(text, 0, mark)]
    if not ends or mark - ends[-1] > CREDIT_REACH:
        return None
    start = mark - len(text[ends[-1]:mark].lstrip())  # the credit from its first word after the end
    if sum(ch.isalnum() for ch in text[:start]) < CAPTION_MIN or not text[start:].strip():
        return None
    return start


def _kicker(lines: Sequence[Line], i: int, headline: int, url: str | None = None) -> bool:
    """The short line right above the headline, with no phrase of its own: the headline's
    kicker ("Onlineversand aus Fernost :" / "Wie gefährlich Billigware aus China wirklich ist",
    "Premier League", "US-Dream-Team wird immer besser"), written for the article. German,
    Swiss and Greenlandic pages (fundus, flat) had 9 of their 14 "above the headline" lines so.
    A menu flattened right above it is link text run together, a menu's last item follows
    others (a short line before it), a breadcrumb has its marks, a sentence ("Der Artikel
    wurde versandt.") its full stop: none is a kicker."""
    ln = lines[i]
    text = ln.text.strip()
    return (i == headline - 1 and (i == 0 or not lines[i - 1].navlike) and not ln.hits and ln.marker is None
            and ln.words <= KICKER_MAX_WORDS and not _url_section(text, url)
            and not _link_text(ln) and (text[:1].isupper() or text[:1] in "\"„“«")
            and not text.endswith(".") and not _CRUMB.search(text))


def _url_section(text: str, url: str | None) -> bool:
    """Whether the line's words are a section of the page's URL path ("Factsheets" above the
    headline of hillaryclinton.com/briefing/factsheets/2015/07/13/email-facts/): a section
    label, not a kicker. The slug (the segment with most dashes) is the headline's, not a section."""
    if not url:
        return False
    segments = [seg for seg in urlsplit(url).path.lower().split("/") if seg]
    if not segments:
        return False
    slug = max(segments, key=lambda seg: seg.count("-") + seg.count("_"))
    sections = {w for seg in segments if seg != slug for w in re.split(r"[-_.]+", seg) if w}
    words = [w for w in re.split(r"\W+", text.lower()) if w]
    return bool(words) and all(w in sections for w in words)


_CRUMB = re.compile(r"[»›>|/×]")  # a breadcrumb's or a widget's marks ("Главная » Интересное")


_BRACKETED = re.compile(r"[(\[]\s*([^()\[\]]{1,40}?)[\s.!]*[)\]]\.?")


@lru_cache(maxsize=1)
def _transcript_cues() -> frozenset[str]:
    return frozenset(row.strip().lower() for row in data_rows("transcript_cues.txt"))


def stage_direction(text: str) -> bool:
    """A line that is only a transcript's stage direction in brackets ("(APPLAUSE)",
    "(BEGIN VIDEO CLIP)", "(Laughter.)"; `audit/data/transcript_cues.txt`). Every transcript
    of a broadcaster or of whitehouse.gov repeats them, so recurrence called them chrome;
    they are what was said and done, as much the transcript's text as its sentences. An
    agency tag or a credit in brackets ("(AP)", "(Image: Getty)") is not a cue."""
    m = _BRACKETED.fullmatch(text.strip())
    return m is not None and " ".join(m.group(1).lower().split()) in _transcript_cues()


@lru_cache(maxsize=1)
def _dateline_pattern() -> re.Pattern[str]:
    """A line that is only a dateline: up to four place words, then an agency tag of
    audit/data/wire_datelines.txt in brackets, then at most a dash."""
    tags = literal_alternation("wire_datelines.txt")
    return re.compile(rf"(?:[A-Z][\w.'’-]*(?:,?\s+[A-Z][\w.'’-]*){{0,3}}\s+)?\((?i:{tags})\)\s*[-–—]*")


# An Italian story's dateline, its place in capitals and a full stop before the first sentence
# ("MODENA. Condannata a ...", "SAN FELICE. ..."): 254 of DICE's 804 Gazzetta di Modena
# articles open so, and recurrence called "MODENA." (65 of them) site chrome.
_PLACE_DATELINE = re.compile(r"[A-ZÀ-Ý][A-ZÀ-Ý'’-]+(?:\s+[A-ZÀ-Ý][A-ZÀ-Ý'’-]*){0,3}\.")


def place_dateline(text: str) -> bool:
    """Whether a unit is only a place in capitals and a full stop (`_PLACE_DATELINE`): read
    only of a text's first unit, with no phrase-list hit."""
    return _PLACE_DATELINE.fullmatch(text.strip()) is not None


# A dateline the page's layout cut from its dash: the place (and the site) on the text's first
# line, the dash ending it or opening the next ("Jakarta" / "-" / "Media sosial ...", "JAKARTA,
# KOMPAS.com –" / "Pemerintah ..."). 288 of id_news's 780 detik pages open so, and recurrence
# called "Jakarta" (78 articles of one section) site chrome: 298 findings, all false.
_DASH_PLACE = re.compile(r"[A-ZÀ-Ý][\w.'’-]*(?:,?\s+[A-ZÀ-Ý][\w.'’-]*){0,3}\s*[-–—]?")
_DASHES = ("-", "–", "—")


def dash_dateline(lines: Sequence[Line]) -> bool:
    """Whether the text's first line is a place (up to four capitalised words, maybe the site's
    name) whose dash ends it or opens the next line."""
    first = lines[0].text.strip()
    if _DASH_PLACE.fullmatch(first) is None:
        return False
    if first.endswith(_DASHES):
        return True
    # the next line opens on the dash, and the one after does not: a list's bullets run on
    # ("STORY HIGHLIGHTS" / "- ..." / "- ...": CNN's box, dragnet)
    return (len(lines) > 1 and lines[1].text.lstrip().startswith(_DASHES)
            and (len(lines) < 3 or not lines[2].text.lstrip().startswith(_DASHES)))


def dateline(text: str) -> bool:
    """Whether a line is only a story's dateline ("(CNN)", "Paris (CNN)", "WASHINGTON (AP) —")."""
    return _dateline_pattern().fullmatch(text.strip()) is not None


def _min_docs(ln: Line, settings: Settings) -> int:
    """How many of its publisher's articles must carry a line for it to be chrome: a link,
    a sentence, or a block longer than a sentence (a promo paragraph in 47 articles of one
    site is its chrome; a background paragraph reused by a few follow-ups is a shared passage).
    A sentence in the site's own voice may need fewer (`recurs_enough`)."""
    if ln.navlike:
        return settings.recur_min_docs
    return settings.recur_min_docs_prose if ln.words <= BLOCK_WORDS else settings.recur_min_docs_block


def recurs_enough(article: Article, span: tuple[int, int], n_docs: int, min_docs: int,
                  settings: Settings, floor: int = 0) -> bool:
    """Whether a pending line is in enough of its publisher's articles to be chrome. A
    sentence (it waited on `recur_min_docs_prose`, at most BLOCK_WORDS words) in the site's
    own voice needs only `recur_min_docs_site_voice`: count alone cannot tell a newsletter
    plug in 4 pages from a story's background in its 4 follow-ups, its words can. The words
    are read here, on the few lines that recur, not in `prepare` on every sentence (that
    took boilerplate's per-article CPU from 0.40 to 0.71 ms on c2000). `floor`: the
    publisher's share of articles a reused sentence needs (`reuse_floors`)."""
    if n_docs >= min_docs:
        if n_docs < floor and reused_sentence(text := article.text[span[0]:span[1]]) and (
                min_docs != settings.recur_min_docs or len(text.split()) < REUSED_MIN_WORDS) and not (
                len(text.split()) <= BLOCK_WORDS and site_voice(text)):
            return False  # (a sentence in the site's voice is no story's background, however few)
        return not quoted_tweet(article.text, span[1])
    if min_docs != settings.recur_min_docs_prose or n_docs < settings.recur_min_docs_site_voice:
        return False
    text = article.text[span[0]:span[1]]
    return len(text.split()) <= BLOCK_WORDS and site_voice(text)


REUSED_MIN_WORDS = 8  # a sentence this long, half its words lower case, may be a story's own
REUSED_MIN_LOWER = 0.5
STATEMENT_MIN_WORDS = 2  # ... and a shorter one, when it ends as a statement does (_STATEMENT_END)
# A statement's end: a full stop or an exclamation mark, closing quotes after it; a question
# only of QUESTION_MAX_WORDS ("O motivo?", "Porque não?"): a teaser headline asks at more length
# ("Who will win the election?"). Not ":" (a label: "Confira:").
_STATEMENT_END = re.compile(r"[.!…][\"'”’)\]]*\s*$")
_QUESTION_END = re.compile(r"\?[\"'”’)\]]*\s*$")
QUESTION_MAX_WORDS = 4


def reused_sentence(text: str) -> bool:
    """Whether a recurring line reads as a sentence of a story, not a prompt, label or credit
    ("Veja mais detalhes.", "COM REPORTAGEM DE ...", "Coluna do Estadão: Twitter: @..."):
    written in lower case as prose is, and REUSED_MIN_WORDS words long, or shorter and ending
    as a statement without asking the reader for anything. Fake.Br's g1 and diariodobrasil
    repeat a quote or an author's tic in 2-7 of their 2,300-3,300 articles ("Não conheço
    ninguém ligado a esse grupo.", "É isso mesmo que você leu!", "Foi só gritaria."), where
    their chrome recurs in tens or hundreds ("Leia mais." 77, "Boa noite!" 134)."""
    words = text.split()
    if len(words) >= REUSED_MIN_WORDS:
        share = lower_share(text, words)
        return share is not None and share >= REUSED_MIN_LOWER
    if len(words) < STATEMENT_MIN_WORDS or (_STATEMENT_END.search(text) is None and not (
            len(words) <= QUESTION_MAX_WORDS and _QUESTION_END.search(text))):
        return False
    lower, upper = cased_counts(token_cases(words), 0, len(words))  # (lower_share needs CASED_MIN_WORDS)
    return (lower + upper >= STATEMENT_MIN_WORDS and lower >= REUSED_MIN_LOWER * (lower + upper)
            and words[0].lower().strip("\"'“‘(¡¿") not in _prompt_openers() and not _addressed(text))


@lru_cache(maxsize=1)
def _prompt_openers() -> frozenset[str]:
    """audit/data/prompt_openers.txt: first words of a request to the reader, beyond English's."""
    return frozenset(row.strip() for row in data_rows("prompt_openers.txt"))


def reuse_floors(groups: Sequence[str], settings: Settings) -> dict[str, int]:
    """Each publisher group's count a reused sentence needs (recur_min_share_prose of its
    articles), where that is more than recur_min_docs_prose (else none is given)."""
    floors = {g: math.ceil(settings.recur_min_share_prose * n) for g, n in Counter(groups).items()}
    return {g: f for g, f in floors.items() if f > settings.recur_min_docs_prose}


@lru_cache(maxsize=1)
def _site_voice_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """audit/data/site_voice.txt as two patterns of whole words (one regex a line): the
    phrases that are the site's voice alone, and the plain words ("~ " lines) that are so
    only in a sentence addressed to the reader (`_addressed`)."""
    parts = [row.strip() for row in data_rows("site_voice.txt")]

    def joined(chosen: list[str]) -> re.Pattern[str]:
        return re.compile(r"\b(?:" + "|".join(f"(?:{part})" for part in chosen) + r")\b", re.IGNORECASE)
    return (joined([p for p in parts if not p.startswith("~")]),
            joined([p[1:].strip() for p in parts if p.startswith("~")]))


# "(Bloomberg) -- Sign up for ...": a wire dateline before the sentence's first word
_DATELINE = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*[-–—]+\s*)?\W*")
_OPENING = re.compile(r"(?:sign\s+up|subscribe|follow|read|explore|listen|click|download|join|get)\b",
                      re.IGNORECASE)


def _addressed(text: str) -> bool:
    """Whether a sentence speaks to its reader: opens with a request ("Subscribe via Apple
    Podcast", "Explore ... the Stephanomics podcast"), or says you/we/our outside quotes and
    reported speech ("You can listen in the player below")."""
    body = text[_DATELINE.match(text).end():]  # type: ignore[union-attr]
    return bool(_OPENING.match(body)) or says_reader_words(body)


def site_voice(text: str) -> bool:
    """Whether a sentence is the site speaking for itself ("Sign up for China Rising, a new
    weekly dispatch ...", "To contact the reporter on this story: ...", "Tim Culpan is a
    Bloomberg Opinion columnist ..."), which a story's reused background does not say. A
    plain word such as "podcast" or "sign up" is news prose too ("will try to sign up AOL's
    existing customers", "produce a daily podcast called ...": 13 of c20000's BBC follow-ups)
    unless the sentence addresses the reader."""
    alone, plain = _site_voice_patterns()
    return alone.search(text) is not None or (plain.search(text) is not None and _addressed(text))


def _recurring_evidence(article: Article, n_docs: int) -> str:
    return f"recurs in {n_docs} articles of {group_label(article)} in this run (repeated site chrome)"


# A text's last unit of one to three words, no sentence mark, no figure: a place or a name that
# signs stories off ("Киев" closes 34 of ng.ru's articles, "Санкт-Петербург" 12: its
# correspondents' places; "Stefano Totaro" three of DICE's). Recurring, it is not the story's text,
# but no site chrome either: said so (signal `sign_off`; a second reader marked 19 of 30 ng.ru
# findings partly for "repeated site chrome").
# A reporter's initials ("S.A.", "C.", "Vale C."): DICE's Gazzetta di Modena signs so, with no dash
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
_SIGN_OFF_WORD = rf"(?:{_INITIALS.pattern}|[^\W\d_][^\W\d_'’.-]*(?:[-'’][^\W\d_]+)*)"
_SIGN_OFF = re.compile(rf"{_SIGN_OFF_WORD}(?:\s+{_SIGN_OFF_WORD}){{0,2}}")


CJK_NAME_MAX = 4  # characters of a Chinese name or pen name ("罗森", "肆客足球"); Chinese writes no
# spaces, so a longer run is a phrase ("查看最新行情", "View the latest quotes"), and "完" alone ends a story


def sign_off(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the text's last words and a place's or a name's (`_SIGN_OFF`):
    each word written as a name is ("Санкт-Петербург", "Zanin"; not "Click here", "SaveSave",
    "ASSESSORIA DE IMPRENSA"), none a common word or a word of the chrome phrases ("Pin It",
    "Related Gallery": 34 corpora, 14 such recurring last lines of 181 were chrome)."""
    piece = text[start:end].strip()
    if piece.startswith(("(", "（")) and piece.endswith((")", "）")) and has_cjk(piece):
        piece = piece[1:-1].strip()  # "（罗森）": Chinese sports pages sign with the writer's name in brackets
    if text[end:].strip() or _SIGN_OFF.fullmatch(piece) is None:
        return False
    words = piece.split()
    return (all((_NAME_WORD.fullmatch(w) or _INITIALS.fullmatch(w)) and (not has_cjk(w) or 2 <= len(w) <= CJK_NAME_MAX)
                for w in words)
            and not any(w.lower() in _not_names() for w in words))


_NAME_WORD = re.compile(r"[^\W\d_a-z][^\W\d_A-Z]*(?:[-'’][^\W\d_a-z][^\W\d_A-Z]*)*")


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    """Words no sign-off holds: the commonest words of seven languages, the words of the
    chrome phrases, and labels read closing texts that the phrases lack ("Related Gallery",
    GossipCop; "References"; "Web", "National", L3S-GN1; "Suscribete", fundus)."""
    from audit.detect.hygiene.shifted import common_words

    phrases = {w for key in phrase_table().entries for w in re.findall(r"[^\W\d_]+", key)}  # keys: lower case
    return common_words() | frozenset(phrases) | {"gallery", "references", "web", "national", "suscribete"}


BYLINE_UNITS = 5  # a byline stands among a text's first units (its headline, a lead, the name)
BYLINE_MIN_LETTERS = 2


def byline(text: str) -> bool:
    """Whether a recurring unit near a text's top is a name alone in capitals: a writer's or a
    desk's ("ERHAN TELLİ", "MEHMET ÇİFTÇİ", "EKONOMİ SERVİSİ": a Turkish daily of about 2004 sets
    it under the lead, 42 such lines of tr_news were "repeated site chrome"). Two or three words,
    each in capitals, none a common word, a chrome phrase's word ("READ MORE", "SHARE THIS") or
    a label's ("SON DAKİKA", breaking news; "ÖZEL HABER", an exclusive; CNN's video box "JUST
    WATCHED", near the top of 22 gilets jaunes pages, was the one other such line). Not asked of
    English text, whose labels in capitals are too many for a list ("LIVE UPDATES"). Python lowers
    "İ" to "i" and a combining dot, and "I" to "i", not Turkish "ı": the keys are so written."""
    words = text.split()
    return (2 <= len(words) <= 3
            and all(w.isalpha() and w.isupper() and len(w) >= BYLINE_MIN_LETTERS for w in words)
            and not any((key := w.lower().replace("\u0307", "")) in _not_names() or key in _LABEL_WORDS
                        for w in words))


_LABEL_WORDS = frozenset(["son", "dakika", "haber", "haberi", "haberler", "haberleri", "canli", "özel", "galeri",
                          "foto", "manşet", "manşeti", "dizisi", "just", "watched", "watch"])


def _byline_evidence(article: Article, n_docs: int, top: bool = True) -> str:
    where = "stands near the top of" if top else "heads a paragraph in"
    return (f"{where} {n_docs} articles of {group_label(article)} in this run: "
            "a byline (the writer's or the desk's name)")


ITEM_HEADING_MAX_WORDS = 6  # an item's heading between its byline and its paragraph


def _heads_paragraph(text: str, start: int, end: int) -> bool:
    """Whether a unit is a line of its own whose next line is a paragraph (PROSE_MIN_WORDS
    words or more), or a heading (ITEM_HEADING_MAX_WORDS or fewer) over one: a name in capitals
    there signs the item below it. A Turkish daily signs
    each item of its sports pages so ("90 dakika" / "MEHMET DEMİRKOL" / "Her daim bağıran kale
    arkası ..."): 15 such names in tr_news were "repeated site chrome", not bylines (a read's
    "partly": the right span, the wrong kind)."""
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    if text[text.rfind("\n", 0, start) + 1:start].strip() or text[end:line_end].strip():
        return False  # not a line of its own (lines may open with spaces: "     ERHAN TELLİ")
    following = [ln.split() for ln in text[line_end:line_end + 2000].split("\n") if ln.strip()][:2]
    if following and len(following[0]) <= ITEM_HEADING_MAX_WORDS and len(following) > 1:
        following = following[1:]  # the item's own heading first ("ERHAN TELLİ" / "Moral aldılar" / ...)
    return bool(following) and len(following[0]) >= PROSE_MIN_WORDS


def _sign_off_evidence(article: Article, n_docs: int) -> str:
    return (f"closes {n_docs} articles of {group_label(article)} in this run: a sign-off "
            "(the story's place, or its author's or source's name)")  # "（肆客足球）": a football site


def _between_chrome(lines: Sequence[Line], i: int, body: tuple[int, int] | None) -> bool:
    """Whether a prose line outside the body has short lines (or, in a stretch a chrome
    phrase marks, lines outside the body: `body` given) on both sides.

    Teaser blurbs, comments and captions sit between link lines; the article's own last
    paragraph after a bullet list has the end of the text after it, and paragraphs next to
    paragraphs are running text where nothing says chrome (an intro above a long list).
    """
    if i == 0 or i + 1 >= len(lines):
        return False
    return all(not ln.prose or (body is not None and not body[0] <= ln.index <= body[1])
               for ln in (lines[i - 1], lines[i + 1]))


def prepare(article: Article, params: Mapping[str, Any]) -> dict[str, Any]:
    """The per-article share of boilerplate.line, computed where the article is (a worker)
    and kept in the findings cache between runs, so plain JSON: every verdict that needs
    no other article ("v", start, end, reason, evidence), the lines recurrence may still
    decide ("p", start, end, unit index, articles of the publisher needed, fallback reason,
    fallback evidence), and every unit's line key (chrome_lines.key_id; 0 for a unit with
    no key, which is never counted) packed as base64 uint64: a list of numbers took 2.6 KB
    an article in the parent, the packed keys 0.3 KB."""
    settings = Settings.from_params(params)
    lines = segment(article.text or "", article.title, article.url)
    items: list[list[Any]] = []
    for v in judge(article, lines, settings):
        if isinstance(v, Pending):
            fallback = [v.fallback.reason, v.fallback.evidence] if v.fallback else [None, None]
            items.append(["b" if v.beside else "p", v.start, v.end, v.index, v.min_docs, *fallback])
        else:
            items.append(["v", v.line.start, v.line.end, v.reason, v.evidence])
    keys = np.array([key_id(ln.key) if ln.key else 0 for ln in lines], dtype=np.uint64)
    # the items as their JSON text (article_findings parses them): a list of lists of ints
    # and strings held by the run's parent from ingest to this step was 3.5 KB an article
    # (350 MB at 100,000), its text about a fifth of that (mem8.md)
    return {"settings": _as_dict(settings), "keys": packed_text(keys), "items": json.dumps(items)}


def find_boilerplate_lines(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per chrome line, with the signal that decided it in the message and data.

    Each article's `prepare` comes from the workers when they ran it (`article.prepared`,
    maybe from the cache), else it is made here; only the recurrence counts need the corpus.
    With the last run's counts (`params["_saved"]`: boilerplate_saved) only the articles
    whose counts moved are judged again.
    """
    settings = Settings.from_params(params)
    learn = params.get("learn_recurrence", True)
    if params.get("_saved") is not None and learn:
        from audit.detect.leakage.boilerplate_saved import remembered_findings

        yield from remembered_findings(articles, params, settings, params["_saved"])
        return
    made_under = asdict(settings)
    ready = [prepared(article, params, made_under) for article in articles]
    keys = [unpacked(p["keys"], np.uint64) for p in ready]  # packed arrays: lists cost 9x the memory
    groups = [group_of(article) for article in articles] if learn else []  # publishers
    docs, starts = recurring_docs(groups, keys, settings) if learn else ([], [None] * len(articles))
    floors = reuse_floors(groups, settings)
    for n, (article, prep, at) in enumerate(zip(articles, ready, starts)):
        yield from article_findings(article, prep["items"], docs, at, settings,
                                    floors.get(groups[n], 0) if floors else 0)


def article_findings(article: Article, items: str | list[list[Any]], docs: Sequence[int], at: int | None,
                     settings: Settings, floor: int = 0) -> list[Finding]:
    """One article's findings from its prepared items (prepare's JSON text, or the list),
    given how many articles of its publisher carry each of its units (`docs[at + unit
    index]`; at None: none counted); `floor`: its publisher's reuse floor (reuse_floors)."""
    if isinstance(items, str):
        items = [] if items == "[]" else json.loads(items)
    prose, voice = settings.recur_min_docs_prose, settings.recur_min_docs_site_voice
    kept: list[tuple[int, int, str, str]] = []
    beside: list[tuple[int, int, str, str]] = []  # recurring "b" lines, kept if beside chrome
    pending: dict[int, list[Any]] | None = None  # made for the few articles with a recurring line
    for item in items:
        if item[0] == "v":
            _tag, start, end, reason, evidence = item
        else:
            tag, start, end, index, min_docs, reason, evidence = item  # reason: the fallback's
            n_docs = docs[at + index] if at is not None else 0
            if n_docs < min_docs and (n_docs < voice or min_docs != prose):
                if reason is None:  # most lines: what recurs_enough says without reading them
                    continue
            elif tag == "b":
                if n_docs >= min_docs:
                    beside.append((start, end, "recurring", _recurring_evidence(article, n_docs)))
                continue
            elif recurs_enough(article, (start, end), n_docs, min_docs, settings, floor) and not copied_story(
                    article, pending := pending or {it[3]: it for it in items if it[0] == "p"},
                    docs, at, index, settings):
                reason, evidence = "recurring", _recurring_evidence(article, n_docs)
                if sign_off(article.text, start, end):
                    reason, evidence = "sign_off", _sign_off_evidence(article, n_docs)
                elif (article.language != "en" and byline(article.text[start:end])
                      and (index < BYLINE_UNITS or _heads_paragraph(article.text, start, end))):
                    reason, evidence = "byline", _byline_evidence(article, n_docs, index < BYLINE_UNITS)
            elif reason is None:
                continue
        kept.append((start, end, reason, evidence))
    if beside and kept:
        kept = _with_beside(article.text, kept, beside)
    return [span_finding(article, CHECK, start, end, msg, data={"signal": reason})
            for start, end, reason, msg in _as_blocks(article.text, kept)]


def _with_beside(text: str, kept: list[tuple[int, int, str, str]],
                 beside: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """`kept` with each recurring short sentence (`_flat_sentence`) that only white space
    parts from a kept line, or from another such sentence so kept, in text order."""
    starts, ends = {s for s, _, _, _ in kept}, {e for _, e, _, _ in kept}

    def near(start: int, end: int) -> bool:
        return (any(0 <= start - e <= BESIDE_GAP and not text[e:start].strip() for e in ends)
                or any(0 <= s - end <= BESIDE_GAP and not text[end:s].strip() for s in starts))

    added = True
    while added and beside:
        added = False
        for item in [b for b in beside if near(b[0], b[1])]:
            kept.append(item)
            beside.remove(item)
            starts.add(item[0])
            ends.add(item[1])
            added = True
    return sorted(kept)


BESIDE_GAP = 3  # characters of white space between a short sentence and the chrome beside it


def _as_blocks(text: str, kept: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The chrome lines as findings (span, signal, message): one a line, but a run of
    EDGE_BLOCK_LINES or more lines in a row before or after the body (signal head or
    tail: nothing but blank space between them) is one finding spanning them all.

    prec20 (1,500 real pages): four pages gave 1,331 of boilerplate.line's 2,098 findings,
    a ministry's 491-line menu above its text (chrome), a book's table of contents, a
    deals list and a table below the text of three others (not); read one a line, four
    pages' verdicts were 1,331 claims, and the precision of the check by finding was that of
    those pages. One claim a block: 5/15 findings read true became the pages' 11/12."""
    out: list[tuple[int, int, str, str]] = []
    i = 0
    while i < len(kept):
        j = i + 1
        if kept[i][2] in EDGE_SIGNALS:
            while (j < len(kept) and kept[j][2] == kept[i][2]
                   and not text[kept[j - 1][1]:kept[j][0]].strip()):
                j += 1
        if j - i >= EDGE_BLOCK_LINES:
            (start, _, reason, evidence), end = kept[i], kept[j - 1][1]
            first, last = text[start:kept[i][1]][:40], text[kept[j - 1][0]:end][:40]
            where = evidence[evidence.find(" the article's main body") - 6:].lstrip()  # "after the ..."
            out.append((start, end, reason, f"A block of {j - i} lines, {first!r} to {last!r}, {where}: "
                        "site chrome, not article text."))
        else:
            out.extend((start, end, reason, f"Line {text[start:end][:80]!r} {evidence}: "
                        f"{SAID.get(reason, 'site chrome, not article text.')}")
                       for start, end, reason, evidence in kept[i:j])
        i = j
    return out


def copied_story(article: Article, pending: Mapping[int, list[Any]], docs: Sequence[int], at: int | None,
                 index: int, settings: Settings) -> bool:
    """Whether the recurring line `index` is in a story copied onto other pages of the site, not
    its chrome: in a run of lines that recur in exactly as many of the publisher's articles,
    holding PASSAGE_MIN_LINES or more sentence lines (waiting on the prose or block count) with
    PASSAGE_MIN_WORDS words, or the short line right above such a run (its headline: "Benzinga
    Josh Brown Predicts Year-End Market Melt-Up, ..."). Yahoo Finance 2020 carries a Benzinga
    interview on 18 of its several-story pages and a Bloomberg story on 19 (433 and 208 words,
    every line in the same 18 or 19 pages): every sentence recurred, so every sentence was "site
    chrome" (precb.md, precen.md). The other lines of the run (a title's piece, a heading) join
    it without counting. The longest such run that was chrome, on every corpus read, held 51
    words of sentences ("Watch The First Trade each day ... Follow Sozzi on Twitter ..."), a
    reporter's contact footer 40; a chrome line in more of the pages (Benzinga's disclaimer after
    the story, in 228) is not in the story's run. Copied passages are duplicate.passage's business."""
    if at is None:
        return False
    if pending[index][4] < settings.recur_min_docs_prose:  # a short line: the headline right above it?
        below = pending.get(index + 1)
        return (below is not None and below[4] >= settings.recur_min_docs_prose
                and docs[at + index + 1] == docs[at + index]
                and copied_story(article, pending, docs, at, index + 1, settings))
    n_docs, first, last = docs[at + index], min(pending), max(pending)

    def in_run(i: int) -> bool:
        return first <= i <= last and docs[at + i] == n_docs

    low, high = index, index
    while in_run(low - 1):
        low -= 1
    while in_run(high + 1):
        high += 1
    sentences = [pending[i] for i in range(low, high + 1)
                 if i in pending and pending[i][4] >= settings.recur_min_docs_prose]
    return (len(sentences) >= PASSAGE_MIN_LINES
            and sum(len(article.text[item[1]:item[2]].split()) for item in sentences) >= PASSAGE_MIN_WORDS)


def prepared(article: Article, params: Mapping[str, Any], made_under: dict[str, Any]) -> dict[str, Any]:
    """The workers' preparation (taken once: the corpus does not hold them all twice), unless
    made under other settings than `made_under`; else made here. "boilerplate" is this
    detector's registry name."""
    prep = article.prepared.pop("boilerplate", None)
    return prep if isinstance(prep, dict) and prep.get("settings") == made_under else prepare(article, params)
