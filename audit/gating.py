"""Gate: before ingest, every article ends up accepted or quarantined, never lost.

The gate is a run (same detectors, same suite, same GX verdict) followed by a split:
articles GX passed go to `accepted`, the others to `quarantine` with their reasons,
and records that could not be read go to `quarantine` with their raw content. Both
files appear whole or not at all (audit.atomic).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from audit.atomic import atomic_files, clean_stale, file_in_the_way
from audit.detect.clean import hand_on_clean  # gate_clean: hand on clean text (issue 5)
from audit.errors import UsageError
from audit.ingest import FieldMap, input_at_or_under, input_folder_holding
from audit.model import Article, Finding, RawRecord, split_uri
from audit.pipeline import RunResult, _stderr, one_or_many, run
from audit.progress import Progress
from audit.suite import Suite, load_suite
from audit.validate.child import GxChild, InProcess

OUTPUT_FIELDS = ("article_id", "source_uri", "source_sha256", "title", "publisher", "url",
                 "language", "published_from", "content_sha256", "text")


@dataclass
class GateResult:
    accepted: list[str]
    quarantined: dict[str, list[dict[str, Any]]]  # article_id -> reasons
    run: RunResult

    @property
    def exit_code(self) -> int:
        return 1 if self.quarantined else 0


def gate(
    paths: Sequence[str | Path] | str | Path,
    *,
    accepted: str | Path,
    quarantine: str | Path,
    suite: str | Suite = "news",
    out: str | Path | None = None,
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
    validator: GxChild | InProcess | None = None,
    leftovers: list[Any] | None = None,
) -> GateResult:
    """Audit `paths` and write accepted and quarantined articles as JSONL files.

    `accepted`/`quarantine` are JSONL files, or folders that get `articles.jsonl`.
    `out`, when given, keeps the run's report; without it the run writes nothing (no
    table, findings, summary, Data Docs or HTML report: nobody would read them; issue
    13, a gate of 1,000 articles in <= 5 s) and `GateResult.run.out_dir` is None.
    With `fix_encoding`, accepted articles carry the repaired text. `validator` and
    `leftovers` (for a caller that ends right after the gate: the command line): as
    `audit.pipeline.run` takes them.
    """
    paths = one_or_many(paths)
    good_path, bad_path = _jsonl_path(accepted), _jsonl_path(quarantine)
    _check_targets(good_path, bad_path, paths, save_index)  # before any work
    the_suite = suite if isinstance(suite, Suite) else load_suite(suite)  # read once
    result = run(paths, suite=the_suite, out=out, fields=fields, on_problem=on_problem,
                 against=against, fix_encoding=fix_encoding, engine=engine,
                 spark_master=spark_master, cache=cache, workers=workers,
                 batch_size=batch_size, progress=progress, data_docs=out is not None,
                 html_report=out is not None, validator=validator, leftovers=leftovers)
    reasons: dict[str, list[Finding]] = {}
    for finding in result.findings:
        reasons.setdefault(finding.article_id, []).append(finding)
    accepted_ids: list[str] = []
    quarantined: dict[str, list[dict[str, Any]]] = {}
    for target in (good_path, bad_path):
        clean_stale(target)  # what a killed gate left (issue 11)
    whole = _whole_texts([a for a in result.articles if result.status[a.article_id] != "pass"
                          and any(f.check == "ingest.too_large" for f in reasons.get(a.article_id, ()))], fields)
    # Both files are written whole under temporary names and renamed together at the
    # end: a killed gate leaves the previous pair as it was.
    with atomic_files(good_path, bad_path) as (good, bad):
        for article in result.articles:
            record = _record(article)
            unjudged = result.failed.get(article.article_id)  # a check raised: never accepted
            cleaned = not unjudged and hand_on_clean(record, article,
                                                     reasons.get(article.article_id, []), the_suite)
            if (result.status[article.article_id] == "pass" and not unjudged) or cleaned:
                accepted_ids.append(article.article_id)
                good.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            why = [*_failure_reasons(unjudged or {}),
                   *(_reason(f) for f in reasons.get(article.article_id, []) if f.severity == "error")]
            why = why or [{"check": "suite", "message": "failed the suite"}]
            quarantined[article.article_id] = why
            record["quarantine_reasons"] = why
            if article.raw is not None:
                record["raw"] = article.raw
            elif article.article_id in whole:
                record["raw"] = whole[article.article_id]
            bad.write(json.dumps(record, ensure_ascii=False) + "\n")
    if save_index is not None:  # only what is admitted counts as ingested (issue 3)
        from audit.detect.duplicates.index import update_index

        admitted = set(accepted_ids)
        update_index(save_index, [a for a in result.articles if a.article_id in admitted])
    return GateResult(accepted_ids, quarantined, result)


def _record(article: Article) -> dict[str, Any]:
    record = article.row(OUTPUT_FIELDS)
    if article.extra.get("encoding_fixed"):  # --fix-encoding changed the text handed on
        record["encoding_fixed"] = article.extra["encoding_fixed"]
    return record


def _whole_texts(articles: Sequence[Article], fields: FieldMap | None) -> dict[str, str]:
    """The whole texts of records cut at the suite's max_article_chars (ingest.too_large),
    by article id, read again from their files, each file once: the table and the run keep
    only a text's first characters, and a quarantine line of those alone lost the rest of
    the article (a helper's review, twentieth session: 200,000 of 20,000,000 characters). A
    record its file no longer holds is left out."""
    from audit.ingest.readers import read_file

    wanted: dict[str, dict[str, str]] = {}  # file -> source_uri -> article id
    for article in articles:
        file = split_uri(article.source_uri)[0]  # a path may hold "#" itself
        wanted.setdefault(file, {})[article.source_uri] = article.article_id
    out: dict[str, str] = {}
    for file, uris in wanted.items():
        # unmade (`lines`): only the records wanted are parsed, or extracted (a WARC's pages)
        for item in read_file(Path(file), fields or FieldMap(), lines=True):
            uri = item.source_uri if isinstance(item, RawRecord) else item.uri
            if uri not in uris:
                continue
            record = item if isinstance(item, RawRecord) else item.record()
            if not record.error:
                out[uris[uri]] = record.text
    return out


def _reason(finding: Finding) -> dict[str, Any]:
    return {"check": finding.check, "severity": finding.severity, "message": finding.message,
            "start": finding.start, "end": finding.end, "excerpt": finding.excerpt}


def _failure_reasons(unjudged: dict[str, str]) -> list[dict[str, Any]]:
    """A check that raised on the article: it was not checked, so it is not admitted."""
    return [{"check": check, "severity": "error",
             "message": f"not checked: {check} failed on this article: {error}",
             "start": None, "end": None, "excerpt": ""} for check, error in unjudged.items()]


def _check_targets(good: Path, bad: Path, inputs: Sequence[str | Path], save_index: str | Path | None) -> None:
    """A UsageError for targets the gate cannot write, before it reads an article: both the
    same file (the quarantine was written over the accepted ones: 2 accepted records lost,
    a helper's review, twentieth session), an input file (replaced by the gate's output), a
    file where a folder must be made, or a --save-index folder that is not an index."""
    if good.resolve() == bad.resolve():
        raise UsageError(f"{good}: given as both --accepted and --quarantine; give two files")
    for target in (good, bad):
        if input_at_or_under(target, inputs) is not None:
            raise UsageError(f"{target}: an input of this gate; its output would replace it")
        blocked = file_in_the_way(target.parent)
        if blocked is not None:
            raise UsageError(f"{target}: cannot write it there ({blocked} is a file)")
        if target.is_dir():
            raise UsageError(f"{target}: a folder; give --accepted and --quarantine a .jsonl file or a folder")
        if (holder := input_folder_holding(target, inputs)) is not None:
            raise UsageError(f"{target}: inside the input folder {holder}: the next gate would read it "
                             "as incoming articles; write it outside")
    if save_index is not None:
        from audit.detect.duplicates.index import check_index_target

        check_index_target(save_index, inputs)


def _jsonl_path(target: str | Path) -> Path:
    """A `.jsonl` path as given, compressed too (`ok.jsonl.gz`, `.bz2`, `.xz`, `.zst`: written
    so, audit.atomic); a folder gets `articles.jsonl`."""
    from audit.ingest.compressed import format_suffix

    path = Path(target)
    return path if format_suffix(path) == ".jsonl" else path / "articles.jsonl"
