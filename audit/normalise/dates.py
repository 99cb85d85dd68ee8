"""Reading dates in English news text, and finding an article's publication date.

A mention keeps what the text says (weekday, day, month, year: each may be missing) and
its span, without forcing it into a valid date: "April 31" must survive reading so that
the consistency checks can report it.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from audit.model import Article, DateSource
from audit.normalise.ascii_runs import beyond_ascii
from audit.normalise.text import fold_matched, merged_spans, strip_accents

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, names in enumerate(
        [("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
         ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
         ("sunday", "sun")]
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r"),?\s+)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
# "Tuesday, 1 March 2000 GMT" is a kick-off at 20:00 (BBC sport), not the year 2000
NOT_A_CLOCK = r"(?!\s*(?-i:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|ET|PT|hrs|h)\b)"  # case as written
_YEAR = r"(?:,?\s+(?P<year>(?:19|20)\d\d)" + NOT_A_CLOCK + r")?"
# "Thursday, May 15, 2025" / "May 15" and "Thursday, 15 May 2025" / "15 May". The
# first-letter lookaheads only skip words that cannot start a date (3x faster scans).
_MONTH_DAY = re.compile(
    rf"\b(?=[adfjmnostw]){_WEEKDAY}{_MONTH}\s+{_DAY}\b(?!:\d){_YEAR}(?![\d,]\d)", re.IGNORECASE
)
_DAY_MONTH = re.compile(
    rf"\b(?=[\dmtwfs]){_WEEKDAY}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH}\b{_YEAR}(?!\d)", re.IGNORECASE
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")
# "15/05/2025", "15.05.2025", "5/15/2025": day-first unless only month-first can be right;
# when both can (05/06/2025) the mention is marked ambiguous and checks try both.
_NUMERIC = re.compile(
    rf"(?<![\w/.-])(?=[\dmtwfs]){_WEEKDAY}(?P<first>\d{{1,2}})(?P<sep>[/.])(?P<second>\d{{1,2}})(?P=sep)"
    r"(?P<year>(?:19|20)\d\d)(?![\d/-]|\.\d)", re.IGNORECASE
)
_STAMP = re.compile(
    r"^\s*(?:published|posted|updated|last updated|date)\s*(?:on|:)?\s*", re.IGNORECASE
)
_TODAY = re.compile(r"\btoday,?\s+$", re.IGNORECASE)


_WEEKDAY_NAMES = "|".join(sorted((w for w in WEEKDAYS if len(w) > 4), key=len, reverse=True))
_RELATIVE = re.compile(
    r"\b(?=[tylnpoc])(?:(?P<day>the day before yesterday|the day after tomorrow|today|tonight|tomorrow|yesterday"
    r"|this (?:morning|afternoon|evening))"
    r"|(?P<which>this|last|next|past|coming)\s+(?P<unit>week|month|year)"
    rf"|(?P<wwhich>this|last|next|on|coming|this coming|this past)\s+(?P<weekday>{_WEEKDAY_NAMES}))\b",
    re.IGNORECASE,
)
_DAY_OFFSETS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
                "tomorrow": 1, "the day after tomorrow": 2}
_WHICH_OFFSETS = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}


@dataclass(frozen=True)
class RelativeMention:
    """A date said relative to the publication date ("tomorrow", "last week", "on Thursday")."""

    start: int
    end: int
    kind: str  # day, week, month, year or weekday
    offset: int  # days for "day"; -1, 0, 1 (last, this, next) otherwise
    weekday: int | None = None
    which: str = ""

    def ranges(self, published: date) -> list[tuple[date, date]]:
        """The dates the expression can mean, as inclusive ranges, from the publication date."""
        if self.kind == "day":
            day = published + timedelta(days=self.offset)
            return [(day, day)]
        if self.kind == "week":  # lenient: "last week" on a Monday may mean six days ago or twelve
            lo, hi = {-1: (-13, -1), 0: (-6, 6), 1: (1, 13)}[self.offset]
            return [(published + timedelta(days=lo), published + timedelta(days=hi))]
        if self.kind == "month":
            first = shift_month(published.replace(day=1), self.offset)
            return [(first, shift_month(first, 1) - timedelta(days=1))]
        if self.kind == "year":
            year = published.year + self.offset
            return [(date(year, 1, 1), date(year, 12, 31))]
        return [(d, d) for d in self._weekday_dates(published)]

    def _weekday_dates(self, published: date) -> list[date]:
        back = (published.weekday() - (self.weekday or 0)) % 7
        previous, coming = published - timedelta(days=back or 7), published + timedelta(days=(7 - back) % 7 or 7)
        if self.which in ("last", "this past"):
            return [previous]
        if self.which in ("next", "coming", "this coming"):
            return [coming, coming + timedelta(days=7)]  # "next Thursday": this week's or the week after
        return [previous, coming] + ([published] if back == 0 else [])


def shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def find_relative_dates(text: str, before: Iterable[int] = ()) -> list[RelativeMention]:
    """Every relative date expression in the text, in order. With `before`, only those
    starting in the stretch of letters, spaces and , ( – — - that ends at one of these
    positions: what can be written right before (or around) a date starting there."""
    found = []
    for start, stop, end in _windows_before(text, before) if before else [(0, len(text), len(text))]:
        for m in _RELATIVE.finditer(text, start, end):
            if m.start() >= stop:
                break
            found.append(_relative_mention(m))
    return found


def _relative_mention(m: re.Match[str]) -> RelativeMention:
    if m.group("day"):
        return RelativeMention(m.start(), m.end(), "day", _DAY_OFFSETS.get(fold_matched(m.group("day")), 0))
    if m.group("unit"):
        return RelativeMention(m.start(), m.end(), fold_matched(m.group("unit")),
                               _WHICH_OFFSETS[fold_matched(m.group("which"))])
    return RelativeMention(m.start(), m.end(), "weekday", 0,
                           WEEKDAYS[fold_matched(m.group("weekday"))], fold_matched(m.group("wwhich")))


# An expression is letters and spaces only, so none holds a character of any other kind,
# and a scan of the whole text is in step at the position after one: from there, a scan
# finds what the whole text's scan finds. The stretch before a position is walked back
# over letters, spaces and what may join an expression to its date (_JOIN in
# consistency/relative_dates.py: , ( – — -) in the reversed text; an expression begun
# before the position ends at the latest where the letters and spaces after it end, and
# the scan stops one character past that (the character its closing \b reads).
_LETTERS_BACK = re.compile(r"(?:[^\W\d_]|[\s,(\u2013\u2014-])*")
_LETTERS_ON = re.compile(r"(?:[^\W\d_]|\s)*")


def _windows_before(text: str, positions: Iterable[int]) -> list[tuple[int, int, int]]:
    """(start, stop, scan end): the stretch before each position, merged where they meet."""
    size, backwards = len(text), text[::-1]
    windows: list[tuple[int, int]] = []
    for stop in sorted(set(positions)):
        start = size - _LETTERS_BACK.match(backwards, size - stop).end()
        if windows and start <= windows[-1][1]:
            start = windows.pop()[0]
        windows.append((start, stop))
    return [(start, stop, min(size, _LETTERS_ON.match(text, stop).end() + 1)) for start, stop in windows]


@dataclass(frozen=True)
class DateMention:
    """A date as written; fields the text leaves out are None."""

    start: int
    end: int
    day: int
    month: int
    year: int | None
    weekday: int | None  # Monday = 0, as datetime.weekday()
    ambiguous: bool = False  # numeric date whose day and month may be swapped

    def readings(self, year: int | None = None) -> list[date]:
        """Every calendar date the mention can mean (both orders when ambiguous)."""
        swapped = DateMention(self.start, self.end, self.month, self.day, self.year, self.weekday)
        found = [self.to_date(year)] + ([swapped.to_date(year)] if self.ambiguous else [])
        return [d for d in found if d is not None]

    def to_date(self, year: int | None = None) -> date | None:
        """The calendar date, or None when it does not exist or has no year."""
        try:
            return date(self.year or year, self.month, self.day)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return None


# Texts whose dates are kept: the date checks (dates, weekdays, relative_dates) and the
# publication date each ask for the same article's dates, one detector after another
# over a batch, so the memo must hold a batch's texts. The memo is of a pure function
# of the text and hands out fresh lists, so no run or call order can change an answer;
# it holds at most DATE_MEMO texts (a few MB of articles already in memory).
DATE_MEMO = 4096


def find_dates(text: str) -> list[DateMention]:
    """Every explicit date in the text, in order, without overlaps (scanned once per text)."""
    return list(_scan_dates(text))


@lru_cache(maxsize=DATE_MEMO)
def _scan_dates(text: str) -> tuple[DateMention, ...]:
    mentions: list[DateMention] = []
    starts: list[int] = []  # of the spans taken, which never overlap: sorted by start, their
    ends: list[int] = []  # ends are sorted too, and a span overlaps one only if it overlaps
    windows = _date_windows(text)  # the last that starts before its end (bisect, not a scan
    for pattern in (_MONTH_DAY, _DAY_MONTH, _ISO, _NUMERIC):  # of all: quadratic in dates)
        for start, stop, end in windows:
            for m in pattern.finditer(text, start, end):
                if m.start() >= stop:
                    break  # the next window's
                at = bisect_left(starts, m.end())
                if at and ends[at - 1] > m.start():
                    continue
                mention = _mention(m)
                if mention:
                    mentions.append(mention)
                    starts.insert(at, m.start())
                    ends.insert(at, m.end())
    return tuple(sorted(mentions, key=lambda d: d.start))


# Where the date patterns are run. A news text of 2,400 characters has a date in one
# case out of four, and the four patterns' scans of it were half of the date checks'
# time. Every date holds a core, a part of its pattern with a digit: "May 15" (month,
# optional dot, spaces, the day's first digit), "15th of May" (the day's last digit,
# suffix, spaces, "of", month), "2025-05-1" (ISO), "5/15/20" (numeric). The cores are
# looked for at digits only (a month before its day: backwards, in the reversed text),
# every digit tried, so no core hides another. A date spans at most a few runs of
# letters, digits or spaces and single , . / - on each side of its core ("Wednesday, the
# 14th of May, 2025": six left of "4"), so it lies in its core's window, _RUNS of those
# either side. The patterns scan the windows (merged where they meet) alone; each scan
# ends, as the whole text's would, at the end of the stretch of date characters
# ([\w\s,./-], which holds every character of a date) and _LOOKAHEAD past it, so a
# match is the one a scan of the whole text finds there. tests/test_dates_scan.py
# checks this on real text against a scan of every stretch.
_CORE = re.compile(
    r"\d(?=((?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + "|".join(sorted(MONTHS, key=len, reverse=True))
    + r")|-\d\d-\d|[/.]\d{1,2}[/.](?:19|20)))", re.IGNORECASE
)
_CORE_REVERSED = re.compile(
    r"\d(?=(\s+\.?(?:" + "|".join(n[::-1] for n in sorted(MONTHS, key=len, reverse=True)) + ")))",
    re.IGNORECASE,
)
_RUNS = re.compile(r"(?:\s+|[^\W\d_]+|\d+|[,./-]){0,12}")  # twice the most a date needs
_SEGMENT = re.compile(r"[\w\s,./-]*")
_LOOKAHEAD = 3
# A date in a window ends inside it; what its lookaheads read after it ends within the
# spaces that follow the window, then a time zone and the character after (NOT_A_CLOCK:
# "CEST" and one), or two characters ("15,5"). The scan need not read further.
_SPACES = re.compile(r"\s*")
_CLOCK_LOOKAHEAD = 6


# The cores' scans with their first digit written [0-9]: the engine tests a set of bytes,
# not a Unicode category, at each character (a sixth of each scan). For texts without a
# digit past ASCII (\d is Unicode's Nd, str.isdecimal), where the two are the same.
_CORE_ASCII = re.compile(_CORE.pattern.replace("\\d", "[0-9]", 1), _CORE.flags)
_CORE_REVERSED_ASCII = re.compile(_CORE_REVERSED.pattern.replace("\\d", "[0-9]", 1), _CORE_REVERSED.flags)


def _ascii_digits_only(text: str) -> bool:
    """Whether every digit of the text (\\d) is ASCII: its characters past ASCII (their
    UTF-8 bytes, the ASCII ones deleted) hold no decimal digit."""
    if text.isascii():
        return True
    return not any(ch.isdecimal() for ch in set(beyond_ascii(text.encode("utf-8", "surrogatepass"))))


def _date_windows(text: str) -> list[tuple[int, int, int]]:
    """(start, stop, scan end) of each window around date cores, in order."""
    size, backwards = len(text), text[::-1]
    core, core_reversed = (_CORE_ASCII, _CORE_REVERSED_ASCII) if _ascii_digits_only(text) else (_CORE, _CORE_REVERSED)
    cores = [(m.start(), m.end(1)) for m in core.finditer(text)]
    cores += [(size - m.end(1), size - m.start()) for m in core_reversed.finditer(backwards)]
    merged = merged_spans((size - _RUNS.match(backwards, size - s).end(), _RUNS.match(text, e).end())
                          for s, e in cores)
    found = []
    for start, stop in merged:
        # The stretch of date characters is read no further than the clock's bound: the
        # window's end is the smaller of the two, and a stretch can be the rest of the
        # text (prose without quotes or colons), which read from every window was
        # quadratic (3,000 dates in 200,000 characters: 2.4 s an article, now 0.05)
        clock = _SPACES.match(text, stop).end() + _CLOCK_LOOKAHEAD
        segment = _SEGMENT.match(text, start, max(start, clock - _LOOKAHEAD)).end()
        found.append((start, stop, min(size, segment + _LOOKAHEAD, clock)))
    return found


def _mention(m: re.Match[str]) -> DateMention | None:
    parts = m.groupdict()
    if parts.get("first"):
        return _numeric_mention(m, int(parts["first"]), int(parts["second"]))
    month_text = fold_matched(parts["month"])
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.rstrip(".")]
    day = int(parts["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday = parts.get("weekday")
    return DateMention(
        start=m.start(), end=m.end(), day=day, month=month,
        year=int(parts["year"]) if parts.get("year") else None,
        weekday=WEEKDAYS[fold_matched(weekday)] if weekday else None,
    )


def _numeric_mention(m: re.Match[str], first: int, second: int) -> DateMention | None:
    day, month = (second, first) if first <= 12 < second else (first, second)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    weekday = m.group("weekday")
    return DateMention(
        start=m.start(), end=m.end(), day=day, month=month, year=int(m.group("year")),
        weekday=WEEKDAYS[fold_matched(weekday)] if weekday else None,
        ambiguous=first != second and first <= 12 and second <= 12,
    )


def nearest_year(month: int, day: int, around: date) -> int | None:
    """The year that puts a yearless date closest to `around` (news speaks of nearby days)."""
    best: tuple[int, int] | None = None
    for year in (around.year - 1, around.year, around.year + 1):
        try:
            gap = abs((date(year, month, day) - around).days)
        except ValueError:
            continue
        if best is None or gap < best[0]:
            best = (gap, year)
    return best[1] if best else None


def parse_metadata_date(value: Any) -> date | None:
    """A date from a record field: a date, a datetime, or an ISO or common string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text).date()  # Python 3.11+ reads a trailing "Z"
    except ValueError:
        pass
    found = find_dates(text)
    return found[0].to_date() if found else _numeric_field(text) or _local_date(text)


