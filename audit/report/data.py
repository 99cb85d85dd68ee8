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

import base64
import gzip
import json
import math
import zlib
from collections.abc import Sequence
from itertools import chain
from pathlib import Path
from typing import Any

try:  # optional: the same bytes as json's, 3 to 4 times faster (encode_body)
    import orjson
except ImportError:  # pragma: no cover - json writes them
    orjson = None
try:  # optional: gzip at a quarter of zlib's CPU, the same format (write_body; pyproject)
    from isal.igzip import compress as gzip_compress
except ImportError:  # pragma: no cover - zlib writes them
    from gzip import compress as gzip_compress

SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_BIT = {"error": 1, "warning": 2, "info": 4}
EXCERPT_CHARS = 100  # of the text, in the list (searchable)
PIECE_CHARS = 20_000  # an article's text shown whole up to this; longer ones in pieces
CONTEXT_CHARS = 150  # text kept either side of a span when the text is not shown whole
MAX_WINDOWS = 40  # span windows per article (the first ones; all spans stay numbered)
# Article views in all, in characters before packing (measured: 0.48 file bytes a character,
# so about 41 MB): worst articles first, their findings and span windows, then whole texts.
VIEW_BUDGET_CHARS = 85_000_000
EVIDENCE_SHARE = 0.65  # of it for findings and span windows; whole texts get the rest
LIST_FIRST_ROWS = 5_000  # rows in the first list file: the first page shows once it is in
LIST_CHUNK_ROWS = 25_000  # rows in each later list file
VIEW_CHUNK_CHARS = 1_500_000  # article-view data per file, about (before packing)


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
    if type(value) is str:  # most values: what plain() and str() would return anyway
        return value
    value = plain(value)
    return "" if value is None else str(value)


def write_data_file(folder: Path, name: str, payload: Any, *, packed: bool = False) -> int:
    """data/NAME.js registering PAYLOAD; returns the bytes written.

    packed: the JSON gzipped and base64-encoded (text shrinks about 2.6 times at level 1, base64 adds a
    third back); the page inflates it with the browser's DecompressionStream. Level 1, not 3:
    at 20,000 articles 1.3 s of CPU instead of 2.1 s for 7% more bytes (report-speed.md).
    By ISA-L's deflate when python-isal is there (its level 1: a quarter of zlib's CPU, 2%
    fewer bytes at 100,000 articles), else zlib's.
    """
    return write_body(folder, name, encode_body(payload), packed=packed)


def encode_body(payload: Any, plain: bool | None = None) -> bytes:
    """A data file's JSON in UTF-8: json.dumps(ensure_ascii=False, separators=(",", ":"),
    default=str)'s bytes. This is the part that holds the GIL (see write_body): at 100,000
    articles about 127 M characters, 1.7 s of json.dumps and UTF-8 encoding, 0.5 s by
    orjson, whose bytes are the same for the values `orjson_plain` accepts (floats aside,
    orjson writes strings, ints, lists and dicts as json does: tests/test_report_json.py).
    `plain`: orjson_plain(payload) when the caller knows it (None: looked at here).
    What orjson refuses (lone surrogates, ints past 64 bits, keys that are not str) falls
    back to json, which gives its own answer or error as before."""
    if orjson is not None and (orjson_plain(payload) if plain is None else plain):
        try:
            return orjson.dumps(payload)
        except TypeError:
            pass
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), default=str).encode("utf-8")


def encode_members(values: list[Any], keys: list[Any], plain: bool | None = None) -> list[bytes]:
    """`"key":value` for each pair, as encode_body writes the members of a JSON object:
    encode_body({keys[i]: values[i] for i in chosen}) is b"{" + b",".join(their members)
    + b"}" (chosen: distinct keys, in that order). orjson writes them all, in the order
    given, when the keys are str and the values all orjson_plain (one look at them all);
    else each member is encode_body's of its own one-member object. `plain`:
    orjson_plain(values) when the caller knows it (None: looked at here)."""
    if orjson is not None and set(map(type, keys)) <= {str} and (orjson_plain(values) if plain is None else plain):
        try:
            return list(map(b":".join, zip(map(orjson.dumps, keys), map(orjson.dumps, values))))
        except TypeError:  # one of them has what orjson refuses: each alone below
            pass
    return [encode_body({key: value})[1:-1] for key, value in zip(keys, values, strict=True)]


