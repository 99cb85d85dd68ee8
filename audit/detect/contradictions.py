"""consistency.contradiction: two articles stating incompatible status for the same time.

Stub registered in audit.detect.registry; the detector itself is issue 4's work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_contradictions(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())
