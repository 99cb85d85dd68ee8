"""duplicate.passage on a rerun (passage_state): after any sequence of edits, additions
and removals, the findings of a run that starts from the previous run's state are those
of a cold computation, and the rerun recomputes only the pairs its changes can touch.

The corpora are real sentences reused across articles, passages lifted with small edits,
near copies (families), reordered copies (edited pairs) and a promo block one publisher's
articles carry (site chrome); a small max_df makes fingerprints cross it as articles
come and go, which moves the seeds of pairs of unchanged articles.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import test_rerun
from factories import make_article, passage_in_thread
from test_duplicate_candidates import edited_text, hard_corpus
from test_duplicate_seeds import seed_sentences

import audit
from audit.detect.cache import params_text
from audit.detect.duplicates import passage as duplicate_passage
from audit.detect.duplicates import passage_apart, passage_state
from audit.detect.duplicates.passage import find_shared_passages
from audit.detect.duplicates.tokens import tokenise
from audit.detect.saved import SavedState, saved_state
from audit.model import Finding

Record = tuple[str, str, str]  # id, text, publisher
PROMO = ("Subscribe to our morning newsletter for the day's top stories from across the region, "
         "delivered to your inbox before breakfast, with analysis from our correspondents, "
         "weekend long reads, puzzles and exclusive offers for readers who support independent "
         "local journalism every single day of the year")


def _records(seed: int) -> list[Record]:
    rng = random.Random(seed)
    texts = hard_corpus(seed)
    for _ in range(rng.randint(2, 5)):  # near copies: one word changed
        words = rng.choice(texts).split()
        words[rng.randrange(len(words))] = "reportedly"
        texts.append(" ".join(words))
    records = [(f"a{i}", text, f"P{i % 3}") for i, text in enumerate(texts)]
    for i in range(0, len(records), 3)[:6]:  # one publisher's promo block
        ident, text, publisher = records[i]
        records[i] = (ident, f"{text} {PROMO}", publisher)
    return records


def _mutated(records: list[Record], rng: random.Random, fresh: list[int]) -> list[Record]:
    """One to three edits (a sentence anywhere, the first or the last; the whole text; the
    text of another article), removals or additions (at any place; the others keep
    their order)."""
    out = list(records)
    pool = seed_sentences()[:80]
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["edit", "edit", "remove", "lift", "near", "sentences", "shuffled", "promo",
                           "first", "last", "rewrite", "copy"])
        at = rng.randrange(len(out))
        ident, text, publisher = out[at]
        fresh[0] += 1
        new_id = f"n{fresh[0]}"
        if kind == "edit":
            parts = text.split(". ")
            parts[rng.randrange(len(parts))] = rng.choice(pool).rstrip(".")
            out[at] = (ident, ". ".join(parts), publisher)
        elif kind == "remove" and len(out) > 10:
            del out[at]
        elif kind == "lift":
            words = tokenise(text).words
            if len(words) >= 45:
                length = rng.randint(40, min(70, len(words)))
                first = rng.randrange(len(words) - length + 1)
                lifted = words[first : first + length]
                lifted = edited_text(lifted, rng) if rng.random() < 0.5 else lifted
                body = f"{rng.choice(pool)} {' '.join(lifted)} {rng.choice(pool)}"
                out.insert(rng.randrange(len(out) + 1), (new_id, body, f"P{rng.randrange(3)}"))
        elif kind == "near":
            words = text.split()
            words[rng.randrange(len(words))] = "allegedly"
            out.insert(rng.randrange(len(out) + 1), (new_id, " ".join(words), publisher))
        elif kind == "sentences":
            body = " ".join(rng.sample(pool, rng.randint(3, 10)))
            out.insert(rng.randrange(len(out) + 1), (new_id, body, f"P{rng.randrange(3)}"))
        elif kind == "shuffled":
            parts = text.split(". ")
            rng.shuffle(parts)
            out.insert(rng.randrange(len(out) + 1), (new_id, ". ".join(parts), publisher))
        elif kind in ("first", "last"):  # an edit at the start or at the end
            parts = text.split(". ")
            parts[0 if kind == "first" else -1] = rng.choice(pool).rstrip(".")
            out[at] = (ident, ". ".join(parts), publisher)
        elif kind == "rewrite":  # the whole text replaced, the id kept
            out[at] = (ident, " ".join(rng.sample(pool, rng.randint(3, 10))), publisher)
        elif kind == "copy":  # the article becomes a copy of another (its family changes)
            out[at] = (ident, rng.choice(out)[1], publisher)
        elif kind == "promo":
            out[at] = (ident, f"{text} {PROMO}" if PROMO not in text else text.replace(PROMO, ""), "P0")
    return out


def _findings(records: list[Record], params: dict[str, Any], state: Path | None = None) -> list[Finding]:
    articles = [make_article(text, article_id=ident, publisher=publisher) for ident, text, publisher in records]
    extra = {"_saved": _saved(state, params)} if state is not None else {}
    return list(find_shared_passages(articles, {**params, **extra}))


def _saved(folder: Path, params: dict[str, Any]) -> SavedState:
    """The state run_detectors gives passage beside a findings cache in `folder`: its
    fingerprint holds the params, so other settings are never served this one."""
    return saved_state(folder / "findings.parquet", "duplicate_passage", f"passage {params_text(params)}")


SETTINGS = [{}, {"max_df": 3}, {"max_df": 4, "site_chrome_docs": 4}, {"min_words": 25, "max_df": 5}]


@pytest.fixture
def reruns(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each run that found a state took the rerun's way (not the cold one); the
    change limit lifted, so the small corpora's reruns are not computed whole."""
    taken: list[bool] = []
    real = duplicate_passage._rerun

    def spy(*args: Any) -> bool:
        taken.append(real(*args))
        return taken[-1]

    monkeypatch.setattr(duplicate_passage, "_rerun", spy)
    monkeypatch.setattr(passage_state, "LARGE_CHANGE", 1.0)
    return taken


