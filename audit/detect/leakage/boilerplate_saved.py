"""boilerplate.line on a rerun: the last run's recurrence counts, corrected by what changed.

An article's findings depend on its text, title and URL (its prepared items and line
keys), its publisher group, and how many articles of that group carry each of its keys.
The state (audit.detect.saved) keeps, for each article of the last run, a digest of those
inputs (text hash, title, URL, group), its units' rows in the table of (group, key) pairs
with their counts (recurrence_pairs), and its findings. A rerun matches its articles to
the last run's by digest; the removed ones (edited texts count as removed and added) take
one from each pair they carried, the added ones add one. Only the articles holding a pair
whose count moved to or from a count that can decide a finding (least_telling), and the
added ones, are judged again; the others' findings are the last
run's. So the counts are those a sort of every unit gives (recurrence.unit_recurrence), and
the findings those of a run without the state.

All of it is arrays but the digests (one blake2b an article) and the findings (a few
thousand at 100,000 articles): the state was JSON of every article's identity and a dict
of them matched a rerun's articles (0.35 s of the parent's CPU at 100,000, with its
writing), and the changed articles' keys were searched among every unit (0.24 s).
With no state, or with as many changes as half the corpus, everything is counted again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from audit.detect.cache import unpacked
from audit.detect.leakage.boilerplate import (
    CHECK,
    Settings,
    article_findings,
    prepared,
    reuse_floors,
    unit_starts,
)
from audit.detect.leakage.chrome_lines import group_of
from audit.detect.leakage.recurrence import unit_recurrence
from audit.detect.leakage.recurrence_pairs import Pairs, merged, mixed, pairs_of, rows_of
from audit.detect.saved import SavedState, drop_shares
from audit.detect.saved_texts import rows_in
from audit.model import Article, Finding, span_finding

_MIX = np.uint64(0x9E3779B97F4A7C15)  # spreads an identity's occurrence over its first word


@dataclass
class State:
    """A run's state: each article's identity digest (two uint64 words), its units' rows
    in `pairs` (offsets[i]:offsets[i + 1]; -1: a unit with no key), the groups by number,
    and the findings (article -> [start, end, message, signal] each)."""

    idents: np.ndarray
    offsets: np.ndarray
    units: np.ndarray
    pairs: Pairs
    groups: list[str]
    findings: dict[int, list[list[Any]]]
    floors: dict[str, int] | None = None  # reuse_floors of the run (None: a state from before them)


def remembered_findings(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings,
                        saved: SavedState) -> Iterator[Finding]:
    """find_boilerplate_lines' findings, the state of the last run used and this run's saved."""
    groups = [group_of(a) for a in articles]
    idents = identities(articles, groups)
    last = _load(saved)
    floors = reuse_floors(groups, settings)
    # a publisher's floor moved (it grew past another hundred articles): its articles' findings
    # may change whatever their counts did, so all are judged again, as rarely as that happens
    done = (_incremental(articles, params, settings, groups, idents, last, floors)
            if last is not None and last.floors == floors else None)
    if done is None:
        done = _whole(articles, params, settings, groups, floors)
    found = done[0]
    for i in sorted(found):
        yield from found[i]
    _save(saved, idents, done, floors)


def identities(articles: Sequence[Article], groups: Sequence[str]) -> np.ndarray:
    """What an article's findings depend on but the counts, as 16 bytes (two uint64 words)
    each: its text hash, title, URL (repr: None is not "None") and group."""
    blake = hashlib.blake2b
    raw = b"".join(blake(f"{a.content_sha256}\x1f{a.title!r}\x1f{a.url!r}\x1f{g}".encode("utf-8", "surrogatepass"),
                         digest_size=16).digest() for a, g in zip(articles, groups))
    return np.frombuffer(raw, dtype=np.uint64).reshape(len(articles), 2)


def matched(now: np.ndarray, then: np.ndarray) -> np.ndarray:
    """For each identity of `now`, a row of `then` with the same one, each row used once
    (the k-th article of an identity takes its k-th row), else -1."""
    return rows_in(_ranked(now), _ranked(then))


def _ranked(idents: np.ndarray) -> np.ndarray:
    """The identities with their occurrence (0 for the first of its identity, in order),
    mixed into the first word and a third column of its own: every row unique. Sorted by
    the first word alone (a lexsort of both took twice as long); the few rows that share
    it (a record given twice) are ranked one by one."""
    order = np.argsort(idents[:, 0], kind="stable")
    first = idents[order, 0]
    rank = np.zeros(len(idents), dtype=np.uint64)
    shared = np.flatnonzero(first[1:] == first[:-1])
    if len(shared):
        seen: dict[tuple[int, int], int] = {}
        for row in np.unique(order[np.concatenate([shared, shared + 1])]).tolist():
            ident = (int(idents[row, 0]), int(idents[row, 1]))
            rank[row] = seen.get(ident, 0)
            seen[ident] = int(rank[row]) + 1
    with np.errstate(over="ignore"):
        return np.column_stack([idents[:, 0] ^ (rank * _MIX), idents[:, 1], rank])


# each article's findings (the articles with some), this run's offsets, units, pairs and groups
Outcome = tuple[dict[int, list[Finding]], np.ndarray, np.ndarray, Pairs, list[str]]


def _whole(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings,
           groups: list[str], floors: dict[str, int]) -> Outcome:
    """As find_boilerplate_lines without the state, the pairs and each unit's row kept."""
    made_under = asdict(settings)
    ready = [prepared(article, params, made_under) for article in articles]
    keys = [unpacked(p["keys"], np.uint64) for p in ready]
    lengths = [len(k) for k in keys]
    counts = unit_recurrence(groups, keys)
    starts = unit_starts(counts, lengths, settings)
    docs = counts.tolist()
    found = [article_findings(a, p["items"], docs, at, settings, floors.get(g, 0))
             for a, p, at, g in zip(articles, ready, starts, groups)]
    number: dict[str, int] = {}
    gid = np.array([number.setdefault(g, len(number)) for g in groups], dtype=np.int64)
    flat = np.concatenate([np.zeros(0, np.uint64), *keys])
    pairs, units = pairs_of(np.repeat(gid, lengths), flat, counts)
    return {i: own for i, own in enumerate(found) if own}, _offsets(lengths), units, pairs, list(number)