_ATOMS = frozenset({str, int, bool, type(None)})  # written alike by json and orjson
_INNER = frozenset({float, list, tuple, dict})  # looked into (a float: its range)
_KNOWN = _ATOMS | _INNER
_DEPTH = 255  # orjson's limit of nested containers
_UNSHARED_FROM = 8  # depth from which a container met twice means no (a report's payloads are 6 deep)


def orjson_plain(value: Any) -> bool:
    """Whether orjson writes `value` as json.dumps does: only exact str, int, bool, None,
    list, tuple and dict, and floats that json writes without an exponent (json: repr,
    1e-05 and 1e+16; orjson: 0.00001 and 1e16; NaN and infinities: null). Anything else
    (a datetime, a dataclass, an Enum, numpy's scalars) json gives to `default=str`,
    orjson writes its own way: json then writes the payload.

    Looked at one depth at a time, the values of all its containers at once: C's loops
    (chain, map, set) and one comprehension over them, not a Python loop a container.
    Past orjson's depth, or when a container deeper than _UNSHARED_FROM is met twice (a
    cycle, or one shared), the answer is no: a cycle is found without making ever wider
    depths of its containers."""
    level: list[Any] = [[value]]  # the value as the one item of a list: its depth 0
    seen: set[int] = set()
    for depth in range(_DEPTH + 2):
        if depth >= _UNSHARED_FROM:  # (not above: 0.1 s at 100,000 articles' views)
            ids = set(map(id, level))
            if len(ids) < len(level) or not seen.isdisjoint(ids):
                return False
            seen |= ids
        dicts = [c for c in level if type(c) is dict]
        seqs = [c for c in level if type(c) is not dict] if len(dicts) < len(level) else []
        values = list(chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(seqs)))
        kinds = set(map(type, values))
        if not kinds <= _KNOWN:
            return False
        if kinds <= _ATOMS:
            return True
        level = [x for x in values if type(x) in _INNER]
        if float in kinds:
            if not all(1e-4 <= abs(x) < 1e16 or x == 0 for x in level if type(x) is float):
                return False
            level = [x for x in level if type(x) is not float]
    return False


def write_body(folder: Path, name: str, body: bytes, *, packed: bool = False) -> int:
    """data/NAME.js from encode_body's JSON. gzip_compress (ISA-L's or zlib's) releases
    the GIL while it compresses, so a thread can pack and write one file while the caller
    encodes the next."""
    if packed:
        blob = base64.b64encode(gzip_compress(body, compresslevel=1, mtime=0))
        data = b"AUDIT_LOAD(" + json.dumps(name).encode() + b',"' + blob + b'",1);\n'
    else:
        # U+2028/2029 are valid in JSON and in ES2019 scripts; escaped anyway for older parsers.
        body = body.replace("\u2028".encode(), b"\\u2028").replace("\u2029".encode(), b"\\u2029")
        data = b"AUDIT_LOAD(" + json.dumps(name).encode() + b"," + body + b");\n"
    (folder / f"{name}.js").write_bytes(data)
    return len(data)


def read_data_file(path: Path) -> Any:
    """The payload of a data file written by `write_data_file` (unpacked): for tests and tools."""
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition(",")
    if not head.startswith("AUDIT_LOAD(") or not rest.endswith(");\n"):
        raise ValueError(f"{path}: not a report data file")
    body = rest[: -len(");\n")]
    if body.endswith(",1"):
        return json.loads(gzip.decompress(base64.b64decode(json.loads(body[:-2]))))
    return json.loads(body)


def bucket(article_id: str, buckets: int) -> int:
    """The view file of an article: CRC-32 of its UTF-8 id (report.js computes the same)."""
    return zlib.crc32(article_id.encode("utf-8")) % buckets


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

    def codes(self, values: Sequence[Any]) -> list[int]:
        """`[self.code(v) for v in values]`, a string already coded looked up directly."""
        index, code = self._index, self.code
        return [index[v] if v in index else code(v) for v in values]


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
