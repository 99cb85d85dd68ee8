"""One reader per input format; each yields RawRecords and never raises on bad data.

Large inputs stream: JSONL line by line, parquet row group by row group (a corrupt
group is one unreadable record naming its records; the other groups are read whole).
A `.json` array and a CSV are read whole (no record boundaries to stream on safely).
Bytes that are not UTF-8 are decoded as the codec they are in (audit.ingest.charset),
which `fields["encoding"]` records; the record's `source_sha256` is of its raw bytes.
"""

from __future__ import annotations

import base64
import codecs
import csv
import hashlib
import io
import itertools
import json
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audit.ingest.charset import decode_bytes, decode_declared, meta_charset
from audit.ingest.compressed import (
    DamagedInput,
    compressed_parquet,
    format_suffix,
    input_stem,
    open_input,
    open_unbuffered,
    read_input,
    read_input_until_damage,
)
from audit.model import RawRecord

OPTIONAL_FIELDS = ("title", "url", "publisher", "published", "language")
ENCODING = "encoding"  # RawRecord.fields key: the codec the record's bytes were written in


@dataclass(frozen=True, kw_only=True)
class FieldMap:
    """Which record field holds what; `--text-field body` changes `text`."""

    text: str = "text"
    id: str = "id"
    title: str = "title"
    url: str = "url"
    publisher: str = "publisher"
    published: str = "published"
    language: str = "language"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(data: bytes) -> tuple[str | None, str, str | None]:
    """(text, encoding, fault): UTF-8 (BOM tolerated), else the codec the bytes are in.

    text is None when no codec reads the bytes as text (audit.ingest.charset).
    """
    decoded = decode_bytes(data)
    if decoded is None:
        return None, "", None
    return decoded.text, decoded.encoding, decoded.fault


_UNICODE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # UTF-16/32 text holds NUL bytes


def is_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192] and not data.startswith(_UNICODE_BOMS)


def _raw(data: bytes) -> str:
    """Raw content for quarantine, whole: the text when it is UTF-8, else base64 of the bytes."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "base64:" + base64.b64encode(data).decode()
    return text if "\x00" not in text else "base64:" + base64.b64encode(data).decode()


def _unreadable(uri: str, data: bytes, reason: str, record_id: str | None = None) -> RawRecord:
    return RawRecord(
        source_uri=uri, source_sha256=sha256(data), record_id=record_id, text="",
        error=reason, raw=_raw(data),
    )


def _cut(uri: str, exc: DamagedInput, where: str, before: int) -> RawRecord:
    """The unreadable record that stands for what a damaged compressed file holds from `where` on."""
    return _unreadable(uri, b"", f"{exc}: nothing read from {where} on ({before} record{'s' if before != 1 else ''} "
                                 "before it)")


def _whole_file(path: Path, *, records: bool = False) -> tuple[bytes, RawRecord | None]:
    """Read a file whole; return an unreadable record for empty or binary files, and for a
    compressed one whose data is damaged (read_csv keeps a cut file's rows before the damage).

    A file of `records` (CSV) is not judged binary on a NUL: that NUL is in one record,
    which says so (ingest.control_chars), and the others are read.
    """
    try:
        data = read_input(path)
    except DamagedInput as exc:
        return b"", _unreadable(str(path), b"", str(exc), input_stem(path))
    return _judged_whole(path, data, records)


def _judged_whole(path: Path, data: bytes, records: bool) -> tuple[bytes, RawRecord | None]:
    if not data.strip():
        return data, _unreadable(str(path), data, "empty file", input_stem(path))
    if is_binary(data) and not records:
        return data, _unreadable(str(path), data, "binary file, not text", input_stem(path))
    return data, None


def _decoded_file(path: Path, *, records: bool = False) -> tuple[bytes, str, str, str | None] | RawRecord:
    """(bytes, text, encoding, fault) of a whole file, or the record that says why not."""
    data, bad = _whole_file(path, records=records)
    if bad:
        return bad
    return _decoded(path, data)


UNDECIDABLE = "undecidable bytes: not UTF-8 and no codec reads them as text"  # a file's, a page's


def _decoded(path: Path, data: bytes) -> tuple[bytes, str, str, str | None] | RawRecord:
    text, encoding, fault = decode(data)
    if text is None:
        return _unreadable(str(path), data, UNDECIDABLE, input_stem(path))
    return data, text, encoding, fault


SHOWN_CHARS = 40  # of a text with no letter or digit, shown in its problem line


def no_text(text: str, where: str = "") -> str | None:
    """Why a record's text is no text, or None: it is empty, or it holds no letter or digit
    (fa_news: 13 records whose text is ".", an extraction that kept only a full stop; they
    passed the audit as duplicate.exact of each other). `where` names the field. Looks only
    as far as the first letter or digit. Mojibake of a script whose every byte reads as a sign
    in cp1252 is text: Hebrew's "בהודעה" as UTF-8 read so is "×‘×”×•×“×¢×”" (ftfy's in-the-wild
    cases): hygiene.encoding says what it is, and ftfy's repair, asked only here, finds it."""
    for ch in text:
        if ch.isalnum():
            return None
    shown = text.strip()
    if not shown:
        return f"empty text{where}"
    if _repairs_to_letters(shown):
        return None
    return f"no letter or digit {where.strip() or 'in the text'} ({shown[:SHOWN_CHARS]!r})"