def _offsets(lengths: Any) -> np.ndarray:
    return np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]).astype(np.int64)


def _spans(offsets: np.ndarray, which: np.ndarray) -> np.ndarray:
    """The unit places of the articles `which` (offsets: their bounds), in one array."""
    sizes = offsets[which + 1] - offsets[which]
    within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    return np.repeat(offsets[which], sizes) + within


def used(places: np.ndarray, size: int) -> np.ndarray:
    """Which of the last run's `size` articles this run's (`places`: matched's) kept."""
    kept = np.zeros(size, dtype=bool)
    kept[places[places >= 0]] = True
    return kept


def _distinct(owner: np.ndarray, row: np.ndarray) -> np.ndarray:
    """The rows (-1 left out) each owner holds, each once an owner: one per article."""
    held = row >= 0
    width = np.int64(row.max(initial=0)) + 1
    both = np.unique(owner[held].astype(np.int64) * width + row[held])
    return both % width


def _incremental(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings,
                 groups: list[str], idents: np.ndarray, last: State, floors: dict[str, int]) -> Outcome | None:
    """The findings and this run's units and pairs from the last run's, or None when too
    much changed."""
    places = matched(idents, last.idents)
    added = np.flatnonzero(places < 0)
    removed = np.flatnonzero(~used(places, len(last.idents)))
    if len(added) + len(removed) > len(articles) // 2 + 8:
        return None
    size = len(last.pairs.mix)
    gone = _spans(last.offsets, removed)  # the removed articles' units: one less each pair
    owner = np.repeat(np.arange(len(removed)), np.diff(last.offsets)[removed])
    change = -np.bincount(_distinct(owner, last.units[gone]), minlength=size)
    made_under = asdict(settings)
    number = {group: i for i, group in enumerate(last.groups)}
    shares = {i: prepared(articles[i], params, made_under) for i in added.tolist()}
    keys = [unpacked(shares[i]["keys"], np.uint64) for i in added.tolist()]
    lengths = np.array([len(k) for k in keys], dtype=np.int64)
    gid = np.repeat(np.array([number.setdefault(groups[i], len(number)) for i in added.tolist()],
                             dtype=np.int64), lengths)
    flat = np.concatenate([np.zeros(0, np.uint64), *keys])
    owner = np.repeat(np.arange(len(added)), lengths)
    rows = rows_of(last.pairs, gid, flat)
    change += np.bincount(_distinct(owner, rows), minlength=size)
    fresh = np.flatnonzero((rows < 0) & (flat != 0))  # pairs no article of the last run held
    triples = np.unique(np.column_stack([gid[fresh].astype(np.uint64), flat[fresh], owner[fresh].astype(np.uint64)]),
                        axis=0)
    new, new_count = np.unique(triples[:, :2], axis=0, return_counts=True)
    count = last.pairs.count + change
    moving = (change != 0) & (np.maximum(last.pairs.count, count) >= least_telling(settings))
    pairs, old_row = merged(last.pairs, count, new[:, 0].astype(np.int64), new[:, 1], new_count.astype(np.int64))
    ready = _Ready(added, shares, lengths, rows_of(pairs, gid, flat))
    return _outcome(articles, params, settings, last, places, ready, moving, pairs, old_row, list(number),
                    groups, floors)


