"""metadata.leak: bylines, date stamps and photo credits left in the body.

Stub registered in audit.detect.registry; the detector itself is issue 5's work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_metadata_leaks(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())
