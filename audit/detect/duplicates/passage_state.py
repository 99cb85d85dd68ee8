"""duplicate.passage's state between runs: what a rerun needs to recompute only the pairs
of articles its changes can touch, with the findings of a cold run (issue 13, rerun).

A pair's outcome (its shared runs, or its seeds when an edited copy) is a function of
the two texts and the pair's seeds; the seeds of a pair (a, b) are, per fingerprint both
carry, one when each is its family's first holder of it (families: duplicate.near's
clusters) and the fingerprint is held by max_df families or fewer. So for two articles
that are unchanged and whose near-copy family is the same set of articles as before
("unaffected"), the seeds change only through a fingerprint whose count of families
crossed max_df, and such a fingerprint is held by an affected article (only they move
a count). Hence the dirty pairs, a superset of those whose outcome may differ:

- every pair with an affected article (changed, added, or whose family changed), and
- every pair of two articles that both hold one fingerprint (of an affected article)
  that went over or back under max_df ("crossed"; its unaffected holders are "flipped").
  A fingerprint whose rows number max_df or fewer before and now is of max_df families
  or fewer both times: only the others are counted by family.

All other pairs keep the previous run's outcome. The dirty ones are recomputed from
the groups of the fingerprints their "key" articles hold (all holders of each, so the
groups, their families' first holders and max_df are exactly the cold run's): each
dirty pair has all its seeds there: a dirty pair of two unaffected articles is of two
flipped ones, and every fingerprint they both hold has two flipped holders, so only
those fingerprints of the flipped articles are looked at. The state holds the previous
corpus's article identities, family codes, fingerprint counts, every fingerprint sorted
by hash, and the pairs' outcomes, in the detector's SavedState (audit.detect.saved:
`<cache>/cross/duplicate_passage.npz`, under the fingerprint of its code, data and
params), and every article's words in a file beside it (WordStore); anything
unreadable, another fingerprint, a reordered corpus or a change of more than LARGE_CHANGE
of the articles: the cold computation.

Of those groups, only some are searched for the pairs with a live seed (live_candidates,
most of a rerun's work): a changed article alone in its family, before and now, whose
previous version is found by its id (`names`), is searched only near its edits (the
edit-local search, below `kept_outcomes`); its pairs that had a live seed before (the
state keeps every such pair: `live`) are candidates whatever their place.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import mmap
import os
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from audit.atomic import clean_stale, temp_name
from audit.detect.duplicates.candidates import _pairs_within
from audit.detect.duplicates.seeds import CorpusWords, distinct, in_sorted, ranks, run_bounds
from audit.detect.duplicates.tokens import RESYNC_CONFIRM, RESYNC_STEPS
from audit.detect.saved import SavedState
from audit.model import Article

LARGE_CHANGE = 0.2  # a rerun affecting more of the articles is computed whole


@dataclass
class PassageState:
    """What one run leaves for the next (positions are that run's article positions)."""

    ids: list[bytes]  # each article's identity (identities)
    families: np.ndarray  # int64 family code of each article
    counts: np.ndarray  # int64 fingerprints of each article
    hashes: np.ndarray  # every fingerprint, sorted by hash (uint64)
    docs: np.ndarray  # its article (int32)
    positions: np.ndarray  # its first word (int32)
    pairs: dict[tuple[int, int], Any]  # (a, b) -> (shared, words a, words b, runs with spans)
    edited: dict[tuple[int, int], list[Any]]  # (a, b) -> [seeds held, seeds, result or None]
    words: WordStore | None = None  # where each article's word hashes are (words_path)
    names: np.ndarray | None = None  # uint64 digest of each article's id alone (names)
    live: np.ndarray | None = None  # sorted codes (a << 32 | b) of the pairs with a live seed


def identities(articles: Sequence[Article]) -> list[bytes]:
    """Each article's id and text, as 16 bytes: an unchanged article has the same one."""
    return [identity(a.article_id, content_of(a)) for a in articles]


def content_of(article: Article) -> str:
    """What an article's identity hashes of its text: its content digest, made if absent."""
    return article.content_sha256 or hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()


def identity(article_id: str, content: str) -> bytes:
    """An article's identity from its id and content_of: 16 bytes."""
    return hashlib.blake2b(f"{article_id}\x1f{content}".encode("utf-8", "surrogatepass"), digest_size=16).digest()


def names(articles: Sequence[Article]) -> np.ndarray:
    """Each article's id alone, as 8 bytes: a changed article's previous version has the same."""
    return names_of([a.article_id for a in articles])


def names_of(ids: Sequence[str]) -> np.ndarray:
    """names() from the articles' ids."""
    return np.fromiter((int.from_bytes(hashlib.blake2b(i.encode("utf-8", "surrogatepass"),
                                                       digest_size=8).digest(), "little") for i in ids),
                       np.uint64, len(ids))


def family_codes(families: Sequence[Hashable]) -> np.ndarray:
    """The families as codes 0, 1, ... in order of first appearance (only equality counts).
    Codes already so (passage_apart's process gets them from the run's) are returned as
    they are: a pass over 100,000 of them in Python was on a rerun's path once near ends."""
    if isinstance(families, np.ndarray) and families.dtype == np.int64 and _first_appearance(families):
        return families
    codes: dict[Hashable, int] = {}
    return np.fromiter((codes.setdefault(f, len(codes)) for f in families), np.int64, len(families))


def _first_appearance(codes: np.ndarray) -> bool:
    """Whether int64 `codes` are 0, 1, ... in order of first appearance: each is at most
    one more than the largest before it, and the first is 0."""
    if not len(codes):
        return True
    top = np.maximum.accumulate(codes)
    return bool(codes[0] == 0 and np.all(codes[1:] <= top[:-1] + 1))


def save(saved: SavedState, state: PassageState) -> None:
    """Write the state whole, or leave the previous one (SavedState.save): the fingerprint
    table first, in its own file (write_table), then the rest, which names the table's
    token (a run killed between the two leaves a state whose table is not its own: the
    next run computes whole)."""
    table = write_table(saved, (state.hashes, state.docs, state.positions))
    if table is None:
        with contextlib.suppress(OSError):  # never a state naming a table it does not have
            saved.path.unlink(missing_ok=True)
        return
    pairs = [[a, b, *value] for (a, b), value in sorted(state.pairs.items())]
    edited = [[a, b, n, [p for seed in seeds for p in seed], result]
              for (a, b), (n, seeds, result) in sorted(state.edited.items())]
    text = json.dumps({"pairs": pairs, "edited": edited})
    store = state.words
    words = {} if store is None else {
        "word_token": np.array([store.token], dtype=np.uint64), "word_used": np.array([store.used]),
        "word_starts": store.starts, "word_lengths": store.lengths}
    local = {} if state.names is None or state.live is None else {"names": state.names, "live": state.live}
    saved.save({"meta": np.frombuffer(text.encode(), dtype=np.uint8),
                "ids": np.frombuffer(b"".join(state.ids), dtype=np.uint8),
                "families": state.families, "counts": state.counts, **table, **words, **local})


def load(saved: SavedState) -> PassageState | None:
    """The state the last run saved under this fingerprint, or None (none, another, damaged)."""
    arrays = saved.load()
    if arrays is None:
        return None
    try:
        meta = json.loads(arrays["meta"].tobytes())
        raw = arrays["ids"].tobytes()
        ids = [raw[i : i + 16] for i in range(0, len(raw), 16)]
        table = read_table(saved, arrays)
        if table is None:
            return None
        state = PassageState(ids, arrays["families"], arrays["counts"], *table, {}, {})
        for a, b, shared, len_a, len_b, runs in meta["pairs"]:
            state.pairs[(a, b)] = (shared, len_a, len_b, runs)
        for a, b, n, flat, result in meta["edited"]:
            state.edited[(a, b)] = [n, list(zip(flat[0::2], flat[1::2])), result]
        n = len(ids)
        if not (len(state.families) == len(state.counts) == n
                and len(state.hashes) == len(state.docs) == len(state.positions)):
            return None
        if "word_token" in arrays:
            store = WordStore(int(arrays["word_token"][0]), arrays["word_starts"].astype(np.int64),
                              arrays["word_lengths"].astype(np.int64), int(arrays["word_used"][0]))
            ends = store.starts + store.lengths
            if len(store.starts) == len(store.lengths) == n and int(ends.max(initial=0)) <= store.used:
                state.words = store
        if "names" in arrays and len(arrays["names"]) == n:
            state.names, state.live = arrays["names"], arrays["live"]
        return state
    except Exception:  # a damaged state is a cold computation, never a failed run
        return None


def table_path(saved: SavedState) -> Path:
    """The fingerprint table of the state at `saved.path`: beside it, one file per state."""
    return saved.path.with_suffix(".table")


_TABLE_TYPES = (np.dtype("<u8"), np.dtype("<i4"), np.dtype("<i4"))  # hashes, docs, positions


def write_table(saved: SavedState, table: tuple[np.ndarray, ...]) -> dict[str, np.ndarray] | None:
    """Write the fingerprint table (hashes, docs, positions) to its own file under a new
    token: the token (8 bytes), then each column whole. What the state keeps to find it
    again (its token and rows), or None: not written. The table was 96% of the state
    (98 of 102 MB at 100,000 articles) and went through the zip of np.savez both ways
    (a copy and a CRC each); a rerun now maps it (read_table). A file mapped by a run
    still going keeps its pages: this one replaces it by a rename."""
    path = table_path(saved)
    clean_stale(path)
    token = int.from_bytes(os.urandom(8), "little")
    partial = temp_name(path)
    columns = [np.ascontiguousarray(column, dtype=kind) for column, kind in zip(table, _TABLE_TYPES)]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("xb") as fh:
            fh.write(np.array([token], dtype=np.uint64).tobytes())
            for column in columns:
                fh.write(column.data)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return None
    return {"table_token": np.array([token], dtype=np.uint64), "table_rows": np.array([len(columns[0])])}


def read_table(saved: SavedState, arrays: Mapping[str, np.ndarray]) -> tuple[np.ndarray, ...] | None:
    """The state's fingerprint table (hashes, docs, positions), mapped read-only from its
    file; None when the file is not the state's (another token, another size) or cannot
    be read."""
    token, rows = int(arrays["table_token"][0]), int(arrays["table_rows"][0])
    try:
        with table_path(saved).open("rb") as fh:
            if os.fstat(fh.fileno()).st_size != 8 + rows * sum(kind.itemsize for kind in _TABLE_TYPES):
                return None
            if rows == 0:
                return tuple(np.zeros(0, dtype=kind) for kind in _TABLE_TYPES)
            flat = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    if int(np.frombuffer(flat, np.uint64, 1)[0]) != token:
        return None
    columns, offset = [], 8
    for kind in _TABLE_TYPES:
        columns.append(np.frombuffer(flat, kind, rows, offset))
        offset += rows * kind.itemsize
    return tuple(columns)


@dataclass
class WordStore:
    """Where each article's word hashes are in the words file (words_path): the file's
    first word is `token` (the state and the file go together), the rest are word hashes,
    each article's `lengths[d]` of them from `starts[d]` (in words from the file's start).
    A rerun appends the changed articles' words and maps the file: decoding 100,000
    articles' shares (base64, 260 MB of words) was a third of a 100,000 rerun's passage
    CPU (1.7 of 5.4 s), and reading the file into memory still cost 0.4-0.7 s of system
    CPU (a fresh 260 MB buffer), mapping it about 0.01 s."""

    token: int
    starts: np.ndarray  # int64, each article's first word in the file
    lengths: np.ndarray  # int64, its words
    used: int  # the file's words the state refers to: it is at least this long


WASTE = 1.0  # words of replaced articles the file holds, per live word, before it is written anew


def words_path(saved: SavedState) -> Path:
    """The words file of the state at `saved.path`: beside it, one file per state."""
    return saved.path.with_suffix(".words")


def write_words(saved: SavedState, words: CorpusWords) -> WordStore | None:
    """Write the corpus's words whole under a new token (None: not written; the next
    rerun then decodes the shares, as without a file). A file mapped by a run still
    going keeps its words: this one replaces it by a rename."""
    path = words_path(saved)
    clean_stale(path)
    token = int.from_bytes(os.urandom(8), "little")
    partial = temp_name(path)
    n = len(words.offsets) - 1
    lengths = words.lengths(np.arange(n))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("xb") as fh:
            fh.write(np.array([token], dtype=np.uint64).tobytes())
            starts = words.offsets[:n]
            for first, last in zip(*(part.tolist() for part in _runs(starts, lengths))):
                stop = int(starts[last - 1] + lengths[last - 1])
                fh.write(np.ascontiguousarray(words.words[int(starts[first]) : stop], dtype=np.uint64).data)
        partial.replace(path)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        return None
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    return WordStore(token, offsets[:-1] + 1, lengths, 1 + int(offsets[-1]))


def _runs(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(firsts, lasts): the runs of articles whose words follow one another."""
    breaks = np.flatnonzero(starts[1:] != starts[:-1] + lengths[:-1]) + 1
    firsts = np.concatenate([[0], breaks]).astype(np.int64)
    lasts = np.concatenate([breaks, [len(starts)]]).astype(np.int64)
    keep = lasts > firsts
    return firsts[keep], lasts[keep]


def read_words(saved: SavedState, store: WordStore, old_of_new: np.ndarray,
               fresh: Mapping[int, np.ndarray]) -> tuple[CorpusWords, WordStore | None] | None:
    """Every article's words (positions now): the state's articles' from the file, the
    changed and added ones (`fresh`, by position now) appended to it first, then the
    file mapped (read-only); and where they are now (None: the file could not be
    written anew). None when the file is not the state's (another token, shorter than
    `used`) or cannot be read or appended to: the caller decodes the shares instead.

    The file is only ever appended to (one O_APPEND write: a run that maps it meanwhile
    keeps what it maps, and two runs' words never overlap) or replaced by a rename;
    what a killed run appended is dead words, as replaced articles' are."""
    n = len(old_of_new)
    kept = old_of_new >= 0
    if not np.all(kept | np.isin(np.arange(n), np.fromiter(fresh, np.int64, len(fresh)))):
        return None
    path = words_path(saved)
    starts = np.where(kept, store.starts[np.maximum(old_of_new, 0)], 0)
    lengths = np.where(kept, store.lengths[np.maximum(old_of_new, 0)], 0)
    added = np.flatnonzero(~kept)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if len(head) != 8 or int(np.frombuffer(head, np.uint64)[0]) != store.token:
                return None
            size = os.fstat(fh.fileno()).st_size
            if size < store.used * 8:
                return None
        parts = [np.ascontiguousarray(fresh[doc], dtype=np.uint64) for doc in added.tolist()]
        many = np.fromiter((len(p) for p in parts), np.int64, len(parts))
        used = store.used
        if int(many.sum()):
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            try:
                pad = (-os.fstat(fd).st_size) % 8  # a killed writer's part word
                data = b"\0" * pad + b"".join(p.tobytes() for p in parts)
                if os.write(fd, data) != len(data):
                    return None
                end = os.lseek(fd, 0, os.SEEK_CUR)  # this write's end (O_APPEND: the file's then)
                if end % 8:  # another writer's part word came between: these words are not whole words
                    return None
                end //= 8
            finally:
                os.close(fd)
            first = end - int(many.sum())
            starts[added] = first + np.cumsum(many) - many
            lengths[added] = many
            used, size = max(used, end), end * 8
        flat = np.memmap(path, dtype=np.uint64, mode="r", shape=(size // 8,))
        if len(flat) < used or int(flat[0]) != store.token:  # replaced meanwhile
            return None
    except (OSError, ValueError):
        return None
    offsets = np.append(starts, 0)  # offsets[-1] unused: `ends` says where each stops
    words = CorpusWords(flat, offsets, starts + lengths)
    if len(flat) - 1 - int(lengths.sum()) > WASTE * max(1, int(lengths.sum())):
        return words, write_words(saved, words)  # mostly dead words: written anew
    return words, WordStore(store.token, starts, lengths, used)


@dataclass
class Rerun:
    """What changed since the state's run, and what is recomputed (new positions)."""

    old_of_new: np.ndarray  # each article's position in the state's run, -1: new or changed
    new_of_old: np.ndarray  # each of the state's articles' position now, -1: removed or changed
    affected: np.ndarray  # bool: changed, added, or its family is not the same set of articles
    flipped: np.ndarray  # bool: unaffected, holding a fingerprint that crossed max_df
    crossing: np.ndarray  # sorted codes (a << 32 | b) of the pairs of unaffected articles
    # that both hold a fingerprint that crossed max_df: the only pairs of two unaffected
    # articles whose seeds moved
    table: Table  # the corpus's fingerprints now (made whole only for the save: Table.whole)
    counts: np.ndarray  # fingerprints of each article now
    crossed: np.ndarray  # sorted fingerprints whose count of families crossed max_df

    def dirty(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Whether the pairs (a, b) (positions now) may have another outcome than before."""
        out = self.affected[a] | self.affected[b]
        both = np.flatnonzero(~out & self.flipped[a] & self.flipped[b])
        if len(both) and len(self.crossing):
            lo, hi = np.minimum(a[both], b[both]).astype(np.int64), np.maximum(a[both], b[both]).astype(np.int64)
            out[both] = in_sorted(self.crossing, (lo << 32) | hi)
        return out

    def key_rows(self, local: Local | None = None) -> tuple[np.ndarray, ...]:
        """(hashes, docs, positions, marks): the rows of the fingerprints held by an
        affected article, or by two rows of flipped ones, with every other holder of those
        fingerprints, sorted by hash as the table: the groups every dirty pair's seeds are
        in (a dirty pair of two unaffected articles is of two flipped ones, and every
        fingerprint both hold is held by two flipped rows). And whether each row's groups
        are to be searched for live pairs (`marks`): all, but for the fingerprints that
        only `local` articles hold away from their edits (and that did not cross max_df)."""
        flipped, _ = self.table.held(self.flipped)  # sorted, with a hash once per row
        starts, _ = run_bounds(flipped, 2)
        held, holders = self.table.held(self.affected)
        wanted = distinct(np.concatenate([held, flipped[starts]]), "stable")
        hashes, docs, positions = self.table.rows(wanted)
        if local is None or not len(local.docs):
            return hashes, docs, positions, np.ones(len(hashes), dtype=bool)
        full = self.affected.copy()
        full[local.docs] = False
        searched = distinct(np.concatenate([held[full[holders]], flipped[starts], local.near,
                                            self.crossed]), "stable")
        return hashes, docs, positions, in_sorted(searched, hashes)


def match(state: PassageState, ids: list[bytes]) -> tuple[np.ndarray, np.ndarray] | None:
    """(old_of_new, new_of_old), or None when the unchanged articles are not in the same
    order as before (positions break ties: such a rerun is computed whole)."""
    where = {key: i for i, key in enumerate(state.ids)}
    old_of_new = np.fromiter((where.get(key, -1) for key in ids), np.int64, len(ids))
    kept = np.flatnonzero(old_of_new >= 0)
    if np.any(np.diff(old_of_new[kept]) <= 0):
        return None
    new_of_old = np.full(len(state.ids), -1, dtype=np.int64)
    new_of_old[old_of_new[kept]] = kept
    return old_of_new, new_of_old


def _rows_of(hashes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The rows of a hash-sorted column holding any of the sorted `wanted` values."""
    lo = np.searchsorted(hashes, wanted, side="left")
    many = np.searchsorted(hashes, wanted, side="right") - lo
    return np.repeat(lo, many) + ranks(many)


def _family_counts(hashes: np.ndarray, families: Callable[[np.ndarray], np.ndarray], wanted: np.ndarray) -> np.ndarray:
    """How many families hold each of the sorted `wanted` hashes (`families`: a callable
    giving the family of given rows, so that only the rows of `wanted` are looked up)."""
    rows = _rows_of(hashes, wanted)  # wanted's runs, in its order: (run, family) as one int64
    runs = np.repeat(np.arange(len(wanted), dtype=np.int64), np.searchsorted(hashes, wanted, side="right")
                     - np.searchsorted(hashes, wanted, side="left"))
    keys = distinct((runs << 32) | families(rows))  # each (run, family) once
    return np.bincount(keys >> 32, minlength=len(wanted))


def _merged(base: np.ndarray, at: np.ndarray, values: np.ndarray) -> np.ndarray:
    """np.insert(base, at, values) for a sorted `at` (one pass, no generic index work)."""
    out = np.empty(len(base) + len(values), dtype=base.dtype)
    dest = at + np.arange(len(values))
    mask = np.ones(len(out), dtype=bool)
    mask[dest] = False
    out[mask] = base
    out[dest] = values
    return out


def affected_articles(old_of_new: np.ndarray, old_families: np.ndarray, families: np.ndarray) -> np.ndarray:
    """Changed or added articles, and those whose family is not the same set of articles
    as before (a member added, removed, changed, or the family split or merged)."""
    changed = old_of_new < 0
    _, fam = np.unique(families, return_inverse=True)
    was = np.where(changed, -1, old_families[np.maximum(old_of_new, 0)])
    lo = np.full(int(fam.max(initial=-1)) + 1, np.iinfo(np.int64).max)
    hi = np.full(len(lo), -1, dtype=np.int64)
    np.minimum.at(lo, fam, was)
    np.maximum.at(hi, fam, was)
    old_size = np.bincount(old_families, minlength=1)
    same = (lo == hi) & (lo >= 0) & (np.bincount(fam, minlength=len(lo)) == old_size[np.clip(lo, 0, len(old_size) - 1)])
    return changed | ~same[fam]


WORDS_PER_ROWS = 2000  # Table.held fingerprints an article from its words, up to this many rows of
# the table an article (a pass over the whole table's 5.8 million rows at 100,000 articles
# costs about as much as winnowing 2,000 articles' words); more articles: the pass


@dataclass
class Table:
    """The fingerprint table now (hashes, docs, positions, sorted by hash), not made: the
    state's rows of the articles kept, at their positions now, with the `fresh` rows
    (hashes, docs now, positions; sorted by hash) of the changed and added ones. A rerun
    asks for the rows of some fingerprints (`rows`) and for the fingerprints of some
    articles (`held`), a few thousand of each at 1% of 100,000 articles; merging the table
    (0.18 s of its 5.8 million rows) and each pass over it (0.01-0.03 s) were on the
    rerun's path. It is made whole only for the state's save (`whole`), once the findings
    are sent. `prints(olds)`: the fingerprints (hashes, article) of the state's articles
    `olds`, from their words (passage's Fingerprints.of, as the table's rows were made),
    or None: from a pass over the table."""

    state: PassageState
    matched: tuple[np.ndarray, np.ndarray]
    fresh: tuple[np.ndarray, np.ndarray, np.ndarray]
    prints: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None

    @classmethod
    def of(cls, state: PassageState, matched: tuple[np.ndarray, np.ndarray], fresh: tuple[np.ndarray, ...],
           prints: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None) -> Table:
        """From fresh rows in any order (hashes, docs now, positions, ...)."""
        order = np.argsort(fresh[0], kind="stable")
        return cls(state, matched, (fresh[0][order], fresh[1][order].astype(np.int32),
                                    fresh[2][order].astype(state.positions.dtype)), prints)

    def rows(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(hashes, docs, positions) of every row now of the sorted `wanted` fingerprints,
        in the merged table's order (the state's rows of a hash, then the fresh ones)."""
        state, new_of_old = self.state, self.matched[1]
        old = _rows_of(state.hashes, wanted)
        docs = new_of_old[state.docs[old]]
        kept = docs >= 0
        old, docs = old[kept], docs[kept].astype(np.int32)
        new = _rows_of(self.fresh[0], wanted)
        hashes = state.hashes[old]
        at = np.searchsorted(hashes, self.fresh[0][new], side="right")
        return (_merged(hashes, at, self.fresh[0][new]), _merged(docs, at, self.fresh[1][new]),
                _merged(state.positions[old], at, self.fresh[2][new]))

    def counts(self, wanted: np.ndarray, gone: np.ndarray) -> np.ndarray:
        """The rows now of each of the sorted `wanted` fingerprints, with `gone` the sorted
        hashes of the state's rows of the articles not kept (held_then of them)."""
        def many(hashes: np.ndarray) -> np.ndarray:
            return np.searchsorted(hashes, wanted, side="right") - np.searchsorted(hashes, wanted)
        return many(self.state.hashes) - many(gone) + many(self.fresh[0])

    def held_then(self, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(hashes, articles) of the state's rows of the articles `chosen` (a bool per
        article of the state's run), sorted by hash (the table's order within one)."""
        olds = np.flatnonzero(chosen)
        state = self.state
        if self.prints is None or len(olds) * WORDS_PER_ROWS > max(1, len(state.docs)):
            rows = np.flatnonzero(chosen[state.docs])
            return state.hashes[rows], state.docs[rows].astype(np.int64)
        hashes, docs = self.prints(olds)  # by article: a stable sort keeps them so within a hash
        order = np.argsort(hashes, kind="stable")
        return hashes[order], docs[order]

    def held(self, chosen: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(hashes, articles now) of the rows now of the articles `chosen` (a bool per
        article now), sorted by hash."""
        old_of_new = self.matched[0]
        kept = np.zeros(len(self.state.ids), dtype=bool)
        kept[old_of_new[chosen & (old_of_new >= 0)]] = True
        then, olds = self.held_then(kept)
        mine = chosen[self.fresh[1]]
        hashes = np.concatenate([then, self.fresh[0][mine]])
        order = np.argsort(hashes, kind="stable")
        docs = np.concatenate([self.matched[1][olds], self.fresh[1][mine].astype(np.int64)])
        return hashes[order], docs[order]

    def whole(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The table now, made: the state's rows of the articles kept with the fresh ones
        merged in."""
        state, new_of_old = self.state, self.matched[1]
        now_of = np.where(new_of_old < 0, -1, new_of_old).astype(np.int32)[state.docs]
        keep = now_of >= 0
        hashes, docs, positions = state.hashes[keep], now_of[keep], state.positions[keep]
        at = np.searchsorted(hashes, self.fresh[0], side="right")
        return (_merged(hashes, at, self.fresh[0]), _merged(docs, at, self.fresh[1]),
                _merged(positions, at, self.fresh[2]))


def counts_now(state: PassageState, matched: tuple[np.ndarray, np.ndarray], fresh_counts: np.ndarray) -> np.ndarray:
    """Each article's fingerprints now: the state's for the articles kept, `fresh_counts`'
    (by position now) for the others."""
    old_of_new = matched[0]
    return np.where(old_of_new < 0, fresh_counts, state.counts[np.maximum(old_of_new, 0)])


def plan(state: PassageState, matched: tuple[np.ndarray, np.ndarray], families: np.ndarray,
         fresh: tuple[np.ndarray, ...], max_df: int, table: Table | None = None) -> Rerun | None:
    """The rerun's plan: `fresh` is (hashes, docs, positions, counts) of the changed and
    added articles (docs and counts by position now); `table`: the Table of them, if made
    already. None: too large a change."""
    old_of_new, new_of_old = matched
    n = len(old_of_new)
    affected = affected_articles(old_of_new, state.families, families)
    gone = int(np.count_nonzero(new_of_old < 0))
    if int(np.count_nonzero(affected)) + gone > LARGE_CHANGE * max(1, n):
        return None
    table = Table.of(state, matched, fresh) if table is None else table
    counts = counts_now(state, matched, fresh[3])
    # the fingerprints whose family count may have moved: those of affected articles, before and now
    was_affected = (new_of_old < 0) | affected[np.maximum(new_of_old, 0)]
    # two sorted parts: merged by a stable sort
    # now: the kept affected articles' rows are among `then` (they were affected), so only
    # the fresh rows of affected articles are added (Table.held would winnow them again)
    then, olds = table.held_then(was_affected)
    fresh_hashes, fresh_docs, _ = table.fresh
    moved = distinct(np.concatenate([then, fresh_hashes[affected[fresh_docs]]]), "stable")
    # a fingerprint of max_df rows or fewer, before and now, is of max_df families or fewer
    # both times: only the others are counted by family (the rows now counted, not made)
    many = ((np.searchsorted(state.hashes, moved, side="right") - np.searchsorted(state.hashes, moved) > max_df)
            | (table.counts(moved, then[new_of_old[olds] < 0]) > max_df))
    moved = moved[many]
    before = _family_counts(state.hashes, lambda rows: state.families[state.docs[rows]], moved)
    hashes, docs, _ = table.rows(moved)
    now = _family_counts(hashes, lambda rows: families[docs[rows]], moved)
    crossed = moved[(before > max_df) != (now > max_df)]
    flipped = np.zeros(n, dtype=bool)
    hashes, docs, _ = table.rows(crossed)
    flipped[docs] = True
    flipped &= ~affected
    crossing = _crossing_pairs(hashes, docs, flipped)
    if crossing is None:
        return None
    return Rerun(old_of_new, new_of_old, affected, flipped, crossing, table, counts, crossed)


CROSSING_PAIRS = 1 << 24  # pairs of holders of crossed fingerprints listed at most (else: whole)


def _crossing_pairs(hashes: np.ndarray, docs: np.ndarray, flipped: np.ndarray) -> np.ndarray | None:
    """Sorted codes of the pairs of flipped articles that hold one crossed fingerprint
    (`hashes`, `docs`: its rows, sorted by hash); None when they are too many to list."""
    keep = flipped[docs]
    hashes, docs = hashes[keep], docs[keep].astype(np.int64)
    starts, stops = run_bounds(hashes, 2)
    sizes = stops - starts
    if int((sizes * (sizes - 1) // 2).sum()) > CROSSING_PAIRS:
        return None
    left, right = _pairs_within(np.arange(len(docs)), starts, sizes)
    a, b = docs[left], docs[right]
    keep = a != b
    return distinct((np.minimum(a, b)[keep] << 32) | np.maximum(a, b)[keep])


def kept_outcomes(state: PassageState, rerun: Rerun) -> tuple[dict[tuple[int, int], Any], dict[tuple[int, int], list[Any]]]:
    """The state's pair outcomes that hold now, at the articles' positions now."""
    out = []
    for table in (state.pairs, state.edited):
        if not table:
            out.append({})
            continue
        keys = np.array(list(table), dtype=np.int64).reshape(-1, 2)
        a, b = rerun.new_of_old[keys[:, 0]], rerun.new_of_old[keys[:, 1]]
        ok = (a >= 0) & (b >= 0)
        ok[ok] = ~rerun.dirty(a[ok], b[ok])
        values = list(table.values())
        out.append({(int(a[i]), int(b[i])): values[i] for i in np.flatnonzero(ok).tolist()})
    return out[0], out[1]


# The edit-local search (a changed article c whose family is itself alone, before and now,
# its previous version c' found by its id). A seed of a pair (c, x) is a fingerprint both
# hold, at each one's first place. A fingerprint of c at a place p whose winnowing (the
# window + kgram - 1 words each way) and whose seed's growth (live_pairs: seeds._grow,
# which reads at most reach() words each way) read only words of the part c and c' have
# in common (the same words from the start, or the same to the end: "far" from the edit)
# is a fingerprint of c' at the same place (counted from that end), and the other way.
# So, for x unaffected or itself such an article, a seed of (c, x) far from the edits
# (and whose fingerprint is near no edit of c or x and did not cross max_df) is a seed of
# (c', x') grown over the same words to the same end: live now only if it was. A pair
# with a live seed now either had one before (the state keeps those pairs: `live`) or
# has one in the groups of the fingerprints near an edit, of either version, or crossed:
# only those groups are searched (live_candidates); the others' groups are still made
# (a candidate pair's seeds are all its groups).


def reach(cfg: Any) -> tuple[int, int]:
    """(ahead, behind): the words from a fingerprint's first word on, and before it, that
    its winnowing and its seed's growth read at most. seeds._grow reads cap words each
    way, then rounds of a gap (RESYNC_STEPS, checked over RESYNC_CONFIRM words) and an
    equal run of RESYNC_CONFIRM words or more, while the shorter side is under cap (from
    kgram ahead, from 0 behind); each round may take one side up to the gap's difference
    (2 words) past the other, and reads up to a gap and its confirmation past that."""
    cap = max(cfg.min_words, cfg.kgram)
    gap = max(max(step) for step in RESYNC_STEPS)
    apart = max(abs(a - b) for a, b in RESYNC_STEPS)
    rounds_ahead = -(-max(0, cap - cfg.kgram) // RESYNC_CONFIRM)
    rounds_behind = -(-cap // RESYNC_CONFIRM)
    ahead = max(cap + apart * rounds_ahead + gap + RESYNC_CONFIRM, cfg.kgram + cfg.window - 1)
    behind = max(cap + apart * rounds_behind + gap + RESYNC_CONFIRM, cfg.window - 1)
    return ahead, behind


@dataclass
class Local:
    """The changed articles searched near their edits only."""

    docs: np.ndarray  # their positions now (int64)
    olds: np.ndarray  # their previous versions' positions in the state's run
    near: np.ndarray  # sorted fingerprints of either version near an edit


NO_LOCAL = Local(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.uint64))


def versions(state: PassageState, matched: tuple[np.ndarray, np.ndarray], names_now: np.ndarray,
             families: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(docs, olds): the changed articles (positions now) whose previous version (position
    then) is the one article of the state's run with the same id and gone since, each
    alone in its family, then and now."""
    if state.names is None:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    old_of_new, new_of_old = matched
    changed, gone = np.flatnonzero(old_of_new < 0), np.flatnonzero(new_of_old < 0)
    if not len(changed) or not len(gone):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    now_names, then_names = names_now[changed], state.names[gone]
    once_now = _once(now_names) & (np.bincount(families)[families[changed]] == 1)
    once_then = _once(then_names) & (np.bincount(state.families)[state.families[gone]] == 1)
    order = np.argsort(then_names, kind="stable")
    then = order[np.minimum(np.searchsorted(then_names[order], now_names), len(gone) - 1)]
    ok = (then_names[then] == now_names) & once_now & once_then[then]
    return changed[ok], gone[then[ok]]


def likely_read(state: PassageState, matched: tuple[np.ndarray, np.ndarray], names_now: np.ndarray,
                changed: np.ndarray) -> np.ndarray:
    """The articles (positions now) a rerun is likely to verify pairs of, known before the
    families: each changed article whose previous version (the state's article of the same
    id, gone since) had a live pair, and that pair's other article, if kept. A guess for
    reading ahead (passage._read_ahead), not a rule: it decides nothing."""
    new_of_old = matched[1]
    gone = np.flatnonzero(new_of_old < 0)
    if state.names is None or state.live is None or not len(changed) or not len(gone):
        return np.zeros(0, np.int64)
    then_names = state.names[gone]
    order = np.argsort(then_names, kind="stable")
    at = np.minimum(np.searchsorted(then_names[order], names_now[changed]), len(gone) - 1)
    found = then_names[order[at]] == names_now[changed]
    before = gone[order[at[found]]]  # the previous versions of the changed articles found
    version = np.full(len(new_of_old), -1, dtype=np.int64)  # old position -> its article now
    kept = new_of_old >= 0
    version[kept] = new_of_old[kept]
    version[before] = changed[found]
    a, b = state.live >> 32, state.live & 0xFFFFFFFF
    mine = np.zeros(len(new_of_old), dtype=bool)
    mine[before] = True
    pick = (mine[a] | mine[b]) & (version[a] >= 0) & (version[b] >= 0)
    return distinct(np.concatenate([version[a[pick]], version[b[pick]]]))


def _once(values: np.ndarray) -> np.ndarray:
    """Whether each value is the only one of its kind in `values`."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    same = np.zeros(len(values) + 1, dtype=bool)
    if len(values) > 1:
        same[1:-1] = ordered[1:] == ordered[:-1]
    out = np.empty(len(values), dtype=bool)
    out[order] = ~(same[:-1] | same[1:])
    return out


def near_edits(old: Sequence[np.ndarray], new: Sequence[np.ndarray], old_prints: tuple[np.ndarray, ...],
               new_prints: tuple[np.ndarray, ...], cfg: Any) -> np.ndarray:
    """The sorted fingerprints near an edit of either version: `old` and `new` are each
    article's words then and now, `*_prints` (hashes, article, place) their fingerprints
    (article: its index in `old`/`new`). Near: from reach()'s ahead words before the
    first word that differs, up to behind words after the last (counted from the end)."""
    ahead, behind = reach(cfg)
    n = len(new)
    same_start = np.zeros(n, dtype=np.int64)
    same_end = np.zeros(n, dtype=np.int64)
    for i, (then, now) in enumerate(zip(old, new)):
        short = min(len(then), len(now))
        differ = np.flatnonzero(then[:short] != now[:short])
        first = int(differ[0]) if len(differ) else short
        rest = short - first
        differ = np.flatnonzero(then[len(then) - rest :][::-1] != now[len(now) - rest :][::-1])
        same_start[i], same_end[i] = first, int(differ[0]) if len(differ) else rest
    out = []
    for words, (hashes, docs, places) in ((old, old_prints), (new, new_prints)):
        lengths = np.fromiter((len(w) for w in words), np.int64, n)
        lo, hi = same_start - ahead, lengths - same_end + behind
        places = places.astype(np.int64)
        out.append(hashes[(places >= lo[docs]) & (places < hi[docs])])
    return distinct(np.concatenate(out))


def live_now(state: PassageState, rerun: Rerun, local: Local) -> tuple[np.ndarray, np.ndarray]:
    """(kept, local_pairs): the state's live pairs that hold now (both articles unchanged,
    the pair not dirty), and those with a local article's previous version, both taken to
    positions now (an article's previous version to its own): the latter are candidates."""
    live = state.live if state.live is not None else np.zeros(0, np.int64)
    a, b = live >> 32, live & 0xFFFFFFFF
    now_a, now_b = rerun.new_of_old[a], rerun.new_of_old[b]
    ok = np.flatnonzero((now_a >= 0) & (now_b >= 0))
    ok = ok[~rerun.dirty(now_a[ok], now_b[ok])]
    kept = np.sort((np.minimum(now_a[ok], now_b[ok]) << 32) | np.maximum(now_a[ok], now_b[ok]))
    version = rerun.new_of_old.copy()
    version[local.olds] = local.docs
    is_local = np.zeros(len(version), dtype=bool)
    is_local[local.olds] = True
    mine = np.flatnonzero((is_local[a] | is_local[b]) & (version[a] >= 0) & (version[b] >= 0))
    va, vb = version[a[mine]], version[b[mine]]
    return kept, distinct((np.minimum(va, vb) << 32) | np.maximum(va, vb))