@pytest.mark.parametrize("seed", range(10))
def test_a_rerun_after_random_edits_finds_what_a_cold_run_finds(tmp_path: Path, seed: int,
                                                                 reruns: list[bool]) -> None:
    rng = random.Random(100 + seed)
    params = SETTINGS[seed % len(SETTINGS)]
    records = _records(seed)
    cold = _findings(records, params)
    assert len(cold) >= 5 and _findings(records, params, tmp_path) == cold
    fresh = [0]
    for _ in range(6):
        records = _mutated(records, rng, fresh)
        assert _findings(records, params, tmp_path) == _findings(records, params)
    assert reruns == [True] * 6  # the reruns' way every time (the first run had no state)


def test_reruns_move_findings_of_unchanged_articles_and_stay_exact(tmp_path: Path, reruns: list[bool]) -> None:
    """Over many random steps the changes did move unchanged articles' findings (so the
    test can fail), and crossing max_df happened; each rerun's findings equal cold ones."""
    moved = crossed = 0
    real_plan = passage_state.plan

    def counting(*args: Any) -> Any:
        nonlocal crossed
        found = real_plan(*args)
        crossed += int(np.count_nonzero(found.flipped)) if found is not None else 0
        return found

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passage_state, "plan", counting)
        for seed in range(10, 16):
            rng = random.Random(seed)
            params = SETTINGS[seed % len(SETTINGS)]
            records = _records(seed)
            before = _findings(records, params, tmp_path / str(seed))
            fresh = [0]
            for _ in range(5):
                ids = {r[0]: r[1] for r in records}
                records = _mutated(records, rng, fresh)
                now = _findings(records, params, tmp_path / str(seed))
                assert now == _findings(records, params)
                unchanged = {r[0] for r in records if ids.get(r[0]) == r[1]}
                mine = {(f.article_id, f.start, f.end, f.message) for f in now if f.article_id in unchanged}
                moved += len(mine ^ {(f.article_id, f.start, f.end, f.message) for f in before
                                     if f.article_id in unchanged})
                before = now
    assert moved >= 5 and crossed >= 1
    assert all(reruns)


