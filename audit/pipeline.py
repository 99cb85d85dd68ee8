"""The run: ingest, normalise, detect, validate, report, in that order.

`run()` is the Python API behind `corpus-audit run`. It writes the run into a
temporary folder beside `out` and moves it into place at the end, so a killed run
never leaves half a report where the last good one was.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import sys
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from audit import __version__
from audit.atomic import (
    check_replaceable,
    clean_stale,
    file_in_the_way,
    make_work_dir,
    replace_dir,
    writing,
)
from audit.detect import run_detectors
from audit.detect.cache import KNOWN_FILE, open_findings_cache
from audit.detect.contain import problem_line, whole_run_line
from audit.errors import UsageError
from audit.gcpause import paused_gc
from audit.ingest import (
    FieldMap,
    all_pages,
    input_at_or_under,
    input_folder_holding,
    is_page,
    iter_records,
    list_inputs,
    not_read_line,
)
from audit.ingest.page_cache import open_page_cache
from audit.model import Article, Finding, split_uri
from audit.normalise import build_articles
from audit.normalise.cache import open_language_cache
from audit.normalise.plausible import DateBounds
from audit.progress import Progress, count_if_over, count_records
from audit.strings import contiguous, string_arrays
from audit.suite import Suite, load_suite, signal_column, too_many_records
from audit.validate import TEMPLATES_FILE
from audit.validate.child import GxChild, InProcess, start_validator

if TYPE_CHECKING:
    import pandas as pd

# pandas (0.5 s) and what imports it are imported where they are used, after the workers
# fork, while the parent waits for them (GX and its pandas are imported in their own child)

TABLE_COLUMNS = [
    "article_id", "source_uri", "source_sha256", "title", "published", "published_from",
    "publisher", "url", "language", "language_prob", "text", "content_sha256", "status",
]


@dataclass
class RunResult:
    out_dir: Path | None  # None: a run asked to write nothing (a gate without --out)
    articles: list[Article]
    findings: list[Finding]
    status: dict[str, str]  # article_id -> pass / fail
    summary: dict[str, Any]
    problems: list[str] = field(default_factory=list)  # one line per unreadable input or failure
    # article_id -> check (or "normalise") -> the error that left it unjudged: a detector
    # raised (audit.detect.contain); such an article fails, and the gate quarantines it
    failed: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.severity == "error")


def _stderr(line: str) -> None:
    print(line, file=sys.stderr)


PROBLEM_LINES = 20  # on stderr; summary.json's `problems` keeps every line


def capped(emit: Callable[[str], None], limit: int = PROBLEM_LINES, kept: bool = True) -> Callable[[str], None]:
    """`emit` for the first `limit` lines, then one line saying where the rest are.

    `kept`: whether the run writes a folder whose summary.json holds every line.
    A check that raises on every article, or a file of broken records, gives a line per
    article: a million of them bury the terminal and the one line that matters. The
    caller's own `on_problem` (a logger, a list) still gets every line.
    """
    shown = 0

    def show(line: str) -> None:
        nonlocal shown
        shown += 1
        if shown <= limit:
            emit(line)
        elif shown == limit + 1:
            emit(f"... more problems than {limit}: the rest are not printed; every one is in the "
                 "run's summary.json (problems), unreadable records in unreadable.jsonl" if kept else
                 f"... more problems than {limit}: the rest are not printed (with --out, the run's "
                 "summary.json keeps every one)")
    return show


def run(
    paths: Sequence[str | Path] | str | Path = ("seeds",),
    *,
    suite: str | Suite = "news",
    out: str | Path | None = "reports/latest",
    fields: FieldMap | None = None,
    on_problem: Callable[[str], None] | None = _stderr,
    against: str | Path | None = None,
    save_index: str | Path | None = None,
    fix_encoding: bool = False,
    engine: str = "pandas",
    spark_master: str | None = None,
    cache: str | Path | None = None,
    workers: int | None = None,
    batch_size: int | None = None,
    progress: Progress | None = None,
    data_docs: bool = True,
    html_report: bool = True,
    validator: GxChild | InProcess | None = None,
    run_date: date | None = None,
    leftovers: list[Any] | None = None,
) -> RunResult:
    """Audit a corpus and write the run's outputs into `out`; return what was found.

    `workers` processes (default: every core this process may use; 1: in this process)
    normalise the articles and run the per-article detectors over batches of
    `batch_size` articles (audit.detect.workers); findings do not depend on either.
    `progress` shows each stage on stderr (audit.progress); `data_docs` and
    `html_report` can be turned off when nobody will read them; `out=None` writes
    nothing at all (the gate without `--out`: its files were written, then deleted).
    `validator`: one the caller started for this suite and engine before its own imports
    (the CLI: `audit.validate.child.start_validator`); the run closes it.
    `run_date` (default: the day the run starts, UTC) bounds the plausible publication
    dates (audit.normalise.plausible): tests fix it. `leftovers`: a list that gets the
    large objects the run made and its result does not hold (the table, the report's
    rows and view records, GX's columns, the caches), and the collector is told to skip
    what exists (`gc.freeze`): the command line keeps them to its `os._exit`, where a young
    collection of every container the tail made, then their freeing one by one, took
    0.6-1.1 s of its wall at 100,000 articles after the outputs were in place
    (docs/measurements/tail15.md). For a caller that ends right after the run.
    """
    started = datetime.now(UTC)
    paths = one_or_many(paths)
    the_suite = suite if isinstance(suite, Suite) else load_suite(suite)
    if validator is None:  # GX's import (3-4 s of CPU) starts now, in a child (issue 13)
        validator = start_validator(the_suite, engine, spark_master)
    pools: list[Any] = []  # a rerun's early worker pool, ended here whatever happens (below)
    held = contextlib.ExitStack()  # the --out folder's lock (audit.atomic.writing), to the end
    try:
        return _run(paths, the_suite, validator, started, pools, held, out=out, fields=fields,
                    on_problem=on_problem, against=against, save_index=save_index,
                    fix_encoding=fix_encoding, engine=engine, spark_master=spark_master,
                    cache=cache, workers=workers, batch_size=batch_size, progress=progress,
                    data_docs=data_docs, html_report=html_report,
                    run_date=run_date or started.date(), leftovers=leftovers)
    finally:
        validator.close()
        _settle_passage()
        # the workers' stage ends the pool it was given; a stop before the stage (an
        # interrupt while the caches load) left its forked worker to the executor, and the
        # command line's os._exit skips that: the worker lived on, holding the caller's
        # stderr (a helper's review, twentieth session). Ending an ended pool is nothing.
        for pool in pools:
            pool.shutdown(wait=True, cancel_futures=True)
        held.close()


def one_or_many(paths: Sequence[str | Path] | str | Path) -> list[str | Path]:
    """The input paths as a list: one path given alone (`run("corpus.jsonl")`) is one path,
    not a sequence of one-letter ones ("i: no such file or folder")."""
    return [paths] if isinstance(paths, (str, Path)) else list(paths)


def _few_for_rerun(suite: Suite, engine: str, cache: str | Path | None, workers: int | None,
                   fix_encoding: bool, dates: DateBounds) -> Any:
    """audit.detect.workers.start_few's pool when the run is a rerun whose stage will send
    trips to it: pandas, more than one worker, a cache that kept the last run's lines
    (its known-lines file). Else None (the stage forks one itself if it needs one)."""
    if engine != "pandas" or cache is None or not (Path(cache) / KNOWN_FILE).is_file():
        return None
    from audit.detect.workers import default_workers, plan_for, start_few

    if (workers or default_workers()) <= 1:
        return None
    return start_few(plan_for(suite, fix_encoding, dates))


def _settle_passage() -> None:
    """Wait for duplicate.passage's process, which writes its state after it sent its
    findings (passage_apart.settle): a run ends with its cache whole; and end the one a
    run stopped early started and did not use (workers.end_idle_passage)."""
    apart = sys.modules.get("audit.detect.duplicates.passage_apart")  # not imported: nothing to wait for
    if apart is not None:
        apart.settle()
    workers = sys.modules.get("audit.detect.workers")
    if workers is not None:  # a process the run started and, stopped early, did not use
        workers.end_idle_passage()


def _run(
    paths: Sequence[str | Path],
    the_suite: Suite,
    validator: GxChild | InProcess,
    started: datetime,
    pools: list[Any],
    held: contextlib.ExitStack,
    *,
    out: str | Path | None,
    fields: FieldMap | None,
    on_problem: Callable[[str], None] | None,
    against: str | Path | None,
    save_index: str | Path | None,
    fix_encoding: bool,
    engine: str,
    spark_master: str | None,
    cache: str | Path | None,
    workers: int | None,
    batch_size: int | None,
    progress: Progress | None,
    data_docs: bool,
    html_report: bool,
    run_date: date,
    leftovers: list[Any] | None = None,
) -> RunResult:
    """The run once its validator is started (GX's import under way in its child).
    `leftovers`: see `run`."""
    timings: dict[str, float] = {}
    # the plausible publication dates (audit.normalise.plausible): for ingest and annotate
    dates = DateBounds(run_date=run_date, earliest_year=the_suite.earliest_year)
    if against is not None:  # duplicate checks also compare with a saved index (issue 3)
        from audit.detect.duplicates.index import load_index

        the_suite = replace(the_suite, settings={**the_suite.settings, "_index": load_index(against)})
    problems: list[str] = []
    # `kept`: a run without a folder (a gate without --out) has no summary.json to point to
    tell = capped(on_problem, kept=out is not None) if on_problem is _stderr else on_problem

    def problem(line: str) -> None:
        problems.append(line)
        if tell:
            tell(line)

    progress = progress or Progress()
    out_dir = None if out is None else Path(out)
    if out_dir is not None and out_dir.name in ("", ".."):  # "." or "..": named, so it can be swapped
        out_dir = Path(os.path.abspath(out_dir))
    # the input files, listed once (a missing path or an empty folder is a usage error
    # here, before any work): their records, their count and their hashes
    if out_dir is not None:
        check_out_dir(out_dir, paths)
        held.enter_context(writing(out_dir, "--out"))
    not_read: dict[Path, list[str]] = {}
    listed = list_inputs(paths, avoid=out_dir, not_read=not_read)
    for folder, names in not_read.items():  # a folder's files of no input format: said, not left out silently
        problem(not_read_line(folder, names))
    if save_index is not None:
        from audit.detect.duplicates.index import check_index_target

        check_index_target(save_index, paths)
    if cache is not None and (blocked := file_in_the_way(Path(cache))) is not None:
        raise UsageError(f"{cache}: cannot keep the cache there ({blocked} is a file)")
    # a rerun's one-worker pool, forked before the caches load (workers.start_few); the
    # stage ends it, or `run` does after an error before the stage (`pools`)
    few = _few_for_rerun(the_suite, engine, cache, workers, fix_encoding, dates)
    pools.extend([few] if few is not None else [])
    # Work of the run's tail that needs no article and lets the GIL go (file reads,
    # hashlib, Parquet's decoding), begun now: the ingest stage keeps one core busy and
    # leaves the other idle, the tail keeps both busy (issue 13). The input files'
    # sha256 for summary.json (205 MB at 100,000 articles: 0.17 s of CPU), and the last
    # run's statuses (its articles.parquet, replaced only at the end).
    import langdetect.detector  # these four: see below
    import langdetect.detector_factory
    import langdetect.utils.ngram  # noqa: F401
    import numpy.random  # noqa: F401

    # What the workers import lazily and _last_statuses' thread imports too is imported
    # HERE, before the threads: that thread imports the report (pyarrow.parquet, pandas ->
    # numpy.random, dateutil -> six) while this thread forks the workers; a fork in the
    # middle of one of those imports left the module's import lock held in the child for
    # good. A worker's first MinHash (lsh: np.random) waited on it forever (a gate hung in
    # the test suite, twenty-first session); a rerun's worker that imports langdetect (and
    # so six) lazily hung every time the lock was held (a helper forced it). Imported, the
    # children never take those locks. 11 ms.
    hashed = _apart(record_file_hashes, paths, listed)
    previous = _apart(_last_statuses, out_dir) if out_dir is not None else None
    clock = time.perf_counter()
    with paused_gc():  # all they load stays (audit.gcpause): 0.07 s of collections at 100,000
        language_cache = open_language_cache(cache)
        findings_cache = open_findings_cache(cache)
    session = _spark_session(engine, spark_master)
    # the workers' stage may parse JSONL lines in the workers (run_per_article); Spark's reads records
    # (with the workers, a record's problem is told when its batch comes back, in input order
    # whoever made the record: run_per_article; Spark's are told as read)
    records = iter_records(list(paths), fields, on_problem=problem if session is not None else None,
                           lines=session is None, files=listed)
    found, apart = None, None
    stage: Any = None  # run_per_article's answer, when the workers ran
    if session is None:  # every core: normalise and per-article detectors in batches
        from audit.detect.workers import (
            BATCH_SIZE,
            BATCHES_PER_WORKER,
            batch_size_for,
            default_workers,
            run_per_article,
            start_apart,
        )

        workers = workers or default_workers()
        apart = start_apart if workers > 1 else None
        small = BATCH_SIZE * BATCHES_PER_WORKER * workers  # from here on, batches of BATCH_SIZE
        # whole for the progress bar's ETA; else only whether the input is small
        total = count_records(listed, None if progress.mode != "none" else small)
        limit = the_suite.limits.max_records
        over = total if total is not None and total > limit else None
        if over is None and (total is None if progress.mode != "none" else total is not None and total >= small):
            # cut short at "small", or left uncounted (a large compressed file): counted when it may be over
            over = count_if_over(listed, limit)
        if over is not None:  # say so now, not after the first `limit` records' work (356 s
            # at 1,000,000: run_per_article checks as records stream in, and still does where
            # the count is unknown, or estimated under the limit by count_if_over)
            raise too_many_records(", ".join(map(str, paths)), limit, over)
        batch_size = batch_size or batch_size_for(total, workers, pages=all_pages(listed))
        page_cache = open_page_cache(cache if any(map(is_page, listed)) else None)  # a WARC's, .html files'
        with progress.stage("normalise + per-article", total) as advance, contextlib.closing(page_cache):
            stage = run_per_article(records, the_suite, workers=workers,
                                    batch_size=batch_size, fix_encoding=fix_encoding,
                                    language_cache=language_cache, cache=findings_cache,
                                    advance=advance, on_problem=problem, dates=dates, few=few,
                                    pages=page_cache)
        articles, findings, found = stage.articles, stage.ingest_findings, stage.found
        timings.update({f"detect.{name}": t for name, t in stage.seconds.items()})
    else:  # language verdicts in one distributed job after reading
        language_cache.deferred = {}
        articles, findings = build_articles(records, fix_encoding=fix_encoding,
                                            language_cache=language_cache, limits=the_suite.limits,
                                            dates=dates)
        from audit.detect.spark import languages_on_spark

        language_cache.resolve(articles, lambda texts: languages_on_spark(session, texts))
    timings["ingest_normalise"] = time.perf_counter() - clock  # the language cache is saved later

    clock = time.perf_counter()
    with progress.stage("cross-article checks", None, "detectors") as advance:
        detection = run_detectors(articles, the_suite, cache=findings_cache,
                                  spread=_spread(session), found=found, advance=advance,
                                  apart=apart)
    saving = _apart(_save_and_drop, findings_cache, language_cache)  # joined before the run's folder is put in place
    for line in failure_lines(articles, detection.failed, detection.failed_checks):
        problem(line)
    findings = [_with_severity(f, the_suite) for f in findings] + detection.findings
    findings = [f for f in findings if f.check in the_suite.rules]
    timings["detect"] = time.perf_counter() - clock
    timings.update({f"detect.{name}": t for name, t in detection.seconds.items()})
    from audit.detect.clean import annotate  # clean_text and author columns (issue 5)

    dated = annotate(articles, findings, dates)
    if dated:  # a date from a stamp in the body: provenance.missing no longer says there is none
        from audit.detect.hygiene.provenance import after_stamps

        findings = after_stamps(findings, articles, dated)
    if save_index is not None:  # add this corpus to the saved duplicate index (issue 3)
        from audit.detect.duplicates.index import update_index

        clock = time.perf_counter()
        update_index(save_index, articles)
        timings["save_index"] = time.perf_counter() - clock

    work = None
    if out_dir is not None:
        clean_stale(out_dir)  # what a killed run left beside it (issue 11)
        work = make_work_dir(out_dir)  # the user's umask, not mkdtemp's 0700
    parquet: Future[None] | None = None  # articles.parquet being written (write_parquet_apart)
    guessed: Future[None] | None = None  # the same, begun before GX's statuses (_write_guessed)
    guess: list[str] | None = None
    early: Future[Any] | None = None  # the gate without --out needs no table (nor pandas, 0.5 s: issue 13)
    with paused_gc():
        try:
            # No cyclic collection in the tail (paused_gc, around this block): what exists
            # (articles, findings: millions of objects) and what it makes (the table, rows,
            # view records) stay to its end, and the full collections its allocations
            # triggered walked them all, freeing nothing (20,000 articles: 2, 0.16-0.21 s of
            # CPU; 100,000: 3, 1.1 s; with what existed frozen, still 4 for 0.7 s:
            # docs/measurements/tail.md). Its garbage is freed by reference counts; the few
            # cycles it makes (pandas, Jinja) wait for the collector until its end.
            clock = time.perf_counter()
            # counted once for both, column by column; GX's columns made before the thread
            # starts (its GIL would slow them down), and the table reuses their lists
            counts = count_columns(articles, findings, the_suite, detection.not_checked)
            signals = signal_columns(articles, findings, the_suite, detection.not_checked, counts)
            files = _apart(lambda: input_files(articles, hashed.result()))  # summary.json's
            if out_dir is not None:
                from audit.report import history
            table_made: Future[pd.DataFrame] = Future()  # the thread's table, before the report's preparation
            if work is not None:  # the table, the report's rows and diffs, made while GX validates
                # articles.parquet and the report's data files written while GX validates, with
                # the statuses GX will give when its error expectations are the suite's count
                # bounds (kept only if GX's statuses are these: guessed_statuses)
                guess = guessed_statuses(the_suite, signals, detection.failed)
                early = _apart(_table_and_report, articles, findings, the_suite, detection.not_checked,
                               detection.failed, counts, html_report, signals, table_made,
                               (guess, work / "data") if guess is not None else None)
                if guess is not None:
                    guessed = _apart(_write_guessed, table_made, guess, work / "articles.parquet")
            with progress.stage("validate (GX)", 1, "steps") as advance:
                if cache is not None:  # Data Docs' compiled templates kept for the next runs
                    validator.template_cache = Path(cache) / TEMPLATES_FILE
                try:
                    validation = validator.validate(signals, work / "data_docs" if data_docs and work else None)
                except BaseException:
                    if early is not None:  # not left reading behind the caller's back
                        wait([early])
                    raise
                # the report's preparation may go on: articles.parquet does not wait for it
                table = table_made.result() if early is not None else None
                advance()
            unjudged = detection.failed  # not checked after an error: never passed
            # each article's status in their order (the table's rows are the articles), from
            # the ids GX's columns hold already (no attribute read an article); by id, the
            # same (an id's status depends on the id alone): 0.2 -> 0.03 s at 100,000
            failed = validation.failed_ids
            statuses = ["fail" if i in failed or i in unjudged else "pass" for i in signals["article_id"]]
            status = dict(zip(signals["article_id"], statuses))
            timings["validate"] = time.perf_counter() - clock
            timings.update(validator.seconds)  # the child's import and validation, our wait

            clock = time.perf_counter()
            if table is not None:  # a copy (no data copied): the thread may still read its table
                table = table.copy(deep=False)
                table["status"] = statuses
                if work is not None and guessed is not None and guess == statuses:
                    parquet = guessed  # written, or being written, with these statuses
                elif work is not None:  # the report's longest part (1.4 s of CPU at 100,000, snappy)
                    if guessed is not None:  # a wrong guess: its write ends before this one begins
                        wait([guessed])
                    parquet = write_parquet_apart(table, work / "articles.parquet")  # from here on
            summary = build_summary(
                started, paths, articles, findings, status, the_suite, validation, timings, problems,
                detection.not_checked, files.result())
            summary["check_failures"] = check_failures(detection.failed, detection.failed_checks)
            summary["compared_to_previous"] = None
            if out_dir is not None:
                summary["compared_to_previous"] = history.compare_with_previous(
                    out_dir, summary, status, previous.result() if previous is not None else None)
            summary["language_cache"] = _cache_stats(language_cache)
            summary["findings_cache"] = _cache_stats(findings_cache)
            waited = 0.0

            def docs_ready() -> None:  # the Data Docs, built by GX's process meanwhile
                nonlocal waited
                since = time.perf_counter()
                validator.finish()
                waited += time.perf_counter() - since

            if work is not None and out_dir is not None and table is not None:
                with progress.stage("write outputs", 1, "steps") as advance:
                    prepared = early.result() if early is not None else None
                    if prepared is not None:
                        from audit.report import with_status

                        prepared = with_status(prepared, statuses)
                    write_outputs(work, table, findings, summary, articles, validation, html_report,
                                  prepared, docs_ready, parquet)
                    advance()
            docs_ready()  # if the report did not wait for them (no report)
            saving.result()  # the findings cache is written (or its error raised) before the run ends
            timings["report"] = time.perf_counter() - clock
            summary["seconds"]["report"] = round(timings["report"], 3)
            if "gx_docs" in validator.seconds:
                summary["seconds"].update(gx_docs=round(validator.seconds["gx_docs"], 3),
                                          wait_gx_docs=round(waited, 3))
            if work is not None and out_dir is not None:
                _put_in_place(work, out_dir, summary)
            if leftovers is not None:  # kept by the caller, not freed as this frame ends
                leftovers.extend([table, table_made, early, counts, signals, statuses, validation,
                                  detection, language_cache, findings_cache, found, records, stage])
                # nor walked: the collector, on again after this block, made a young
                # collection of every container the tail had made (0.3 s at 100,000)
                gc.freeze()
        except BaseException:
            if parquet is not None or guessed is not None:  # not left writing into the folder removed below
                wait([f for f in (parquet, guessed) if f is not None])
            if early is not None:
                wait([early])
            if work is not None:
                shutil.rmtree(work, ignore_errors=True)
            saving.exception()  # not left writing behind the caller's back
            raise
    return RunResult(out_dir and out_dir.absolute(), articles, findings, status, summary, problems,
                     detection.failed)


RUN_MARK = "summary.json"  # what every run folder holds (written last, with the run's record)


def check_out_dir(out_dir: Path, inputs: Sequence[str | Path]) -> None:
    """A UsageError unless a run may replace `out_dir` whole: it is missing, an empty
    folder, or a run folder (it holds summary.json); it holds none of the `inputs` (the
    paths given), and is in none of the folders given (the next run would read its
    findings.jsonl and articles.parquet as articles). A run builds its folder beside
    `out_dir` and swaps it in (audit.atomic.replace_dir): `--out corpus` replaced the
    user's corpus with the run, `--out notes.txt` a file (a helper's review, twentieth
    session). The given paths are compared, not each file listed: a real path is a
    syscall or more, a million of them seconds."""
    check_replaceable(out_dir, RUN_MARK, "run folder", "--out")
    if (given := input_at_or_under(out_dir, inputs)) is not None:
        raise UsageError(f"{out_dir}: holds the input {given}, and a run replaces its --out folder whole")
    if (holder := input_folder_holding(out_dir, inputs)) is not None:
        raise UsageError(f"{out_dir}: inside the input folder {holder}: the next run would read the "
                         "run's own files as articles; give --out a folder outside it")


def _last_statuses(out_dir: Path) -> dict[str, str] | None:
    """audit.report.history.read_statuses of the last run's folder, imported here (in the
    thread: audit.report imports pandas and Jinja, which a run without a folder never needs)."""
    from audit.report.history import read_statuses

    return read_statuses(out_dir)


def _save_and_drop(cache: Any, language_cache: Any) -> None:
    """The findings cache written, then its entries dropped (the rest of the run does not
    read them: memory). In a thread: the 20,000 rerun rewrote 100 MB of cache (0.4 s of
    wall, most of it pyarrow's writing, which releases the GIL) on the detect stage's
    path; now it goes on beside validation and the report. The language cache too: its
    save, at the end of the ingest stage, imported pandas there (pyarrow's `pa.table` and
    `pa.array` do: 0.4 s of the stage), which the findings cache's save imports here anyway."""
    language_cache.save()
    cache.save()
    cache.entries.clear()


def _table_and_report(
    articles: Sequence[Article],
    findings: Sequence[Finding],
    suite: Suite,
    not_checked: dict[str, list[str]],
    failed: dict[str, dict[str, str]],
    counts: Mapping[str, list[int | None]],
    html_report: bool,
    known: Mapping[str, Any] | None,
    table_made: Future[pd.DataFrame],
    ahead: tuple[list[str], Path] | None = None,
) -> Any:
    """The article table, into `table_made`, and audit.report.prepare's answer (None
    without a report), returned; in a thread started when GX's columns are made (`known`:
    their lists, which the table reuses): while GX's process validates, this one waits on
    a pipe (the GIL free) and would sit idle. Made before the send, the table (0.3 s of CPU at 20,000 articles)
    delayed GX's start by as much; the rows, cluster diffs and view plan are 0.6 s more.
    `table_made` gets the table (or the error) as soon as it is made: at 100,000 articles
    this thread outlasts GX's validation, and articles.parquet's writing (C++, the GIL
    free) need not wait for the report's preparation. `ahead`: a guess of the statuses and
    the run's data folder, where the report's data files are then written with them
    (audit.report.write_data_ahead: kept if GX's statuses are the guess)."""
    try:
        columns = article_columns(articles, not_checked, failed, counts, known)
        table = article_table(articles, findings, suite, not_checked, failed, counts, columns)
    except BaseException as error:
        table_made.set_exception(error)
        raise
    table_made.set_result(table)
    if not html_report:
        return None
    from audit.report import prepare, write_data_ahead

    prepared = prepare(table, findings, columns)
    return write_data_ahead(prepared, ahead[1], ahead[0]) if ahead is not None else prepared


def _apart(call: Callable[..., Any], *args: Any, **kwargs: Any) -> Future[Any]:
    """`call(*args, **kwargs)` in a thread of its own; its result (or error) in the Future."""
    thread = ThreadPoolExecutor(max_workers=1)
    try:
        return thread.submit(call, *args, **kwargs)
    finally:
        thread.shutdown(wait=False)  # the thread ends with its one task


def _put_in_place(work: Path, out_dir: Path, summary: dict[str, Any]) -> None:
    """The finished run folder replaces the last one; the history gains its line."""
    from audit.report.history import append_history

    (work / "summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")
    replace_dir(work, out_dir)
    append_history(out_dir.parent / "history.jsonl", summary, out_dir.name)


def failure_lines(articles: Sequence[Article], failed: dict[str, dict[str, str]],
                  failed_checks: dict[str, str]) -> list[str]:
    """One problem line per article and check that raised, then one per cross-article
    check that did not run (audit.detect.contain)."""
    lines = [problem_line(a, check, error) for a in articles if a.article_id in failed
             for check, error in failed[a.article_id].items() if check not in failed_checks]
    return lines + [whole_run_line(check, error) for check, error in failed_checks.items()]


def check_failures(failed: dict[str, dict[str, str]], failed_checks: dict[str, str],
                   ) -> dict[str, dict[str, Any]]:
    """summary.json's `check_failures`: by check (or "normalise"), how many articles it
    left unjudged, the first error, and whether it is a cross-article check that did not
    run at all. Empty when nothing raised: a pipeline can test it."""
    out: dict[str, dict[str, Any]] = {}
    for own in failed.values():
        for check, error in own.items():
            entry = out.setdefault(check, {"articles": 0, "whole_run": check in failed_checks,
                                           "error": failed_checks.get(check, error)})
            entry["articles"] += 1
    for check, error in failed_checks.items():  # a check that had no article to judge
        out.setdefault(check, {"articles": 0, "whole_run": True, "error": error})
    return dict(sorted(out.items()))


def _spark_session(engine: str, spark_master: str | None) -> Any:
    """On engine spark, the session that detection and validation share; else None."""
    if engine != "spark":
        return None
    from audit.validate import spark_session

    return spark_session(spark_master)


def _spread(session: Any) -> Callable[..., Any] | None:
    """On Spark, per-article detectors run on the executors too."""
    if session is None:
        return None
    from audit.detect.spark import spread_on_spark

    return lambda jobs: spread_on_spark(session, jobs)


def _cache_stats(cache: Any) -> dict[str, Any]:
    """Where a cache lives and how it served this run (both caches have these fields)."""
    return {"path": str(cache.path) if cache.path else None, "hits": cache.hits,
            "misses": cache.misses}


def _with_severity(finding: Finding, suite: Suite) -> Finding:
    rule = suite.rules.get(finding.check)
    return replace(finding, severity=rule.severity) if rule else finding


def article_table(
    articles: Sequence[Article],
    findings: Sequence[Finding],
    suite: Suite,
    not_checked: dict[str, list[str]],
    failed: dict[str, dict[str, str]] | None = None,
    counts: Mapping[str, list[int | None]] | None = None,
    columns: Mapping[str, Any] | None = None,
) -> pd.DataFrame:
    """The SPEC's article table plus one finding-count column per check of the suite;
    with `failed` (a detector raised), a `check_failures` column: JSON {check: error}.
    `counts`: count_columns' answer, when the caller made it already; `columns`:
    article_columns' answer, when the caller made it already (it keeps them: the report's
    rows take their strings from them instead of back from the table, audit.report.prepare)."""
    import pandas as pd

    if counts is None:
        counts = count_columns(articles, findings, suite, not_checked)
    if columns is None:
        columns = article_columns(articles, not_checked, failed, counts)
    table = _frame(columns) if articles else pd.DataFrame([], columns=TABLE_COLUMNS)
    for check in suite.rules:
        if signal_column(check) not in table:
            table[signal_column(check)] = pd.Series(dtype="int64")
    return table


def _frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    """The frame pandas makes of one dict a row (`pd.DataFrame(rows)`), made from columns.

    pandas makes a frame of dicts (or tuples) by putting them in a 2-D object array and
    inferring each column's type from its values (`convert_object_array`: a count with a
    None is float64, strings and None its str type, Arrow-backed). Here each column is an
    object array of its own, given to that same conversion: no dict a row (100,000 of
    them with 40 keys), and no strided column of the 2-D array for pandas to copy into
    Arrow (its 18 str columns took 0.94 s at 100,000 articles from the 2-D array). The
    same frame and parquet bytes (tests/test_tail3.py); if that pandas function is not
    there, pandas' public from_records does the same from tuples, slower. A column given
    as a numpy array (GX's counts, typed as pandas types them: count_array) is taken as
    it is. A column of strings (and None) skips pandas' inference: audit.strings makes
    its Arrow array once, clean_text of text's slices where they are the same strings
    (1.5 s at 100,000 articles in pandas, most of the validate stage's critical path)."""
    import numpy as np
    import pandas as pd

    size = len(next(iter(columns.values())))
    lists = [name for name, values in columns.items() if isinstance(values, list)]
    arrays = string_arrays(columns, lists)  # str columns straight to Arrow (audit.strings)
    rest = [name for name in lists if name not in arrays]
    try:
        from pandas.core.internals.construction import convert_object_array

        arrays.update(zip(rest, convert_object_array(
            [np.fromiter(columns[name], dtype=object, count=size) for name in rest], dtype=None),
            strict=True))
    except (ImportError, TypeError):  # another pandas (no such function, or another signature)
        return pd.DataFrame.from_records(list(zip(*columns.values(), strict=True)),
                                         columns=list(columns))
    return pd.DataFrame({name: arrays.get(name, values) for name, values in columns.items()}, copy=False)


MISSING = float("nan")  # what pandas gives a row without the key (a column from some extras)


def article_columns(
    articles: Sequence[Article],
    not_checked: Mapping[str, Sequence[str]],
    failed: Mapping[str, Mapping[str, str]] | None,
    counts: Mapping[str, list[int | None]],
    known: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The article table's columns as plain lists, in its order: what one dict an article
    gave pandas, column by column. An article's dict held TABLE_COLUMNS, then its extras
    (over a field of the same name, in its place; a new key at the end), then its counts
    (over an extra of the same name), then `check_failures` when something raised; a
    column is where its key first appeared (article by article, key by key) and an
    article without the key has NaN there. `known`: columns made already (signal_columns':
    the same lists and count arrays, not made twice)."""
    head = [name for name in TABLE_COLUMNS if name != "status"] + ["status", "not_checked"]
    counted = list(counts)
    order = dict.fromkeys(head)
    overridden: set[str] = set()  # fields an article's extra replaced
    for shape in dict.fromkeys(tuple(a.extra) for a in articles):  # a few distinct key lists
        overridden.update(key for key in shape if key in order)
        order.update(dict.fromkeys(shape))
        order.update(dict.fromkeys(counted))
        if failed:
            order["check_failures"] = None
    columns: dict[str, Any] = {}
    for name in order:
        if failed and name == "check_failures":
            column = [json.dumps(errors, ensure_ascii=False) if (errors := failed.get(a.article_id))
                      else None for a in articles]
        elif name in counts:  # GX's typed array of it if made (count_array), else the list
            column = known[name] if known and name in known else counts[name]
        elif name in head:
            column = known[name] if known and name in known else field_column(articles, name, not_checked)
            if name in overridden:
                column = [a.extra.get(name, value) for a, value in zip(articles, column, strict=True)]
        else:
            column = [a.extra.get(name, MISSING) for a in articles]
        columns[name] = column
    return columns


def field_column(articles: Sequence[Article], name: str,
                 not_checked: Mapping[str, Sequence[str]] | None = None) -> list[Any]:
    """One of the table's own columns, as Article.row gave it (`published` in ISO)."""
    if name == "published":
        return [a.published.isoformat() if a.published else None for a in articles]
    if name == "status":
        return ["pass"] * len(articles)
    if name == "not_checked":
        skipped = not_checked or {}
        return [",".join(sorted(set(skipped.get(a.article_id, ())))) or None for a in articles]
    return list(map(attrgetter(name), articles))


def count_columns(
    articles: Sequence[Article],
    findings: Sequence[Finding],
    suite: Suite,
    not_checked: Mapping[str, Sequence[str]],
) -> dict[str, list[int | None]]:
    """Each article's findings counted by check of the suite: a list (article by article)
    per signal_column, in the suite's order; None where the check did not judge the
    article, since not checked is not passed. The article table's count columns and the
    columns GX validates, made column by column (not a dict an article: 0.4 s of CPU at
    100,000 articles, then read out again for each column)."""
    signals = {check: signal_column(check) for check in suite.rules}
    columns: dict[str, list[int | None]] = {column: [0] * len(articles) for column in signals.values()}
    places: dict[str, list[int]] = {}  # article id -> its positions (an id may repeat)
    for n, a in enumerate(articles):
        places.setdefault(a.article_id, []).append(n)
    for f in findings:
        column = signals.get(f.check)
        if column is not None:
            counted = columns[column]
            for n in places.get(f.article_id, ()):
                counted[n] += 1  # type: ignore[operator]  # None only below
    for article_id, skipped in not_checked.items():
        for check in set(skipped):
            column = signals.get(check)
            if column is not None:
                for n in places.get(article_id, ()):
                    columns[column][n] = None
    return columns


def signal_counts(
    articles: Sequence[Article],
    findings: Sequence[Finding],
    suite: Suite,
    not_checked: Mapping[str, Sequence[str]],
) -> Iterator[dict[str, int | None]]:
    """count_columns' counts an article at a time: {signal_column: count} in the suite's order."""
    columns = count_columns(articles, findings, suite, not_checked)
    if not columns:
        yield from ({} for _ in articles)
    for values in zip(*columns.values()):
        yield dict(zip(columns, values))


SIGNAL_FIELDS = ("article_id", "content_sha256", "published", "published_from", "language")


def signal_frame(table: pd.DataFrame, suite: Suite) -> pd.DataFrame:
    """What GX validates: ids, hashes and counts, not the text."""
    return table[[*SIGNAL_FIELDS, *(signal_column(c) for c in suite.rules)]].copy()


def signal_columns(
    articles: Sequence[Article],
    findings: Sequence[Finding],
    suite: Suite,
    not_checked: Mapping[str, Sequence[str]],
    counts: Mapping[str, list[int | None]] | None = None,
) -> dict[str, Any]:
    """`signal_frame`'s columns, the fields as lists (a count is None where the check did not
    judge the article). The run sends these to GX, whose process makes the DataFrame
    (audit.validate.as_frame): a gate without --out then never imports pandas, 0.5 s on
    its critical path after detection (issue 13). `counts`: count_columns' answer, when
    the caller made it already (the run: the article table uses the same lists).
    The counts go as numpy arrays of the type pandas would give them (count_array):
    pickled, unpickled and made a frame of in a third of the time of lists (0.03 against
    0.07 s of CPU at 20,000 articles), on GX's path."""
    if counts is None:
        counts = count_columns(articles, findings, suite, not_checked)
    columns: dict[str, Any] = {name: field_column(articles, name) for name in SIGNAL_FIELDS}
    columns.update({name: count_array(values) for name, values in counts.items()})
    return columns


def count_array(values: list[int | None]) -> Any:
    """A count column as pandas types a list of them: int64; float64 (NaN for None) when
    some article was not judged; left a list (pandas: object) when none was. numpy is
    loaded by then (the detectors use it)."""
    import numpy as np

    if None not in values:
        return np.array(values, dtype=np.int64)
    if all(value is None for value in values):
        return values
    return np.array([np.nan if value is None else value for value in values], dtype=np.float64)


def build_summary(
    started: datetime,
    paths: Sequence[str | Path],
    articles: Sequence[Article],
    findings: Sequence[Finding],
    status: dict[str, str],
    suite: Suite,
    validation: Any,
    timings: dict[str, float],
    problems: list[str],
    not_checked: Mapping[str, Sequence[str]] | None = None,
    files: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """summary.json; `not_checked` (article id -> checks that did not judge it) gives each
    check's count of unjudged articles, so a pipeline can tell a zero from a skip.
    `files`: input_files(articles), when the caller made it already."""
    by_check = Counter(f.check for f in findings)
    skipped = Counter(c for checks in (not_checked or {}).values() for c in set(checks))
    by_severity = Counter(f.severity for f in findings)
    return {
        "run_id": f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}",
        "started": started.isoformat(),
        "finished": datetime.now(UTC).isoformat(),
        "tool": {"name": "corpus-audit", "version": __version__},
        "suite": {"name": suite.name, "version": suite.version, "sha256": suite.sha256,
                  "path": str(suite.path)},
        "great_expectations": {"version": validation.gx_version, "success": validation.success,
                               "statistics": validation.statistics},
        # as given, and absolute: a scheduler reads the summary from another folder
        "inputs": [{"path": str(p), "absolute": os.path.abspath(p)} for p in paths],
        "input_files": input_files(articles) if files is None else files,
        "articles": len(articles),
        "status": dict(Counter(status.values())),
        "counts": {"by_check": dict(sorted(by_check.items())),
                   "by_severity": {s: by_severity.get(s, 0) for s in ("error", "warning", "info")},
                   "not_checked_by_check": dict(sorted(skipped.items()))},
        "problems": problems,
        "seconds": {k: round(v, 3) for k, v in timings.items()},
    }


def input_files(articles: Sequence[Article], hashes: Mapping[str, str] | None = None) -> list[dict[str, str]]:
    """summary.json's `input_files`: each file the articles came from and its sha256 (a
    file of many records, JSONL or CSV, read again and hashed here: 0.14 s of CPU and
    0.2 s of wall for the 100,000 rerun's 205 MB, which the run does in a thread while
    GX validates, off the report's path). `hashes`: record_file_hashes' answer, for the
    files it hashed already."""
    from audit.ingest.compressed import compression

    known = hashes or {}
    inputs: dict[str, str] = {}
    for a in articles:
        path, where = split_uri(a.source_uri)
        # a file-a-record input's record hash is its file's, unless compressed (the text's hash)
        inputs.setdefault(path, "" if where or compression(path) else a.source_sha256)
    return [{"path": p, "sha256": h or known.get(p) or _file_sha256(p)} for p, h in inputs.items()]


RECORD_FILES = (".jsonl", ".json", ".csv", ".parquet")  # the formats of many records a file


def record_file_hashes(paths: Sequence[str | Path], files: Sequence[Path] | None = None) -> dict[str, str]:
    """The sha256 of each input file of many records (by its path as the readers write it
    in source_uri): what input_files hashes, done at the run's start, in a thread beside
    the ingest stage (the file's reads and hashlib let the GIL go), not in its tail. A
    path that cannot be listed gives {} (the run says why). `files`: list_inputs(paths),
    when the caller listed them already."""
    if files is None:
        try:
            files = list_inputs(paths)
        except UsageError:
            return {}
    from audit.ingest.compressed import format_suffix

    return {str(p): _file_sha256(str(p)) for p in files if format_suffix(p) in RECORD_FILES}


def _file_sha256(path: str) -> str:
    import hashlib

    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return ""
    return digest.hexdigest()


def write_outputs(
    work: Path,
    table: pd.DataFrame,
    findings: Sequence[Finding],
    summary: dict[str, Any],
    articles: Sequence[Article],
    validation: Any,
    html_report: bool = True,
    prepared: Any = None,
    docs_ready: Callable[[], None] | None = None,
    parquet: Future[None] | None = None,
) -> None:
    """articles.parquet, findings.jsonl and the report (`prepared`: audit.report.prepare's,
    with the status, when made while GX validated; `docs_ready`: waits for the Data Docs,
    which the report's overview reads; `parquet`: write_parquet_apart's, when the caller
    began writing the table already)."""
    from audit.report import write_report

    if parquet is None:
        parquet = write_parquet_apart(table, work / "articles.parquet")
    try:
        # json.dumps(ensure_ascii=False)'s lines, by one encoder (json.dumps made one a finding)
        encode = json.JSONEncoder(ensure_ascii=False).encode
        with (work / "findings.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines([encode(finding.to_json()) + "\n" for finding in findings])
        if html_report:
            write_report(work / "index.html", table, findings, summary,
                         [asdict(o) for o in validation.outcomes], articles=articles,
                         prepared=prepared, docs_ready=docs_ready)
    finally:
        parquet.result()


def guessed_statuses(suite: Suite, signals: Mapping[str, Any],
                     unjudged: Mapping[str, Any]) -> list[str] | None:
    """The statuses GX's validation will give, article by article, when the suite's
    error-severity expectations are all its count bounds `n_<check>` between 0 and 0
    (the news and web suites): "fail" for an article with a finding of such a check, or
    not judged after an error; else None (no guess). A guess, never the answer: the run
    keeps what it wrote with it only when GX's statuses are the same (issue 13: the
    parquet file's writing, 1.2 s of snappy at 100,000 articles, was the run's last step,
    on one core, after GX's)."""
    import numpy as np

    columns = []
    for expectation in suite.document.get("expectations", []):
        meta, kwargs = expectation.get("meta") or {}, expectation.get("kwargs") or {}
        if meta.get("severity") != "error":
            continue
        if (expectation.get("type") != "expect_column_values_to_be_between"
                or set(kwargs) - {"column", "min_value", "max_value", "strict_min", "strict_max"}
                or kwargs.get("min_value") != 0 or kwargs.get("max_value") != 0
                or kwargs.get("strict_min") or kwargs.get("strict_max")
                or kwargs.get("column") not in signals):
            return None
        columns.append(kwargs["column"])
    ids = signals["article_id"]
    failing = np.zeros(len(ids), dtype=bool)
    for column in columns:
        values = signals[column]
        if isinstance(values, np.ndarray) and values.dtype.kind in "if":  # NaN: not judged, not a fail
            failing |= values > 0
        elif any(v is not None for v in values):  # a list of counts (count_array leaves all-None ones)
            failing |= np.array([v is not None and v > 0 for v in values], dtype=bool)
    statuses = np.where(failing, "fail", "pass").tolist()
    if unjudged:
        statuses = ["fail" if i in unjudged else s for i, s in zip(ids, statuses, strict=True)]
    return statuses


def _write_guessed(table_made: Future[pd.DataFrame], guess: list[str], path: Path) -> None:
    """articles.parquet of the thread's table with the guessed statuses (guessed_statuses)."""
    table = table_made.result().copy(deep=False)  # the thread may still read its table
    table["status"] = guess
    write_parquet_apart(table, path).result()


def write_parquet_apart(table: pd.DataFrame, path: Path) -> Future[None]:
    """`table.to_parquet(path, index=False)`, its writing in a thread: the table becomes
    Arrow here (what pandas' to_parquet does first), then Parquet's encoding and
    compression, C++ that releases the GIL (0.7 s of CPU at 20,000 articles), go on
    beside the report. The same bytes as to_parquet's of the table with each column one
    array (tests/test_run_tail.py): a column of slices (audit.strings, clean_text) is made
    one there, in the thread, for the Parquet pages an array converted whole gives."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if table.attrs:  # to_parquet's extra metadata: not ours to copy, so let pandas write
        table.to_parquet(path, index=False)
        done: Future[None] = Future()
        done.set_result(None)
        return done
    arrow = pa.Table.from_pandas(table, schema=None, preserve_index=False)
    return _apart(lambda: pq.write_table(contiguous(arrow), str(path), compression="snappy",
                                         filesystem=None))
