"""Compressed inputs: `corpus.jsonl.gz`, `.bz2`, `.xz`, `.zst`, read as the format inside.

Corpora travel compressed: C4 and Dolma as gzipped JSON lines, The Pile and RedPajama as
zstd, datatrove writes `.jsonl.gz` by default. A data team points the audit at the files
they have; decompressing a corpus first doubles its disk and a step nobody wants. So an
input's format is the suffix before its compression suffix, and its bytes are read through
the decompressor, as a stream (a JSONL file is never held whole).

Damaged compressed data is bad input like any other: a file cut short (a copy that ran out
of disk) keeps the records read before the cut, and the rest is one unreadable record that
names the file and the line where its data ends, never a silent stop. The standard
library's and zstandard's readers each fall silent somewhere: bz2 and lzma drop whatever
follows a stream if it does not decode, zstandard's stream reader stops at a cut frame, and
zstd decompresses a whole chunk at once (a 25 KB file of one repeated line took 315 MB to
read its first record; a helper's review). So `_Streams` runs the four decompressors in one
loop of its own: stream after stream (gzip members, bz2 and xz streams, zstd frames), a
bounded piece at a time, and what is left at the end, or does not decode, is `DamagedInput`,
raised once the bytes decompressed before it are read.
"""

from __future__ import annotations

import bz2
import io
import lzma
import zlib
from pathlib import Path
from typing import IO, Any

# the suffix that names a compression, and the name a message gives it
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
BUFFER = 1 << 16  # bytes a stream reads ahead (read_jsonl's buffer: a rerun reads every line)
READ = 1 << 16  # compressed bytes read from the file at a time
OUT = 1 << 18  # decompressed bytes made at a time (gzip, bz2, xz: max_length)
ZSTD_FEED = 1 << 12  # compressed bytes given to zstd at a time (it has no max_length: this bounds its output)
MAGIC = {"gzip": b"\x1f\x8b", "bz2": b"BZh", "xz": b"\xfd7zXZ\x00", "zstd": b"\x28\xb5\x2f\xfd"}
PADDED = frozenset({"gzip", "xz"})  # formats whose readers skip null bytes after a stream
ZSTD_WINDOW = 1 << 31  # `zstd --long=31` writes frames with windows this large (the default refuses > 128 MB)

try:  # zstandard: pyproject says why
    import zstandard
except ImportError:  # pragma: no cover - list_inputs then says a .zst input needs the package
    zstandard = None


class DamagedInput(OSError):
    """A compressed input whose data ends early or does not decode; its text is the message."""


def compression(path: Path | str) -> str | None:
    """The compression an input's name says ("gzip" for corpus.jsonl.gz), or None."""
    return COMPRESSIONS.get(Path(path).suffix.lower())


def format_suffix(path: Path | str) -> str:
    """The suffix that names an input's format, lower-case: the one before a compression
    suffix ("corpus.jsonl.gz" -> ".jsonl"; "notes.gz" -> "" : no format)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in COMPRESSIONS:
        return Path(path.stem).suffix.lower()
    return suffix


def input_stem(path: Path) -> str:
    """An input's name without its format and compression suffixes ("a1.txt.gz" -> "a1"): a
    file-a-record input's record id, as "a1.txt" gives it."""
    path = Path(path)
    return Path(path.stem).stem if compression(path) is not None else path.stem


def compressed_parquet(path: Path | str) -> bool:
    """Whether the input is a compressed Parquet file, which no reader takes: Parquet
    compresses its own pages, and its reader seeks in the file."""
    return format_suffix(path) == ".parquet" and compression(path) is not None


def missing_package(path: Path) -> str | None:
    """Why this machine cannot read the input's compression (zstd without zstandard), or None."""
    if compression(path) == "zstd" and zstandard is None:
        return f"{path}: reading zstd needs the zstandard package (pip install zstandard)"
    return None


def open_input(path: Path) -> IO[bytes]:
    """The input's bytes as a buffered binary stream, decompressed if its name says so
    (`.raw.consumed` then counts the compressed bytes decompressed so far)."""
    if compression(path) is None:
        return path.open("rb", buffering=BUFFER)
    return io.BufferedReader(open_unbuffered(path), BUFFER)  # type: ignore[arg-type]


def open_unbuffered(path: Path) -> IO[bytes]:
    """open_input without its buffer: each `read(n)` gives what is decompressed so far, and a
    DamagedInput loses none of it (a buffered read of n bytes drops the bytes it gathered when
    the next piece raises: a UTF-16 file cut short kept none of its lines)."""
    kind = compression(path)
    if kind is None:
        return path.open("rb")
    if (missing := missing_package(path)) is not None:
        raise OSError(missing)
    return _Streams(path.open("rb"), kind)  # type: ignore[return-value]


def read_input(path: Path) -> bytes:
    """The whole input, decompressed if its name says so (DamagedInput if it is damaged)."""
    if compression(path) is None:
        return path.read_bytes()
    with open_input(path) as fh:
        return fh.read()


