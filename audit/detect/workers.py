"""The per-article stages (normalise, language, per-article detectors) over batches of
articles, in worker processes: every core busy, memory bounded by the batches in flight.

The parent streams records, numbers them (ids made unique across the corpus), and
sends batches to a `ProcessPoolExecutor`. A worker normalises its batch, detects the
language of what the caches do not know, and runs the per-article detectors
(`Detector.per_article`), looked up by name in the registry as Spark's executors do
(audit.detect.spark): no function is pickled. The parent keeps the caches: it looks
up each article's language verdict and each detector's findings, and stores what the
workers computed. With caches holding entries, a batch makes two trips (normalise;
then language and detectors for the misses only), otherwise one; the second trips of
consecutive batches with few misses go as one (`_Trip`: a rerun's changed articles).

Findings are byte-identical whatever the number of workers: batches are merged in
input order, and each detector's findings come out article by article in input order
(cached or fresh). `workers=1` runs the same functions in this process.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import itertools
import json
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from audit.detect import ApartResult
from audit.detect.cache import (
    ENTRY,
    FindingsCache,
    MappedEntries,
    ShareSource,
    article_half,
    as_json,
    cache_key,
    code_fingerprint,
    data_fingerprint,
    detector_digest,
    findings_text,
    kept_shares,
    params_text,
    parse_entry,
    served_findings,
)
from audit.detect.contain import describe_error, find_across, find_contained
from audit.detect.duplicates import passage_apart
from audit.detect.saved import drop_shares, write_deferred
from audit.gcpause import frozen_heap, paused_gc
from audit.ingest import FieldMap, RawLine
from audit.ingest.page_cache import PageCache
from audit.ingest.readers import ENCODING
from audit.model import Article, Finding, RawRecord
from audit.normalise import (
    _default_id,
    _ingest_findings,
    made_id,
    renamed_finding,
    to_article_contained,
    unique_ids,
)
from audit.normalise.cache import LanguageCache
from audit.normalise.known import (
    Complete,
    Known,
    article_of,
    complete_of,
    ingest_of,
    record_id,
    remembered,
    text_at,
    with_complete,
)
from audit.normalise.plausible import DateBounds
from audit.suite import Suite, too_many_records

BATCH_SIZE = 200  # articles a task: large enough to amortise a trip, small enough to stream
# A small input is cut finer: 1,000 articles in 5 batches of 200 on 2 workers left one
# core idle while the other did the fifth (the gate, issue 13); at least this many
# batches a worker, and no batch under MIN_BATCH (a trip costs a few ms)
BATCHES_PER_WORKER = 8
MIN_BATCH = 16
# A rerun's batch with this many lines or fewer to normalise (new or changed: 1% changed
# puts about 2 in a batch of 200), and more of them known, normalises them in the parent:
# a worker's round trip (pickling the records out, the articles and lookups back, the
# executor's threads) cost the parent more than normalising them (about 30 us a line)
FEW_LINES = 8
# Batches in flight a worker when known lines are made here (a rerun): their first trip is
# done at once, so with two a worker the parent waited on the oldest detection; 32 lets a
# detection trip gather the changed articles of many batches (DETECT_TRIP) and still be
# sent well before the parent needs it (the batches in flight hold articles kept anyway)
KNOWN_IN_FLIGHT = 32
# Articles a detection trip (second trip) carries at least, gathered from consecutive
# batches: a rerun's batch of 200 has about 2 to detect (1% changed), and a trip each cost
# more than the detecting: the executor moves 3 calls at a time to the workers, each call
# waited on its threads taking the GIL from the busy parent, and 500 trips of 2 articles
# kept the workers at 30% and the parent waiting on them (issue 13, ingest17). A trip is
# also sent once it spans a quarter of the batches in flight, or when the parent needs it
DETECT_TRIP = 32
Verdict = tuple[str | None, float | None]
# (its id, or None: the worker names it from the record it parses; its number in the run;
# the record, or a JSONL line the worker parses)
Numbered = list[tuple[str | None, int, RawRecord | RawLine]]


@dataclass
class Looked:
    """An article's entry as looked up (`look_up`), but the large shares (the parent reads
    those from its mapped file): what the parent needs of it, no parsed entry unless a part
    missed (the rerun's parent parsed 20,000 entries, its ingest stage's largest cost)."""

    half: str  # the article's half of its keys (article_digest)
    need: list[str]  # detectors whose part the entry lacks
    hits: int  # parts it had
    shares: tuple[str, ...]  # the small shares it holds (read when taken: cache.Shares)
    found: dict[str, list[dict[str, Any]]]  # detector -> findings as stored, when it found some
    entry: dict[str, str] | None  # the entry (parse_entry), to be grown, when something missed


# (name, detector, a share?, a large share?, digest): the keeper's order of detectors
Order = list[tuple[str, Any, bool, bool, str]]


@dataclass(frozen=True)
class Parts:
    """The detectors whose part an entry holds (not a large share's) that support one
    language, as look_up reads them: (name, a share?, digest) each, and the shares' and
    the findings' names and digests apart."""

    each: list[tuple[str, bool, str]]
    share_names: tuple[str, ...]
    share_digests: tuple[str, ...]
    found_names: tuple[str, ...]
    found_digests: tuple[str, ...]

    @staticmethod
    def of(order: Order, article: Article) -> Parts:
        each = [(name, prepared, digest) for name, detector, prepared, is_large, digest in order
                if not is_large and detector.supports(article)]
        shares = [(name, digest) for name, prepared, digest in each if prepared]
        found = [(name, digest) for name, prepared, digest in each if not prepared]
        return Parts(each, tuple(n for n, _ in shares), tuple(d for _, d in shares),
                     tuple(n for n, _ in found), tuple(d for _, d in found))


def look_up(article: Article, entries: Any, order: Order,
            by_language: dict[str | None, Parts]) -> Looked:
    """The article's entry in `entries` (FindingsCache.entries), read for the detectors
    that support it (`by_language`: supports() reads the language only, so asked once a
    language). In a worker, on the entries inherited at the fork, or here (known lines)."""
    half = article_half(article)
    entry = parse_entry(entries.get(ENTRY + half))
    parts = by_language.get(article.language)
    if parts is None:
        parts = by_language[article.language] = Parts.of(order, article)
    looked = Looked(half, [], 0, (), {}, None)
    try:  # an entry holding every part (a rerun's unchanged article): read in C
        tuple(map(entry.__getitem__, parts.share_digests))  # KeyError: a share missing
        found = tuple(map(entry.__getitem__, parts.found_digests))
    except KeyError:
        shares = []
        for name, prepared, digest in parts.each:
            value = entry.get(digest)
            if value is None:
                looked.need.append(name)
            elif prepared:
                shares.append(name)
            elif value != "[]":
                looked.found[name] = json.loads(value)
        looked.hits = len(parts.each) - len(looked.need)
        looked.shares, looked.entry = tuple(shares), entry
        return looked
    looked.shares = parts.share_names  # read and parsed by its step, if it takes them (Shares)
    if found.count("[]") != len(found):  # none found: nothing kept (take_second reads none)
        looked.found = {name: json.loads(value) for name, value in zip(parts.found_names, found)
                        if value != "[]"}
    looked.hits = len(parts.each)
    return looked


@dataclass(frozen=True)
class _Lookup:
    """What a worker needs to look its articles up in the caches the parent loaded."""

    verdicts: dict[str, Verdict]  # LanguageCache.entries as loaded
    entries: Any  # FindingsCache.entries as loaded (a dict or MappedEntries) (None: not looked up here)
    order: Order


# Set just before the workers fork (run_per_article) when the caches hold entries: the
# workers inherit the parent's loaded caches, nothing is pickled.
_LOOKUP: _Lookup | None = None


def default_workers() -> int:
    """The cores this process may use (affinity-aware where the platform says)."""
    if hasattr(os, "process_cpu_count"):  # Python 3.13
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def batch_size_for(total: int | None, workers: int, pages: bool = False) -> int:
    """The batch size when none is asked: BATCH_SIZE, or for an input of `total` records
    too small to give each worker BATCHES_PER_WORKER batches of it, smaller ones, so
    the workers finish together; MIN_BATCH for `pages` (HTML to extract: ~25 ms each, a
    batch of 200 five seconds of one worker's). Findings do not depend on it."""
    if pages and workers > 1:
        return MIN_BATCH
    if total is None or workers <= 1:
        return BATCH_SIZE
    share = -(-total // (workers * BATCHES_PER_WORKER))  # ceiling
    return max(MIN_BATCH, min(BATCH_SIZE, share))


@dataclass(frozen=True)
class Plan:
    """What every batch of a run gets: which per-article detectors, with which params."""

    names: tuple[str, ...]  # per-article detectors the suite asks for, in registry order
    prepare: tuple[str, ...]  # cross-article detectors whose per-article share runs here
    params: dict[str, dict[str, Any]]  # public params by detector name
    fix_encoding: bool = False
    max_chars: int | None = None  # the suite's limit on an article's characters
    dates: DateBounds | None = None  # plausible publication dates (the run's date in them)


@dataclass
class BatchResult:
    """What a worker sends back for one batch."""

    articles: list[Article] | None  # the normalised batch (first trip), else None
    deferred: list[int]  # positions whose language the record did not give
    ingest: list[list[Finding]] = field(default_factory=list)  # by position (first trip)
    verdicts: dict[int, Verdict] = field(default_factory=dict)  # position -> langdetect verdict
    findings: dict[str, dict[int, list[Finding]]] = field(default_factory=dict)  # fresh only
    prepared: dict[str, dict[int, Any]] = field(default_factory=dict)  # name -> position -> value
    seconds: dict[str, float] = field(default_factory=dict)
    # name (detector, or "normalise") -> position -> the error it raised there (audit.detect.contain)
    failed: dict[str, dict[int, str]] = field(default_factory=dict)
    # records named here (no id given): each one's own id (`_batches`' base), by position
    bases: list[str] = field(default_factory=list)
    # (index in the items sent, line) of their unreadable records, made here or before
    problems: list[tuple[int, str]] = field(default_factory=list)
    pages: dict[int, RawRecord] = field(default_factory=dict)  # position -> a page's record, extracted here
    known: int = 0  # verdicts the language cache gave here (those positions left `deferred`)
    looked: dict[int, Looked] = field(default_factory=dict)  # position -> its entry, looked up here


@dataclass
class StageResult:
    articles: list[Article]
    ingest_findings: list[Finding]
    found: dict[str, list[Finding]]  # per-article detector -> findings, article by article
    seconds: dict[str, float]  # summed over workers, by detector (and "langdetect")


def plan_for(suite: Suite, fix_encoding: bool = False, dates: DateBounds | None = None) -> Plan:
    from audit.detect import registry

    names, prepare, params = [], [], {}
    for detector in registry():
        wanted = tuple(c for c in detector.checks if c in suite.rules)
        if wanted and (detector.per_article or detector.prepare is not None):
            (names if detector.per_article else prepare).append(detector.name)
            params[detector.name] = {k: v for k, v in suite.params_for(wanted).items()
                                     if not k.startswith("_")}
    return Plan(tuple(names), tuple(prepare), params, fix_encoding, suite.limits.max_article_chars, dates)


# ---- in the worker ---------------------------------------------------------------

_PLAN: Plan | None = None
_DETECTORS: dict[str, Any] = {}


def _init_worker(plan: Plan, collects: bool | None = None) -> None:
    """The plan and its detectors, in a worker (or here with one). `collects`: whether the
    parent's collector ran when the stage began: a worker forked while a rerun's stage
    paused it (run_per_article) collects as the parent did, not as the pause left it."""
    global _PLAN, _DETECTORS
    from audit.detect import registry

    if collects:
        gc.enable()
    _PLAN = plan
    _DETECTORS = {d.name: d for d in registry() if d.name in plan.names + plan.prepare}


def _is_page(item: object) -> bool:
    """Whether a record to make is a page to extract (audit.ingest's RawHtml, RawPage): neither
    a record made already nor a JSONL line."""
    return not isinstance(item, (RawRecord, RawLine))


def normalise_batch(numbered: Numbered, detect: bool) -> BatchResult:
    """Records to articles, language left to the caller (or detected here when `detect`).

    A JSONL line is parsed here. A record given no id is named as `_batches` names it
    (its own id, else its source and number; a repeat of an id earlier in the batch gets
    a provisional one); the caller renames those that repeat an earlier batch's
    (`_named`), so every id ends as if the parent had named them all."""
    assert _PLAN is not None
    waiting = LanguageCache(None, deferred={})  # every verdict deferred, none computed
    articles, deferred, ingest, bases, problems = [], [], [], [], []
    pages: dict[int, RawRecord] = {}
    seen: set[str] = set()
    for position, (article_id, number, item) in enumerate(numbered):
        record = item if isinstance(item, RawRecord) else item.record()  # a line, a page: made here
        if record.error:  # told by the parent (take_first), in input order
            problems.append((position, f"{record.source_uri}: {record.error}"))
        if _is_page(item):  # a page: its record goes back to be kept
            pages[position] = record
        if article_id is None:
            article_id = _provisional_id(record.record_id, record.source_uri, number, seen, bases)
        before = waiting.misses
        article = to_article_contained(record, article_id, fix_encoding=_PLAN.fix_encoding,
                                       language_cache=waiting, max_chars=_PLAN.max_chars,
                                       dates=_PLAN.dates)
        articles.append(article)
        too_long = _PLAN.max_chars is not None and len(record.text) > _PLAN.max_chars
        ingest.append(_ingest_findings(article, record.fault, len(record.text) if too_long else None))
        if waiting.misses > before:
            deferred.append(position)
    result = BatchResult(articles, deferred, ingest, bases=bases, problems=problems, pages=pages)
    for position, article in enumerate(articles):
        if article.failed:  # normalising raised: kept as an unreadable record
            result.failed.setdefault("normalise", {})[position] = article.failed["normalise"]
    if _LOOKUP is not None and not detect:
        _look_up_batch(_LOOKUP, result)
    if detect:
        _detect(articles, deferred, [None] * len(articles), result)
    return result


def _look_up_batch(lookup: _Lookup, result: BatchResult) -> None:
    """The verdicts and entries of the caches the parent loaded, looked up here, on the
    workers' cores; the parent counts them as its own lookups would have, and looks up
    what it knows and they do not (a text whose verdict came in this run)."""
    articles = result.articles or []
    unknown = []
    for position in result.deferred:
        verdict = lookup.verdicts.get(articles[position].content_sha256)
        if verdict is None:
            unknown.append(position)
        else:
            articles[position].language, articles[position].language_prob = verdict
    result.known = len(result.deferred) - len(unknown)
    result.deferred = unknown
    if lookup.entries is None:
        return
    skip = set(unknown)
    by_language: dict[str | None, Parts] = {}
    for position, article in enumerate(articles):
        if position not in skip and article.read_error is None:
            result.looked[position] = look_up(article, lookup.entries, lookup.order, by_language)


def detect_batch(articles: list[Article], languages_of: list[int],
                 needs: list[tuple[str, ...] | None]) -> BatchResult:
    """Languages for `languages_of`, then each article's detectors (None: all it supports)."""
    result = BatchResult(None, languages_of)
    _detect(articles, languages_of, needs, result)
    return result


def _detect(articles: list[Article], languages_of: list[int],
            needs: list[tuple[str, ...] | None], result: BatchResult) -> None:
    from audit.normalise.language import detect_language

    assert _PLAN is not None
    clock = time.perf_counter()
    for position in languages_of:
        try:
            guess = detect_language(articles[position].text)
        except Exception as exc:  # contained: no verdict, none cached
            _fail(articles[position], position, "normalise", f"language detection: {describe_error(exc)}",
                  result)
            continue
        result.verdicts[position] = (guess.language, guess.probability)
        articles[position].language, articles[position].language_prob = result.verdicts[position]
    result.seconds["langdetect"] = time.perf_counter() - clock
    position_of = {a.article_id: p for p, a in enumerate(articles)}
    for name in _PLAN.names:
        detector = _DETECTORS[name]
        chosen = [a for a, need in zip(articles, needs)
                  if a.read_error is None and detector.supports(a) and (need is None or name in need)]
        clock = time.perf_counter()
        found, failed = find_contained(detector.find, chosen, _PLAN.params[name]) if chosen else ([], {})
        fresh: dict[int, list[Finding]] = {position_of[a.article_id]: [] for a in chosen
                                           if a.article_id not in failed}  # not cached
        for finding in found:
            fresh[position_of[finding.article_id]].append(finding)
        for article_id, error in failed.items():
            _fail(articles[position_of[article_id]], position_of[article_id], name, error, result)
        result.findings[name] = fresh
        result.seconds[name] = time.perf_counter() - clock
    for name in _PLAN.prepare:
        detector, params = _DETECTORS[name], _PLAN.params[name]
        clock = time.perf_counter()
        prepared: dict[int, Any] = {}
        for position, (article, need) in enumerate(zip(articles, needs)):
            if article.read_error is None and detector.supports(article) and (need is None or name in need):
                try:
                    prepared[position] = detector.prepare(article, params)
                except Exception as exc:  # contained: no share, not judged by it
                    _fail(article, position, name, describe_error(exc), result)
        result.prepared[name] = prepared
        result.seconds[f"{name}.prepare"] = time.perf_counter() - clock


def _fail(article: Article, position: int, name: str, error: str, result: BatchResult) -> None:
    """Record that `name` raised on the article (the parent copies it: audit.detect.contain)."""
    article.failed[name] = error
    result.failed.setdefault(name, {})[position] = error


# ---- in the parent -----------------------------------------------------------------


class _InProcess(Executor):
    """`workers=1`: the same tasks, run here at once."""

    def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def, override]
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _executor(workers: int, plan: Plan, detects_all: bool) -> Executor:
    """`workers` processes, forked when the platform can. When they will detect every
    article's language (`detects_all`: no cached verdicts), langdetect's profiles are
    loaded here first, once (0.5 s of CPU), and shared copy-on-write, instead of read
    by each worker; with cached verdicts few articles need them, and a worker that does
    loads them itself."""
    if workers <= 1:
        _init_worker(plan)
        return _InProcess()
    if _can_fork() and detects_all:
        from audit.normalise.language import preload

        with paused_gc():  # all it reads stays: nothing for the collector to free
            preload()
    return _pool(workers, plan)


def start_few(plan: Plan) -> ProcessPoolExecutor:
    """run_per_article's one-worker pool for a rerun's detection trips (`few`), its process
    forked now: before the run loads its caches. Forked at the stage's start, as it was,
    the worker shared the pages of the known lines and cached entries the parent had
    loaded (hundreds of MB at 100,000 articles), and the parent, reading each entry once
    (a reference count written), copied each such page it touched: 80 MB of its page
    faults in a 1%-changed 100,000 rerun's ingest stage, which took 0.1-0.2 s less when
    forked here (docs/measurements.md, eighteenth session). The worker needs only the
    plan: the parent looks up the caches for the trips it sends."""
    pool = _pool(1, plan)
    pool.submit(int)  # a pool forks its processes at the first call (Python 3.11's executor)
    return pool


def _can_fork() -> bool:
    """Whether this platform forks (Linux, macOS): the workers then share the parent's
    loaded profiles and caches copy-on-write; else they are spawned and load their own."""
    return "fork" in multiprocessing.get_all_start_methods()


def _pool(processes: int, plan: Plan) -> ProcessPoolExecutor:
    """A pool of `processes` workers, forked when the platform can (at its first call)."""
    gc.freeze()  # the caches the parent loaded stay shared with the forked workers
    context = multiprocessing.get_context("fork" if _can_fork() else "spawn")
    return ProcessPoolExecutor(max_workers=processes, mp_context=context,
                               initializer=_init_worker, initargs=(plan, gc.isenabled()))


@dataclass
class _Batch:
    numbered: Numbered  # what goes to a worker (all the batch, but the articles `made`)
    at: list[int] = field(default_factory=list)  # each numbered item's position in the batch
    # position -> (article, its ingest findings, whether its language waits for the language
    # cache, its entry's Complete to serve or None): the articles of known lines, made here
    # (audit.normalise.known)
    made: dict[int, tuple[Article, list[Finding], bool, Complete | None]] = field(default_factory=dict)
    # numbered items parsed from a line here: (index, where its text starts: known.text_at)
    from_lines: list[tuple[int, int | None]] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    needs: list[tuple[str, ...] | None] = field(default_factory=list)
    cached: dict[str, dict[int, list[Finding]]] = field(default_factory=dict)
    # position -> (its entry's key, the entry as looked up): what the workers find for the
    # article is added to it (only articles with a miss are here)
    entries: dict[int, tuple[str, dict[str, str]]] = field(default_factory=dict)
    deferred: list[int] = field(default_factory=list)
    sent: list[int] | None = None  # the positions sent to be detected (second trip), if chosen
    start: int = 0  # where they start in their trip (_Trip)
    wide: bool = False  # normalised by the workers (many new lines): detected by them all
    page_keys: dict[int, str] = field(default_factory=dict)  # numbered index -> a page's cache key


def _in_batch(result: BatchResult, sent: list[int] | None, start: int = 0) -> BatchResult:
    """A second trip's result over the articles `sent`, its positions made the batch's.
    The trip may carry other batches' articles too (`_Trip`): the batch's are `sent`
    from position `start` of the trip; the trip's seconds go with the batch at its start."""
    if sent is None:
        return result
    end = start + len(sent)

    def mine(values: dict[int, Any]) -> dict[int, Any]:
        return {sent[i - start]: value for i, value in values.items() if start <= i < end}

    return BatchResult(
        None, [sent[i - start] for i in result.deferred if start <= i < end],
        verdicts=mine(result.verdicts),
        findings={name: mine(values) for name, values in result.findings.items()},
        prepared={name: mine(values) for name, values in result.prepared.items()},
        seconds=result.seconds if start == 0 else {},
        failed={name: mine(values) for name, values in result.failed.items()},
    )


@dataclass
class _Trip:
    """A detection trip: the articles to detect of one or more consecutive batches, sent
    as one call (DETECT_TRIP); each batch takes back its part (`_in_batch` from `start`)."""

    articles: list[Article] = field(default_factory=list)
    languages_of: list[int] = field(default_factory=list)  # positions in `articles`
    needs: list[tuple[str, ...] | None] = field(default_factory=list)
    batches: int = 0
    wide: bool = False  # a batch of it was normalised by the workers (see run_per_article)
    future: Future[BatchResult] | None = None  # None: still gathering

    def add(self, batch: _Batch, todo: list[int]) -> int:
        """The batch's articles to detect (its `sent`, `todo` among them waiting for a
        language) added to the trip; where they start in it."""
        start = len(self.articles)
        local = {p: start + i for i, p in enumerate(batch.sent or [])}
        self.articles.extend(batch.articles[p] for p in batch.sent or [])
        self.languages_of.extend(local[p] for p in todo)
        self.needs.extend(batch.needs[p] for p in batch.sent or [])
        self.batches += 1
        self.wide = self.wide or batch.wide
        return start

    def send(self, executor: Executor, few: Executor | None = None) -> None:
        """The trip to `executor`, or to `few` when it has one and no batch of the trip
        was normalised by the workers."""
        if self.future is None:
            to = executor if self.wide or few is None else few
            self.future = to.submit(detect_batch, self.articles, self.languages_of, self.needs)
            self.articles, self.languages_of, self.needs = [], [], []  # the call holds them

    def done(self) -> bool:
        return self.future is not None and self.future.done()

    def result(self, executor: Executor, few: Executor | None = None) -> BatchResult:
        self.send(executor, few)
        assert self.future is not None
        return self.future.result()


_NOTHING = _Trip(future=Future())  # the trip of a batch with nothing to detect
_NOTHING.future.set_result(BatchResult(None, []))  # type: ignore[union-attr]


class _Keeper:
    """The parent's side of the caches: lookups before a batch's detection, stores after."""

    def __init__(self, plan: Plan, language_cache: LanguageCache, cache: FindingsCache | None) -> None:
        from audit.detect import registry

        self.plan, self.language_cache, self.cache = plan, language_cache, cache
        self.detectors = {d.name: d for d in registry() if d.name in plan.names + plan.prepare}
        self.pending: set[str] = set()  # texts sent for a verdict that has not come back
        self.fresh_values: dict[str, Any] = {}  # large prepared values by key
        self.large = {n for n in plan.prepare if self.detectors[n].large_prepared}
        self.params = {name: params_text(p) for name, p in plan.params.items()}
        # keys only for a cache kept in a folder: the fingerprints read every detector's
        # sources (0.1-0.3 s before the workers start), and a run-local cache would hold
        # the findings as JSON text only to drop them at the end of the run
        self.keyed = cache is not None and cache.path is not None
        self.data = data_fingerprint() if self.keyed else ""
        self.digests = self._digests() if self.keyed else {}
        # where the unchanged articles' shares are read, when a step takes them (Shares)
        self.source = ShareSource(cache, {name: (self.digests[name], name in self.large)
                                          for name in plan.prepare}) if self.keyed else None
        # known lines (audit.normalise.known): the field names they were read with (None:
        # nothing remembered), what the last run kept under this context, what this one keeps
        self.fields: FieldMap | None = None
        self.context = ""
        self.known: dict[str, Known] = {}
        self.next_known: dict[str, Known] = {}
        self.fresh_known = 0
        # the detectors' digests, hashed (what a kept Complete is for), and whether the
        # kept lines' Completes are (same digests and context)
        self.order_digest = ""
        self.completes = False
        self.by_language: dict[str | None, Parts] = {}  # Parts.of, a language at a time

    def _digests(self) -> dict[str, str]:
        """Each detector's part of its cache keys: its code, the data, its params."""
        digest, prepare = self.data, self.plan.prepare
        return {name: detector_digest(self._kind(name),
                                      code_fingerprint(d.prepare if name in prepare else d.find, digest),
                                      self.params[name])
                for name, d in self.detectors.items()}

    def _kind(self, name: str) -> str:
        """What the key names: a detector's findings, a large share (its own row), or a
        small share, which an entry keeps as JSON text (ShareText, parsed when its step
        takes it): a name of its own, so a share an older entry kept parsed is never
        read as text (that entry's part misses once, and is made again)."""
        if name not in self.plan.prepare:
            return name
        return f"{name}.prepare" if name in self.large else f"{name}.prepare.text"

    def start_known(self, fields: FieldMap | None) -> None:
        """Remember the lines of this run (read with `fields`), and serve those the last
        run remembered under the same code, data and options (a kept cache only)."""
        if not self.keyed or fields is None:
            return
        from audit.normalise import known

        assert self.cache is not None
        self.fields = fields
        self.context = hashlib.sha256("\x1f".join([
            repr(fields), repr(self.plan.fix_encoding), repr(self.plan.max_chars),
            code_fingerprint(known.remembered, self.data)]).encode()).hexdigest()
        self.order_digest = hashlib.sha256("\x1f".join(
            f"{name}:{prepared}:{large}:{digest}" for name, _, prepared, large, digest in self.order
        ).encode()).hexdigest()
        if self.cache.known_context == self.context:
            self.known = self.cache.known
            self.completes = self.cache.known_order == self.order_digest
        self.cache.known = {}  # this run's go in next_known

    def known_article(self, item: RawLine, number: int, seen: set[str], bases: list[str]
                      ) -> tuple[Article, list[Finding], bool, Complete | None] | None:
        """The article of a line the last run remembered, named as `_batches` names it,
        with its entry's Complete when one is to be served (lookups); None for a line to
        parse and normalise (new, changed, or not kept)."""
        if item.fields is not self.fields and item.fields != self.fields:
            return None
        sha = hashlib.sha256(item.line).hexdigest()  # its source_sha256
        known = self.known.get(sha)
        if known is None:
            return None
        try:
            article, waits = article_of(known, item, sha, self.plan.dates)
        except Exception:  # a damaged entry: the line is parsed
            return None
        article.article_id = _provisional_id(record_id(known), item.uri, number, seen, bases)
        complete = complete_of(known)
        if not self.completes and complete is not None:  # made for other detectors
            known, complete = with_complete(known, None), None
            self.fresh_known += 1
        self.next_known[sha] = known
        return article, ingest_of(known, article), waits, complete

    def remember(self, batch: _Batch) -> None:
        """What normalising made of the batch's lines parsed here, for the next run."""
        limit = self.plan.max_chars
        for index, at in batch.from_lines:
            _, _, record = batch.numbered[index]
            assert isinstance(record, RawRecord)
            article = batch.articles[batch.at[index]]
            cut = len(record.text) if limit is not None and len(record.text) > limit else None
            known = remembered(record, article, cut, at)
            if known is not None:
                self.next_known[record.source_sha256] = known
                self.fresh_known += 1

    def parts(self, article: Article) -> Parts:
        """The parts an entry holds for the article's language (look_up's Parts)."""
        parts = self.by_language.get(article.language)
        if parts is None:
            parts = self.by_language[article.language] = Parts.of(self.order, article)
        return parts

    def note_complete(self, article: Article, half: str, complete: bool,
                      found: dict[str, list[dict[str, Any]]] | None = None) -> None:
        """Keep with the article's line (if a known one) whether its entry is complete,
        and its findings (look_up's `found`) when it holds some: what lookups serves on
        the next run (known.Complete)."""
        known = self.next_known.get(article.source_sha256)
        if known is None:
            return
        now: Complete | None = None
        if complete:
            now = (half, str(article.published), str(article.language), *([found] if found else []))
        if complete_of(known) != now:
            self.next_known[article.source_sha256] = with_complete(known, now)
            self.fresh_known += 1

    @property
    def looks_up(self) -> bool:
        """Whether a batch needs the parent between normalising and detecting."""
        return bool(self.language_cache.entries) or bool(self.cache and self.cache.entries)

    def languages(self, batch: _Batch) -> list[int]:
        """Fill the verdicts the caches know; the positions whose language a worker must detect."""
        todo = []
        articles, verdicts, hits = batch.articles, self.language_cache.entries, 0
        for position in batch.deferred:
            article = articles[position]
            known = verdicts.get(article.content_sha256)  # _verdict's hit, in line (most of a rerun)
            if known is not None:
                hits += 1
            else:
                known = self._verdict(article.content_sha256)
            if known is None:
                todo.append(position)
            else:
                article.language, article.language_prob = known
        self.language_cache.hits += hits
        return todo

    def _verdict(self, sha: str) -> Verdict | None:
        """The known verdict; counted as one process counts, whatever came back when:
        a text seen earlier in this run (stored or still pending) is a hit."""
        cache = self.language_cache
        if sha in cache.entries:
            cache.hits += 1
            return cache.entries[sha]
        if sha in self.pending:
            cache.hits += 1  # its verdict is on its way; a worker computes it again
        else:
            cache.misses += 1
            self.pending.add(sha)
        return None

    @property
    def order(self) -> Order:
        """The detectors as `look_up` reads them, in the registry's order."""
        return [(name, detector, name in self.plan.prepare, name in self.large, self.digests[name])
                for name, detector in self.detectors.items()]

    def lookup_for_workers(self) -> _Lookup:
        """What the workers look up for this process (normalise_batch), inherited at the fork."""
        entries = self.cache.entries if self.cache is not None and self.keyed else None
        return _Lookup(self.language_cache.entries, entries, self.order if entries is not None else [])

    def lookups(self, batch: _Batch, todo: list[int], looked: dict[int, Looked]) -> None:
        """Findings the cache holds for articles whose language is known; the rest: needs.

        One entry an article (FindingsCache.entry) holds every detector's part but the
        large shares'; `looked`: the entries a worker looked up (the others are looked up
        here). Hits and misses are counted per (detector, article) as before."""
        unknown = set(todo)
        cache = self.cache
        if cache is None or not self.keyed:  # no kept cache: every detector runs
            batch.needs.extend([None] * len(batch.articles))
            return
        order = self.order
        larges = [(name, digest) for name, _, _, is_large, digest in order if is_large]
        supports = {name: detector.supports for name, detector, *_ in order}
        source = self.source
        by_language = self.by_language  # supports() reads the language only
        notes = self.fields is not None  # known lines: their entries' Completes
        large_of: dict[str | None, list[tuple[str, str]]] = {}
        hits = misses = 0
        has_value = cache.has_value
        # An unchanged article whose kept line says its entry was complete with no findings
        # (known.Complete) is served as look_up would serve it (same hits), without reading
        # its entry, when its key is the same (its date and language as then) and the entry
        # and its large shares are still there: in line, no Looked made (most of a rerun)
        made, entries = batch.made, cache.entries
        # the key sets has_value and `in entries` probe, probed in line: a served article
        # asked three keys through two method calls each (0.1 s of a 100,000 rerun)
        large_rows, own_entries, entry_rows = _key_sets(cache)
        served: dict[str | None, tuple[int, tuple[str, ...]]] = {}  # a language's (hits, shares kept)
        for position, article in enumerate(batch.articles):
            if position in unknown or article.read_error is not None:
                batch.needs.append(None)
                continue
            own = looked.get(position)
            mine = large_of.get(article.language)
            if mine is None:
                mine = large_of[article.language] = [(n, d) for n, d in larges if supports[n](article)]
            complete = None if own is not None else made.get(position, _NOT_MADE)[3]
            if (complete is not None and complete[1] == str(article.published)
                    and complete[2] == str(article.language)
                    and ((key := ENTRY + complete[0]) in entry_rows or key in own_entries)):
                half = complete[0]
                for _, digest in mine:  # has_value of each large share's key
                    key = digest + half
                    if key not in large_rows and key not in entry_rows and key not in own_entries:
                        break
                else:
                    counted = served.get(article.language)
                    if counted is None:
                        parts = self.parts(article)
                        counted = served[article.language] = (
                            len(parts.each) + len(mine), parts.share_names + tuple(name for name, _ in mine))
                    hits += counted[0]  # every part and every large share: nothing to read or run
                    if counted[1]:
                        article.prepared = kept_shares(counted[1], half, source, article.prepared)
                    if len(complete) > 3:  # the findings its entry holds, as look_up gives them
                        for name, stored in complete[3].items():
                            batch.cached.setdefault(name, {})[position] = served_findings(
                                stored, article.article_id)
                    batch.needs.append(())
                    continue
                parts = self.parts(article)
                own = Looked(half, [], len(parts.each), parts.share_names, {}, None)  # counted and grown below
            if own is None:
                own = look_up(article, entries, order, by_language)
                if notes:
                    self.note_complete(article, own.half, not own.need, own.found)
            hits += own.hits
            misses += len(own.need)
            for name, stored in own.found.items():
                batch.cached.setdefault(name, {})[position] = served_findings(stored, article.article_id)
            if own.entry is not None:
                batch.entries[position] = (ENTRY + own.half, own.entry)
            kept = own.shares
            for name, digest in mine:  # only whether the row is there: read when taken (Shares)
                if has_value(cache_key(digest, own.half)):
                    hits += 1
                    kept += (name,)
                    continue
                misses += 1
                own.need.append(name)
                if position not in batch.entries:  # as for any miss: its entry, to be grown
                    key = ENTRY + own.half
                    batch.entries[position] = (key, cache.entry(key))
            if kept:  # read and parsed by their cross-article steps, if they take them
                article.prepared = kept_shares(kept, own.half, source, article.prepared)
            batch.needs.append(own.need)
        batch.needs = [need if need is None else tuple(need) for need in batch.needs]
        cache.hits += hits
        cache.misses += misses

    def store(self, batch: _Batch, result: BatchResult) -> None:
        """Verdicts and fresh findings of a finished batch, kept for the caches' save."""
        for position, verdict in result.verdicts.items():
            article = batch.articles[position]
            article.language, article.language_prob = verdict
            self.language_cache.entries[article.content_sha256] = verdict
            self.pending.discard(article.content_sha256)
        if self.cache is None:
            return
        if not self.keyed:  # counted as a kept cache counts them: all misses, one trip
            self.cache.misses += sum(map(len, [*result.findings.values(), *result.prepared.values()]))
            return
        looked_up = set(batch.entries)  # the others' language was found by the worker
        fresh_entries: dict[str, dict[str, str]] = {}  # this batch's, grown, then streamed
        halves: dict[int, str] = {}  # each article's article_half, made once for all its parts
        for name, fresh in [*result.findings.items(), *result.prepared.items()]:
            for position, found in fresh.items():
                article = batch.articles[position]
                if position not in looked_up:  # counted as a lookup would have
                    self.cache.misses += 1
                if (half := halves.get(position)) is None:
                    half = halves[position] = article_half(article)
                if name in self.large:  # its own row in the Arrow file
                    self.fresh_values[cache_key(self.digests[name], half)] = found
                    continue
                if position not in batch.entries:  # its entry, if an earlier run made one
                    key = ENTRY + half  # article_key's
                    batch.entries[position] = (key, fresh_entries.get(key) or self.cache.entry(key))
                key, entry = batch.entries[position]
                entry[self.digests[name]] = as_json(found) if name in self.plan.prepare else findings_text(found)
                fresh_entries[key] = entry
        for key, entry in fresh_entries.items():  # to the cache's file now, not held to the end
            self.cache.stream_entry(key, entry)
        if self.fields is not None:  # known lines: whether each grown entry is now complete
            for position, (key, entry) in batch.entries.items():
                article = batch.articles[position]
                parts = self.parts(article)
                self.note_complete(article, key[len(ENTRY):], all(d in entry for d in parts.share_digests)
                                   and all(entry.get(d) == "[]" for d in parts.found_digests))

    def save(self) -> None:
        if self.fields is not None and self.cache is not None:  # kept lines; gone ones dropped
            self.cache.known, self.cache.known_context = self.next_known, self.context
            self.cache.known_order = self.order_digest
            self.cache.known_fresh = bool(self.fresh_known) or len(self.next_known) != len(self.known)
        if self.cache is not None and self.keyed:
            for key, value in self.fresh_values.items():
                self.cache.put_value(key, value, large=True)


_NOT_MADE = (None, None, None, None)  # made.get's default: no article made here, no Complete


def _key_sets(cache: FindingsCache) -> tuple[Any, Any, Any]:
    """The mappings whose keys `cache.has_value` and `key in cache.entries` ask: the large
    rows, then the entries' (a MappedEntries' own and its rows; a dict: none, itself)."""
    entries = cache.entries
    if isinstance(entries, MappedEntries):
        return cache.large_rows, entries.own, entries.rows
    return cache.large_rows, {}, entries


def _batches(records: Iterable[RawRecord | RawLine], size: int, max_records: int,
             bases: list[str], seen: set[str], in_workers: bool = False,
             keeper: _Keeper | None = None, pages: PageCache | None = None) -> Iterator[_Batch]:
    """Batches of (id, number, record). A repeated id gets a provisional one, unique in
    the run, until every input id is known (`_final_ids`: a rename avoids all of them).

    `in_workers`: JSONL lines go to the workers unparsed and every record unnamed (None):
    the worker names them and `_named` finishes. Else a line is parsed here (its problem,
    as every record's, told when its batch comes back: `take_first`), unless the `keeper`
    knows it (a line the last run normalised: its article is made here, `made`); the lines
    parsed here are noted for the keeper to remember (`from_lines`)."""
    batch = _Batch([])
    remembers = keeper is not None and keeper.fields is not None
    for number, item in enumerate(records, start=1):
        if number > max_records:
            if batch.at or batch.made:  # the records read before it go on, so that their problems
                yield batch  # are told before the error (run_per_article's `_tell_untaken`)
            raise too_many_records(item.source_uri if isinstance(item, RawRecord) else item.uri, max_records)
        position = len(batch.at) + len(batch.made)
        made = None
        if pages is not None and _is_page(item):
            item, key = pages.look(item)  # a page extracted before: its record
            if key is not None:
                batch.page_keys[len(batch.numbered)] = key
        if remembers and isinstance(item, RawLine) and keeper.known:  # type: ignore[union-attr]
            made = keeper.known_article(item, number, seen, bases)  # type: ignore[union-attr]
        if made is not None:
            batch.made[position] = made
        elif in_workers:
            batch.numbered.append((None, number, item))
            batch.at.append(position)
        elif _is_page(item):  # extracted where it is normalised,
            # named here from what its reader knew (its id and place, as its record will hold them)
            batch.numbered.append((_provisional_id(item.record_id, item.uri, number, seen, bases), number, item))
            batch.at.append(position)
        else:
            record = item.record() if isinstance(item, RawLine) else item
            if remembers and isinstance(item, RawLine) and item.fields == keeper.fields and not record.error:  # type: ignore[union-attr]
                # where its text starts, for a UTF-8 line only (the only ones served from the
                # line: remembered); text_at decodes the line as UTF-8, and a cp1252 line raised
                utf8 = record.fields.get(ENCODING) == "utf-8"
                at = text_at(item.line, item.fields.text, record.text) if utf8 else None
                batch.from_lines.append((len(batch.numbered), at))
            batch.numbered.append((_provisional_id(record.record_id, record.source_uri, number, seen, bases),
                                   number, record))
            batch.at.append(position)
        if position + 1 >= size:
            yield batch
            batch = _Batch([])
    if batch.at or batch.made:
        yield batch


def _with_made(batch: _Batch, result: BatchResult) -> BatchResult:
    """A first trip's result over the batch's numbered items, made the whole batch's: the
    articles made here (`made`) in their places, positions mapped."""
    at = batch.at
    size = len(at) + len(batch.made)
    articles: list[Any] = [None] * size
    ingest: list[Any] = [None] * size
    for index, (article, own) in enumerate(zip(result.articles or [], result.ingest, strict=True)):
        articles[at[index]], ingest[at[index]] = article, own
    deferred = [at[i] for i in result.deferred]
    for position, (article, own, waits, _) in batch.made.items():
        articles[position], ingest[position] = article, own
        if waits:
            deferred.append(position)
    result.articles, result.ingest, result.deferred = articles, ingest, sorted(deferred)
    result.failed = {name: {at[i]: error for i, error in errors.items()} for name, errors in result.failed.items()}
    result.looked = {at[i]: looked for i, looked in result.looked.items()}
    return result


def run_per_article(
    records: Iterable[RawRecord],
    suite: Suite,
    *,
    workers: int = 1,
    batch_size: int = BATCH_SIZE,
    fix_encoding: bool = False,
    language_cache: LanguageCache | None = None,
    cache: FindingsCache | None = None,
    advance: Any = None,
    on_problem: Callable[[str], None] | None = None,
    dates: DateBounds | None = None,
    few: ProcessPoolExecutor | None = None,
    pages: PageCache | None = None,
) -> StageResult:
    """Normalise `records` and run the suite's per-article detectors, batch by batch.
    A publication date outside `dates` is set aside (audit.normalise.plausible).
    `few`: start_few's pool for a rerun's trips (below), forked before the caches were
    loaded; the stage shuts it down, used or not. `pages`: the pages extracted by earlier
    runs (audit.ingest.page_cache), given their records here; those extracted now are added.

    At most two batches per worker are in flight, so the records read ahead, and the
    texts travelling to and from workers, are bounded by the batch size. `records` may
    hold unparsed JSONL lines (iter_records' `lines`): with caches to look up (a rerun,
    where this process is the stage's critical path) the workers parse them, else this
    process does; every unreadable record (its reader's, a line's, a page's) is told to
    `on_problem` when its batch comes back, in input order whoever made it.
    """
    plan = plan_for(suite, fix_encoding, dates)
    keeper = _Keeper(plan, language_cache or LanguageCache(None), cache)
    two_trips = keeper.looks_up
    records = iter(records)
    head = next(records, None)  # a line says which field names the run reads (known lines)
    if head is not None:
        records = itertools.chain([head], records)
    keeper.start_known(head.fields if isinstance(head, RawLine) else None)
    bases: list[str] = []  # each record's own id, in input order
    seen: set[str] = set()  # the ids of the records named so far
    ingest: list[list[Finding]] = []  # each article's ingest findings
    articles: list[Article] = []
    found: dict[str, list[Finding]] = {name: [] for name in plan.names}
    seconds: dict[str, float] = {}
    global _LOOKUP
    _LOOKUP = keeper.lookup_for_workers() if two_trips else None  # the workers inherit it
    if workers > 1 and passage_apart.CHECK in suite.rules:  # start_apart's, its imports done meanwhile
        _start_passage()
    executor = _executor(workers, plan, detects_all=not two_trips)
    first: deque[tuple[_Batch, Future[BatchResult]]] = deque()  # normalising
    second: deque[tuple[_Batch, _Trip]] = deque()  # detecting
    limit = 2 * max(1, workers)
    gathering = _Trip()  # the detection trip the next batches' articles join
    # A rerun's trips of batches normalised here (few new lines each: 1% changed) go to one
    # worker of their own: 1,000 articles' detection needs less than the core the parent
    # leaves, and two workers at once took the parent's core from it (100,000 true reruns:
    # stage 2.80-2.89 -> 2.65-2.72 s, ingest17). The pool of `workers` forks only if a batch
    # has many new lines (normalised by the workers; its trip goes to them all)
    given, few = few, None
    if two_trips and keeper.fields is not None and workers > 1:
        few = given or _pool(1, plan)

    def send_gathered() -> None:
        nonlocal gathering
        gathering.send(executor, few)
        gathering = _Trip()

    def take_first() -> None:
        batch, future = first.popleft()
        result = future.result()
        if batch.made:
            result = _with_made(batch, result)
        batch.articles, batch.deferred = result.articles or [], result.deferred
        if result.bases:  # named in the worker
            _named(batch, result, bases, seen)
        for _, line in result.problems if on_problem else ():  # every unreadable record's, in input
            on_problem(line)  # order, whoever made it (here, a worker, the reader)
        if pages is not None:
            for index, record in result.pages.items():
                if index in batch.page_keys:
                    pages.put(batch.page_keys[index], record)
        ingest.extend(result.ingest)
        if batch.from_lines:
            keeper.remember(batch)
        batch.numbered = []  # the records are no longer needed
        if two_trips:
            keeper.language_cache.hits += result.known  # the verdicts the worker looked up
            todo = keeper.languages(batch)
            keeper.lookups(batch, todo, result.looked)
            waiting = set(todo)
            batch.sent = [p for p, (a, need) in enumerate(zip(batch.articles, batch.needs, strict=True))
                          if p in waiting or (need != () and a.read_error is None)]
            if batch.sent:  # only those: a rerun's batch of 200 holds about 2 changed articles
                batch.start = gathering.add(batch, todo)
                second.append((batch, gathering))
                if len(gathering.articles) >= DETECT_TRIP or gathering.batches * 4 >= limit:
                    send_gathered()
            else:  # all cached (a nightly rerun's common case): no second trip
                second.append((batch, _NOTHING))
        else:
            keeper.languages(batch)  # counts the verdicts; all are computed in this trip
            batch.needs = [None] * len(batch.articles)
            done: Future[BatchResult] = Future()
            done.set_result(result)
            second.append((batch, _Trip(future=done)))

    def take_second() -> None:
        batch, trip = second.popleft()
        if trip is gathering:  # needed now: sent as it is
            send_gathered()
        result = _in_batch(trip.result(executor, few), batch.sent, batch.start)
        keeper.store(batch, result)
        for name, errors in result.failed.items():  # the worker's copies are not sent back
            for position, error in errors.items():
                batch.articles[position].failed[name] = error
        for name, values in result.prepared.items():
            for position, value in values.items():
                batch.articles[position].prepared[name] = value
        for name in plan.names:  # an article's findings are cached or fresh, never both
            cached, fresh = batch.cached.get(name, {}), result.findings.get(name, {})
            both = {**cached, **fresh} if cached and fresh else cached or fresh
            for position in sorted(both):  # input order
                found[name].extend(both[position])
        for name, spent in result.seconds.items():
            seconds[name] = seconds.get(name, 0.0) + spent
        articles.extend(batch.articles)
        # frozen since the fork (_executor) with workers, unfrozen at the end of the stage: the
        # collector no longer walks the articles done, each batch again (one worker too: a
        # 100,000 rerun's full collections walked them for 0.9 s of CPU)
        gc.freeze()
        if advance:
            advance(len(batch.articles))

    knows = two_trips and keeper.fields is not None  # known lines are made here, others parsed
    if knows:  # a rerun's batch in flight holds its few new or changed articles, the rest is
        limit = KNOWN_IN_FLIGHT * max(1, workers)  # kept anyway: the parent need not wait
    here = executor if workers <= 1 else _InProcess()
    if knows and workers > 1:  # the few lines of a rerun's batch are normalised here
        _init_worker(plan)
    # a rerun's stage mostly makes what stays (the known lines' articles, frozen each batch):
    # its young collections walked them for nothing (0.15 s of a 100,000 rerun's parent)
    try:
        with paused_gc() if knows else contextlib.nullcontext():
            for batch in _batches(records, batch_size, suite.limits.max_records, bases, seen,
                                  in_workers=two_trips and workers > 1 and not knows,
                                  keeper=keeper, pages=pages):
                if not batch.numbered:  # every line known: nothing to normalise
                    trip = Future()
                    trip.set_result(BatchResult([], []))
                elif knows and len(batch.numbered) <= FEW_LINES < len(batch.made):
                    trip = here.submit(normalise_batch, batch.numbered, False)
                else:
                    trip = executor.submit(normalise_batch, batch.numbered, not two_trips)
                    batch.wide = True
                first.append((batch, trip))
                while len(first) + len(second) >= limit:
                    if second and (second[0][1].done() or not first):
                        take_second()
                    else:
                        take_first()
            while first or second:
                if first:
                    take_first()
                else:
                    if gathering.batches:  # the last trip: on its way while the parent
                        send_gathered()  # takes the trips before it
                    take_second()
    except Exception:  # too many records, a worker lost: what was read is still said
        _tell_untaken(first, on_problem)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        if (pool := few or given) is not None:  # `few` is `given` when given and used
            pool.shutdown(wait=True, cancel_futures=True)
        _LOOKUP = None
        gc.unfreeze()
    keeper.save()
    return StageResult(articles, _final_ids(articles, bases, ingest, found), found, seconds)


def _tell_untaken(first: deque[tuple[_Batch, Future[BatchResult]]], on_problem: Callable[[str], None] | None) -> None:
    """The problem lines of the batches read but not yet taken back, in input order, when the
    stage stops part way: each record's line is told when its batch comes back (take_first),
    and a run stopped by its max_records lost the lines of the records read before it."""
    for _, future in first if on_problem else ():
        try:
            result = future.result()
        except Exception:  # the batch itself failed: nothing of it to tell
            continue
        for _, line in result.problems:
            on_problem(line)  # type: ignore[misc]


def _provisional_id(own: str | None, uri: str, number: int, seen: set[str], bases: list[str]) -> str:
    """A record's id as batches carry it: its `own`, else its source and number (`base`,
    added to `bases` and `seen`); a repeat of a base already seen gets `base\x1fnumber`
    until _final_ids renames it. One rule for the parent (`_batches`) and the workers
    (normalise_batch), so ids end the same whoever named them."""
    base = own or _default_id(uri, number)
    bases.append(base)
    before = len(seen)
    seen.add(base)  # one probe of a set of every id so far (a rerun's parent names 100,000)
    return base if len(seen) > before else f"{base}\x1f{number}"


def _named(batch: _Batch, result: BatchResult, bases: list[str], seen: set[str]) -> None:
    """A batch the worker named (normalise_batch): an id an earlier batch used gets its
    provisional one, as `_batches` gives it, in the article and its ingest findings."""
    for position, (base, article) in enumerate(zip(result.bases, result.articles or [], strict=True)):
        if article.article_id == base and base in seen:  # repeats an earlier batch's
            article.article_id = f"{base}\x1f{batch.numbered[position][1]}"
            result.ingest[position] = [replace(f, article_id=article.article_id)
                                       for f in result.ingest[position]]
    bases.extend(result.bases)
    seen.update(result.bases)


def _final_ids(articles: list[Article], bases: list[str], ingest: list[list[Finding]],
               found: dict[str, list[Finding]]) -> list[Finding]:
    """Repeated ids renamed as build_articles renames them (audit.normalise.unique_ids),
    in the articles and their findings; the ingest findings, article by article."""
    if len(set(bases)) == len(bases) == len(articles):  # no id repeats (most corpora): every
        return [finding for own in ingest for finding in own]  # article kept its base, none renamed
    renamed: dict[str, str] = {}
    out: list[Finding] = []
    made = [made_id(article) for article in articles]
    for article, base, new_id, own in zip(articles, bases, unique_ids(bases, made), ingest, strict=True):
        if new_id != article.article_id:
            renamed[article.article_id] = new_id
            article.article_id = new_id
        if new_id != base:
            out.append(renamed_finding(article, base, new_id))
        out.extend(own)
    if renamed:
        for name, findings in found.items():
            found[name] = [replace(f, article_id=renamed[f.article_id])
                           if f.article_id in renamed else f for f in findings]
        out = [replace(f, article_id=renamed[f.article_id]) if f.article_id in renamed else f
               for f in out]
    return out


# ---- cross-article detectors beside each other ---------------------------------------

# Set just before the fork: the child reads them, nothing is pickled.
_APART_JOBS: list[Any] = []
# duplicate.passage's own process, started with the ingest stage for start_apart (passage_apart)
_PASSAGE: list[passage_apart.Passage] = []
_LEAD_PIPE: tuple[Any, Any] | None = None  # (read end, write end): the lead job's columns

Changed = list[tuple[int, dict[str, Any]]]  # (position in _unique_articles, columns it set)


def _unique_articles(jobs: Iterable[Any]) -> list[Article]:
    seen: dict[int, Article] = {}
    for _, articles, _ in jobs:
        for article in articles:
            seen.setdefault(id(article), article)
    return list(seen.values())


def _changed(articles: list[Article], before: list[dict[str, Any]]) -> Changed:
    return [(i, {k: v for k, v in a.extra.items() if k not in before[i] or before[i][k] != v})
            for i, a in enumerate(articles) if a.extra != before[i]]


def _run_apart() -> tuple[dict[str, list[Finding]], dict[str, float], Changed, dict[str, str]]:
    """In the forked child: the jobs, the extra columns they set (cluster ids), and the
    error of each job that raised (it gives no findings and no columns: find_across).

    With a pipe, the first job (duplicate_near) runs in the parent meanwhile, and the
    others are given `_clusters_ready`, which they call when they need its columns
    (duplicate_passage: once its fingerprints are made); their seconds leave out the wait.
    """
    articles = _unique_articles(_APART_JOBS)
    before = [dict(a.extra) for a in articles]
    jobs, reader, waited = list(_APART_JOBS), None, [0.0]
    if _LEAD_PIPE is not None:
        reader, writer = _LEAD_PIPE
        writer.close()  # the parent's copy is the only one left: its close is our EOF
        jobs = jobs[1:]

    def clusters_ready() -> None:
        if reader is None or reader.closed:
            return
        clock = time.perf_counter()
        try:
            columns: Changed = reader.recv()  # EOFError: the parent's lead job failed
        finally:
            reader.close()
        for position, extra in columns:
            articles[position].extra.update(extra)
            before[position].update(extra)  # the parent has them: not sent back
        waited[0] += time.perf_counter() - clock

    found: dict[str, list[Finding]] = {}
    seconds: dict[str, float] = {}
    failed: dict[str, str] = {}
    try:
        for detector, chosen, params in jobs:
            clock, waited[0] = time.perf_counter(), 0.0
            params = {**params, "_clusters_ready": clusters_ready} if reader is not None else params
            found[detector.name], error = find_across(detector.find, chosen, params, detector.columns)
            if error is not None:
                del found[detector.name]
                failed[detector.name] = error
            seconds[detector.name] = time.perf_counter() - clock - waited[0]
    finally:
        if reader is not None:
            reader.close()  # a job that failed or did not ask: the parent's send ends
    return found, seconds, _changed(articles, before), failed


def end_idle_passage() -> None:
    """End the duplicate.passage process a run started and did not use (it stopped before
    its cross-article stage: an error, an interrupt), so it is not left running after the
    call."""
    for idle in _PASSAGE:
        idle.close()
    _PASSAGE.clear()


def _start_passage() -> None:
    """duplicate.passage's process for this run's start_apart, started now: its imports
    (0.3 s) are done while the ingest stage runs. The last run's process has written its state first."""
    passage_apart.settle()
    for idle in _PASSAGE:  # a run's that start_apart did not take
        idle.close()
    _PASSAGE[:] = [process] if (process := passage_apart.Passage.spawn()) is not None else []


def _passage_apart(jobs: list[Any]) -> Callable[[], ApartResult] | None:
    """start_apart with duplicate.passage in its own process (passage_apart), not a fork
    of this one: near runs here meanwhile, then its families are sent. None where that
    process cannot run these jobs (stand-ins, a saved index, no near, no process)."""
    from audit.detect import APART

    if len(jobs) != 2 or jobs[0][0].name != APART[0] or not passage_apart.usable(jobs[1]):
        return None
    process = _PASSAGE.pop() if _PASSAGE else passage_apart.Passage.spawn()
    if process is None:
        return None
    detector, articles, params = jobs[1]
    try:
        running = process.start(articles, params)
    except OSError:  # it ended before its run (its pipe is closed): the forked child's way
        process.close()
        return None
    later: list[Callable[[], None]] = []  # near's state: written once its families are sent
    lead, chosen, lead_params = jobs[0]
    try:
        found, seconds, failed = _run_here((lead, chosen, {**lead_params, "_later": later}))
    except BaseException:
        running.abort()
        raise
    running.near_done()
    write_deferred(later)
    drop_shares(jobs[0][1], jobs[0][0].name)

    def wait() -> ApartResult:
        there, spent, error = running.wait()
        if error is None:
            found[detector.name] = there
        else:
            failed[detector.name] = error
        seconds[detector.name] = spent
        return found, seconds, failed

    return wait


def start_apart(jobs: Any) -> Callable[[], ApartResult]:
    """Run cross-article `jobs` in a forked process (the articles are inherited, not
    pickled) while the caller runs the other detectors; the returned call waits for
    their findings, and copies the columns they set back onto the caller's articles.

    duplicate_passage needs duplicate_near's clusters, but only after its first quarter
    (unpacking word hashes, winnowing). So with both, near runs HERE first, on the other
    core, while the child makes passage's fingerprints; near's columns then go to the
    child through a pipe made before the fork (20,000 articles: the stage was near +
    passage, 0.9 + 3.7 s). A thread sends them, so this process goes on to its other
    detectors without waiting for the child to read. A job that raises is contained
    (find_across: no findings, no columns, its error in the result): if near raises here,
    the child gets no clusters and passage goes on. If near's step fails otherwise, the
    pipe is closed (the child's wait ends in EOFError) and the child is waited for; if the
    child fails, it closes its end (the send ends) and its error comes out of the call.
    """
    global _APART_JOBS, _LEAD_PIPE
    from audit.detect import APART

    jobs = list(jobs)
    waits = _passage_apart(jobs)
    if waits is not None:
        return waits
    for idle in _PASSAGE:  # not needed by these jobs
        idle.close()
    _PASSAGE.clear()
    if not _can_fork():
        found, seconds, _, failed = _run_jobs(jobs)  # no fork: every job here, one after the other
        return lambda: (found, seconds, failed)
    jobs = list(jobs)
    lead = len(jobs) > 1 and jobs[0][0].name == APART[0]
    with frozen_heap():  # the child's collector never touches (copies) the inherited heap
        _APART_JOBS = jobs
        _LEAD_PIPE = multiprocessing.Pipe(duplex=False) if lead else None
        executor = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        future = executor.submit(_run_apart)  # forks here
        pipe, _APART_JOBS, _LEAD_PIPE = _LEAD_PIPE, [], None
    for detector, supported, _ in jobs[1:] if pipe is not None else jobs:
        drop_shares(supported, detector.name)  # the forked process has its own: 5 KB an
        # article for the duplicate checks, held here otherwise
    found: dict[str, list[Finding]] = {}
    seconds: dict[str, float] = {}
    failed: dict[str, str] = {}
    sending: threading.Thread | None = None
    unsent: list[BaseException] = []  # why the columns could not be sent, if they could not
    if pipe is not None:
        reader, writer = pipe
        reader.close()
        try:
            try:
                # jobs[0]'s articles come first in _unique_articles(jobs): same positions
                here, seconds, changed, failed = _run_jobs(jobs[:1])
                found.update(here)
                thread = threading.Thread(target=_send, args=(writer, changed, unsent), daemon=True)
                thread.start()  # set only once started: else the finally closes the pipe
                sending = thread
            finally:
                if sending is None:
                    writer.close()
        except BaseException:
            executor.shutdown(wait=True, cancel_futures=True)
            raise
        drop_shares(jobs[0][1], jobs[0][0].name)

    def wait() -> ApartResult:
        try:
            there, spent, changed, failed_there = future.result()
        except BaseException:
            if unsent:  # the child's EOFError comes from this: say the first cause
                raise unsent[0] from None
            raise
        finally:
            executor.shutdown(wait=True)
            if sending is not None:
                sending.join()
        articles = _unique_articles(jobs)
        for position, columns in changed:
            articles[position].extra.update(columns)
        return {**found, **there}, {**seconds, **spent}, {**failed, **failed_there}

    return wait


def _send(writer: Any, changed: Changed, unsent: list[BaseException]) -> None:
    try:
        writer.send(changed)
    except BrokenPipeError:
        pass  # the child failed or did not ask; wait() says which
    except BaseException as exc:  # e.g. a column that does not pickle: wait() raises it
        unsent.append(exc)
    finally:
        writer.close()


def _run_here(job: Any) -> ApartResult:
    """One cross-article job run in this process, on the caller's own articles: the
    columns it sets are already where they belong, so nothing is copied before it runs
    nor compared after (_run_apart's `before` and `_changed`, for a forked job: 100,000
    copies and comparisons of `extra`, about 0.4 s of a 100,000 rerun's parent, for a
    list that was dropped)."""
    detector, chosen, params = job
    clock = time.perf_counter()
    found, error = find_across(detector.find, chosen, params, detector.columns)
    spent = {detector.name: time.perf_counter() - clock}
    if error is not None:
        return {}, spent, {detector.name: error}
    return {detector.name: found}, spent, {}


def _run_jobs(jobs: Any) -> tuple[dict[str, list[Finding]], dict[str, float], Changed, dict[str, str]]:
    global _APART_JOBS
    _APART_JOBS = list(jobs)
    try:
        return _run_apart()
    finally:
        _APART_JOBS = []
