"""boilerplate.line on a rerun: the last run's recurrence counts, corrected by what changed.

An article's findings depend on its text, title and URL (its prepared items and line
keys), its publisher group, and how many articles of that group carry each of its keys.
The state (audit.detect.saved) keeps, for each article of the last run, those inputs'
identity (text hash, title, URL, group), its line keys, each key's count then, and its
findings. A rerun matches its articles to the last run's by identity; the removed ones
(edited texts count as removed and added) take one from each (group, key) they carried,
the added ones add one. Only the articles holding a (group, key) whose count moved, and
the added ones, are judged again; the others' findings are the last run's. So the
counts are those a sort of every unit gives (recurrence.unit_recurrence), and the
findings those of a run without the state: a rerun of 20,000 articles with 200 edited
no longer unpacks, sorts and reads 350,000 lines (0.3 s of the parent's CPU).
With no state, or with as many changes as half the corpus, everything is counted again.
"""

from __future__ import annotations

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
    unit_starts,
)
from audit.detect.leakage.chrome_lines import group_of
from audit.detect.leakage.recurrence import unit_recurrence
from audit.detect.saved import SavedState, drop_shares
from audit.model import Article, Finding, span_finding

Ident = tuple[str, str | None, str | None, str]  # text hash, title, URL, group
Pair = tuple[str, int]  # (group, line key)


@dataclass
class _Last:
    """The last run's state: its articles' identities, keys, counts and findings."""

    idents: list[Ident]
    offsets: np.ndarray  # article i's units: offsets[i]:offsets[i + 1]
    keys: np.ndarray  # uint64, every unit's line key (0: none)
    counts: np.ndarray  # int64, every unit's count in that run
    findings: dict[int, list[list[Any]]]  # article -> [start, end, message, signal] each
    groups: list[str]  # the groups, each once
    gid: np.ndarray  # each article's group, as its place in `groups`


# what a run leaves for the next: each article's findings, and its keys and counts as
# either the last run's article it equals (its place there) or arrays of its own
Outcome = tuple[list[list[Finding]], list[int], dict[int, np.ndarray], dict[int, np.ndarray]]


def remembered_findings(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings,
                        saved: SavedState) -> Iterator[Finding]:
    """find_boilerplate_lines' findings, the state of the last run used and this run's saved."""
    idents: list[Ident] = [(a.content_sha256, a.title, a.url, group_of(a)) for a in articles]
    last = _load(saved)
    done = _incremental(articles, params, settings, idents, last) if last is not None else None
    if done is None:
        done = _whole(articles, params, settings, [ident[3] for ident in idents])
    for own in done[0]:
        yield from own
    _save(saved, idents, last, done)


def _whole(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings,
           groups: list[str]) -> Outcome:
    """As find_boilerplate_lines without the state, each article's keys and counts kept."""
    made_under = asdict(settings)
    ready = [prepared(article, params, made_under) for article in articles]
    keys = [unpacked(p["keys"], np.uint64) for p in ready]
    lengths = [len(k) for k in keys]
    counts = unit_recurrence(groups, keys)
    starts = unit_starts(counts, lengths, settings)
    docs = counts.tolist()
    found = [article_findings(a, p["items"], docs, at, settings) for a, p, at in zip(articles, ready, starts)]
    bounds = np.cumsum([0, *lengths]).tolist()
    return (found, [-1] * len(articles), dict(enumerate(keys)),
            {i: counts[bounds[i]:bounds[i + 1]] for i in range(len(articles))})


