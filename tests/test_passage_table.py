"""passage_state.Table: a rerun's fingerprint table, asked for rows and articles' prints
instead of being merged whole, must answer what the merged table answers, whether an
article's prints come from its words (the words file) or from a pass over the table;
and the reruns that use it find what a cold run finds."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from factories import make_article
from test_passage_rerun import SETTINGS, _findings, _mutated, _records, _saved

from audit.detect.duplicates import passage as duplicate_passage
from audit.detect.duplicates import passage_state
from audit.detect.duplicates.candidates import lexsorted
from audit.detect.duplicates.passage import PassageConfig
from audit.detect.duplicates.seeds import CorpusWords, Fingerprints, word_hashes


def _table_after_edits(tmp_path: Path, seed: int) -> tuple[passage_state.Table, passage_state.Table, Any]:
    """A state from a first run, the corpus edited, and the Table of the rerun, with
    prints from the words file and without; and the rows the merged table has now."""
    rng = random.Random(300 + seed)
    params = SETTINGS[seed % len(SETTINGS)]
    records = _records(seed)
    _findings(records, params, tmp_path)
    records = _mutated(records, rng, [0])
    cfg = PassageConfig.from_params(params)
    saved = _saved(tmp_path, params)
    state = passage_state.load(saved)
    assert state is not None and state.words is not None
    articles = [make_article(text, article_id=ident, publisher=publisher) for ident, text, publisher in records]
    matched = passage_state.match(state, passage_state.identities(articles))
    assert matched is not None
    changed = np.flatnonzero(matched[0] < 0)
    assert len(changed)
    words_of = {int(doc): word_hashes(articles[doc].text) for doc in changed}
    fresh = Fingerprints.of(CorpusWords.of(words_of[int(doc)] for doc in changed), cfg.kgram, cfg.window)
    rows = (fresh.hashes, changed[fresh.docs], fresh.positions)
    stored = passage_state.read_words(saved, state.words, matched[0], words_of)
    assert stored is not None
    by_words = passage_state.Table.of(state, matched, rows, duplicate_passage._old_prints(state, stored[0], cfg))
    by_pass = passage_state.Table.of(state, matched, rows)
    # the merged table, made here the plain way: kept rows at their places now, and the fresh
    keep = matched[1][state.docs] >= 0
    expected = sorted(zip(np.concatenate([state.hashes[keep], fresh.hashes]).tolist(),
                          np.concatenate([matched[1][state.docs[keep]], changed[fresh.docs]]).tolist(),
                          np.concatenate([state.positions[keep], fresh.positions]).tolist()))
    return by_words, by_pass, expected


@pytest.mark.parametrize("seed", range(6))
def test_a_tables_answers_are_the_merged_tables(tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(passage_state, "WORDS_PER_ROWS", 0)  # any number of articles from their words
    by_words, by_pass, expected = _table_after_edits(tmp_path, seed)
    hashes, docs, positions = by_pass.whole()
    assert np.all(hashes[1:] >= hashes[:-1])
    assert sorted(zip(hashes.tolist(), docs.tolist(), positions.tolist())) == expected
    rng = np.random.default_rng(seed)
    wanted = np.unique(rng.choice(hashes, size=max(1, len(hashes) // 3)))
    wanted = np.unique(np.concatenate([wanted, np.array([1, 2**63], dtype=np.uint64)]))  # held by none
    rows = by_pass.rows(wanted)
    mine = np.isin(hashes, wanted)  # the whole table's rows of them, in its order
    for got, column in zip(rows, (hashes, docs, positions)):
        assert np.array_equal(got, column[mine])
    gone_rows = by_pass.held_then(by_pass.matched[1] < 0)[0]
    assert np.array_equal(by_pass.counts(wanted, gone_rows),
                          np.searchsorted(hashes, wanted, side="right") - np.searchsorted(hashes, wanted))
    n_now, n_then = len(by_pass.matched[0]), len(by_pass.matched[1])
    for chosen in (rng.random(n_now) < 0.3, by_pass.matched[0] < 0, np.ones(n_now, dtype=bool)):
        expected_held = sorted((h, d) for h, d, _ in expected if chosen[d])
        for table in (by_words, by_pass):
            got_hashes, got_docs = table.held(chosen)
            assert np.all(got_hashes[1:] >= got_hashes[:-1])
            assert sorted(zip(got_hashes.tolist(), got_docs.tolist())) == expected_held
    for chosen in (rng.random(n_then) < 0.3, by_pass.matched[1] < 0):
        then_words, then_pass = by_words.held_then(chosen), by_pass.held_then(chosen)
        assert np.array_equal(then_words[0], then_pass[0])
        assert sorted(zip(*(c.tolist() for c in then_words))) == sorted(zip(*(c.tolist() for c in then_pass)))
        assert len(then_pass[0]) == int(np.count_nonzero(chosen[by_pass.state.docs]))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize(("per_rows", "waste"), [(0, 1.0), (0, 0.0), (10**9, 1.0)])
def test_reruns_with_prints_from_words_or_from_the_table_find_what_a_cold_run_finds(
        tmp_path: Path, seed: int, per_rows: int, waste: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every rerun's prints from the words file (0), or every one from a pass over the
    table (10**9): the findings are the cold run's either way, and the way was taken. With
    no waste allowed, each rerun writes the words file anew: the previous version's words
    are still read from the file it mapped."""
    monkeypatch.setattr(passage_state, "WORDS_PER_ROWS", per_rows)
    monkeypatch.setattr(passage_state, "WASTE", waste)
    monkeypatch.setattr(passage_state, "LARGE_CHANGE", 1.0)
    asked: list[int] = []
    real = duplicate_passage._old_prints

    def counted(*args: Any) -> Any:
        prints = real(*args)

        def spy(olds: np.ndarray) -> Any:
            asked.append(len(olds))
            return prints(olds)
        return spy

    monkeypatch.setattr(duplicate_passage, "_old_prints", counted)
    rng = random.Random(400 + seed)
    params = SETTINGS[seed % len(SETTINGS)]
    records = _records(seed)
    _findings(records, params, tmp_path)
    fresh = [0]
    for _ in range(4):
        records = _mutated(records, rng, fresh)
        assert _findings(records, params, tmp_path) == _findings(records, params)
    assert (sum(asked) > 0) == (per_rows == 0)