def read_input_until_damage(path: Path) -> tuple[bytes, DamagedInput | None]:
    """The whole input, or, when its compressed data is damaged, what was decompressed before
    the damage and the error: a CSV file cut short keeps its records before the cut."""
    if compression(path) is None:
        return path.read_bytes(), None
    parts: list[bytes] = []
    with open_unbuffered(path) as fh:
        try:
            for block in iter(lambda: fh.read(OUT), b""):
                parts.append(block)
        except DamagedInput as exc:
            return b"".join(parts), exc
    return b"".join(parts), None


class _Decompressor:
    """One stream's decompressor (a gzip member, a bz2 or xz stream, a zstd frame) behind one
    interface: `take(data)` gives what a bounded piece decompresses to, `hungry` whether it
    needs more input to go on, `eof` and `unused_data` as the standard library's."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._d: Any
        if kind == "gzip":
            self._d = zlib.decompressobj(wbits=31)  # a gzip member: header, deflate, CRC-32 and size checked
        elif kind == "bz2":
            self._d = bz2.BZ2Decompressor()
        elif kind == "xz":
            self._d = lzma.LZMADecompressor()
        else:
            self._d = zstandard.ZstdDecompressor(max_window_size=ZSTD_WINDOW).decompressobj(read_across_frames=False)

    def take(self, data: bytes) -> bytes:
        if self.kind == "gzip":
            return self._d.decompress(self._d.unconsumed_tail + data, OUT)
        if self.kind == "zstd":
            return self._d.decompress(data)
        return self._d.decompress(data, OUT)

    @property
    def hungry(self) -> bool:
        if self.kind == "gzip":
            return not self._d.unconsumed_tail
        if self.kind == "zstd":
            return True
        return self._d.needs_input

    @property
    def eof(self) -> bool:
        return bool(self._d.eof)

    @property
    def unused_data(self) -> bytes:
        return self._d.unused_data


class _Streams(io.RawIOBase):
    """A compressed file's streams decompressed one after the other, a bounded piece at a time.
    The file ending inside a stream, or data that does not decode (also after a complete
    stream), is DamagedInput, raised after the bytes decompressed before it are read."""

    def __init__(self, raw: IO[bytes], kind: str) -> None:
        self._raw, self._kind = raw, kind
        self._stream: _Decompressor | None = None  # None between streams
        self._held = b""  # compressed bytes read from the file, not yet given to a decompressor
        self._out = memoryview(b"")
        self._error: DamagedInput | None = None  # raised at every read once what came before is read
        self._streams = 0  # streams ended so far (zeros may pad them: gzip, xz)
        self._head = b""  # the file's first bytes: its format's magic number, or not
        self.consumed = 0  # compressed bytes given to the decompressors so far

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        while not len(self._out):
            if self._error is not None:
                raise self._error  # again at a later read: never a silent end of the data
            if not self._more():
                return 0
        size = min(len(buffer), len(self._out))
        buffer[:size] = self._out[:size]
        self._out = self._out[size:]
        return size

    def _more(self) -> bool:
        """Decompress the next piece into _out (maybe nothing yet); False at the data's end."""
        stream = self._stream
        feed = b""
        if stream is None or stream.hungry:
            if not self._held:
                self._held = self._raw.read(READ)
                self._head = self._head or self._held[:6]
            if not self._held:
                if stream is not None:
                    self._error = DamagedInput(f"the {self._kind} data ends early (a truncated file)")
                    return True
                return False
            if stream is None:
                if self._streams and self._kind in PADDED and self._held[:1] == b"\0":
                    self._held = self._held.lstrip(b"\0")  # null padding after a stream: gzip's and
                    return True  # xz's readers allow it (xz: between streams too)
                stream = self._stream = _Decompressor(self._kind)
            size = ZSTD_FEED if self._kind == "zstd" else READ
            feed, self._held = self._held[:size], self._held[size:]
            self.consumed += len(feed)
        try:
            out = stream.take(feed)
        except (OSError, EOFError, zlib.error, lzma.LZMAError, *_ZSTD_ERRORS) as exc:
            self._error = DamagedInput(self._damage(exc))
            return True
        if stream.eof:  # a next stream may follow (concatenated members, pbzip2, zstd -T)
            self._held, self._stream = stream.unused_data + self._held, None
            self._streams += 1
        self._out = memoryview(out)
        return True

    def _damage(self, exc: BaseException) -> str:
        said = " ".join(str(exc).split()) or type(exc).__name__
        if not self._streams and not self._head.startswith(MAGIC[self._kind]):
            return f"not {self._kind} data ({said})"  # not even its format's first bytes
        if "data check" in said or "length check" in said or "checksum" in said:  # zlib's, zstd's
            return f"{self._kind} data fails its checksum ({said}): what was read before it may be damaged too"
        return f"damaged {self._kind} data ({said})"

    def close(self) -> None:
        self._raw.close()
        super().close()


_ZSTD_ERRORS: tuple[type[BaseException], ...] = (zstandard.ZstdError,) if zstandard is not None else ()
