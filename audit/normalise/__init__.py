"""Normalise: RawRecords become rows of the article table, with their provenance.

Ingest problems become findings here (`ingest.unreadable`, `ingest.fault`,
`ingest.duplicate_id`, `ingest.too_large`, `ingest.control_chars`), so an unreadable
record is still a row: nothing is lost. The table keeps the input's own id
(`source_id`) and the codec its bytes were in (`source_encoding`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import PurePath
from typing import Any

from audit.ingest.readers import ENCODING
from audit.model import Article, Finding, RawRecord, span_finding, split_uri
from audit.normalise.cache import LanguageCache
from audit.normalise.dates import find_dates, local_date_line, publication_date
from audit.normalise.encoding import Repair, describe_repairs, find_repairs, repair_text
from audit.normalise.language import language_code
from audit.normalise.plausible import DateBounds, set_aside_implausible
from audit.normalise.text import ascii_outside, content_sha256, holds, normalise_text
from audit.suite import Limits, too_many_records

__all__ = ["build_articles", "normalise_text"]


def build_articles(
    records: Iterable[RawRecord],
    *,
    fix_encoding: bool = False,
    language_cache: LanguageCache | None = None,
    limits: Limits | None = None,
    dates: DateBounds | None = None,
) -> tuple[list[Article], list[Finding]]:
    """One Article per record, ids made unique, plus the ingest findings.

    `fix_encoding` applies ftfy's damage repairs (audit.normalise.encoding) to the text
    and records each repair in `article.extra["encoding_fixed"]`. `limits` (from the
    suite) caps the records of a run (more is a usage error: exit 2, nothing written)
    and each article's characters (the rest is cut, with an `ingest.too_large` finding).
    `dates`: the plausible publication dates (a date outside is set aside).
    """
    limits = limits or Limits()
    articles: list[Article] = []
    notes: list[tuple[str | None, int | None]] = []  # each record's fault, length when cut
    findings: list[Finding] = []
    for number, record in enumerate(records, start=1):
        if number > limits.max_records:
            raise too_many_records(record.source_uri, limits.max_records)
        base_id = record.record_id or _default_id(record.source_uri, number)
        article = to_article_contained(record, base_id, fix_encoding=fix_encoding,
                                       language_cache=language_cache,
                                       max_chars=limits.max_article_chars, dates=dates)
        articles.append(article)
        too_long = len(record.text) > limits.max_article_chars
        notes.append((record.fault, len(record.text) if too_long else None))
    new_ids = unique_ids([a.article_id for a in articles], [made_id(a) for a in articles])
    for article, new_id, (fault, cut) in zip(articles, new_ids, notes, strict=True):
        if new_id != article.article_id:
            findings.append(renamed_finding(article, article.article_id, new_id))
            article.article_id = new_id
        findings.extend(_ingest_findings(article, fault, cut))
    return articles, findings


def unique_ids(ids: Sequence[str], made: Sequence[bool] | None = None) -> list[str]:
    """The ids with each repeat renamed `<id>~N`, N the smallest that no input id and no
    earlier rename has: `same, same, same~2` gives `same, same~3, same~2`, never two
    `same~2`. The first record with an id keeps it, but an id made for a record that had
    none (`made`: its file's stem and position) never takes a record's own: `[{text},
    {id: "gen-1", text}]` in gen.json renamed the second record, whose id was its own
    (a helper's review, twentieth session). Linear: N counts on per id."""
    taken = set(ids)
    own = {i for i, m in zip(ids, made, strict=True) if not m} if made is not None else set()
    flags = made if made is not None else [False] * len(ids)
    used: set[str] = set()
    next_n: dict[str, int] = {}
    out: list[str] = []
    for base, was_made in zip(ids, flags, strict=True):
        name = base
        if base in used or (was_made and base in own):
            n = next_n.get(base, 2)
            while f"{base}~{n}" in taken or f"{base}~{n}" in used:
                n += 1
            next_n[base] = n + 1
            name = f"{base}~{n}"
        used.add(name)
        out.append(name)
    return out


def made_id(article: Article) -> bool:
    """Whether the article's id was made for it (its record had none: no source_id)."""
    return article.extra.get("source_id") is None


def renamed_finding(article: Article, base: str, new_id: str) -> Finding:
    """ingest.duplicate_id for an article renamed from `base` to `new_id` (unique_ids)."""
    why = (f"The id made for this record ({base!r}, from its file and position) is another record's"
           if made_id(article) else f"id {base!r} is used by an earlier record")
    return Finding(article_id=new_id, check="ingest.duplicate_id",
                   message=f"{why}; renamed {new_id!r} (a name no input record has).")


def _ingest_findings(article: Article, fault: str | None, cut: int | None) -> list[Finding]:
    """What reading left to say about the article, once its id is final."""
    found = []
    uri = article.source_uri
    if article.read_error:
        found.append(Finding(article_id=article.article_id, check="ingest.unreadable",
                             message=f"{uri}: {article.read_error}."))
    if fault:
        found.append(Finding(article_id=article.article_id, check="ingest.fault",
                             message=f"{uri}: {fault}."))
    if cut:
        found.append(Finding(
            article_id=article.article_id, check="ingest.too_large",
            message=f"The text has {cut:,} characters, over the suite's limit "
                    "(meta.corpus_audit.limits.max_article_chars): only its first "
                    f"{len(article.text):,} were audited, and the table keeps only those.",
            data={"characters": cut, "kept": len(article.text)},
        ))
    found.extend(control_findings(article))
    return found


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")  # C0 but tab, newline, form feed
_NOT_CONTROL = ascii_outside(_CONTROL)


def control_findings(article: Article) -> list[Finding]:
    """NUL and other control characters in the text: one finding at the first, so text
    that carries them never passes the gate unnoticed (hygiene.encoding shows each one)."""
    if not holds(article.text, _CONTROL, _NOT_CONTROL):  # most texts: in C, no regex
        return []
    first = _CONTROL.search(article.text)
    if first is None:
        return []
    seen = Counter(f"U+{ord(m.group()):04X}" for m in _CONTROL.finditer(article.text))
    listed = ", ".join(f"{code} x{count}" for code, count in sorted(seen.items()))
    return [span_finding(
        article, "ingest.control_chars", first.start(), first.end(),
        f"Control characters in the text ({listed}): binary data or a broken extraction; "
        "--fix-encoding removes them.", data={"codepoints": dict(seen)},
    )]


def to_article(
    record: RawRecord,
    article_id: str,
    *,
    fix_encoding: bool = False,
    language_cache: LanguageCache | None = None,
    max_chars: int | None = None,
    dates: DateBounds | None = None,
) -> Article:
    """The article of one record; text past `max_chars` is cut before anything reads it.
    A publication date outside `dates` is set aside (audit.normalise.plausible)."""
    cut = max_chars is not None and len(record.text) > max_chars
    text = normalise_text(record.text[:max_chars] if cut else record.text)
    repairs = find_repairs(text) if fix_encoding else []
    if repairs:
        text = normalise_text(repair_text(text))
    sha = content_sha256(text)
    fields = record.fields
    published, published_from = publication_date(text, fields.get("published"), url=fields.get("url"))
    if fields.get("language"):
        language, prob = language_code(fields["language"]), None
    else:
        cache = language_cache or LanguageCache(None)
        guess = cache.guess(text, sha)
        language, prob = guess.language, guess.probability
    article = Article(
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
        extra=_extra(record, repairs),
    )
    set_aside_implausible(article, dates)
    return article


def to_article_contained(record: RawRecord, article_id: str, **options: Any) -> Article:
    """`to_article`, or when normalising raises on this record, the record as an unreadable
    one (no text, its raw content kept for the quarantine, an `ingest.unreadable` finding)
    with the error in `failed["normalise"]`: one record's bad luck is not the run's."""
    try:
        return to_article(record, article_id, **options)
    except Exception as exc:  # contained: reported, quarantined, not lost
        from audit.detect.contain import describe_error

        error = describe_error(exc)  # the row made here calls none of what may have raised
        return Article(
            article_id=article_id, source_uri=record.source_uri,
            source_sha256=record.source_sha256, title=None, published=None,
            published_from="none", publisher=None, url=None, language=None, language_prob=None,
            text="", content_sha256=content_sha256(""),
            read_error=record.error or f"could not be normalised ({error})",
            raw=record.raw if record.raw is not None else record.text,
            extra={"source_id": record.record_id, "source_encoding": None},
            failed={"normalise": error},
        )


def _extra(record: RawRecord, repairs: list[Repair]) -> dict[str, Any]:
    """Table columns from ingest: the input's own id and codec, the repairs made."""
    extra: dict[str, Any] = {"source_id": record.record_id,
                             "source_encoding": record.fields.get(ENCODING)}
    if repairs:
        extra["encoding_fixed"] = describe_repairs(repairs)
    return extra


_SENTENCE_END = re.compile(r"[.!?:\"”]$")


def _headline(text: str) -> str | None:
    """The first short line without closing punctuation, among the first few lines."""
    for line in text.split("\n")[:6]:
        line = line.strip()
        shaped = 20 <= len(line) <= 200 and not _SENTENCE_END.search(line) and " " in line
        if (shaped and not any(m.end - m.start >= len(line) - 12 for m in find_dates(line))
                and local_date_line(line) is None):  # ("Mittwoch, 5. März 2025" too)
            return line  # (a line that is only a date is a dateline, not a headline)
    return None


def _default_id(source_uri: str, number: int) -> str:
    path, where = split_uri(source_uri)
    stem = PurePath(path).stem
    return f"{stem}-{where.split('=')[-1]}" if where else stem or f"record-{number}"
