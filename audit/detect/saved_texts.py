"""Texts of a saved state (audit.detect.saved) as 32 raw bytes each, matched in numpy.

duplicate.near, duplicate.exact and consistency.contradiction keep their values by text
(content_sha256). They kept the corpus's hashes as 64-character unicode (`U64`: 25.6 MB a
file at 100,000 articles, three files written and read again every rerun) and matched a
rerun's articles to them through a dict of 100,000 strings built from the file (tolist,
dict, one lookup an article: about 35 ms of the parent's CPU a detector, beside the file's
writing and reading). Here the hashes are one (n, 32) uint8 array (3.2 MB), made from the
hex strings in one `bytes.fromhex`, and matched by sorting their first eight bytes, every
match checked on all of its bytes; the rows found are those the dict found, or rows equal
to them (a text twice is kept twice: both rows hold the same values).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

DIGEST = 32  # bytes of a sha256
_MIX = np.uint64(0x9E3779B97F4A7C15)  # spreads an extra column (a day) over the first word


def packed_texts(shas: Sequence[str]) -> np.ndarray | None:
    """The hashes as an (n, 32) uint8 array; None when one is not 64 lowercase hex
    characters (an article made by hand): the caller then keeps no state this run."""
    joined = "".join(shas)
    if len(joined) != 2 * DIGEST * len(shas) or not joined.isascii() or joined != joined.lower():
        return None
    if any(len(sha) != 2 * DIGEST for sha in shas):  # the total can hide a short and a long one
        return None
    try:
        raw = bytes.fromhex(joined)
    except ValueError:
        return None
    if len(raw) != DIGEST * len(shas):  # fromhex skips white space
        return None
    return np.frombuffer(raw, dtype=np.uint8).reshape(len(shas), DIGEST)


def hex_of(texts: np.ndarray, rows: Sequence[int]) -> list[str]:
    """The hex strings of some rows (a state's pairs and keys name a few thousand)."""
    return [bytes(row).hex() for row in texts[np.asarray(rows, dtype=np.int64)]]


def words(texts: np.ndarray, extra: np.ndarray | None = None) -> np.ndarray:
    """The rows as uint64 words (4 a hash), and `extra` (one int64 a row, a day) as a
    fifth, mixed into the first so that one text under two days differs there too."""
    out = np.ascontiguousarray(texts, dtype=np.uint8).view(np.uint64).reshape(len(texts), DIGEST // 8)
    if extra is None:
        return out
    with np.errstate(over="ignore"):
        first = out[:, 0] ^ (extra.astype(np.uint64) * _MIX)
    return np.column_stack([first, out[:, 1:], extra.astype(np.uint64)])


def matched_rows(texts: np.ndarray | None, then: np.ndarray, count: int,
                 days: np.ndarray | None = None, then_days: np.ndarray | None = None) -> np.ndarray:
    """For each of this run's `count` articles (`texts`: packed_texts', with `days` when the
    key is text and day), the row of the last run's state (`then`, `then_days`) holding the
    same key, else -1; all -1 when `texts` is None (a hash not sha256's hex)."""
    if texts is None:
        return np.full(count, -1, dtype=np.int64)
    return rows_in(words(texts, days), words(then, then_days))


def rows_in(now: np.ndarray, then: np.ndarray) -> np.ndarray:
    """For each row of `now` (words), a row of `then` equal to it, else -1."""
    found = np.full(len(now), -1, dtype=np.int64)
    if len(now) == 0 or len(then) == 0:
        return found
    order = np.argsort(then[:, 0], kind="stable")
    first = then[order, 0]
    at = np.minimum(np.searchsorted(first, now[:, 0]), len(first) - 1)
    hit = first[at] == now[:, 0]
    candidate = order[at]
    same = hit & np.all(then[candidate] == now, axis=1)
    found[same] = candidate[same]
    for i in np.flatnonzero(hit & ~same).tolist():  # the first word shared by other rows
        low, high = np.searchsorted(first, now[i, 0], "left"), np.searchsorted(first, now[i, 0], "right")
        for row in order[low:high].tolist():
            if np.array_equal(then[row], now[i]):
                found[i] = row
                break
    return found
