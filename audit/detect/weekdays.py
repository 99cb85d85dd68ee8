"""consistency.weekday: a weekday that does not match its date ("Friday, May 15, 2025").

A stated year is checked in every article (the calendar does not depend on the
publication date). A date without a year ("Thursday, May 15") takes the year that puts
it nearest the publication date, so it is checked only in dated articles. Dates that
do not exist are left to consistency.invalid_date; numeric dates whose day and month
may be swapped (05/06/2025) pass when either reading falls on the weekday.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from typing import Any

from audit.model import Article, Finding, span_finding
from audit.normalise.dates import DateMention, find_dates, nearest_year

CHECK = "consistency.weekday"


NEAR_DAYS = 120  # a yearless date further than this from publication could be either year


def mention_years(mention: DateMention, published: date | None) -> list[int]:
    """The stated year; else the year nearest publication, plus the other neighbouring
    year when the date is far from it ("Saturday, May 18" in November: last May or next)."""
    if mention.year:
        return [mention.year]
    if published is None:
        return []
    nearest = nearest_year(mention.month, mention.day, published)
    if nearest is None:
        return []
    gap = abs((date(nearest, mention.month, mention.day) - published).days)
    other = nearest + (1 if date(nearest, mention.month, mention.day) < published else -1)
    return [nearest] if gap <= NEAR_DAYS else [nearest, other]


def weekday_conflict(mention: DateMention, published: date | None) -> date | None:
    """The date the weekday contradicts, or None when it matches or cannot be judged."""
    if mention.weekday is None:
        return None
    readings = [d for year in mention_years(mention, published) for d in mention.readings(year)]
    if not readings or any(d.weekday() == mention.weekday for d in readings):
        return None
    return readings[0]


def find_weekday_mismatches(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    for article in articles:
        for mention in find_dates(article.text):
            actual = weekday_conflict(mention, article.published)
            if actual is None:
                continue
            stated = calendar.day_name[mention.weekday or 0]
            how = "" if mention.year else f" (year {actual.year} taken from the publication date)"
            message = (f"The text says {stated}, but {actual:%B} {actual.day}, {actual.year} "
                       f"is a {calendar.day_name[actual.weekday()]}{how}.")
            yield span_finding(article, CHECK, mention.start, mention.end, message, data={
                "stated_weekday": stated, "date": actual.isoformat(),
                "actual_weekday": calendar.day_name[actual.weekday()]})
