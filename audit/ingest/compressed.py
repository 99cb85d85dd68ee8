"""Compressed inputs: `corpus.jsonl.gz`, `.bz2`, `.xz`, `.zst`, read as the format inside.

Corpora travel compressed: C4 and Dolma as gzipped JSON lines, The Pile and RedPajama as
zstd, datatrove writes `.jsonl.gz` by default. A data team points the audit at the files
they have; decompressing a corpus first doubles its disk and a step nobody wants. So an
input's format is the suffix before its compression suffix, and its bytes are read through
the decompressor, as a stream (a JSONL file is never held whole).

Damaged compressed data is bad input like any other: a file cut short (a copy that ran out
of disk) keeps the records read before the cut, and the rest is one unreadable record that
names the file and the line where its data ends, never a silent stop. gzip, bz2 and lzma
raise at the cut; zstandard's stream reader stops there without a word (zstandard 0.25), so
zstd is read frame by frame here and a frame left open at the end is the same error.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from pathlib import Path
from typing import IO

# the suffix that names a compression, and the name a message gives it
COMPRESSIONS = {".gz": "gzip", ".bz2": "bz2", ".xz": "xz", ".zst": "zstd"}
BUFFER = 1 << 16  # bytes a stream reads ahead (read_jsonl's buffer: a rerun reads every line)
ZSTD_CHUNK = 1 << 17  # compressed bytes fed to zstd's decompressor at a time

try:  # zstandard: pyproject says why
    import zstandard
except ImportError:  # pragma: no cover - a .zst input then says it needs the package
    zstandard = None

# what a decompressor raises on damaged data (bz2 raises OSError, which readers catch already)
DAMAGED: tuple[type[BaseException], ...] = (EOFError, zlib.error, lzma.LZMAError, gzip.BadGzipFile) + (
    (zstandard.ZstdError,) if zstandard is not None else ())


def compression(path: Path) -> str | None:
    """The compression an input's name says ("gzip" for corpus.jsonl.gz), or None."""
    return COMPRESSIONS.get(path.suffix.lower())


def format_suffix(path: Path | str) -> str:
    """The suffix that names an input's format, lower-case: the one before a compression
    suffix ("corpus.jsonl.gz" -> ".jsonl"; "notes.gz" -> "" : no format)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in COMPRESSIONS:
        return Path(path.stem).suffix.lower()
    return suffix


def open_input(path: Path, raw: IO[bytes] | None = None) -> IO[bytes]:
    """The input's bytes as a buffered binary stream, decompressed if its name says so.
    `raw`: the file already open (its position then tells how much compressed data was read)."""
    kind = compression(path)
    if kind is None:
        return raw if raw is not None else path.open("rb", buffering=BUFFER)
    if kind == "zstd" and zstandard is None:
        raise OSError(f"{path.name}: reading zstd needs the zstandard package (pip install zstandard)")
    # given a file object, gzip, bz2 and lzma leave it open at their close: given a name,
    # they open and close the file themselves
    if kind == "gzip":
        return gzip.GzipFile(path, "rb") if raw is None else gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    if kind == "bz2":
        return bz2.BZ2File(raw if raw is not None else path, "rb")  # type: ignore[return-value]
    if kind == "xz":
        return lzma.LZMAFile(raw if raw is not None else path, "rb")  # type: ignore[return-value]
    return io.BufferedReader(_ZstdFrames(path.open("rb") if raw is None else raw, owns=raw is None), BUFFER)


def read_input(path: Path) -> bytes:
    """The whole input, decompressed if its name says so."""
    if compression(path) is None:
        return path.read_bytes()
    with open_input(path) as fh:
        return fh.read()


def damage(path: Path, exc: BaseException) -> str:
    """What a decompression error says of the file, in one line."""
    kind = compression(path) or "compressed"
    if isinstance(exc, EOFError):
        return f"the {kind} data ends early (a truncated file)"
    return f"damaged {kind} data ({' '.join(str(exc).split()) or type(exc).__name__})"


class _ZstdFrames(io.RawIOBase):
    """A zstd file's frames, decompressed one after the other; EOFError when the file ends
    inside a frame (zstandard's stream_reader returns what it has and stops, silently)."""

    def __init__(self, raw: IO[bytes], owns: bool = True) -> None:
        self._raw, self._owns = raw, owns  # `owns`: the file is closed with this stream
        self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._open = False  # a frame has begun and not ended
        self._out, self._at = b"", 0  # decompressed bytes, and how far they were read

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        while self._at == len(self._out):
            chunk = self._raw.read(ZSTD_CHUNK)
            if not chunk:
                if self._open:
                    raise EOFError("zstd data ends inside a frame")
                return 0
            self._decompress(chunk)
        size = min(len(buffer), len(self._out) - self._at)
        buffer[:size] = memoryview(self._out)[self._at:self._at + size]
        self._at += size
        return size

    def _decompress(self, chunk: bytes) -> None:
        parts = []
        while chunk:
            parts.append(self._frame.decompress(chunk))
            self._open = not self._frame.eof
            chunk = self._frame.unused_data if self._frame.eof else b""
            if self._frame.eof:  # a next frame, concatenated (pzstd, zstd --long -T writes several)
                self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._out, self._at = b"".join(parts), 0

    def close(self) -> None:
        if self._owns:
            self._raw.close()
        super().close()


def input_stem(path: Path) -> str:
    """An input's name without its format and compression suffixes ("a1.txt.gz" -> "a1"): a
    file-a-record input's record id, as "a1.txt" gives it."""
    path = Path(path)
    return Path(path.stem).stem if compression(path) is not None else path.stem


def is_damage(path: Path, exc: BaseException) -> bool:
    """Whether `exc`, raised reading `path`, says its compressed data is damaged (not that the
    file could not be opened): a decompressor's error, or bz2's OSError, which has no errno."""
    return compression(path) is not None and (
        isinstance(exc, DAMAGED) or (type(exc) is OSError and exc.errno is None))
