"""duplicate_lsh: banding by sorting proposes the same candidates as datasketch's MinHashLSH."""

from __future__ import annotations

import random

import numpy as np
import realtext
from datasketch import MinHash, MinHashLSH

from audit.detect.duplicates import lsh as duplicate_lsh
from audit.detect.duplicates.lsh import (
    band_keys,
    bands_for,
    candidate_pairs,
    matches,
    signature,
    sorted_bands,
)


def _sets(seed: int = 3) -> list[np.ndarray]:
    """Shingle sets in families: a base set and copies with a share of it replaced."""
    rng = random.Random(seed)
    out = []
    for _ in range(12):
        base = rng.sample(range(1, 2**31), 300)
        out.append(np.unique(np.array(base, dtype=np.uint32)))
        for changed in (10, 60, 150, 280):
            copy = base[changed:] + rng.sample(range(1, 2**31), changed)
            out.append(np.unique(np.array(copy, dtype=np.uint32)))
    return out


def test_the_bands_table_is_what_datasketch_picks() -> None:
    from audit.detect.duplicates.near import NearConfig

    default = NearConfig()
    assert (max(0.1, default.threshold - default.lsh_margin), default.num_perm) in duplicate_lsh.OPTIMISED_BANDS
    for (threshold, num_perm), table in duplicate_lsh.OPTIMISED_BANDS.items():
        lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        assert table == (lsh.b, lsh.r), threshold
    bands_for.cache_clear()
    lsh = MinHashLSH(threshold=0.62, num_perm=128)  # not in the table: datasketch decides
    assert bands_for(0.62, 128) == (lsh.b, lsh.r)


def test_candidates_equal_datasketch_lsh_queries() -> None:
    sets = _sets()
    bands, rows = bands_for(0.65, 128)
    signatures = np.stack([signature(s, 128) for s in sets])
    ours = {tuple(p) for p in candidate_pairs(band_keys(signatures, bands, rows)).tolist()}
    lsh = MinHashLSH(threshold=0.65, num_perm=128)
    for doc, values in enumerate(signatures):
        lsh.insert(doc, MinHash(num_perm=128, hashvalues=values, scheme="affine32"))
    theirs = {(min(doc, other), max(doc, other))
              for doc, values in enumerate(signatures)
              for other in lsh.query(MinHash(num_perm=128, hashvalues=values, scheme="affine32"))
              if other != doc}
    assert ours == theirs
    assert (0, 1) in ours and (0, 4) not in ours  # 10 of 300 changed: a candidate; 280: not


def test_matches_finds_what_candidate_pairs_pairs() -> None:
    sets = _sets(5)
    bands, rows = bands_for(0.65, 128)
    keys = band_keys(np.stack([signature(s, 128) for s in sets]), bands, rows)
    table = sorted_bands(keys[1:])
    pairs = {tuple(p) for p in candidate_pairs(keys).tolist()}
    assert [row + 1 for row in matches(keys[0], *table)] == sorted(j for i, j in pairs if i == 0)


def test_a_huge_bucket_is_chained_not_squared(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(duplicate_lsh, "MAX_BUCKET_PAIRS", 3)
    keys = np.zeros((10, 2), dtype=np.uint64)  # ten rows in one bucket in both bands
    pairs = candidate_pairs(keys).tolist()
    assert len(pairs) == 9 + 8 + 7  # each row with its next three, not 45
    assert all(0 < j - i <= 3 for i, j in pairs)


def test_no_rows_no_pairs() -> None:
    assert candidate_pairs(np.zeros((0, 16), dtype=np.uint64)).shape == (0, 2)
    assert candidate_pairs(np.arange(32, dtype=np.uint64).reshape(2, 16)).shape == (0, 2)


def test_signature_equals_datasketch_minhash_of_the_same_values() -> None:
    rng = random.Random(5)
    sets = [*_sets(), np.zeros(0, np.uint32), np.array([0, 2**32 - 1], np.uint32),
            np.unique(np.array(rng.sample(range(2**32), 2000), dtype=np.uint64).astype(np.uint32))]
    for values in sets:
        theirs = MinHash(num_perm=128, seed=1, hashfunc=int, scheme="affine32")
        theirs.update_batch(values.tolist())
        ours = signature(values, 128)
        assert ours.dtype == np.uint32
        assert np.array_equal(ours, np.asarray(theirs.hashvalues, dtype=np.uint32))


def test_permutations_are_datasketchs_own() -> None:
    for num_perm in (16, 128, 256):
        a, b = duplicate_lsh._permutations(num_perm)
        theirs = MinHash(num_perm=num_perm, seed=1, scheme="affine32").permutations
        assert a.dtype == b.dtype == np.uint32
        assert np.array_equal(a, theirs[0]) and np.array_equal(b, theirs[1])


def _real_texts() -> list[str]:
    """The seeds, and c2000's real articles where this machine has them."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "seeds").glob("*.txt"))]
    if realtext.GOLD.is_file():
        import json

        texts += [json.loads(line)["text"] for line in realtext.records(400)]
    return texts


def test_shingles_and_signature_equal_the_numpy_forms_they_replace() -> None:
    """sorted_distinct is np.unique; the in-place signature is the broadcast one."""
    from audit.detect.duplicates.tokens import (
        kgrams_of,
        shingles_of_hashes,
        sorted_distinct,
        text_word_hashes,
    )

    draw = np.random.default_rng(3)
    for values in ([], [5], [5, 5], [7, 3, 7, 0, 2**32 - 1, 3], draw.integers(0, 50, 300)):
        array = np.array(values, dtype=np.uint32)
        got = sorted_distinct(array.copy())
        assert got.dtype == np.uint32 and np.array_equal(got, np.unique(array))
    a, b = duplicate_lsh._permutations(128)
    for text in _real_texts():
        hashes = text_word_hashes(text)
        shingles = shingles_of_hashes(hashes, 3)
        assert np.array_equal(shingles, np.unique((kgrams_of(hashes, 3) & np.uint64(0xFFFFFFFF))
                                                  .astype(np.uint32)))
        h = shingles.astype(np.uint32)
        for shift, factor in ((16, 0x85EBCA6B), (13, 0xC2B2AE35)):
            h = (h ^ (h >> np.uint32(shift))) * np.uint32(factor)
        h = h ^ (h >> np.uint32(16))
        expected = (h[:, None] * a + b).min(axis=0) if len(h) else np.full(128, 2**32 - 1, np.uint32)
        assert np.array_equal(signature(shingles, 128), expected)
