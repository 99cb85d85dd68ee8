"""consistency.weekday: a weekday that does not match its date ("Friday, May 15, 2025").

A stated year is checked in every article (the calendar does not depend on the
publication date). A year written right after the date counts as its year even when
the date reader leaves it out ("Sunday, 9 January-2011"). A date without a year
("Thursday, May 15") takes the year that puts it nearest the publication date, so it
is checked only in dated articles, and not at all when its sentence names another year
("On Friday, May 15 ... in 2015" in a 2017 article: the year is not the publication's), nor
when its weekday is right in a recent year the article writes elsewhere (a 2018 article looking
back on the 2016 campaign: "on Friday, October 7, when WikiLeaks posted ..."), nor when it
goes on from the full date written just before it, in that date's year (a diary read out: "April
3rd, 1981 ... Tuesday, April 7th"), nor when the text's yearless dates that fail the publication's
year all fall on their weekdays in one other year (a hotel's offers "Tue 26th Dec", "Wed 27th Dec"
on a page dated in July of another year: the year is wrong, not the text), nor when "Sun" is a
newspaper's name ("Toronto Sun, January 29"). Dates that
do not exist are left to consistency.invalid_date; in the languages of calendar_names.json
only a weekday right before a date with its month's name and year is read, or before a
numeric date with its year ("Selasa (10/6/2025)", day first: find_local_dates); numeric dates whose day and month
may be swapped (05/06/2025) pass when either reading falls on the weekday, and a date
followed by the end of a range of days passes when the weekday falls on one of them
("Saturday and Sunday, January 20 and 21, 2007", whose year is 2007).

A yearless date's finding is a check of its own, consistency.weekday_yearless (`info` in
the news suite): it is only as right as the record's publication date, and on pages
nobody here wrote the record's date was the wrong one in 8 of the 10 read (a portal's
2008 header on pages dated 2006, an Indymedia list of 2005-06 posts on a page dated 2003);
with the year written, the text contradicts itself whatever the record says (3 of 3
true: docs/measurements/weekyear.md).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from audit.model import Article, Finding, span_finding
from audit.normalise.dates import NOT_A_CLOCK, DateMention, dates_of, find_dates, nearest_year

CHECK = "consistency.weekday"
YEARLESS_CHECK = "consistency.weekday_yearless"  # the year taken from the publication date


NEAR_DAYS = 120  # a yearless date further than this from publication could be either year
# A year the article writes this many years before publication (or the next) can be a yearless
# date's year. Further back a year is background, and one of several fits any weekday by chance
# (1 in 7 each): on BBC 2004-05 text re-dated to 2024-26 (c20000), 15 of the 30 dates a written
# year of any age would excuse fitted an unrelated one (1993, 1994, 1976; docs/measurements/precx.md).
RECENT_YEARS = 3
ANCHOR_REACH = 2000  # characters after a full date in which a yearless date may go on in its year
# A year glued after a yearless date ("9 January-2011", "January 23,\n2008"); a full stop only
# right before it ("9 January.2011"): after "August." and a space or a line break a new sentence
# or item starts ("Saturday, 18th August.\n1932 Ford ... Pedal Car", an auction's lots on one of
# Dragnet's pages: 1932 is the car's year; docs/measurements/precg.md).
_TRAILING_YEAR = re.compile(r"\s*(?:[-–—/,]\s*|\.)?((?:19|20)\d\d)(?![\d/-])" + NOT_A_CLOCK)
_YEAR = re.compile(r"(?<![\d/-])(?:19|20)\d\d(?![\d/-])" + NOT_A_CLOCK)
_SENTENCE_STOP = re.compile(r"[.!?](?:\s|$)|[。！？]|\n")  # Chinese and Japanese stops need no space
# "Sun" right after a capitalised word names a paper ("Toronto Sun, January 29", "Baltimore Sun, 26 July
# 1995": a press review and a bibliography of CleanEval's pages, docs/measurements/precr.md), except
# after the words that stamp a date or a schedule ("Posted Sun, Jan 29", "Open Sat Sun, May 3").
_PAPER_SUN = re.compile(r"(?<![\w.])(?P<word>[A-Z][a-z]+) $")
_NOT_A_PAPER = frozenset({"Posted", "Published", "Updated", "Modified", "Edited", "Date", "Dated", "When",
                          "On", "Open", "Opens", "Closed", "Every", "Next", "Last", "This", "Sat", "Fri",
                          "Mon", "Tue", "Wed", "Thu", "And", "Or", "Until", "Till", "From", "To", "By"})
OTHER_YEAR_REACH = 7  # years either side of publication in which a run of yearless dates may all fit


# The end of a range of days right after a date ("January 20 and 21", "May 3-4", "12 to 14 June"
# is read as "12" alone by the date reader: no range): its last day, then maybe the year.
_DAY_RANGE = re.compile(r"\s*(?:[-–—&]|and|to)\s*(\d{1,2})(?:st|nd|rd|th)?(?![\d/:.-]\d)")


def day_range(text: str, mention: DateMention) -> tuple[int, int] | None:
    """(where the range ends, its last day) when the date is the first day of a range."""
    m = None if mention.year or written_in_cjk(text, mention) else _DAY_RANGE.match(text, mention.end)
    return (m.end(), int(m.group(1))) if m and mention.day < int(m.group(1)) <= 31 else None


def written_in_cjk(text: str, mention: DateMention) -> bool:
    """Whether the date is written as Chinese, Japanese and Korean write one (find_cjk_dates):
    its year is before it or nowhere, and a figure after it is a price, a count or a time."""
    return any(mark in text[mention.start:mention.end] for mark in "月월")


def written_year(text: str, mention: DateMention) -> int | None:
    """The year written next to the date: its own, or one glued after it ("9 January-2011")
    or after the range of days it starts ("January 20 and 21, 2007")."""
    if mention.year or written_in_cjk(text, mention):  # "12月1日（土）2000円": a price, not a year
        return mention.year
    span = day_range(text, mention)
    m = _TRAILING_YEAR.match(text, span[0] if span else mention.end)
    return int(m.group(1)) if m else None


def sentence_years(text: str, mention: DateMention) -> set[int]:
    """Years written in the date's sentence (a rough one: full stops and line breaks)."""
    return {int(y) for y in _YEAR.findall(_sentence_of(text, mention))}


