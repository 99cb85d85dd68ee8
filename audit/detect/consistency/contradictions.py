"""consistency.contradiction: two articles of the same time giving one office or person
incompatible status.

Each article's title mentions (see titles.py) that title_reading.py reads as present
titles become claims: "Olaf Scholz is German Chancellor", "Donald Trump is a former US
President". History, reports and quotes ("appointed by President Barack Obama") are no
claims, and neither is a title read as present only by its reporting verb in a passage the
text dates to an earlier year in which the person held the office (titles.held_in_passage_year:
"With the 2008 financial crash ... Australian Prime Minister Kevin Rudd declared ..." in a
2019 retrospective speaks of 2008, as title_anachronism reads it). Two claims of articles
dated at most `max_days` apart (default 14) contradict
each other when they name different current holders of one office, or one calls a
person the current holder and the other a former one, unless the office-holders table
shows both claims true at their own dates (the office changed hands between them).

One finding per pair of claims at most: each claim the table says is wrong gets one
finding, on its own span, naming the nearest article (by date) with an incompatible
claim (related_article_id) and both sentences (data); a pair is reported once, so a
right claim contradicted by a wrong one carries no finding of its own.

Undated articles: an article without a publication date is assumed to date from the
span of the corpus's dated articles when that span is at most `undated_span_days`
(default 31) long, and is left out otherwise; the message says so.
"""

from __future__ import annotations

import copy
import json
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np

from audit.detect.consistency.claims_saved import remembered_claims
from audit.detect.consistency.office_holders import OfficeTable, load_table
from audit.detect.consistency.title_reading import sentence_bounds
from audit.detect.consistency.titles import (
    ELECT_DAYS,
    courtesy_title,
    find_title_mentions,
    held_in_passage_year,
    office_label,
    reading_of,
    stale_new,
)
from audit.detect.saved import SavedState
from audit.model import Article, Finding, span_finding

CHECK = "consistency.contradiction"
MAX_DAYS = 14
UNDATED_SPAN_DAYS = 31


@dataclass(frozen=True)
class Claim:
    article: Article
    start: int
    end: int
    person_id: str
    office: str
    country: str
    status: str  # current or former
    dates: tuple[date, date]  # when the article speaks: its date, or the assumed span
    decided_by: str = ""  # the words that made it a present title ("are expected", "former")

    @property
    def key(self) -> tuple[str, str]:
        return (self.office, self.country)


def claims_of(article: Article, table: OfficeTable, dates: tuple[date, date]) -> list[Claim]:
    """Present current/former title claims whose office and country the table resolves."""
    found = []
    for mention in find_title_mentions(article.text, table):
        if mention.status not in ("current", "former"):
            continue
        terms = table.terms_of(mention.person_id, mention.offices, mention.country)
        offices = {(t.office, t.country) for t in terms}
        if len(offices) != 1 or not table.knows_holders(terms, dates[0]) or (mention.status == "current" and (
                courtesy_title(mention, terms, dates[1]) or stale_new(mention, terms, dates[1], ELECT_DAYS))):
            continue  # "President Obama" in 2017: an honorific, no claim that he holds office
        reading = reading_of(article.text, mention, dates[1])
        if not reading.present or held_in_passage_year(article.text, mention, table, dates[1], reading):
            continue  # history, or a claim about the earlier year its passage tells of
        office, country = offices.pop()
        found.append(Claim(article, mention.start, mention.end, mention.person_id, office, country,
                           mention.status, dates, reading.describe()))
    return found


def judges(articles: Sequence[Article], params: Mapping[str, Any]) -> list[bool]:
    """An article dated before the office table's first row makes no claim the table can
    judge (not checked); an undated one may take its date from the corpus (module doc)."""
    first = load_table(params).first_covered
    if first is None:
        return [False] * len(articles)
    return [a.published is None or a.published >= first for a in articles]


def prepare(article: Article, params: Mapping[str, Any]) -> dict[str, Any]:
    """A dated article's claims, made in the workers and cached (plain JSON): they depend
    on the article, its date and the table alone. An undated article's date comes from
    the corpus: its claims are made in find_contradictions."""
    claims = None if article.published is None else [
        [c.start, c.end, c.person_id, c.office, c.country, c.status, c.decided_by]
        for c in claims_of(article, load_table(params), (article.published, article.published))]
    return {"params": _public(params), "claims": claims}


def _public(params: Mapping[str, Any]) -> dict[str, Any]:
    """The params as the cache keeps them (JSON, private ones left out): one dict for the
    same params, shared by every share and never changed. A fresh copy per article was
    1.3 KB of each share (130 MB of the run's parent at 100,000 articles, mem8.md); one
    dict is pickled once a batch (pickle's memo)."""
    return _public_text.parsed(params)


