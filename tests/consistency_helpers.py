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