def test_lexsorted_is_lexsort() -> None:
    rng = np.random.default_rng(7)
    for n, top_major, top_minor in [(0, 1, 1), (1, 5, 5), (1000, 5, 3), (5000, 10**5, 3 * 10**6),
                                    (300, 2**40, 2**30)]:  # the last does not fit: lexsort itself
        major, minor = rng.integers(0, top_major, n), rng.integers(0, top_minor, n)
        assert np.array_equal(lexsorted(minor, major), np.lexsort((minor, major)))


def test_family_codes_are_those_of_the_families() -> None:
    """passage.family_codes equals family_codes of _families: clusters anywhere, an empty
    cluster id (no cluster, as `or` reads it), none at all."""
    cfg = PassageConfig()
    rng = random.Random(3)
    for n in (0, 1, 7, 300):
        articles = [make_article(f"text {i}", article_id=f"a{i}") for i in range(n)]
        for article in articles:
            article.extra[duplicate_passage.CLUSTER_COLUMN] = rng.choice([None, None, None, "", "a3", "a5", "b"])
        expected = passage_state.family_codes(duplicate_passage._families(articles, cfg))
        assert np.array_equal(duplicate_passage.family_codes(articles, cfg), expected)
        assert n < 300 or len(set(expected.tolist())) < n  # some families of several articles


@pytest.mark.parametrize("big", [False, True])
def test_seed_groups_by_hash_keep_each_hashs_mark(big: bool) -> None:
    """The marks (one a hash) follow their rows into the groups, whether the rows are
    sorted as keys or (positions too large for one key) by lexsort."""
    from audit.detect.duplicates.seeds import seed_groups_by_hash

    rng = np.random.default_rng(11)
    rows = 2000
    hashes = np.sort(rng.integers(0, 150, rows).astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15))
    docs = rng.integers(0, 400, rows).astype(np.int32)
    positions = rng.choice(np.arange(2**30 if big else 5000), rows, replace=False).astype(np.int32)
    mark_of = {int(h): bool(rng.random() < 0.5) for h in np.unique(hashes)}
    marks = np.array([mark_of[int(h)] for h in hashes])
    groups = seed_groups_by_hash(hashes, docs, positions, np.arange(400), 50, marks)
    hash_at = {(int(d), int(p)): int(h) for h, d, p in zip(hashes, docs, positions)}
    assert groups.marked is not None and len(groups.members) > 100
    got = [(hash_at[(int(d), int(p))], bool(m)) for d, p, m in zip(groups.docs, groups.positions, groups.marked)]
    assert all(mark_of[h] == m for h, m in got)
    assert {m for _, m in got} == {True, False}
