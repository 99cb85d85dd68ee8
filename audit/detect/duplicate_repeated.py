"""duplicate.repeated: a sentence or paragraph repeated inside one article.

Stub registered in audit.detect.registry; the detector itself is issue 3's work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_repeated_sentences(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())
