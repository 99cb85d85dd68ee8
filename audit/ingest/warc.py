"""WARC inputs: a crawl's archive (Common Crawl, CC-News, a crawler's output), read as its pages.

CC-News, the news corpus most data teams start from, is published only as WARC files; a
crawl of one's own sources (wget --warc-file, Heritrix, Browsertrix) writes them too. Each
`response` record holding an HTML page is one article: its payload (HTTP's chunking and
compression undone by warcio) is decoded as browsers would (the charset its HTTP header
declares, else its <meta>'s, else as any input is: readers.decode_page), and its main text and metadata are extracted as an
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

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from audit.ingest.compressed import DamagedInput, input_stem, open_unbuffered
from audit.ingest.page_cache import page_key
from audit.ingest.readers import (
    ENCODING,
    UNDECIDABLE,
    _unreadable,
    decode,
    decode_page,
    extracted_page,
    no_text,
    sha256,
)
from audit.model import RawRecord

PLAIN = "text/plain"  # a WET record's content type
TRUNCATED = "the WARC file ends early (a truncated file)"
SNIFF_BYTES = 512  # of an untyped payload read to tell a page (the rest only if it is one)
# a page's opening within them, after a BOM, white space, a comment or an XML declaration
_OPENS_A_PAGE = re.compile(rb"<(?:!doctype\s+html|html)[\s>]", re.IGNORECASE)


@dataclass(frozen=True)
class Damage:
    """Why a WARC file cannot be read on from a record: read_pages stops there."""

    reason: str


class RawPage:
    """A WARC page read but not yet extracted: `record()` extracts it (trafilatura, ~25 ms
    a page, forty times a JSONL record's whole audit). The run's workers call it, so a
    crawl's pages are extracted on every core (audit.detect.workers, as a rerun's JSONL
    lines are parsed there); its id and place are known before, from the record's headers."""

    __slots__ = ("content_type", "cut", "data", "record_id", "uri", "url")

    def __init__(self, uri: str, record_id: str | None, url: str | None, data: bytes, content_type: str,
                 cut: str | None = None) -> None:
        self.uri, self.record_id, self.url, self.data = uri, record_id, url, data
        self.content_type, self.cut = content_type, cut  # cut: the crawl kept part of it (a fault)

    def __repr__(self) -> str:
        return f"RawPage({self.uri!r}, {len(self.data)} bytes)"

    def record(self) -> RawRecord:
        return _article(self.uri, self.record_id, self.url, self.data, self.content_type, self.cut)

    def cache_key(self) -> tuple[str, str]:
        """(what its record is kept under: audit.ingest.page_cache, its source_sha256)."""
        return page_key(self.data, self.content_type, self.url, self.cut), sha256(self.data)


def read_pages(path: Path, deferred: bool = False) -> Iterator[RawRecord | RawPage]:
    """The WARC file's HTML pages and texts, one record each (module doc); `deferred`: each
    page as a RawPage, extracted by whoever takes it."""
    from warcio.archiveiterator import ArchiveIterator

    number = pages = 0
    where = f"{path}#record="
    with _Quiet(open_unbuffered(path)) as fh:
        records = ArchiveIterator(fh)  # WARC alone: its ARC mode read a stray line of 5 words as a record
        for number, record in enumerate(_records(records), start=1):
            made = record if isinstance(record, Damage) else _made(f"{where}{number}", record, deferred)
            if isinstance(made, Damage):
                yield _damaged(where, number, fh.error_text or made.reason, pages)
                return
            if made is not None:
                pages += 1
                yield made
        if records.next_line or fh.error_text or (not number and fh.seen_data):  # ends in a record's headers
            yield _damaged(where, number + 1, fh.error_text or TRUNCATED, pages)
            return
    if not pages:
        yield _unreadable(str(path), b"", f"no HTML page or text in the WARC file ({_records_said(number)}: "
                                          "requests, metadata, other content)" if number else "empty file, no records",
                          input_stem(path))


def _records(records: Any) -> Iterator[Any]:
    """warcio's records, then a Damage if it raises (ArchiveLoadFailed; an AttributeError on a
    header cut short), after which nothing more is read."""
    iterator = iter(records)
    while True:
        try:
            record = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # ArchiveLoadFailed says what it read; warcio's own slips say nothing
            said = _first_line(exc) if type(exc).__name__ == "ArchiveLoadFailed" else "its headers are damaged"
            yield Damage(f"not a WARC record ({said})")
            return
        yield record


