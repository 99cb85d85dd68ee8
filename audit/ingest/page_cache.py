"""Pages extracted once: a nightly run over a crawl's WARC files (or a folder of .html) that
extracted every page again spent ~25 ms a page on pages it had read the night before.

A page's record (its main text and metadata, trafilatura's) depends only on its bytes and
what the reader is told with them (the HTTP content type, the fetched url), so it is kept
under the digest of those (`RawPage.key`, `RawHtml.key`) in a SQLite file of the cache
folder: a growing corpus adds rows; nothing is rewritten whole. The file's name carries
what extraction depends on (trafilatura's and htmldate's versions, the digest of our
reading code): change one and extraction starts afresh. Pages that gave no text are not
kept (their unreadable record carries the page's bytes for the quarantine; rare).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

from audit.model import RawRecord

_READING_CODE = ("warc.py", "readers.py", "charset.py")  # what makes a page's record, beside trafilatura


@dataclass
class PageCache:
    path: Path | None
    added: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # to write at save()
    _db: sqlite3.Connection | None = None

    def get(self, key: str, uri: str, record_id: str | None, source_sha256: str) -> RawRecord | None:
        """The page's record as extracted before, placed at `uri` with `record_id`, or None."""
        row = self.added.get(key)
        if row is None and self._db is not None:
            try:
                row = self._db.execute("SELECT text, fields, fault FROM pages WHERE key = ?", (key,)).fetchone()
            except sqlite3.Error:  # a damaged cache is only a slower run
                row = None
        if row is None:
            return None
        text, fields, fault = row
        return RawRecord(source_uri=uri, source_sha256=source_sha256, record_id=record_id, text=text,
                         fields=json.loads(fields), fault=fault)

    def look(self, item: Any) -> tuple[Any, str | None]:
        """(the item's record when kept, else the item itself; the key to keep it under when
        it is extracted, else None). `item`: a RawPage or RawHtml (`cache_key`)."""
        if self.path is None:
            return item, None
        keyed = item.cache_key()
        if keyed is None:  # unreadable: its reader says why, where it is made
            return item, None
        key, source_sha256 = keyed
        known = self.get(key, item.uri, item.record_id, source_sha256)
        return (known, None) if known is not None else (item, key)

    def put(self, key: str, record: RawRecord) -> None:
        if self.path is not None and record.error is None:
            self.added[key] = (record.text, json.dumps(record.fields, ensure_ascii=False), record.fault)

    def save(self) -> None:
        """Add this run's pages (one transaction: a killed run adds none, breaks nothing)."""
        if self.path is None or not self.added:
            return
        try:
            db = self._db or _connect(self.path)
            with db:
                db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)",
                               [(key, *row) for key, row in self.added.items()])
        except sqlite3.Error:
            return  # not kept: the next run extracts them again
        self.added = {}

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


def open_page_cache(folder: str | Path | None) -> PageCache:
    """The cache kept in `folder`, or none (nothing kept) when folder is None."""
    if folder is None:
        return PageCache(None)
    path = Path(folder) / f"pages-{_fingerprint()}.sqlite"
    cache = PageCache(path)
    if path.is_file():
        try:
            cache._db = _connect(path)
        except sqlite3.Error:  # damaged: extracted again, and kept anew
            path.unlink(missing_ok=True)
    return cache


def _connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, check_same_thread=False)
    db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, text TEXT, fields TEXT, fault TEXT)")
    return db


def _fingerprint() -> str:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _READING_CODE:
        digest.update((here / name).read_bytes())
    return f"trafilatura{version('trafilatura')}-htmldate{version('htmldate')}-{digest.hexdigest()[:12]}"


def page_key(*parts: bytes | str | None) -> str:
    """The digest a page's record is kept under: its bytes and what its reader is told with them."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part or b""
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()
