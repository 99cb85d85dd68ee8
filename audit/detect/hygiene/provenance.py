"""provenance.missing: an article without the provenance the suite requires.

Which fields are required is the suite's choice (`params.required`), since an archive
may need a publisher where a training set needs only a source.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding

DEFAULT_REQUIRED = ("published", "source_uri")
_LABELS = {
    "published": "publication date",
    "publisher": "publisher",
    "source_uri": "source",
    "url": "URL",
    "title": "title",
}


def find_missing_provenance(
    articles: Sequence[Article], params: Mapping[str, Any]
) -> Iterator[Finding]:
    """One whole-article finding per article naming every required field it lacks."""
    required = tuple(params.get("required", DEFAULT_REQUIRED))
    for article in articles:
        missing = [name for name in required if not getattr(article, name, None)]
        if missing:
            labels = ", ".join(_LABELS.get(name, name) for name in missing)
            yield Finding(
                article_id=article.article_id,
                check="provenance.missing",
                message=f"No {labels} in the record's metadata or its text.",
                data={"missing": missing},
            )
