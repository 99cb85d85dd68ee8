"""consistency.invalid_date: a date that does not exist (April 31, February 30).

February 29 is flagged only when the year is known (stated, or the publication year)
and is not a leap year. English texts' dates are find_dates'; those of the languages of
calendar_names.json are written with a month name and a year (find_local_dates: "il 31
novembre 2017" in DICE's Italian news, "31 de junho de 2014" in Fake.Br's Portuguese), or
are numeric after their weekday ("Minggu (31/6/2025)", as Indonesian news dates a quote).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding, span_finding
from audit.normalise.dates import DateMention, dates_of

REPORTED_BEFORE = 250  # about the sentence before: "... datas que não existem no calendário. Em um deles, ..."
REPORTED_AFTER = 150
# The phrase must say it of a date: a date word and a denial within a few words of each other
# ("datas que não existem", "a day that doesn't exist", "fecha inexistente"), or the date itself
# denied ("February 30 doesn't exist"), not any "no existe" near the date ("El ministro dijo que
# no existe ninguna irregularidad": a slip stays).
_DATE_WORD = (r"(?:dates?|datas?|days?|dias?|días?|fechas?|datum|daten|tage?|jours?|giorn[oi]|tanggal|hari|"
              r"calend[aá]rios?|calendars?|calendrier)\b")
_DENIAL = (r"(?:(?:does|do|did)\s*(?:not|n['’]t)\s+exist|can(?:not|['’]t|\s+not)\s+exist|never\s+exist\w*|"
           r"non-?existent|não\s+exist\w*|inexistent\w*|no\s+exist(?:e|en|ía|ió)|n['’]\s*exist\w*\s+pas|"
           r"inexistant\w*|non\s+esist\w*|inesistent\w*|gibt es nicht|existier\w* nicht|nicht existier\w*|"
           r"bestaa?t niet|bestaan niet|niet bestaan\w*|tidak (?:pernah )?ada)")
_REPORTED = re.compile(rf"(?i)\b{_DATE_WORD}\W+(?:\w+\W+){{0,4}}?{_DENIAL}|{_DENIAL}\W+(?:\w+\W+){{0,4}}?{_DATE_WORD}"
                       r"|\bno such (?:date|day)\b|\bimpossible (?:dates?|days?)\b")
_DENIED_AFTER = re.compile(rf"(?i)[\s,]*(?:which\s+|that\s+)?{_DENIAL}")  # "February 30 doesn't exist"


def reported_as_impossible(text: str, start: int, end: int) -> bool:
    """Whether the text near a date says of a date that it does not exist (the date is quoted)."""
    return (_DENIED_AFTER.match(text, end) is not None
            or _REPORTED.search(text, max(0, start - REPORTED_BEFORE), end + REPORTED_AFTER) is not None)


def _days_in_month(month: int, year: int | None) -> int:
    if month == 2:
        return 29 if year is None or calendar.isleap(year) else 28
    return calendar.monthrange(2001, month)[1]


def invalid_reason(mention: DateMention, fallback_year: int | None) -> str | None:
    year = mention.year or fallback_year
    days = _days_in_month(mention.month, year)
    if mention.day <= days:
        return None
    name = calendar.month_name[mention.month]
    if mention.month == 2 and mention.day == 29:
        return f"February 29 does not exist in {year}, which is not a leap year."
    return f"{name} has {days} days; {name} {mention.day} does not exist."


def find_invalid_dates(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    for article in articles:
        fallback_year = article.published.year if article.published else None
        for mention in dates_of(article):
            reason = invalid_reason(mention, fallback_year)
            if reason and not reported_as_impossible(article.text, mention.start, mention.end):
                yield span_finding(
                    article, "consistency.invalid_date", mention.start, mention.end, reason
                )