_NUMERIC_FIELD = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})")


def _numeric_field(text: str) -> date | None:
    """A field that is a day, a month and a year in figures, when which is the day is sure: a
    figure over 12, or both the same ("28/2/18": Fake.Br's field, said "not a date"; a second
    reader, thirty-fifth session). "3/4/18" may be either: no date. Two-digit years as POSIX's
    strptime reads them (69-99: 1900s, 00-68: 2000s); a year of three figures or "0201" is none."""
    m = _NUMERIC_FIELD.fullmatch(text)
    if m is None:
        return None
    first, second, year = int(m.group(1)), int(m.group(2)), m.group(3)
    number = int(year) + (1900 if int(year) >= 69 else 2000) if len(year) == 2 else int(year)
    if number < 1000 or (first <= 12 and second <= 12 and first != second):
        return None
    day, month = (first, second) if first > 12 or first == second else (second, first)
    try:
        return date(number, month, day)
    except ValueError:
        return None


def _local_date(text: str) -> date | None:
    """A day, month name and year as Portuguese, Spanish, French, German, Italian or Dutch
    write them ("11 de julho de 2017", "1er mars 2020", "5. März 2024"), the first in `text`.
    For a record's date field (and metadata.leak's date lines, `local_date_line`) only:
    Fake.Br's records (Brazilian news) give 1,109 of their 7,200 dates so, and
    provenance.missing said each had none (twenty-sixth session). Dates in the text stay
    English (find_dates): the consistency checks that read them are English-only."""
    for m in _local_pattern().finditer(text):
        if (found := _local_match(m)) is not None:
            return found
    return None


