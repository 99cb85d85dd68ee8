"""Pages extracted once: a nightly run over a crawl's WARC files (or a folder of .html) that
extracted every page again spent ~25 ms a page on pages it had read the night before.

A page's record (its main text and metadata, trafilatura's) depends only on its bytes and
what the reader is told with them (the HTTP content type, the fetched url, a crawl's cut),
so it is kept under the digest of those (`RawPage.cache_key`, `RawHtml.cache_key`) in a
SQLite file of the cache folder: a growing corpus adds rows; nothing is rewritten whole.
The file's name carries what extraction depends on (the versions of trafilatura and the
libraries it reads pages with, the digest of our reading code): change one and extraction
starts afresh. Pages that gave no text are not kept (their unreadable record carries the
page's bytes for the quarantine; rare).

A cache is never worth a failed run or another run's loss: a file locked by a run saving
into it, or unreadable, is left as it is and this run neither reads nor writes it; a damaged
one is set aside (`.damaged`) and a new one begun; rows that cannot be written are
extracted again next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from audit.model import RawRecord

# what makes a page's record: our reading code, and trafilatura with what it reads pages with
_READING_CODE = ("warc.py", "readers.py", "charset.py", "page_cache.py")
_EXTRACTORS = ("trafilatura", "htmldate", "justext", "lxml", "charset-normalizer", "courlan")
SAVE_EVERY = 500  # pages kept in memory before they are written (a killed run keeps those before)
WAIT_SECONDS = 2.0  # for another run's write to end before this one reads or writes without it


@dataclass
class PageCache:
    """The pages extracted by earlier runs (`path`: its SQLite file, None: nothing kept)."""

    path: Path | None
    added: dict[str, tuple[str, str, str | None]] = field(default_factory=dict)  # not yet written
    _db: sqlite3.Connection | None = None

    def look(self, item: Any) -> tuple[Any, str | None]:
        """(the item's record when kept, else the item itself; the key to keep it under when
        it is extracted, else None). `item`: a RawPage or RawHtml (`cache_key`)."""
        if self.path is None:
            return item, None
        keyed = item.cache_key()
        if keyed is None:  # unreadable: its reader says why, where it is made
            return item, None
        key, source_sha256 = keyed
        known = self._get(key, item.uri, item.record_id, source_sha256)
        return (known, None) if known is not None else (item, key)

    def _get(self, key: str, uri: str, record_id: str | None, source_sha256: str) -> RawRecord | None:
        """The page's record as extracted before, placed at `uri` with `record_id`, or None."""
        row = self.added.get(key)
        if row is None and self._db is not None:
            try:
                row = self._db.execute("SELECT text, fields, fault FROM pages WHERE key = ?", (key,)).fetchone()
            except sqlite3.DatabaseError as exc:  # locked: only a slower run; damaged deeper than its
                row = None  # header: set aside, and this run's pages go to a new file
                if _damaged(exc) and self.path is not None:
                    self._let_go()
                    _set_aside(self.path)
        if row is None:
            return None
        text, fields, fault = row
        return RawRecord(source_uri=uri, source_sha256=source_sha256, record_id=record_id, text=text,
                         fields=json.loads(fields), fault=fault)

    def put(self, key: str, record: RawRecord) -> None:
        """Keep a page's record just extracted (not an unreadable one), written by SAVE_EVERY."""
        if self.path is not None and record.error is None:
            self.added[key] = (record.text, json.dumps(record.fields, ensure_ascii=False), record.fault)
            if len(self.added) >= SAVE_EVERY:
                self.save()

    def save(self) -> None:
        """Write the pages added (one transaction: a killed run adds none of them, breaks nothing)."""
        if self.path is None or not self.added:
            return
        rows = [(key, *row) for key, row in self.added.items()]
        self.added = {}  # written or not, not held: extracted again next time if not
        try:
            db = self._db or _connect(self.path)
            self._db = db
            with db:
                db.executemany("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?)", rows)
        except (sqlite3.Error, OSError):
            return

    def close(self) -> None:
        """Write what is left and let the file go."""
        self.save()
        self._let_go()

    def _let_go(self) -> None:
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
        except sqlite3.DatabaseError as exc:
            if not _damaged(exc):  # locked by a run saving into it: read and write none of it
                cache.path = None
            else:  # kept aside for whoever wants to look at it; a new file is written
                _set_aside(path)
        except OSError:  # unreadable: read and write none of it
            cache.path = None
    return cache


def _damaged(exc: sqlite3.DatabaseError) -> bool:
    return "not a database" in str(exc) or "malformed" in str(exc)


def _set_aside(path: Path) -> None:
    with contextlib.suppress(OSError):  # a read-only folder: the run goes on without the cache's pages
        path.replace(path.with_name(path.name + ".damaged"))


def _connect(path: Path) -> sqlite3.Connection:
    """The file's connection, its table made if new (raises sqlite3.Error when it is no database,
    the connection closed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, timeout=WAIT_SECONDS, check_same_thread=False)
    try:
        db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT PRIMARY KEY, text TEXT, fields TEXT, fault TEXT)")
    except sqlite3.Error:
        db.close()
        raise
    return db


def _fingerprint() -> str:
    """What the records depend on, short: the extractors' versions and our reading code's digest."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in _READING_CODE:
        digest.update((here / name).read_bytes())
    for package in _EXTRACTORS:
        try:
            digest.update(f"{package}={version(package)};".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    return f"trafilatura{version('trafilatura')}-{digest.hexdigest()[:12]}"


def page_key(*parts: bytes | str | None) -> str:
    """The digest a page's record is kept under: its bytes and what its reader is told with them."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part or b""
        digest.update(len(data).to_bytes(8, "little") + data)
    return digest.hexdigest()
