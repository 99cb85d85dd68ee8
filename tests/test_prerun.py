"""The rerun's critical path (issue 13, prerun): duplicate.passage's process sends its
findings before it writes its state, near's state is written once its clusters are sent,
and what moved earlier or changed its sort gives the same answers."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import test_rerun
from factories import make_article, passage_in_thread
from test_passage_rerun import _findings, _records, _saved

import audit
from audit.detect.duplicates import lsh, passage_apart, passage_state
from audit.detect.duplicates import passage as duplicate_passage
from audit.detect.duplicates.passage import find_shared_passages
from audit.detect.duplicates.tokens import sorted_distinct


def test_family_codes_already_in_first_appearance_order_are_kept_and_others_recoded() -> None:
    codes = passage_state.family_codes(["x", 1, "x", 3, 1])
    assert codes.tolist() == [0, 1, 0, 2, 1]
    assert passage_state.family_codes(codes) is codes  # the child's codes from the run: no pass in Python
    other = np.array([2, 0, 2, 5, 0], dtype=np.int64)  # equal families, not in that order
    assert passage_state.family_codes(other).tolist() == [0, 1, 0, 2, 1]
    assert passage_state.family_codes(np.array([1, 1], dtype=np.int64)).tolist() == [0, 0]
    assert passage_state.family_codes(np.zeros(0, dtype=np.int64)).tolist() == []


def test_a_deferred_state_is_written_only_when_its_call_runs_and_then_serves_the_rerun(tmp_path: Path) -> None:
    records = _records(3)
    articles = [make_article(text, article_id=ident, publisher=publisher) for ident, text, publisher in records]
    later: list[Any] = []
    saved = _saved(tmp_path, {})
    found = list(find_shared_passages(articles, {"_saved": saved, "_later": later}))
    assert found == _findings(records, {})
    assert len(later) == 1 and not saved.path.exists()  # nothing written with the findings
    later[0]()
    state = passage_state.load(saved)
    assert state is not None and len(state.ids) == len(records)
    edited = [(ident, text + " One more sentence at the end." if i == 2 else text, pub)
              for i, (ident, text, pub) in enumerate(records)]
    assert _findings(edited, {}, tmp_path) == _findings(edited, {})


def test_passages_process_sends_its_findings_before_it_writes_its_state(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The run has passage's findings while the state is still unwritten (on main, the
    state was written first, on the rerun's path); the run ends with it written."""
    arrived = threading.Event()
    order: list[str] = []
    real_serve, real_save = passage_apart._Served.serve, passage_state.save

    def serve(self: Any) -> None:
        real_serve(self)
        order.append("findings")
        arrived.set()

    def save(*args: Any) -> None:
        order.append("save" if arrived.wait(20) else "save before the findings")
        real_save(*args)

    monkeypatch.setattr(passage_apart._Served, "serve", serve)
    monkeypatch.setattr(passage_state, "save", save)
    monkeypatch.setattr(passage_apart.Passage, "spawn", staticmethod(passage_in_thread))
    corpus = test_rerun._write(test_rerun._records(), tmp_path / "in.jsonl")
    audit.run([corpus], out=tmp_path / "out", cache=tmp_path / "cache", on_problem=None, data_docs=False, workers=2)
    assert order == ["findings", "save"]
    assert not passage_apart.WRITING  # waited for at the run's end
    assert (tmp_path / "cache" / "cross" / "duplicate_passage.npz").is_file()


def _stable_candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """candidate_pairs as it was (each band argsorted stably): the reference."""
    found = []
    for band in range(keys.shape[1]):
        column = keys[:, band]
        order = np.argsort(column, kind="stable")
        ordered = column[order]
        starts = np.concatenate([[0], np.flatnonzero(np.diff(ordered)) + 1])
        sizes = np.diff(np.concatenate([starts, [len(ordered)]]))
        for size in sorted_distinct(sizes[sizes > 1]).tolist():
            found.append(lsh._bucket_pairs(order[starts[sizes == size][:, None] + np.arange(size)]))
    codes = sorted_distinct(np.concatenate(found)[:, 0] << 32 | np.concatenate(found)[:, 1])
    return np.stack([codes >> 32, codes & 0xFFFFFFFF], axis=1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_candidate_pairs_by_the_unstable_sort_are_the_stable_ones(seed: int) -> None:
    """Buckets of every size, some over MAX_BUCKET_PAIRS (each member with its next 64
    only: the members are sorted again, so the sort's order of equal keys never shows)."""
    rng = np.random.default_rng(seed)
    n = 3000
    keys = rng.integers(0, 2**63, size=(n, 9), dtype=np.uint64)
    copies = rng.integers(0, n, size=n // 2)
    keys[copies] = keys[rng.integers(0, 40, size=len(copies))]
    keys[rng.choice(n, 300, replace=False), 4] = 7  # one bucket of 300
    expected = _stable_candidate_pairs(keys)
    assert len(expected) > 10_000
    assert np.array_equal(lsh.candidate_pairs(keys), expected)


def test_a_rerun_reads_ahead_the_changed_articles_with_live_pairs_and_their_partners(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Before the families, the rerun tokenises the changed article whose previous version
    had a live pair, and that pair's other article (not the unrelated ones); the findings
    are a cold run's."""
    records = _records(5)
    _findings(records, {}, tmp_path)
    state = passage_state.load(_saved(tmp_path, {}))
    assert state is not None and state.live is not None and len(state.live)
    a, b = int(state.live[0] >> 32), int(state.live[0] & 0xFFFFFFFF)
    edited = list(records)
    ident, text, publisher = edited[a]
    edited[a] = (ident, text + " A sentence added at the very end of the article.", publisher)
    partners = {int(x & 0xFFFFFFFF) for x in state.live if int(x >> 32) == a} | {
        int(x >> 32) for x in state.live if int(x & 0xFFFFFFFF) == a}
    read: list[list[int]] = []
    real = duplicate_passage._read_ahead
    monkeypatch.setattr(duplicate_passage, "_read_ahead",
                        lambda articles, docs, caches: (read.append(docs.tolist()), real(articles, docs, caches)))
    monkeypatch.setattr(passage_state, "LARGE_CHANGE", 1.0)
    assert _findings(edited, {}, tmp_path) == _findings(edited, {})
    assert read == [sorted({a} | partners)] and b in partners and len(read[0]) < len(records)
