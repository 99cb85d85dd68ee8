"""duplicate.near: near copies of another article (MinHash LSH, verified), in clusters.

Wire copy is re-published with a new headline, a dateline, a paragraph cut or a word
changed; its text is no longer equal, but its set of word shingles barely moves.
MinHash LSH (datasketch signatures and bands, banded by sorting in duplicate_lsh)
proposes candidate pairs cheaply (with a lower threshold than the suite's, for recall)
and each candidate is verified by the exact Jaccard similarity
of the two shingle sets, so no finding rests on an LSH guess. Verified pairs are joined
into clusters; every article gets `extra["duplicate_cluster"]` (the id of the cluster's
original, or None) so the table has the column whatever the corpus holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from audit.detect.cache import packed_text, unpacked
from audit.detect.duplicates.exact import exact_key
from audit.detect.duplicates.lsh import band_keys, bands_for, candidate_pairs, signature
from audit.detect.duplicates.near_saved import NearMemo
from audit.detect.duplicates.titles import title_hint
from audit.detect.duplicates.tokens import (
    config_from_params,
    jaccard,
    shingles_of_hashes,
    text_word_hashes,
)
from audit.detect.saved import SavedState, write_state
from audit.model import Article, Finding

CLUSTER_COLUMN = "duplicate_cluster"
SHINGLE_CACHE = 4096


@dataclass(frozen=True, kw_only=True)
class NearConfig:
    threshold: float = 0.8  # exact Jaccard a pair must reach (suite: duplicate.near threshold)
    shingle_words: int = 3  # word 3-grams: one changed word costs 3 shingles, not a sentence
    num_perm: int = 128  # datasketch default; the benchmark's recall was measured with it
    lsh_margin: float = 0.15  # LSH asks for threshold - margin, the exact Jaccard decides
    min_shingles: int = 20  # shorter texts are left to duplicate.exact (Jaccard too coarse)

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> NearConfig:
        return config_from_params(cls, params)


def shingles_of(text: str, words: int = NearConfig.shingle_words) -> np.ndarray:
    """Sorted distinct 32-bit hashes of the text's word k-grams (MinHash takes 32 bits)."""
    return shingles_of_hashes(text_word_hashes(text), words)


def _find_root(parent: dict[Any, Any], node: Any) -> Any:
    while parent.setdefault(node, node) != node:
        parent[node] = parent[parent[node]]
        node = parent[node]
    return node


def _clusters(pairs: Mapping[tuple[Any, Any], float]) -> dict[Any, list[Any]]:
    """Connected components of the verified pairs (union-find)."""
    parent: dict[Any, Any] = {}
    for a, b in pairs:
        root_a, root_b = _find_root(parent, a), _find_root(parent, b)
        if root_a != root_b:
            parent[root_b] = root_a
    groups: dict[Any, list[Any]] = {}
    for node in parent:
        groups.setdefault(_find_root(parent, node), []).append(node)
    return groups


def _settings(cfg: NearConfig) -> list[int]:
    return [cfg.shingle_words, cfg.num_perm, cfg.min_shingles]


def prepare(article: Article, params: Mapping[str, Any]) -> list[Any]:
    """The article's MinHash signature (run in the workers), as JSON (the findings cache
    keeps it between runs): the settings it was made with, then the array as base64, or
    None under min_shingles (never a near copy). Not its shingle set: only the articles
    of candidate pairs need theirs, made again from the text (a few percent of a corpus);
    held for every article it was 2.7 KB each, 270 MB at 100,000 articles."""
    cfg = NearConfig.from_params(params)
    shingles = shingles_of(article.text, cfg.shingle_words)
    usable = len(shingles) >= cfg.min_shingles
    return [*_settings(cfg), packed_text(signature(shingles, cfg.num_perm)) if usable else None]


def _signature(article: Article, cfg: NearConfig) -> np.ndarray | None:
    """What the workers made for the article (taken: not held twice), else made here."""
    prep = article.prepared.pop("duplicate_near", None)  # the registry's name for this detector
    if not (isinstance(prep, list) and len(prep) == 4 and prep[:3] == _settings(cfg)):
        prep = prepare(article, {f: getattr(cfg, f) for f in NearConfig.__dataclass_fields__})
    return None if prep[3] is None else unpacked(prep[3], np.uint32)


def corpus_features(articles: Sequence[Article], cfg: NearConfig) -> tuple[list[int], np.ndarray]:
    """Which articles are long enough to be near copies, with their MinHash signatures
    (a matrix, one row each)."""
    usable: list[int] = []
    rows: list[np.ndarray] = []
    for doc, article in enumerate(articles):
        found = _signature(article, cfg)
        if found is not None:
            usable.append(doc)
            rows.append(found)
    return usable, np.stack(rows) if rows else np.zeros((0, cfg.num_perm), np.uint32)


def verified_pairs(
    shingles: Callable[[int], np.ndarray], usable: list[int], signatures: np.ndarray,
    cfg: NearConfig, index: Any = None,
) -> dict[tuple[Any, Any], float]:
    """Pairs (i, j) with i < j, or (i, ("index", doc)), whose exact Jaccard >= threshold;
    `shingles(doc)`: an article's shingle set."""
    bands, rows = bands_for(max(0.1, cfg.threshold - cfg.lsh_margin), cfg.num_perm)
    pairs: dict[tuple[Any, Any], float] = {}
    for i, j in candidate_pairs(band_keys(signatures, bands, rows)).tolist():
        a, b = usable[i], usable[j]
        similarity = jaccard(shingles(a), shingles(b))
        if similarity >= cfg.threshold:
            pairs[(a, b)] = similarity
    if index is not None:
        for row, doc in enumerate(usable):
            for indexed, similarity in index.near_matches(signatures[row], shingles(doc), cfg.threshold):
                pairs[(doc, ("index", indexed))] = similarity
    return pairs