def test_a_reordered_corpus_other_settings_or_a_large_change_are_computed_whole(tmp_path: Path) -> None:
    records = _records(3)
    taken: list[bool] = []
    real = duplicate_passage._rerun

    def spy(*args: Any) -> bool:
        taken.append(real(*args))
        return taken[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(duplicate_passage, "_rerun", spy)
        _findings(records, {}, tmp_path)
        swapped = [records[1], records[0], *records[2:]]
        assert _findings(swapped, {}, tmp_path) == _findings(swapped, {})
        assert taken == [False]  # a state, but the order moved: computed whole
        # another max_df: the state is not served at all (not even looked at by _rerun)
        assert _findings(swapped, {"max_df": 3}, tmp_path) == _findings(swapped, {"max_df": 3})
        assert taken == [False]
        rng = random.Random(5)
        many = [(i, " ".join(rng.sample(seed_sentences()[:80], 5)), p) for i, _, p in swapped[: len(swapped) // 3]]
        changed = many + swapped[len(swapped) // 3 :]
        assert _findings(changed, {"max_df": 3}, tmp_path) == _findings(changed, {"max_df": 3})
        assert taken == [False, False]  # a third changed: over LARGE_CHANGE
        one = [(changed[0][0], changed[0][1] + " The end.", changed[0][2]), *changed[1:]]
        assert _findings(one, {"max_df": 3}, tmp_path) == _findings(one, {"max_df": 3})
        assert taken == [False, False, True]


def test_a_damaged_state_is_a_cold_computation(tmp_path: Path) -> None:
    records = _records(4)
    _findings(records, {}, tmp_path)
    _saved(tmp_path, {}).path.write_bytes(b"not a state")
    assert _findings(records, {}, tmp_path) == _findings(records, {})
    assert passage_state.load(SavedState(_saved(tmp_path, {}).path, "x")) is None  # another fingerprint


def test_whole_reruns_with_workers_give_the_outputs_of_cold_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline's way (passage in its own process, passage_apart; its state in the cache's
    folder): a rerun, then a second one that adds and removes articles, give the
    findings, table and report data of --no-cache runs, by the rerun's way each time."""
    log = tmp_path / "ways.txt"
    real = duplicate_passage._rerun

    def spy(*args: Any) -> bool:
        taken = real(*args)
        with log.open("a") as fh:  # the forked child's answer, where the test can read it
            fh.write(f"{taken}\n")
        return taken

    monkeypatch.setattr(duplicate_passage, "_rerun", spy)
    monkeypatch.setattr(passage_state, "LARGE_CHANGE", 1.0)
    # passage's own process as a thread of this one, where the spy is (the same requests)
    monkeypatch.setattr(passage_apart.Passage, "spawn", staticmethod(passage_in_thread))
    fast = {"on_problem": None, "data_docs": False, "workers": 2}
    first = test_rerun._records()
    second = test_rerun._rerun_records(first)
    third = [r for r in second if r["id"] not in ("art-3", "lifts")] + [
        {**first[8], "id": "again", "text": first[8]["text"] + " A late addition to the story."}]
    runs = [("first", first), ("second", second), ("third", third)]
    for name, records in runs:
        corpus = test_rerun._write(records, tmp_path / "in" / f"{name}.jsonl")
        audit.run([corpus], out=tmp_path / "warm" / name, cache=tmp_path / "cache", **fast)
        audit.run([corpus], out=tmp_path / "cold" / name, cache=None, **fast)
        assert test_rerun._outputs(tmp_path / "warm" / name) == test_rerun._outputs(tmp_path / "cold" / name)
    assert (tmp_path / "cache" / "cross" / "duplicate_passage.npz").is_file()
    assert log.read_text().split() == ["True", "True"]


def test_a_killed_writers_state_is_removed_by_the_next_save(tmp_path: Path) -> None:
    path = _saved(tmp_path, {}).path
    path.parent.mkdir(parents=True)
    dead = path.with_name(f".{path.name}.tmp-999999999-abcdef")
    dead.write_bytes(b"half a state")
    _findings(_records(1), {}, tmp_path)
    assert not dead.exists() and path.is_file()


def test_only_pairs_sharing_a_crossed_fingerprint_of_two_unaffected_articles_are_dirty(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Articles 1, 2 and 3 are unaffected and each holds a fingerprint that crossed
    max_df; 1 and 2 hold the same one, 3 another: the pair (1, 2) is dirty, (1, 3) and
    (2, 3) keep their outcomes, and a pair with the changed article 0 is always dirty.
    (Before, every pair of two such "flipped" articles was recomputed.)"""
    ids = [bytes([i]) * 16 for i in range(4)]
    monkeypatch.setattr(passage_state, "LARGE_CHANGE", 1.0)
    # the previous run: articles 0-4; hash 7 held by 0, 1, 2 and hash 9 by 0, 3, 4 (3
    # families each: over max_df 2); now 0 holds neither and 4 is gone: both cross back
    old_hashes = np.array([5, 7, 7, 7, 9, 9, 9], dtype=np.uint64)
    old_docs = np.array([3, 0, 1, 2, 0, 3, 4], dtype=np.int32)
    state = passage_state.PassageState([*ids, bytes([9]) * 16], np.arange(5), np.full(5, 2),
                                       old_hashes, old_docs, np.zeros(7, np.int32), {}, {})
    # now article 0 is changed (new identity) and holds neither 7 nor 9; article 4 is gone
    now_ids = [bytes([8]) * 16, *ids[1:]]
    matched = passage_state.match(state, now_ids)
    assert matched is not None
    fresh = (np.array([11], dtype=np.uint64), np.array([0]), np.array([0], dtype=np.int32),
             np.array([1, 0, 0, 0]))
    rerun = passage_state.plan(state, matched, np.arange(4), fresh, 2)
    assert rerun is not None
    assert rerun.flipped.tolist() == [False, True, True, True]
    a, b = np.array([1, 1, 2, 0, 0]), np.array([2, 3, 3, 1, 3])
    assert rerun.dirty(a, b).tolist() == [True, False, False, True, True]
    assert rerun.dirty(b, a).tolist() == [True, False, False, True, True]


def _decoded(records: list[Record]) -> list[np.ndarray]:
    return [duplicate_passage.word_hashes(make_article(text, article_id=ident, publisher=publisher).text)
            for ident, text, publisher in records]


def _same_words(words: Any, expected: list[np.ndarray]) -> None:
    assert len(words.offsets) == len(expected) + 1
    ends = words.end(np.arange(len(expected)))
    for doc, values in enumerate(expected):
        assert np.array_equal(words.words[words.offsets[doc] : ends[doc]], values)


@pytest.fixture
def stored(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """Whether each rerun read its words from the state's words file, each read checked
    against the words decoded from the articles themselves (by the reads' own corpus)."""
    taken: list[bool] = []
    real = passage_state.read_words

    def spy(saved: SavedState, store: Any, old_of_new: np.ndarray, fresh: Any) -> Any:
        got = real(saved, store, old_of_new, fresh)
        taken.append(got is not None)
        if got is not None:
            words, now = got
            expected = spy.expected  # type: ignore[attr-defined]
            _same_words(words, expected)
            if now is not None:  # where the next rerun will read them: the same words
                raw = np.fromfile(passage_state.words_path(saved), dtype=np.uint64)
                assert int(raw[0]) == now.token and now.used <= len(raw)
                for doc, values in enumerate(expected):
                    assert np.array_equal(raw[now.starts[doc] : now.starts[doc] + now.lengths[doc]], values)
        return got

    monkeypatch.setattr(passage_state, "read_words", spy)
    spy.expected = []  # type: ignore[attr-defined]
    return taken


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("waste", [1.0, 0.0])
def test_reruns_read_every_word_from_the_words_file(tmp_path: Path, seed: int, waste: float,
                                                     reruns: list[bool], stored: list[bool],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each rerun takes the unchanged articles' words from the state's words file (the
    changed ones appended to it), the same words the shares hold, and finds what a cold
    run finds; with no waste allowed, the file is written anew each time, as long as the
    corpus's words."""
    monkeypatch.setattr(passage_state, "WASTE", waste)
    rng = random.Random(200 + seed)
    params = SETTINGS[seed % len(SETTINGS)]
    records = _records(seed)
    _findings(records, params, tmp_path)
    fresh = [0]
    path = passage_state.words_path(_saved(tmp_path, params))
    for _ in range(5):
        records = _mutated(records, rng, fresh)
        passage_state.read_words.expected = _decoded(records)  # type: ignore[attr-defined]
        assert _findings(records, params, tmp_path) == _findings(records, params)
        if waste == 0.0:
            assert path.stat().st_size == 8 * (1 + sum(len(w) for w in _decoded(records)))
    assert stored == [True] * 5 and reruns == [True] * 5
    if waste == 1.0:
        assert path.stat().st_size > 8 * (1 + sum(len(w) for w in _decoded(records)))  # appended


def test_a_words_file_that_is_not_the_states_is_not_read(tmp_path: Path, reruns: list[bool]) -> None:
    """Another token, a file cut short, or none: the rerun decodes the shares (and finds
    what a cold run finds); what a killed rerun appended past the state's words is cut."""
    records = _records(5)
    saved = _saved(tmp_path, {})
    path = passage_state.words_path(saved)
    _findings(records, {}, tmp_path)
    rng = random.Random(9)
    fresh = [0]

    def step() -> Any:
        nonlocal records
        state = passage_state.load(saved)
        assert state is not None and state.words is not None
        records = _mutated(records, rng, fresh)
        matched = passage_state.match(state, passage_state.identities(
            [make_article(t, article_id=i, publisher=p) for i, t, p in records]))
        assert matched is not None
        words = _decoded(records)
        got = passage_state.read_words(saved, state.words, matched[0],
                                       {d: words[d] for d in np.flatnonzero(matched[0] < 0).tolist()})
        if got is not None:
            _same_words(got[0], words)
        return got

    raw = path.read_bytes()
    dead = b"\x01\x02\x03" * 3_000 + b"\x09"  # a killed rerun's words, the last one cut
    path.write_bytes(raw + dead)
    token = raw[:8]
    got = step()
    assert got is not None and got[1] is not None and got[1].token == int(np.frombuffer(token, np.uint64)[0])
    assert path.read_bytes()[: len(raw) + len(dead)] == raw + dead  # only appended to, after the dead words
    assert path.stat().st_size == 8 * got[1].used > len(raw) + len(dead)
    assert _findings(records, {}, tmp_path) == _findings(records, {})
    path.write_bytes(b"\x00" * 8 + path.read_bytes()[8:])  # another token
    assert step() is None
    assert _findings(records, {}, tmp_path) == _findings(records, {})  # and a new file is written
    path.write_bytes(path.read_bytes()[:100])  # cut short
    assert step() is None
    assert _findings(records, {}, tmp_path) == _findings(records, {})
    path.unlink()
    assert step() is None
    assert _findings(records, {}, tmp_path) == _findings(records, {})
    assert reruns == [True] * 4


def test_the_fingerprint_table_is_its_own_mapped_file_and_only_the_states_is_read(
        tmp_path: Path, reruns: list[bool]) -> None:
    """The table (hashes, docs, positions) is written beside the state, which holds only
    its token and rows; a rerun maps it, read-only, with the values a cold run sorts.
    Another token, another size, or none: computed whole, with a cold run's findings."""
    records = _records(6)
    saved = _saved(tmp_path, {})
    path = passage_state.table_path(saved)
    _findings(records, {}, tmp_path)
    with np.load(saved.path) as arrays:
        assert {"hashes", "docs", "positions"}.isdisjoint(arrays.files)
        assert "table_token" in arrays.files
    sink: dict[str, Any] = {}
    articles = [make_article(t, article_id=i, publisher=p) for i, t, p in records]
    for _ in duplicate_passage._corpus_seeds(articles, lambda: duplicate_passage._families(
            articles, duplicate_passage.PassageConfig()), duplicate_passage.PassageConfig(), sink):
        pass
    state = passage_state.load(saved)
    assert state is not None and not state.hashes.flags.writeable
    for got, expected in zip((state.hashes, state.docs, state.positions), sink["table"]):
        assert np.array_equal(got, expected)
    rng = random.Random(11)
    fresh = [0]
    records = _mutated(records, rng, fresh)
    assert _findings(records, {}, tmp_path) == _findings(records, {})
    assert reruns == [True]
    raw = path.read_bytes()
    for damaged in (b"\x00" * 8 + raw[8:], raw[:-4], None):
        if damaged is None:
            path.unlink()
        else:
            path.write_bytes(damaged)
        assert passage_state.load(saved) is None
        records = _mutated(records, rng, fresh)
        assert _findings(records, {}, tmp_path) == _findings(records, {})
        assert passage_state.load(saved) is not None  # written anew
    assert reruns == [True]  # the damaged ones: no state, computed whole


# The edit-local search (passage_state.reach, near_edits): long articles whose edits
# leave most of their fingerprints far from any edit, so only the groups near the edits
# are searched for live pairs on a rerun.


def _long_records(seed: int) -> list[Record]:
    """Articles of 12-30 real sentences (reused across articles: many pairs share one),
    some carrying a passage of 30-70 words lifted (edited or not) from another's middle,
    near copies (families) and a reordered copy."""
    rng = random.Random(seed)
    pool = seed_sentences()[:120]
    texts = [" ".join(rng.sample(pool, rng.randint(12, 30))) for _ in range(rng.randint(20, 30))]
    for _ in range(rng.randint(6, 12)):
        source = tokenise(rng.choice(texts)).words
        length = rng.randint(30, 70)
        first = rng.randrange(0, len(source) - length + 1)
        lifted = source[first : first + length]
        lifted = edited_text(lifted, rng) if rng.random() < 0.5 else lifted
        at = rng.randrange(len(texts))
        parts = texts[at].split(". ")
        parts.insert(rng.randrange(len(parts) + 1), " ".join(lifted))
        texts[at] = ". ".join(parts)
    for _ in range(2):
        words = rng.choice(texts).split()
        words[rng.randrange(len(words))] = "reportedly"
        texts.append(" ".join(words))
    parts = rng.choice(texts).split(". ")
    rng.shuffle(parts)
    texts.append(". ".join(parts))
    return [(f"a{i}", text, f"P{i % 3}") for i, text in enumerate(texts)]


def _local_edit(records: list[Record], rng: random.Random, fresh: list[int]) -> list[Record]:
    """One to three changes: most edit an article in place (a sentence replaced, put in
    or taken out, at its start, its end or anywhere; a word changed; a lifted passage
    grown by the words that follow it in its source; several of these in one article),
    some add or remove an article."""
    out = list(records)
    pool = seed_sentences()[:120]
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["replace", "replace", "insert", "delete", "word", "grow", "several",
                           "first", "last", "add", "remove"])
        at = rng.randrange(len(out))
        ident, text, publisher = out[at]
        parts = text.split(". ")
        fresh[0] += 1
        if kind in ("replace", "first", "last"):
            where = {"first": 0, "last": len(parts) - 1}.get(kind, rng.randrange(len(parts)))
            parts[where] = rng.choice(pool).rstrip(".")
        elif kind == "insert":
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(pool).rstrip("."))
        elif kind == "delete" and len(parts) > 3:
            del parts[rng.randrange(len(parts))]
        elif kind == "word":
            words = text.split()
            words[rng.randrange(len(words))] = rng.choice(["zqword", "however", "the"])
            parts = [" ".join(words)]
        elif kind == "grow":  # a shared run made longer: words of another article put after it
            source = tokenise(rng.choice(out)[1]).words
            first = rng.randrange(max(1, len(source) - 60))
            where = rng.randrange(len(parts))
            parts[where] = " ".join(source[first : first + rng.randint(5, 60)])
        elif kind == "several":
            for _ in range(rng.randint(2, 4)):
                parts[rng.randrange(len(parts))] = rng.choice(pool).rstrip(".")
        elif kind == "add":
            body = " ".join(rng.sample(pool, rng.randint(12, 30)))
            out.insert(rng.randrange(len(out) + 1), (f"n{fresh[0]}", body, f"P{rng.randrange(3)}"))
            continue
        elif kind == "remove" and len(out) > 10:
            del out[at]
            continue
        out[at] = (ident, ". ".join(parts), publisher)
    return out


@pytest.fixture
def searched(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Per rerun that took the edit-local way: (members of the groups live_candidates
    searched, members of all the key groups made)."""
    sizes: list[tuple[int, int]] = []
    real = duplicate_passage.live_candidates

    def spy(words: Any, groups: Any, cfg: Any, key: Any = None, **rest: Any) -> Any:
        if key is not None:
            sizes.append((len(groups.members), spy.made))  # type: ignore[attr-defined]
        return real(words, groups, cfg, key, **rest)

    made = duplicate_passage.seed_groups_by_hash

    def counting(*args: Any) -> Any:
        groups = made(*args)
        spy.made = len(groups.members)  # type: ignore[attr-defined]
        return groups

    monkeypatch.setattr(duplicate_passage, "live_candidates", spy)
    monkeypatch.setattr(duplicate_passage, "seed_groups_by_hash", counting)
    return sizes


@pytest.mark.parametrize("seed", range(8))
def test_edit_local_reruns_find_what_a_cold_run_finds(tmp_path: Path, seed: int, reruns: list[bool],
                                                     searched: list[tuple[int, int]]) -> None:
    """Long articles edited at their start, end or anywhere, several times, grown passages,
    additions and removals: each rerun's findings are a cold computation's, and the
    reruns searched only part of the groups they made."""
    rng = random.Random(300 + seed)
    params = SETTINGS[seed % len(SETTINGS)]
    records = _long_records(seed)
    assert len(_findings(records, params, tmp_path)) >= 5
    fresh = [0]
    for _ in range(8):
        records = _local_edit(records, rng, fresh)
        assert _findings(records, params, tmp_path) == _findings(records, params)
    assert reruns == [True] * 8
    assert sum(mine for mine, _ in searched) < sum(made for _, made in searched)


def test_a_rerun_searches_only_the_groups_near_an_edit(tmp_path: Path, reruns: list[bool],
                                                      searched: list[tuple[int, int]]) -> None:
    """One sentence replaced at the start of a long article: the rerun searches the groups
    of the fingerprints near it, not all those of the article (before: all), and finds
    what a cold run finds, the article's far passage included."""
    records = _long_records(1)
    lifted = tokenise(records[3][1]).words[-60:]  # a far passage, at the end of a long article
    records[0] = (records[0][0], f"{records[0][1]} {' '.join(lifted)}", records[0][2])
    _findings(records, {}, tmp_path)
    parts = records[0][1].split(". ")
    parts[0] = "This sentence was changed after the first audit"
    records[0] = (records[0][0], ". ".join(parts), records[0][2])
    now = _findings(records, {}, tmp_path)
    assert now == _findings(records, {})
    assert any(f.article_id == "a0" and f.related_article_id == "a3" for f in now)
    assert reruns == [True] and len(searched) == 1
    mine, made = searched[0]
    assert mine < 0.5 * made


def test_a_run_grown_into_an_edit_over_gaps_is_found_from_its_far_seed(tmp_path: Path, reruns: list[bool],
                                                                      searched: list[tuple[int, int]]) -> None:
    """An article shares 28 words with another, then 11 more with every fourth word
    changed (no shared fingerprint there: each 8 words hold a change; the gaps are
    bridged), 39 words in all: no passage. The edit, right after, carries the gapped copy
    on for 25 words: a 64-word passage, whose only seeds are 26 words and more before the
    edit (reach() is why they are searched: their growth reads that far)."""
    pool = seed_sentences()
    source = tokenise(" ".join(pool[20:35])).words
    lead, tail = " ".join(pool[60:66]), " ".join(pool[70:76])

    def gapped(words: list[str]) -> str:
        return " ".join(f"zq{w}" if i % 4 == 3 else w for i, w in enumerate(words))

    def article(gapped_words: int) -> str:
        return f"{lead} {' '.join(source[60:88])} {gapped(source[88 : 88 + gapped_words])} {tail}"

    records: list[Record] = [("a0", article(11), "P0"), ("a1", " ".join(source), "P1"),
                             *[(f"b{i}", " ".join(pool[80 + 9 * i : 89 + 9 * i]), "P2") for i in range(6)]]
    assert _findings(records, {}, tmp_path) == []
    records[0] = ("a0", article(36), "P0")
    now = _findings(records, {}, tmp_path)
    assert now == _findings(records, {})
    assert {(f.article_id, f.related_article_id) for f in now} == {("a0", "a1"), ("a1", "a0")}
    assert reruns == [True] and len(searched) == 1


def _passage_records() -> tuple[list[str], str, str]:
    """Long filler articles of their own sentences, and a 60-word passage to share."""
    pool = seed_sentences()
    fillers = [" ".join(pool[80 + 9 * i : 89 + 9 * i]) for i, _ in enumerate(range(6))]
    passage = " ".join(tokenise(" ".join(pool[20:35])).words[40:100])
    return fillers, passage, " ".join(pool[60:72])


def test_a_passage_whose_fingerprints_cross_back_under_max_df_is_found_far_from_the_edit(
        tmp_path: Path, reruns: list[bool]) -> None:
    """max_df 2: a0, a1 and a2 hold a passage, so none of its fingerprints seeds a pair.
    a2 goes, and a0 is edited at its end, far from the passage: the passage's
    fingerprints cross back under max_df (searched though far from the edit), and a0
    and a1 share it now."""
    fillers, passage, other = _passage_records()
    params = {"max_df": 2}
    records: list[Record] = [("a0", f"{passage} {fillers[0]} {fillers[1]}", "P0"),
                             ("a1", f"{fillers[2]} {passage}", "P1"), ("a2", f"{passage} {fillers[3]}", "P2"),
                             *[(f"b{i}", text, "P2") for i, text in enumerate(fillers[4:])]]
    assert _findings(records, params, tmp_path) == []
    records = [("a0", f"{passage} {fillers[0]} {other}", "P0"), records[1], *records[3:]]
    now = _findings(records, params, tmp_path)
    assert now == _findings(records, params)
    assert {(f.article_id, f.related_article_id) for f in now} == {("a0", "a1"), ("a1", "a0")}
    assert reruns == [True]


def test_an_article_that_was_a_near_copy_is_searched_whole(tmp_path: Path, reruns: list[bool]) -> None:
    """a0 and a1 were near copies (one family: a0, the first, seeded its pairs); a0 goes
    and a1 is edited at its end, far from the passage it shares with a2: a1 is alone in
    its family now, but was not before, so its passage's groups are searched (its
    previous version had no pair with a2 to keep)."""
    fillers, passage, other = _passage_records()
    text = f"{passage} {fillers[0]} {fillers[1]}"
    records: list[Record] = [("a0", text, "P0"), ("a1", text.replace(" the ", " a ", 1), "P1"),
                             ("a2", f"{fillers[2]} {passage}", "P2"),
                             *[(f"b{i}", filler, "P2") for i, filler in enumerate(fillers[3:])]]
    before = _findings(records, {}, tmp_path)
    assert {(f.article_id, f.related_article_id) for f in before} == {("a0", "a2"), ("a2", "a0")}
    records = [("a1", f"{records[1][1]} {other}", "P1"), *records[2:]]
    now = _findings(records, {}, tmp_path)
    assert now == _findings(records, {})
    assert {(f.article_id, f.related_article_id) for f in now} == {("a1", "a2"), ("a2", "a1")}
    assert reruns == [True]
