"""consistency.contradiction on a rerun: each dated article's claims taken from the last run.

A dated article's claims are a pure function of its text, its date and the settings
(which the state's fingerprint holds, with the office table: audit.detect.saved), so the
state keeps them by text and date, as duplicate.near keeps its band keys by text. A rerun
of 100,000 articles with 1% changed parsed 99,000 cached shares (`{"params": ...,
"claims": []}` for most) and called two functions an article to find a few hundred
claims (0.6 s); now the known texts are matched in bulk, their shares dropped unread,
and Python sees only the changed articles and those with claims. An undated article's
date comes from the corpus, so its claims are made each run, as before.
The texts are kept and matched as raw bytes (audit.detect.saved_texts).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from audit.detect.saved import SavedState, drop_shares
from audit.detect.saved_texts import DIGEST, matched_rows, packed_texts
from audit.model import Article

NAME = "contradictions"  # the registry's name for this check: its prepared share and state
Row = list[Any]  # a claim as prepare keeps it: start, end, person, office, country, status, decided_by


def remembered_claims(articles: Sequence[Article], saved: SavedState,
                      compute: Callable[[Article], list[Row]]) -> tuple[dict[int, list[Row]], np.ndarray]:
    """The claims of each dated article that has any (by position): the last run's for a
    text it had under the same date (a copy under another date is another key), else
    `compute`d; this run's saved for the next. With each article's date (ordinal; -1: none)."""
    texts = packed_texts([a.content_sha256 for a in articles])
    days = np.array([-1 if a.published is None else a.published.toordinal() for a in articles],
                    dtype=np.int64)
    then, then_days, last_claims = _load(saved)
    places = matched_rows(texts, then, len(articles), days, then_days)
    known = (places >= 0) & (days >= 0)
    found: dict[int, list[Row]] = {}
    for i in np.flatnonzero(known & np.isin(places, np.array(sorted(last_claims), dtype=np.int64))).tolist():
        found[i] = last_claims[int(places[i])]
    for i in np.flatnonzero(~known & (days >= 0)).tolist():
        own = compute(articles[i])
        if own:
            found[i] = own
    drop_shares(articles, NAME)  # the known texts' shares: not parsed, not held
    if texts is not None:  # else (a hash not sha256's hex) the last run's state is left as it is
        saved.save({"texts": texts, "days": days,
                    "claims": np.frombuffer(json.dumps({i: found[i] for i in sorted(found)}).encode("utf-8"),
                                            dtype=np.uint8)})
    return found, days


def _load(saved: SavedState) -> tuple[np.ndarray, np.ndarray, dict[int, list[Row]]]:
    """The last run's articles' texts (packed_texts) and dates (ordinal; -1: none), and
    the claims by row."""
    loaded = saved.load() or {}
    if loaded.get("texts", np.zeros(0)).shape[1:] != (DIGEST,):
        return np.zeros((0, DIGEST), dtype=np.uint8), np.zeros(0, dtype=np.int64), {}
    claims = json.loads(loaded["claims"].tobytes().decode("utf-8"))
    return loaded["texts"], loaded["days"], {int(row): own for row, own in claims.items()}
