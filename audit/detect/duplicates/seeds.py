"""The seeds of duplicate.passage for a whole corpus at once, in numpy.

A seed is a winnowed fingerprint that two articles share (duplicate_passage). On real
news text, stock sentences recur: in bench_run's real-text corpus every pool sentence
is used 6.7 times at 20,000 articles, so the pairs of articles sharing a sentence
grow with the square of the corpus (273 pairs with 2 seeds or more at 2,000 articles,
767,000 at 20,000), and reading each pair's words in Python took 171 s there. A shared
sentence is at most 35 words; a passage is 40 or more. So every seed is first grown
here, for all seeds at once in numpy over the corpus's words (as 64-bit word hashes):
as extend_match grows it, forward and backward while the words are equal, then past a
small gap (RESYNC_STEPS, confirmed by RESYNC_CONFIRM equal words) and on, up to
min_words. A seed that does not reach min_words is "dead": extend_match grows it into
a run that shared_runs drops. A pair whose every seed is dead yields no run at all, so
it is dropped here, before any of its words is read in Python: the same findings, with
the per-pair Python work left for the pairs that do share a passage. A shared sentence
holds 3 seeds or so, on one diagonal: live_pairs grows one and settles the others with
it. What stays quadratic on such text is numpy work on the seeds (16 bytes and a few
microseconds each: 2.3 million seeds in candidate pairs at 20,000 articles). (Exact-substring deduplication at scale,
Lee et al. 2021's suffix arrays as used by text-dedup and datatrove, finds repeated
spans without pairs, but neither names the other article nor bridges a changed word,
which duplicate.passage must.)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from audit.detect.duplicates.tokens import (
    RESYNC_CONFIRM,
    RESYNC_STEPS,
    firsts,
    kgrams_of,
    text_word_hashes,
)

if TYPE_CHECKING:
    from audit.detect.duplicates.passage import PassageConfig

BLOCK = 1024  # articles whose k-grams are hashed in one numpy pass (memory: 8 bytes a word)

@dataclass(frozen=True)
class CorpusWords:
    """Every article's folded words as word_hash values (uint64) in one flat array: equal
    values are equal words (but for a 64-bit collision, which only makes a seed look
    alive), and the k-gram hashes are made from them."""

    words: np.ndarray
    offsets: np.ndarray  # int64, one more than the articles: article d is words[offsets[d]:offsets[d+1]]
    # or, with `ends`, words[offsets[d]:ends[d]]: articles anywhere in `words`, in any
    # order (a rerun's words file, mapped: passage_state.read_words); offsets[-1] unused
    ends: np.ndarray | None = None

    def end(self, docs: np.ndarray) -> np.ndarray:
        """Where each article's words stop (exclusive)."""
        return self.offsets[docs + 1] if self.ends is None else self.ends[docs]

    def lengths(self, docs: np.ndarray) -> np.ndarray:
        return self.end(docs) - self.offsets[docs]

    @classmethod
    def of(cls, articles: Iterable[np.ndarray]) -> CorpusWords:
        """From each article's word_hashes, in order."""
        parts = list(articles)
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        return cls(np.concatenate(parts) if parts else np.zeros(0, np.uint64), offsets)


def word_hashes(text: str) -> np.ndarray:
    """word_hash of each folded word of the text (uint64): duplicate.passage's share of an
    article, made in the workers (Detector.prepare) when there are some."""
    return text_word_hashes(text)


@dataclass(frozen=True)
class Fingerprints:
    """Winnowed k-gram hashes of every article (duplicate_passage.fingerprints, the same
    values) with the article and word position of each, and how many each article has."""

    hashes: np.ndarray  # uint64
    docs: np.ndarray  # int32
    positions: np.ndarray  # int32
    counts: np.ndarray  # int64, fingerprints per article

    @classmethod
    def of(cls, words: CorpusWords, kgram: int, window: int) -> Fingerprints:
        if words.ends is not None:
            raise ValueError("Fingerprints.of wants the articles one after another")
        parts = [_winnowed(words, lo, min(len(words.offsets) - 1, lo + BLOCK), kgram, window)
                 for lo in range(0, len(words.offsets) - 1, BLOCK)]
        if not parts:
            return cls(np.zeros(0, np.uint64), np.zeros(0, np.int32), np.zeros(0, np.int32),
                       np.zeros(0, np.int64))
        return cls(*(np.concatenate(column) for column in zip(*parts)))


