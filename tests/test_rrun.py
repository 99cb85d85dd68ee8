"""The rerun's saved states keep their texts as raw bytes (rrun, issue 13): packed_texts
takes only sha256's hex, rows_in finds what a dict of the hex strings found (a row equal
to it), a text under two dates is two keys, and the three states hold no hex strings."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

import numpy as np
import pytest
from test_crossinc import _Corpus, _run

from audit.detect.cache import FindingsCache
from audit.detect.saved_texts import hex_of, packed_texts, rows_in, words


def _shas(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [hashlib.sha256(str(rng.randrange(n // 2 + 1)).encode()).hexdigest() for _ in range(n)]


@pytest.mark.parametrize("seed", range(6))
def test_rows_in_finds_a_row_of_the_same_text_as_the_dict_did(seed: int) -> None:
    then, now = _shas(300, seed), _shas(250, seed + 100)  # repeats in both, some shared
    rows = dict(zip(then, range(len(then))))  # the dict the states built (the last row wins)
    then_texts, now_texts = packed_texts(then), packed_texts(now)
    assert then_texts is not None and now_texts is not None
    found = rows_in(words(now_texts), words(then_texts)).tolist()
    assert [row >= 0 for row in found] == [sha in rows for sha in now]
    assert [then[row] for row in found if row >= 0] == [sha for sha in now if sha in rows]
    assert hex_of(then_texts, [5, 0]) == [then[5], then[0]]


def test_rows_sharing_their_first_eight_bytes_are_told_apart() -> None:
    base = hashlib.sha256(b"x").hexdigest()
    then = [base[:16] + hashlib.sha256(str(i).encode()).hexdigest()[16:] for i in range(5)]
    now = [then[3], base[:16] + "0" * 48, then[0]]
    found = rows_in(words(packed_texts(now)), words(packed_texts(then)))  # type: ignore[arg-type]
    assert found.tolist() == [3, -1, 0]


def test_a_text_under_another_date_is_another_key() -> None:
    shas = _shas(4, 1)
    texts = packed_texts(shas)
    assert texts is not None
    then = words(texts, np.array([10, 11, -1, 12]))
    now = words(texts[[0, 0, 1, 2, 3]], np.array([10, 12, 11, -1, 13]))
    assert rows_in(now, then).tolist() == [0, -1, 1, 2, -1]


@pytest.mark.parametrize("shas", [
    ["AB" * 32],  # upper case: another string, the same bytes
    ["ab" * 31 + " a" + "b"],  # fromhex skips white space
    ["a" * 63, "b" * 65],  # the total length right, each wrong
    ["zz" * 32],
    [""],
])
def test_only_sha256s_hex_is_packed(shas: list[str]) -> None:
    assert packed_texts(shas) is None


def test_the_states_keep_their_texts_as_bytes_and_reruns_still_equal_runs_without(tmp_path: Path) -> None:
    corpus = _Corpus(random.Random(3))
    cache = FindingsCache(tmp_path / "findings.parquet")
    for _ in range(3):
        corpus.step()
        assert _run(corpus.fresh(), cache) == _run(corpus.fresh(), None)
    for name in ("duplicate_near", "duplicate_exact", "contradictions"):
        with np.load(tmp_path / "cross" / f"{name}.npz") as state:
            assert "shas" not in state.files
            assert state["texts"].dtype == np.uint8 and state["texts"].shape == (len(corpus.articles), 32)
