"""duplicate_candidates: the pairs duplicate.passage makes per fingerprint group are the
pairs the whole seed list (seeds_of) yields, with the same seeds in the same order."""

from __future__ import annotations

import random

import numpy as np
import pytest
from factories import make_article
from test_duplicate_seeds import seed_sentences, sentence_corpus

from audit.detect.duplicates import candidates as duplicate_candidates
from audit.detect.duplicates import passage as duplicate_passage
from audit.detect.duplicates.passage import PassageConfig, find_shared_passages
from audit.detect.duplicates.seeds import (
    CorpusWords,
    Fingerprints,
    live_pairs,
    run_bounds,
    seed_columns,
    seed_groups,
    word_hashes,
)
from audit.detect.duplicates.tokens import tokenise


def whole_list(texts: list[str], cfg: PassageConfig,
               families: list | None = None) -> list[tuple[int, int, list[tuple[int, int]], bool]]:  # type: ignore[type-arg]
    """What _corpus_seeds yielded before: every seed of every pair (seed_columns), then
    min_seeds, the edited rule and live_pairs."""
    words = CorpusWords.of(word_hashes(t) for t in texts)
    prints = Fingerprints.of(words, cfg.kgram, cfg.window)
    families = list(range(len(texts))) if families is None else families
    doc_a, doc_b, pos_a, pos_b = columns = seed_columns(prints, families, cfg.max_df)
    starts, stops = run_bounds((doc_a.astype(np.int64) << 32) | doc_b, cfg.min_seeds)
    edited = stops - starts >= cfg.max_coverage * np.maximum(
        1, np.maximum(prints.counts[doc_a[starts]], prints.counts[doc_b[starts]]))
    keep = edited.copy()
    keep[~edited] = live_pairs(words, columns, starts[~edited], stops[~edited], cfg)
    return [(int(doc_a[s]), int(doc_b[s]), list(zip(pos_a[s:e].tolist(), pos_b[s:e].tolist())), bool(ed))
            for s, e, ed in zip(starts[keep].tolist(), stops[keep].tolist(), edited[keep].tolist())]


def by_groups(texts: list[str], cfg: PassageConfig) -> list[tuple[int, int, list[tuple[int, int]], bool]]:
    articles = [make_article(article_id=f"a{i}", text=t) for i, t in enumerate(texts)]
    return [(a, b, seeds, bool(ed)) for a, b, seeds, ed in
            duplicate_passage._corpus_seeds(articles, lambda: list(range(len(texts))), cfg)]


def edited_text(words: list[str], rng: random.Random) -> list[str]:
    """A word substituted, inserted or deleted (one or two), as RESYNC_STEPS bridge, or more."""
    words = list(words)
    for _ in range(rng.choice([1, 1, 2, 3])):
        at = rng.randrange(1, max(2, len(words) - 1))
        kind = rng.choice(["sub", "ins", "del", "del2", "ins2"])
        if kind == "sub":
            words[at] = "zq" + words[at]
        elif kind == "ins":
            words.insert(at, "meanwhile")
        elif kind == "ins2":
            words[at:at] = ["so", "reportedly"]
        elif kind == "del":
            del words[at]
        else:
            del words[at : at + 2]
    return words


def hard_corpus(seed: int) -> list[str]:
    """Sentences reused across articles (many pairs share one sentence), passages of
    30 to 70 words lifted with small edits (gaps the resync steps bridge, or not),
    copies cut short or running to the article's end, and reordered copies (edited
    pairs: most fingerprints shared, few long runs)."""
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = sentences[: rng.choice([25, 40, 80])]
    texts = [" ".join(rng.sample(pool, rng.randint(3, 10))) for _ in range(rng.randint(25, 45))]
    for _ in range(rng.randint(5, 12)):
        source = tokenise(rng.choice(texts)).words
        if len(source) < 40:
            continue
        length = rng.randint(30, min(70, len(source)))
        first = rng.randrange(0, len(source) - length + 1)
        lifted = edited_text(source[first : first + length], rng) if rng.random() < 0.8 else \
            source[first : first + length]
        before = " ".join(rng.sample(pool, rng.randint(0, 2)))
        after = " ".join(rng.sample(pool, rng.randint(0, 2)))
        texts.append(f"{before} {' '.join(lifted)} {after}".strip())
    for _ in range(rng.randint(1, 4)):
        parts = texts[rng.randrange(len(texts))].split(". ")
        rng.shuffle(parts)
        texts.append(". ".join(parts))
    return texts


