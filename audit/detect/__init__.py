"""Detectors: the one place where they are registered, and how they are run.

A detector is a plain function `find(articles, params) -> Iterable[Finding]` over the
whole corpus (so cross-article checks such as duplicates fit the same shape), listed
in `registry()` with the check ids it emits and the languages it understands.

The folders say where things are:
- one package per family of checks, each with its detectors and what only they use:
  `leakage/` (boilerplate.line, paywall.text, metadata.leak and the segmentation they
  share), `duplicates/` (duplicate.*, tokens, MinHash LSH, seeds, the saved index),
  `consistency/` (consistency.*, the office holders' table), `language/`
  (language.unexpected, language.mixed), `hygiene/` (hygiene.*, provenance.missing);
- beside them, what runs any detector: this registry, `workers` (batches in worker
  processes), `cache` (findings and per-article shares kept between runs), `spark`
  (per-article detectors on Spark executors) and `clean` (the text handed on without
  the spans found).

To add a detector: write `audit/detect/<family>/<name>.py` with its function, add one
line to `registry()`, add an expectation reading `n_<check>` to the suites in
`expectations/`, and tests.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from audit.detect.cache import (
    FindingsCache,
    code_fingerprint,
    data_fingerprint,
    detector_digest,
    findings_key,
    params_text,
)
from audit.detect.contain import find_across, find_contained
from audit.detect.duplicates.template import without_covered
from audit.detect.hygiene.html_text import unread_pages
from audit.detect.saved import saved_state
from audit.gcpause import frozen_heap, paused_gc, release_freed
from audit.model import Article, Finding, Severity
from audit.suite import Suite

Find = Callable[[Sequence[Article], Mapping[str, Any]], Iterable[Finding]]
ANY_LANGUAGE: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Detector:
    name: str
    checks: tuple[str, ...]
    find: Find
    languages: frozenset[str] = ANY_LANGUAGE  # empty: language-independent
    per_article: bool = False  # findings depend on the article alone: cacheable between runs
    # a cross-article detector's per-article share (article, params) -> value, run in the
    # workers beside the per-article detectors; `find` takes it from `article.prepared[name]`
    prepare: Callable[[Article, Mapping[str, Any]], Any] | None = None
    # large shares (passage's word hashes, near's MinHash signature: ~6 KB an article) are
    # kept in the cache's memory-mapped Arrow file, not its dict of JSON text: held there as
    # Python strings, with near's shingle sets then, they made a 20,000 rerun need 3.4 GB
    large_prepared: bool = False
    # whether the detector can judge each article at all (articles, params) -> one bool
    # each: an article it cannot (no publication date for a date-relative check, a date
    # before the office table's rows) is recorded as not checked, a null count, instead of
    # a silent pass. Asked once for all articles: the office table is looked up once
    judges: Callable[[Sequence[Article], Mapping[str, Any]], list[bool]] | None = None
    # keeps what it computed between runs, in the cache folder (`params["_saved"]`:
    # audit.detect.saved), so a rerun computes again only what changed
    saved: bool = False
    # the `Article.extra` columns it sets: taken back if it raises (audit.detect.contain)
    columns: tuple[str, ...] = ()
    # checks of other detectors it may report on (passage: a site's template is
    # boilerplate.line's): those the suite asks for are in `params["_also"]`, so it says
    # nothing the suite left out and says it its own way then
    also: tuple[str, ...] = ()
    # reads the text as an article's prose (its lines, sentences, dates, names): a record
    # that is a stored HTML page is not judged by it (audit.detect.hygiene.html_text)
    prose: bool = False

    def supports(self, article: Article) -> bool:
        """Whether this detector can judge the article (unknown language: try it)."""
        return not self.languages or article.language is None or article.language in self.languages


def registry() -> list[Detector]:
    """All detectors, in the order they run. Imported here, not at package import."""
    from audit.detect.consistency import (
        contradictions,
        dates,
        name_variants,
        relative_dates,
        titles,
        weekdays,
    )
    from audit.detect.duplicates import exact as duplicate_exact
    from audit.detect.duplicates import near as duplicate_near
    from audit.detect.duplicates import passage as duplicate_passage
    from audit.detect.duplicates import repeated as duplicate_repeated
    from audit.detect.hygiene import encoding, glued, html_text, provenance
    from audit.detect.language import mixed as language_mixed
    from audit.detect.language import unexpected as language
    from audit.detect.leakage import boilerplate, metadata_leak, paywall
    from audit.normalise.dates import CJK_DATE_LANGUAGES, LOCAL_DATE_LANGUAGES

    en = frozenset({"en"})
    # dates read in English, in calendar_names.json's languages, and in Chinese, Japanese and Korean
    dated = en | LOCAL_DATE_LANGUAGES | CJK_DATE_LANGUAGES
    return [
        Detector("provenance", ("provenance.missing",), provenance.find_missing_provenance),
        Detector("language", ("language.unexpected",), language.find_unexpected_language),
        Detector("language_mixed", ("language.mixed",), language_mixed.find_mixed_language,
                 language_mixed.JUDGED_LANGUAGES, per_article=True, prose=True),
        Detector("encoding", ("hygiene.encoding",), encoding.find_encoding_problems,
                 per_article=True),
        Detector("glued", ("hygiene.glued",), glued.find_glued_sentences, per_article=True, prose=True),
        Detector("html_text", ("hygiene.markup",), html_text.find_html_texts, per_article=True),
        Detector("duplicate_exact", ("duplicate.exact",), duplicate_exact.find_exact_duplicates,
                 prepare=duplicate_exact.prepare, saved=True),
        Detector("duplicate_near", ("duplicate.near",), duplicate_near.find_near_duplicates,
                 prepare=duplicate_near.prepare, large_prepared=True, saved=True,
                 columns=(duplicate_near.CLUSTER_COLUMN,)),
        Detector("duplicate_passage", ("duplicate.passage",), duplicate_passage.find_shared_passages,
                 prepare=duplicate_passage.prepare, large_prepared=True, saved=True, also=("boilerplate.line",), prose=True),
        Detector("duplicate_repeated", ("duplicate.repeated",),
                 duplicate_repeated.find_repeated_sentences, per_article=True, prose=True),
        Detector("dates", ("consistency.invalid_date",), dates.find_invalid_dates, dated,
                 per_article=True, prose=True),
        Detector("weekdays", ("consistency.weekday", weekdays.YEARLESS_CHECK), weekdays.find_weekday_mismatches, dated,
                 per_article=True, prose=True),
        Detector("relative_dates", ("consistency.relative_date",),
                 relative_dates.find_relative_date_conflicts, en | CJK_DATE_LANGUAGES, per_article=True,
                 judges=relative_dates.judges, prose=True),
        Detector("titles", ("consistency.title_anachronism",), titles.find_title_anachronisms, en,
                 per_article=True, judges=titles.judges, prose=True),
        Detector("name_variants", ("consistency.name_variant",), name_variants.find_name_variants,
                 per_article=True, prose=True),
        Detector("contradictions", ("consistency.contradiction",),
                 contradictions.find_contradictions, en, prepare=contradictions.prepare,
                 judges=contradictions.judges, saved=True, prose=True),
        Detector("boilerplate", ("boilerplate.line",), boilerplate.find_boilerplate_lines,
                 prepare=boilerplate.prepare, saved=True, prose=True),
        Detector("paywall", ("paywall.text",), paywall.find_paywall_blocks, per_article=True, prose=True),
        Detector("metadata_leak", ("metadata.leak",), metadata_leak.find_metadata_leaks,
                 per_article=True, prose=True),
    ]


@dataclass
class DetectionResult:
    findings: list[Finding]
    not_checked: dict[str, list[str]]  # article_id -> checks skipped (language, or a failure)
    seconds: dict[str, float]  # detector name -> time spent
    # article_id -> check (or "normalise") -> "ExceptionType: message": what left the article
    # unjudged, on it alone or as a whole cross-article check (audit.detect.contain)
    failed: dict[str, dict[str, str]] = field(default_factory=dict)
    # cross-article check -> the error that stopped it: no findings, no article checked by it
    failed_checks: dict[str, str] = field(default_factory=dict)


Job = tuple[Detector, Sequence[Article], Mapping[str, Any]]  # a detector, its articles, params
Spread = Callable[[Sequence[Job]], dict[str, list[Finding]]]  # findings by detector name
# by detector name: findings, seconds, and the error of each one that raised
ApartResult = tuple[dict[str, list[Finding]], dict[str, float], dict[str, str]]
# starts jobs in another process; the returned call waits for their ApartResult
Apart = Callable[[Sequence[Job]], Callable[[], ApartResult]]
# The heaviest cross-article pair, run beside the others when there are workers
# (measured: passage is most of the cross-article time). They stay together and in this
# order: duplicate_passage reads the clusters duplicate_near writes. start_apart runs near
# in this process first, while a forked child makes passage's fingerprints and waits.
APART = ("duplicate_near", "duplicate_passage")


def run_detectors(
    articles: Sequence[Article],
    suite: Suite,
    detectors: Sequence[Detector] | None = None,
    cache: FindingsCache | None = None,
    spread: Spread | None = None,
    found: Mapping[str, list[Finding]] | None = None,
    advance: Callable[[int], None] | None = None,
    apart: Apart | None = None,
) -> DetectionResult:
    """Run the detectors the suite asks for; severities come from the suite.

    Articles that could not be read are not given to detectors (they have no text);
    articles in a language a detector does not support are recorded as not checked, and so
    are those a detector raised on (here or in the workers: `Article.failed`), with the
    error in `failed`; a cross-article detector that raises judges no article
    (`failed_checks`). See audit.detect.contain.
    Per-article detectors take what `cache` holds for unchanged articles; with `spread`
    (audit.detect.spark), they run on the rest in one distributed job. `found` holds the
    findings of detectors already run over batches (audit.detect.workers): not run again.
    With `apart` (audit.detect.workers.start_apart), the APART detectors run beside the
    others (passage in another process, near here before the others).
    `advance(1)` is called after each detector that ran (progress). The corpus is frozen
    for the collector meanwhile (audit.gcpause.frozen_heap), and the collector paused: a
    rerun's steps load their saved states (boilerplate's 100,000 identities, claims,
    groups: about a million objects that all stay alive to the stage's end), and each
    collection their growth set off walked them again, freeing nothing (100,000 rerun:
    five full collections and a thousand young ones, 0.8 s of the parent's 3.7 s of CPU
    in the stage; the garbage cycles left at its end: counted in rhead.md). What it made
    is frozen with the corpus at its end, so the collector takes it as old objects, as
    the ones that survived those collections were.
    """
    with frozen_heap(), paused_gc():
        try:
            return _run_detectors(articles, suite, detectors, cache, spread, found, advance, apart)
        finally:  # what the stage made and keeps joins the corpus (unfrozen with it, as old):
            gc.freeze()  # not walked by the young collections the next allocations set off


def _run_detectors(
    articles: Sequence[Article],
    suite: Suite,
    detectors: Sequence[Detector] | None,
    cache: FindingsCache | None,
    spread: Spread | None,
    found: Mapping[str, list[Finding]] | None,
    advance: Callable[[int], None] | None,
    apart: Apart | None,
) -> DetectionResult:
    by_detector: dict[str, list[Finding]] = {}
    not_checked: dict[str, list[str]] = {}
    seconds: dict[str, float] = {}
    failed_runs: dict[str, str] = {}  # cross-article detector name -> its error
    jobs: list[Job] = []
    readable = [a for a in articles if a.read_error is None]
    data_digest = data_fingerprint() if cache is not None and cache.path is not None else ""
    languages = [a.language for a in readable]
    understood: dict[frozenset[str], list[bool]] = {}  # _supported's verdicts by language set
    any_failed = any(a.failed for a in readable)

    def job_of(detector: Detector, wanted: tuple[str, ...]) -> Job:
        params = suite.params_for(wanted)
        if detector.also:
            params = {**params, "_also": tuple(c for c in detector.also if c in suite.rules)}
        supported = _supported(detector, readable, languages, params, wanted, not_checked, understood)
        if any_failed and any(a.failed for a in supported):  # its share raised in a worker: not judged
            supported = [a for a in supported if detector.name not in a.failed]
        if detector.saved and data_digest:
            params = {**params, "_saved": saved_state(cache.path, detector.name,  # type: ignore[union-attr, arg-type]
                                                      detector_digest(detector.name, code_fingerprint(
                                                          detector.find, data_digest), params_text(params)))}
        return detector, supported, params

    asked = [(d, w) for d in (detectors if detectors is not None else registry())
             if (w := tuple(c for c in d.checks if c in suite.rules))]
    early = _apart_first(asked, found, apart, job_of)
    waiting = apart(list(early.values())) if apart is not None and early else None  # it takes their shares
    chosen = [early.get(d.name) or job_of(d, w) for d, w in asked]
    elsewhere = [job for job in chosen if job[0].name in APART and not (found and job[0].name in found)]
    if waiting is None and apart is not None and elsewhere:
        waiting = apart(elsewhere)
    for detector, supported, params in chosen:
        if found is not None and detector.name in found:
            by_detector[detector.name] = list(found[detector.name])
            continue
        if waiting is not None and detector.name in APART:
            by_detector[detector.name] = []  # keeps the registry's order of findings
            continue
        if detector.per_article and spread is not None:
            jobs.append((detector, supported, params))
            by_detector[detector.name] = []
            continue
        clock = time.perf_counter()
        if detector.per_article and cache is not None:
            by_detector[detector.name] = _find_with_cache(detector, supported, params, cache,
                                                          data_digest)
        elif detector.per_article:
            by_detector[detector.name] = _find_per_article(detector, supported, params)
        else:
            by_detector[detector.name], error = find_across(detector.find, supported, params,
                                                            detector.columns)
            if error is not None:
                failed_runs[detector.name] = error
        seconds[detector.name] = time.perf_counter() - clock
        if advance:
            advance(1)
    if waiting is not None:
        release_freed()  # the shares this process took, before the forked child's peak (and the tail)
        apart_found, apart_seconds, apart_failed = waiting()
        by_detector.update(apart_found)
        seconds.update(apart_seconds)
        failed_runs.update(apart_failed)
        if advance:
            advance(len(apart_found) + len(apart_failed))
    if jobs:
        clock = time.perf_counter()
        by_detector.update(_spread_with_cache(jobs, spread, cache, data_digest))  # type: ignore[arg-type]
        seconds["spread_per_article"] = time.perf_counter() - clock
    findings = without_covered([_with_severity(f, suite.rules[f.check].severity)
                                for found in by_detector.values() for f in found if f.check in suite.rules])
    failed, failed_checks = _failures(articles, chosen, suite, failed_runs, not_checked)
    prose = [check for detector, wanted in asked if detector.prose for check in wanted]
    findings = unread_pages(findings, prose, not_checked)  # a stored HTML page: no prose to judge
    return DetectionResult(findings, not_checked, seconds, failed, failed_checks)


def _apart_first(asked: Sequence[tuple[Detector, tuple[str, ...]]], found: Mapping[str, Any] | None,
                 apart: Apart | None, job_of: Callable[[Detector, tuple[str, ...]], Job]) -> dict[str, Job]:
    """The APART detectors' jobs, made before the others' (by name, in the registry's
    order), so that duplicate.passage's process starts before the others' `_supported`
    (their judges: 0.1-0.2 s of a 100,000 rerun, while passage's process waited). Only
    when each judges every article (no languages, no judges): then making its job first
    records nothing in not_checked, whose order stays the registry's. Else none (made in
    order, started after)."""
    todo = [(d, w) for d, w in asked if d.name in APART and not (found and d.name in found)]
    if apart is None or not todo or any(d.languages or d.judges is not None for d, _ in todo):
        return {}
    return {d.name: job_of(d, w) for d, w in todo}


def _with_severity(finding: Finding, severity: Severity) -> Finding:
    """The finding with `severity`: itself when it has it already (a Finding is frozen;
    most carry the default, "warning"), else a copy. `replace` for each was 0.08 s of a
    100,000 rerun's 27,000 findings, at the detect stage's end (rerun7's 54c4292)."""
    return finding if finding.severity == severity else replace(finding, severity=severity)


def _supported(detector: Detector, readable: list[Article], languages: list[str | None],
               params: Mapping[str, Any], wanted: tuple[str, ...],
               not_checked: dict[str, list[str]], understood: dict[frozenset[str], list[bool]],
               ) -> list[Article]:
    """The articles the detector judges; the others (another language, no date it needs)
    are recorded as not checked, in article order. The language is read from a list made
    once, not by `supports` for each detector and article (360,000 calls, 0.2 s a rerun),
    and compared once for each set of languages (`understood`: eight detectors are
    English-only; 0.3 s of a 100,000 rerun's parent when each compared them again)."""
    if detector.languages not in understood:
        understood[detector.languages] = [True] * len(readable) if not detector.languages else [
            language is None or language in detector.languages for language in languages]
    ok = understood[detector.languages]
    if detector.judges is not None:
        verdicts = iter(detector.judges([a for a, yes in zip(readable, ok) if yes], params))
        ok = [yes and next(verdicts) for yes in ok]
    if all(ok):
        return list(readable)
    supported = []
    for article, yes in zip(readable, ok):
        if yes:
            supported.append(article)
        else:
            not_checked.setdefault(article.article_id, []).extend(wanted)
    return supported


def _failures(articles: Sequence[Article], chosen: Sequence[Job], suite: Suite,
              failed_runs: Mapping[str, str], not_checked: dict[str, list[str]],
              ) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """What raised, by article and by check; every article a failure left unjudged is
    recorded as not checked by the failed checks (null counts, never passed)."""
    checks = {d.name: tuple(c for c in d.checks if c in suite.rules) for d, _, _ in chosen}
    failed: dict[str, dict[str, str]] = {}
    for article in articles:
        for name, error in article.failed.items():
            own = failed.setdefault(article.article_id, {})
            for check in checks.get(name, (name,)):  # "normalise", or a check id
                own[check] = error
            if name in checks and article.read_error is None:
                not_checked.setdefault(article.article_id, []).extend(checks[name])
    failed_checks: dict[str, str] = {}
    for detector, supported, _ in chosen:
        if detector.name in failed_runs:
            for check in checks[detector.name]:
                failed_checks[check] = failed_runs[detector.name]
            for article in supported:
                not_checked.setdefault(article.article_id, []).extend(checks[detector.name])
                own = failed.setdefault(article.article_id, {})
                for check in checks[detector.name]:
                    own[check] = f"{failed_runs[detector.name]} (cross-article check: not run)"
    if failed_checks:  # back in article order
        failed = {a.article_id: failed[a.article_id] for a in articles if a.article_id in failed}
    return failed, failed_checks


def _cached(
    detector: Detector, articles: Sequence[Article], params: Mapping[str, Any],
    cache: FindingsCache, data_digest: str,
) -> tuple[list[Finding], dict[str, tuple[Article, str]]]:
    """What the cache holds for these articles, and the articles it misses with their keys."""
    fingerprint = code_fingerprint(detector.find, data_digest)
    keyed_params = params_text(params)  # once: it hashes the files a param names
    found: list[Finding] = []
    missing: dict[str, tuple[Article, str]] = {}
    for article in articles:
        key = findings_key(detector.name, fingerprint, keyed_params, article)
        cached = cache.get(key, article.article_id)
        if cached is None:
            missing[article.article_id] = (article, key)
        else:
            found.extend(cached)
    return found, missing


def _store(missing: dict[str, tuple[Article, str]], findings: Iterable[Finding],
           cache: FindingsCache) -> list[Finding]:
    """Cache fresh findings under each article's key (no finding is cached too)."""
    fresh: dict[str, list[Finding]] = {article_id: [] for article_id in missing}
    for finding in findings:
        fresh[finding.article_id].append(finding)
    for article_id, (_, key) in missing.items():
        cache.put(key, fresh[article_id])
    return [f for found in fresh.values() for f in found]


def _find_per_article(detector: Detector, articles: Sequence[Article],
                      params: Mapping[str, Any]) -> list[Finding]:
    """A per-article detector's findings; the articles it raised on get it in `failed`."""
    found, failed = find_contained(detector.find, articles, params)
    for article in articles if failed else ():
        if article.article_id in failed:
            article.failed[detector.name] = failed[article.article_id]
    return found


def _find_with_cache(
    detector: Detector, articles: Sequence[Article], params: Mapping[str, Any],
    cache: FindingsCache, data_digest: str,
) -> list[Finding]:
    """Cached findings for unchanged articles; the detector runs on the rest only (an
    article it raised on is not cached: a rerun tries again)."""
    found, missing = _cached(detector, articles, params, cache, data_digest)
    fresh = _find_per_article(detector, [a for a, _ in missing.values()], params)
    return found + _store({i: m for i, m in missing.items() if detector.name not in m[0].failed},
                          fresh, cache)


def _spread_with_cache(
    jobs: Sequence[Job], spread: Spread,
    cache: FindingsCache | None, data_digest: str,
) -> dict[str, list[Finding]]:
    """As _find_with_cache for several detectors, their missed articles in one spread job."""
    found: dict[str, list[Finding]] = {}
    pending: dict[str, dict[str, tuple[Article, str]]] = {}
    todo = []
    for detector, articles, params in jobs:
        if cache is None:
            found[detector.name] = []
            todo.append((detector, articles, params))
            continue
        found[detector.name], pending[detector.name] = _cached(detector, articles, params,
                                                               cache, data_digest)
        todo.append((detector, [a for a, _ in pending[detector.name].values()], params))
    for name, fresh in spread(todo).items():
        if name in pending:  # an article the detector raised on is not cached
            keep = {i: m for i, m in pending[name].items() if name not in m[0].failed}
            fresh = _store(keep, fresh, cache)  # type: ignore[arg-type]
        found[name].extend(fresh)
    return found
