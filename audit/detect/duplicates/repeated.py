"""duplicate.repeated: a sentence or paragraph repeated inside one article.

Extraction often keeps the standfirst and then the body that restates it (seed 004:
"... agree to a 30-day ceasefire before negotiations could start." twice), or a
paragraph twice when a page has two layouts. Every word 6-gram that occurs twice in
the article is a seed; seeds are grown across small differences (the repeat is often
"nearly" the same: a name dropped, a clause added) with the same alignment as
duplicate.passage. A repeat of `min_words` or more is reported on its later copy, with
the first copy's offsets as evidence. Recurring short phrases (titles, names, "the
talks in Istanbul") stay below `min_words` and are not repeats.

A 6-gram seen more than `max_copies` times is not compared pair by pair (quadratic in
its copies). Where such 6-grams follow one another at one fixed distance, the text is a
loop: one passage said again and again (a scraper stuck on a page, a generator that
degenerated; issue 11 fed one sentence a million times). Each loop is one finding over
all its copies, found in one pass over the words (`degenerate_runs`, linear).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from audit.detect.duplicates.tokens import (
    Tokens,
    config_from_params,
    extend_match,
    kgram_hashes,
    kgrams_of,
    text_word_hashes,
    tokenise,
)
from audit.model import Article, Finding, span_finding


@dataclass(frozen=True, kw_only=True)
class RepeatConfig:
    min_words: int = 12  # seed 004's repeat is 20 words; recurring names/titles are under 8
    kgram: int = 6  # seed length: shorter repeats start no search
    max_copies: int = 8  # a 6-gram seen more often is a refrain (lists, tables): skipped

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> RepeatConfig:
        return config_from_params(cls, params)


Run = tuple[int, int, int, int]  # (first_start, first_end, later_start, later_end) in words


def kgram_positions(words: list[str], k: int, base: np.ndarray | None = None,
                    ) -> tuple[list[int], dict[int, list[int]]]:
    """Each k-gram's hash by position, and the positions of each hash seen twice or more
    (in order of first sighting; most k-grams of an article occur once: numpy finds the
    rest without a Python loop over every position). `base`: the words' word_hash values
    when known (the text's, shared with the other duplicate checks)."""
    hashes = kgram_hashes(words, k) if base is None else kgrams_of(base, k)
    _, inverse, counts = np.unique(hashes, return_inverse=True, return_counts=True)
    positions: dict[int, list[int]] = {}
    for pos in np.flatnonzero(counts[inverse] >= 2).tolist():
        positions.setdefault(int(hashes[pos]), []).append(pos)
    return hashes.tolist(), positions


def degenerate_runs(hashes: list[int], positions: dict[int, list[int]], cfg: RepeatConfig) -> list[Run]:
    """Loops: stretches where every k-gram is a refrain (more than max_copies copies) seen
    again exactly `period` words before. (first copy, all later copies) word ranges.

    One pass: each position's distance to the previous copy of its k-gram; a loop is a
    maximal stretch of one distance. Linear in the words (hash collisions only lengthen
    or split a loop, they never make one: the words must repeat at that distance).
    """
    if not any(len(places) > cfg.max_copies for places in positions.values()):
        return []  # no refrain, no loop (most articles)
    previous: dict[int, int] = {}
    loops: list[Run] = []
    start = period = -1
    for pos, value in enumerate(hashes):
        last = previous.get(value)
        previous[value] = pos
        lag = pos - last if last is not None and len(positions.get(value, ())) > cfg.max_copies else -1
        if lag == period and lag > 0:
            continue
        if period > 0:
            loops.append((start - period, start, start, pos - 1 + cfg.kgram))
        start, period = pos, lag
    if period > 0:
        loops.append((start - period, start, start, len(hashes) - 1 + cfg.kgram))
    return [loop for loop in loops if loop[3] - loop[2] >= max(cfg.min_words, loop[1] - loop[0])]


def repeated_runs(words: list[str], cfg: RepeatConfig, base: np.ndarray | None = None) -> list[Run]:
    """(first_start, first_end, later_start, later_end) word ranges of each repeat."""
    hashes, positions = kgram_positions(words, cfg.kgram, base)
    runs: list[Run] = []
    by_shift: dict[int, list[Run]] = {}  # runs by the distance between their copies
    for places in positions.values():
        if len(places) < 2 or len(places) > cfg.max_copies:
            continue
        for x, first in enumerate(places):
            for later in places[x + 1 :]:
                if later - first < cfg.kgram or _covered(by_shift, first, later):
                    continue
                if words[first : first + cfg.kgram] != words[later : later + cfg.kgram]:
                    continue  # hash collision
                sa, ea, sb, eb = extend_match(words, words, first, later, cfg.kgram, stop_a=later,
                                              numbers_must_match=True)
                run = (sa, min(ea, sb), sb, eb)
                runs.append(run)
                for shift in range(min(sb - sa, eb - ea), max(sb - sa, eb - ea) + 1):
                    by_shift.setdefault(shift, []).append(run)
    kept = [r for r in runs if min(r[1] - r[0], r[3] - r[2]) >= cfg.min_words]
    return _one_per_later_copy(kept + degenerate_runs(hashes, positions, cfg))


def _covered(by_shift: dict[int, list[Run]], first: int, later: int) -> bool:
    """Whether a run already found holds this pair (only runs at its distance can: the
    old scan of every run made many short repeats quadratic, 5 s on 190,000 characters)."""
    runs = by_shift.get(later - first, ())
    return any(sa <= first < ea and sb <= later < eb for sa, ea, sb, eb in runs)


def _one_per_later_copy(runs: list[Run]) -> list[Run]:
    """A text said three times is reported on copies 2 and 3, once each."""
    kept: list[Run] = []
    for run in sorted(runs, key=lambda r: (r[2], -(r[3] - r[2]), r[0])):
        if not any(k[2] <= run[2] and run[3] <= k[3] for k in kept):
            kept.append(run)
    return kept


def repeat_finding(article: Article, tokens: Tokens, run: Run) -> Finding:
    first_start, first_end = tokens.span(run[0], run[1])
    start, end = tokens.span(run[2], run[3])
    words, period = run[3] - run[2], run[1] - run[0]
    quoted = _clip(article.text[first_start:first_end])
    if run[1] == run[2] and words >= 2 * period:  # a loop: the passage again and again
        message = (f"Degenerate text: the {period}-word passage at characters {first_start}-"
                   f"{first_end} (\"{quoted}\") is said again and again over the next {words} "
                   f"words (about {words // period} more times).")
    else:
        message = (f"Repeats {words} words already written earlier in the article (characters "
                   f"{first_start}-{first_end}: \"{quoted}\").")
    return span_finding(article, "duplicate.repeated", start, end, message,
                        data={"words": words, "first_start": first_start, "first_end": first_end})


def _clip(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def find_repeated_sentences(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """Each repeat of min_words or more, reported on its later copy."""
    cfg = RepeatConfig.from_params(params)
    for article in articles:
        base = text_word_hashes(article.text)
        if not repeats_a_kgram(base, cfg.kgram):
            continue  # six articles out of seven (c2000): no words folded, no unique()
        tokens = tokenise(article.text)
        for run in repeated_runs(tokens.words, cfg, base):
            if not _in_one_token(article.text, tokens, run) and defect_shaped(article.text, tokens, run):
                yield repeat_finding(article, tokens, run)


# What a page's or a scraper's doubling looks like, against writing that says a thing twice.
# A read of 30 findings on the 46 corpora (session 40, seed 4044): 7 true, 9 a chrome block
# repeated, 14 ordinary writing: a quote's fragment in the lead then whole in the body, a
# quote or a maxim restated in another setting, a paraphrase then the tweet, a table's labels.
# Every true one, and 3 of the 9 chrome blocks, had its later copy open a sentence and its
# first open one too or stand in the text's opening (a standfirst restated in the body, seed
# 004's "Zelensky and [European leaders had furiously demanded ...]"; a paragraph twice), or
# the copies verbatim and side by side (a caption, a tweet's text twice); of the 14, three did
# (a letter's refrain, a Bible verse, a headline's quote quoted again). A blind second read
# (seed 4046/4047, the rule's kept and dropped findings mixed): kept 15 true, 5 partly, 5 false
# of 25; dropped 4 true, 1 partly, 10 false of 15 (the 4: a standfirst restated with its first
# words changed, a tweet quoted then embedded, a pull quote). 5,974 of 10,636 findings on the 46
# corpora dropped; the check stays info.
ADJACENT_CHARS = 100  # copies this close, word for word the same, are a doubling however they open
LEAD_CHARS = 600  # the text's opening, where a standfirst or a lead stands
_OPENING_MARKS = " \t\"'“”‘’«»„()[]-–—•·*"  # between a sentence's end and its first word
_SENTENCE_ENDS = ".!?…。！？\n"


def defect_shaped(text: str, tokens: Tokens, run: Run) -> bool:
    """Whether a repeat has the shape of a defect (see above): a loop; the copies word for
    word the same and at most ADJACENT_CHARS apart; or the later copy opening a sentence, and
    the first one too or in the text's first LEAD_CHARS."""
    if run[1] == run[2]:
        return True  # a loop
    first_start, first_end = tokens.span(run[0], run[1])
    start, _ = tokens.span(run[2], run[3])
    if start - first_end <= ADJACENT_CHARS and tokens.words[run[0]:run[1]] == tokens.words[run[2]:run[3]]:
        return True
    return opens_sentence(text, start) and (first_start < LEAD_CHARS or opens_sentence(text, first_start))


def opens_sentence(text: str, at: int) -> bool:
    """Whether text[at:] starts a sentence: only opening or closing marks and spaces lie
    between it and the text's start, a line break or a sentence's end."""
    before = text[max(0, at - 40):at].rstrip(_OPENING_MARKS)
    return before[-1:] in _SENTENCE_ENDS if before else at <= 40


def _in_one_token(text: str, tokens: Tokens, run: Run) -> bool:
    """Whether either copy is written as one unbroken ASCII token: a URL's slug
    ("tv-host-urging-america-to-invade-syria-...") after the title it was made from, not
    a repeat of written text (fresh21, FakeNewsCorpus: 4 of 15 findings read; 20 such).
    ASCII: Chinese and Japanese write whole sentences without a space. A loop is never
    one: "imagebank.sweden.se" 43 times over is degenerate text."""
    if run[1] == run[2]:
        return False
    return any(_SLUG.fullmatch(text[slice(*tokens.span(a, b))]) is not None
               for a, b in ((run[0], run[1]), (run[2], run[3])))


_SLUG = re.compile(r"[A-Za-z0-9._~%/:+-]+")  # a URL's path, a slug: no space, no other script


def repeats_a_kgram(base: np.ndarray, k: int) -> bool:
    """Whether some k-gram of the words (their word_hash values) occurs twice: without,
    repeated_runs finds nothing (no seed, no refrain)."""
    ordered = np.sort(kgrams_of(base, k))
    return bool((ordered[1:] == ordered[:-1]).any())
