"""Normalise: RawRecords become rows of the article table, with their provenance.

Ingest problems become findings here (`ingest.unreadable`, `ingest.fault`,
`ingest.duplicate_id`), so an unreadable record is still a row: nothing is lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import PurePath

from audit.model import Article, Finding, RawRecord
from audit.normalise.cache import LanguageCache
from audit.normalise.dates import find_dates, publication_date
from audit.normalise.encoding import describe_repairs, find_repairs, repair_text
from audit.normalise.language import language_code
from audit.normalise.text import content_sha256, normalise_text

__all__ = ["build_articles", "normalise_text", "number_records", "to_article"]


def build_articles(
    records: Iterable[RawRecord],
    *,
    fix_encoding: bool = False,
    language_cache: LanguageCache | None = None,
) -> tuple[list[Article], list[Finding]]:
    """One Article per record, ids made unique, plus the ingest findings.

    `fix_encoding` applies ftfy's damage repairs (audit.normalise.encoding) to the text
    and records each repair in `article.extra["encoding_fixed"]`.
    """
    articles: list[Article] = []
    findings: list[Finding] = []
    for article_id, record, ingest_findings in number_records(records):
        articles.append(to_article(record, article_id, fix_encoding=fix_encoding,
                                   language_cache=language_cache))
        findings.extend(ingest_findings)
    return articles, findings


def number_records(records: Iterable[RawRecord]) -> Iterator[tuple[str, RawRecord, list[Finding]]]:
    """Each record with its unique article id and its ingest findings, lazily (batches of
    a long run are numbered in the parent, normalised in workers: audit.detect.workers)."""
    seen: dict[str, int] = {}
    for number, record in enumerate(records, start=1):
        findings: list[Finding] = []
        base_id = record.record_id or _default_id(record.source_uri, number)
        article_id = base_id
        if base_id in seen:
            seen[base_id] += 1
            article_id = f"{base_id}~{seen[base_id]}"
            findings.append(Finding(
                article_id=article_id, check="ingest.duplicate_id",
                message=f"id {base_id!r} is used by an earlier record; renamed {article_id!r}.",
            ))
        seen.setdefault(article_id, 1)
        if record.error:
            findings.append(Finding(
                article_id=article_id, check="ingest.unreadable",
                message=f"{record.source_uri}: {record.error}.",
            ))
        if record.fault:
            findings.append(Finding(
                article_id=article_id, check="ingest.fault",
                message=f"{record.source_uri}: {record.fault}.",
            ))
        yield article_id, record, findings


def to_article(
    record: RawRecord,
    article_id: str,
    *,
    fix_encoding: bool = False,
    language_cache: LanguageCache | None = None,
) -> Article:
    text = normalise_text(record.text)
    repairs = find_repairs(text) if fix_encoding else []
    if repairs:
        text = normalise_text(repair_text(text))
    sha = content_sha256(text)
    fields = record.fields
    published, published_from = publication_date(text, fields.get("published"))
    if fields.get("language"):
        language, prob = language_code(fields["language"]), None
    else:
        cache = language_cache or LanguageCache(None)
        guess = cache.guess(text, sha)
        language, prob = guess.language, guess.probability
    return Article(
        article_id=article_id,
        source_uri=record.source_uri,
        source_sha256=record.source_sha256,
        title=fields.get("title") or _headline(text),
        published=published,
        published_from=published_from,
        publisher=fields.get("publisher"),
        url=fields.get("url"),
        language=language,
        language_prob=prob,
        text=text,
        content_sha256=sha,
        read_error=record.error,
        raw=record.raw,
        extra={"encoding_fixed": describe_repairs(repairs)} if repairs else {},
    )


_SENTENCE_END = re.compile(r"[.!?:\"”]$")


def _headline(text: str) -> str | None:
    """The first short line without closing punctuation, among the first few lines."""
    for line in text.split("\n")[:6]:
        line = line.strip()
        shaped = 20 <= len(line) <= 200 and not _SENTENCE_END.search(line) and " " in line
        if shaped and not any(m.end - m.start >= len(line) - 12 for m in find_dates(line)):
            return line  # (a line that is only a date is a dateline, not a headline)
    return None


def _default_id(source_uri: str, number: int) -> str:
    path, _, where = source_uri.partition("#")
    stem = PurePath(path).stem
    return f"{stem}-{where.split('=')[-1]}" if where else stem or f"record-{number}"
