"""consistency.title_anachronism: a title or former/current status wrong for the publication date.

A title mention is a table person with a title before the name ("former U.S. President
Donald Trump", "then-UK Prime Minister Boris Johnson", "former Democratic President
Barack Obama", "President-elect Trump") or after it ("Friedrich Merz, the German
Chancellor"). Only mentions that title_reading.py reads as a present title are judged
(not quotes, "appointed by ...", "under ...", possessives, sentences about the past, and
plain titles without a present verb or a time of this week after them). Against the
office-holders table at the publication date such a mention is wrong when:
- a plain or "current" title names someone who did not hold that office then
  (Scholz called German Chancellor on 2025-06-01: Merz since 2025-05-06);
- "former" names someone in that office then ("former President Trump" in May 2025);
- "-elect"/"incoming" names someone already in office.
Not judged either: titles of offices the table does not cover ("former culture
minister"), people the table does not know, offices that changed hands within
`grace_days` of publication, mentions dated before the table's first row for their office
(who held it then is unknown), and undated articles (with those dated before any office's
first row: recorded as not checked, `judges`). Each finding names the office-table row that decided it and the
words of the sentence that made the title a present one (message and `data`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from audit.detect.consistency.office_holders import OfficeTable, Term, load_table, load_titles
from audit.detect.consistency.title_reading import (
    YEAR,
    Reading,
    adjective_pattern,
    passage_year,
    read_mention,
    sentence_bounds,
)
from audit.model import Article, Finding, span_finding
from audit.normalise.text import fold_matched

CHECK = "consistency.title_anachronism"
GRACE_DAYS = 2  # news lag and time zones around a handover; suite param "grace_days"
# "-elect" long after the inauguration is history ("As president-elect, Trump broke with
# protocol" in December 2017, a Reuters timeline of December 2016); a slip of the
# handover ("President-elect Trump said" in March 2025) comes within weeks. Suite param
# "elect_days".
ELECT_DAYS = 120


@dataclass(frozen=True)
class TitleMention:
    """A person given a title in the text; `status` is current, former, then or elect."""

    start: int
    end: int
    person_id: str
    offices: tuple[str, ...]
    country: str | None  # as written, or implied by the title ("Secretary of State": US)
    status: str
    title: str
    modifier: str = ""  # the status word as written ("former", "ex-", "newly installed"), "" if none
    country_written: bool = False  # "U.S. President", "the German chancellor": not a bare title


def _alternation(phrases: Sequence[str]) -> str:
    return "|".join(re.escape(p) for p in sorted(set(phrases), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = load_titles()
    countries = [n for names in data["countries"].values() for n in names] + data["other_countries"]
    modifier = rf"(?i:{_alternation([m for m in data['modifiers'] if not m.endswith('-')])})"
    country = rf"(?P<country>{_alternation(countries)})"
    title = rf"(?P<title>(?i:{_alternation(list(data['titles']))}))(?P<elect>-elect)?"
    adjectives = rf"(?:{adjective_pattern()}\s+){{0,2}}"  # "former pro-Russian Ukrainian President"
    before = (rf"(?<![\w-])(?:(?P<mod1>{modifier}|(?i:ex|then)(?=-))[\s-]+)?{adjectives}(?:{country}\s+)?"
              rf"{adjectives}(?:(?P<mod2>{modifier})[\s-]+)?{title}(?![\w-])")
    prefix = re.compile(before + r",?\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?$")
    after = re.compile(r",\s+(?:(?i:the)\s+)?" + before.replace("?P<", "?P<a_") + r"(?![\w'’-])")
    return prefix, after


@lru_cache(maxsize=1)
def _title_words() -> tuple[str, ...]:
    """The titles as written, lower case: one of them is in any prefix match."""
    return tuple(t.lower() for t in load_titles()["titles"])


@lru_cache(maxsize=1)
def _ignored_before() -> re.Pattern[str]:
    words = _alternation(load_titles()["ignore_before"])
    return re.compile(rf"(?i:\b(?:{words})[\s-]+)$")


@lru_cache(maxsize=1)
def _ignored_longest() -> int:
    """Characters the longest `ignore_before` word takes (IGNORECASE matches a character
    of the text for each of the pattern's)."""
    return max(map(len, load_titles()["ignore_before"]))


def another_office_before(text: str, end: int) -> bool:
    """Whether a word of `ignore_before` and white space or hyphens stand right before
    `end` ("Vice President"): `_ignored_before().search(text, 0, end)`, tried only where
    such a match can start. It ends at `end` and its spaces and hyphens lie inside the run
    of them before `end`, so it starts at most the longest word's length before that run.
    The whole-prefix search tried every start from the text's first character: quadratic
    in a text's length with a mention every few sentences (0.2 ms an article on c2000,
    most of consistency.titles; tested equal). A search from `pos` still reads the
    character before it for the regex's \b."""
    start = end
    while start > 0 and (text[start - 1].isspace() or text[start - 1] == "-"):
        start -= 1
    if start == end:
        return False  # no space or hyphen right before: [\s-]+ cannot end there
    return _ignored_before().search(text, max(0, start - _ignored_longest()), end) is not None


def find_title_mentions(text: str, table: OfficeTable) -> list[TitleMention]:
    """Every table person with a title attached, in text order (read once a text and
    table: consistency.title and contradiction's share both ask, a batch apart)."""
    return list(table.remembered("title_mentions", text, lambda t: _title_mentions(t, table)))


def _title_mentions(text: str, table: OfficeTable) -> list[TitleMention]:
    prefix, after = _patterns()
    mentions: list[TitleMention] = []
    titles = _title_words()
    for hit in table.find_names(text):
        window_start = max(0, hit.start - 90)
        window = text[window_start:hit.start]
        match = None
        # The prefix pattern is tried at each of the window's 90 starts (54 us a name);
        # it cannot match where no title is written. Only ASCII is screened: under
        # IGNORECASE "\u212aing" (Kelvin sign) is "king" to the regex, not to lower().
        lowered = window.lower()
        if not window.isascii() or any(t in lowered for t in titles):
            match = prefix.search(text, window_start, hit.start)
        if match and match.end() == hit.start:
            mention = _mention(text, table, hit.person_id, match, "", match.start(), hit.end)
            if mention:
                mentions.append(mention)
                continue
        match = after.match(text, hit.end)
        if match:
            mention = _mention(text, table, hit.person_id, match, "a_", hit.start, match.end())
            if mention:
                mentions.append(mention)
    return mentions


def _mention(text: str, table: OfficeTable, person_id: str, m: re.Match[str], g: str,
             start: int, end: int) -> TitleMention | None:
    titles = table.titles
    title = fold_matched(m.group(g + "title"))
    if another_office_before(text, m.start(g + "title")):
        return None  # "Vice President", "Deputy Prime Minister": another office
    written = m.group(g + "country")
    country = _country_code(written) if written else titles["titles"][title].get("implied_country")
    if written and country is None:
        return None  # a country or body the table does not cover ("Austrian Chancellor")
    modifier = fold_matched(m.group(g + "mod1") or m.group(g + "mod2") or "")
    status = "elect" if m.group(g + "elect") else titles["modifiers"].get(modifier, "current")
    if modifier in ("ex", "then") and "-" not in text[m.start():m.start(g + "title")]:
        status = titles["modifiers"].get(modifier + "-", status)
    offices = tuple(titles["titles"][title]["offices"])
    return TitleMention(start, end, person_id, offices, country, status, m.group(g + "title"), modifier,
                        bool(written))


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    return {name: code for code, names in load_titles()["countries"].items() for name in names}


def _country_code(written: str) -> str | None:
    return _country_index().get(written)


def office_label(term_or_office: Term | str, country: str | None) -> str:
    """'Chancellor of Germany' from an office id and a country code."""
    titles = load_titles()
    office = term_or_office.office if isinstance(term_or_office, Term) else term_or_office
    label = titles["office_names"].get(office, office)
    if country in ("EU",) and office != "president":
        return label
    return f"{label} of {titles['country_names'].get(country, country)}" if country else label


@dataclass(frozen=True)
class Verdict:
    """Why a mention is wrong on a day, and the office-table row that says so."""

    reason: str
    term: Term  # the row of audit/data/office_holders.csv (or the user's extra rows)

    def row(self) -> dict[str, Any]:
        t = self.term
        return {"person_id": t.person_id, "office": t.office, "country": t.country,
                "start": t.start.isoformat(), "end": t.end.isoformat() if t.end else None,
                "source": t.source}

    def describe(self) -> str:
        t = self.term
        return (f"office table row: {t.person_id}, {t.office} {t.country}, "
                f"{t.start} to {t.end or 'in office'} ({t.source or 'no source'})")


def judge(mention: TitleMention, table: OfficeTable, day: date, grace_days: int,
          elect_days: int = ELECT_DAYS) -> Verdict | None:
    """Why the mention is wrong on `day`, or None when it is right or cannot be judged."""
    terms = table.terms_of(mention.person_id, mention.offices, mention.country)
    if not terms or mention.status in ("then", "outgoing") or not table.knows_holders(terms, day):
        return None  # before the table's rows for the office: who held it then is unknown
    near = [day - timedelta(days=grace_days), day, day + timedelta(days=grace_days)]
    name = table.people[mention.person_id].name
    in_office = [t for t in terms if t.holds(day)]
    if mention.status == "former":
        if in_office and all(t.holds(d) for t in in_office for d in near):
            held = in_office[0]
            return Verdict(f"{name} is called former {mention.title}, but on {day} (publication date) "
                           f"was {office_label(held, held.country)} (since {held.start}).", held)
        return None
    if mention.status == "elect":
        started = [t for t in in_office if t.start < near[0] and (day - t.start).days <= elect_days]
        if started:
            return Verdict(f"{name} is called {mention.title}-elect, but on {day} (publication date) had "
                           f"held the office since {started[0].start}.", started[0])
        return None
    if in_office or any(t.holds(d) for t in terms for d in near):
        return None
    if courtesy_title(mention, terms, day) or stale_new(mention, terms, day, elect_days):
        return None
    past = [t for t in terms if t.end is not None and t.end <= day]
    # the row the message speaks of: the last term ended by then, else the first one after
    cited = (max(past, key=lambda t: t.start) if past
             else min((t for t in terms if t.start > day), key=lambda t: t.start))
    return Verdict(_not_holder_reason(cited, past, table, day, name), cited)


def courtesy_title(mention: TitleMention, terms: list[Term], day: date) -> bool:
    """A bare title kept by a past holder: "President Obama" in 2017, "Prime Minister Blair".

    American (and much British) usage keeps the title as an honorific after office
    ("President Obama is dignified, classy", a 2017 blog); only a title with a country
    ("U.S. President Barack Obama said on Tuesday") or "current" claims the office now.
    """
    return (not mention.country_written and not mention.modifier
            and any(t.end is not None and t.end <= day for t in terms))


NEW_WORDS = ("new", "newly installed", "newly elected")


def stale_new(mention: TitleMention, terms: list[Term], day: date, elect_days: int) -> bool:
    """"the newly elected President Barack Obama" in 2017: "new" as of a term long begun."""
    return mention.modifier in NEW_WORDS and all((day - t.start).days > elect_days for t in terms)


def _not_holder_reason(cited: Term, past: list[Term], table: OfficeTable, day: date, name: str) -> str:
    """`cited`: the last of the `past` terms (ended by `day`), else the first term after it."""
    label = office_label(cited, cited.country)
    holder = table.holder_on(cited.office, cited.country, day)
    then = (f"that office was held by {table.people[holder.person_id].name} (since {holder.start})"
            if holder else "the table has no holder of that office")
    held = f"{name} held it until {cited.end}" if past else f"{name} took it only on {cited.start}"
    return f"{name} is called {label}, but on {day} (publication date) {then}; {held}."


def held_in_passage_year(text: str, mention: TitleMention, table: OfficeTable, day: date,
                         reading: Reading) -> bool:
    """Whether a mention read as present only by its reporting verb ("X declared", "X said")
    sits in a passage the text dates to an earlier year (title_reading.passage_year) in which
    the person held the office: the text's own time frame, not the publication date. A
    present or future verb or a time of this week ("is meeting", "on Monday") stays judged
    against the publication date."""
    if reading.rule != "reporting_verb":
        return False
    year = passage_year(text, mention.start, day)
    if year is None:
        return False
    first, last = date(year, 1, 1), date(year, 12, 31)
    return any(t.start <= last and (t.end is None or t.end > first)
               for t in table.terms_of(mention.person_id, mention.offices, mention.country))


def held_in_later_year(text: str, mention: TitleMention, table: OfficeTable, day: date) -> bool:
    """Whether the mention's own sentence, before it, writes a year later than the publication
    date in which the person held the office: the text dates itself after its record, a page
    updated since ("Speaking in August 2025, US President Donald Trump said ..." in a BBC
    explainer whose record keeps its first date, 2012-05-10: read twice as an anachronism,
    thirty-ninth session). The record's date, not the title, is what is old."""
    first, _ = sentence_bounds(text, mention.start, mention.end)
    years = [int(m.group(1)) for m in YEAR.finditer(text, first, mention.start)]
    return any(date(year, 1, 1) > day and any(
        t.start <= date(year, 12, 31) and (t.end is None or t.end > date(year, 1, 1))
        for t in table.terms_of(mention.person_id, mention.offices, mention.country)) for year in years)


def reading_of(text: str, mention: TitleMention, day: date) -> Reading:
    """How the sentence uses the mention (title_reading.read_mention)."""
    return read_mention(text, mention.start, mention.end, mention.status, mention.modifier, day)


def judges(articles: Sequence[Article], params: Mapping[str, Any]) -> list[bool]:
    """Whether the check can judge each article: it needs a publication date no earlier than
    the office table's first row (an older article's offices have no known holders)."""
    first = load_table(params).first_covered
    if first is None:
        return [False] * len(articles)
    return [a.published is not None and a.published >= first for a in articles]


def find_title_anachronisms(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    table = load_table(params)
    grace = int(params.get("grace_days", GRACE_DAYS))
    elect_days = int(params.get("elect_days", ELECT_DAYS))
    for article in articles:
        if article.published is None:
            continue  # date-relative: skipped, the report lists undated articles
        for mention in find_title_mentions(article.text, table):
            verdict = judge(mention, table, article.published, grace, elect_days)
            if verdict is None:
                continue
            reading = reading_of(article.text, mention, article.published)
            if (not reading.present
                    or held_in_passage_year(article.text, mention, table, article.published, reading)
                    or held_in_later_year(article.text, mention, table, article.published)):
                continue
            message = (f"{verdict.reason} Read as a present title ({reading.describe()}); "
                       f"{verdict.describe()}.")
            yield span_finding(article, CHECK, mention.start, mention.end, message, data={
                "person_id": mention.person_id, "status": mention.status,
                "title": mention.title, "country": mention.country,
                "published": article.published.isoformat(), "office_row": verdict.row(),
                "decided_by": {"rule": reading.rule, "words": reading.words}})
