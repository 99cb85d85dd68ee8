"""Shared ground for the duplicate checks: folded word tokens, shingle hashes, alignment.

All four duplicate checks (and the saved index) must agree on what counts as "the same
words", so the tokeniser lives here once. A token is a run of letters/digits; its
folded form ignores case, Unicode compatibility forms, accents and doubled letters, so
quote style, punctuation and small spelling variants ("Zelensky's" / "Zelenskyy's",
"travelled" / "traveled") do not break a match. Hashes are stable across processes
(blake2b, not Python's salted `hash`) because the index stores them on disk.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from itertools import chain
from operator import itemgetter
from typing import Any, TypeVar

import numpy as np

from audit.detect.memo import WordMemo
from audit.normalise.words import word_spans, words_of

_DOUBLED = re.compile(r"(.)\1+")  # seed 003 "Zelenskyy" vs seed 000 "Zelensky"
_PRIME = np.uint64(1099511628211)  # FNV-64 prime: mixes token hashes into k-gram hashes
# Resynchronisation steps tried at a mismatch (skip in a, skip in b): one or two
# substituted, inserted or deleted words, as small edits and spelling variants make.
RESYNC_STEPS = ((1, 1), (1, 0), (0, 1), (2, 2), (2, 1), (1, 2), (2, 0), (0, 2))
Config = TypeVar("Config")
RESYNC_CONFIRM = 3  # words that must match after a skipped gap for the run to go on


def config_from_params(cls: type[Config], params: Mapping[str, Any]) -> Config:
    """A config dataclass from the suite's params: only its own fields, cast to their types."""
    names = cls.__dataclass_fields__  # type: ignore[attr-defined]
    return cls(**{k: type(getattr(cls, k))(v) for k, v in params.items() if k in names})


@dataclass(frozen=True)
class Tokens:
    """The folded words of a text; each word's character span is found when first asked
    (most candidate pairs are rejected before any span is needed, so it is not paid)."""

    text: str
    words: list[str]

    def __len__(self) -> int:
        return len(self.words)

    # Offsets as C ints (4 bytes each, not a 28-byte int object): many articles' tokens
    # are cached at once by duplicate.passage (bench_duplicates 100k: 2,630 MB peak before them).
    # Start and end of each word side by side, read in one pass (two cost twice: 4.8 s of
    # duplicate.passage at 20,000 real-text articles).
    @cached_property
    def offsets(self) -> array[int]:
        return array("i", chain.from_iterable(word_spans(self.text)))

    @property
    def starts(self) -> array[int]:
        return self.offsets[0::2]

    @property
    def ends(self) -> array[int]:
        return self.offsets[1::2]

    def span(self, first: int, stop: int) -> tuple[int, int]:
        """Character offsets covering words[first:stop]."""
        return self.offsets[2 * first], self.offsets[2 * stop - 1]


def _fold_word(word: str) -> str:
    if word.isascii():  # casefold is lower, and NFKD changes nothing
        return _DOUBLED.sub(_FIRST, word.lower())
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _DOUBLED.sub(_FIRST, plain)


_FIRST = itemgetter(1)  # r"\1" as a C callable: re expands a template string in Python every call


fold_word = WordMemo(_fold_word).__getitem__  # case, compatibility forms, accents, doubled letters folded


def tokenise(text: str) -> Tokens:
    """Folded words of `text`, offsets on demand (never raises on odd text)."""
    return Tokens(text, list(_folded_words(text)))


# Texts whose words are kept: duplicate.repeated and the shares of duplicate.near and
# .passage each read the same article's words, one detector after another over a batch
# (audit.detect.workers.BATCH_SIZE, 200). A memo of a pure function of the text, handing
# out fresh lists and read-only arrays, so no call order can change an answer.
WORDS_MEMO = 1024


@lru_cache(maxsize=WORDS_MEMO)
def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(map(fold_word, _words(text)))


def _words(text: str) -> list[str]:
    """The text's words: letters, digits and the marks on them (audit.normalise.words.words_of)."""
    return words_of(text)


@lru_cache(maxsize=WORDS_MEMO)
def text_word_hashes(text: str) -> np.ndarray:
    """word_hash of each folded word of the text (uint64, read-only). From the words as
    written, through one memo (not folded words, then their hashes: two lookups a word,
    and a tuple of folded words that duplicate.near and .passage never read). The memo
    holds each hash as its 8 bytes, joined and read as the array in C: np.fromiter
    converted each Python int, as long as the lookups themselves."""
    digests = b"".join(map(written_word_digest, _words(text)))
    hashes = np.frombuffer(digests, _LITTLE_U64).astype(np.uint64, copy=False)
    hashes.flags.writeable = False
    return hashes