# Languages whose dates find_local_dates reads (calendar_names.json's): the date checks read
# their texts so, English ones with find_dates
LOCAL_DATE_LANGUAGES = frozenset(["pt", "es", "fr", "de", "it", "nl", "ar", "id"])
# What may not stand right before a local date's day: a figure's digits or separators
# ("R$ 61.600.000,00. Agosto de 2017" is no 0th of August), or a calendar grid's day before it
# ("... 29 30 31 November 2020 Mo Di Mi": a month's sheet on a German page, not November 31st)
_NOT_A_DAY_BEFORE = re.compile(r"(?:[\d.,]|\d{1,2}\s+)$")


def find_local_dates(text: str) -> list[DateMention]:
    """The dates written with a month name in the languages of calendar_names.json, each with
    its year ("il 31 novembre 2017", "31 de junho de 2014", "Montag, 5. März 2018"), and
    the weekday written right before it: what consistency.invalid_date and consistency.weekday
    read in those languages (DICE's Italian news and Fake.Br's Portuguese write a 31st of
    November and of June). Day 0 and a day that goes on from a figure are no dates."""
    return list(_scan_local_dates(text))


@lru_cache(maxsize=DATE_MEMO)
def _scan_local_dates(text: str) -> tuple[DateMention, ...]:
    """find_local_dates' answer, memoised as find_dates' is (two checks read each text). The
    scan starts at the day's digits and looks back for a weekday: _local_pattern, which
    opens with the weekday names, tried them at every character (3 ms an article, 21 s over
    Fake.Br's 7,200 texts; this scan 0.7 s, find_dates 0.8 s)."""
    mentions = []
    months, weekdays = _calendar_names()
    pattern, weekday_before, weekday_before_numeric = _local_scan()
    for m in pattern.finditer(text):
        day = int(m["day"])
        if day == 0 or _NOT_A_DAY_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        start, weekday = m.start(), None
        if (named := weekday_before.search(text, max(0, start - WEEKDAY_REACH), start)) is not None:
            start, weekday = named.start(), weekdays.get(named["weekday"].lower())
        mentions.append(DateMention(start, m.end(), day, months[m["month"].lower()], int(m["year"]), weekday))
    if "/" in text:
        mentions.extend(_numeric_after_weekday(text, weekdays, weekday_before_numeric))
        mentions.sort(key=lambda mention: mention.start)  # (the two forms never overlap: one has a month's name)
    return tuple(mentions)


