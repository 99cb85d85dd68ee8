"""The report's data files: the article list and the article views, in bounded chunks.

The page loads them as `<script src="data/...js">` files that hand JSON to the report's
script (`AUDIT_LOAD(name, {...})`): a page opened from file:// cannot fetch() files in
Chromium, and a Content-Security-Policy of 'self' allows scripts beside the page. Every
value is data rendered with textContent, so a hostile title stays text.

At 100,000 articles the texts alone are about 300 MB, so the report cannot carry them
all (goal: under 60 MB in all). It carries each article's list row (id, title, a short
excerpt, facets); full text for the worst articles first, up to a budget; for the
others, the text around each finding's span; and says what it left out (every text is
in articles.parquet).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_BIT = {"error": 1, "warning": 2, "info": 4}
EXCERPT_CHARS = 100  # of the text, in the list (searchable)
PIECE_CHARS = 20_000  # an article's text shown whole up to this; longer ones in pieces
CONTEXT_CHARS = 300  # text kept either side of a span when the text is not shown whole
MAX_WINDOWS = 40  # span windows per article (the first ones; all spans stay numbered)
FULL_TEXT_BUDGET = 24_000_000  # characters of whole texts (and clean texts) in all
LIST_CHUNK_ROWS = 20_000  # list rows per file: the first page shows after the first file
VIEW_CHUNK_CHARS = 1_000_000  # article-view data per file, about


def plain(value: Any) -> Any:
    """None for null-likes (None, NaN, pandas NA): the report never prints 'nan'."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        return plain(value.item())
    return value


def text_of(value: Any) -> str:
    """A string for display: '' for null-likes."""
    value = plain(value)
    return "" if value is None else str(value)


def write_data_file(folder: Path, name: str, payload: Any) -> int:
    """data/NAME.js registering PAYLOAD; returns the bytes written."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str)
    # U+2028/2029 are valid in JSON and in ES2019 scripts; escaped anyway for older parsers.
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    data = f"AUDIT_LOAD({json.dumps(name)},{body});\n".encode()
    (folder / f"{name}.js").write_bytes(data)
    return len(data)


class Dictionary:
    """Strings coded as small integers (publishers, languages...): compact list rows."""

    def __init__(self) -> None:
        self.values: list[str] = []
        self._index: dict[str, int] = {}

    def code(self, value: Any) -> int:
        text = text_of(value)
        if not text:
            return -1
        if text not in self._index:
            self._index[text] = len(self.values)
            self.values.append(text)
        return self._index[text]


def windows(spans: Sequence[tuple[int, int]], length: int, context: int) -> list[tuple[int, int]]:
    """Merged [start, end) ranges of text around each span, at most MAX_WINDOWS."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        left, right = max(0, start - context), min(length, max(end, start) + context)
        if out and left <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], right))
        elif len(out) < MAX_WINDOWS:
            out.append((left, right))
    return out


def text_pieces(text: str, spans: Sequence[tuple[int, int]], whole: bool) -> list[list[Any]]:
    """[start, text] pieces to show: the whole text, or its head and the span windows."""
    if whole and len(text) <= PIECE_CHARS:
        return [[0, text]] if text else []
    ranges = windows(spans, len(text), CONTEXT_CHARS)
    if whole:  # a long text: its first piece, then the windows past it
        ranges = [(0, PIECE_CHARS)] + [(max(s, PIECE_CHARS), e) for s, e in ranges if e > PIECE_CHARS]
    return [[s, text[s:e]] for s, e in ranges if e > s]


def chunked(records: Iterator[tuple[int, dict[str, Any], int]], limit: int) -> Iterator[list[Any]]:
    """Groups of (index, record) whose sizes add up to about `limit`."""
    group: list[Any] = []
    size = 0
    for index, record, weight in records:
        group.append((index, record))
        size += weight
        if size >= limit:
            yield group
            group, size = [], 0
    if group:
        yield group
