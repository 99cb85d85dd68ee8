"""One way for tests to make an Article from text (detector tests need no ingest)."""

from __future__ import annotations

from datetime import date

from audit.model import Article

# A paragraph of real-shaped English news text, shared by the whole-run tests.
TEXT = (
    "Putin countered by offering direct talks in Istanbul with a Ukrainian delegation. "
    "Zelensky vowed to attend personally and called on Putin to do likewise, though he "
    "declined. Putin had not offered a face-to-face meeting with Zelensky, officials said."
)


def make_article(
    text: str,
    *,
    article_id: str = "a1",
    published: date | None = None,
    language: str | None = "en",
    publisher: str | None = None,
    content_sha256: str = "",
) -> Article:
    return Article(
        article_id=article_id, source_uri=f"{article_id}.txt", source_sha256="", title=None,
        published=published, published_from="metadata" if published else "none",
        publisher=publisher, url=None, language=language, language_prob=None, text=text,
        content_sha256=content_sha256,
    )
