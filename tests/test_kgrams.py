"""kgrams_of builds widths by doubling: it must give the word-by-word polynomial's values
(the k-gram hashes seed duplicate.repeated, .near and .passage; any change moves findings)."""

import numpy as np
import pytest

from audit.detect.duplicates.tokens import _PRIME, kgrams_of


def _word_by_word(base: np.ndarray, k: int) -> np.ndarray:
    """The former kgrams_of: one multiply-add a word of the gram."""
    if len(base) < k:
        return np.zeros(0, dtype=np.uint64)
    count = len(base) - k + 1
    acc = np.zeros(count, dtype=np.uint64)
    for offset in range(k):
        acc = acc * _PRIME + base[offset : offset + count]
    return acc


@pytest.mark.parametrize("k", [1, 2, 3, 5, 6, 7, 8, 9, 13, 20, 33])
def test_same_values_as_word_by_word(k: int) -> None:
    rng = np.random.default_rng(k)
    for length in (0, k - 1, k, k + 1, 57, 600):
        base = rng.integers(0, 2**64, size=max(length, 0), dtype=np.uint64)
        base.flags.writeable = False  # text_word_hashes hands out read-only arrays
        got = kgrams_of(base, k)
        assert got.dtype == np.uint64
        assert np.array_equal(got, _word_by_word(base, k))
        assert got.flags.writeable