def _repairs_to_letters(text: str) -> bool:
    """Whether ftfy's encoding repair of a text with no letter or digit gives one (imported here:
    such texts are rare, and ftfy is no import of the readers')."""
    from ftfy import fix_encoding

    return any(ch.isalnum() for ch in fix_encoding(text))


def read_txt(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    read = _decoded_file(path)
    if isinstance(read, RawRecord):
        yield read
        return
    data, text, encoding, fault = read
    empty = no_text(text)
    if empty is not None:
        yield _unreadable(str(path), data, empty, input_stem(path))
        return
    yield RawRecord(
        source_uri=str(path), source_sha256=sha256(data), record_id=input_stem(path), text=text,
        fields={ENCODING: encoding}, fault=fault,
    )


def read_html(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    """Main text and metadata by trafilatura (`extracted_page`)."""
    data, bad = _whole_file(path)
    yield bad or _html_record(path, data)


def _html_record(path: Path, data: bytes) -> RawRecord:
    """An .html file's record from its bytes (read, neither empty nor binary)."""
    html, encoding, fault = decode_page(data)
    if html is None:
        return _unreadable(str(path), data, UNDECIDABLE, input_stem(path))
    return extracted_page(str(path), input_stem(path), data, html, encoding, fault)


_HEADER_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([^\s;\"']+)", re.IGNORECASE)


def decode_page(data: bytes, content_type: str = "") -> tuple[str | None, str, str | None]:
    """(text, encoding, fault) of a page's bytes: in the charset its HTTP Content-Type
    declares, else the one its <meta> names, as browsers read them (charset.decode_declared),
    else as any input's bytes (`decode`: UTF-8, else the codec guessed)."""
    header = _HEADER_CHARSET.search(content_type)
    for label, in_page in ((header.group(1) if header else None, False), (meta_charset(data), True)):
        if label and (declared := decode_declared(data, label, in_page)) is not None:
            return declared.text, declared.encoding, None
    return decode(data)


def extracted_page(uri: str, record_id: str | None, data: bytes, html: str, encoding: str,
                   fault: str | None, url: str | None = None) -> RawRecord:
    """A page's main text and metadata, by trafilatura (imported here: it is slow to
    import), or the unreadable record that says none was found. `url`: where the page was
    fetched (a WARC record's target), kept over the one the page names."""
    from trafilatura import bare_extraction

    # bare_extraction: extract()'s text and metadata without its JSON round trip and the
    # content fingerprint it adds to it (1-2 ms of ~25 a page; the same fields on the 181 Zyte pages)
    document = bare_extraction(html, with_metadata=True, include_comments=False, url=url)
    if document is None:
        return _unreadable(uri, data, "no main text found in HTML", record_id)
    text = unicodedata.normalize("NFC", document.text or "")  # as extract() returns it
    empty = no_text(text, " in the HTML's main text")
    if empty is not None:
        return _unreadable(uri, data, empty, record_id)
    found = {
        "title": document.title,
        "url": url or document.url,
        "publisher": document.hostname,  # the site's host: trafilatura's sitename is what a page's
        # markup calls itself ("Copyright 2014", "https://www.hawaiinewsnow.com" on Zyte's pages)
        "published": document.date,
        "language": document.language,
    }
    found = {key: unicodedata.normalize("NFC", value) if isinstance(value, str) else value  # as extract()'s
             for key, value in found.items()}  # JSON was, whole (a decomposed "café" in an og:url)
    found[ENCODING] = encoding
    return RawRecord(
        source_uri=uri, source_sha256=sha256(data), record_id=record_id,
        text=text, fields={k: v for k, v in found.items() if v}, fault=fault,
    )


# where corpora keep an article's text when not in "text" (CC-News and news-please: maintext;
# RedPajama: raw_content; many scrapers: content, body, article): named in the "no text field"
# line, so that the option to give is in the one line a user reads
TEXT_FIELD_GUESSES = ("text", "content", "body", "maintext", "article", "article_text", "full_text", "fulltext",
                      "main_text", "raw_content", "text_content", "story")
_JSON_KINDS = {list: "a list", str: "a string", int: "a number", float: "a number", bool: "true or false",
               type(None): "null"}  # a record's JSON kind, in JSON's words ("a int", "a NoneType")


def _from_mapping(uri: str, raw: bytes, obj: Any, fields: FieldMap, encoding: str | None = None,
                  decode_fault: str | None = None) -> RawRecord:
    """A record from a parsed mapping: text required (a string), the rest optional. With
    `encoding`, a readable record gets what _with_encoding would give it, made at once: a
    second RawRecord (dataclasses.replace) per line was 0.2 s of 20,000 lines' reading."""
    if not isinstance(obj, dict):
        return _unreadable(uri, raw, f"record is {_JSON_KINDS.get(type(obj), 'a ' + type(obj).__name__)}, "
                                     "not an object")
    record_id = obj.get(fields.id)
    record_id = None if record_id is None or str(record_id).strip() == "" else str(record_id)
    if fields.text not in obj:
        names = ", ".join(map(str, list(obj)[:12])) or "none"
        guess = next((k for k in TEXT_FIELD_GUESSES if k != fields.text and isinstance(obj.get(k), str)
                      and obj[k].strip()), None)
        hint = f": is it {guess!r}? --text-field {guess}" if guess else ""
        return _unreadable(uri, raw, f"no text field {fields.text!r} (fields: {names}){hint}", record_id)
    text = obj.get(fields.text)
    if text is None or (isinstance(text, float) and text != text):
        return _unreadable(uri, raw, f"empty text in field {fields.text!r}", record_id)
    if not isinstance(text, str):  # never str(): 12345 or ['a', 'b'] is not an article
        shown = json.dumps(text, ensure_ascii=False, default=repr)[:60]
        return _unreadable(uri, raw, f"text field {fields.text!r} holds a "
                                     f"{type(text).__name__} ({shown}), not a string", record_id)
    empty = no_text(text, f" in field {fields.text!r}")
    if empty is not None:
        return _unreadable(uri, raw, empty, record_id)
    found: dict[str, Any] = {}
    ignored = []
    for name in OPTIONAL_FIELDS:
        value = obj.get(getattr(fields, name))
        if value is None or (isinstance(value, float) and value != value) or not str(value).strip():
            continue
        if isinstance(value, (list, dict, bytes, bytearray)):
            ignored.append(f"{getattr(fields, name)!r} ({type(value).__name__})")
            continue
        found[name] = value if name == "published" else str(value)
    fault = f"field(s) {', '.join(ignored)} not text: ignored" if ignored else None
    if "published" in found:  # read once, here; to_article takes the date as it is
        fault = _read_published(found, fields, fault)
    if encoding is not None:  # as _with_encoding: the codec last, the decoding fault first
        found[ENCODING] = encoding
        fault = "; ".join(f for f in (decode_fault, fault) if f) or None
    return RawRecord(
        source_uri=uri, source_sha256=sha256(raw), record_id=record_id, text=text,
        fields=found, fault=fault,
    )


def _read_published(found: dict[str, Any], fields: FieldMap, fault: str | None) -> str | None:
    """The record's publication date read (a date in `found`), or, when its value is no
    date ("2024-02-30", "not a date", 12345), taken out and said in the record's fault
    (ingest.fault): the value was dropped in silence, and provenance.missing said the
    record's metadata had no date (a helper's review, twentieth session)."""
    from audit.normalise.dates import parse_metadata_date

    value = found["published"]
    when = parse_metadata_date(value)
    if when is not None:
        found["published"] = when
        return fault
    del found["published"]
    shown = json.dumps(value, ensure_ascii=False, default=str)[:60]
    said = f"field {fields.published!r} ({shown}) is not a date: ignored"
    return f"{fault}; {said}" if fault else said


class RawLine:
    """A JSONL line read but not yet parsed: `record()` makes what read_jsonl yields for
    it. A rerun's parent hands lines to the workers, which parse them on their cores
    (audit.detect.workers): parsing 20,000 records was 0.8 s of the parent's CPU, on
    the rerun's ingest path. A plain class with slots, made once a line: a frozen
    dataclass's __init__ (object.__setattr__ per field) cost three times as much."""

    __slots__ = ("fields", "line", "uri")

    def __init__(self, uri: str, line: bytes, fields: FieldMap) -> None:
        self.uri, self.line, self.fields = uri, line, fields

    def __repr__(self) -> str:
        return f"RawLine({self.uri!r}, {len(self.line)} bytes)"

    def record(self) -> RawRecord:
        return _line_record(self.uri, self.line, self.fields)


def _line_record(uri: str, line: bytes, fields: FieldMap) -> RawRecord:
    """One JSONL line's record, readable or not."""
    if is_binary(line):
        return _unreadable(uri, line, "binary data (NUL bytes), not JSON")
    text, encoding, fault = decode(line)
    if text is None:
        return _unreadable(uri, line, "undecidable bytes: not UTF-8 and no codec reads them")
    try:
        obj, scrubbed = json_record(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        # json's own messages may end "starting at": "at at column 19" read as a typo
        where = (f"{'' if exc.msg.endswith(' at') else ' at'} column {exc.colno}"
                 if isinstance(exc, json.JSONDecodeError) else "")
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deep"
        return _unreadable(uri, line, f"not JSON ({reason}{where})")
    record = _from_mapping(uri, line, obj, fields, encoding, fault)
    if (repeated := repeated_keys(text, obj)):
        record = _with_fault(record, repeated)
    return _with_fault(record, LONE_SURROGATE_FAULT) if scrubbed else record


def repeated_keys(text: str, obj: Any) -> str | None:
    """The fault of a JSON object that names a key twice (json keeps the last value, and the
    first is lost unsaid: '{"text": "...", "text": "..."}' lost an article's text), or None.
    A line holds at most as many '":' as its keys unless it repeats one or a value writes
    it: only then is it parsed again, keeping every pair (a flat record costs one count)."""
    if not isinstance(obj, dict) or text.count('":') <= len(obj):
        return None
    parsed = _noting_repeats(text)
    return None if parsed is None else _repeat_fault(parsed[1].get(id(parsed[0])))


def _noting_repeats(text: str) -> tuple[Any, dict[int, list[str]]] | None:
    """`text` parsed again with every object's pairs seen: the value, and for each object
    that names a key twice (by id; the objects live as long as the value), those keys.
    None where it does not parse."""
    noted: dict[int, list[str]] = {}

    def hook(items: list[tuple[str, Any]]) -> dict[str, Any]:
        made = dict(items)
        if len(made) < len(items):
            keys = [key for key, _ in items]
            noted[id(made)] = sorted({key for key in keys if keys.count(key) > 1}, key=keys.index)
        return made

    try:
        return json.loads(text, object_pairs_hook=hook), noted
    except (ValueError, RecursionError):
        return None


def _repeat_fault(keys: list[str] | None) -> str | None:
    return f"repeated key {', '.join(map(repr, keys))} (the last value kept)" if keys else None


def read_jsonl(path: Path, fields: FieldMap, *, parse: bool = True) -> Iterator[RawRecord | RawLine]:
    """A record a non-blank line; with `parse=False`, each line as a RawLine to parse
    later (the file's own faults, none of its lines, are still records)."""
    seen = number = 0
    where = f"{path}#line="  # str(path) once, not a line
    # a 64 KB buffer (open_input): iterating a 200 MB file's lines took 0.12 s with the
    # default 8 KB, 0.05 s so (a rerun's parent reads every line on its critical path)
    try:
        with open_input(path) as fh:
            wide = _wide_codec(fh.peek(4)[:4])  # no second open a file: a million files, 9 s
            if wide is not None:  # UTF-16/32: its lines are not split at a b"\n" byte
                yield from _wide_jsonl(path, fields, wide)
                return
            for number, line in enumerate(fh, start=1):
                if line.isspace():  # as `not line.strip()` (a line is never b""), without its copy
                    continue
                seen += 1
                uri = where + str(number)
                yield _line_record(uri, line, fields) if parse else RawLine(uri, line, fields)
    except DamagedInput as exc:  # compressed data cut short or damaged: the lines before it stand
        yield _cut(f"{where}{number + 1}", exc, f"line {number + 1}", seen)
        return
    if not seen:
        yield _unreadable(str(path), b"", "empty file, no records", input_stem(path))


_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
              (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _wide_codec(head: bytes) -> str | None:
    """UTF-16 or UTF-32 by the byte order mark a file's `head` starts with (Windows
    PowerShell's `>` writes UTF-16), else None. A helper's review (twentieth session):
    such a JSONL file, split at its b"\n" bytes, gave 3 unreadable records for 2 good ones."""
    return next((codec for bom, codec in _WIDE_BOMS if head.startswith(bom)), None)


WIDE_CHUNK = 1 << 20  # bytes of a UTF-16/32 file decoded at a time


def _wide_jsonl(path: Path, fields: FieldMap, codec: str) -> Iterator[RawRecord]:
    """read_jsonl's records of a UTF-16/32 file: a record a non-blank line, each read from its
    UTF-8 bytes (its source_sha256) with `codec` as its encoding. Decoded a chunk at a time,
    twice: once to learn that the whole file decodes (else it is one unreadable record, as
    before), once for its lines. Decoded whole, a file of 1 GB held its bytes, its text and
    its lines at once (three times its size), where read_jsonl's UTF-8 holds one line."""
    try:
        bad = _wide_fault(path, codec)
    except DamagedInput:  # compressed data damaged: what decodes before it is read below, then said
        bad = None
    if bad is not None:
        yield _unreadable(str(path), read_input(path), f"not {codec} after its byte order mark ({bad})", input_stem(path))
        return
    seen = number = 0
    try:
        for number, line in enumerate(_wide_lines(path, codec), start=1):
            if line.isspace() or not line:
                continue
            seen += 1
            yield _with_encoding(_line_record(f"{path}#line={number}", line.encode("utf-8", "surrogatepass"),
                                              fields), codec, None)
    except DamagedInput as exc:
        yield _cut(f"{path}#line={number + 1}", exc, f"line {number + 1}", seen)
        return
    if not seen:
        yield _unreadable(str(path), read_input(path), "empty file, no records", input_stem(path))


def _wide_chunks(path: Path, codec: str) -> Iterator[str]:
    """The text of a UTF-16/32 file, chunk by chunk (the byte order mark read and dropped)."""
    decoder = codecs.getincrementaldecoder(codec)()
    with open_unbuffered(path) as fh:  # (a compressed file's damage then loses no byte before it)
        for chunk in iter(lambda: fh.read(WIDE_CHUNK), b""):
            yield decoder.decode(chunk)
    yield decoder.decode(b"", final=True)


def _wide_fault(path: Path, codec: str) -> str | None:
    """Why the file does not decode ("illegal UTF-16 surrogate at byte 2"), or None. The
    byte is counted in the file, past what the decoder held back from the last chunk."""
    decoder = codecs.getincrementaldecoder(codec)()
    done = 0
    with open_unbuffered(path) as fh:
        for chunk in itertools.chain(iter(lambda: fh.read(WIDE_CHUNK), b""), [b""]):
            held = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return f"{exc.reason} at byte {done - held + exc.start}"
            done += len(chunk)
    return None


def _wide_lines(path: Path, codec: str) -> Iterator[str]:
    """The file's lines, split at "\n" only (a "\r" before it stays, as str.split left it),
    each joined once from the chunks it spans (a line of 100 MB is no quadratic join)."""
    held: list[str] = []
    for text in _wide_chunks(path, codec):
        parts = text.split("\n")
        if len(parts) == 1:
            held.append(text)
            continue
        yield "".join([*held, parts[0]])
        yield from parts[1:-1]
        held = [parts[-1]]
    yield "".join(held)


def read_json(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    read = _decoded_file(path)
    if isinstance(read, RawRecord):
        yield read
        return
    data, text, encoding, fault = read
    try:
        obj = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = f"{exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) \
            else "nested too deep"
        yield _unreadable(str(path), data, f"not JSON ({reason})", input_stem(path))
        return
    records = obj if isinstance(obj, list) else [obj]
    repeats: dict[int, list[str]] = {}
    # as read_jsonl's lines (repeated_keys): a record naming a key twice is said, not lost
    # unsaid; parsed again only when the file holds more '":' than its records' keys
    if text.count('":') > sum(len(item) for item in records if isinstance(item, dict)) \
            and (parsed := _noting_repeats(text)) is not None:
        obj, repeats = parsed
        records = obj if isinstance(obj, list) else [obj]
    if not records:
        yield _unreadable(str(path), data, "empty array, no records", input_stem(path))
    surrogates = _may_hold_surrogates(text)
    for number, item in enumerate(records, start=1):
        scrubbed, twice = False, repeats.get(id(item))  # by the parsed object, before a scrub copies it
        if surrogates:
            item, scrubbed = _scrubbed(item)
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
        record = _from_mapping(f"{path}#record={number}", raw, item, fields)
        if (repeated := _repeat_fault(twice)):
            record = _with_fault(record, repeated)
        if scrubbed:
            record = _with_fault(record, LONE_SURROGATE_FAULT)
        yield _with_encoding(record, encoding, fault)


def read_csv(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    """A record a row. A compressed file whose data is cut short or damaged keeps the rows of
    its whole lines before the damage, and the rest is one unreadable record."""
    data, cut = read_input_until_damage(path)
    if cut is not None:
        data = data[:data.rfind(b"\n") + 1]  # whole lines only: the last one may be cut
        if not data.strip():
            yield _cut(f"{path}#record=1", cut, "record 1", 0)
            return
    _, bad = _judged_whole(path, data, records=True)
    read = bad or _decoded(path, data)
    if isinstance(read, RawRecord):
        yield read
        return
    _, text, encoding, fault = read
    csv.field_size_limit(1 << 28)
    # strict: a quote left open, or text after a closing quote, is an error, not a record
    # that silently swallows the ones after it ("c2,\"Unterminated ... c3,Third article":
    # record c3 was lost in c2's text, a helper's review, twentieth session). A broken
    # record is one unreadable record holding its lines (a quote left open: the rest of
    # the file), and the reader goes on at the line after it. Spaces after a closing quote
    # alone are no fault (_spaced_quotes).
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    number, broken = 0, False
    lines: list[str] | None = None  # the file's lines as the reader splits them, when one breaks
    try:
        names = reader.fieldnames or []  # the header line, read now: no record is read without it
    except csv.Error as exc:
        yield _unreadable(str(path), text.encode(), f"CSV header broken ({exc})", input_stem(path))
        return
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:  # a row's dict keeps the last such column: said in every record's fault
        said = f"header names {', '.join(map(repr, twice))} more than once: the last such column read"
        fault = f"{fault}; {said}" if fault else said
    while True:
        before = reader.reader.line_num  # DictReader's own line_num is set only after a good row
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            lines = lines if lines is not None else io.StringIO(text, newline="").readlines()
            chunk = "".join(lines[before:reader.reader.line_num])
            row = _spaced_quotes(chunk, reader.fieldnames)
            if row is None:
                broken, number = True, number + 1
                yield _unreadable(f"{path}#record={number}", chunk.encode(),
                                  f"CSV record broken at line {before + 1} ({exc})")
                continue
        number += 1
        raw = json.dumps(row, ensure_ascii=False).encode()
        uri = f"{path}#record={number}"
        if None in row:  # more cells than header names
            yield _unreadable(uri, raw, f"{len(row[None])} cell(s) more than the header has")
            continue
        yield _with_encoding(_from_mapping(uri, raw, row, fields), encoding, fault)
    if cut is not None:
        yield _cut(f"{path}#record={number + 1}", cut, f"record {number + 1}", number)
    elif not number and not broken:  # nothing, or a header alone: said, as an empty JSONL or parquet file is
        yield _unreadable(str(path), text.encode(), "empty file, no records" if reader.fieldnames is None
                          else "a header and no records", input_stem(path))


_SPACE_AFTER_QUOTE = re.compile(r'"[ \t]+(?=,|\r?\n|$)')


def _spaced_quotes(chunk: str, names: Sequence[str] | None) -> dict[str, Any] | None:
    """The one row of a record's lines that a strict reader refused only for spaces after a
    closing quote (`c1,"a" `, which the lenient reader read as `a `), else None."""
    if names is None or not _SPACE_AFTER_QUOTE.search(chunk):
        return None
    try:
        rows = list(csv.DictReader(io.StringIO(_SPACE_AFTER_QUOTE.sub('"', chunk), newline=""),
                                   fieldnames=names, strict=True))
    except csv.Error:
        return None
    return rows[0] if len(rows) == 1 else None


def read_parquet(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    """Row group by row group: a corrupt group is one unreadable record, the others whole."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
        groups = parquet.metadata.num_row_groups
    except Exception as exc:  # pyarrow raises several types for a broken file
        yield _unreadable(str(path), path.read_bytes(), f"not a readable parquet file ({exc})", input_stem(path))
        return
    number = 0
    for group in range(groups):
        rows = parquet.metadata.row_group(group).num_rows
        try:
            table = parquet.read_row_group(group)
        except Exception as exc:  # a corrupt page, a bad codec block
            first, last = number + 1, number + rows
            yield _unreadable(
                f"{path}#row_group={group}&records={first}-{last}", _group_bytes(path, parquet, group),
                f"row group {group} (records {first}-{last}, {rows} rows) unreadable: "
                f"{' '.join(str(exc).split())}",
            )
            number += rows
            continue
        for row in table.to_pylist():
            number += 1
            raw = json.dumps(row, ensure_ascii=False, default=str).encode()
            record = _from_mapping(f"{path}#record={number}", raw, row, fields)
            yield _with_encoding(record, "utf-8", None)  # parquet strings are UTF-8 by spec
    if not number:
        yield _unreadable(str(path), b"", "empty file, no records", input_stem(path))


def _group_bytes(path: Path, parquet: Any, group: int) -> bytes:
    """The bytes of one row group's column chunks (what quarantine keeps of a bad group)."""
    meta = parquet.metadata.row_group(group)
    spans = []
    for i in range(meta.num_columns):
        col = meta.column(i)
        start = min(o for o in (col.dictionary_page_offset, col.data_page_offset) if o is not None)
        spans.append((start, start + col.total_compressed_size))
    if not spans:
        return b""
    with path.open("rb") as fh:
        fh.seek(min(s for s, _ in spans))
        return fh.read(max(e for _, e in spans) - min(s for s, _ in spans))


# A JSON escape of a UTF-16 surrogate (\\ud800-\\udfff). A pair of them is one character once
# parsed; one alone (a tweet cut in the middle of an emoji) parses into a code point no UTF-8
# writer takes, and the run's outputs could not be written.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
LONE_SURROGATE_FAULT = "lone surrogate escape(s) in the JSON (e.g. \\ud800): replaced by U+FFFD"


def _scrubbed(value: Any) -> tuple[Any, bool]:
    """The parsed JSON value with each lone surrogate replaced by U+FFFD (in any string, keys
    too), and whether one was: what a lenient decoder gives for a code unit that is no
    character, kept visible to hygiene.encoding, which reports U+FFFD as text that is gone."""
    replaced = False

    def scrub(v: Any) -> Any:
        nonlocal replaced
        if isinstance(v, str):
            if _LONE_SURROGATE.search(v):
                replaced = True
                return _LONE_SURROGATE.sub("\ufffd", v)
            return v
        if isinstance(v, list):
            return [scrub(x) for x in v]
        if isinstance(v, dict):
            return {scrub(k): scrub(x) for k, x in v.items()}
        return v

    value = scrub(value)
    return value, replaced


def _may_hold_surrogates(text: str) -> bool:
    """Whether JSON text has a surrogate escape (a memchr, then a regex scan when it has any
    escape): only such text is walked for lone surrogates."""
    return "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None


def json_record(text: str) -> tuple[Any, bool]:
    """The JSON value of a record's text as the readers take it (lone surrogates replaced),
    and whether one was replaced; json's errors are the caller's."""
    obj = json.loads(text)
    return _scrubbed(obj) if _may_hold_surrogates(text) else (obj, False)


def _with_fault(record: RawRecord, fault: str) -> RawRecord:
    if record.error:
        return record
    return replace(record, fault="; ".join(f for f in (record.fault, fault) if f))


def _with_encoding(record: RawRecord, encoding: str, fault: str | None) -> RawRecord:
    """The record with the codec its bytes were in, and the decoding fault if any."""
    if record.error:
        return record
    faults = "; ".join(f for f in (fault, record.fault) if f) or None
    return replace(record, fields={**record.fields, ENCODING: encoding}, fault=faults)


def read_warc(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    """A WARC file's HTML pages, each extracted as an .html file's (audit.ingest.warc)."""
    from audit.ingest.warc import read_pages

    yield from read_pages(path)


READERS: dict[str, Callable[[Path, FieldMap], Iterator[Any]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".parquet": read_parquet,
    ".warc": read_warc,
    ".wet": read_warc,  # Common Crawl's text of its pages (CC-MAIN-....warc.wet.gz): WARC conversion records
}


class RawHtml:
    """An .html file not yet read: `record()` reads it and extracts its main text (~25 ms),
    in the run's workers (RawPage's reason)."""

    __slots__ = ("data", "path", "record_id", "uri")

    def __init__(self, path: Path) -> None:
        self.path, self.uri, self.record_id = path, str(path), input_stem(path)
        self.data: bytes | None = None  # read by `cache_key`: the record is then made of those bytes

    def __repr__(self) -> str:
        return f"RawHtml({self.uri!r})"

    def record(self) -> RawRecord:
        if self.data is not None:  # the bytes the cache was asked about, not the file as it is now
            bad = _judged_whole(self.path, self.data, False)[1]
            return bad or _html_record(self.path, self.data)
        return next(read_file(self.path, FieldMap()))  # type: ignore[no-any-return]  # one record a file

    def cache_key(self) -> tuple[str, str] | None:
        """(what its record is kept under: audit.ingest.page_cache, its source_sha256), or
        None when the file cannot be read (`record` says why)."""
        from audit.ingest.page_cache import page_key

        try:
            self.data = read_input(self.path)
        except OSError:
            return None
        return page_key(self.data), sha256(self.data)


def read_file(path: Path, fields: FieldMap, lines: bool = False) -> Iterator[Any]:
    """Dispatch on the file's format (the suffix before a compression suffix: `.jsonl.gz`
    reads as JSONL, decompressed); an OS error, or damaged compressed data, becomes an
    unreadable record. With `lines`, what is costly to make comes unmade, for the run's
    workers to make: a JSONL file's lines unparsed (RawLine), pages unextracted (RawHtml,
    audit.ingest.warc.RawPage); each has `uri`, and `record()` gives its RawRecord."""
    try:
        reader = READERS[format_suffix(path)]
        if compressed_parquet(path):
            yield _unreadable(str(path), b"", COMPRESSED_PARQUET, input_stem(path))
        elif lines and reader is read_jsonl:
            yield from read_jsonl(path, fields, parse=False)
        elif lines and reader is read_warc:
            from audit.ingest.warc import read_pages

            yield from read_pages(path, deferred=True)
        elif lines and reader is read_html:
            yield RawHtml(path)
        else:
            yield from reader(path, fields)
    except OSError as exc:
        yield RawRecord(
            source_uri=str(path), source_sha256="", record_id=input_stem(path), text="",
            error=str(exc) if isinstance(exc, DamagedInput) else f"cannot read ({exc.strerror or exc})",
        )


# Parquet compresses its own pages, and a reader needs to seek in it: a compressed one is
# refused (list_inputs says so before a run starts)
COMPRESSED_PARQUET = "a compressed Parquet file: Parquet compresses its own pages; give the .parquet file itself"
