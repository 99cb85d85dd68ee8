"""duplicate.near's saved values: what a rerun takes instead of computing it again.

Three values of pure functions of texts (and the settings, which the state's
fingerprint holds): each text's LSH band keys (and whether it is long enough to be a
near copy), the exact Jaccard of each candidate pair's two texts, and the exact key of
each text that was in a verified pair. A rerun with 1% of 20,000 articles changed
unpacked 20,000 signatures, folded their bands and made the shingle sets of 1,200
articles to verify pairs it had verified the run before (0.6 s of the parent's CPU);
with these it computes them for the changed texts only. The candidate pairs and the
clusters are made from the whole corpus as before (they move with any article), so the
findings are those of a run without the state.
The texts are kept and matched as raw bytes (audit.detect.saved_texts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from audit.detect.saved import SavedState, drop_shares
from audit.detect.saved_texts import DIGEST, hex_of, matched_rows, packed_texts
from audit.model import Article

ShaPair = tuple[str, str]


class NearMemo:
    """The last run's values (by text: content_sha256) and this run's, to be saved."""

    def __init__(self, loaded: dict[str, np.ndarray] | None, bands: int) -> None:
        self.bands = bands
        self.then = np.zeros((0, DIGEST), dtype=np.uint8)  # the loaded arrays' texts (saved_texts)
        self.usable = np.zeros(0, dtype=bool)
        self.keys = np.zeros((0, bands), dtype=np.uint64)
        self.sims: dict[ShaPair, float] = {}
        self.exact: dict[str, str] = {}
        loaded = loaded or {}
        if (loaded.get("texts", np.zeros(0)).shape[1:] == (DIGEST,)
                and loaded["keys"].shape[1:] == (bands,)):
            self.then, self.usable, self.keys = loaded["texts"], loaded["usable"], loaded["keys"]
            pair_a, pair_b = loaded["pair_a"].tolist(), loaded["pair_b"].tolist()
            named = hex_of(self.then, pair_a + pair_b)  # only these rows' texts as strings
            for a, b, sim in zip(named[:len(pair_a)], named[len(pair_a):], loaded["pair_sim"].tolist()):
                self.sims[(a, b)] = sim
            self.exact = dict(zip(hex_of(self.then, loaded["exact_of"].tolist()),
                                  loaded["exact_key"].tolist()))
        self.used_sims: dict[ShaPair, float] = {}
        self.used_exact: dict[str, str] = {}
        self.shas: list[str] = []  # this run's, article by article
        self.texts: np.ndarray | None = None  # the same, packed (None: a hash not sha256's hex)
        self.all_usable = np.zeros(0, dtype=bool)
        self.all_keys = self.keys[:0]

    def band_keys(self, articles: Sequence[Article], signature: Callable[[Article], np.ndarray | None],
                  fold: Callable[[np.ndarray], np.ndarray]) -> tuple[list[int], np.ndarray]:
        """Which articles are long enough to be near copies (ascending), with their band keys
        (one row each): the saved row of a known text, else `fold` of its `signature`. A
        known text's prepared share is dropped unread."""
        self.shas = [a.content_sha256 for a in articles]
        self.texts = packed_texts(self.shas)
        rows = matched_rows(self.texts, self.then, len(articles))
        known = rows >= 0
        usable = np.zeros(len(articles), dtype=bool)
        keys = np.zeros((len(articles), self.bands), dtype=np.uint64)
        usable[known], keys[known] = self.usable[rows[known]], self.keys[rows[known]]
        new_docs: list[int] = []
        new_signatures: list[np.ndarray] = []
        for doc in np.flatnonzero(~known).tolist():
            found = signature(articles[doc])
            if found is not None:
                new_docs.append(doc)
                new_signatures.append(found)
        if new_signatures:
            usable[new_docs], keys[new_docs] = True, fold(np.stack(new_signatures))
        drop_shares(articles, "duplicate_near")  # the known texts' shares, not read (the registry's name)
        self.all_usable, self.all_keys = usable, keys
        docs = np.flatnonzero(usable)
        return docs.tolist(), keys[docs]

    def jaccard(self, a: Article, b: Article) -> tuple[ShaPair, float | None]:
        """The pair of texts (in order) and their Jaccard if the last run verified it; the
        caller keeps the value in `used_sims` (saved)."""
        pair = (a.content_sha256, b.content_sha256)
        if pair[0] > pair[1]:
            pair = (pair[1], pair[0])
        return pair, self.sims.get(pair)

    def exact_key(self, article: Article, compute: Callable[[str], str]) -> str:
        sha = article.content_sha256
        key = self.exact.get(sha)
        if key is None:
            key = compute(article.text)
        self.used_exact[sha] = key
        return key

    def save(self, state: SavedState) -> None:
        """This run's values, article by article (only its texts': the file does not grow
        run after run; a text twice is kept twice, read once). None with a hash that is
        not sha256's hex: the last run's state is left as it is."""
        if self.texts is None:
            return
        row = dict(zip(self.shas, range(len(self.shas))))
        pairs = list(self.used_sims.items())
        exact = list(self.used_exact.items())
        arrays: dict[str, Any] = {
            "texts": self.texts,
            "usable": self.all_usable,
            "keys": self.all_keys,
            "pair_a": np.array([row[a] for (a, _), _ in pairs], dtype=np.int64),
            "pair_b": np.array([row[b] for (_, b), _ in pairs], dtype=np.int64),
            "pair_sim": np.array([sim for _, sim in pairs], dtype=np.float64),
            "exact_of": np.array([row[sha] for sha, _ in exact], dtype=np.int64),
            "exact_key": np.array([key for _, key in exact], dtype="U64"),
        }
        state.save(arrays)