# A day/month/year after its weekday's name, maybe in brackets: "Selasa (10/6/2025)", "Rabu,
# 18/6/2025" (detik and Kompas close a quote's sentence on the day it was said: 1,440 in
# id_news, 59 of them on the wrong weekday, "Selasa (10/6/2024)" in a story of 2025). Day first,
# as every language of LOCAL_DATE_LANGUAGES writes it. Without its weekday a numeric date is
# not read: a score or a fraction ("10/6") looks the same and says nothing the checks need.
_NUMERIC_LOCAL = re.compile(r"(?<![\d/.])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>(?:19|20)\d\d)(?![\d/])")


def _numeric_after_weekday(text: str, weekdays: dict[str, int], before: re.Pattern[str]) -> Iterator[DateMention]:
    """The numeric dates of find_local_dates, each with the weekday written right before it
    (`before`: _local_scan's), the span from the weekday to the closing bracket."""
    for m in _NUMERIC_LOCAL.finditer(text):
        named = before.search(text, max(0, m.start() - WEEKDAY_REACH), m.start())
        if named is None or int(m["day"]) == 0:
            continue
        closed = text.startswith(")", m.end()) and "(" in named.group(0)  # "(10/6/2025)" whole
        end = m.end() + 1 if closed else m.end()
        yield DateMention(named.start(), end, int(m["day"]), int(m["month"]), int(m["year"]),
                          weekdays.get(named["weekday"].lower()))


