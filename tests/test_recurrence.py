"""recurrence.unit_recurrence: the counts a Counter of (group, key) over each article's set of
keys gives (the way boilerplate.line counted before), on keys that recur within an article,
across groups, and as 0 (no key)."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

from audit.detect.leakage.recurrence import unit_recurrence


def reference(groups: list[str], keys: list[list[int]]) -> list[int]:
    counts: Counter[tuple[str, int]] = Counter()
    for group, found in zip(groups, keys):
        counts.update((group, key) for key in set(found) - {0})
    return [counts[(group, key)] if key else 0 for group, found in zip(groups, keys) for key in found]


def test_counts_each_article_once_per_group() -> None:
    groups = ["publisher:a", "publisher:a", "publisher:b", "publisher:a"]
    keys = [[5, 5, 7, 0], [5, 9], [5, 7], []]
    got = unit_recurrence(groups, [np.array(k, dtype=np.uint64) for k in keys]).tolist()
    # key 5 twice in article 0 counts once; article 2's group is another; 0 is never counted
    assert got == [2, 2, 1, 0, 2, 1, 1, 1]
    assert got == reference(groups, keys)


def test_random_corpora_match_the_counter() -> None:
    rng = random.Random(13)
    for _ in range(200):
        n = rng.randint(0, 30)
        groups = [rng.choice(["publisher:a", "publisher:b", "folder:/x", "folder:/y"]) for _ in range(n)]
        pool = [0, 1, 2, 3, 2**63, 2**64 - 1, *[rng.getrandbits(64) for _ in range(4)]]
        keys = [[rng.choice(pool) for _ in range(rng.randint(0, 8))] for _ in range(n)]
        got = unit_recurrence(groups, [np.array(k, dtype=np.uint64) for k in keys]).tolist()
        assert got == reference(groups, keys)


def test_no_units() -> None:
    assert unit_recurrence([], []).tolist() == []
    assert unit_recurrence(["publisher:a"], [np.zeros(0, dtype=np.uint64)]).tolist() == []