def _winnowed(words: CorpusWords, lo: int, hi: int, kgram: int, window: int) -> tuple[np.ndarray, ...]:
    """Fingerprints of articles lo..hi-1, as duplicate_tokens.winnow keeps them per article,
    from one pass over their k-grams (winnow called per article: 5 s at 20,000)."""
    first = int(words.offsets[lo])
    grams = kgrams_of(words.words[first : int(words.offsets[hi])], kgram)  # some across two
    starts = words.offsets[lo:hi] - first  # articles: those are never read
    many = np.maximum(0, words.lengths(np.arange(lo, hi)) - kgram + 1)  # each article's k-grams
    windows = np.where(many > window, many - window + 1, 0)
    article = np.repeat(np.arange(hi - lo), windows)
    kept = np.zeros(0, np.int64)
    if len(grams) >= window:  # the leftmost minimum of each window, as winnow keeps it
        minima = window_argmin(grams, window)
        at = np.repeat(starts, windows) + ranks(windows)
        kept = minima[at] + at  # never decreasing within an article: unique = not repeated
        fresh = np.ones(len(kept), dtype=bool)
        fresh[1:] = (kept[1:] != kept[:-1]) | (article[1:] != article[:-1])
        kept, article = kept[fresh], article[fresh]
    short = np.flatnonzero((many > 0) & (many <= window))  # one fingerprint: the minimum
    extra = [int(starts[i]) + int(np.argmin(grams[starts[i] : starts[i] + many[i]])) for i in short]
    kept = np.concatenate([kept, np.asarray(extra, dtype=np.int64)])
    article = np.concatenate([article, short])
    order = np.argsort(article, kind="stable")
    kept, article = kept[order], article[order]
    return (grams[kept], (article + lo).astype(np.int32), (kept - starts[article]).astype(np.int32),
            np.bincount(article, minlength=hi - lo).astype(np.int64))


def window_argmin(values: np.ndarray, window: int) -> np.ndarray:
    """sliding_window_view(values, window).argmin(axis=1) (the leftmost minimum of each
    window), from whole-array minima: the windows' minima by doubling, then each one's
    first place; argmin over the strided view was half of the winnowing."""
    count = len(values) - window + 1
    low, width = values, 1
    while width * 2 <= window:  # low[i]: the minimum of values[i : i + 2 * width]
        low = np.minimum(low[:-width], low[width:])
        width *= 2
    minima = np.minimum(low[:count], low[window - width : window - width + count])
    first = np.full(count, window - 1, dtype=np.int64)
    for offset in range(window - 2, -1, -1):  # the leftmost equal one wins
        first = np.where(values[offset : offset + count] == minima, offset, first)
    return first