def find_near_duplicates(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per near copy, pointing at its cluster's original or closest earlier copy."""
    cfg = NearConfig.from_params(params)
    index = params.get("_index")
    # an article of many candidate pairs has its shingle set made once (a wire story's
    # 60 copies); the cache holds a few thousand sets, a few MB
    shingles = lru_cache(maxsize=SHINGLE_CACHE)(lambda doc: shingles_of(articles[doc].text, cfg.shingle_words))
    saved: SavedState | None = params.get("_saved") if index is None else None
    memo = None
    if saved is None:
        pairs = verified_pairs(shingles, *corpus_features(articles, cfg), cfg, index)
    else:
        memo = NearMemo(saved.load(), bands_for(max(0.1, cfg.threshold - cfg.lsh_margin), cfg.num_perm)[0])
        pairs = _remembered_pairs(articles, shingles, cfg, memo)
    nodes = {n for pair in pairs for n in pair}
    # only members of a pair need their exact key (20,000 articles: 5 s for all of them)
    keys: dict[Any, str] = {p: exact_key(articles[p].text) if memo is None else memo.exact_key(articles[p], exact_key)
                            for p in nodes if not isinstance(p, tuple)}
    names: dict[Any, str] = {p: a.article_id for p, a in enumerate(articles)}
    titles: dict[Any, str | None] = {p: articles[p].title for p in nodes if not isinstance(p, tuple)}
    for node in {n for n in nodes if isinstance(n, tuple)}:
        keys[node], names[node] = index.keys[node[1]], index.article_id(node[1])
    for article in articles:
        article.extra[CLUSTER_COLUMN] = None
    neighbours: dict[Any, dict[Any, float]] = {}
    for (a, b), similarity in pairs.items():
        neighbours.setdefault(a, {})[b] = similarity
        neighbours.setdefault(b, {})[a] = similarity

    def order(node: Any) -> tuple[int, date, int]:
        if isinstance(node, tuple):  # indexed articles were ingested before this corpus
            return (0, date.min, 0)
        return (1, articles[node].published or date.max, node)

    for members in _clusters(pairs).values():
        members.sort(key=order)
        original = members[0]
        cluster_id = names[original]
        for node in members:
            if isinstance(node, tuple):
                continue
            articles[node].extra[CLUSTER_COLUMN] = cluster_id
            finding = _near_finding(names, node, neighbours[node], keys, order, original,
                                    len(members), titles)
            if finding is not None:
                yield finding
    if memo is not None and saved is not None:
        write_state(params, lambda: memo.save(saved))  # deferred by workers._passage_apart


def _remembered_pairs(articles: Sequence[Article], shingles: Callable[[int], np.ndarray], cfg: NearConfig,
                      memo: NearMemo) -> dict[tuple[Any, Any], float]:
    """verified_pairs (without an index) with the last run's band keys and Jaccard values
    of known texts: the same pairs and values."""
    bands, rows = bands_for(max(0.1, cfg.threshold - cfg.lsh_margin), cfg.num_perm)
    usable, keys = memo.band_keys(articles, lambda article: _signature(article, cfg),
                                  lambda signatures: band_keys(signatures, bands, rows))
    pairs: dict[tuple[Any, Any], float] = {}
    for i, j in candidate_pairs(keys).tolist():
        a, b = usable[i], usable[j]
        pair, similarity = memo.jaccard(articles[a], articles[b])
        if similarity is None:
            similarity = jaccard(shingles(a), shingles(b))
        memo.used_sims[pair] = similarity
        if similarity >= cfg.threshold:
            pairs[(a, b)] = similarity
    return pairs


def _near_finding(
    names: dict[Any, str], node: int, near: dict[Any, float], keys: dict[Any, str],
    order: Any, original: Any, size: int, titles: dict[Any, str | None],
) -> Finding | None:
    """The finding for one member, pointing at the original when the two are near copies,
    else at the most similar earlier member; none for the original and for exact copies."""
    earlier = [n for n in near if order(n) < order(node)]
    if not earlier:
        return None
    different = [n for n in earlier if keys[n] != keys[node]]
    if not different:
        return None  # an exact copy of an earlier article: duplicate.exact reports it
    related = original if original in different else max(different, key=lambda n: near[n])
    cluster_id = names[original]
    related_id = names[related]
    where = " (already in the index)" if isinstance(related, tuple) else ""
    similarity = near[related]
    hint = title_hint(titles.get(node), titles.get(related))  # an indexed article: no title here
    return Finding(
        article_id=names[node],
        check="duplicate.near",
        message=(f"Is a near copy of {related_id}{where}: {similarity:.0%} of their word "
                 f"3-grams are shared (Jaccard {similarity:.2f}); cluster {cluster_id} "
                 f"has {size} articles.{hint}"),
        related_article_id=related_id,
        data={"jaccard": round(similarity, 4), "cluster": cluster_id, "cluster_size": size,
              **({"titles_unrelated": True} if hint else {})},
    )
