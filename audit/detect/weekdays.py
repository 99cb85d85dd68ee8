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


def mention_year(mention: DateMention, published: date | None) -> int | None:
    """The stated year, else the one nearest the publication date, else None."""
    if mention.year:
        return mention.year
    return nearest_year(mention.month, mention.day, published) if published else None


def weekday_conflict(mention: DateMention, published: date | None) -> date | None:
    """The date the weekday contradicts, or None when it matches or cannot be judged."""
    if mention.weekday is None:
        return None
    year = mention_year(mention, published)
    readings = mention.readings(year) if year else []
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