def _made(uri: str, record: Any, deferred: bool) -> RawRecord | RawPage | Damage | None:
    """What one WARC record gives: a page (a RawPage when `deferred`), a WET text, an
    unreadable page, nothing (no page), or the Damage that stops the file."""
    length = record.rec_headers.get_header("Content-Length")
    if not record.rec_type or length is None or not length.strip().isdigit():
        # a version line alone, headers cut short, a length that is no number (read as 0 by
        # warcio, which then took the page's bytes for the next record): no record can follow
        return Damage("a record without its Content-Length (a truncated or damaged file)" if length is None
                      else f"a record whose Content-Length is no length ({length!r}: a truncated or damaged file)")
    try:
        page = _page(record)
        bad = None
    except Exception as exc:  # a payload whose HTTP encoding does not decode
        page, bad = None, f"its HTTP payload does not decode ({_first_line(exc)})"
    if getattr(record.raw_stream, "limit", 0) > 0:  # its content ends before its length
        return Damage(TRUNCATED)
    record_id = _record_id(record)
    if bad is not None:
        return _unreadable(uri, b"", bad, record_id)
    if page is None:
        return None
    data, content_type = page
    url = record.rec_headers.get_header("WARC-Target-URI") or None
    if content_type.startswith(PLAIN):  # text already: nothing to extract
        return _text(uri, record_id, url, data, record.rec_headers.get_header("WARC-Identified-Content-Language"))
    truncated = record.rec_headers.get_header("WARC-Truncated")
    cut = (f"the crawl kept only the first {len(data):,} bytes of the page (WARC-Truncated: {truncated})"
           if truncated else None)
    raw = RawPage(uri, record_id, url, data, content_type, cut)
    return raw if deferred else raw.record()


def _damaged(where: str, at: int, reason: str, pages: int) -> RawRecord:
    """The one unreadable record that stands for the file from record `at` on."""
    return _unreadable(f"{where}{at}", b"", f"{reason}: nothing read from record {at} on ({pages} page"
                                            f"{'s' if pages != 1 else ''} before it)")


def _records_said(number: int) -> str:
    return f"{number} record{'s' if number != 1 else ''}"


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
    """(payload, content type) of a record that holds an HTML page or a WET text, else None
    (the record then drained). A payload whose Content-Encoding stops decoding part way
    (gzip cut short or damaged: warcio says so on stderr and ends the data) raises."""
    if record.rec_type == "conversion":  # a WET file's text (and only there: a crawl's
        content_type = record.rec_headers.get_header("Content-Type") or ""  # robots.txt is none)
        return (record.content_stream().read(), content_type) if content_type.startswith(PLAIN) else _drained(record)
    if record.rec_type == "response":
        http = record.http_headers
        if http is None or not http.get_statuscode().startswith("2"):
            return _drained(record)
        content_type = http.get_header("Content-Type") or ""
    elif record.rec_type == "resource":  # a file archived as it is (wget's, a browser's capture)
        content_type = record.rec_headers.get_header("Content-Type") or ""
    else:
        return _drained(record)
    if content_type and "html" not in content_type.lower():
        return _drained(record)
    stream = record.content_stream()
    data = stream.read(SNIFF_BYTES)
    if not content_type and not _OPENS_A_PAGE.search(data):
        return _drained(record)  # no type said: a page only when it opens as one
    data += stream.read()
    decompressor = getattr(stream, "decompressor", None)
    if decompressor is not None and getattr(decompressor, "eof", True) is False:
        raise ValueError("its Content-Encoding data is damaged or cut short")
    encoding = (record.http_headers.get_header("Content-Encoding") or "") if record.http_headers else ""
    if "gzip" in encoding.lower() and data[:2] == b"\x1f\x8b":  # warcio gave up at the first block
        raise ValueError("its Content-Encoding data is damaged")
    return data, content_type


def _drained(record: Any) -> None:
    """Read a record that is no page to its end, a bounded piece at a time (a video's record
    may hold gigabytes), so that a file cut inside it is known; None."""
    while record.raw_stream.read(1 << 16):
        pass


def _record_id(record: Any) -> str | None:
    """The WARC-Record-ID without its "<urn:uuid:" and ">"."""
    return (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:") or None


def _article(uri: str, record_id: str | None, url: str | None, data: bytes, content_type: str,
             cut: str | None = None) -> RawRecord:
    """A page's record: decoded as browsers would (readers.decode_page), then extracted.
    `cut`: what says the crawl kept only part of the page (its fault)."""
    if not data.strip():
        return _unreadable(uri, data, "empty page (no payload)", record_id)
    html, encoding, fault = decode_page(data, content_type)
    if html is None:
        return _unreadable(uri, data, UNDECIDABLE, record_id)
    record = extracted_page(uri, record_id, data, html, encoding, fault, url=url)
    if cut is None or record.error:
        return record
    return replace(record, fault=f"{record.fault}; {cut}" if record.fault else cut)


def _text(uri: str, record_id: str | None, url: str | None, data: bytes, languages: str | None) -> RawRecord:
    """A WET file's record: the crawl's text of a page (line by line), its url, the site as
    publisher, and the first of the languages the crawl identified (CLD2's, ISO 639-3:
    "eng,deu"; read as "en" at normalise). No publication date: the crawl's is no article's."""
    text, encoding, fault = decode(data)
    if text is None:
        return _unreadable(uri, data, UNDECIDABLE, record_id)
    if (empty := no_text(text, " in the WET record")) is not None:
        return _unreadable(uri, data, empty, record_id)
    host = (urlsplit(url).hostname or "") if url else ""
    found = {"url": url, "publisher": host.removeprefix("www.") or None,
             "language": (languages or "").split(",")[0].strip() or None, ENCODING: encoding}
    return RawRecord(source_uri=uri, source_sha256=sha256(data), record_id=record_id, text=text,
                     fields={k: v for k, v in found.items() if v}, fault=fault)


def _first_line(exc: BaseException) -> str:
    """An error's first line, shortened: what a one-line problem can say of it."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