class _LastPublic:
    """`_public`'s JSON text of the public params it was last asked for: a worker passes
    the plan's one dict with every article, and json.dumps (an encoder made for each
    call, for `default`) was half of prepare's time. Encoded again when the public params
    differ (==) from a copy of the ones last encoded. (== holds 1 and 1.0 equal, which JSON
    writes apart; `_claims` compares the prepared params with == too, so no finding can
    tell.)"""

    def __init__(self) -> None:
        self.seen: dict[str, Any] | None = None
        self.text = ""
        self.loaded: dict[str, Any] | None = None  # the text parsed (parsed), once

    def __call__(self, params: Mapping[str, Any]) -> str:
        public = {k: v for k, v in params.items() if not k.startswith("_")}
        if public != self.seen:
            self.text, self.seen = json.dumps(public, default=str), copy.deepcopy(public)
            self.loaded = None
        return self.text

    def parsed(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """The text of `params` (__call__) parsed, once per text."""
        text = self(params)
        if self.loaded is None:
            self.loaded = json.loads(text)
        return self.loaded


_public_text = _LastPublic()


def _claims(article: Article, table: OfficeTable, dates: tuple[date, date],
            public: dict[str, Any]) -> list[Claim]:
    """The article's claims: prepared in a worker (under the same `_public` params) when they
    could be (taken once), else made here."""
    prepared = article.prepared.pop("contradictions", None)  # the registry's name for this check
    if (isinstance(prepared, dict) and prepared.get("claims") == [] and article.published is not None
            and prepared.get("params") == public):
        return []  # most articles: none (checked first, a rerun reads 20,000 of them)
    if (isinstance(prepared, dict) and prepared.get("claims") is not None
            and prepared.get("params") == public and article.published is not None):
        return [Claim(article, start, end, person, office, country, status, dates, decided)
                for start, end, person, office, country, status, decided in prepared["claims"]]
    return claims_of(article, table, dates)


def _article_claims(articles: Sequence[Article], table: OfficeTable, span_days: int,
                    public: dict[str, Any], saved: SavedState | None) -> Iterator[list[Claim]]:
    """The claims of each article the check judges (article_dates), in article order; with
    the last run's claims (`saved`: claims_saved) only of those that may have any."""
    if saved is None:
        dates = article_dates(articles, span_days)
        for article in articles:
            if article.article_id in dates:
                yield _claims(article, table, dates[article.article_id], public)
        return
    dated, days = remembered_claims(articles, saved, lambda article: [
        [c.start, c.end, c.person_id, c.office, c.country, c.status, c.decided_by]
        for c in _claims(article, table, (article.published, article.published), public)])  # type: ignore[arg-type]
    known = days[days >= 0]
    undated: list[int] = []
    if len(known) and int(known.max() - known.min()) <= span_days:  # as article_dates
        span = (date.fromordinal(int(known.min())), date.fromordinal(int(known.max())))
        undated = np.flatnonzero(days < 0).tolist()
    for i in sorted([*dated, *undated]):
        article = articles[i]
        if i in dated:
            when = (article.published, article.published)
            yield [Claim(article, start, end, person, office, country, status, when, decided)  # type: ignore[arg-type]
                   for start, end, person, office, country, status, decided in dated[i]]
        else:
            yield claims_of(article, table, span)


def sentence_of(claim: Claim) -> str:
    left, right = sentence_bounds(claim.article.text, claim.start, claim.end)
    return " ".join(claim.article.text[left:right].split())


def claim_true(claim: Claim, table: OfficeTable) -> bool:
    """Whether the table makes the claim true on some day the article may speak of."""
    terms = table.terms_of(claim.person_id, [claim.office], claim.country)
    days = [claim.dates[0] + timedelta(days=n) for n in range((claim.dates[1] - claim.dates[0]).days + 1)]
    if claim.status == "current":
        return any(t.holds(d) for t in terms for d in days)
    return any(t.end is not None and t.end <= d and not any(u.holds(d) for u in terms)
               for t in terms for d in days)


def incompatible(a: Claim, b: Claim) -> bool:
    if a.key != b.key:
        return False
    if a.status == b.status == "current":
        return a.person_id != b.person_id
    return a.person_id == b.person_id and a.status != b.status


def _gap(a: tuple[date, date], b: tuple[date, date]) -> int:
    return max(0, (b[0] - a[1]).days, (a[0] - b[1]).days)


def article_dates(articles: Sequence[Article], span_days: int) -> dict[str, tuple[date, date]]:
    dated = [a.published for a in articles if a.published is not None]
    dates = {a.article_id: (a.published, a.published) for a in articles if a.published is not None}
    if dated:
        span = (min(dated), max(dated))  # once, not once per article (100,000: 260 s before)
        if (span[1] - span[0]).days <= span_days:
            for a in articles:
                dates.setdefault(a.article_id, span)
    return dates


def _describe(claim: Claim, table: OfficeTable) -> str:
    name = table.people[claim.person_id].name
    label = office_label(claim.office, claim.country)
    return f"{name} {'is' if claim.status == 'current' else 'is a former'} {label}"


def _when(claim: Claim) -> str:
    lo, hi = claim.dates
    if claim.article.published is not None:
        return f"dated {lo}"
    return f"undated; assumed {lo} to {hi} from the corpus's dated articles"


@dataclass
class _Group:
    """The claims that give one office one status for one person, sorted by date."""

    all: list[Claim] = field(default_factory=list)
    false: list[Claim] = field(default_factory=list)  # those the table says are wrong
    all_starts: list[date] = field(default_factory=list)
    false_starts: list[date] = field(default_factory=list)

    def sort(self) -> None:
        self.all.sort(key=lambda c: c.dates[0])
        self.false.sort(key=lambda c: c.dates[0])
        self.all_starts = [c.dates[0] for c in self.all]
        self.false_starts = [c.dates[0] for c in self.false]

    def nearest(self, claim: Claim, claim_is_true: bool, max_days: int) -> Claim | None:
        """The closest claim of another article within max_days (only wrong ones when the
        claim itself is right: two true claims are no contradiction)."""
        others, starts = (self.false, self.false_starts) if claim_is_true else (self.all, self.all_starts)
        i = bisect_left(starts, claim.dates[0])
        for j in sorted(range(max(0, i - 50), min(len(others), i + 50)), key=lambda j: abs(j - i)):
            other = others[j]
            if other.article.article_id != claim.article.article_id and _gap(claim.dates, other.dates) <= max_days:
                return other
        return None


def find_contradictions(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    """One finding per wrong claim and pair: its span and the nearest article contradicting it.

    Claims are grouped by office, then by (person, status), and each wrong claim looks for
    the nearest incompatible claim by date (bisect), so a corpus where thousands of
    articles name one office costs n log n, not n squared.
    """
    table = load_table(params)
    max_days = int(params.get("max_days", MAX_DAYS))
    span_days = int(params.get("undated_span_days", UNDATED_SPAN_DAYS))
    by_office: dict[tuple[str, str], dict[tuple[str, str], _Group]] = {}
    public = _public(params)
    for claims in _article_claims(articles, table, span_days, public, params.get("_saved")):
        seen: set[tuple[tuple[str, str], str, str]] = set()
        for claim in claims:
            if (claim.key, claim.person_id, claim.status) in seen:
                continue  # one claim per article, office, person and status
            seen.add((claim.key, claim.person_id, claim.status))
            group = by_office.setdefault(claim.key, {}).setdefault(
                (claim.person_id, claim.status), _Group())
            group.all.append(claim)
            if not claim_true(claim, table):
                group.false.append(claim)
    for groups in by_office.values():
        for group in groups.values():
            group.sort()
        yield from _office_findings(groups, table, max_days)


def _claim_id(claim: Claim) -> tuple[str, int]:
    return (claim.article.article_id, claim.start)


def _office_findings(groups: dict[tuple[str, str], _Group], table: OfficeTable,
                     max_days: int) -> Iterator[Finding]:
    reported: set[frozenset[tuple[str, int]]] = set()
    for group in groups.values():
        for claim in group.false:
            found = [o for g in groups.values() if g.all and incompatible(claim, g.all[0])
                     if (o := g.nearest(claim, False, max_days)) is not None]
            if not found:
                continue
            other = min(found, key=lambda o: _gap(claim.dates, o.dates))
            pair = frozenset({_claim_id(claim), _claim_id(other)})
            if pair in reported:
                continue
            reported.add(pair)
            yield _finding(claim, other, table)


def _finding(claim: Claim, other: Claim, table: OfficeTable) -> Finding:
    message = (f"This article says {_describe(claim, table)} ({_when(claim)}; {claim.decided_by}); "
               f"article {other.article.article_id} says {_describe(other, table)} "
               f"({_when(other)}; {other.decided_by}).")
    return span_finding(claim.article, CHECK, claim.start, claim.end, message,
                        related_article_id=other.article.article_id, data={
                            "office": claim.office, "country": claim.country,
                            "person_id": claim.person_id, "status": claim.status,
                            "other_person_id": other.person_id, "other_status": other.status,
                            "articles": [claim.article.article_id, other.article.article_id],
                            "sentences": [sentence_of(claim), sentence_of(other)],
                            "excerpts": [claim.article.text[claim.start:claim.end],
                                         other.article.text[other.start:other.end]],
                            "decided_by": [claim.decided_by, other.decided_by]})