def _sentence_of(text: str, mention: DateMention) -> str:
    """The date's sentence, roughly: from the last full stop or line break within 300
    characters before it to the next one after it."""
    left = max((m.end() for m in _SENTENCE_STOP.finditer(text, max(0, mention.start - 300), mention.start)),
               default=max(0, mention.start - 300))
    right = _SENTENCE_STOP.search(text, mention.end)
    return text[left:right.start() if right else len(text)]


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


def weekday_conflict(mention: DateMention, published: date | None, text: str = "",
                     anchor: DateMention | None = None) -> date | None:
    """The date the weekday contradicts, or None when it matches or cannot be judged.
    `anchor`: the last date with a written year before this one (`_follows`)."""
    if mention.weekday is None or (text and _names_a_paper(text, mention)):
        return None
    year = written_year(text, mention) if text else mention.year
    if year is None and published is not None and sentence_years(text, mention) - {published.year}:
        return None  # the sentence is about another year: the publication year may be wrong
    years = [year] if year else mention_years(mention, published)
    readings = [d for y in years for d in mention.readings(y)]
    if not readings or any(d.weekday() == mention.weekday for d in readings + _rest_of_range(text, mention, years)):
        return None
    if year is None and published is not None and _fits_a_written_year(mention, text, published):
        return None  # the article speaks of that year's events: the publication year is the guess
    if year is None and anchor is not None and _follows(mention, anchor):
        return None  # "Day five, April 3rd, 1981 ... Day nine, Tuesday, April 7th": the story's year
    return readings[0]