def _incremental(articles: Sequence[Article], params: Mapping[str, Any], settings: Settings,
                 idents: list[Ident], last: _Last) -> Outcome | None:
    """The findings, keys and counts from the last run's, or None when too much changed."""
    match = _match(idents, last.idents)
    places = np.array(match, dtype=np.int64)
    added = np.flatnonzero(places < 0).tolist()
    used = np.zeros(len(last.idents), dtype=bool)
    used[places[places >= 0]] = True
    removed = np.flatnonzero(~used).tolist()
    if len(added) + len(removed) > len(articles) // 2 + 8:
        return None
    made_under = asdict(settings)
    delta: dict[Pair, int] = {}
    for r in removed:
        group = last.idents[r][3]
        for key in set(last.keys[last.offsets[r]:last.offsets[r + 1]].tolist()) - {0}:
            delta[(group, key)] = delta.get((group, key), 0) - 1
    fresh: dict[int, tuple[dict[str, Any], np.ndarray]] = {}
    for i in added:
        share = prepared(articles[i], params, made_under)
        fresh[i] = (share, unpacked(share["keys"], np.uint64))
        for key in set(fresh[i][1].tolist()) - {0}:
            pair = (idents[i][3], key)
            delta[pair] = delta.get(pair, 0) + 1
    before, holders = _counts_before(last, delta)
    now = {pair: before.get(pair, 0) + change for pair, change in delta.items()}
    again = set(added)
    if holders:
        again.update(np.flatnonzero(np.isin(places, np.array(sorted(holders), dtype=np.int64))).tolist())
    found: list[list[Finding]] = [[] for _ in articles]
    where = _inverse(places, len(last.idents))
    for r, own in last.findings.items():  # no count of their keys moved: the last run's findings
        i = where[r]
        if i >= 0 and i not in again:
            article = articles[i]
            found[i] = [span_finding(article, CHECK, start, end, message, data={"signal": signal})
                        for start, end, message, signal in own]
    sources = list(match)
    own_keys: dict[int, np.ndarray] = {}
    own_counts: dict[int, np.ndarray] = {}
    for i in sorted(again):
        article = articles[i]
        r = match[i]
        share, own = fresh[i] if r < 0 else (prepared(article, params, made_under), None)
        if own is None:
            own = last.keys[last.offsets[r]:last.offsets[r + 1]]
        group = idents[i][3]
        mine = np.array([now.get((group, key), 0) if key else 0 for key in own.tolist()], dtype=np.int64)
        if r >= 0:  # a key whose (group, key) no change touched keeps its count
            mine = np.where(np.array([(group, key) in now for key in own.tolist()], dtype=bool),
                            mine, last.counts[last.offsets[r]:last.offsets[r + 1]])
        at = unit_starts(mine, [len(own)], settings)[0]
        found[i] = article_findings(article, share["items"], mine.tolist(), at, settings)
        sources[i], own_keys[i], own_counts[i] = -1, own, mine
    drop_shares(articles, "boilerplate")  # the others' shares, not parsed (the registry's name)
    return found, sources, own_keys, own_counts


def _inverse(places: np.ndarray, size: int) -> list[int]:
    """For each article of the last run, the article that matched it, else -1."""
    inverse = np.full(size, -1, dtype=np.int64)
    kept = np.flatnonzero(places >= 0)
    inverse[places[kept]] = kept
    return inverse.tolist()


def _match(idents: list[Ident], last: list[Ident]) -> list[int]:
    """For each article, an article of the last run with the same identity (each used
    once), else -1."""
    pool = dict(zip(last, range(len(last))))  # an identity's last place
    more: dict[Ident, list[int]] = {}  # an identity held more than once: its other places
    if len(pool) < len(last):
        for r, ident in enumerate(last):
            if pool[ident] != r:
                more.setdefault(ident, []).append(r)
    match = [pool.pop(ident, -1) for ident in idents]
    if more:
        for i, r in enumerate(match):
            if r < 0 and more.get(idents[i]):
                match[i] = more[idents[i]].pop()
    return match


def _counts_before(last: _Last, delta: dict[Pair, int]) -> tuple[dict[Pair, int], set[int]]:
    """The last run's count of each (group, key) in `delta`, and the last run's articles
    holding a (group, key) whose count moves (delta not 0). Read from the units whose key
    is one of delta's (a binary search each), then once per (group, key) among those."""
    if not delta:
        return {}, set()
    wanted = np.unique(np.array([key for _, key in delta], dtype=np.uint64))
    hits = _holding(last.keys, wanted)
    if not len(hits):
        return {}, set()
    owners = np.searchsorted(last.offsets, hits, side="right") - 1
    keys, gids = last.keys[hits], last.gid[owners]
    order = np.lexsort((keys, gids))
    first = np.ones(len(order), dtype=bool)
    first[1:] = (keys[order][1:] != keys[order][:-1]) | (gids[order][1:] != gids[order][:-1])
    pair_of = np.empty(len(order), dtype=np.int64)  # each hit's (group, key), numbered
    pair_of[order] = np.cumsum(first) - 1
    before: dict[Pair, int] = {}
    moving = np.zeros(int(first.sum()), dtype=bool)
    one = order[first]  # a hit of each (group, key)
    numbers = _in_delta(gids[one], keys[one], last.groups, delta)
    for number, gid, key, count in zip(numbers.tolist(), gids[one][numbers].tolist(), keys[one][numbers].tolist(),
                                       last.counts[hits[one][numbers]].tolist()):
        pair = (last.groups[gid], key)
        before[pair] = count
        moving[number] = delta[pair] != 0
    return before, set(np.unique(owners[moving[pair_of]]).tolist())


