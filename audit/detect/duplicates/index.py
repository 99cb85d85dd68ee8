"""A saved index of an earlier corpus, so new articles are checked against what is ingested.

`corpus-audit run --save-index DIR` (and `gate --save-index DIR`, accepted articles
only) adds a corpus to the index; `--against DIR` makes the duplicate checks also
report copies of indexed articles, with `related_article_id` = the indexed id. Adding
is incremental: only the new articles are tokenised and hashed, and the stored arrays
are appended to.

Files in DIR (written to a temporary folder beside it, then moved into place):
  meta.json           format version and the settings the hashes were made with
  articles.parquet    article_id, exact_key, words (folded words, space-joined: passage
                      alignment needs the indexed side's words, not its text)
  shingles.npy, shingle_offsets.npy   sorted 32-bit word 3-gram hashes per article,
                      for the exact Jaccard that verifies every LSH candidate
  fingerprints.npz    winnowed 8-gram hashes (sorted) with article and word position
  bands.npy           MinHash LSH band keys (articles x bands, uint64) of the datasketch
                      signatures, searched per band (duplicate_lsh); no pickle to trust
"""

from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from audit.atomic import check_replaceable
from audit.detect.duplicates.exact import exact_key
from audit.detect.duplicates.lsh import band_keys, bands_for, matches, signature, sorted_bands
from audit.detect.duplicates.near import NearConfig
from audit.detect.duplicates.passage import PassageConfig, fingerprints
from audit.detect.duplicates.tokens import Packed, jaccard, shingle_set, tokenise
from audit.errors import UsageError
from audit.model import Article

FORMAT = 3  # 2: band keys in bands.npy replace format 1's pickled datasketch LSH; 3: words keep
# their combining marks (audit.normalise.words): the word hashes of Hindi, Thai, Tamil ... text changed


_UNBANDED = np.uint64(0xFFFF_FFFF_0000_0000)  # a short text's band keys: its own, unique


def _bands() -> tuple[int, int]:
    near = NearConfig()
    return bands_for(round(near.threshold - near.lsh_margin, 4), near.num_perm)


def _settings() -> dict[str, Any]:
    near, passage = NearConfig(), PassageConfig()
    return {"format": FORMAT, "shingle_words": near.shingle_words, "num_perm": near.num_perm,
            "lsh_threshold": round(near.threshold - near.lsh_margin, 4),
            "kgram": passage.kgram, "window": passage.window}


