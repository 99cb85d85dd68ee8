"""language.mixed: a passage in another language inside an article.

Stub registered in audit.detect.registry; the detector itself is issue 6's work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_mixed_language(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())
