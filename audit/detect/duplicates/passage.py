"""duplicate.passage: a long passage shared by two articles that are otherwise different.

A quote lifted from one article into another, or a copied paragraph, is too small to
move the whole-text similarity, so it is found by fingerprints: word 8-grams chosen by
winnowing (Schleimer, Wilkerson, Aiken 2003, as in MOSS), so that any run of
`window + kgram - 1` shared words shares at least one fingerprint. Fingerprints shared
by two articles are seeds; each seed is grown word by word across small gaps (a quote
mark, "Zelensky's" / "Zelenskyy's", a changed word), and a run of `min_words` or more is
reported in EACH article, with the span in that article's own text; the runs an article
shares with several others over one passage make one finding that names them all (a
quote lifted by 40 articles: 40 findings, not 40 x 39). Pairs that are
near copies as a whole are left to duplicate.near, and a cluster of near copies counts as
one article (its first member carries the finding). For the corpus, only its words as
64-bit hashes (8 bytes a word, made in the workers: `prepare`) and its fingerprints and
seeds (flat int32 columns) are held; the seeds are grown in numpy (duplicate_seeds) and
only the pairs whose seeds reach min_words are read word by word in Python, their
articles tokenised again (linear on real text where stock sentences recur: 20,000
articles of bench_run's real-text corpus: 767,000 candidate pairs, 906 read).
"""

from __future__ import annotations

import binascii
import io
import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from audit.detect.cache import packed_text, unpacked
from audit.detect.duplicates import passage_state, template
from audit.detect.duplicates.beside import in_two
from audit.detect.duplicates.candidates import edited_candidates, live_candidates, pair_seeds
from audit.detect.duplicates.near import CLUSTER_COLUMN, find_near_duplicates
from audit.detect.duplicates.seeds import (
    CorpusWords,
    Fingerprints,
    SeedGroups,
    distinct,
    in_sorted,
    live_pairs,
    run_bounds,
    seed_groups,
    seed_groups_by_hash,
    word_hashes,
)
from audit.detect.duplicates.tokens import (
    Tokens,
    config_from_params,
    extend_match,
    jaccard,
    kgram_hashes,
    shingle_set,
    tokenise,
    winnow,
)
from audit.detect.leakage.chrome_lines import group_of
from audit.detect.saved import write_state
from audit.gcpause import release_freed
from audit.model import Article, Finding, span_finding

Run = tuple[int, int, int, int]  # a_start, a_end, b_start, b_end (word positions)
TOKEN_CACHE_ARTICLES = 8192
PREFETCH_PAIRS = 4096  # pairs whose articles are asked for at once (Corpus.prefetch)
SPLIT_PAIRS = 256  # fewer pairs of a block are verified in one process (halves): a fork costs more