WEEKDAY_REACH = 20  # characters before a day where its weekday's name may stand ("quarta-feira, ")


@lru_cache(maxsize=1)
def _local_scan() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """_local_pattern from the day on, and its weekday as what ends the text before a day; and
    the weekday before a numeric date, which may also open a bracket ("Selasa (10/6/2025)").
    No lookbehind for a digit before the day (tried at every character, it took half the
    scan's time): _NOT_A_DAY_BEFORE refuses a day after a digit."""
    months, weekdays = _calendar_names()
    named = rf"(?<![^\W\d_])(?P<weekday>{_alternation(weekdays)})"
    return (re.compile(_day_month_year(months), re.IGNORECASE),
            re.compile(rf"{named}[,،]?\s+$", re.IGNORECASE),
            re.compile(rf"{named}(?:[,،]?\s+|\s*\()$", re.IGNORECASE))


def dates_of(article: Article) -> list[DateMention]:
    """The dates the date checks read in an article: find_local_dates' in a language of
    LOCAL_DATE_LANGUAGES, find_cjk_dates' in Chinese, Japanese and Korean, else find_dates'
    (English, and a text whose language is unknown)."""
    if article.language in LOCAL_DATE_LANGUAGES:
        return find_local_dates(article.text)
    if article.language in CJK_DATE_LANGUAGES:
        return find_cjk_dates(article.text)
    return find_dates(article.text)


