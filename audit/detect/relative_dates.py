"""consistency.relative_date: relative dates that contradict the publication date.

Stub registered in audit.detect.registry; the detector itself is issue 4's work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_relative_date_conflicts(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())
