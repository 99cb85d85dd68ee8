"""boilerplate.line: site chrome lines left in the text.

Stub registered in audit.detect.registry; the detector itself is issue 5's work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from audit.model import Article, Finding


def find_boilerplate_lines(articles: Sequence[Article], params: Mapping[str, Any]) -> Iterator[Finding]:
    return iter(())
