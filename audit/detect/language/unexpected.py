"""language.unexpected: the article is not in one of the suite's expected languages.

The language itself is found once, at normalisation (audit.normalise.language); an
article too short for a verdict has language None and is not flagged, and neither is a
table of figures (language.mixed's `table_of_figures`: Reuters 1987 earnings tables, "Shr 68
cts vs 78 cts Net 2,432,179 vs ...", came out Swedish with probability 1.0).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.detect.language.mixed import MAX_FIGURE_SHARE, table_of_figures
from audit.model import Article, Finding
from audit.normalise.language import MAX_CHARS, cjk_share, suite_languages

BILINGUAL_SHARE = 0.2  # Chinese characters or kana this share of a text's letters (each once): say so


def _second_script(article: Article) -> str:
    """", though 45% of its letters are Chinese characters or kana" for an article called a
    language of another script that holds so many (Sina's English lessons: each English
    sentence with its translation, "en" 1.00 by langdetect; a second reader marked 5 of 6
    "partly": bilingual, not English)."""
    if article.language in ("zh", "ja", "ko") or article.text.isascii():
        return ""
    counted = cjk_share(article.text[:MAX_CHARS], weight=1)  # each character counted once
    if counted is None or counted[0] < BILINGUAL_SHARE:
        return ""
    return f", though {counted[0]:.0%} of its letters are Chinese characters or kana (a bilingual text?)"


def find_unexpected_language(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    expected = suite_languages(params.get("expected_languages", ["en"]))
    min_probability = float(params.get("min_probability", 0.0))
    max_figures = float(params.get("max_figure_share", MAX_FIGURE_SHARE))
    for article in articles:
        if article.language is None or article.language in expected:
            continue
        if table_of_figures(article.text[:MAX_CHARS], max_figures):
            continue  # the verdict is langdetect's guess at abbreviations between numbers
        if article.language_prob is not None and article.language_prob < min_probability:
            continue
        shown = f" (probability {article.language_prob:.2f})" if article.language_prob else ""
        yield Finding(
            article_id=article.article_id,
            check="language.unexpected",
            message=(
                f"Written in {article.language!r}{shown}{_second_script(article)}; the suite expects "
                f"{', '.join(sorted(expected))}."
            ),
            data={"language": article.language, "probability": article.language_prob},
        )
