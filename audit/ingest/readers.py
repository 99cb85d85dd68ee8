"""One reader per input format; each yields RawRecords and never raises on bad data.

Large inputs stream: JSONL and CSV line by line, parquet in record batches. Only a
`.json` array is read whole (the format has no record boundaries to stream on).
"""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from audit.model import RawRecord

PARQUET_BATCH_ROWS = 1024
OPTIONAL_FIELDS = ("title", "url", "publisher", "published", "language")


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


def decode(data: bytes) -> tuple[str, str | None]:
    """UTF-8 (BOM tolerated); on invalid bytes decode what can be and name the fault."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8-sig", errors="replace")
        return text, f"invalid UTF-8 at byte {exc.start} (decoded with U+FFFD replacements)"


def is_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def _unreadable(uri: str, data: bytes, reason: str, record_id: str | None = None) -> RawRecord:
    raw = "base64:" + base64.b64encode(data[: 1 << 20]).decode() if is_binary(data) else data.decode(
        "utf-8", errors="replace"
    )
    return RawRecord(
        source_uri=uri, source_sha256=sha256(data), record_id=record_id, text="",
        error=reason, raw=raw,
    )


def _whole_file(path: Path) -> tuple[bytes, RawRecord | None]:
    """Read a one-article file; return an unreadable record for empty or binary files."""
    data = path.read_bytes()
    if not data.strip():
        return data, _unreadable(str(path), data, "empty file", path.stem)
    if is_binary(data):
        return data, _unreadable(str(path), data, "binary file, not text", path.stem)
    return data, None


def read_txt(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    data, bad = _whole_file(path)
    if bad:
        yield bad
        return
    text, fault = decode(data)
    yield RawRecord(
        source_uri=str(path), source_sha256=sha256(data), record_id=path.stem, text=text,
        fault=fault,
    )


def read_html(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    """Main text and metadata by trafilatura (imported here: it is slow to import)."""
    import trafilatura

    data, bad = _whole_file(path)
    if bad:
        yield bad
        return
    html, fault = decode(data)
    extracted = trafilatura.extract(
        html, output_format="json", with_metadata=True, include_comments=False
    )
    if not extracted:
        yield _unreadable(str(path), data, "no main text found in HTML", path.stem)
        return
    meta = json.loads(extracted)
    found = {
        "title": meta.get("title"),
        "url": meta.get("url") or meta.get("source"),
        "publisher": meta.get("sitename") or meta.get("hostname"),
        "published": meta.get("date"),
        "language": meta.get("language"),
    }
    yield RawRecord(
        source_uri=str(path), source_sha256=sha256(data), record_id=path.stem,
        text=meta.get("text") or "", fields={k: v for k, v in found.items() if v}, fault=fault,
    )


def _from_mapping(uri: str, raw: bytes, obj: Any, fields: FieldMap) -> RawRecord:
    """A record from a parsed mapping: text required, the rest optional."""
    if not isinstance(obj, dict):
        return _unreadable(uri, raw, f"record is a {type(obj).__name__}, not an object")
    record_id = obj.get(fields.id)
    record_id = None if record_id is None or str(record_id).strip() == "" else str(record_id)
    if fields.text not in obj:
        names = ", ".join(map(str, list(obj)[:12])) or "none"
        return _unreadable(uri, raw, f"no text field {fields.text!r} (fields: {names})", record_id)
    text = obj.get(fields.text)
    if text is None or (isinstance(text, float) and text != text) or str(text).strip() == "":
        return _unreadable(uri, raw, f"empty text in field {fields.text!r}", record_id)
    found = {}
    for name in OPTIONAL_FIELDS:
        value = obj.get(getattr(fields, name))
        if value is not None and not (isinstance(value, float) and value != value) and str(value):
            found[name] = value if name == "published" else str(value)
    return RawRecord(
        source_uri=uri, source_sha256=sha256(raw), record_id=record_id, text=str(text),
        fields=found,
    )


def read_jsonl(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    seen = 0
    with path.open("rb") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            seen += 1
            uri = f"{path}#line={number}"
            if is_binary(line):
                yield _unreadable(uri, line, "binary data, not JSON")
                continue
            text, fault = decode(line)
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                yield _unreadable(uri, line, f"not JSON ({exc.msg} at column {exc.colno})")
                continue
            record = _from_mapping(uri, line, obj, fields)
            yield _with_fault(record, fault)
    if not seen:
        yield _unreadable(str(path), b"", "empty file, no records", path.stem)


def read_json(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    data, bad = _whole_file(path)
    if bad:
        yield bad
        return
    text, fault = decode(data)
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _unreadable(str(path), data, f"not JSON ({exc.msg} at line {exc.lineno})", path.stem)
        return
    records = obj if isinstance(obj, list) else [obj]
    for number, item in enumerate(records, start=1):
        raw = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
        yield _with_fault(_from_mapping(f"{path}#record={number}", raw, item, fields), fault)


def read_csv(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    data, bad = _whole_file(path)
    if bad:
        yield bad
        return
    text, fault = decode(data)
    csv.field_size_limit(1 << 28)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for number, row in enumerate(reader, start=1):
        raw = json.dumps(row, ensure_ascii=False).encode()
        uri = f"{path}#record={number}"
        if None in row:  # more cells than header names
            yield _unreadable(uri, raw, f"{len(row[None]) } cell(s) more than the header has")
            continue
        yield _with_fault(_from_mapping(uri, raw, row, fields), fault)


def read_parquet(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a broken file
        yield _unreadable(str(path), path.read_bytes(), f"not a readable parquet file ({exc})", path.stem)
        return
    number = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS):
        for row in batch.to_pylist():
            number += 1
            raw = json.dumps(row, ensure_ascii=False, default=str).encode()
            yield _from_mapping(f"{path}#record={number}", raw, row, fields)
    if not number:
        yield _unreadable(str(path), b"", "empty file, no records", path.stem)


def _with_fault(record: RawRecord, fault: str | None) -> RawRecord:
    return record if not fault or record.error else replace(record, fault=fault)


READERS: dict[str, Callable[[Path, FieldMap], Iterator[RawRecord]]] = {
    ".txt": read_txt,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".json": read_json,
    ".csv": read_csv,
    ".parquet": read_parquet,
}


def read_file(path: Path, fields: FieldMap) -> Iterator[RawRecord]:
    """Dispatch on the file's extension; an OS error becomes an unreadable record."""
    try:
        yield from READERS[path.suffix.lower()](path, fields)
    except OSError as exc:
        yield RawRecord(
            source_uri=str(path), source_sha256="", record_id=path.stem, text="",
            error=f"cannot read ({exc.strerror or exc})",
        )
