"""consistency.relative_date: a relative date that contradicts the publication date.

"starting tomorrow, May 12" in an article dated Sunday June 1 says two things that
cannot both hold: tomorrow is June 2. The check pairs each relative expression
("today", "tomorrow", "yesterday", "last week", "next month", "this Thursday", "on
Friday") with an explicit date or weekday written right after it, resolves the
expression against the publication date and reports the pair when the date falls
outside what the expression can mean, give or take `tolerance_days` (default 1: a
metadata timestamp in UTC puts a US evening story on the next day, and "today (Nov.
18)" on a page dated the 19th was the most common natural hit in the extraction
benchmark). "on Friday, May 16" is a weekday with its date, judged by
consistency.weekday, not a relative date. A lone relative word cannot contradict
anything and is not reported. Undated articles are
not checked (`judges`: a null count in the article table, not a pass).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any

from audit.model import Article, Finding, span_finding
from audit.normalise.dates import (
    CJK_DATE_LANGUAGES,
    CJK_WEEKDAY,
    WEEKDAYS,
    DateMention,
    RelativeMention,
    cjk_weekday,
    find_dates,
    find_relative_dates,
    nearest_year,
    shift_month,
    url_date,
)
from audit.normalise.text import REGEX_CASE_TWINS, fold_matched

CHECK = "consistency.relative_date"
TOLERANCE_DAYS = 1
# What may stand between "tomorrow" and its date: "tomorrow, May 12", "tomorrow (May 12)",
# "yesterday – on May 11", "last week on Tuesday, May 6". Seen in the seeds and the
# extraction-benchmark texts.
_JOIN = re.compile(r"[ \t]*(?:[,(–—-][ \t]*)?(?:on[ \t]+)?(?:the[ \t]+)?")
_BARE_WEEKDAY = re.compile(
    r"(?P<weekday>" + "|".join(w for w in WEEKDAYS if len(w) > 4) + r")\b(?![,\s]+\w+\s+\d)",
    re.IGNORECASE,
)
# A finding needs an explicit date written right after the expression (paired_date:
# after _JOIN, or inside "this Thursday, May 15") or, for "today", "yesterday" and the
# like, a weekday after it ("yesterday, Monday"). Three texts out of four have neither,
# and the relative expressions' scan (the whole text, a match tried at every position)
# is skipped for them; in texts with dates only the stretches before the dates are
# scanned (_relatives). The weekday test is run on the reversed text: backwards, the
# weekday comes first and starts with y or s (every weekday name ends in "day" or is
# "thurs"), a class the regex engine skips to, where the expressions' first letters are
# tried at every character. A superset of what `conflict` can report: any joining
# characters, any day word ending.
_WEEKDAY_AFTER_DAY_WORD_REVERSED = re.compile(
    "[yYsS\u017f]"  # (?i)[ys] exactly (re also folds U+017F to s)
    "(?i:(?<=y)ad(?:nom|seut|sendew|sruht|irf|rutas|nus)|(?<=s)ruht)"  # a weekday name
    "(?i:[ \t,(\u2013\u2014-]|eht|no)*"  # what _JOIN can hold
    "(?i:yad|worrom|thgin|gnin|noon)"  # today, yesterday, tomorrow, tonight, morning, evening, afternoon
)


def paired_date(text: str, rel: RelativeMention, by_start: dict[int, DateMention]) -> DateMention | None:
    """The explicit date written with the expression, if any."""
    after = _JOIN.match(text, rel.end)
    position = after.end() if after else rel.end
    if position in by_start:
        return by_start[position]
    if rel.kind == "weekday" and rel.which == "on":
        return None  # "on Friday, May 16": a dated weekday, consistency.weekday's business
    if rel.kind == "weekday":  # "this Thursday, May 15": the date mention starts at the weekday
        return next((m for s, m in by_start.items() if rel.start < s < rel.end and m.end > rel.end), None)
    return None


def conflict(text: str, rel: RelativeMention, mention: DateMention | None, published: date,
             tolerance: int) -> tuple[str, date] | None:
    """(what the text states, the date the expression means) when they disagree."""
    ranges = [(lo - timedelta(days=tolerance), hi + timedelta(days=tolerance))
              for lo, hi in rel.ranges(published)]
    if mention is not None:
        year = mention.year or nearest_year(mention.month, mention.day, published)
        readings = mention.readings(year)
        if not readings or any(lo <= d <= hi for d in readings for lo, hi in ranges):
            return None
        return f"{readings[0]:%B} {readings[0].day}, {readings[0].year}", readings[0]
    if rel.kind != "day":
        return None
    after = _JOIN.match(text, rel.end)
    weekday = _BARE_WEEKDAY.match(text, after.end() if after else rel.end)
    if weekday is None:
        return None
    meant = published + timedelta(days=rel.offset)
    stated = WEEKDAYS[fold_matched(weekday.group("weekday"))]
    near = {(meant + timedelta(days=d)).weekday() for d in range(-tolerance, tolerance + 1)}
    return None if stated in near else (calendar.day_name[stated], meant)


def _span_end(rel: RelativeMention, mention: DateMention | None, text: str) -> int:
    if mention is not None:
        return max(mention.end, rel.end)
    after = _JOIN.match(text, rel.end)
    weekday = _BARE_WEEKDAY.match(text, after.end() if after else rel.end)
    return weekday.end() if weekday else rel.end


# Cheaper still, first: both a weekday name and a day word in the lower-cased text
# (re's IGNORECASE also reads these four as s, i, i, k; str.lower does not).
_FOLDED_APART = tuple(REGEX_CASE_TWINS)
_WEEKDAY_NAMES = tuple(w for w in WEEKDAYS if len(w) > 4)  # as _BARE_WEEKDAY
_DAY_WORDS = ("today", "tonight", "tomorrow", "yesterday", "morning", "afternoon", "evening")


def _may_have_weekday_after_day_word(text: str) -> bool:
    if any(odd in text for odd in _FOLDED_APART):
        return True
    lower = text.lower()
    return any(w in lower for w in _WEEKDAY_NAMES) and any(d in lower for d in _DAY_WORDS)


def _relatives(text: str, by_start: dict[int, DateMention]) -> list[RelativeMention]:
    """The relative expressions of the text that `conflict` may find wrong: all of them
    where a weekday follows a day word; else those written right before a date (the
    rest can pair with no date); none in a text with neither (three texts in four)."""
    if _may_have_weekday_after_day_word(text) and _WEEKDAY_AFTER_DAY_WORD_REVERSED.search(text[::-1]):
        return find_relative_dates(text)
    return find_relative_dates(text, before=by_start) if by_start else []


# "he told BBC Radio 4's Today on Tuesday": a capitalised "Today" after a possessive (or
# "USA") is a programme's or paper's name, not the day (BBC 2004-05 text in c2000, read in
# docs/measurements/precision-2026-12-03b.md). So is a capitalised "Tonight" or "Today" right
# after another capitalised word, mid-sentence: "A “source” told Entertainment Tonight on
# August 23" (GossipCop's pages of FakeNewsNet, docs/measurements/precx.md).
_NAME_BEFORE_TODAY = re.compile(r"(?:['’]s|\bUSA|\b[A-Z][a-z]+)[ \t]+$")
_PROGRAMME_WORDS = frozenset(["Today", "Tonight"])


def _names_a_programme(text: str, rel: RelativeMention) -> bool:
    """Whether the expression is "Today" or "Tonight" as the name of a programme or paper."""
    return text[rel.start:rel.end] in _PROGRAMME_WORDS and \
        _NAME_BEFORE_TODAY.search(text, max(0, rel.start - 20), rel.start) is not None


def _in_a_title(text: str, rel: RelativeMention) -> bool:
    """Whether the expression is a headline's words, every word capitalised: a related post's
    title and its date ("Pike’s Taqueria Poblano Aiming for Opening Next Week April 25, 2012"),
    a digest's "One Year Ago This Week (July 30th – August 5th)": dated when that post was, not
    from this article's date (Dragnet's pages, 4 of 13 findings on 46 corpora, false; a second
    reader, thirty-fifth session). A sentence writes "Next week, on November 13"."""
    words = text[rel.start:rel.end].split()
    return len(words) >= 2 and all(w[:1].isupper() for w in words)


# A quotation's opening and closing marks: curly ones, or a straight one with a space (or the line's
# start, a colon, a bracket) on its outer side and a letter on its inner side ("don't" is neither)
_OPENING_QUOTE = re.compile(r"[“‘«]|(?:^|(?<=[\s:(\[]))['\"](?=\w)")
_CLOSING_QUOTE = re.compile(r"[”’»]|(?<=[\w.,!?])['\"](?=[\s.,;:!?)]|$)")
QUOTE_LOOK_BACK = 400


def _glossed_in_a_quote(text: str, rel: RelativeMention) -> bool:
    """Whether the expression is a speaker's, inside quotation marks, with the day it meant
    glossed in brackets right after it: "... saying: 'We served well today (Monday) and ..."
    (L3S: a Monday's words in a story of Wednesday, twice). The gloss is the writer's, telling
    which day the speaker's "today" was: the text agrees with itself. A quoted "tomorrow, May
    12" without a gloss is still read (seed 002)."""
    if text[rel.end:rel.end + 3].lstrip()[:1] != "(":
        return False
    start = max(text.rfind("\n", 0, rel.start) + 1, rel.start - QUOTE_LOOK_BACK)
    opened = [m.start() for m in _OPENING_QUOTE.finditer(text, start, rel.start)]
    closed = [m.start() for m in _CLOSING_QUOTE.finditer(text, start, rel.start)]
    return bool(opened) and (not closed or opened[-1] > closed[-1])


def judges(articles: Sequence[Article], params: Mapping[str, Any]) -> list[bool]:
    """'Tomorrow' means a day only from a publication date: undated articles are not checked."""
    return [a.published is not None for a in articles]


# A publication date a year from the calendar's ends (a placeholder "9999-12-31") is none to
# count days from: "tomorrow" would overflow the calendar
_COUNTABLE = (date.min + timedelta(days=400), date.max - timedelta(days=400))


def find_relative_date_conflicts(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    tolerance = int(params.get("tolerance_days", TOLERANCE_DAYS))
    for article in articles:
        published = article.published
        if published is None or not _COUNTABLE[0] <= published <= _COUNTABLE[1]:
            continue
        if article.language in CJK_DATE_LANGUAGES:
            for rel, mention in cjk_relatives(article.text, published):
                found = conflict(article.text, rel, mention, published, tolerance)
                if found is not None:
                    yield _finding(article, rel, mention, found[0], tolerance, partial(_cjk_reread, article.text, rel.start))
            continue
        by_start = {m.start: m for m in find_dates(article.text)}
        for rel in _relatives(article.text, by_start):
            if (_names_a_programme(article.text, rel) or _in_a_title(article.text, rel)
                    or _glossed_in_a_quote(article.text, rel)):
                continue
            mention = paired_date(article.text, rel, by_start)
            found = conflict(article.text, rel, mention, published, tolerance)
            if found is not None:
                yield _finding(article, rel, mention, found[0], tolerance)


def _finding(article: Article, rel: RelativeMention, mention: DateMention | None, stated: str,
             tolerance: int, again: Callable[[date], DateMention | None] | None = None) -> Finding:
    """The finding of a relative date that disagrees with the publication date. `again`: the
    date mention read from another record date (a CJK day's month is read from it)."""
    published = article.published
    assert published is not None
    meant = " or ".join(lo.isoformat() if lo == hi else f"{lo} to {hi}" for lo, hi in rel.ranges(published))
    words = article.text[rel.start:rel.end]
    fits = _record_day_it_fits(article, rel, mention, tolerance, again)
    blame = (f"; the record's date looks wrong: {fits[1]}, {fits[0]}, the text is right."
             if fits else ": the text or the record's publication date is wrong.")
    message = (f"'{words}' means {meant} from the publication date {published} "
               f"({published:%A}), but the text says {stated}{blame}")
    return span_finding(article, CHECK, rel.start, _span_end(rel, mention, article.text), message,
                        data={"relative": words, "stated": stated,
                              "published": published.isoformat(), "meant": meant,
                              **({"record_date_fits": fits[0].isoformat(), "record_date_by": fits[1]}
                                 if fits else {})})


# Chinese, Japanese and Korean write the day of the month with today, tomorrow or yesterday:
# "本日25日（金）に発売", "오늘(20일) 아침", "昨天（4日）" (ja_news, ko_news: 35 and 124 such pairs,
# forty-fourth session). Not a count of days or a number: "今日1日" ("all day today": an
# unbracketed day 1 after any day word), "3日間", "3日ぶり", "3日後", "2日目", "3日連続", "3일째",
# "3号线" (a metro line), "5号楼"; not "一昨日" (the day before yesterday). Nothing but spaces
# between the word and its day, as in English. The day's month and year: those nearest the day meant.
_GAP = r"[ \t\u3000]*"
_CJK_RELATIVE = re.compile(
    r"(?P<word>今日|本日|きょう|明日|あす|(?<!一)昨日|きのう|今天|明天|昨天|오늘|내일|어제)"
    + _GAP + r"(?:(?P<open>[（(])" + _GAP + r")?(?P<day>\d{1,2})" + _GAP
    + r"[日일号號](?![間ぶ振後前以目連간째线線楼樓院館馆室车車机機])(?(open)" + _GAP + r"[）)]|)")
_CJK_OFFSETS = {"今日": 0, "本日": 0, "きょう": 0, "今天": 0, "오늘": 0, "明日": 1, "あす": 1, "明天": 1,
                "내일": 1, "昨日": -1, "きのう": -1, "昨天": -1, "어제": -1}


# A round-up or a ranking reprints earlier stories' openings, each under its headline: "■本日発売！
# ...「GALAXY S III SC-06D」..." then "NTTドコモから本日28日（木）に発売開始された ...", "第2位 ..." then
# its blurb. The day word there is the reprinted story's "today", right for its own date: in a
# held-out read of 5,367 livedoor articles all 19 relative-date findings but none were such
# (S-MAX's weekend round-ups, a ranking), as were the 6 of ja_news.
_ITEM_HEADLINE = re.compile(r"[ \t\u3000]*(?:[■□◆◇●○▼▲▶►★☆【]|第\d+位)")


def _reprinted(text: str, at: int) -> bool:
    """Whether the paragraph holding `at` is an item under a headline (`_ITEM_HEADLINE`): the
    last line above it with anything on it opens with one (read in place, not sliced off)."""
    end = text.rfind("\n", 0, at) + 1
    while end > 0 and text[end - 1] in "\n \t\u3000":
        end -= 1
    return end > 0 and _ITEM_HEADLINE.match(text, text.rfind("\n", 0, end) + 1, end) is not None


def cjk_relatives(text: str, published: date) -> Iterator[tuple[RelativeMention, DateMention]]:
    """Each CJK day word with its day of the month, as the English check pairs "tomorrow" with
    its date: the day read in the month, of the three around the day meant, that brings it
    nearest; not one in a reprinted item (`_reprinted`)."""
    for m in _CJK_RELATIVE.finditer(text):
        day = int(m["day"])
        if day == 0 or (day == 1 and not m["open"]) or _reprinted(text, m.start()):
            continue
        offset = _CJK_OFFSETS[m["word"]]
        meant = published + timedelta(days=offset)
        near = [d for shift in (-1, 0, 1) if (d := _day_in_month(meant, shift, day)) is not None]
        if not near:
            continue
        weekday = _weekday_after(text, m.end())  # "本日25日（金）": the 25th that is a Friday, if one is near
        stated = min(near, key=lambda d: (d.weekday() != weekday if weekday is not None else False,
                                          abs((d - meant).days)))
        yield (RelativeMention(m.start(), m.end("word"), "day", offset),
               DateMention(m.start("day"), m.end(), day, stated.month, stated.year, None))


_CJK_WEEKDAY_AFTER = re.compile(r"\s*[（(]\s*(" + CJK_WEEKDAY + r")\s*[）)]")


def _weekday_after(text: str, at: int) -> int | None:
    """The bracketed weekday written right after a day ("25日（金）"), Monday = 0, or None."""
    m = _CJK_WEEKDAY_AFTER.match(text, at)
    return cjk_weekday(m.group(1)) if m else None


def _cjk_reread(text: str, at: int, published: date) -> DateMention | None:
    """The day word at `at` with its day read from another record date (`_record_day_it_fits`)."""
    return next((m for r, m in cjk_relatives(text, published) if r.start == at), None)


def _day_in_month(around: date, shift: int, day: int) -> date | None:
    """`day` of the month `shift` months from `around`'s, if it exists."""
    try:
        return shift_month(around.replace(day=1), shift).replace(day=day)
    except ValueError:
        return None


def _record_day_it_fits(article: Article, rel: RelativeMention, mention: DateMention | None,
                        tolerance: int, again: Callable[[date], DateMention | None] | None = None,
                        ) -> tuple[date, str] | None:
    """A day the record's date may have been meant as, by which the text is right: the day in
    the article's URL, or the publication date with its day and month swapped (a DD/MM date
    read as MM/DD). A read of the findings (thirty-ninth session) found all 7 sampled ones right
    in the text and wrong in the record: Dragnet's blog posts of 2012-11-12 and 2012-11-07
    recorded as 2012-12-11 and 2012-07-11 ("tomorrow, November 13", "Next week, on November 13")."""
    published = article.published
    assert published is not None
    swapped = None
    if published.day <= 12 and published.day != published.month:
        swapped = published.replace(month=published.day, day=published.month)
    for day, how in ((url_date(article.url), "by the day in its URL"), (swapped, "read with day and month swapped")):
        if day is None or day == published or not _COUNTABLE[0] <= day <= _COUNTABLE[1]:
            continue
        read = again(day) if again is not None else mention
        if (again is None or read is not None) and conflict(article.text, rel, read, day, tolerance) is None:
            return day, how
    return None