def test_pairs_found_per_group_are_the_whole_lists_on_reused_sentences() -> None:
    cfg = PassageConfig()
    texts = sentence_corpus()
    expected = whole_list(texts, cfg)
    assert len(expected) >= 2  # the lifted runs, joined across a gap
    assert by_groups(texts, cfg) == expected


def test_pairs_found_per_group_are_the_whole_lists_with_edits_and_copies() -> None:
    live = edited = 0
    for seed in range(12):
        for min_words in (40, 25):
            cfg = PassageConfig(min_words=min_words)
            texts = hard_corpus(seed)
            expected = whole_list(texts, cfg)
            assert by_groups(texts, cfg) == expected, (seed, min_words)
            live += sum(not e for *_, e in expected)
            edited += sum(e for *_, e in expected)
    assert live > 50 and edited > 5  # both kinds were there to be found


def test_group_settling_makes_far_fewer_pairs_than_the_seed_list() -> None:
    """The point: on reused sentences the candidates are a small part of the pairs."""
    cfg = PassageConfig()
    texts = hard_corpus(0) + sentence_corpus() * 1
    words = CorpusWords.of(word_hashes(t) for t in texts)
    prints = Fingerprints.of(words, cfg.kgram, cfg.window)
    groups = seed_groups(prints, list(range(len(texts))), cfg.max_df)
    doc_a, doc_b, _, _ = seed_columns(prints, list(range(len(texts))), cfg.max_df)
    pairs = len(run_bounds((doc_a.astype(np.int64) << 32) | doc_b, cfg.min_seeds)[0])
    made = np.union1d(duplicate_candidates.live_candidates(words, groups, cfg),
                      duplicate_candidates.edited_candidates(groups, prints.counts, cfg))
    assert 0 < len(made) < pairs / 3


def test_pair_seeds_are_the_seed_lists_rows_for_those_pairs() -> None:
    cfg = PassageConfig()
    texts = hard_corpus(5)
    words = CorpusWords.of(word_hashes(t) for t in texts)
    prints = Fingerprints.of(words, cfg.kgram, cfg.window)
    groups = seed_groups(prints, list(range(len(texts))), cfg.max_df)
    whole = seed_columns(prints, list(range(len(texts))), cfg.max_df)
    codes = (whole[0].astype(np.int64) << 32) | whole[1]
    some = np.unique(codes)[::3]
    rows = np.isin(codes, some)
    got = duplicate_candidates.pair_seeds(groups, some)
    for column, mine in zip(whole, got):
        assert np.array_equal(column[rows], mine)


