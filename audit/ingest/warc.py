"""WARC inputs: a crawl's archive (Common Crawl, CC-News, a crawler's output), read as its pages.

CC-News, the news corpus most data teams start from, is published only as WARC files; a
crawl of one's own sources (wget --warc-file, Heritrix, Browsertrix) writes them too. Each
`response` record holding an HTML page is one article: its payload (HTTP's chunking and
compression undone by warcio) is decoded in the charset its HTTP header declares, else as
any input is (audit.ingest.charset), and its main text and metadata are extracted as an
`.html` file's (trafilatura); its url is the record's target, where the page was fetched.
The record id is the WARC-Record-ID (unique in a crawl, as Common Crawl's tools name a
record); `source_uri` names the file and the record's number in it (`#record=57`, counting
every WARC record from 1), `source_sha256` the payload's bytes.

Records that are no page are not articles and are passed over: requests, metadata,
warcinfo, revisits (no payload), responses that are not HTML (images, PDFs, robots.txt)
or not a success (redirects, 404 pages). A page with no main text is an unreadable record
(as an `.html` file's). Damage is bad input like any other: a record that is not WARC (a
cut or corrupted file) is one unreadable record naming its number, after the pages before
it; compressed data cut short (.warc.gz, as any compressed input) likewise.

A WET file (`.warc.wet.gz`: Common Crawl's text of its pages, where C4 and CCNet start) is
WARC too: each `conversion` record of plain text is an article as it is, nothing to
extract, with the language the crawl identified.

Extraction (~25 ms a page) is left to whoever takes a page (`RawPage`): the run's workers,
on every core, and the page cache (audit.ingest.page_cache) keeps what they extracted.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from audit.ingest.compressed import DamagedInput, input_stem, open_unbuffered
from audit.ingest.page_cache import page_key
from audit.ingest.readers import ENCODING, _unreadable, decode, extracted_page, no_text, sha256
from audit.model import RawRecord

PLAIN = "text/plain"  # a WET record's content type
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# what browsers read these labels as (the WHATWG Encoding Standard): a page declaring
# ISO-8859-1 or ASCII is read as windows-1252, whose extra letters (curly quotes, dashes,
# the euro sign) such pages hold
_AS_BROWSERS_READ = {"iso8859-1": "cp1252", "ascii": "cp1252"}


class RawPage:
    """A WARC page read but not yet extracted: `record()` extracts it (trafilatura, ~25 ms
    a page, forty times a JSONL record's whole audit). The run's workers call it, so a
    crawl's pages are extracted on every core (audit.detect.workers, as a rerun's JSONL
    lines are parsed there); its id and place are known before, from the record's headers."""

    __slots__ = ("content_type", "data", "record_id", "uri", "url")

    def __init__(self, uri: str, record_id: str | None, url: str | None, data: bytes, content_type: str) -> None:
        self.uri, self.record_id, self.url, self.data, self.content_type = uri, record_id, url, data, content_type

    def __repr__(self) -> str:
        return f"RawPage({self.uri!r}, {len(self.data)} bytes)"

    def record(self) -> RawRecord:
        return _article(self.uri, self.record_id, self.url, self.data, self.content_type)

    def cache_key(self) -> tuple[str, str]:
        """(what its record is kept under: audit.ingest.page_cache, its source_sha256)."""
        return page_key(self.data, self.content_type, self.url), sha256(self.data)


def read_pages(path: Path, deferred: bool = False) -> Iterator[RawRecord | RawPage]:
    """The WARC file's HTML pages, one record each (module doc); `deferred`: each page as a
    RawPage, extracted by whoever takes it."""
    from warcio.archiveiterator import ArchiveIterator

    number = pages = 0
    where = f"{path}#record="

    def damaged(at: int, reason: str) -> RawRecord:
        return _unreadable(f"{where}{at}", b"", f"{reason}: nothing read from record {at} on ({pages} page"
                                                f"{'s' if pages != 1 else ''} before it)")

    with _Quiet(open_unbuffered(path)) as fh:
        records = ArchiveIterator(fh, arc2warc=True)
        iterator = iter(records)
        while True:
            try:
                record = next(iterator)
            except StopIteration:
                break
            except Exception as exc:  # ArchiveLoadFailed, or warcio tripping on a cut header
                yield damaged(number + 1, fh.error_text or f"not a WARC record ({_first_line(exc)})")
                return
            number += 1
            if not record.rec_type or record.rec_headers.get_header("Content-Length") is None:
                # a version line alone, or headers cut short: every WARC record says its length
                yield damaged(number, fh.error_text or "the WARC file ends early (a truncated file)")
                return
            try:
                page = _page(record)
                if page is None:
                    _drain(record)
            except Exception as exc:  # a payload whose HTTP encoding does not decode
                page, bad = None, f"its HTTP payload does not decode ({_first_line(exc)})"
            else:
                bad = None
            if getattr(record.raw_stream, "limit", 0) > 0:  # its content ends before its length
                yield damaged(number, fh.error_text or "the WARC file ends early (a truncated file)")
                return
            if bad is not None:
                yield _unreadable(f"{where}{number}", b"", bad, _record_id(record))
            elif page is not None:
                pages += 1
                url = record.rec_headers.get_header("WARC-Target-URI") or None
                if page[1].startswith(PLAIN):  # text already: nothing to extract
                    yield _text(f"{where}{number}", _record_id(record), url, page[0],
                                record.rec_headers.get_header("WARC-Identified-Content-Language"))
                    continue
                raw = RawPage(f"{where}{number}", _record_id(record), url, *page)
                yield raw if deferred else raw.record()
        if records.next_line or fh.error_text or (not number and fh.seen_data):  # the file ends in a record's headers
            yield damaged(number + 1, fh.error_text or "the WARC file ends early (a truncated file)")
            return
    if not pages:
        yield _unreadable(str(path), b"", f"no HTML page or text in the WARC file ({number} records: requests, "
                                          "metadata, other content)" if number else "empty file, no records",
                          input_stem(path))