# Chinese, Japanese and Korean write a date in figures, each followed by its mark of year, month
# and day ("2018年11月4日", "2018년 11월 4일"; Chinese also "4号"), and its weekday after it: in
# brackets ("（星期日）", "(日)", "(일)") or written out ("星期日", "周日", "日曜日", "일요일"). A Japanese
# era's year ("平成30年11月4日") is the Gregorian one it names. Until the forty-fourth session the date
# checks read none of them: zh_news, ja_news and ko_news (6,000 articles) were not checked at all.
# The tool's codes (ingest reports langdetect's "zh-cn" and "zh-tw" as "zh"), and langdetect's.
CJK_DATE_LANGUAGES = frozenset(["zh", "zh-cn", "zh-tw", "ja", "ko"])
_CJK_WEEKDAY_NUMBERS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_CJK_WEEKDAY_DAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6,
                     "월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6}
_ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}  # the era's first year is year 1 ("元年")
_NUMBERED_WEEKDAY = r"(?:星期|周|週|礼拜|禮拜)[一二三四五六日天](?![回次度日天])"  # not "週二回" (twice a week), "周六日"
CJK_WEEKDAY = _NUMBERED_WEEKDAY + r"|[月火水木金土日](?:曜日?)?|[월화수목금토일](?:요일)?"  # a weekday as brackets hold it
_CJK_DATE = re.compile(
    r"(?<![\d.])"  # no figure runs into the date: "v1.11月" is no date
    r"(?:(?P<year>\d{4})\s*[年년]\s*|(?P<era>令和|平成|昭和)\s*(?P<era_year>\d{1,2}|元)\s*年\s*)?"
    r"(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일号號]"
    r"(?:\s*[（(]\s*(?P<bracketed>" + CJK_WEEKDAY + r")\s*[）)]"
    r"|\s*(?P<written>" + _NUMBERED_WEEKDAY + r"|[月火水木金土日]曜日|[월화수목금토일]요일))?"
)
_LUNAR_BEFORE = re.compile(r"(?:农历|農曆|阴历|陰曆|旧历|舊曆|旧暦|음력)\s*$")  # its months have 29 or 30 days
# A year mark right before a date whose year was not read ("2016（平成28）年2月29日", an era this
# table lacks): the date has a year, just not one read here; taken as yearless, it was judged in
# the publication's year ("February 29 does not exist in 2017")
_YEAR_MARK_BEFORE = re.compile(r"[\d）)]\s*[年년]\s*$")  # a figure's year, or an era's in brackets; not "今年" (this year)
CJK_YEARS = range(1800, 2100)  # a year a date here may have


def find_cjk_dates(text: str) -> list[DateMention]:
    """The dates of a Chinese, Japanese or Korean text (`_CJK_DATE`), with or without their
    year, and the weekday written after them; not a date of the lunar calendar ("农历2月30日")."""
    return list(_scan_cjk_dates(text))


