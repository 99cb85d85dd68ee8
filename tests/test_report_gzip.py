"""The report's packed data files are gzipped by ISA-L's deflate (python-isal, a
dependency) when it is installed, else by zlib: either is the gzip that the page's
DecompressionStream and Python's gzip read (the browser reads them in
test_report_browser.py)."""

from __future__ import annotations

import base64
import gzip
import json
from pathlib import Path

import pytest

from audit.report import data

BODY = json.dumps({"rows": [{"id": f"a{i}", "text": "Sätze über “Mojibake” and news. " * (5 + i % 7)}
                            for i in range(3000)]}, ensure_ascii=False).encode()


def _blob(path: Path) -> bytes:
    """The gzip member inside a packed data file (AUDIT_LOAD(name,"base64",1);)."""
    rest = path.read_text(encoding="utf-8").partition(",")[2]
    return base64.b64decode(json.loads(rest[: -len(",1);\n")]))


def test_packed_files_are_isal_gzip_that_zlib_reads(tmp_path: Path) -> None:
    assert data.gzip_compress.__module__.startswith("isal")  # the dependency is installed
    written = data.write_body(tmp_path, "view-0", BODY, packed=True)
    assert written == (tmp_path / "view-0.js").stat().st_size
    blob = _blob(tmp_path / "view-0.js")
    assert blob[:2] == b"\x1f\x8b" and gzip.decompress(blob) == BODY  # a gzip member zlib reads
    assert data.read_data_file(tmp_path / "view-0.js") == json.loads(BODY)
    data.write_body(tmp_path, "view-1", BODY, packed=True)
    assert _blob(tmp_path / "view-1.js") == blob  # the same bytes each run (mtime 0)
    assert len(blob) <= len(gzip.compress(BODY, compresslevel=1, mtime=0)) * 1.05  # no bigger to speak of


def test_without_isal_zlib_packs_the_same_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data.write_body(tmp_path, "isal", BODY, packed=True)
    monkeypatch.setattr(data, "gzip_compress", gzip.compress)
    data.write_body(tmp_path, "zlib", BODY, packed=True)
    assert _blob(tmp_path / "zlib.js") == gzip.compress(BODY, compresslevel=1, mtime=0)
    assert data.read_data_file(tmp_path / "zlib.js") == data.read_data_file(tmp_path / "isal.js")
