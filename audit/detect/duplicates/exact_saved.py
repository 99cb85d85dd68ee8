"""duplicate.exact on a rerun: each text's key taken from the last run, the groups found
by sorting, not by a dict of every article.

Whether a text is more than white space and its exact key are pure functions of the
text, so the state (audit.detect.saved) keeps them by text (content_sha256), as
duplicate.near keeps its band keys. A rerun of 100,000 articles with 1% changed parsed 99,000 cached keys out of their
JSON shares, read every text (`strip`: in the parent beside passage's forked child, one
copied page each) and filled a dict of 100,000 lists (1.5 s of the detect stage); now it
computes the changed texts' keys only and leaves Python for the groups of two or more.
The texts are matched as raw bytes (audit.detect.saved_texts).
The findings are those of a run without the state: the same groups, in the order of their
first member, each member in article order (exact.find_exact_duplicates).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from audit.detect.saved import SavedState, drop_shares
from audit.detect.saved_texts import matched_rows, packed_texts
from audit.model import Article, Finding

NAME = "duplicate_exact"  # the registry's name for this check: its prepared share and state
DIGEST = 32  # bytes of an exact key (a sha256, exact.exact_key's hex digest)


def remembered_duplicates(articles: Sequence[Article], saved: SavedState,
                          key_of: Any, copies: Any) -> Iterator[Finding]:
    """find_exact_duplicates' findings (without an index) from the last run's keys: `key_of`
    makes an article's key and whether it is more than white space, `copies` the findings
    of one group."""
    texts = packed_texts([a.content_sha256 for a in articles])
    then, keys, filled_then = _load(saved)
    places = matched_rows(texts, then, len(articles))
    known = places >= 0
    digests = np.zeros((len(articles), DIGEST), dtype=np.uint8)
    filled = np.zeros(len(articles), dtype=bool)
    digests[known], filled[known] = keys[places[known]], filled_then[places[known]]
    unknown = np.flatnonzero(~known)
    made = [key_of(articles[i]) for i in unknown.tolist()]  # a cold run: every article
    if made:
        digests[unknown] = np.frombuffer(b"".join(bytes.fromhex(key) for key, _ in made),
                                         dtype=np.uint8).reshape(-1, DIGEST)
        filled[unknown] = [text for _, text in made]
    if known.any():  # the known texts' shares: not parsed, not held (key_of took the others')
        drop_shares(articles, NAME)
    for members, key in _groups(digests, filled):
        yield from copies(key, [(p, articles[p]) for p in members])
    if texts is not None:  # else (a hash not sha256's hex) the last run's state is left as it is
        saved.save({"texts": texts, "keys": digests, "filled": filled})


def _load(saved: SavedState) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The last run's texts (packed_texts), their keys' bytes and whether they are more than white space."""
    loaded = saved.load() or {}
    if loaded.get("texts", np.zeros(0)).shape[1:] != (DIGEST,) or loaded["keys"].shape[1:] != (DIGEST,):
        return np.zeros((0, DIGEST), dtype=np.uint8), np.zeros((0, DIGEST), dtype=np.uint8), np.zeros(0, dtype=bool)
    return loaded["texts"], loaded["keys"], loaded["filled"]


def _groups(digests: np.ndarray, filled: np.ndarray) -> list[tuple[list[int], str]]:
    """The articles of each key held by two or more articles not blank (ascending), and
    the key, in the order of each group's first article."""
    docs = np.flatnonzero(filled)
    if len(docs) < 2:
        return []
    words = np.ascontiguousarray(digests[docs]).view(np.uint64)  # 4 columns
    # only the rows sharing their first word with another can share the key: sorted by
    # all of it (a lexsort of every row's five columns was 0.04 s at 100,000, this 0.015)
    by_first = np.argsort(words[:, 0], kind="stable")
    first = words[by_first, 0]
    tied = np.flatnonzero(first[1:] == first[:-1])
    if len(tied) == 0:
        return []
    rows = by_first[np.unique(np.concatenate([tied, tied + 1]))]
    order = rows[np.lexsort((docs[rows], words[rows, 3], words[rows, 2], words[rows, 1], words[rows, 0]))]
    ordered = words[order]
    same = np.all(ordered[1:] == ordered[:-1], axis=1)  # each sorted row equals the one before
    starts = np.flatnonzero(np.concatenate([[True], ~same]))
    sizes = np.diff(np.append(starts, len(order)))
    groups = []
    for start, size in zip(starts[sizes > 1].tolist(), sizes[sizes > 1].tolist()):
        members = docs[order[start:start + size]].tolist()  # ascending: docs break the ties
        groups.append((members, digests[members[0]].tobytes().hex()))
    groups.sort(key=lambda group: group[0][0])
    return groups