@dataclass(frozen=True, kw_only=True)
class PassageConfig:
    min_words: int = 40  # suite: duplicate.passage min_words (issue 3: "about 40 words")
    kgram: int = 8  # fingerprint length in words: common 3-5 word phrases never seed
    window: int = 10  # winnowing window: shared runs of 17+ words always share a fingerprint
    max_df: int = 50  # a fingerprint in more articles is site chrome, not a lifted passage
    near_threshold: float = 0.8  # pairs this similar overall are duplicate.near's business
    shingle_words: int = 3  # as duplicate.near, to measure the overall similarity
    max_coverage: float = 0.5  # shared runs covering more of an article: an edited copy, whose
    # many passages are collapsed into one finding (benchmark: 3,500 findings -> one per pair)
    site_chrome_docs: int = 10  # a passage only one publisher's articles carry, in this many: its
    # chrome (boilerplate.line's recur_min_docs_block), not a lifted passage
    template_edge: int = 300  # a chrome-like passage of one site's articles this near the same edge
    template_slack: int = 40  # of each, as far from it give or take this: its template (template.py)

    @property
    def min_seeds(self) -> int:
        """Fingerprints a pair must share before its words are read: an unbroken run of
        min_words holds (min_words - kgram + 1) // window of them; one fewer allows a gap."""
        return max(1, (self.min_words - self.kgram + 1) // self.window - 1)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> PassageConfig:
        return config_from_params(cls, params)


def fingerprints(words: list[str], cfg: PassageConfig) -> tuple[np.ndarray, np.ndarray]:
    """Winnowed k-gram hashes of a text and the word positions they start at."""
    hashes = kgram_hashes(words, cfg.kgram)
    kept = winnow(hashes, cfg.window)
    return hashes[kept], kept


def _families(articles: Sequence[Article], cfg: PassageConfig) -> list[Hashable]:
    """Each article's near-copy cluster (duplicate.near's column), else its own position.

    A wire story re-published by 60 sites must count once: its copies share every
    fingerprint, which would otherwise square the pairs and pass max_df, hiding the
    passages that other articles lift from it.
    """
    if any(CLUSTER_COLUMN not in a.extra for a in articles):  # duplicate.near did not run
        for _ in find_near_duplicates(articles, {"threshold": cfg.near_threshold}):
            pass
    return [a.extra.get(CLUSTER_COLUMN) or pos for pos, a in enumerate(articles)]


_NO_COLUMN = object()


def family_codes(articles: Sequence[Article], cfg: PassageConfig) -> np.ndarray:
    """passage_state.family_codes of _families: the codes, in order of first appearance,
    made with one short pass in Python (an article's family is its cluster's first member,
    or itself). passage_apart's process gets them from a thread of the run's process, who
    runs its other detectors meanwhile: the pass over 100,000 articles' families and their
    codes in Python waited on the interpreter's lock there, with passage waiting for them."""
    clusters = [a.extra.get(CLUSTER_COLUMN, _NO_COLUMN) for a in articles]
    if _NO_COLUMN in clusters:  # duplicate.near did not run: _families runs it
        return passage_state.family_codes(_families(articles, cfg))
    held = [pos for pos, cluster in enumerate(clusters) if cluster]
    first: dict[Hashable, int] = {}
    leader = np.arange(len(clusters), dtype=np.int64)  # each article's family's first article
    leader[held] = [first.setdefault(clusters[pos], pos) for pos in held]
    return (np.cumsum(leader == np.arange(len(clusters))) - 1)[leader]


def prepare(article: Article, params: Mapping[str, Any]) -> str:
    """The article's word hashes (run in the workers), as base64 text (the findings cache
    keeps it as JSON): the corpus step tokenises only the articles of pairs that share a
    passage."""
    return packed_text(word_hashes(article.text))


def _word_hashes(article: Article) -> np.ndarray:
    prep = article.prepared.pop("duplicate_passage", None)  # the registry's name for this detector
    return unpacked(prep, np.uint64) if isinstance(prep, str) else word_hashes(article.text)


def _corpus_words(articles: Sequence[Article], docs: Iterable[int],
                  known: Mapping[int, np.ndarray] | None = None) -> CorpusWords:
    """CorpusWords of articles[docs] (`known`: word hashes already made): each share
    decoded to bytes and written into one buffer, then viewed as uint64 (the same values
    as _word_hashes; an array per article and their concatenation took 1.6 times the CPU:
    1.23 -> 0.78 s for 100,000 articles). One buffer that grows in place (io.BytesIO), not
    a list of the decoded shares joined at the end: that held the corpus's words twice
    (8 bytes a word: 260 MB more at 100,000 articles), and the freed list stayed in the
    process as heap no later array reused, at the forked child's peak (docs/measurements/mem6.md)."""
    buffer = io.BytesIO()
    lengths = []
    for doc in docs:
        if known is not None and doc in known:
            part = known[doc].tobytes()
        else:
            prep = articles[doc].prepared.pop("duplicate_passage", None)
            part = (binascii.a2b_base64(prep) if isinstance(prep, str)
                    else word_hashes(articles[doc].text).tobytes())
        lengths.append(len(part) // 8)
        buffer.write(part)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(lengths, np.int64, len(lengths)), out=offsets[1:])
    return CorpusWords(np.frombuffer(buffer.getbuffer(), dtype=np.uint64), offsets)


class Corpus(Sequence[Article]):
    """What duplicate.passage reads of its articles, here from the articles themselves. In
    a process of its own (passage_apart), the same is asked of the run's process instead:
    the words of every article, the texts of the few it reads (`prefetch` says which,
    before they are read), identities, names and families as arrays."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = articles

    def __len__(self) -> int:
        return len(self.articles)

    def __getitem__(self, doc: int) -> Article:  # type: ignore[override]
        return self.articles[doc]

    def prefetch(self, docs: Iterable[int]) -> None:
        """The articles about to be read (their texts and ids): here, nothing to do."""

    def words(self, docs: Iterable[int], known: Mapping[int, np.ndarray] | None = None) -> CorpusWords:
        return _corpus_words(self.articles, docs, known)

    def word_hashes(self, docs: Iterable[int]) -> dict[int, np.ndarray]:
        return {doc: _word_hashes(self.articles[doc]) for doc in docs}

    def identities(self) -> list[bytes]:
        return passage_state.identities(self.articles)

    def names(self, docs: Sequence[int] | None = None) -> np.ndarray:
        return passage_state.names(self.articles if docs is None else [self.articles[doc] for doc in docs])

    def families(self, cfg: PassageConfig) -> Sequence[Hashable]:
        return _families(self.articles, cfg)


def as_corpus(articles: Sequence[Article]) -> Corpus:
    return articles if isinstance(articles, Corpus) else Corpus(articles)


def _corpus_seeds(articles: Sequence[Article], families: Callable[[], Sequence[Hashable]],
                  cfg: PassageConfig, sink: dict[str, Any] | None = None, halves: int = 1,
                  ) -> Iterator[tuple[int, int, list[tuple[int, int]], bool]]:
    """(a, b, seeds, edited) for article pairs a < b of two families sharing min_seeds
    fingerprints; `edited` when they share max_coverage of the fingerprints of both.

    `families()` is asked for only once the fingerprints are made: that first quarter of
    the work does not need duplicate.near's clusters, which may still be on their way
    (audit.detect.workers.start_apart). With `sink`, what a rerun starts from is put in
    it (passage_state): the fingerprints by hash, their counts, the families. `halves`:
    live_candidates' (2 where a core is left idle: passage_apart's process).
    """
    words = as_corpus(articles).words(range(len(articles)))
    release_freed()  # the shares just taken: in a forked child, pages it copied to take them
    prints = Fingerprints.of(words, cfg.kgram, cfg.window)
    counts = prints.counts
    kin = families()
    by_hash: list[np.ndarray] | None = [] if sink is not None else None
    groups = seed_groups(prints, kin, cfg.max_df, by_hash)
    del prints
    live = live_candidates(words, groups, cfg, halves=halves)
    if sink is not None:
        sink.update(table=by_hash, counts=counts, families=kin, words=words, live=live)
    yield from _group_seeds(words, groups, counts, cfg, live)


def _group_seeds(words: CorpusWords, groups: SeedGroups, counts: np.ndarray, cfg: PassageConfig,
                 live: np.ndarray, wanted: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
                 settle: list[np.ndarray] | None = None) -> Iterator[tuple[int, int, list[tuple[int, int]], bool]]:
    """_corpus_seeds' pairs from the groups (`live`: the codes of the pairs with a live
    seed, or a superset: live_candidates; `wanted(a, b)`: only those pairs). `settle`
    ([codes]): those pairs are looked at too, and replaced by those of them that have a
    live seed (whatever their seeds' number: a rerun's pairs that had one before).

    Seeds are flat int32 columns (duplicate_seeds), 16 bytes a seed. A pair that is not
    edited is yielded only if one of its seeds can grow into a run of min_words
    (duplicate_seeds.live_pairs): the others would give no run in shared_runs.
    """
    # only pairs that may yield something, found per fingerprint group (duplicate_candidates);
    # their seeds are seeds_of's rows for them, so all below is as for the whole list
    asked = np.zeros(0, np.int64) if settle is None else settle[0]
    if len(asked):  # an article in no group has no seed (and pair_seeds wants it in one)
        held = np.zeros(int(max((asked >> 32).max(), (asked & 0xFFFFFFFF).max())) + 1, dtype=bool)
        member = groups.docs[groups.members]
        held[member[member < len(held)]] = True
        asked = asked[held[asked >> 32] & held[asked & 0xFFFFFFFF]]
    codes = distinct(np.concatenate([live, asked, edited_candidates(groups, counts, cfg)]))
    if wanted is not None:
        codes = codes[wanted(codes >> 32, codes & 0xFFFFFFFF)]
    doc_a, doc_b, pos_a, pos_b = pair_seeds(groups, codes)
    starts, stops = run_bounds((doc_a.astype(np.int64) << 32) | doc_b)
    if settle is not None:
        pair = (doc_a[starts].astype(np.int64) << 32) | doc_b[starts]
        mine = np.flatnonzero(in_sorted(asked, pair))
        settle[0] = pair[mine][live_pairs(words, (doc_a, doc_b, pos_a, pos_b), starts[mine], stops[mine], cfg)]
    enough = stops - starts >= cfg.min_seeds
    starts, stops = starts[enough], stops[enough]
    firsts = doc_a[starts]
    edited = stops - starts >= cfg.max_coverage * np.maximum(
        1, np.maximum(counts[firsts], counts[doc_b[starts]]))
    keep = edited.copy()
    check = np.flatnonzero(~edited)
    keep[check] = live_pairs(words, (doc_a, doc_b, pos_a, pos_b), starts[check], stops[check], cfg)
    for start, stop, is_edited in zip(starts[keep].tolist(), stops[keep].tolist(), edited[keep].tolist()):
        yield (int(doc_a[start]), int(doc_b[start]),
               list(zip(pos_a[start:stop].tolist(), pos_b[start:stop].tolist())), is_edited)


def shared_runs(a: list[str], b: list[str], seeds: list[tuple[int, int]], cfg: PassageConfig) -> list[Run]:
    """Maximal shared runs of at least min_words grown from the verified seeds."""
    runs: list[Run] = []
    for pos_a, pos_b in sorted(seeds):
        if any(sa <= pos_a < ea and sb <= pos_b < eb for sa, ea, sb, eb in runs):
            continue
        if a[pos_a : pos_a + cfg.kgram] != b[pos_b : pos_b + cfg.kgram]:
            continue  # hash collision
        run = extend_match(a, b, pos_a, pos_b, cfg.kgram)
        if other_figures(a[run[0]:run[1]], b[run[2]:run[3]]):
            # grown again stopping at a figure that differs: a paragraph copied beside a refilled
            # table is still a passage, the table no longer part of it (a review of 1b3cb50).
            # Such a run's figures all agree, so it is never other_figures' in its turn.
            run = extend_match(a, b, pos_a, pos_b, cfg.kgram, numbers_must_match=True)
        runs.append(run)
    return [r for r in runs if min(r[1] - r[0], r[3] - r[2]) >= cfg.min_words]


# A run whose words agree but whose figures do not, both ways, at least this many and one
# every this many words, is one template filled in twice (a daily gold-price list, Reuters'
# Treasury balances, a phone's spec table, an analyst-note boilerplate: every price or
# figure new), not a passage one article took from the other. An edited passage keeps
# most figures ("R$ 2.252.472" / "R$ 2.252.472,00"), or changes a few in many words (a
# 521-word story retold with six numbers updated), and is still reported.
OTHER_FIGURES_MIN = 4
WORDS_PER_OTHER_FIGURE = 30


def other_figures(a: list[str], b: list[str]) -> bool:
    """Whether two aligned runs of folded words are a template with other figures: the
    words holding a digit that each has and the other lacks (as multisets) number
    OTHER_FIGURES_MIN or more on both sides, and one or more every WORDS_PER_OTHER_FIGURE
    words of the shorter run."""
    in_a = Counter(w for w in a if any(ch.isdigit() for ch in w))
    if sum(in_a.values()) < OTHER_FIGURES_MIN:
        return False
    in_b = Counter(w for w in b if any(ch.isdigit() for ch in w))
    other = min(sum((in_a - in_b).values()), sum((in_b - in_a).values()))
    return other >= OTHER_FIGURES_MIN and other * WORDS_PER_OTHER_FIGURE >= min(len(a), len(b))


def _is_near_copy(a: np.ndarray, b: np.ndarray, cfg: PassageConfig) -> bool:
    """Whether two shingle sets (shingle_set of shingle_words) are near copies overall."""
    return jaccard(a, b) >= cfg.near_threshold


def reported_runs(runs: list[Run], words_a: int, words_b: int, cfg: PassageConfig) -> tuple[list[Run], int]:
    """The runs to report, and the words shared in all: an edited copy gets its longest run."""
    shared = sum(ea - sa for sa, ea, _, _ in runs)
    if len(runs) > 1 and shared >= cfg.max_coverage * max(1, min(words_a, words_b)):
        return [max(runs, key=lambda r: r[1] - r[0])], shared
    return runs, shared


Side = tuple[int, int, Any, "Sequence[int] | None", int, Sequence[int], int]
# one side of a shared run: first word, stop word, the other article (its position, or
# ("index", doc)), the run's character span there (None in the index), words shared in all,
# the run's character span here, the words of this article
MAX_NAMED = 20  # other articles named in a finding's data; the count says how many in all


def passage_finding(article: Article, sides: list[Side], names: Any, max_coverage: float = 0.5) -> Finding:
    """One finding for one passage of `article`, shared with one or more other articles.

    The span and `related_article_id` are those of the longest run (earliest other
    article on a tie); the others sharing an overlapping run are named in `data`, so a
    quote lifted by 40 articles is 40 findings, one in each, not 40 x 39. The words shared
    in all are said when more than this run's; "an edited copy" only when they cover
    max_coverage of the article (fresh21: two articles quoting the same two tweets, 21% of
    one, were called "an edited copy": 27 of 105 findings said it, 8 of them at 100%). One
    run that covers max_coverage of the article says so too: a short Saudi Press Agency
    story rewritten whole inside a longer one (ar_news: 127 words, 860 of its 866
    characters) read as a quote lifted, not as the edited copy it is (a read of session 40).
    """
    first, stop, partner, related_span, shared, (start, end), words = min(
        sides, key=lambda s: (s[0] - s[1], _order(s[2])))
    related_id = names(partner)
    others = sorted({names(s[2]) for s in sides} - {related_id})
    where = " (already in the index)" if isinstance(partner, tuple) else ""
    there = f" (there at characters {related_span[0]}-{related_span[1]})" if related_span else ""
    copy = ": an edited copy" if shared >= max_coverage * max(1, words) else ""
    more = (f"; {shared} words are shared in all, {shared / max(1, words):.0%} of this article{copy}"
            if shared > stop - first else "")
    if not more and stop - first >= max_coverage * max(1, words):  # one run, most of this article
        more = f"; it is {(stop - first) / max(1, words):.0%} of this article: an edited copy or an excerpt"
    also = (f"; also in {len(others)} more article{'s' if len(others) > 1 else ''}: "
            f"{', '.join(others[:3])}{', ...' if len(others) > 3 else ''}" if others else "")
    return span_finding(
        article, "duplicate.passage", start, end,
        f"Shares a {stop - first}-word passage with {related_id}{where}{there}{more}{also}.",
        related_article_id=related_id,
        data={"words": stop - first, "shared_words": max(shared, stop - first),
              "related_start": related_span[0] if related_span else None,
              "related_end": related_span[1] if related_span else None,
              "articles": 1 + len(others), "also_shared_with": others[:MAX_NAMED]},
    )


def _order(partner: Any) -> tuple[int, int]:
    return (0, partner[1]) if isinstance(partner, tuple) else (1, partner)


def passage_groups(sides: list[Side]) -> list[list[Side]]:
    """The sides of one article grouped by overlapping spans: each group is one passage."""
    groups: list[list[Side]] = []
    reach = -1
    for side in sorted(sides, key=lambda s: (s[0], -s[1])):
        if groups and side[0] < reach:
            groups[-1].append(side)
            reach = max(reach, side[1])
        else:
            groups.append([side])
            reach = side[1]
    return groups


def find_shared_passages(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """Each shared passage once in each article holding it (span in its own text).

    A heavily edited copy (sharing max_coverage of its fingerprints, yet under the near
    threshold) is reported once, in the copy, against the earlier article it shares most
    with: 60 rewrites of one wire story must not cost 60 x 60 alignments and findings.
    Each pair's outcome is kept as word positions and spans (a few ints each) until every
    pair is seen, then merged per article into findings. With `_saved` (its SavedState in
    the findings cache's folder), the outcomes are kept there, and a rerun recomputes only
    the pairs its changes can touch (passage_state); the findings are the cold run's.
    `_later` (a list): the state's writing is appended to it as a call, not done here.
    """
    cfg = PassageConfig.from_params(params)
    corpus = as_corpus(articles)
    # Pairs come sorted by their first article, the second is anywhere: a cache of 8,192
    # articles' words (about 50 MB) saves re-tokenising it (bench_run corpus of 3,000: 42 -> 17 s,
    # same findings; since duplicate_seeds only the pairs that share a passage come here).
    tokens = lru_cache(maxsize=TOKEN_CACHE_ARTICLES)(lambda doc: tokenise(corpus[doc].text))
    # an article meets many partners: its shingle set is made once, not per pair (3,000
    # bench_run articles: 41% of the time before)
    shingles = lru_cache(maxsize=TOKEN_CACHE_ARTICLES)(
        lambda doc: shingle_set(tokens(doc).words, cfg.shingle_words))
    clusters_ready = params.get("_clusters_ready")  # waits for duplicate.near's clusters
    halves = int(params.get("_halves", 1))  # processes for live_candidates and the pairs (passage_apart: 2)

    def families() -> list[Hashable]:
        if clusters_ready is not None:
            clusters_ready()
        return corpus.families(cfg)

    index = params.get("_index")
    saved = params.get("_saved") if index is None else None
    pairs: dict[tuple[int, int], Any] = {}
    edited: dict[tuple[int, int], list[Any]] = {}  # (a, b) -> [seeds held, seeds, result]
    sink: dict[str, Any] = {}
    if saved is not None:
        ids = corpus.identities()
        state = passage_state.load(saved)
        try:
            done = state is not None and _rerun(corpus, state, ids, families, cfg,
                                                (tokens, shingles), (pairs, edited), sink, saved)
        except Exception:  # a state that misleads the rerun: computed whole, never a failed run
            done = False
        if not done:
            pairs.clear()
            edited.clear()
            _outcomes(_corpus_seeds(corpus, families, cfg, sink, halves), tokens, shingles, cfg, pairs, edited,
                      corpus.prefetch, halves)
            sink["table"] = tuple(sink["table"])
            sink["families"] = passage_state.family_codes(sink["families"])
            sink["names"] = corpus.names()
            sink["store"] = passage_state.write_words(saved, sink.pop("words"))
    else:
        _outcomes(_corpus_seeds(corpus, families, cfg, halves=halves), tokens, shingles, cfg, pairs, edited,
                  corpus.prefetch, halves)
    sides = _sides(pairs, edited, tokens, shingles, cfg, corpus.prefetch)
    if index is not None:
        for doc, side in _against_index(corpus.articles, index, cfg):
            sides.setdefault(doc, []).append(side)

    def names(partner: Any) -> str:
        return index.article_id(partner[1]) if isinstance(partner, tuple) else corpus[partner].article_id

    corpus.prefetch(itertools.chain(sides, (side[2] for group in sides.values() for side in group
                                              if not isinstance(side[2], tuple))))
    as_chrome = "boilerplate.line" in params.get("_also", ("boilerplate.line",))  # the suite asks for it
    found = [template_finding(corpus, doc, group, names)
             if as_chrome and site_template(corpus, doc, group, cfg)
             else passage_finding(corpus[doc], group, names, cfg.max_coverage)
             for doc in sorted(sides) for group in passage_groups(sides[doc])
             if not site_chrome(corpus, doc, group, cfg)]
    if saved is not None:
        def write() -> None:
            table = sink["table"]  # a rerun's Table: made whole here, off the findings' path
            columns = table.whole() if isinstance(table, passage_state.Table) else table
            passage_state.save(saved, passage_state.PassageState(
                ids, sink["families"], sink["counts"], *columns, pairs, edited, sink["store"], sink["names"],
                sink["live"]))
        # passage_apart's process defers it: written once the findings are sent (the run waits for those only)
        write_state(params, write)
    yield from found


def _outcomes(yielded: Iterable[tuple[int, int, list[tuple[int, int]], bool]], tokens: Callable[[int], Tokens],
              shingles: Callable[[int], np.ndarray], cfg: PassageConfig,
              pairs: dict[tuple[int, int], Any], edited: dict[tuple[int, int], list[Any]],
              prefetch: Callable[[Iterable[int]], None] | None = None, halves: int = 1) -> None:
    """Each yielded pair's outcome: its runs (as word positions and character spans in
    both) if it shares a passage and is not a near copy; an edited pair's seeds (its runs
    are grown only if it is chosen: _sides). `prefetch` is told the articles of each
    block of PREFETCH_PAIRS pairs before they are read (Corpus.prefetch). With `halves=2`
    (passage_apart's process), the second half of a block's pairs is verified in a forked
    child (beside.in_two), its texts already fetched; the outcomes keep the pairs' order."""
    pending = iter(yielded)
    while block := list(itertools.islice(pending, PREFETCH_PAIRS)):
        if prefetch is not None:
            prefetch(doc for doc_a, doc_b, _, is_edited in block if not is_edited for doc in (doc_a, doc_b))
        if halves < 2 or len(block) < SPLIT_PAIRS:
            _block_outcomes(block, tokens, shingles, cfg, pairs, edited)
        else:
            _block_in_two(block, tokens, shingles, cfg, pairs, edited)


def _block_in_two(block: list[tuple[int, int, list[tuple[int, int]], bool]], tokens: Callable[[int], Tokens],
                  shingles: Callable[[int], np.ndarray], cfg: PassageConfig,
                  pairs: dict[tuple[int, int], Any], edited: dict[tuple[int, int], list[Any]]) -> None:
    """_block_outcomes with the second half of the pairs to verify in a forked child (in
    halves, not alternately: a pair's neighbours share its first article, tokenised once
    in one process). Their articles are fetched already: the child never asks the run's
    process. Both dicts get their entries in the block's order, as from _block_outcomes."""
    for doc_a, doc_b, seeds, is_edited in block:  # kept as they come (no work)
        if is_edited:
            edited[(doc_a, doc_b)] = [len(seeds), seeds, None]
    checked = [item for item in block if not item[3]]

    def verified(items: list[tuple[int, int, list[tuple[int, int]], bool]]) -> dict[tuple[int, int], Any]:
        found: dict[tuple[int, int], Any] = {}
        _block_outcomes(items, tokens, shingles, cfg, found, {})
        return found

    half = len(checked) // 2
    both = in_two(lambda: verified(checked[:half]), lambda: verified(checked[half:]))
    for doc_a, doc_b, _, _ in checked:
        for found in both:
            if (doc_a, doc_b) in found:
                pairs[(doc_a, doc_b)] = found[(doc_a, doc_b)]


def _block_outcomes(yielded: Iterable[tuple[int, int, list[tuple[int, int]], bool]], tokens: Callable[[int], Tokens],
                    shingles: Callable[[int], np.ndarray], cfg: PassageConfig,
                    pairs: dict[tuple[int, int], Any], edited: dict[tuple[int, int], list[Any]]) -> None:
    for doc_a, doc_b, seeds, is_edited in yielded:
        if is_edited:
            edited[(doc_a, doc_b)] = [len(seeds), seeds, None]
            continue
        a, b = tokens(doc_a), tokens(doc_b)
        runs = shared_runs(a.words, b.words, seeds, cfg)
        if not runs or _is_near_copy(shingles(doc_a), shingles(doc_b), cfg):
            continue
        runs, shared = reported_runs(runs, len(a), len(b), cfg)
        pairs[(doc_a, doc_b)] = (shared, len(a), len(b),
                                 [(sa, ea, sb, eb, a.span(sa, ea), b.span(sb, eb)) for sa, ea, sb, eb in runs])


def _sides(pairs: Mapping[tuple[int, int], Any], edited: Mapping[tuple[int, int], list[Any]],
           tokens: Callable[[int], Tokens], shingles: Callable[[int], np.ndarray],
           cfg: PassageConfig, prefetch: Callable[[Iterable[int]], None] | None = None) -> dict[int, list[Side]]:
    """Each article's sides, in the order of the pairs (then the edited copies): the order
    passage_groups and passage_finding break ties by. An edited copy takes the earlier
    article it shares most seeds with (the earliest on a tie); that pair's runs are grown
    once and kept in its record."""
    sides: dict[int, list[Side]] = {}
    for doc_a, doc_b in sorted(pairs):
        shared, len_a, len_b, runs = pairs[(doc_a, doc_b)]
        for sa, ea, sb, eb, span_a, span_b in runs:
            sides.setdefault(doc_a, []).append((sa, ea, doc_b, span_b, shared, span_a, len_a))
            sides.setdefault(doc_b, []).append((sb, eb, doc_a, span_a, shared, span_b, len_b))
    best: dict[int, tuple[int, int]] = {}  # copy -> (seeds held, earlier article)
    for doc_a, doc_b in sorted(edited):
        if edited[(doc_a, doc_b)][0] > best.get(doc_b, (0, 0))[0]:
            best[doc_b] = (edited[(doc_a, doc_b)][0], doc_a)
    if prefetch is not None:
        prefetch(doc for doc_b, (_, doc_a) in best.items() if edited[(doc_a, doc_b)][2] is None
                 for doc in (doc_a, doc_b))
    for doc_b, (_, doc_a) in sorted(best.items()):
        record = edited[(doc_a, doc_b)]
        if record[2] is None:
            record[2] = _edited_runs(doc_a, doc_b, record[1], tokens, shingles, cfg)
        if record[2]:
            shared, len_b, runs = record[2]
            for sb, eb, _, _, span_b, span_a in runs:
                sides.setdefault(doc_b, []).append((sb, eb, doc_a, span_a, shared, span_b, len_b))
    return sides


def _edited_runs(doc_a: int, doc_b: int, seeds: list[tuple[int, int]], tokens: Callable[[int], Tokens],
                 shingles: Callable[[int], np.ndarray], cfg: PassageConfig) -> list[Any]:
    """The runs an edited copy b reports against a: (shared, words of b, runs), or []."""
    a, b = tokens(doc_a), tokens(doc_b)
    runs = shared_runs(b.words, a.words, [(pb, pa) for pa, pb in seeds], cfg)
    if not runs or _is_near_copy(shingles(doc_a), shingles(doc_b), cfg):
        return []
    runs, shared = reported_runs(runs, len(b), len(a), cfg)
    return [shared, len(b), [(sb, eb, sa, ea, b.span(sb, eb), a.span(sa, ea)) for sb, eb, sa, ea in runs]]


def _rerun(articles: Sequence[Article], state: passage_state.PassageState, ids: list[bytes],
           families: Callable[[], Sequence[Hashable]], cfg: PassageConfig, caches: tuple[Any, Any],
           outcomes: tuple[dict[tuple[int, int], Any], dict[tuple[int, int], list[Any]]],
           sink: dict[str, Any], saved: Any = None) -> bool:
    """The outcomes from the state's, with the dirty pairs recomputed (passage_state);
    False, with nothing done, when the rerun is to be computed whole. The words come
    from the state's words file (`saved`: its SavedState) where it has them, else from
    the articles' shares; they are read before the families are asked for (duplicate.near
    may still be making them, in the parent). The changed articles are searched near
    their edits only where the state and the words file allow (_edit_local)."""
    articles = as_corpus(articles)
    matched = passage_state.match(state, ids)
    if matched is None or state.live is None or state.names is None:
        return False
    old_of_new, new_of_old = matched
    changed = np.flatnonzero(old_of_new < 0)
    gone = int(np.count_nonzero(new_of_old < 0))
    if len(changed) + gone > passage_state.LARGE_CHANGE * max(1, len(articles)):
        return False  # before the families: most articles' pairs would be recomputed
    words_of = articles.word_hashes(changed.tolist())
    fresh_words = CorpusWords.of(words_of[int(doc)] for doc in changed)
    fresh = Fingerprints.of(fresh_words, cfg.kgram, cfg.window)
    stored = (passage_state.read_words(saved, state.words, old_of_new, words_of)
              if saved is not None and state.words is not None else None)
    if stored is not None:
        words, store = stored
    else:  # no words file, or not the state's: decoded, and a file written for the next rerun
        words = articles.words(range(len(articles)), words_of)
        store = passage_state.write_words(saved, words) if saved is not None else None
    counts = np.zeros(len(articles), dtype=np.int64)
    counts[changed] = fresh.counts
    rows = (fresh.hashes, changed[fresh.docs], fresh.positions, counts)
    table = passage_state.Table.of(state, matched, rows, _old_prints(state, words, cfg) if stored is not None else None)
    names = state.names[np.maximum(old_of_new, 0)]  # an unchanged article's id is as before
    names[changed] = articles.names(changed.tolist())
    _read_ahead(articles, passage_state.likely_read(state, matched, names, changed), caches)
    kin = passage_state.family_codes(families())
    rerun = passage_state.plan(state, matched, kin, rows, cfg.max_df, table)
    if rerun is None:
        return False
    pairs, edited = outcomes
    kept_pairs, kept_edited = passage_state.kept_outcomes(state, rerun)
    local = (_edit_local(state, matched, names, kin, (changed, fresh, words_of), words, cfg)
             if stored is not None else passage_state.NO_LOCAL)
    key_hashes, key_docs, key_positions, marks = rerun.key_rows(local)  # sorted by hash, as the table
    groups = seed_groups_by_hash(key_hashes, key_docs, key_positions, kin, cfg.max_df, marks)
    found = live_candidates(words, groups.marked_only(), cfg, rerun.affected | rerun.flipped)
    found = found[rerun.dirty(found >> 32, found & 0xFFFFFFFF)]
    kept_live, before = passage_state.live_now(state, rerun, local)
    before = before[~np.isin(before, found)]
    settle = [before[rerun.dirty(before >> 32, before & 0xFFFFFFFF)]]  # had a live seed: has it now?
    yielded = _group_seeds(words, groups, rerun.counts, cfg, found, rerun.dirty, settle)
    fresh_pairs: dict[tuple[int, int], Any] = {}
    fresh_edited: dict[tuple[int, int], list[Any]] = {}
    _outcomes(yielded, *caches, cfg, fresh_pairs, fresh_edited, articles.prefetch)
    live = distinct(np.concatenate([found, settle[0]]))  # the dirty pairs with a live seed, exactly
    pairs.update(kept_pairs)
    pairs.update(fresh_pairs)
    edited.update(kept_edited)
    edited.update(fresh_edited)
    sink.update(table=rerun.table, counts=rerun.counts, families=kin,
                store=store, live=distinct(np.concatenate([kept_live, live])), names=names)
    return True


def _old_prints(state: passage_state.PassageState, words: CorpusWords,
                cfg: PassageConfig) -> Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]:
    """passage_state.Table's `prints`: the fingerprints (hashes, article) of some of the
    state's articles, winnowed from their words in the words file (`words.words`, mapped,
    at the state's places), as the cold run made the table's rows."""
    store = state.words
    assert store is not None

    def prints(olds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        parts = [words.words[start : start + length] for start, length in
                 zip(store.starts[olds].tolist(), store.lengths[olds].tolist())]
        made = Fingerprints.of(CorpusWords.of(parts), cfg.kgram, cfg.window)
        return made.hashes, olds[made.docs]

    return prints


READ_AHEAD = 4096  # articles at most read before the families (a rerun of 1% of 100,000: a few hundred)


def _read_ahead(articles: Corpus, docs: np.ndarray, caches: tuple[Any, Any]) -> None:
    """Tokenise `docs` (their words, word spans and shingles) while duplicate.near still
    makes the families in the run's process: passage's process waits for them there, and
    the pairs it verifies after them read these articles first (tokenising and spans were
    a third of the outcomes' time, on the rerun's path). Only caches of pure functions of
    the text are filled, so a wrong guess costs time, never another answer."""
    if not 0 < len(docs) <= READ_AHEAD:
        return
    tokens, shingles = caches
    articles.prefetch(docs.tolist())
    for doc in docs.tolist():
        tokens(doc).offsets  # noqa: B018 (the spans, made once: a cached property)
        shingles(doc)


def _edit_local(state: passage_state.PassageState, matched: tuple[np.ndarray, np.ndarray], names: np.ndarray,
                families: np.ndarray, fresh: tuple[np.ndarray, Fingerprints, Mapping[int, np.ndarray]],
                words: CorpusWords, cfg: PassageConfig) -> passage_state.Local:
    """The changed articles searched near their edits only (passage_state.versions), with
    the fingerprints near an edit of either version: the previous version's words are
    still in the words file (`words.words`, mapped), at the state's places."""
    docs, olds = passage_state.versions(state, matched, names, families)
    if not len(docs) or state.words is None:
        return passage_state.NO_LOCAL
    changed, prints, words_of = fresh
    store = state.words
    old = [words.words[start : start + length] for start, length in
           zip(store.starts[olds].tolist(), store.lengths[olds].tolist())]
    new = [words_of[doc] for doc in docs.tolist()]
    then = Fingerprints.of(CorpusWords.of(old), cfg.kgram, cfg.window)
    index = np.full(len(changed), -1, dtype=np.int64)
    index[np.searchsorted(changed, docs)] = np.arange(len(docs))
    mine = index[prints.docs] >= 0
    near = passage_state.near_edits(old, new, (then.hashes, then.docs, then.positions),
                                    (prints.hashes[mine], index[prints.docs[mine]], prints.positions[mine]), cfg)
    return passage_state.Local(docs, olds, near)


def site_chrome(articles: Sequence[Article], doc: int, group: list[Side], cfg: PassageConfig) -> bool:
    """Whether a passage is its site's chrome: carried by site_chrome_docs or more articles,
    all of the article's own publisher (a promo block in 47 articles of one site), which
    boilerplate.line reports as recurring (recur_min_docs_block); not a lifted passage."""
    partners = {side[2] for side in group}
    if len(partners) + 1 < cfg.site_chrome_docs or any(isinstance(p, tuple) for p in partners):
        return False
    return all(group_of(articles[p]) == group_of(articles[doc]) for p in partners)


def site_template(articles: Sequence[Article], doc: int, group: list[Side], cfg: PassageConfig) -> bool:
    """Whether the passage is its site's page template (audit.detect.duplicates.template)."""
    if any(isinstance(side[2], tuple) or side[3] is None for side in group):  # an index's article
        return False
    return template.is_template(articles[doc], [(articles[side[2]], side[5], side[3]) for side in group],
                                cfg.template_edge, cfg.template_slack)


def template_finding(articles: Sequence[Article], doc: int, group: list[Side], names: Any) -> Finding:
    span = (min(side[5][0] for side in group), max(side[5][1] for side in group))
    others = sorted({names(side[2]) for side in group})
    return template.template_finding(articles[doc], span, others[:MAX_NAMED], len(others))


def _against_index(articles: Sequence[Article], index: Any, cfg: PassageConfig) -> Iterator[tuple[int, Side]]:
    """Passages shared with articles of a saved index: sides in the new articles only."""
    for doc, article in enumerate(articles):
        toks = tokenise(article.text)
        hashes, positions = fingerprints(toks.words, cfg)
        for indexed, seeds in index.passage_seeds(hashes, positions, cfg.max_df).items():
            if len(seeds) < cfg.min_seeds:
                continue
            other = index.words(indexed)
            runs = shared_runs(toks.words, other, seeds, cfg)
            theirs = (index.shingles(indexed) if cfg.shingle_words == index.shingle_words
                      else shingle_set(other, cfg.shingle_words))
            if runs and not _is_near_copy(shingle_set(toks.words, cfg.shingle_words), theirs, cfg):
                runs, shared = reported_runs(runs, len(toks), len(other), cfg)
                for sa, ea, _, _ in runs:
                    yield doc, (sa, ea, ("index", indexed), None, shared, toks.span(sa, ea), len(toks))
