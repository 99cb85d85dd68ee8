"""MinHash LSH banding over one signature matrix: candidate pairs by sorting, not by dicts.

datasketch makes the signatures and chooses the bands (its own optimiser for a threshold),
but its `MinHashLSH` keeps a Python set per bucket and per band: at 100,000 articles
that held about 900 MB (bench_duplicates, issue 3). Here the signatures are one uint32
matrix, each band's rows are folded into one uint64 key, and articles that share a key
are found by sorting each band's column, as datatrove's MinHash deduplication does with
its sorted bucket files. Memory is 4 x num_perm + 8 x bands bytes an article. Every
candidate is still verified by exact Jaccard by the caller; collisions of band keys only
add candidates, never findings.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from audit.detect.duplicates.tokens import sorted_distinct

_PRIME = np.uint64(1099511628211)  # FNV-64 prime, mixing a band's rows into one key
MAX_BUCKET_PAIRS = 64  # in a larger bucket, each member is paired with its next 64 only


# (threshold, permutations) -> the (bands, rows) datasketch 2.0's optimiser picks, for
# duplicate.near's default (0.8 - margin 0.15) and its neighbours: importing datasketch
# for the optimiser costs 0.7-1.2 s of CPU (scipy.integrate) on every run's critical
# path. Exact float keys; tests/test_duplicate_lsh.py checks each against datasketch.
OPTIMISED_BANDS: dict[tuple[float, int], tuple[int, int]] = {
    (0.5, 128): (25, 5), (0.55, 128): (21, 6), (0.6, 128): (18, 7), (0.65, 128): (16, 8),
    (0.7, 128): (14, 9), (0.75, 128): (11, 11), (0.85, 128): (8, 16),
}


@lru_cache(maxsize=8)
def bands_for(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) that datasketch's optimiser picks for this threshold: from the table
    when it has them, else from datasketch, imported here, in the parent's cross-article
    step, not before the workers fork."""
    known = OPTIMISED_BANDS.get((threshold, num_perm))
    if known is not None:
        return known
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


@lru_cache(maxsize=4)
def _permutations(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's seeded "affine32" permutations, made as `MinHash._init_permutations`
    makes them (test_duplicate_lsh checks they are its own): odd a, any b, from
    RandomState(seed=1), without importing datasketch in every worker."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def signature(shingles: np.ndarray, num_perm: int) -> np.ndarray:
    """The datasketch MinHash values (uint32) of a shingle set: the shingles are the hashes.

    datasketch's "affine32" scheme computed on the array as it is: each value pre-mixed by
    the MurmurHash3 finalizer, then min over rows of a * h + b mod 2^32 for its seeded
    (a, b). `MinHash.update_batch` takes a Python list and calls `hashfunc` on each item,
    two thirds of its 0.8 ms an article; test_duplicate_lsh checks the values equal its own.
    """
    a, b = _permutations(num_perm)
    if len(shingles) == 0:
        return np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32)
    h = np.asarray(shingles, dtype=np.uint32)
    h = h ^ (h >> np.uint32(16))  # datasketch.minhash._fmix, width 32 (h is a copy from here on)
    h *= np.uint32(0x85EBCA6B)
    h ^= h >> np.uint32(13)
    h *= np.uint32(0xC2B2AE35)
    h ^= h >> np.uint32(16)
    values = np.multiply.outer(h, a)  # one (shingles x num_perm) matrix, added to in place
    values += b
    return values.min(axis=0)


def band_keys(signatures: np.ndarray, bands: int, rows: int) -> np.ndarray:
    """An (articles x bands) uint64 matrix: each band's `rows` values folded into one key."""
    signatures = np.asarray(signatures, dtype=np.uint64).reshape(-1, signatures.shape[-1])
    keys = np.zeros((len(signatures), bands), dtype=np.uint64)
    with np.errstate(over="ignore"):
        for band in range(bands):
            for row in range(band * rows, (band + 1) * rows):
                keys[:, band] = keys[:, band] * _PRIME + signatures[:, row]
    return keys


def candidate_pairs(keys: np.ndarray) -> np.ndarray:
    """Distinct (i, j), i < j, of rows sharing a key in any band, as an (n, 2) int64 array.

    A bucket of m rows gives m(m-1)/2 pairs; a bucket larger than MAX_BUCKET_PAIRS (a
    thousand copies of one press release) pairs each row with the next MAX_BUCKET_PAIRS
    only, which still joins the whole bucket into one chain for clustering. The buckets
    of one size are paired together, as one matrix (a loop over 5,000 buckets of a
    20,000-article corpus was 0.15 s of the parent's rerun).
    """
    found: list[np.ndarray] = []
    # each band's column made contiguous once (a column of the matrix is strided), and sorted
    # by the default (unstable) sort: the members of a bucket are sorted again (_bucket_pairs)
    # and the pairs made distinct, so the order of equal keys never shows (stable: 0.12 s of
    # a 100,000 rerun's 16 bands, this: 0.09 s)
    for column in np.ascontiguousarray(keys.T):
        order = np.argsort(column)
        ordered = column[order]
        bounds = np.flatnonzero(np.diff(ordered)) + 1
        starts = np.concatenate([[0], bounds])
        sizes = np.diff(np.concatenate([starts, [len(ordered)]]))
        for size in sorted_distinct(sizes[sizes > 1]).tolist():
            first = starts[sizes == size]
            found.append(_bucket_pairs(order[first[:, None] + np.arange(size)]))
    if not found:
        return np.zeros((0, 2), dtype=np.int64)
    pairs = np.concatenate(found)
    codes = sorted_distinct(pairs[:, 0] << 32 | pairs[:, 1])  # np.unique hashes ints: 40x slower
    return np.stack([codes >> 32, codes & 0xFFFFFFFF], axis=1)


def _bucket_pairs(members: np.ndarray) -> np.ndarray:
    """The pairs of each row of `members` (buckets of one size, one a row): each member
    with its next MAX_BUCKET_PAIRS in row order, the row sorted."""
    members = np.sort(members, axis=1)
    size = members.shape[1]
    reach = min(size - 1, MAX_BUCKET_PAIRS)
    left = np.concatenate([members[:, : size - step].ravel() for step in range(1, reach + 1)])
    right = np.concatenate([members[:, step:].ravel() for step in range(1, reach + 1)])
    return np.stack([left, right], axis=1).astype(np.int64)


def sorted_bands(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each band's keys sorted, with the rows they belong to: what `matches` searches."""
    order = np.argsort(keys, axis=0, kind="stable")
    return np.take_along_axis(keys, order, axis=0), order.astype(np.int32)


def matches(query: np.ndarray, ordered: np.ndarray, rows: np.ndarray) -> Iterable[int]:
    """Rows of a sorted band table sharing a key with `query` (one article's band keys)."""
    found: set[int] = set()
    for band, key in enumerate(np.asarray(query, dtype=np.uint64)):
        column = ordered[:, band]
        low, high = np.searchsorted(column, key, "left"), np.searchsorted(column, key, "right")
        found.update(rows[low:high, band].tolist())
    return sorted(found)
