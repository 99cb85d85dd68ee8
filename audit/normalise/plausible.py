"""Which publication dates can be an article's: the one place that decides.

A scraper's or a database's null comes out as a date: 0001-01-01 (the zero time of .NET,
Go and many databases), 1970-01-01 (a Unix time of 0); a prank generator dates its pages
2059-08-23 (FakeNewsNet's pages, docs/measurements/precx.md). Used as the publication date,
such a date makes every date-relative check (relative dates, titles, contradictions,
weekdays) read the text against the wrong day. A date that is not plausible is set aside:
the article has no publication date (provenance.missing says why), as if none was given.

The bounds hold the run's date, passed in (tests fix it). The decision is made on every
run, outside what a cache keeps: audit.normalise.known keeps a line's date as read and
judges it again (article_of); the per-article detectors' cached findings are keyed on
`published` (None when set aside, as for no date: audit.detect.cache.article_part), and
provenance.missing, which names the date set aside, is not cached. A rerun on a later
day judges again, and no cached finding holds yesterday's verdict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from audit.model import Article, DateSource, SetAsideDate
from audit.suite import EARLIEST_YEAR

# Null sentinels, judged only when the record's metadata gave them: a dateline "January 1,
# 1970" in the text is what the text says. Every ISO form of them ("0001-01-01T00:00:00Z",
# "1970-01-01 00:00:00") reads as the same day (dates.parse_metadata_date).
ZERO_DATES = {
    date(1, 1, 1): "a zero date (0001-01-01: the null of .NET, Go and many databases)",
    date(1970, 1, 1): "the Unix epoch (1970-01-01: a timestamp of 0, a null)",
}
# A date written in a time zone ahead of the run's clock (UTC) may be the run's next day.
SLACK = timedelta(days=1)


@dataclass(frozen=True, kw_only=True)
class DateBounds:
    """What a plausible publication date lies between: the suite's earliest year
    (meta.corpus_audit.dates.earliest_year) and the run's date (UTC) plus SLACK."""

    run_date: date
    earliest_year: int = EARLIEST_YEAR


def implausible(published: date, source: DateSource, bounds: DateBounds) -> str | None:
    """Why the date cannot be the article's publication date, or None when it can."""
    if source == "metadata" and published in ZERO_DATES:
        return ZERO_DATES[published]
    if published > bounds.run_date + SLACK:
        return f"after the run's date ({bounds.run_date.isoformat()})"
    if published.year < bounds.earliest_year:
        return f"before {bounds.earliest_year}, the suite's earliest year (meta.corpus_audit.dates)"
    return None


def set_aside_implausible(article: Article, bounds: DateBounds | None) -> None:
    """Take an implausible publication date off the article (kept as its evidence)."""
    if bounds is None or article.published is None:
        return
    why = implausible(article.published, article.published_from, bounds)
    if why is not None:
        article.published_set_aside = SetAsideDate(article.published, article.published_from, why)
        article.published, article.published_from = None, "none"


def date_as_read(article: Article) -> tuple[date | None, DateSource]:
    """The publication date as read, before any was set aside (what a cache keeps)."""
    aside = article.published_set_aside
    return (aside.value, aside.source) if aside is not None else (article.published, article.published_from)