def _rest_of_range(text: str, mention: DateMention, years: list[int]) -> list[date]:
    """The other days of the range the date starts, in each year ("Saturday and Sunday,
    January 20 and 21": Sunday is the 21st), or none."""
    span = day_range(text, mention)
    if span is None:
        return []
    days = range(mention.day + 1, span[1] + 1)
    return [d for y in years for day in days
            if (d := replace(mention, day=day, year=None).to_date(y)) is not None]


def _follows(mention: DateMention, anchor: DateMention) -> bool:
    """Whether a yearless date goes on from the full date before it: written within ANCHOR_REACH
    characters after it, and in that date's year it falls on its weekday within NEAR_DAYS of it.
    A 2013 interview reads from a 1981 diary "Day five, April 3rd, 1981." and, 1,460 characters
    on, "Day nine, Tuesday, April 7th" (Reagan's hospital stay, FakeNewsNet's PolitiFact pages,
    docs/measurements/precz.md): the publication's year was the wrong one to check it in."""
    start = anchor.to_date()
    if start is None or mention.start - anchor.end > ANCHOR_REACH:
        return False
    return any(d.weekday() == mention.weekday and abs((d - start).days) <= NEAR_DAYS
               for d in mention.readings(start.year))


def _names_a_paper(text: str, mention: DateMention) -> bool:
    """Whether the date's weekday is "Sun" written after a capitalised word: a newspaper's name."""
    if text[mention.start:mention.start + 3] != "Sun" or text[mention.start + 3:mention.start + 4].isalpha():
        return False
    before = _PAPER_SUN.search(text, max(0, mention.start - 30), mention.start)
    return before is not None and before.group("word") not in _NOT_A_PAPER


def _one_other_year(mentions: list[DateMention], published: date | None) -> bool:
    """Whether yearless dates naming two or more different weekdays, each failing the publication's
    year, all fall on their weekdays in one other year near it (OTHER_YEAR_REACH).

    The weekdays of dates in one year keep their distances in every year, so texts whose
    yearless dates agree with each other and not with the publication's year have the wrong
    year, not wrong weekdays: a slip changes one date, not a whole schedule ("Tue 26th Dec",
    "Wed 27th Dec", "Thu 28th Dec", a hotel's offers of 2006 on a CleanEval page dated 2004).
    One date alone fits some year by chance (1 in 7): it is left to the other rules. So are
    dates that all name one weekday: a writer who takes every race for a Sunday ("When: Sun,
    April 24", "When: Sun, October 16" on a 1999 cycling calendar, both Saturdays) is wrong
    the same way in every date, and 25 weeks apart the two fit 2005 as well."""
    if published is None or len({m.weekday for m in mentions}) < 2:
        return False
    for year in range(published.year - OTHER_YEAR_REACH, published.year + OTHER_YEAR_REACH + 1):
        if year != published.year and all(
                any(d.weekday() == m.weekday for d in m.readings(year)) for m in mentions):
            return True
    return False


# The years either side of the one taken in which the message looks for the weekday: further
# out one of the years fits by chance nearly always (a review: within 7 years, in every case).
FITS_REACH = 1


def _nearest_fitting_year(mention: DateMention, assumed: int) -> int | None:
    """The year before or after `assumed` (FITS_REACH, the later first) in which the yearless date
    falls on its weekday, for the message: a reader then sees at once whether the text or the
    record's date is the likelier slip (a reader of this check's findings found the record's
    date wrong in most: pages of January 2008 dated 2006-11-24)."""
    for distance in range(1, FITS_REACH + 1):
        for year in (assumed + distance, assumed - distance):
            if any(d.weekday() == mention.weekday for d in mention.readings(year)):
                return year
    return None


