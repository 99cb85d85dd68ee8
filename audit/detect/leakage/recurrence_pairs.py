"""boilerplate.line's recurrence counts kept as a table of (group, line key) pairs, in arrays.

A rerun's saved state (boilerplate_saved) kept every unit's key and count (1.7 million
units at 100,000 articles) and found the last count of a changed article's (group, key)
by searching all units for its key: a common line's key is held in hundreds of groups, so
a thousand changed articles gave 500,000 hits to sort (0.24 s of the parent's CPU). Here
each (group, key) is one row, with how many articles of the group hold the key, and a unit
holds its pair's row: a changed article's pairs are found by a binary search each, the
holders of a pair whose count moved by one pass over the units' rows.

The rows are sorted by a 64-bit mix of group and key (`mixed`): the keys are hashes, so the
mix is even too; two pairs of one mix (one in 10^19 for a pair) are told apart by group
and key, which every look-up checks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

_MIX = np.uint64(0x9E3779B97F4A7C15)  # spreads a group's number over the 64 bits


@dataclass
class Pairs:
    """The (group, key) pairs of a run, each once, sorted by `mixed`; `count`: how many
    articles of the group hold the key."""

    mix: np.ndarray  # uint64, ascending
    gid: np.ndarray  # int64, the group's number
    key: np.ndarray  # uint64, never 0 (a unit with no key is never counted)
    count: np.ndarray  # int64


def mixed(gid: np.ndarray, key: np.ndarray) -> np.ndarray:
    """The pairs' sort key: the line key with the group's number mixed in."""
    with np.errstate(over="ignore"):
        return key.astype(np.uint64) ^ ((gid.astype(np.uint64) + np.uint64(1)) * _MIX)


def pairs_of(gid: np.ndarray, key: np.ndarray, count: np.ndarray) -> tuple[Pairs, np.ndarray]:
    """The table of the units' (group, key) pairs (`count`: each unit's recurrence count,
    the same for the units of one pair), and each unit's row in it (-1: key 0)."""
    rows = np.full(len(key), -1, dtype=np.int64)
    held = np.flatnonzero(key != 0)
    g, k = gid[held].astype(np.int64), key[held].astype(np.uint64)
    m = mixed(g, k)
    order = np.lexsort((k, g, m))
    first = np.ones(len(order), dtype=bool)
    sm, sg, sk = m[order], g[order], k[order]
    first[1:] = (sm[1:] != sm[:-1]) | (sg[1:] != sg[:-1]) | (sk[1:] != sk[:-1])
    rows[held[order]] = np.cumsum(first) - 1
    ones = order[first]
    return Pairs(m[ones], g[ones], k[ones], count[held][ones].astype(np.int64)), rows


def rows_of(pairs: Pairs, gid: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Each (gid, key)'s row in `pairs`, else -1 (and -1 for key 0)."""
    found = np.full(len(key), -1, dtype=np.int64)
    if not len(key) or not len(pairs.mix):
        return found
    gid, key = gid.astype(np.int64), key.astype(np.uint64)
    m = mixed(gid, key)
    low = np.searchsorted(pairs.mix, m, "left")
    at = np.minimum(low, len(pairs.mix) - 1)
    hit = (pairs.mix[at] == m) & (key != 0)
    same = hit & (pairs.gid[at] == gid) & (pairs.key[at] == key)
    found[same] = at[same]
    for i in np.flatnonzero(hit & ~same).tolist():  # another pair of the same mix first
        high = int(np.searchsorted(pairs.mix, m[i], "right"))
        for row in range(int(low[i]), high):
            if pairs.gid[row] == gid[i] and pairs.key[row] == key[i]:
                found[i] = row
                break
    return found


_SPARSE = 8  # pairs no article holds are dropped once they are an eighth of the table


def merged(pairs: Pairs, count: np.ndarray, gid: np.ndarray, key: np.ndarray,
           new_count: np.ndarray) -> tuple[Pairs, np.ndarray | None]:
    """`pairs` with their counts now `count`, and the new pairs (gid, key, new_count; none
    of them in `pairs`, each once) placed in order. A pair no article holds any more stays,
    counted 0 (its row in the units of the kept articles stays too), until such pairs are
    an eighth of the table. Also each old row's row in the result (-1: dropped), None when
    every old row keeps its place (nothing new, nothing dropped: the common rerun's)."""
    zero = int(np.count_nonzero(count == 0))
    if not len(key) and zero * _SPARSE <= len(count):
        return Pairs(pairs.mix, pairs.gid, pairs.key, count), None
    m = mixed(gid, key)
    order = np.lexsort((key, gid, m))
    at = np.searchsorted(pairs.mix, m[order], "right")  # after old pairs of the same mix
    size = len(pairs.mix) + len(order)
    old_place = np.arange(len(pairs.mix)) + np.cumsum(np.bincount(at, minlength=len(pairs.mix) + 1))[:-1]
    new_place = at + np.arange(len(order))
    joined = Pairs(np.empty(size, np.uint64), np.empty(size, np.int64), np.empty(size, np.uint64),
                   np.empty(size, np.int64))
    for name, old, new in (("mix", pairs.mix, m[order]), ("gid", pairs.gid, gid[order]),
                           ("key", pairs.key, key[order]), ("count", count, new_count[order])):
        column = getattr(joined, name)
        column[old_place], column[new_place] = old, new
    if zero * _SPARSE <= len(count):
        return joined, old_place
    kept = joined.count > 0
    final = np.where(kept, np.cumsum(kept) - 1, -1)
    return Pairs(joined.mix[kept], joined.gid[kept], joined.key[kept], joined.count[kept]), final[old_place]
