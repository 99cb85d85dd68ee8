"""The two records every stage passes on: an article row and a finding.

Plain dataclasses, so detectors stay plain functions over lists of them and the table
is one `asdict` away from a parquet row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
DateSource = Literal["metadata", "dateline", "text", "none"]


RECORD_FRAGMENTS = ("line=", "record=", "row_group=")  # what readers put after "#" (audit.ingest.readers)


def split_uri(source_uri: str) -> tuple[str, str]:
    """A source_uri's file path and its record's place ("line=3"; "" for a whole file). The
    last "#" only, and only before a reader's own fragment: a path may hold "#" itself
    ("/data/c#/news.jsonl#line=3"), which partition("#") cut at the folder's name."""
    at = source_uri.rfind("#")
    if at < 0 or not source_uri.startswith(RECORD_FRAGMENTS, at + 1):
        return source_uri, ""
    return source_uri[:at], source_uri[at + 1:]


@dataclass(frozen=True, kw_only=True)
class RawRecord:
    """One article as a reader found it, before normalisation.

    `error` is set when the record could not be read properly; the record is still
    passed on (with whatever text could be recovered) so that nothing is lost.
    """

    source_uri: str  # path, with "#line=N" or "#record=N" for multi-record files
    source_sha256: str  # SHA-256 of the raw bytes of this record (file for .txt/.html)
    record_id: str | None
    text: str
    fields: dict[str, Any] = field(default_factory=dict)  # title, url, publisher, published, language
    error: str | None = None  # unreadable: no article text could be recovered
    fault: str | None = None  # recovered, with a loss worth reporting (bad UTF-8 bytes)
    raw: str | None = None  # raw content kept for quarantine when the record is unreadable


@dataclass(frozen=True)
class SetAsideDate:
    """A publication date read from the record or its text that cannot be the article's
    (audit.normalise.plausible): kept as evidence for provenance.missing, used by nothing."""

    value: date
    source: DateSource  # where it was read, as `published_from` would have said
    why: str  # "after the run's date (2026-12-04)", "a zero date ..."

    def said(self) -> str:
        """The evidence, naming the field and its value."""
        where = "the record's metadata" if self.source == "metadata" else f"the text's {self.source}"
        return (f"published '{self.value.isoformat()}' (from {where}) is not a plausible "
                f"publication date: {self.why}")


@dataclass(kw_only=True)
class Article:
    """One row of the article table (SPEC: articles.parquet)."""

    article_id: str
    source_uri: str
    source_sha256: str
    title: str | None
    published: date | None
    published_from: DateSource
    publisher: str | None
    url: str | None
    language: str | None
    # detect_language's probability for `text` (1.0 from the fast path, else langdetect's,
    # rounded to 4 places); None when the record gave the language. language.mixed reads
    # it as that (a one-paragraph article's langdetect call is not made twice).
    language_prob: float | None
    text: str
    content_sha256: str
    read_error: str | None = None
    raw: str | None = None
    # a date read but not plausible: `published` is then None and `published_from` "none"
    # (audit.normalise.plausible); not a column. Not in the cache keys: what a per-article
    # detector finds depends on `published` (None, as for no date); provenance.missing,
    # which reads this, runs every run (not per_article, never cached)
    published_set_aside: SetAsideDate | None = None
    extra: dict[str, Any] = field(default_factory=dict)  # detector columns (cluster ids, author...)
    # what a detector's `prepare` computed for this article in a worker (audit.detect.workers),
    # taken by its cross-article step; never a column
    prepared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # what raised on this article: a detector's name (or "normalise") -> "ExceptionType:
    # message". That detector's findings are none and its checks not checked (never
    # passed); nothing of it is cached (audit.detect.contain)
    failed: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    def row(self, names: Iterable[str]) -> dict[str, Any]:
        """These fields as plain values, `published` as an ISO date: a table or JSON row."""
        row = {name: getattr(self, name) for name in names}
        if "published" in row:
            row["published"] = self.published.isoformat() if self.published else None
        return row


@dataclass(frozen=True, kw_only=True, slots=True)
class Finding:
    """One problem with its evidence: a span into the article's normalised text.

    Slotted: a corpus can hold hundreds of thousands (no per-finding __dict__).

    `start`/`end` are None for whole-article findings. Severity is set from the suite
    (see audit.suite) after detection, so detectors leave the default.
    """

    article_id: str
    check: str
    message: str
    start: int | None = None
    end: int | None = None
    excerpt: str = ""
    related_article_id: str | None = None
    severity: Severity = "warning"
    data: dict[str, Any] = field(default_factory=dict)  # machine-readable evidence

    def to_json(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "related_article_id": self.related_article_id,
            "data": self.data or None,
        }


def span_finding(
    article: Article, check: str, start: int, end: int, message: str, **kw: Any
) -> Finding:
    """A finding whose excerpt is exactly the text of its span (the evidence)."""
    return Finding(
        article_id=article.article_id,
        check=check,
        message=message,
        start=start,
        end=end,
        excerpt=article.text[start:end],
        **kw,
    )