class _Quiet(io.RawIOBase):
    """A compressed input's stream for warcio, which reads ahead a block at a time: damaged
    data (DamagedInput) ends the stream instead of raising inside warcio's read, where the
    records decompressed before it would be lost with the block; `error_text` then says why
    the data ended, and read_pages names the record it fell in."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.error_text: str | None = None
        self.seen_data = False  # a byte other than white space read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.error_text is not None:
            return 0
        try:
            size = self._raw.readinto(buffer)  # type: ignore[attr-defined]
        except DamagedInput as exc:
            self.error_text = str(exc)
            return 0
        if not self.seen_data and size:
            self.seen_data = bool(bytes(buffer[:size]).strip())
        return size

    def close(self) -> None:
        self._raw.close()
        super().close()


def _page(record: Any) -> tuple[bytes, str] | None:
    """(payload, content type) of a record that holds an HTML page, else None."""
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not http.get_statuscode().startswith("2"):
            return None
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":  # a file archived as it is (wget's, a browser's capture)
        content_type = record.rec_headers.get_header("Content-Type") or ""
    elif record.rec_type == "conversion":  # a WET file's text, extracted by the crawl
        content_type = record.rec_headers.get_header("Content-Type") or ""
        return (record.content_stream().read(), content_type) if content_type.startswith(PLAIN) else None
    else:
        return None
    if content_type and "html" not in content_type.lower():
        return None
    data = record.content_stream().read()
    if not content_type and not data.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
        return None  # no type said: a page only when it opens as one
    return data, content_type


def _text(uri: str, record_id: str | None, url: str | None, data: bytes, languages: str | None) -> RawRecord:
    """A WET file's record: the crawl's text of a page (line by line), its url, the site as
    publisher, and the first of the languages the crawl identified (CLD2's, ISO 639-3:
    "eng,deu"; read as "en" at normalise). No publication date: the crawl's is no article's."""
    text, encoding, fault = decode(data)
    if text is None:
        return _unreadable(uri, data, "undecidable bytes: not UTF-8 and no codec reads them as text", record_id)
    if (empty := no_text(text, " in the WET record")) is not None:
        return _unreadable(uri, data, empty, record_id)
    host = (urlsplit(url).hostname or "") if url else ""
    found = {"url": url, "publisher": host.removeprefix("www.") or None,
             "language": (languages or "").split(",")[0].strip() or None, ENCODING: encoding}
    return RawRecord(source_uri=uri, source_sha256=sha256(data), record_id=record_id, text=text,
                     fields={k: v for k, v in found.items() if v}, fault=fault)


def _record_id(record: Any) -> str | None:
    """The WARC-Record-ID without its "<urn:uuid:" and ">"."""
    return (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:") or None


def _drain(record: Any) -> None:
    """Read a record that is no page to its end, a bounded piece at a time (a video's record
    may hold gigabytes), so that a file cut inside it is known."""
    while record.raw_stream.read(1 << 16):
        pass


def _article(uri: str, record_id: str | None, url: str | None, data: bytes, content_type: str) -> RawRecord:
    if not data.strip():
        return _unreadable(uri, data, "empty page (no payload)", record_id)
    declared = _declared(content_type, data)
    if declared is not None:
        (html, encoding), fault = declared, None
    else:
        decoded, encoding, fault = decode(data)
        if decoded is None:
            return _unreadable(uri, data, "undecidable bytes: not UTF-8 and no codec reads them as text", record_id)
        html = decoded
    return extracted_page(uri, record_id, data, html, encoding, fault, url=url)


def _declared(content_type: str, data: bytes) -> tuple[str, str] | None:
    """(text, codec) of the payload in the charset its HTTP header declares, when it
    declares one Python knows and the bytes decode in it; else None (the bytes are then
    read as any input's). UTF-8 first: a page declared ISO-8859-1 that is UTF-8 is common."""
    match = _CHARSET.search(content_type)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1)).name
    except LookupError:
        return None
    for codec in dict.fromkeys(("utf-8", _AS_BROWSERS_READ.get(name, name))):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