def _fits_a_written_year(mention: DateMention, text: str, published: date) -> bool:
    """Whether a yearless date's weekday is right in a recent year the article writes
    (RECENT_YEARS). Read only for a weekday that already fails the publication's year."""
    recent = range(published.year - RECENT_YEARS, published.year + 2)
    sentence = _sentence_of(text, mention)
    said = {published.year + step for step, pattern in _RELATIVE_YEARS
            if pattern.search(text, 0, LEAD_CHARS) or pattern.search(sentence)}
    for year in (_written_years(text) | said) & set(recent):
        if any(d.weekday() == mention.weekday for d in mention.readings(year)):
            return True
    return False


# A year the article names by its place from the publication's, in its lead or the date's
# sentence: "An internal report on last year's unprecedented one-day shutdown" opens an LA
# Times story of 2016-12-16 that says "Monday, Dec. 14" (2015's Monday; Postlight's fixtures).
# Further on, "last year" is another matter ("... before Macron took office last year", after
# "Thursday, July 27th" in a Guardian story of 2018-08-03: the visit was 2018's). English, and
# Chinese, Japanese and Korean (find_cjk_dates): "昨年7月11日（土）に開催された" in a Japanese
# story of 2010-08-22 (ja_news: 2009's Saturday), "去年", "작년", "지난해"; "来年", "明年", "내년".
LEAD_CHARS = 400
_RELATIVE_YEARS = ((-1, re.compile(r"\b(?:[Ll]ast|[Pp]revious) year\b|\ba year (?:ago|earlier)\b|(?<!一)昨年|去年|작년|지난해")),
                   (1, re.compile(r"\b[Nn]ext year\b|(?<![将従])来年|明年|내년")))


def _written_years(text: str) -> set[int]:
    """The years the text writes: alone ("in 2008") and in its dates with a year, numeric ones
    included ("Release: 01/10/2008", "2008-01-10"), whose year `_YEAR` leaves out as a piece of
    a range or a path. A sports release of L3S-GN1 dated 2008-10-01 by its page's metadata says
    "Saturday, January 19" and "Release: 01/10/2008": January 19, 2008 was a Saturday."""
    return {int(y) for y in _YEAR.findall(text)} | {m.year for m in find_dates(text) if m.year}


def find_weekday_mismatches(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    for article in articles:
        anchor = None  # the last date with a written year
        conflicts = []
        for mention in dates_of(article):
            actual = weekday_conflict(mention, article.published, article.text, anchor)
            anchor = mention if mention.year else anchor
            if actual is not None:
                conflicts.append((mention, actual))
        yearless = [m for m, _ in conflicts if not written_year(article.text, m)]
        if _one_other_year(yearless, article.published):
            conflicts = [(m, actual) for m, actual in conflicts if m not in yearless]
        for mention, actual in conflicts:
            stated = calendar.day_name[mention.weekday or 0]
            assumed = mention in yearless  # the year is the record's, not the text's
            how = f" (year {actual.year} taken from the publication date)" if assumed else ""
            fits = _nearest_fitting_year(mention, actual.year) if assumed else None
            if fits is not None:  # the record's date is as likely wrong (l3s: 2008 pages dated 2006)
                how = (f" (year {actual.year} taken from the publication date; it is a {stated} in "
                       f"{fits}: if the text is of {fits}, the record's date is the wrong one)")
            message = (f"The text says {stated}, but {actual:%B} {actual.day}, {actual.year} "
                       f"is a {calendar.day_name[actual.weekday()]}{how}.")
            glued = None if mention.year else _TRAILING_YEAR.match(article.text, mention.end)
            end = glued.end() if glued else mention.end  # "Monday, 9 January-2011", year included
            yield span_finding(article, YEARLESS_CHECK if assumed else CHECK, mention.start, end, message, data={
                "stated_weekday": stated, "date": actual.isoformat(),
                "actual_weekday": calendar.day_name[actual.weekday()]}
                | ({"fits_year": fits} if fits is not None else {}))