@dataclass
class DuplicateIndex:
    """Exact keys, shingle sets, MinHash LSH and passage fingerprints of indexed articles."""

    ids: list[str] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    words_column: list[str] | pa.ChunkedArray = field(default_factory=list)
    shingle_values: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    shingle_offsets: np.ndarray = field(default_factory=lambda: np.zeros(1, np.int64))
    fp_hashes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    fp_docs: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    fp_positions: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    bands: np.ndarray = field(default_factory=lambda: np.zeros((0, _bands()[0]), np.uint64))
    by_key: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def shingle_words(self) -> int:
        """The word k of the stored shingle sets (checked against meta.json on load)."""
        return NearConfig.shingle_words

    def article_id(self, doc: int) -> str:
        return self.ids[doc]

    def joined_words(self, doc: int) -> str:
        value = self.words_column[doc]
        return value if isinstance(value, str) else str(value.as_py())

    def words(self, doc: int) -> list[str]:
        return self.joined_words(doc).split()

    def shingles(self, doc: int) -> np.ndarray:
        return self.shingle_values[self.shingle_offsets[doc] : self.shingle_offsets[doc + 1]]

    def exact_match(self, key: str) -> str | None:
        doc = self.by_key.get(key)
        return None if doc is None else self.ids[doc]

    @cached_property
    def _sorted_bands(self) -> tuple[np.ndarray, np.ndarray]:
        return sorted_bands(self.bands)

    def near_matches(self, signature: np.ndarray, shingles: np.ndarray, threshold: float) -> Iterator[tuple[int, float]]:
        """Indexed articles (by position) whose exact Jaccard with `shingles` reaches the threshold."""
        query = band_keys(signature[None, :], *_bands())[0]
        for doc in matches(query, *self._sorted_bands):
            similarity = jaccard(shingles, self.shingles(doc))
            if similarity >= threshold:
                yield doc, similarity

    def passage_seeds(self, hashes: np.ndarray, positions: np.ndarray, max_df: int) -> dict[int, list[tuple[int, int]]]:
        """Indexed articles sharing fingerprints, with (new position, indexed position) seeds."""
        low = np.searchsorted(self.fp_hashes, hashes, "left")
        high = np.searchsorted(self.fp_hashes, hashes, "right")
        seeds: dict[int, list[tuple[int, int]]] = {}
        for pos, lo, hi in zip(positions.tolist(), low.tolist(), high.tolist()):
            firsts: dict[int, int] = {}  # one seed per indexed article and fingerprint
            for doc, other in zip(self.fp_docs[lo:hi].tolist(), self.fp_positions[lo:hi].tolist()):
                firsts.setdefault(doc, other)
            if len(firsts) <= max_df:
                for doc, other in firsts.items():
                    seeds.setdefault(doc, []).append((pos, other))
        return seeds

    def add(self, articles: Iterable[Article]) -> int:
        """Index the articles whose text is not indexed yet; returns how many were added."""
        near, passage = NearConfig(), PassageConfig()
        joined = [self.joined_words(d) for d in range(len(self))]
        shingles = [self.shingles(d) for d in range(len(self))]
        fps = [(self.fp_hashes, self.fp_docs, self.fp_positions)]
        bands = [np.asarray(self.bands)]
        added = 0
        for article in articles:
            key = exact_key(article.text)
            if key in self.by_key or not article.text.strip():
                continue
            doc = len(self.ids)
            words = tokenise(article.text).words
            self.ids.append(article.article_id)
            self.keys.append(key)
            self.by_key[key] = doc
            joined.append(" ".join(words))
            shingles.append(shingle_set(words, near.shingle_words))
            usable = len(shingles[-1]) >= near.min_shingles  # too short: never a near copy
            bands.append(band_keys(signature(shingles[-1], near.num_perm)[None, :], *_bands())
                         if usable else np.full((1, _bands()[0]), doc, np.uint64) + _UNBANDED)
            hashes, positions = fingerprints(words, passage)
            fps.append((hashes, np.full(len(hashes), doc, np.int32), positions.astype(np.int32)))
            added += 1
        self.words_column = joined
        self.bands = np.concatenate(bands)
        self.__dict__.pop("_sorted_bands", None)
        packed = Packed.of(shingles)
        self.shingle_values, self.shingle_offsets = packed.values, packed.offsets
        hashes = np.concatenate([f[0] for f in fps]).astype(np.uint64)
        order = np.argsort(hashes, kind="stable")
        self.fp_hashes = hashes[order]
        self.fp_docs = np.concatenate([f[1] for f in fps]).astype(np.int32)[order]
        self.fp_positions = np.concatenate([f[2] for f in fps]).astype(np.int32)[order]
        return added

    def save(self, folder: str | Path) -> None:
        """Write the index into `folder`, replacing what was there only once it is whole."""
        target = Path(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        words = [self.joined_words(d) for d in range(len(self))]
        table = pa.table({"article_id": self.ids, "exact_key": self.keys, "words": words})
        pq.write_table(table, work / "articles.parquet", compression="zstd")
        np.save(work / "shingles.npy", self.shingle_values)
        np.save(work / "shingle_offsets.npy", self.shingle_offsets)
        np.savez(work / "fingerprints.npz", hashes=self.fp_hashes, docs=self.fp_docs,
                 positions=self.fp_positions)
        np.save(work / "bands.npy", self.bands)
        (work / "meta.json").write_text(json.dumps({**_settings(), "articles": len(self)}, indent=2))
        old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:6]}") if target.exists() else None
        if old is not None:
            target.rename(old)
        work.rename(target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def load_index(folder: str | Path) -> DuplicateIndex:
    """Read an index folder; a missing or foreign folder is a UsageError naming it."""
    path = Path(folder)
    meta_file = path / "meta.json"
    if not meta_file.is_file():
        raise UsageError(f"{path}: not a duplicate index (no meta.json)")
    try:
        meta = json.loads(meta_file.read_text())
        expected = _settings()
        if any(meta.get(k) != v for k, v in expected.items()):
            raise UsageError(f"{path}: index made with other settings {meta}, expected {expected}; "
                             "build a new one with --save-index into an empty folder")
        table = pq.read_table(path / "articles.parquet", memory_map=True)
        fps = np.load(path / "fingerprints.npz")
        ids = table.column("article_id").to_pylist()
        keys = table.column("exact_key").to_pylist()
        return DuplicateIndex(
            ids=ids, keys=keys, words_column=table.column("words"),
            shingle_values=np.load(path / "shingles.npy", mmap_mode="r"),
            shingle_offsets=np.load(path / "shingle_offsets.npy"),
            fp_hashes=fps["hashes"], fp_docs=fps["docs"], fp_positions=fps["positions"],
            bands=np.load(path / "bands.npy"), by_key={k: d for d, k in enumerate(keys)},
        )
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
        raise UsageError(f"{path}: cannot read the duplicate index ({exc})") from None


def check_index_target(folder: str | Path, inputs: Sequence[str | Path] = ()) -> None:
    """A UsageError unless `folder` can take an index: new, empty, or an index (`save`
    replaces it whole), in none of the input folders (its articles.parquet would be read
    as articles)."""
    from audit.ingest import input_folder_holding

    check_replaceable(Path(folder), "meta.json", "duplicate index", "--save-index")
    if (holder := input_folder_holding(Path(folder), inputs)) is not None:
        raise UsageError(f"{folder}: inside the input folder {holder}: the next run would read the "
                         "index's files as articles; give --save-index a folder outside it")


def update_index(folder: str | Path, articles: Iterable[Article]) -> int:
    """Add articles to the index in `folder` (created if missing); returns how many."""
    path = Path(folder)
    check_index_target(path)
    index = load_index(path) if (path / "meta.json").is_file() else DuplicateIndex()
    added = index.add(a for a in articles if a.read_error is None)
    index.save(path)
    return added