def run_bounds(values: np.ndarray, shortest: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """(starts, stops) of the runs of `shortest` or more equal values in a sorted array."""
    if len(values) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    bounds = np.flatnonzero(values[1:] != values[:-1]) + 1
    starts = np.concatenate([[0], bounds]).astype(np.int64)
    stops = np.concatenate([bounds, [len(values)]]).astype(np.int64)
    keep = stops - starts >= shortest
    return starts[keep], stops[keep]


def seed_columns(prints: Fingerprints, families: Sequence[Hashable], max_df: int) -> tuple[np.ndarray, ...]:
    """(doc_a, doc_b, pos_a, pos_b) of every seed, sorted by pair (shared_runs sorts a
    pair's seeds itself).

    Per fingerprint, one occurrence per family (its first article, first position: a
    syndicated story counts once); a fingerprint of more than max_df families is skipped
    (site chrome). Each occurrence is paired with every later one, in article order.
    """
    return seeds_of(seed_groups(prints, families, max_df), 0, len(families))


@dataclass(frozen=True)
class SeedGroups:
    """Each fingerprint's occurrences (one per family, in article order), the groups of
    two to max_df of them, and how many later members each member is paired with."""

    docs: np.ndarray
    positions: np.ndarray
    members: np.ndarray  # index into docs/positions of each group member, group by group
    later: np.ndarray  # members after it in its group: its seeds as the pair's first side
    marked: np.ndarray | None = None  # bool per docs entry (seed_groups_by_hash's `marks`)

    def marked_only(self) -> SeedGroups:
        """The groups whose members are marked (a mark is the same for all of a group's
        members), whole and in the same order: what live_candidates searches on a rerun."""
        if self.marked is None:
            return self
        keep = self.marked[self.members]
        return SeedGroups(self.docs, self.positions, self.members[keep], self.later[keep])


def seed_groups(prints: Fingerprints, families: Sequence[Hashable], max_df: int,
                by_hash: list[np.ndarray] | None = None) -> SeedGroups:
    """The groups; with `by_hash`, the fingerprints sorted by hash (hashes, docs,
    positions) are put in it too: duplicate.passage keeps them for a rerun
    (passage_state), and they come out of the first sort here at no cost."""
    codes: dict[Hashable, int] = {}
    family = np.fromiter((codes.setdefault(f, len(codes)) for f in families), np.int64, len(families))
    fam = family[prints.docs]
    docs, positions = prints.docs, prints.positions
    in_order = bool(np.all((docs[1:] > docs[:-1]) | ((docs[1:] == docs[:-1]) & (positions[1:] > positions[:-1]))))
    # Fingerprints.of makes them by article and position: a stable sort by (hash, family)
    # keeps that order within (the same as sorting by all four, at half the cost)
    order = (np.lexsort((fam, prints.hashes)) if in_order
             else np.lexsort((prints.positions, prints.docs, fam, prints.hashes)))
    hashes, docs, positions, fam = (prints.hashes[order], prints.docs[order],
                                    prints.positions[order], fam[order])
    if by_hash is not None:
        by_hash += [hashes, docs, positions]
    first = np.ones(len(hashes), dtype=bool)
    first[1:] = (hashes[1:] != hashes[:-1]) | (fam[1:] != fam[:-1])
    hashes, docs, positions = hashes[first], docs[first], positions[first]
    order = np.lexsort((docs, hashes))  # each fingerprint's members in article order
    return _grouped(hashes[order], docs[order], positions[order], max_df)


def _grouped(hashes: np.ndarray, docs: np.ndarray, positions: np.ndarray, max_df: int,
             marked: np.ndarray | None = None) -> SeedGroups:
    """The groups of one occurrence per family, sorted by fingerprint (`hashes`, or any
    value equal for equal fingerprints) and article: those of two to max_df members."""
    starts, stops = run_bounds(hashes, 2)
    sizes = stops - starts
    starts, sizes = starts[sizes <= max_df], sizes[sizes <= max_df]
    members = np.repeat(starts, sizes) + ranks(sizes)
    later = np.repeat(sizes, sizes) - 1 - ranks(sizes)
    return SeedGroups(docs, positions, members, later, marked)


def seed_groups_by_hash(hashes: np.ndarray, docs: np.ndarray, positions: np.ndarray,
                        families: np.ndarray, max_df: int, marks: np.ndarray | None = None) -> SeedGroups:
    """seed_groups of fingerprints that come sorted by hash (a rerun's rows of the table
    passage_state keeps: any order within a hash), with `families` an int code per
    article: the same groups in the same order, each with the same members (article and
    position), so every use of them gives what seed_groups' would. One sort of a single
    int64 key (hash's rank, article, position) when it fits, instead of re-sorting the rows
    by article and then twice by several keys (at 100,000 articles a rerun's 1.2 million
    rows: about 0.5 s). `marks` (a bool per row, the same for all rows of a hash) is kept
    as the groups' `marked`."""
    n = len(hashes)
    run = np.zeros(n, dtype=np.int64)
    if n:
        np.cumsum(hashes[1:] != hashes[:-1], out=run[1:])
    doc64, pos64 = docs.astype(np.int64), positions.astype(np.int64)
    doc_bits = max(1, int(doc64.max(initial=0)).bit_length())
    pos_bits = max(1, int(pos64.max(initial=0)).bit_length())
    run_bits = max(1, int(run[-1] if n else 0).bit_length())
    if run_bits + doc_bits + pos_bits <= 63 and pos64.min(initial=0) >= 0:
        order = np.argsort((run << (doc_bits + pos_bits)) | (doc64 << pos_bits) | pos64, kind="stable")
    else:
        order = np.lexsort((pos64, doc64, run))
    run, docs, positions = run[order], docs[order], positions[order]
    if marks is not None:
        marks = marks[order]
    fam = families[docs]
    # one occurrence per family: its first article's first position. For an article alone
    # in its family, its first position (the row after another article's, or another
    # hash's); the others' by (hash, family)
    shared = np.bincount(families)[fam] > 1
    keep = ~shared
    keep[1:] &= (run[1:] != run[:-1]) | (docs[1:] != docs[:-1])
    many = np.flatnonzero(shared)
    if len(many):
        _, first = np.unique((run[many] << 32) | fam[many], return_index=True)
        keep[many[first]] = True
    return _grouped(run[keep], docs[keep], positions[keep], max_df, None if marks is None else marks[keep])


def seeds_of(groups: SeedGroups, first_doc: int, end_doc: int) -> tuple[np.ndarray, ...]:
    """seed_columns' rows whose first article is in [first_doc, end_doc): the same rows in
    the same order as that slice of the whole list, so slices in article order, one after
    another, give seed_columns."""
    member_docs = groups.docs[groups.members]
    mine = (member_docs >= first_doc) & (member_docs < end_doc)
    members, later = groups.members[mine], groups.later[mine]
    left = np.repeat(members, later)
    right = left + 1 + ranks(later)
    docs, positions = groups.docs, groups.positions
    doc_a, doc_b, pos_a, pos_b = docs[left], docs[right], positions[left], positions[right]
    order = np.argsort((doc_a.astype(np.int64) << 32) | doc_b, kind="stable")
    return doc_a[order], doc_b[order], pos_a[order], pos_b[order]


SEEDS_A_SLICE = 1 << 23  # seeds made at once (16 bytes each, about 130 MB, and the sort's copies)


def article_slices(groups: SeedGroups, articles: int, limit: int = SEEDS_A_SLICE) -> list[tuple[int, int]]:
    """[first, end) article ranges whose seeds number about `limit` or fewer (an article
    with more is a slice of its own): memory bounded whatever the corpus shares. At
    100,000 bench_run articles (each sentence in 37 of them) the seeds at once took 7 GB."""
    per_doc = np.bincount(groups.docs[groups.members], weights=groups.later, minlength=articles)
    slices, first, count = [], 0, 0.0
    for doc, n in enumerate(per_doc.tolist()):
        if count and count + n > limit:
            slices.append((first, doc))
            first, count = doc, 0.0
        count += n
    slices.append((first, articles))
    return slices


def distinct(values: np.ndarray, kind: str | None = None) -> np.ndarray:
    """np.unique(values): each value once, sorted; by a sort, as numpy before 2.3 did
    (np.unique now hashes integers: 0.07 s for 300,000 of them, the sort 0.002 s). With
    kind="stable" for values made of a few sorted runs (timsort merges them)."""
    return firsts(np.sort(values, kind=kind))


def in_sorted(sorted_values: np.ndarray, values: np.ndarray) -> np.ndarray:
    """Whether each of `values` is in `sorted_values` (sorted ascending): np.isin by one
    binary search a value, for the pair codes and hashes a rerun matches against its sets."""
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def ranks(sizes: np.ndarray) -> np.ndarray:
    """0, 1, ..., size - 1 for each size, one after another."""
    total = int(sizes.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes)


def _equal_run(ids: np.ndarray, at_a: np.ndarray, at_b: np.ndarray, room: np.ndarray,
               cap: int, step: int) -> np.ndarray:
    """Words equal from at_a and at_b on (step 1) or before them (step -1), at most
    min(room, cap): ids[at_a + step * t] == ids[at_b + step * t], t = 0, 1, ... (step -1
    reads at_a - 1 - t)."""
    shift = 0 if step > 0 else -1
    grown = np.zeros(len(at_a), dtype=np.int64)
    live = np.arange(len(at_a))
    for t in range(cap):
        live = live[room[live] > t]
        live = live[ids[at_a[live] + step * t + shift] == ids[at_b[live] + step * t + shift]]
        if len(live) == 0:
            break
        grown[live] = t + 1
    return grown


def _gap_step(ids: np.ndarray, at_a: np.ndarray, at_b: np.ndarray, room_a: np.ndarray,
              room_b: np.ndarray, step: int) -> np.ndarray:
    """The first of RESYNC_STEPS after which the words match again for RESYNC_CONFIRM words
    (its index, -1 for none), as extend_match's _resync tries them at the mismatch at
    at_a/at_b (flat positions; step 1 forward from them, -1 backward from the exclusive
    ends); room_a and room_b are the words left in each article that way."""
    found = np.full(len(at_a), -1, dtype=np.int64)
    for number, (da, db) in enumerate(RESYNC_STEPS):
        where = np.flatnonzero((found < 0) & (room_a >= da + RESYNC_CONFIRM) & (room_b >= db + RESYNC_CONFIRM))
        from_a, from_b = at_a[where] + step * da, at_b[where] + step * db
        for t in range(RESYNC_CONFIRM):  # most differ at the first word: the rest is not read
            shift = t if step > 0 else -1 - t
            same = ids[from_a + shift] == ids[from_b + shift]
            where, from_a, from_b = where[same], from_a[same], from_b[same]
        found[where] = number
    return found


_SKIP = np.array(RESYNC_STEPS, dtype=np.int64)  # (words skipped in a, in b) of each step


def _reach(ids: np.ndarray, at_a: np.ndarray, at_b: np.ndarray, limit_a: np.ndarray,
           limit_b: np.ndarray, got: np.ndarray, cap: int, step: int) -> tuple[np.ndarray, np.ndarray]:
    """Words extend_match's loop covers one way in each article (its equal run `got`, ending
    at the mismatch at_a/at_b, then gaps and equal runs in turn), up to cap: a seed
    whose reach makes min_words is live, else its run is exactly what is measured here."""
    at_a, at_b = at_a.copy(), at_b.copy()
    got_a, got_b = got.copy(), got.copy()
    open_ = np.flatnonzero(got < cap)
    while len(open_):
        skip = _gap_step(ids, at_a[open_], at_b[open_], step * (limit_a - at_a)[open_],
                         step * (limit_b - at_b)[open_], step)
        open_, skip = open_[skip >= 0], _SKIP[skip[skip >= 0]]
        at_a[open_] += step * skip[:, 0]
        at_b[open_] += step * skip[:, 1]
        got_a[open_] += skip[:, 0]
        got_b[open_] += skip[:, 1]
        room = np.minimum(step * (limit_a - at_a)[open_], step * (limit_b - at_b)[open_])
        room = np.minimum(room, cap - np.minimum(got_a, got_b)[open_])
        grown = _equal_run(ids, at_a[open_], at_b[open_], room, cap, step)
        at_a[open_] += step * grown
        at_b[open_] += step * grown
        got_a[open_] += grown
        got_b[open_] += grown
        open_ = open_[np.minimum(got_a, got_b)[open_] < cap]
    return got_a, got_b


def _grow(words: CorpusWords, doc_a: np.ndarray, doc_b: np.ndarray, pos_a: np.ndarray,
          pos_b: np.ndarray, cfg: PassageConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(live, behind, ahead) of each seed: whether extend_match grows it into a run of
    min_words (its k-gram verified), and the equal words before and from it (capped)."""
    flat, cap = words.words, max(cfg.min_words, cfg.kgram)
    first_a, first_b = words.offsets[doc_a], words.offsets[doc_b]
    end_a, end_b = words.end(doc_a), words.end(doc_b)
    at_a, at_b = first_a + pos_a, first_b + pos_b
    ahead = _equal_run(flat, at_a, at_b, np.minimum(end_a - at_a, end_b - at_b), cap, 1)
    behind = _equal_run(flat, at_a, at_b, np.minimum(pos_a, pos_b).astype(np.int64), cap, -1)
    verified = ahead >= cfg.kgram  # else a hash collision, which shared_runs skips
    live = np.zeros(len(at_a), dtype=bool)
    seeds = np.flatnonzero(verified)
    forth_a, forth_b = _reach(flat, at_a[seeds] + ahead[seeds], at_b[seeds] + ahead[seeds],
                              end_a[seeds], end_b[seeds], ahead[seeds], cap, 1)
    back_a, back_b = _reach(flat, at_a[seeds] - behind[seeds], at_b[seeds] - behind[seeds],
                            first_a[seeds], first_b[seeds], behind[seeds], cap, -1)
    live[seeds] = np.minimum(forth_a + back_a, forth_b + back_b) >= cfg.min_words
    return live, np.where(verified, behind, 0), np.where(verified, ahead, 0)


def live_pairs(words: CorpusWords, columns: tuple[np.ndarray, ...], starts: np.ndarray,
               stops: np.ndarray, cfg: PassageConfig) -> np.ndarray:
    """Whether each pair (its seeds at columns[starts[p]:stops[p]]) has a seed that
    extend_match could grow into a run of min_words.

    In rounds: one open seed of each open pair is grown; a live one settles its pair; a
    dead one also settles the pair's seeds inside its equal run on its diagonal, which
    would grow into that same run (a shared sentence holds 3 seeds or so: grown once).
    """
    doc_a, doc_b, pos_a, pos_b = columns
    sizes = stops - starts
    pair = np.repeat(np.arange(len(starts)), sizes)
    seeds = np.repeat(starts, sizes) + ranks(sizes)
    live = np.zeros(len(starts), dtype=bool)
    while len(seeds):
        first = np.ones(len(seeds), dtype=bool)
        first[1:] = pair[1:] != pair[:-1]
        picked = seeds[first]
        grown, behind, ahead = _grow(words, doc_a[picked], doc_b[picked], pos_a[picked],
                                     pos_b[picked], cfg)
        live[pair[first][grown]] = True
        rep = np.cumsum(first) - 1  # each seed's picked seed (same pair)
        at = pos_a[seeds]
        same_run = ((pos_b[seeds] - at == (pos_b[picked] - pos_a[picked])[rep])
                    & (at >= (pos_a[picked] - behind)[rep]) & (at < (pos_a[picked] + ahead)[rep]))
        keep = ~first & ~grown[rep] & ~same_run
        seeds, pair = seeds[keep], pair[keep]
    return live