def _word_digest(word: str) -> bytes:
    return hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()


def _word_hash(word: str) -> int:
    return int.from_bytes(_word_digest(word), "little")


_LITTLE_U64 = np.dtype("<u8")  # how _word_hash reads a digest
word_hash = WordMemo(_word_hash).__getitem__  # a stable 64-bit hash of one folded word
# word_hash of a word as written, folded here, as its digest: a miss (a word first seen)
# costs one Python call, not three through the fold and hash memos (a third of
# text_word_hashes on 2,000 articles in one process).
written_word_digest = WordMemo(lambda word: _word_digest(_fold_word(word))).__getitem__


def kgram_hashes(words: list[str], k: int) -> np.ndarray:
    """Stable uint64 hash of every run of k consecutive words (empty if fewer words)."""
    if len(words) < k:
        return np.zeros(0, dtype=np.uint64)
    return kgrams_of(np.fromiter(map(word_hash, words), dtype=np.uint64, count=len(words)), k)


def kgrams_of(base: np.ndarray, k: int) -> np.ndarray:
    """kgram_hashes from the words' word_hash values (uint64)."""
    if len(base) < k:
        return np.zeros(0, dtype=np.uint64)
    count = len(base) - k + 1
    # The hash of the words i..i+k-1 is sum(base[i+o] * P**(k-1-o)) mod 2**64. Grams of
    # width 2w are two grams of width w (the first times P**w), so widths 1, 2, 4, ... are
    # made by doubling and k is put together from them: 3 multiply-adds for k=6, not 6
    # (numpy calls on arrays of an article's few hundred words cost per call, not per
    # element: this was most of duplicate.repeated's screen). Same values, same wraps.
    grams = [base]  # grams[j]: hashes of the 2**j-word grams
    while 2 ** len(grams) <= k:
        half, width = grams[-1], 2 ** (len(grams) - 1)
        grams.append(half[: len(half) - width] * _prime_power(width) + half[width:])
    acc: np.ndarray | None = None
    start = 0
    for j in range(len(grams) - 1, -1, -1):
        width = 2**j
        if k - start >= width:
            piece = grams[j][start : start + count]
            acc = piece if acc is None else acc * _prime_power(width) + piece
            start += width
    assert acc is not None
    return acc if k > 1 else acc.copy()  # k=1: a view of base, which may be read-only


_PRIME_POWERS = {2**j: np.uint64(pow(int(_PRIME), 2**j, 1 << 64)) for j in range(16)}


def _prime_power(width: int) -> np.uint64:
    """_PRIME ** width mod 2**64 (numpy's uint64 multiplication wraps the same way)."""
    power = _PRIME_POWERS.get(width)
    return power if power is not None else np.uint64(pow(int(_PRIME), width, 1 << 64))


def winnow(hashes: np.ndarray, window: int) -> np.ndarray:
    """Positions kept by winnowing (Schleimer et al. 2003): the minimum of each window.

    Any run of `window + k - 1` shared words shares at least one kept k-gram.
    """
    if len(hashes) == 0:
        return np.zeros(0, dtype=np.int64)
    if len(hashes) <= window:
        return np.array([int(np.argmin(hashes))], dtype=np.int64)
    views = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return sorted_distinct(views.argmin(axis=1) + np.arange(len(views)))


def shingle_set(words: list[str], k: int) -> np.ndarray:
    """Sorted distinct 32-bit k-gram hashes: the set whose Jaccard near copies share.

    32 bits because datasketch's MinHash permutes 32-bit values, and it halves memory.
    """
    return shingles_of_hashes(np.fromiter(map(word_hash, words), np.uint64, len(words)), k)


def shingles_of_hashes(word_hashes: np.ndarray, k: int) -> np.ndarray:
    """shingle_set from the words' word_hash values."""
    hashes = kgrams_of(word_hashes, k) & np.uint64(0xFFFFFFFF)
    return sorted_distinct(hashes.astype(np.uint32))


def sorted_distinct(values: np.ndarray) -> np.ndarray:
    """`np.unique(values)` for a 1-d array this function may sort in place: each value
    that differs from the one before it. np.unique's own checks and dispatch cost three
    times the sort on an article's few hundred shingles."""
    values.sort()
    return firsts(values)


