"""language.unexpected: the article is not in one of the suite's expected languages.

The language itself is found once, at normalisation (audit.normalise.language); an
article too short for a verdict has language None and is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_unexpected_language(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    expected = {str(code).lower() for code in params.get("expected_languages", ["en"])}
    min_probability = float(params.get("min_probability", 0.0))
    for article in articles:
        if article.language is None or article.language in expected:
            continue
        if article.language_prob is not None and article.language_prob < min_probability:
            continue
        shown = f" (probability {article.language_prob:.2f})" if article.language_prob else ""
        yield Finding(
            article_id=article.article_id,
            check="language.unexpected",
            message=(
                f"Written in {article.language!r}{shown}; the suite expects "
                f"{', '.join(sorted(expected))}."
            ),
            data={"language": article.language, "probability": article.language_prob},
        )