def _in_delta(gids: np.ndarray, keys: np.ndarray, groups: list[str], delta: dict[Pair, int]) -> np.ndarray:
    """The places of the (group number, key) pairs (each once) that are delta's, ascending.
    A key of delta is held in other groups too (a common line: 500,000 pairs for 1,000
    changed articles of 100,000): the pairs are matched in one sort, not a look-up each."""
    number = {group: i for i, group in enumerate(groups)}
    mine = [(number[group], key) for group, key in delta if group in number]
    if not mine:
        return np.zeros(0, dtype=np.int64)
    all_gids = np.concatenate([gids.astype(np.int64), np.array([g for g, _ in mine], dtype=np.int64)])
    all_keys = np.concatenate([keys, np.array([k for _, k in mine], dtype=np.uint64)])
    side = np.arange(len(all_gids)) >= len(gids)  # False: a hit's pair (sorts first when equal)
    order = np.lexsort((side, all_keys, all_gids))
    same = (all_gids[order][1:] == all_gids[order][:-1]) & (all_keys[order][1:] == all_keys[order][:-1])
    return np.sort(order[:-1][same])


_FILTER_BITS = 20  # a key's low bits a unit is first tested on (keys are hashes: even bits)


def _holding(keys: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """The places of `keys` holding one of `wanted` (sorted, not empty). A binary search of
    each of 1.7 million keys (100,000 articles) took 0.35 s; a table of the wanted keys' low
    bits passes the few that may be one (a thousand wanted keys: about 0.1% of the others),
    and only those are searched."""
    mask = np.uint64((1 << _FILTER_BITS) - 1)
    table = np.zeros(1 << _FILTER_BITS, dtype=bool)
    table[(wanted & mask).astype(np.intp)] = True
    maybe = np.flatnonzero(table[(keys & mask).astype(np.intp)])
    some = keys[maybe]
    at = np.minimum(np.searchsorted(wanted, some), len(wanted) - 1)
    return maybe[wanted[at] == some]


def _load(saved: SavedState) -> _Last | None:
    loaded = saved.load()
    if loaded is None:
        return None
    meta = json.loads(loaded["meta"].tobytes().decode("utf-8"))
    idents: list[Ident] = list(map(tuple, meta["idents"]))  # type: ignore[arg-type]
    ids: dict[str, int] = {}
    gid = np.array([ids.setdefault(ident[3], len(ids)) for ident in idents], dtype=np.int64)
    return _Last(idents, loaded["offsets"], loaded["keys"], loaded["counts"],
                 {int(r): own for r, own in meta["findings"].items()}, list(ids), gid)


def _save(saved: SavedState, idents: list[Ident], last: _Last | None, done: Outcome) -> None:
    """This run's state: the last run's keys and counts of the articles it kept, gathered
    in one step, and the arrays of the others."""
    found, sources, own_keys, own_counts = done
    source = np.array(sources, dtype=np.int64)
    kept = np.flatnonzero(source >= 0)
    lengths = np.zeros(len(sources), dtype=np.int64)
    if last is not None and len(kept):
        lengths[kept] = np.diff(last.offsets)[source[kept]]
    for i, own in own_keys.items():
        lengths[i] = len(own)
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    keys = np.zeros(int(offsets[-1]), dtype=np.uint64)
    counts = np.zeros(int(offsets[-1]), dtype=np.int64)
    if last is not None and len(kept):
        sizes = lengths[kept]
        step = np.repeat(np.arange(len(kept)), sizes)
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        there = last.offsets[source[kept]][step] + within
        here = offsets[kept][step] + within
        keys[here], counts[here] = last.keys[there], last.counts[there]
    for i, own in own_keys.items():
        keys[offsets[i]:offsets[i + 1]], counts[offsets[i]:offsets[i + 1]] = own, own_counts[i]
    meta = {"idents": idents,
            "findings": {str(i): [[f.start, f.end, f.message, f.data["signal"]] for f in found[i]]
                         for i in np.flatnonzero(np.fromiter(map(len, found), np.int64, len(found))).tolist()}}
    saved.save({"meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
                "offsets": offsets, "keys": keys, "counts": counts})
