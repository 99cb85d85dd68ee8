"""consistency.contradiction: two articles of the same time giving one office or person
incompatible status.

Each article's title mentions (see titles.py) become claims: "Olaf Scholz is German
Chancellor", "Donald Trump is a former US President". Two articles dated at most
`max_days` apart (default 14) contradict each other when they name different current
holders of one office, or one calls a person the current holder and the other a former
one, unless the office-holders table shows both claims true at their own dates (the
office changed hands between them). Both articles get a finding, each pointing at its
own claim and naming the other article (related_article_id).

Undated articles: an article without a publication date is assumed to date from the
span of the corpus's dated articles when that span is at most `undated_span_days`
(default 31) long, and is left out otherwise; the message says so.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from audit.detect.office_holders import OfficeTable, load_table
from audit.detect.titles import about_the_past, find_title_mentions, office_label
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

    @property
    def key(self) -> tuple[str, str]:
        return (self.office, self.country)


def claims_of(article: Article, table: OfficeTable, dates: tuple[date, date]) -> list[Claim]:
    """Current/former title claims whose office and country the table resolves."""
    found = []
    for mention in find_title_mentions(article.text, table):
        if mention.status not in ("current", "former"):
            continue
        terms = table.terms_of(mention.person_id, mention.offices, mention.country)
        offices = {(t.office, t.country) for t in terms}
        if len(offices) != 1 or about_the_past(article.text, mention, table, dates[1]):
            continue
        office, country = offices.pop()
        found.append(Claim(article, mention.start, mention.end, mention.person_id, office, country,
                           mention.status, dates))
    return found


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
    if dated and (max(dated) - min(dated)).days <= span_days:
        for a in articles:
            dates.setdefault(a.article_id, (min(dated), max(dated)))
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


def find_contradictions(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    table = load_table(params)
    max_days = int(params.get("max_days", MAX_DAYS))
    dates = article_dates(articles, int(params.get("undated_span_days", UNDATED_SPAN_DAYS)))
    by_office: dict[tuple[str, str], list[Claim]] = {}
    for article in articles:
        if article.article_id in dates:
            for claim in claims_of(article, table, dates[article.article_id]):
                by_office.setdefault(claim.key, []).append(claim)
    reported: set[tuple[str, str, tuple[str, str]]] = set()
    for claims in by_office.values():
        claims.sort(key=lambda c: c.dates[0])
        for i, a in enumerate(claims):
            for b in claims[i + 1:]:
                if (b.dates[0] - a.dates[1]).days > max_days:
                    break
                if (a.article.article_id == b.article.article_id or _gap(a.dates, b.dates) > max_days
                        or not incompatible(a, b) or (claim_true(a, table) and claim_true(b, table))):
                    continue
                for mine, other in ((a, b), (b, a)):
                    pair = (mine.article.article_id, other.article.article_id, mine.key)
                    if pair in reported:
                        continue
                    reported.add(pair)
                    message = (f"This article says {_describe(mine, table)} ({_when(mine)}); article "
                               f"{other.article.article_id} says {_describe(other, table)} ({_when(other)}).")
                    yield span_finding(mine.article, CHECK, mine.start, mine.end, message,
                                       related_article_id=other.article.article_id, data={
                                           "office": mine.office, "country": mine.country,
                                           "person_id": mine.person_id, "status": mine.status,
                                           "other_person_id": other.person_id,
                                           "other_status": other.status})