def firsts(ordered: np.ndarray) -> np.ndarray:
    """Each value of a sorted 1-d array once: those that differ from the one before."""
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


@dataclass(frozen=True)
class Packed:
    """Many sorted hash arrays as one flat uint32 array and offsets: 4 bytes a shingle and
    no per-article numpy object (100,000 articles' shingle sets fit in about 200 MB)."""

    values: np.ndarray
    offsets: np.ndarray

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, doc: int) -> np.ndarray:
        return self.values[self.offsets[doc] : self.offsets[doc + 1]]

    @classmethod
    def of(cls, arrays: Iterable[np.ndarray]) -> Packed:
        """Packed from arrays given one at a time (none is held beyond its own turn)."""
        values, offsets = array("I"), array("q", [0])
        for hashes in arrays:
            values.frombytes(np.ascontiguousarray(hashes, dtype=np.uint32).tobytes())
            offsets.append(len(values))
        return cls(np.frombuffer(values, dtype=np.uint32) if values else np.zeros(0, np.uint32),
                   np.frombuffer(offsets, dtype=np.int64))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted distinct hash arrays."""
    if len(a) == 0 and len(b) == 0:
        return 1.0
    shared = len(np.intersect1d(a, b, assume_unique=True))
    return shared / (len(a) + len(b) - shared)


def _resync(a: list[str], b: list[str], i: int, j: int, end_a: int) -> tuple[int, int] | None:
    """The smallest skip after which a[:end_a] and b match again for a few words, if any.

    (`end_a`, not a slice of a: slicing copied the whole article at every gap, which made
    many short repeats in one long text quadratic.)"""
    for da, db in RESYNC_STEPS:
        ia, jb = i + da, j + db
        if ia + RESYNC_CONFIRM <= end_a and jb + RESYNC_CONFIRM <= len(b) and (
            a[ia : ia + RESYNC_CONFIRM] == b[jb : jb + RESYNC_CONFIRM]
        ):
            return da, db
    return None


def _resync_back(a: list[str], b: list[str], i: int, j: int) -> tuple[int, int] | None:
    """Like _resync, walking backwards from the exclusive ends i and j."""
    for da, db in RESYNC_STEPS:
        ia, jb = i - da, j - db
        if ia - RESYNC_CONFIRM >= 0 and jb - RESYNC_CONFIRM >= 0 and (
            a[ia - RESYNC_CONFIRM : ia] == b[jb - RESYNC_CONFIRM : jb]
        ):
            return da, db
    return None


def _has_digit(words: list[str]) -> bool:
    return any(ch.isdigit() for word in words for ch in word)


def extend_match(
    a: list[str], b: list[str], i: int, j: int, k: int, *, stop_a: int | None = None,
    numbers_must_match: bool = False,
) -> tuple[int, int, int, int]:
    """Grow the verified match a[i:i+k] == b[j:j+k] both ways, across small gaps.

    Returns (a_start, a_end, b_start, b_end). `stop_a` caps a_end (used inside one
    article so the first copy never runs into the second). `numbers_must_match`: a gap
    that skips a word holding a digit ends the match (inside one article "Shr 41 cts vs 28
    cts ... Nine mths Shr 1.50 dlrs vs 87 cts" is a table's second row, not a repeat).
    """
    limit_a = len(a) if stop_a is None else min(stop_a, len(a))
    ea, eb = i + k, j + k
    while True:
        while ea < limit_a and eb < len(b) and a[ea] == b[eb]:
            ea, eb = ea + 1, eb + 1
        step = _resync(a, b, ea, eb, limit_a) if ea < limit_a and eb < len(b) else None
        if step is None or (numbers_must_match and _has_digit(a[ea:ea + step[0]] + b[eb:eb + step[1]])):
            break
        ea, eb = ea + step[0], eb + step[1]
    sa, sb = i, j
    while True:
        while sa > 0 and sb > 0 and a[sa - 1] == b[sb - 1]:
            sa, sb = sa - 1, sb - 1
        step = _resync_back(a, b, sa, sb) if sa > 0 and sb > 0 else None
        if step is None or (numbers_must_match and _has_digit(a[sa - step[0]:sa] + b[sb - step[1]:sb])):
            break
        sa, sb = sa - step[0], sb - step[1]
    return sa, ea, sb, eb
