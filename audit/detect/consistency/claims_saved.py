"""consistency.contradiction on a rerun: each dated article's claims taken from the last run.

A dated article's claims are a pure function of its text, its date and the settings
(which the state's fingerprint holds, with the office table: audit.detect.saved), so the
state keeps them by text and date, as duplicate.near keeps its band keys by text. A rerun
of 100,000 articles with 1% changed parsed 99,000 cached shares (`{"params": ...,
"claims": []}` for most) and called two functions an article to find a few hundred
claims (0.6 s); now the known texts are matched in bulk, their shares dropped unread,
and Python sees only the changed articles and those with claims. An undated article's
date comes from the corpus, so its claims are made each run, as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from audit.detect.saved import SavedState, drop_shares
from audit.model import Article

NAME = "contradictions"  # the registry's name for this check: its prepared share and state
Row = list[Any]  # a claim as prepare keeps it: start, end, person, office, country, status, decided_by


def remembered_claims(articles: Sequence[Article], saved: SavedState,
                      compute: Callable[[Article], list[Row]]) -> tuple[dict[int, list[Row]], np.ndarray]:
    """The claims of each dated article that has any (by position): the last run's for a
    text it had under the same date (a copy under another date is another key), else
    `compute`d; this run's saved for the next. With each article's date (ordinal; -1: none)."""
    shas = [a.content_sha256 for a in articles]
    ordinals = [-1 if a.published is None else a.published.toordinal() for a in articles]
    days = np.array(ordinals, dtype=np.int64)
    rows, last_claims = _load(saved)
    places = np.array([rows.get(text_day, -1) for text_day in zip(shas, ordinals)], dtype=np.int64)
    known = (places >= 0) & (days >= 0)
    found: dict[int, list[Row]] = {}
    for i in np.flatnonzero(known & np.isin(places, np.array(sorted(last_claims), dtype=np.int64))).tolist():
        found[i] = last_claims[int(places[i])]
    for i in np.flatnonzero(~known & (days >= 0)).tolist():
        own = compute(articles[i])
        if own:
            found[i] = own
    drop_shares(articles, NAME)  # the known texts' shares: not parsed, not held
    saved.save({"shas": np.array(shas, dtype="U64"), "days": days,
                "claims": np.frombuffer(json.dumps({i: found[i] for i in sorted(found)}).encode("utf-8"),
                                        dtype=np.uint8)})
    return found, days


def _load(saved: SavedState) -> tuple[dict[tuple[str, int], int], dict[int, list[Row]]]:
    """The last run's articles by text and date (sha, ordinal; -1: none) -> row, and the
    claims by row."""
    loaded = saved.load()
    if loaded is None:
        return {}, {}
    keys = zip(loaded["shas"].tolist(), loaded["days"].tolist())
    claims = json.loads(loaded["claims"].tobytes().decode("utf-8"))
    return dict(zip(keys, range(len(loaded["days"])))), {int(row): own for row, own in claims.items()}