def test_findings_are_those_of_the_whole_seed_list(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts = hard_corpus(7) + hard_corpus(8)

    def findings() -> list[tuple[str, int, int, str]]:
        articles = [make_article(article_id=f"a{i}", text=t) for i, t in enumerate(texts)]
        return [(f.article_id, f.start, f.end, f.message) for f in find_shared_passages(articles, {})]

    mine = findings()
    monkeypatch.setattr(duplicate_passage, "_corpus_seeds",
                        lambda articles, families, cfg, **_: iter(whole_list([a.text for a in articles], cfg,
                                                                     list(families()))))
    assert len(mine) > 10 and findings() == mine


def test_a_later_sentence_of_the_same_articles_is_settled_when_the_gap_before_it_is_not_bridged() -> None:
    """Three articles share a 20-word sentence, then five words of their own, then a
    45-word passage, all at the same offsets: the passage's fingerprints are 'parallel'
    to the sentence's (same articles, same relative places), but the sentence's seeds
    die at the five words, so the passage's must still be grown (and are live)."""
    sentences = seed_sentences()
    first = " ".join(tokenise(sentences[0]).words[:20])
    passage = " ".join(w for s in sentences[1:6] for w in tokenise(s).words)
    passage = " ".join(passage.split()[:45])
    own = [["alpha", "bravo", "charlie", "delta", "echo"], ["foxtrot", "golf", "hotel", "india", "juliet"],
           ["kilo", "lima", "mike", "november", "oscar"]]
    tails = [" ".join(sentences[10 + 8 * i : 18 + 8 * i]) for i in range(3)]  # not edited copies
    texts = [f"{first} {' '.join(words)} {passage} {tail}" for words, tail in zip(own, tails)]
    cfg = PassageConfig()
    expected = whole_list(texts, cfg)
    assert len(expected) == 3 and not any(e for *_, e in expected)
    assert by_groups(texts, cfg) == expected



def test_live_pairs_of_key_articles_are_those_of_the_whole_search() -> None:
    """A rerun asks live_candidates only for the pairs with a key article (passage_state's
    affected and flipped ones), and it follows only the groups below the first level
    that hold one: those pairs are exactly the whole search's pairs with a key article,
    on corpora of lifted, edited and reordered passages, and the search did drop work."""
    seen = dropped = 0
    for seed in range(8):
        cfg = PassageConfig(min_words=(40, 25)[seed % 2])
        texts = hard_corpus(seed)
        words = CorpusWords.of(word_hashes(t) for t in texts)
        prints = Fingerprints.of(words, cfg.kgram, cfg.window)
        groups = seed_groups(prints, list(range(len(texts))), cfg.max_df)
        whole = duplicate_candidates.live_candidates(words, groups, cfg)
        rng = np.random.default_rng(seed)
        for share in (0.05, 0.2, 0.5):
            key = rng.random(len(texts)) < share
            got = duplicate_candidates.live_candidates(words, groups, cfg, key)
            want = whole[key[whole >> 32] | key[whole & 0xFFFFFFFF]]
            assert got.tolist() == want.tolist()
            seen += len(want)
            dropped += len(whole) - len(want)
    assert seen >= 20 and dropped >= 20


@pytest.mark.parametrize("bits", [22, 3])
def test_key_runs_are_the_same_from_the_key_rows_neighbours_alone(bits: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """_sharing with a key drops, before its sort, the entries whose key's top bits are no
    key row's (_near_key_rows): the runs it gives (rows, order, sizes) are those of the
    sort of all entries, on real groups and on random keys; with 3 bits most entries
    pass as false positives, and the runs are still the same. The filter did drop."""
    monkeypatch.setattr(duplicate_candidates, "FILTER_BITS", bits)
    real = duplicate_candidates._near_key_rows
    dropped = [0]

    def counting(keys, rows, key):  # type: ignore[no-untyped-def]
        out = real(keys, rows, key)
        dropped[0] += len(keys) - len(out[0])
        return out

    monkeypatch.setattr(duplicate_candidates, "_near_key_rows", counting)
    rng = np.random.default_rng(bits)
    for _ in range(30):
        n = int(rng.integers(2, 3000))
        keys = rng.integers(0, int(rng.integers(2, 400)), n).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)
        rows = rng.permutation(n).astype(np.int64)
        key = rng.random(n) < rng.choice([0.01, 0.05, 0.3])
        got = duplicate_candidates._sharing(keys, rows, key)
        with monkeypatch.context() as off:
            off.setattr(duplicate_candidates, "_near_key_rows", lambda k, r, m: (k, r))
            want = duplicate_candidates._sharing(keys, rows, key)
        runs = [[order[s : s + z].tolist() for s, z in zip(starts, sizes)] for order, starts, sizes in (got, want)]
        assert runs[0] == runs[1]
    assert dropped[0] > 0
    test_live_pairs_of_key_articles_are_those_of_the_whole_search()


@pytest.mark.parametrize("members", [1, 7, 60])
def test_groups_settled_a_block_at_a_time_give_the_whole_lists(members: int, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """live_candidates settles the groups a block of BLOCK_MEMBERS members at a time, and
    edited_candidates makes the pairs a block of first articles at a time (transients
    bounded by a block, issue 13): a pair's seeds then fall in several blocks, each
    settled alone. Same pairs and seeds as every seed of every pair, with and without
    key articles, on lifted, edited and reordered passages."""
    blocks = []
    real = duplicate_candidates.in_blocks
    monkeypatch.setattr(duplicate_candidates, "BLOCK_MEMBERS", members)
    monkeypatch.setattr(duplicate_candidates, "in_blocks",
                        lambda chosen, sizes, *_: blocks.append(len(r := real(chosen, sizes, members))) or r)
    for seed in range(6):
        cfg = PassageConfig(min_words=(40, 25)[seed % 2])
        texts = hard_corpus(seed)
        assert by_groups(texts, cfg) == whole_list(texts, cfg), seed
        words = CorpusWords.of(word_hashes(t) for t in texts)
        prints = Fingerprints.of(words, cfg.kgram, cfg.window)
        groups = seed_groups(prints, list(range(len(texts))), cfg.max_df)
        whole = duplicate_candidates.live_candidates(words, groups, cfg)
        key = np.random.default_rng(seed).random(len(texts)) < 0.2
        got = duplicate_candidates.live_candidates(words, groups, cfg, key)
        assert got.tolist() == whole[key[whole >> 32] | key[whole & 0xFFFFFFFF]].tolist()
    assert max(blocks) > 3  # the groups were split