def least_telling(settings: Settings) -> int:
    """The least count that can change a finding: below it, a unit is never recurring
    (each pending line's min_docs is one of recur_min_docs, _prose, _block, and a site-voice
    sentence needs _site_voice), never counts to unit_starts' share (recur_min_docs), and
    never equals the count of a recurring line, which copied_story compares. A pair whose
    count moves between counts below it (1 -> 2 of a line two articles share) leaves its
    holders' findings as they were: they are not judged again."""
    return min(settings.recur_min_docs, settings.recur_min_docs_prose, settings.recur_min_docs_site_voice,
               settings.recur_min_docs_block)


@dataclass
class _Ready:
    """The added articles (by place), their shares, and their units' rows in this run's pairs."""

    added: np.ndarray
    shares: dict[int, dict[str, Any]]
    lengths: np.ndarray
    units: np.ndarray


def _outcome(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings, last: State, places: np.ndarray, ready: _Ready,
             moving: np.ndarray, pairs: Pairs, old_row: np.ndarray | None, groups: list[str],
             article_groups: list[str], floors: dict[str, int]) -> Outcome:
    """This run's units, and the findings: the last run's for a kept article none of whose
    pairs moved, else judged again with this run's counts."""
    where = np.full(len(last.idents), -1, dtype=np.int64)  # each last row's article, else -1
    kept = np.flatnonzero(places >= 0)
    where[places[kept]] = kept
    moved = np.flatnonzero(moving[last.units] & (last.units >= 0))  # units of a moving pair
    holders = where[np.unique(np.searchsorted(last.offsets, moved, "right") - 1)]
    again = set(ready.added.tolist()) | set(holders[holders >= 0].tolist())
    lengths = np.zeros(len(articles), dtype=np.int64)
    lengths[kept] = np.diff(last.offsets)[places[kept]]
    lengths[ready.added] = ready.lengths
    offsets = _offsets(lengths)
    units = np.empty(int(offsets[-1]), dtype=np.int32)
    if np.all(np.diff(places[kept]) > 0):  # the kept articles in the last run's order: masks
        theirs = last.units[np.repeat(used(places, len(last.idents)), np.diff(last.offsets))]
        mine = np.repeat(places >= 0, lengths)
    else:
        theirs, mine = last.units[_spans(last.offsets, places[kept])], _spans(offsets, kept)
    units[mine] = theirs if old_row is None else np.append(old_row, -1)[theirs]
    units[_spans(offsets, ready.added)] = ready.units
    found: dict[int, list[Finding]] = {}  # not a list an article: 100,000 lists woke the collector
    for r, own in last.findings.items():  # no count of their pairs moved: the last run's findings
        i = int(where[r])
        if i >= 0 and i not in again:
            article = articles[i]
            found[i] = [span_finding(article, CHECK, start, end, message, data={"signal": signal})
                        for start, end, message, signal in own]
    counts = np.append(pairs.count, 0)  # a unit with no key (-1): 0
    made_under = asdict(settings)
    for i in sorted(again):
        article = articles[i]
        share = ready.shares.get(i) or prepared(article, params, made_under)
        mine = counts[units[offsets[i]:offsets[i + 1]]]
        own = article_findings(article, share["items"], mine.tolist(), _start(mine, settings), settings,
                               floors.get(article_groups[i], 0))
        if own:
            found[i] = own
    drop_shares(articles, "boilerplate")  # the others' shares, not parsed (the registry's name)
    return found, offsets, units, pairs, groups


def _start(counts: np.ndarray, settings: Settings) -> int | None:
    """unit_starts for one article (its units' counts from 0): None when most of its units
    recur (a duplicate article), else 0; without unit_starts' arrays made for one article."""
    recurring = int(np.count_nonzero(counts >= settings.recur_min_docs))
    return None if recurring > settings.recur_max_share * len(counts) else 0


def _load(saved: SavedState) -> State | None:
    loaded = saved.load()
    if loaded is None:
        return None
    meta = json.loads(loaded["meta"].tobytes().decode("utf-8"))
    gid, key = loaded["gid"].astype(np.int64), loaded["key"]
    pairs = Pairs(mixed(gid, key), gid, key, loaded["count"].astype(np.int64))
    return State(loaded["idents"], loaded["offsets"], loaded["units"], pairs, meta["groups"],
                 {int(r): own for r, own in meta["findings"].items()}, meta.get("floors"))


def _save(saved: SavedState, idents: np.ndarray, done: Outcome, floors: dict[str, int]) -> None:
    """This run's state: arrays, and the groups, floors and findings as JSON (a few thousand)."""
    found, offsets, units, pairs, groups = done
    meta = {"groups": groups, "floors": floors,
            "findings": {str(i): [[f.start, f.end, f.message, f.data["signal"]] for f in own]
                         for i, own in found.items()}}
    saved.save({"meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
                "idents": idents, "offsets": offsets, "units": units.astype(np.int32),
                "gid": pairs.gid.astype(np.int32), "key": pairs.key,
                "count": pairs.count.astype(np.int32)})
