"""Articles for the consistency tests: real sentences with a chosen publication date."""

from __future__ import annotations

from datetime import date

from audit.model import Article


def article(text: str, published: date | None = None, article_id: str = "a1") -> Article:
    return Article(
        article_id=article_id, source_uri=f"{article_id}.txt", source_sha256="", title=None,
        published=published, published_from="metadata" if published else "none", publisher=None,
        url=None, language="en", language_prob=None, text=text, content_sha256="",
    )


def spans(findings: list) -> list[tuple[str, str]]:
    """(check, excerpt) of each finding, to assert exact spans."""
    return [(f.check, f.excerpt) for f in findings]
