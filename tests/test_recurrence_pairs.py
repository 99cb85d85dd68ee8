"""boilerplate.line's saved counts (recurrence_pairs) and its rerun's matching of articles
(boilerplate_saved.matched): the table's rows are those a Counter of (group, key) gives,
look-ups find each pair even when two pairs share their mix, and articles of one identity
are each matched to a row of their own."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from audit.detect.leakage import recurrence_pairs as rp
from audit.detect.leakage.boilerplate_saved import matched


def _units(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """n units of a few groups, keys drawn from a small pool (many pairs held several
    times), some 0; their counts as unit_recurrence would give them for one article each."""
    gid = rng.integers(0, 5, n)
    key = rng.choice(np.array([0, *rng.integers(1, 2**63, 40, dtype=np.uint64)], dtype=np.uint64), n)
    held = Counter(zip(gid.tolist(), key.tolist()))
    count = np.array([held[(g, k)] if k else 0 for g, k in zip(gid.tolist(), key.tolist())], dtype=np.int64)
    return gid, key, count


def _colliding(pairs: rp.Pairs, gid: int) -> int:
    """A key that, in group `gid`, has the mix of the table's first pair."""
    with np.errstate(over="ignore"):
        return int(pairs.mix[0] ^ ((np.uint64(gid) + np.uint64(1)) * rp._MIX))


@pytest.mark.parametrize("seed", range(5))
def test_the_table_holds_each_pair_once_with_its_count(seed: int) -> None:
    rng = np.random.default_rng(seed)
    gid, key, count = _units(rng, 300)
    pairs, rows = rp.pairs_of(gid, key, count)
    assert (np.diff(pairs.mix.astype(np.float64)) >= 0).all()
    assert len(set(zip(pairs.gid.tolist(), pairs.key.tolist()))) == len(pairs.key) == len(
        {(g, k) for g, k in zip(gid.tolist(), key.tolist()) if k})
    assert (rows[key == 0] == -1).all()
    held = rows[key != 0]
    assert pairs.gid[held].tolist() == gid[key != 0].tolist() and pairs.key[held].tolist() == key[key != 0].tolist()
    assert pairs.count[held].tolist() == count[key != 0].tolist()
    assert rp.rows_of(pairs, gid, key).tolist() == rows.tolist()


def test_pairs_of_one_mix_are_told_apart() -> None:
    """Two pairs of one mix (drawn on purpose: one in 10^19 by chance) are two rows, and
    each look-up finds its own."""
    gid, key, count = _units(np.random.default_rng(9), 50)
    pairs, _ = rp.pairs_of(gid, key, count)
    twin = _colliding(pairs, 7)
    gid2 = np.concatenate([gid, [7, 7]])
    key2 = np.concatenate([key, np.array([twin, twin], dtype=np.uint64)])
    count2 = np.concatenate([count, [2, 2]])
    both, rows = rp.pairs_of(gid2, key2, count2)
    assert len(both.mix) == len(pairs.mix) + 1
    assert np.count_nonzero(both.mix == pairs.mix[0]) == 2
    found = rp.rows_of(both, gid2, key2)
    assert found.tolist() == rows.tolist()
    assert both.gid[found[-1]] == 7 and both.key[found[-1]] == twin
    assert rp.rows_of(both, np.array([8]), np.array([twin], dtype=np.uint64)).tolist() == [-1]


@pytest.mark.parametrize("seed", range(5))
def test_merged_equals_a_table_made_again(seed: int) -> None:
    """Counts moved, some to 0, and new pairs (one sharing a mix with an old one): the
    merged table holds what pairs_of gives for the same counts, and every old row moved to
    the row of its pair."""
    rng = np.random.default_rng(seed)
    gid, key, count = _units(rng, 400)
    pairs, _ = rp.pairs_of(gid, key, count)
    now = pairs.count + rng.integers(-3, 3, len(pairs.count))
    now = np.where(rng.random(len(now)) < 0.2 * (seed % 2), 0, np.maximum(now, 0))
    new_gid = np.array([9, 9, 3, 6], dtype=np.int64)
    new_key = np.array([11, 12, 13, _colliding(pairs, 6)], dtype=np.uint64)
    new_count = np.array([1, 2, 1, 4], dtype=np.int64)
    out, old_row = rp.merged(pairs, now, new_gid, new_key, new_count)
    rows = np.arange(len(pairs.mix)) if old_row is None else old_row
    want = {(g, k): c for g, k, c in zip([*pairs.gid.tolist(), *new_gid.tolist()],
                                         [*pairs.key.tolist(), *new_key.tolist()], [*now.tolist(), *new_count.tolist()])}
    got = dict(zip(zip(out.gid.tolist(), out.key.tolist()), out.count.tolist()))
    assert {p: c for p, c in got.items() if c} == {p: c for p, c in want.items() if c}
    assert (np.diff(out.mix.astype(np.float64)) >= 0).all()
    kept = rows >= 0
    assert (out.key[rows[kept]] == pairs.key[kept]).all() and (out.gid[rows[kept]] == pairs.gid[kept]).all()
    assert (now[~kept] == 0).all()
    assert rp.rows_of(out, new_gid, new_key).tolist() == [
        int(np.flatnonzero((out.gid == g) & (out.key == k))[0]) for g, k in zip(new_gid.tolist(), new_key.tolist())]


def test_articles_of_one_identity_each_take_a_row() -> None:
    """Three articles of one identity last run, two now: each now matched to its own row;
    the others to their own identity's row (one sharing the first word), or -1."""
    a, b, c, d = [[1, 2]], [[3, 4]], [[5, 6]], [[1, 9]]
    then = np.array(a + d + a * 2 + b, dtype=np.uint64)
    now = np.array(b + a + c + a + d, dtype=np.uint64)
    rows = matched(now, then).tolist()
    assert rows[0] == 4 and rows[2] == -1 and rows[4] == 1
    assert rows[1] in (0, 2, 3) and rows[3] in (0, 2, 3) and rows[1] != rows[3]