@lru_cache(maxsize=DATE_MEMO)
def _scan_cjk_dates(text: str) -> tuple[DateMention, ...]:
    if "月" not in text and "월" not in text:
        return ()
    mentions = []
    for m in _CJK_DATE.finditer(text):
        month, day = int(m["month"]), int(m["day"])
        if not 1 <= month <= 12 or not 1 <= day <= 31 or _LUNAR_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue
        year = int(m["year"]) if m["year"] else None  # (int reads full-width figures: "２０１６")
        if year is not None and year not in CJK_YEARS:
            continue
        if year is None and not m["era"] and _YEAR_MARK_BEFORE.search(text, max(0, m.start() - 4), m.start()):
            continue
        if m["era"]:
            year = _ERAS[m["era"]] + (1 if m["era_year"] == "元" else int(m["era_year"]))
        mentions.append(DateMention(m.start(), m.end(), day, month, year, cjk_weekday(m["bracketed"] or m["written"])))
    return tuple(mentions)


def cjk_weekday(name: str | None) -> int | None:
    """Monday = 0 of a weekday as _CJK_DATE reads it: "星期日", "周三", "(日)", "日曜日", "일요일"."""
    if not name:
        return None
    if name[0] in "星周週礼禮":
        return _CJK_WEEKDAY_NUMBERS[name[-1]]
    return _CJK_WEEKDAY_DAYS[name[0]]


def local_date_line(text: str) -> date | None:
    """The date of a line that is only such a date, maybe after its weekday and before a full
    stop ("Segunda-feira, 13 de fevereiro de 2017.", "Mittwoch, 5. März 2025"): a date line
    (audit.detect.leakage.metadata_leak), as find_dates reads English ones."""
    m = _local_pattern().fullmatch(text.strip().rstrip(".").rstrip())  # also "... de 2017 ." (g1)
    return None if m is None else _local_match(m)


def _local_match(m: re.Match[str]) -> date | None:
    try:
        return date(int(m["year"]), _calendar_names()[0][m["month"].lower()], int(m["day"]))
    except (ValueError, KeyError):  # "31 de fevereiro": no such day
        return None


@lru_cache(maxsize=1)
def _calendar_names() -> tuple[dict[str, int], dict[str, int]]:
    """Month name (lower case, with and without accents) -> number, and weekday name so ->
    Monday = 0, from audit/data/calendar_names.json."""
    raw = json.loads(resources.files("audit.data").joinpath("calendar_names.json").read_text("utf-8"))

    def forms(name: str) -> set[str]:
        return {name.lower(), strip_accents(name).lower()}

    months = {form: number for names in raw["months"].values()
              for number, name in enumerate(names, start=1) for form in forms(name)}
    weekdays = {form: number for names in raw["weekdays"].values()
                for number, name in enumerate(names) for form in forms(name)}
    return months, weekdays


def _alternation(names: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


def _day_month_year(months: Iterable[str]) -> str:
    """A day, a month's name and a year, as _local_pattern and _local_scan read them."""
    return (rf"(?P<day>\d{{1,2}})(?:er|º|°)?\.?\s+(?:de\s+)?(?P<month>{_alternation(months)})\.?[,،]?\s+"
            rf"(?:de\s+)?(?P<year>(?:19|20)\d\d)(?!\d)")


@lru_cache(maxsize=1)
def _local_pattern() -> re.Pattern[str]:
    """A day, month name and year of calendar_names.json, maybe after a weekday."""
    months, weekdays = _calendar_names()
    return re.compile(rf"(?:(?:{_alternation(weekdays)})[,،]?\s+)?(?<!\d){_day_month_year(months)}", re.IGNORECASE)


# The date a news site's URL path holds: "/2020/01/30/news/...", "/politica/2018/02/28/...",
# "/2019-05-12/". Year, month and day, each its own part of the path (htmldate reads the same
# shapes; its looser "20200130" in an id is not taken). Where a corpus also gave a date, the
# URL's was the same day on 1,097 of 1,107 records of the real corpora read (Webz.io, FakeNewsNet,
# Dragnet, htmldate's and trafilatura's pages, fundus, gilets_jaunes, Postlight, goose3, Fake.Br;
# the other 10 a day to three months apart: the metadata gave the page's update or the crawl's day).
_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=[/._-]|$)"
                       r"|/((?:19|20)\d\d)-(\d\d)-(\d\d)(?=/|$)")


