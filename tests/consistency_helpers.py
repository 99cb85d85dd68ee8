"""Articles for the consistency tests: real sentences with a chosen publication date."""

from __future__ import annotations

from datetime import date

from factories import make_article

from audit.model import Article


def article(text: str, published: date | None = None, article_id: str = "a1") -> Article:
    return make_article(text, article_id=article_id, published=published)


def spans(findings: list) -> list[tuple[str, str]]:
    """(check, excerpt) of each finding, to assert exact spans."""
    return [(f.check, f.excerpt) for f in findings]


# A 2019 retrospective on 2008 (New Republic, 2019-12-23; hd-0204 of the multilingual pages):
# Rudd's title is read as present only by "declared", in a paragraph the text dates to 2008
# (precl.md, precen.md).
RETROSPECTIVE = (
    "With the 2008 financial crash and the Great Recession, the ideology of neoliberalism lost its force. "
    "The approach to politics, global trade, and social philosophy that defined an era led not to "
    "never-ending prosperity but utter disaster. “Laissez-faire is finished,” declared French President "
    "Nicolas Sarkozy. Federal Reserve Chairman Alan Greenspan admitted in testimony before Congress that "
    "his ideology was flawed. In an extraordinary statement, Australian Prime Minister Kevin Rudd declared "
    "that the crash “called into question the prevailing neoliberal economic orthodoxy of the past 30 years.”"
)