# An Arabic dateline gives the Hijri date, then "الموافق" ("corresponding to") and the Gregorian one:
# "جدة 26 شوال 1436 هـ الموافق 11 أغسطس 2015 م واس" (the Saudi Press Agency: 155 of SaudiNewsNet's
# 2,000 stories, where provenance.missing said each had no date)
_CORRESPONDING = re.compile(r"الموافق\s+")
DATELINE_MAX_WORDS = 20


def _corresponding_date(line: str) -> date | None:
    """The Gregorian date after "الموافق" in a short head line, when it exists."""
    if "الموافق" not in line or len(line.split()) > DATELINE_MAX_WORDS:
        return None
    for m in _CORRESPONDING.finditer(line):
        mentions = find_local_dates(line[m.end():])
        if mentions and mentions[0].start == 0:
            return mentions[0].to_date()
    return None


def url_date(url: Any) -> date | None:
    """The publication date in a URL's path (`_URL_DATE`), if it is a day that exists."""
    if not isinstance(url, str) or (m := _URL_DATE.search(url.split("?", 1)[0])) is None:
        return None
    year, month, day = (int(g) for g in m.groups() if g is not None)
    try:
        return date(year, month, day)
    except ValueError:  # "/2012/11/99-problems-but-mitt-aint-one/": a slug, not a day
        return None


DATELINE_REST_CHARS = 12  # what may follow a dateline's date on its line: a time such as "10:59pm"


# What may follow a Chinese, Japanese or Korean date on its dateline: a time ("08:30", "上午10:30",
# "오전 8:30", "9时00分"), nothing else: twelve characters of those scripts are a clause
_CJK_TIME = re.compile(r"(?:(?:[上下]午|午[前後]|오[전후]|[AaPp][Mm])\s*)?\d{1,2}\s*[:：时時시]\s*\d{1,2}"
                       r"(?:\s*[分분])?(?:\s*[:：]\s*\d{2})?(?:\s*[AaPp][Mm])?")


def _cjk_dateline(line: str) -> date | None:
    """The date of a head line that is a Chinese, Japanese or Korean date, maybe with its weekday
    and a time ("2018年11月05日 08:30", "2018년 11월 5일 (월) 오전 8:30"); not a sentence that opens
    with a date ("2018年11月4日に結婚しました。")."""
    if "年" not in line and "년" not in line:  # (every head line of every article is asked)
        return None
    body = line.strip()
    mentions = find_cjk_dates(body)
    if not mentions or mentions[0].start != 0 or mentions[0].year is None:
        return None
    rest = body[mentions[0].end:].strip()
    return mentions[0].to_date() if not rest or _CJK_TIME.fullmatch(rest) else None


def publication_date(
    text: str, metadata_value: Any = None, head_lines: int = 8, url: Any = None
) -> tuple[date | None, DateSource]:
    """The publication date and where it came from: metadata, dateline, text or none.

    Dateline: a line near the top that is a full date, alone or after a stamp such as
    "Published:". Then the record's URL, a metadata field (`url_date`): a record without a
    `published` field but with "/2020/01/30/" in its URL has that date, from "metadata"
    (a third of the Spanish Fake News Corpus, a third of DICE's Italian news, a tenth of
    FakeNewsCorpus's sample were records so). Text: a "today, Thursday, May 15, 2025" style
    statement anywhere. A date that does not exist (April 31) is never taken as the
    publication date.
    """
    if (found := parse_metadata_date(metadata_value)) is not None:
        return found, "metadata"
    for line in text.split("\n")[:head_lines]:
        body = line[_STAMP.match(line).end() if _STAMP.match(line) else 0:]
        if (found := _cjk_dateline(body)) is not None:
            return found, "dateline"
        for mention in find_dates(body):
            if mention.start == 0 and mention.year and (d := mention.to_date()):
                rest = body[mention.end:].strip()
                if len(rest) <= DATELINE_REST_CHARS:
                    return d, "dateline"
        if (found := _corresponding_date(line)) is not None:
            return found, "dateline"
    if (found := url_date(url)) is not None:
        return found, "metadata"
    for mention in find_dates(text):
        if (mention.year and _TODAY.search(text[max(0, mention.start - 12): mention.start])
                and (d := mention.to_date()) is not None):
            return d, "text"
    return None, "none"
